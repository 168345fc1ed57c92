"""llamacpp backend: greedy outputs equal llama-cpp-python's own API on the tiny model."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sovmigrate.adapter import BadRequest, CapabilityError, ChatModel, UnsupportedParameter, connect
from tests.adapter.conftest import MESSAGES, N_CTX, PROMPT

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

VOLATILE = ("id", "created")


def stable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in VOLATILE}


@pytest.fixture(scope="module")
def model(gguf: str) -> Iterator[ChatModel]:
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX) as m:
        yield m


def test_chat_equals_direct(model: ChatModel, llama_direct: Any) -> None:
    direct = llama_direct.create_chat_completion(messages=MESSAGES, max_tokens=16, temperature=0)
    r = model.chat(MESSAGES, max_tokens=16, temperature=0)
    assert stable(r) == stable(direct)
    assert r.text == direct["choices"][0]["message"]["content"] != ""
    assert r.usage.completion_tokens == 16 and r.finish_reason == "length"


def test_complete_equals_direct(model: ChatModel, llama_direct: Any) -> None:
    direct = llama_direct.create_completion(PROMPT, max_tokens=16, temperature=0)
    r = model.complete(PROMPT, max_tokens=16, temperature=0)
    assert stable(r) == stable(direct)
    assert r.choices[0].text == direct["choices"][0]["text"]


def test_stream_chat_equals_direct(model: ChatModel, llama_direct: Any) -> None:
    direct = list(
        llama_direct.create_chat_completion(messages=MESSAGES, max_tokens=12, temperature=0, stream=True)
    )
    chunks = list(model.stream_chat(MESSAGES, max_tokens=12, temperature=0))
    assert [stable(c) for c in chunks] == [stable(c) for c in direct]
    assert (
        "".join(c.choices[0].delta.content or "" for c in chunks)
        == model.chat(MESSAGES, max_tokens=12, temperature=0).text
    )
    assert chunks[-1].finish_reason == "length"


def test_stream_complete_equals_direct(model: ChatModel, llama_direct: Any) -> None:
    direct = list(llama_direct.create_completion(PROMPT, max_tokens=12, temperature=0, stream=True))
    chunks = list(model.stream_complete(PROMPT, max_tokens=12, temperature=0))
    assert [stable(c) for c in chunks] == [stable(c) for c in direct]
    assert "".join(c.text for c in chunks) == model.complete(PROMPT, max_tokens=12, temperature=0).text


def test_async_variants_equal_sync(model: ChatModel) -> None:
    async def run() -> tuple[str, str, str]:
        chat = await model.achat(MESSAGES, max_tokens=8, temperature=0)
        comp = await model.acomplete(PROMPT, max_tokens=8, temperature=0)
        streamed = "".join([c.text async for c in model.astream_chat(MESSAGES, max_tokens=8, temperature=0)])
        return chat.text, comp.text, streamed

    chat, comp, streamed = asyncio.run(run())
    assert chat == streamed == model.chat(MESSAGES, max_tokens=8, temperature=0).text
    assert comp == model.complete(PROMPT, max_tokens=8, temperature=0).text


def test_engine_defaults_do_not_leak(model: ChatModel, llama_direct: Any) -> None:
    """Sampling uses the neutral defaults (top_k off, min_p 0), not llama.cpp's silent top_k=40, min_p=0.05."""
    neutral = {"temperature": 1.5, "top_p": 1.0, "top_k": 0, "min_p": 0.0, "repeat_penalty": 1.0}
    r = model.complete(PROMPT, max_tokens=24, temperature=1.5, seed=7)
    direct = llama_direct.create_completion(PROMPT, max_tokens=24, seed=7, **neutral)
    assert r.text == direct["choices"][0]["text"]
    engine_defaults = llama_direct.create_completion(PROMPT, max_tokens=24, temperature=1.5, seed=7)
    assert r.text != engine_defaults["choices"][0]["text"]  # the test can tell the two apart


def test_no_max_tokens_means_until_stop_or_context(model: ChatModel) -> None:
    r = model.complete(PROMPT, temperature=0)  # llama-cpp-python alone would stop after 16 tokens
    assert r.usage.completion_tokens > 16
    assert r.usage.total_tokens <= N_CTX


def test_stop_sequence(model: ChatModel, llama_direct: Any) -> None:
    full = model.complete(PROMPT, max_tokens=16, temperature=0).text
    stop = full.split()[2]
    r = model.complete(PROMPT, max_tokens=16, temperature=0, stop=stop)
    assert r.text == full[: full.index(stop)]
    assert r.finish_reason == "stop"


def test_json_schema_output_conforms(model: ChatModel) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    r = model.chat(MESSAGES, max_tokens=48, temperature=0, response_format=fmt)
    value = json.loads(r.text)
    assert set(value) == {"n"} and isinstance(value["n"], int)
    assert model.capabilities.json_schema


def test_count_tokens_equals_the_engine_tokenizer(model: ChatModel, llama_direct: Any) -> None:
    text = "Hello, world! Ünïcödé and code: def f(x): return x"
    assert model.count_tokens(text) == len(llama_direct.tokenize(text.encode(), add_bos=False)) > 0


def test_embeddings_need_the_embedding_option(model: ChatModel, gguf: str) -> None:
    import llama_cpp

    assert not model.capabilities.embeddings
    with pytest.raises(CapabilityError, match="embeddings"):
        model.embed(["hello"])
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX, embedding=True) as emb:
        assert emb.capabilities.embeddings
        vectors = emb.embed(["hello world", "bonjour"])
    direct = llama_cpp.Llama(
        model_path=gguf,
        n_ctx=N_CTX,
        embedding=True,
        verbose=False,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
    )
    assert vectors == direct.embed(["hello world", "bonjour"])
    assert len(vectors) == 2 and len(vectors[0]) == 64


def test_logprobs_need_logits_all(model: ChatModel, gguf: str) -> None:
    import llama_cpp

    assert not model.capabilities.logprobs
    with pytest.raises(UnsupportedParameter, match="logprobs"):
        model.chat(MESSAGES, logprobs=True)
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX, logits_all=True) as lp:
        r = lp.chat(MESSAGES, max_tokens=4, temperature=0, logprobs=True, top_logprobs=2)
    direct = llama_cpp.Llama(model_path=gguf, n_ctx=N_CTX, logits_all=True, verbose=False)
    expected = direct.create_chat_completion(
        messages=MESSAGES, max_tokens=4, temperature=0, logprobs=True, top_logprobs=2
    )
    assert r.choices[0].logprobs == expected["choices"][0]["logprobs"]
    assert len(r.choices[0].logprobs.content) == 4


def test_capabilities(model: ChatModel) -> None:
    caps = model.capabilities
    assert (caps.streaming, caps.tools, caps.max_context) == (True, False, N_CTX)
    assert "repetition_penalty" in caps.params and "n" not in caps.params


@pytest.mark.parametrize(
    "params, match",
    [
        ({"n": 2}, "cannot honour n=2"),
        ({"tools": [{"type": "function"}]}, "cannot honour tools"),
        ({"stream": True}, "stream_chat"),
    ],
)
def test_refused_parameters(model: ChatModel, params: dict[str, Any], match: str) -> None:
    with pytest.raises(UnsupportedParameter, match=match):
        model.chat(MESSAGES, **params)


def test_malformed_input_is_a_bad_request(model: ChatModel) -> None:
    with pytest.raises(BadRequest, match="non-empty list"):
        model.chat("Say hello")
    with pytest.raises(BadRequest, match="'role'"):
        model.chat([{"content": "hi"}])
    with pytest.raises(BadRequest, match="prompt must be a str"):
        model.complete(["hi"])
    with pytest.raises(UnsupportedParameter, match="tools work with chat"):
        model.complete("hi", tools=[{"type": "function"}])


def test_prompt_longer_than_context_is_a_bad_request(model: ChatModel) -> None:
    with pytest.raises(BadRequest, match="context"):
        model.complete("word " * (N_CTX * 2), max_tokens=4)


def test_missing_model_file_is_a_clear_error(tmp_path: Any) -> None:
    from sovmigrate.adapter import EngineError

    pytest.importorskip("llama_cpp", reason="llama_cpp is not installed: pip install 'sovmigrate[llamacpp]'")
    with pytest.raises(EngineError, match="cannot load"):
        connect(f"llamacpp:{tmp_path / 'absent.gguf'}")


# -- what rewritten llama-cpp-python code relies on ------------------------------------------------------------
def test_consumer_indexing_of_llama_cpp_python_results_keeps_working(
    model: ChatModel, llama_direct: Any
) -> None:
    """The expressions migrated code uses to read llama-cpp-python's results give the same values."""
    kw = {"max_tokens": 8, "temperature": 0}
    out, direct = model.complete(PROMPT, **kw), llama_direct.create_completion(PROMPT, **kw)
    assert out["choices"][0]["text"] == direct["choices"][0]["text"]
    chat = model.chat(MESSAGES, **kw)
    assert (
        chat["choices"][0]["message"]["content"]
        == llama_direct.create_chat_completion(MESSAGES, **kw)["choices"][0]["message"]["content"]
    )
    streamed = "".join(
        c["choices"][0]["delta"].get("content") or "" for c in model.stream_chat(MESSAGES, **kw)
    )
    assert streamed == chat["choices"][0]["message"]["content"]
    pieces = "".join(c["choices"][0]["text"] for c in model.stream_complete(PROMPT, **kw))
    assert pieces == out["choices"][0]["text"]


def test_echo_puts_the_prompt_first_as_llama_cpp_does(model: ChatModel, llama_direct: Any) -> None:
    direct = llama_direct.create_completion(PROMPT, max_tokens=8, temperature=0, echo=True)
    r = model.complete(PROMPT, max_tokens=8, temperature=0, echo=True)
    assert r.text == direct["choices"][0]["text"] and r.text.startswith(PROMPT + " ")
    streamed = [c.text for c in model.stream_complete(PROMPT, max_tokens=8, temperature=0, echo=True)]
    assert streamed[0].startswith(PROMPT) and "".join(streamed) == r.text
    with pytest.raises(UnsupportedParameter, match="echo works with complete"):
        model.chat(MESSAGES, echo=True)


@pytest.mark.parametrize(
    ("neutral", "engine"),
    [
        ({"min_p": 0.2}, {"min_p": 0.2}),
        ({"typical_p": 0.5}, {"typical_p": 0.5}),
        (
            {"mirostat": 2, "mirostat_tau": 3.0, "mirostat_eta": 0.2},
            {"mirostat_mode": 2, "mirostat_tau": 3.0, "mirostat_eta": 0.2},
        ),
    ],
    ids=["min_p", "typical_p", "mirostat"],
)
def test_new_samplers_reach_the_engine(
    model: ChatModel, llama_direct: Any, neutral: dict[str, Any], engine: dict[str, Any]
) -> None:
    """Seeded sampling equals llama.cpp called with the same sampler, and differs from it without."""
    base = {"temperature": 1.5, "top_p": 1.0, "top_k": 0, "repeat_penalty": 1.0, "max_tokens": 24, "seed": 11}
    direct = llama_direct.create_completion(PROMPT, **{"min_p": 0.0, **base, **engine})["choices"][0]["text"]
    without = llama_direct.create_completion(PROMPT, **{"min_p": 0.0, **base})["choices"][0]["text"]
    r = model.complete(PROMPT, max_tokens=24, temperature=1.5, seed=11, **neutral)
    assert r.text == direct != without


def test_engine_defaults_mode_leaves_llama_cpp_s_defaults(gguf: str, llama_direct: Any) -> None:
    """param_defaults="engine": what the call leaves out is llama-cpp-python's own default (16 tokens, 0.8...)."""
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX, param_defaults="engine") as m:
        assert m.param_defaults == "engine"
        r = m.complete(PROMPT, seed=3)
        c = m.chat(MESSAGES, seed=3, max_tokens=20)
    assert r.text == llama_direct.create_completion(PROMPT, seed=3)["choices"][0]["text"]
    assert r.usage.completion_tokens == 16  # llama-cpp-python's completion default
    assert (
        c.text
        == llama_direct.create_chat_completion(MESSAGES, seed=3, max_tokens=20)["choices"][0]["message"][
            "content"
        ]
    )


def test_tokenize_and_detokenize_equal_the_engine_s(model: ChatModel, llama_direct: Any) -> None:
    text = "Hello, world! Ünïcödé <s> and code: def f(x): return x"
    assert model.tokenize(text) == llama_direct.tokenize(text.encode())
    assert model.tokenize(text.encode(), add_special=False) == llama_direct.tokenize(
        text.encode(), add_bos=False
    )
    parsed = model.tokenize(text, add_special=False, parse_special=True)
    assert (
        parsed
        == llama_direct.tokenize(text.encode(), add_bos=False, special=True)
        != model.tokenize(text, False)
    )
    assert model.detokenize(model.tokenize(text)) == text
    assert model.detokenize(model.tokenize(text, add_special=False)) == text  # no stray leading space
    assert model.detokenize([1, 15043, 2]) == "Hello"
    assert model.detokenize([1, 15043, 2], render_special=True) == "<s> Hello</s>"
    assert model.count_tokens(text) == len(model.tokenize(text, add_special=False))
    with pytest.raises(BadRequest, match="list of int"):
        model.detokenize("abc")


def test_embeddings_in_create_embedding_shape(gguf: str) -> None:
    import llama_cpp

    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX, embedding=True) as emb:
        r = emb.embeddings(["hello world", "bonjour"])
        one = emb.embeddings("hello world")
    direct = llama_cpp.Llama(
        model_path=gguf,
        n_ctx=N_CTX,
        embedding=True,
        verbose=False,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
    )
    expected = direct.create_embedding(["hello world", "bonjour"])
    assert r == expected and r["data"][0]["embedding"] == expected["data"][0]["embedding"]
    assert r.usage.prompt_tokens == expected["usage"]["prompt_tokens"] > 0
    assert one == direct.create_embedding("hello world") and len(one.vectors) == 1


def test_context_defaults_to_the_trained_context(model: ChatModel, gguf: str) -> None:
    with connect(f"llamacpp:{gguf}") as m:  # no n_ctx: llama-cpp-python alone would use 512
        assert m.capabilities.max_context == N_CTX  # the tiny model's trained context


def test_context_default_is_capped(tmp_path: Path, tiny: tuple[Path, Path]) -> None:
    from sovmigrate.adapter.backends.llamacpp import DEFAULT_MAX_CONTEXT
    from tests.adapter import tinymodel

    long_ctx = tmp_path / "long-context.gguf"
    tinymodel.write_gguf(tiny[0].parent.parent / tinymodel.VOCAB_NAME, long_ctx, context_length=16384)
    with connect(f"llamacpp:{long_ctx}") as m:
        assert m.capabilities.max_context == DEFAULT_MAX_CONTEXT == 8192
    with connect(f"llamacpp:{long_ctx}", n_ctx=0) as m:  # 0: the whole trained context, as in llama.cpp
        assert m.capabilities.max_context == 16384


def test_hf_spec_loads_from_the_hub_cache_offline(gguf: str, tmp_path: Path) -> None:
    """`llamacpp:hf://owner/repo/<glob>` (Llama.from_pretrained's files) works offline from the cache."""
    pytest.importorskip(
        "huggingface_hub", reason="huggingface_hub is not installed: pip install huggingface-hub"
    )
    revision = "0" * 40
    repo = tmp_path / "hub" / "models--acme--tiny-GGUF"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision)
    (repo / "snapshots" / revision).mkdir(parents=True)
    (repo / "snapshots" / revision / "tiny-q8_0.gguf").symlink_to(gguf)
    code = (
        "import sys\nfrom sovmigrate.adapter import connect, EngineError\n"
        "for spec in sys.argv[1:]:\n"
        "    try:\n"
        "        with connect(spec, n_ctx=64) as m:\n"
        "            print(m.complete('The quick brown fox', max_tokens=4, temperature=0).text)\n"
        "    except EngineError as exc:\n"
        "        print(exc)\n"
    )
    specs = [
        "hf://acme/tiny-GGUF/*q8_0.gguf",
        "hf://acme/tiny-GGUF/tiny-q8_0.gguf",
        "hf://acme/tiny-GGUF/*q4*",
    ]
    env = {**os.environ, "HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code, *(f"llamacpp:{s}" for s in specs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.splitlines()
    with connect(f"llamacpp:{gguf}", n_ctx=64) as local:
        expected = local.complete("The quick brown fox", max_tokens=4, temperature=0).text
    assert out[:2] == [expected, expected]
    assert out[2] == "llamacpp: no file matches 'hf://acme/tiny-GGUF/*q4*'; name one file"
