"""Capabilities as data (for the migration plan) and the llama.cpp context default read from GGUF headers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sovmigrate.adapter import Capabilities, backend_capabilities, backend_names
from sovmigrate.adapter.backends._gguf import trained_context
from sovmigrate.adapter.params import NEUTRAL_PARAMS

BUILTIN = ["bedrock", "llamacpp", "ollama", "openai", "transformers", "vllm"]


def test_every_backend_states_its_capabilities_without_its_engine() -> None:
    code = (
        "import json, sys\n"
        "from sovmigrate.adapter import backend_capabilities\n"
        f"caps = {{n: backend_capabilities(n).to_dict() for n in {BUILTIN!r}}}\n"
        "heavy = [m for m in ('torch', 'transformers', 'llama_cpp', 'vllm', 'httpx', 'botocore') if m in sys.modules]\n"
        "print(json.dumps({'caps': caps, 'heavy': heavy}))\n"
    )
    out = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    assert out["heavy"] == []
    caps = out["caps"]
    assert set(caps) == set(BUILTIN)
    table = {
        n: (c["streaming"], c["tools"], c["json_schema"], c["embeddings"], c["tokenize"])
        for n, c in caps.items()
    }
    assert table == {
        "bedrock": (True, False, False, False, False),
        "llamacpp": (True, False, True, True, True),
        "ollama": (True, False, True, True, False),
        "openai": (True, True, True, True, False),
        "transformers": (True, False, False, False, True),
        "vllm": (False, False, True, False, True),
    }
    assert caps["llamacpp"]["requires"] == {
        "embeddings": "embedding=True",
        "logprobs": "logits_all=True",
        "lora": "lora_path='...'",
    }
    for name, c in caps.items():
        assert set(c["params"]) <= NEUTRAL_PARAMS, name
        assert c["max_context"] is None  # known only once connected


@pytest.mark.parametrize(
    ("backend", "honoured", "refused"),
    [
        ("llamacpp", {"min_p", "typical_p", "mirostat", "repetition_penalty", "logprobs"}, {"n", "tools"}),
        (
            "transformers",
            {"min_p", "typical_p", "top_k", "repetition_penalty"},
            {"presence_penalty", "mirostat"},
        ),
        ("vllm", {"min_p", "n", "presence_penalty"}, {"typical_p", "mirostat", "tools"}),
        ("ollama", {"min_p", "typical_p", "mirostat", "mirostat_tau"}, {"n", "logprobs"}),
        ("openai", {"tools", "n", "logprobs", "top_k", "min_p", "mirostat"}, set()),
        ("bedrock", {"max_tokens", "temperature", "top_p", "stop"}, {"top_k", "seed", "n", "min_p"}),
    ],
)
def test_which_sampling_parameters_each_backend_honours(
    backend: str, honoured: set[str], refused: set[str]
) -> None:
    params = backend_capabilities(backend).params
    assert honoured <= params and not (refused & params)


def test_capabilities_are_public_and_json_ready() -> None:
    caps = Capabilities(True, False, True, False, False, 4096, frozenset({"max_tokens", "temperature"}))
    data = caps.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["params"] == ["max_tokens", "temperature"] and data["lora"] is False
    assert set(backend_names()) >= set(BUILTIN)


# -- trained context from the GGUF header ----------------------------------------------------------------------
def write_gguf(path: Path, context: int | None, *, vocab_first: bool = False) -> Path:
    gguf = pytest.importorskip("gguf", reason="gguf (the GGUF writer) is not installed: pip install gguf")
    w = gguf.GGUFWriter(str(path), "llama")
    if vocab_first:
        w.add_token_list([f"t{i}" for i in range(5000)])
        w.add_token_scores([0.0] * 5000)
    if context is not None:
        w.add_context_length(context)
    w.add_embedding_length(64)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.close()
    return path


@pytest.mark.parametrize("vocab_first", [False, True], ids=["arch keys first", "after the vocabulary"])
def test_trained_context_is_read_from_the_header(tmp_path: Path, vocab_first: bool) -> None:
    assert trained_context(write_gguf(tmp_path / "m.gguf", 131072, vocab_first=vocab_first)) == 131072


def test_trained_context_absent_or_unreadable_is_none(tmp_path: Path) -> None:
    assert trained_context(write_gguf(tmp_path / "none.gguf", None)) is None
    (tmp_path / "text.gguf").write_text("not a gguf", encoding="utf-8")
    assert trained_context(tmp_path / "text.gguf") is None
    whole = write_gguf(tmp_path / "whole.gguf", 4096, vocab_first=True).read_bytes()
    (tmp_path / "cut.gguf").write_bytes(whole[:200])
    assert trained_context(tmp_path / "cut.gguf") is None
    assert trained_context(tmp_path / "absent.gguf") is None
