"""llamacpp backend: greedy outputs equal llama-cpp-python's own API on the tiny model."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
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
