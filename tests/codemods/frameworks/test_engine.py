"""Differential proof: programs written against LangChain's and LlamaIndex's engine wrappers, and the same programs
after ``sovmigrate rewrite`` wrote them to disk, print the same thing on the tiny model (llama.cpp in-process, and
the Ollama stand-in server), run as subprocesses.

The programs rely on the wrappers' own defaults (LlamaCpp's 256 tokens and repeat_penalty=1.1, llama.cpp's
top_k/top_p/min_p, n_ctx=512, n_batch=8, LlamaIndex's temperature=0.1...), greedy and seeded: if the codemod did
not write each of them out, the adapter's neutral defaults would change the output.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sovmigrate
from tests.adapter.conftest import fake_ollama, gguf, need, tiny  # noqa: F401 - session fixtures

pytestmark = [pytest.mark.engine, pytest.mark.fixtures, pytest.mark.slow]

PROGRAMS = Path(__file__).parent / "programs"


def run(program: Path, argument: str) -> str:
    done = subprocess.run(
        [sys.executable, str(program), argument], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def rewritten(tmp_path: Path, name: str, *, unsafe: bool = False) -> tuple[Path, sovmigrate.RewriteResult]:
    program = tmp_path / name
    shutil.copy(PROGRAMS / name, program)
    return program, sovmigrate.rewrite([program], root=tmp_path, unsafe=unsafe)


def outcomes(result: sovmigrate.RewriteResult) -> list[tuple[str, str, bool]]:
    return sorted((o.rule, o.safety.value, o.applied) for o in result.outcomes)


def test_langchain_llamacpp_program(tmp_path: Path, gguf: str) -> None:  # noqa: F811
    need("langchain_community", "langchain")
    original = PROGRAMS / "llamacpp_chain_program.py"
    program, result = rewritten(tmp_path, original.name)
    assert outcomes(result) == [("SOV400", "safe", True)] * 3 + [("SOV401", "safe", True)] * 5
    text = program.read_text()
    assert "langchain_community" not in text and "from sovmigrate.integrations.langchain import" in text
    before = run(original, gguf)
    assert len(before.splitlines()) == 7 and "''" not in before
    assert run(program, gguf) == before


def test_llama_index_llamacpp_program(tmp_path: Path, gguf: str) -> None:  # noqa: F811
    need("llama_index.llms.llama_cpp", "llama-index")
    original = PROGRAMS / "llamacpp_index_program.py"
    program, result = rewritten(tmp_path, original.name)
    assert outcomes(result) == [("SOV410", "safe", True)] * 2 + [("SOV411", "safe", True)] * 4
    before = run(original, gguf)
    assert len(before.splitlines()) == 4
    assert run(program, gguf) == before


def test_langchain_ollama_program(tmp_path: Path, fake_ollama: Any) -> None:  # noqa: F811
    need("langchain_ollama", "langchain")
    original = PROGRAMS / "ollama_chat_program.py"
    program, result = rewritten(tmp_path, original.name)
    assert outcomes(result) == [("SOV400", "safe", True)] * 3 + [("SOV401", "safe", True)] * 4
    fake_ollama.requests.clear()
    before = run(original, fake_ollama.url)
    sent_before = _options(fake_ollama.requests)
    fake_ollama.requests.clear()
    assert run(program, fake_ollama.url) == before
    # The server received the same options: the ones the program gave, and no others.
    assert _options(fake_ollama.requests) == sent_before
    assert sent_before[0] == ("/api/chat", {"temperature": 0, "num_predict": 24, "repeat_penalty": 1.0})


def _options(requests: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """The options of each request (null ones are unset: OllamaEmbeddings sends every option, most as null)."""
    return [
        (path, {k: v for k, v in (body.get("options") or {}).items() if v is not None})
        for path, body in requests
    ]
