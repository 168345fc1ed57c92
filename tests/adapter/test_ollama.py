"""ollama backend against the Ollama stand-in (tests/adapter/fake_ollama.py: llama.cpp behind Ollama's API).

No Ollama server can be installed here, so these tests check that the backend speaks Ollama's native API and
that its answers equal those of the engine behind it; when the official `ollama` client is installed, they also
check that the stand-in answers that client the same way.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import BadRequest, CapabilityError, ChatModel, UnsupportedParameter, connect
from tests.adapter.conftest import MESSAGES, N_CTX, PROMPT

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]


@pytest.fixture(scope="module")
def model(fake_ollama: Any) -> Iterator[ChatModel]:
    with connect("ollama:tiny:latest", host=fake_ollama.url) as m:
        yield m


def test_chat_equals_the_engine(model: ChatModel, llama_direct: Any) -> None:
    direct = llama_direct.create_chat_completion(messages=MESSAGES, max_tokens=16, temperature=0)
    r = model.chat(MESSAGES, max_tokens=16, temperature=0)
    assert r.choices[0].message.content == direct["choices"][0]["message"]["content"]
    assert r.usage == direct["usage"] and r.finish_reason == "length"
    assert r["model"] == "tiny:latest"  # the spec split on the first colon only


def test_complete_is_raw_and_equals_the_engine(model: ChatModel, llama_direct: Any, fake_ollama: Any) -> None:
    direct = llama_direct.create_completion(PROMPT, max_tokens=16, temperature=0)
    r = model.complete(PROMPT, max_tokens=16, temperature=0)
    assert r.text == direct["choices"][0]["text"] and r.usage == direct["usage"]
    path, body = fake_ollama.requests[-1]
    assert path == "/api/generate" and body["raw"] is True and body["stream"] is False


def test_neutral_parameters_become_ollama_options(model: ChatModel, fake_ollama: Any) -> None:
    model.chat(MESSAGES, max_tokens=5, temperature=0.5, seed=3, stop="\n", top_k=7, repetition_penalty=1.2)
    path, body = fake_ollama.requests[-1]
    assert path == "/api/chat" and body["model"] == "tiny:latest" and body["messages"] == MESSAGES
    assert body["options"] == {
        "num_predict": 5,
        "temperature": 0.5,
        "top_p": 1.0,
        "top_k": 7,
        "min_p": 0.0,
        "typical_p": 1.0,
        "mirostat": 0,
        "mirostat_tau": 5.0,
        "mirostat_eta": 0.1,
        "repeat_penalty": 1.2,
        "presence_penalty": 0.0,
        "frequency_penalty": 0.0,
        "stop": ["\n"],
        "seed": 3,
    }
    model.complete(PROMPT, temperature=0, max_tokens=2)
    options = fake_ollama.requests[-1][1][
        "options"
    ]  # Ollama's own defaults (repeat_penalty 1.1, top_k 40) unused
    assert (options["repeat_penalty"], options["top_k"], options["top_p"]) == (1.0, 0, 1.0)
    model.complete(PROMPT, temperature=0)
    assert fake_ollama.requests[-1][1]["options"]["num_predict"] == -1  # no max_tokens: until done


def test_streams_are_incremental_and_equal_non_streamed(model: ChatModel) -> None:
    chunks = list(model.stream_chat(MESSAGES, max_tokens=12, temperature=0))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert len([c for c in chunks if c.text]) == 12
    assert "".join(c.text for c in chunks) == model.chat(MESSAGES, max_tokens=12, temperature=0).text
    assert chunks[-1].finish_reason == "length"
    assert chunks[-1].usage == model.chat(MESSAGES, max_tokens=12, temperature=0).usage
    pieces = list(model.stream_complete(PROMPT, max_tokens=12, temperature=0))
    assert (
        "".join(c.choices[0].text for c in pieces)
        == model.complete(PROMPT, max_tokens=12, temperature=0).text
    )
    assert pieces[-1].usage.prompt_tokens == model.complete(PROMPT, max_tokens=1).usage.prompt_tokens


def test_embed_equals_the_engine(model: ChatModel, gguf: str) -> None:
    import llama_cpp

    direct = llama_cpp.Llama(
        model_path=gguf,
        n_ctx=N_CTX,
        embedding=True,
        verbose=False,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
    )
    assert model.embed(["hello world", "bonjour"]) == direct.embed(["hello world", "bonjour"])


def test_json_schema_and_json_mode(model: ChatModel, fake_ollama: Any) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    r = model.chat(MESSAGES, max_tokens=48, temperature=0, response_format=fmt)
    assert isinstance(json.loads(r.text)["n"], int)
    assert fake_ollama.requests[-1][1]["format"] == schema
    r = model.chat(MESSAGES, max_tokens=8, temperature=0, response_format={"type": "json_object"})
    assert fake_ollama.requests[-1][1]["format"] == "json" and r.text.startswith("{")


def test_capabilities_and_refusals(model: ChatModel) -> None:
    caps = model.capabilities
    assert (caps.streaming, caps.embeddings, caps.json_schema, caps.tools, caps.logprobs) == (
        True,
        True,
        True,
        False,
        False,
    )
    with pytest.raises(UnsupportedParameter, match="n=2"):
        model.chat(MESSAGES, n=2)
    with pytest.raises(CapabilityError, match="tokenize"):
        model.count_tokens("hi")


def test_unknown_path_is_a_bad_request(fake_ollama: Any) -> None:
    from sovmigrate.adapter.backends._http import HTTPClient

    client = HTTPClient("ollama", "ollama", fake_ollama.url, timeout=5, max_retries=0, headers={})
    with pytest.raises(BadRequest, match="HTTP 404.*unknown path"):
        client.post("/api/nope", {})


def test_the_official_client_reads_the_stand_in_alike(model: ChatModel, fake_ollama: Any) -> None:
    ollama = pytest.importorskip("ollama", reason="the official ollama client is not installed")
    client = ollama.Client(host=fake_ollama.url)
    official = client.chat(
        model="tiny:latest", messages=MESSAGES, options={"temperature": 0, "num_predict": 10}
    )
    assert official.message.content == model.chat(MESSAGES, max_tokens=10, temperature=0).text
    streamed = "".join(
        c.message.content
        for c in client.chat(
            model="tiny:latest", messages=MESSAGES, options={"temperature": 0, "num_predict": 10}, stream=True
        )
    )
    assert streamed == official.message.content
    generated = client.generate(
        model="tiny:latest", prompt=PROMPT, raw=True, options={"temperature": 0, "num_predict": 10}
    )
    assert generated.response == model.complete(PROMPT, max_tokens=10, temperature=0).text


# -- what rewritten ollama code relies on: the views read like the official client's objects ----------------
def fields(obj: Any) -> set[str]:
    return set(obj.model_dump() if hasattr(obj, "model_dump") and not isinstance(obj, dict) else obj)


def test_chat_view_reads_like_the_client_s_chat_response(model: ChatModel, fake_ollama: Any) -> None:
    from sovmigrate.adapter import views

    ollama = pytest.importorskip("ollama", reason="the official ollama client is not installed")
    official = ollama.Client(host=fake_ollama.url).chat(
        model="tiny:latest", messages=MESSAGES, options={"temperature": 0, "num_predict": 10}
    )
    r = views.ollama_chat(model.chat(MESSAGES, max_tokens=10, temperature=0))
    assert r["message"]["content"] == r.message.content == official.message.content != ""
    assert (r.done, r.done_reason, r.prompt_eval_count, r.eval_count, r.message.role) == (
        official.done,
        official.done_reason,
        official.prompt_eval_count,
        official.eval_count,
        official.message.role,
    )
    assert fields(r) == fields(official.model_dump()) and fields(r.message) == fields(
        official.message.model_dump()
    )


def test_chat_stream_view_yields_the_client_s_chunks(model: ChatModel, fake_ollama: Any) -> None:
    from sovmigrate.adapter import views

    ollama = pytest.importorskip("ollama", reason="the official ollama client is not installed")
    kw = {"model": "tiny:latest", "messages": MESSAGES, "options": {"temperature": 0, "num_predict": 6}}
    official = list(ollama.Client(host=fake_ollama.url).chat(stream=True, **kw))
    ours = list(views.ollama_chat_stream(model.stream_chat(MESSAGES, max_tokens=6, temperature=0)))
    assert [c["message"]["content"] for c in ours] == [c.message.content for c in official]
    assert [c.done for c in ours] == [c.done for c in official] == [False] * 6 + [True]
    assert (ours[-1].done_reason, ours[-1].eval_count) == (official[-1].done_reason, official[-1].eval_count)

    async def collect() -> list[str]:
        chunks = views.ollama_chat_stream(model.astream_chat(MESSAGES, max_tokens=6, temperature=0))
        return [c.message.content async for c in chunks]

    assert asyncio.run(collect()) == [c.message.content for c in official]


def test_generate_views_read_like_the_client_s(model: ChatModel, fake_ollama: Any) -> None:
    """Raw `generate` maps to complete(); templated `generate` (the default) to chat() with one user turn."""
    from sovmigrate.adapter import views

    ollama = pytest.importorskip("ollama", reason="the official ollama client is not installed")
    client = ollama.Client(host=fake_ollama.url)
    options = {"temperature": 0, "num_predict": 8}
    raw = client.generate(model="tiny:latest", prompt=PROMPT, raw=True, options=options)
    r = views.ollama_generate(model.complete(PROMPT, max_tokens=8, temperature=0))
    assert r["response"] == r.response == raw.response and fields(r) == fields(raw.model_dump())
    templated = client.generate(model="tiny:latest", prompt="Say hello", options=options)
    user_turn = [{"role": "user", "content": "Say hello"}]
    assert (
        views.ollama_generate(model.chat(user_turn, max_tokens=8, temperature=0)).response
        == templated.response
    )
    streamed = [
        c.response
        for c in client.generate(model="tiny:latest", prompt=PROMPT, raw=True, options=options, stream=True)
    ]
    ours = [
        c.response
        for c in views.ollama_generate_stream(model.stream_complete(PROMPT, max_tokens=8, temperature=0))
    ]
    assert ours == streamed


def test_embed_view_reads_like_the_client_s(model: ChatModel, fake_ollama: Any) -> None:
    from sovmigrate.adapter import views

    ollama = pytest.importorskip("ollama", reason="the official ollama client is not installed")
    official = ollama.Client(host=fake_ollama.url).embed(
        model="tiny:latest", input=["hello world", "bonjour"]
    )
    r = views.ollama_embed(model.embeddings(["hello world", "bonjour"]))
    assert r["embeddings"] == official.embeddings and r.prompt_eval_count == official.prompt_eval_count > 0
    assert fields(r) == fields(official.model_dump())
    single = ollama.Client(host=fake_ollama.url).embed(model="tiny:latest", input="hello world")
    assert views.ollama_embeddings(model.embeddings("hello world"))["embedding"] == single.embeddings[0]


def test_engine_defaults_mode_sends_only_what_the_call_gives(fake_ollama: Any) -> None:
    """param_defaults="engine": the server's (Modelfile's) defaults apply to everything the call leaves out."""
    with connect("ollama:tiny:latest", host=fake_ollama.url, param_defaults="engine") as m:
        m.chat(MESSAGES)
        assert "options" not in fake_ollama.requests[-1][1]
        m.complete(PROMPT, max_tokens=5, top_k=3)
        assert fake_ollama.requests[-1][1]["options"] == {"num_predict": 5, "top_k": 3}
        r = m.chat(MESSAGES, max_tokens=4, temperature=0)
    assert r.usage.completion_tokens == 4


def test_server_options_api_key_and_samplers(fake_ollama: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_API_KEY", "k-123")
    with connect("ollama:tiny:latest", host=fake_ollama.url, options={"num_gpu": 0}, num_ctx=128) as m:
        m.complete(PROMPT, max_tokens=2, min_p=0.1, typical_p=0.9, mirostat=1, mirostat_tau=4.0)
        m.embed("hi")
    (_, generate), (_, embed) = fake_ollama.requests[-2:]
    assert generate["options"]["num_gpu"] == 0 and generate["options"]["num_ctx"] == 128
    assert (generate["options"]["min_p"], generate["options"]["typical_p"]) == (0.1, 0.9)
    assert (generate["options"]["mirostat"], generate["options"]["mirostat_tau"]) == (1, 4.0)
    assert embed["options"] == {"num_gpu": 0, "num_ctx": 128}
    assert fake_ollama.headers[-1]["authorization"] == "Bearer k-123"
