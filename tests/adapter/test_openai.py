"""openai backend against `python -m llama_cpp.server` on loopback, plus retry/timeout/error behaviour."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar

import pytest

from sovmigrate.adapter import (
    BadRequest,
    CapabilityError,
    ChatModel,
    ConnectError,
    EngineError,
    Timeout,
    UnsupportedParameter,
    connect,
)
from tests.adapter.conftest import MESSAGES, PROMPT, need
from tests.loopback import serve

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]


@pytest.fixture(scope="module")
def model(llama_server: str) -> Iterator[ChatModel]:
    with connect("openai:tiny", base_url=llama_server) as m:
        yield m


def post(base: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    import httpx

    return httpx.post(f"{base}/{path}", json=body, timeout=30).json()


def test_chat_equals_the_server_called_directly_and_in_process(
    model: ChatModel, llama_server: str, llama_direct: Any
) -> None:
    direct = post(
        llama_server,
        "chat/completions",
        {"model": "tiny", "messages": MESSAGES, "max_tokens": 16, "temperature": 0},
    )
    r = model.chat(MESSAGES, max_tokens=16, temperature=0)
    assert r.choices[0].message.content == direct["choices"][0]["message"]["content"]
    assert r.usage == direct["usage"]
    in_process = llama_direct.create_chat_completion(messages=MESSAGES, max_tokens=16, temperature=0)
    assert r.text == in_process["choices"][0]["message"]["content"]


def test_complete_equals_the_server_called_directly(
    model: ChatModel, llama_server: str, llama_direct: Any
) -> None:
    direct = post(
        llama_server, "completions", {"model": "tiny", "prompt": PROMPT, "max_tokens": 16, "temperature": 0}
    )
    r = model.complete(PROMPT, max_tokens=16, temperature=0)
    assert r.text == direct["choices"][0]["text"]
    assert r.finish_reason == direct["choices"][0]["finish_reason"] == "length"
    assert (
        r.text == llama_direct.create_completion(PROMPT, max_tokens=16, temperature=0)["choices"][0]["text"]
    )


def test_streams_equal_non_streamed(model: ChatModel, llama_direct: Any) -> None:
    chunks = list(model.stream_chat(MESSAGES, max_tokens=12, temperature=0))
    direct = list(
        llama_direct.create_chat_completion(messages=MESSAGES, max_tokens=12, temperature=0, stream=True)
    )
    assert [c.choices[0].delta.content for c in chunks] == [
        c["choices"][0]["delta"].get("content") for c in direct
    ]
    assert chunks[-1].finish_reason == "length"
    text = "".join(c.text for c in model.stream_complete(PROMPT, max_tokens=12, temperature=0))
    assert text == model.complete(PROMPT, max_tokens=12, temperature=0).text


def test_async_stream(model: ChatModel) -> None:
    import asyncio

    async def run() -> str:
        return "".join([c.text async for c in model.astream_complete(PROMPT, max_tokens=6, temperature=0)])

    assert asyncio.run(run()) == model.complete(PROMPT, max_tokens=6, temperature=0).text


def test_server_side_rejection_is_a_bad_request(model: ChatModel) -> None:
    with pytest.raises(BadRequest, match="HTTP 400.*context"):
        model.complete("word " * 600, max_tokens=2)


def test_count_tokens_is_a_capability_error(model: ChatModel) -> None:
    with pytest.raises(CapabilityError, match="tokenize"):
        model.count_tokens("hi")


def test_connection_refused_is_a_connect_error() -> None:
    need("httpx", "openai")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        m = connect("openai:tiny", base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)
        with pytest.raises(ConnectError, match="cannot reach"):
            m.chat(MESSAGES)


def test_silent_server_is_a_timeout() -> None:
    need("httpx", "openai")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()  # accepts connections (backlog) but never answers
        m = connect(
            "openai:tiny", base_url=f"http://127.0.0.1:{s.getsockname()[1]}/v1", timeout=0.3, max_retries=0
        )
        with pytest.raises(Timeout):
            m.complete("hi")


class Flaky(BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` POSTs, then a fixed completion; counts requests."""

    failures = 2
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        Flaky.seen.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        if len(Flaky.seen) <= Flaky.failures:
            body, code = b'{"error": {"message": "warming up"}}', 503
        else:
            body, code = (
                json.dumps(
                    {
                        "id": "c",
                        "object": "text_completion",
                        "created": 0,
                        "model": "tiny",
                        "choices": [{"index": 0, "text": "ok", "finish_reason": "stop"}],
                    }
                ).encode(),
                200,
            )
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def flaky() -> Iterator[str]:
    need("httpx", "openai")
    Flaky.seen = []
    with serve(Flaky) as url:
        yield f"{url}/v1"


def test_retries_transient_server_errors(flaky: str) -> None:
    r = connect("openai:tiny", base_url=flaky, max_retries=2).complete("hi", max_tokens=3)
    assert r.text == "ok" and len(Flaky.seen) == 3
    assert Flaky.seen[0] == {
        "model": "tiny",
        "prompt": "hi",
        "max_tokens": 3,
        "temperature": 1.0,
        "top_p": 1.0,
    }


def test_gives_up_after_max_retries(flaky: str) -> None:
    with pytest.raises(EngineError, match="HTTP 503.*warming up"):
        connect("openai:tiny", base_url=flaky, max_retries=1).complete("hi")
    assert len(Flaky.seen) == 2


def test_api_key_and_params_reach_the_server(flaky: str) -> None:
    Flaky.failures = 0
    try:
        connect("openai:tiny", base_url=flaky, api_key="sk-test").complete(
            "hi", max_tokens=3, top_k=5, stop="\n", seed=1, n=2, repetition_penalty=1.1
        )
    finally:
        Flaky.failures = 2
    assert Flaky.seen[0] == {
        "model": "tiny",
        "prompt": "hi",
        "max_tokens": 3,
        "temperature": 1.0,
        "top_p": 1.0,
        "top_k": 5,
        "stop": ["\n"],
        "seed": 1,
        "n": 2,
        "repetition_penalty": 1.1,
    }


# -- extension parameters, dialects, engine defaults ----------------------------------------------------------
def test_extension_parameters_are_extra_body_fields(flaky: str) -> None:
    Flaky.failures = 0
    try:
        connect("openai:tiny", base_url=flaky).complete(
            "hi", min_p=0.1, typical_p=0.9, mirostat=2, mirostat_tau=4.0
        )
        connect("openai:tiny", base_url=flaky, dialect="llama-cpp-python").complete(
            "hi", repetition_penalty=1.2, mirostat=2
        )
        connect("openai:tiny", base_url=flaky, param_defaults="engine").complete("hi", max_tokens=2)
    finally:
        Flaky.failures = 2
    neutral, dialect, engine = Flaky.seen
    assert {k: neutral[k] for k in ("min_p", "typical_p", "mirostat", "mirostat_tau")} == {
        "min_p": 0.1,
        "typical_p": 0.9,
        "mirostat": 2,
        "mirostat_tau": 4.0,
    }
    assert "mirostat_eta" not in neutral and "top_k" not in neutral  # at their defaults: left out
    assert (dialect["repeat_penalty"], dialect["mirostat_mode"]) == (1.2, 2)
    assert "repetition_penalty" not in dialect and "mirostat" not in dialect
    assert engine == {"model": "tiny", "prompt": "hi", "max_tokens": 2}  # no temperature/top_p: the server's


@pytest.mark.parametrize(
    ("dialect", "params", "match"),
    [
        ("openai", {"top_k": 5}, "cannot honour top_k=5"),
        ("vllm", {"typical_p": 0.5}, "cannot honour typical_p=0.5"),
        ("llama-cpp-python", {"typical_p": 0.5}, "cannot honour typical_p=0.5"),
    ],
)
def test_a_dialect_refuses_what_its_server_would_ignore(
    flaky: str, dialect: str, params: dict[str, Any], match: str
) -> None:
    m = connect("openai:tiny", base_url=flaky, dialect=dialect)
    with pytest.raises(UnsupportedParameter, match=match):
        m.complete("hi", **params)
    assert m.complete("hi", top_k=0, typical_p=1.0, max_tokens=1).text == "ok"  # neutral values: accepted
    assert Flaky.seen[-1].keys() == {"model", "prompt", "max_tokens", "temperature", "top_p"}
    engine = connect("openai:tiny", base_url=flaky, dialect=dialect, param_defaults="engine")
    engine.complete("hi", top_k=0, typical_p=1.0, max_tokens=1)  # given, but not a field this server reads
    assert (
        Flaky.seen[-1].keys() <= {"model", "prompt", "max_tokens", "top_k"}
        and "typical_p" not in Flaky.seen[-1]
    )


def test_llama_cpp_python_dialect_reaches_its_sampler(llama_server: str, llama_direct: Any) -> None:
    """Through llama_cpp.server with the dialect (mirostat → mirostat_mode), seeded sampling equals the engine
    with the same sampler, and differs from it without."""
    kw = {"max_tokens": 20, "temperature": 1.5, "seed": 11, "top_k": 0, "min_p": 0.0, "top_p": 1.0}
    with connect("openai:tiny", base_url=llama_server, dialect="llama-cpp-python") as m:
        r = m.complete(PROMPT, mirostat=2, mirostat_tau=3.0, **kw)
    direct = llama_direct.create_completion(PROMPT, mirostat_mode=2, mirostat_tau=3.0, **kw)["choices"][0][
        "text"
    ]
    without = llama_direct.create_completion(PROMPT, **kw)["choices"][0]["text"]
    assert r.text == direct != without


def test_unknown_dialect_is_an_option_error() -> None:
    from sovmigrate.adapter import OptionError

    need("httpx", "openai")
    with pytest.raises(
        OptionError, match="dialect='tgi' must be one of: openai, vllm, llama.cpp, llama-cpp-python"
    ):
        connect("openai:tiny", dialect="tgi")


class Canned(BaseHTTPRequestHandler):
    """Answers each path with a recorded OpenAI payload (the server's own fields pass through)."""

    answers: ClassVar[dict[str, dict[str, Any]]] = {
        "/v1/embeddings": {
            "object": "list",
            "data": [{"object": "embedding", "embedding": [0.5, -0.5], "index": 0}],
            "model": "emb",
            "usage": {"prompt_tokens": 3, "total_tokens": 3},
        },
        "/v1/chat/completions": {
            "id": "c",
            "object": "chat.completion",
            "created": 0,
            "model": "tiny",
            "system_fingerprint": "fp_9",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
            ],
        },
    }

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps(self.answers[self.path]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_server_fields_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    need("httpx", "openai")
    with serve(Canned) as url, connect("openai:emb", base_url=f"{url}/v1") as m:
        r = m.embeddings("hello")
        chat = m.chat(MESSAGES)
    assert r == Canned.answers["/v1/embeddings"] and r.vectors == [[0.5, -0.5]]
    assert chat.system_fingerprint == "fp_9" and chat.model_dump()["system_fingerprint"] == "fp_9"


class KeyRecorder(BaseHTTPRequestHandler):
    """Answers any POST with a one-word completion and records the Authorization header it got."""

    keys: ClassVar[list[str | None]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        KeyRecorder.keys.append(self.headers.get("Authorization"))
        body = json.dumps(
            {
                "id": "c",
                "object": "text_completion",
                "created": 0,
                "model": "m",
                "choices": [{"index": 0, "text": "ok", "finish_reason": "stop"}],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_vendor_key_variable_is_read_and_the_openai_key_never_goes_to_that_vendor(monkeypatch):
    """Rewritten vendor code names its key variable: the user's $OPENAI_API_KEY is never sent to that vendor."""
    KeyRecorder.keys.clear()
    with serve(KeyRecorder) as url:
        base = f"{url}/v1"
        monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-secret")
        monkeypatch.delenv("GROQ_API_KEY", raising=False)
        with connect("openai:m", base_url=base, api_key_env="GROQ_API_KEY") as unset:
            unset.complete("hi", max_tokens=1)
        monkeypatch.setenv("GROQ_API_KEY", "gsk-groq")
        with connect("openai:m", base_url=base, api_key_env="GROQ_API_KEY") as vendor:
            vendor.complete("hi", max_tokens=1)
        with connect("openai:m", base_url=base) as plain:
            plain.complete("hi", max_tokens=1)
    assert KeyRecorder.keys == [None, "Bearer gsk-groq", "Bearer sk-openai-secret"]
