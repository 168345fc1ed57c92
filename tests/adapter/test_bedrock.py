"""bedrock backend: boto3's bedrock-runtime client against botocore's Stubber (recorded response shapes) and, for
the streaming operations, a loopback endpoint that speaks AWS's binary event-stream framing.

Bedrock cannot be reached from here, so nothing checks what a real model answers: the tests check the requests
the backend builds (validated by botocore against the service model), how it reads Bedrock's answers, and that
the views give rewritten consumers the shapes they index.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar
from urllib.parse import unquote

import pytest

from sovmigrate.adapter import (
    BadRequest,
    ChatModel,
    ConnectError,
    EngineError,
    OptionError,
    UnsupportedParameter,
    connect,
    views,
)
from tests.adapter.conftest import MESSAGES, free_port
from tests.loopback import serve

MODEL = "meta.llama3-8b-instruct-v1:0"
CREDENTIALS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "secret"}
CONVERSE = {  # the shape of a Converse answer, as in the service model and the AWS docs
    "output": {"message": {"role": "assistant", "content": [{"text": "Hello there."}]}},
    "stopReason": "max_tokens",
    "usage": {"inputTokens": 21, "outputTokens": 4, "totalTokens": 25},
    "metrics": {"latencyMs": 312},
}
LLAMA = {
    "generation": " jumps over",
    "prompt_token_count": 5,
    "generation_token_count": 2,
    "stop_reason": "stop",
}


def client(**kw: Any) -> Any:
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed: pip install 'sovmigrate[bedrock]'")
    return boto3.client("bedrock-runtime", region_name="us-east-1", **CREDENTIALS, **kw)


@pytest.fixture
def stubbed() -> Iterator[tuple[ChatModel, Any]]:
    from botocore.stub import Stubber

    c = client()
    with Stubber(c) as stub, connect(f"bedrock:{MODEL}", client=c) as m:
        yield m, stub
        stub.assert_no_pending_responses()


def test_chat_is_a_converse_request(stubbed: tuple[ChatModel, Any]) -> None:
    m, stub = stubbed
    stub.add_response(
        "converse",
        CONVERSE,
        {
            "modelId": MODEL,
            "system": [{"text": "You are terse."}],
            "messages": [{"role": "user", "content": [{"text": "Say hello"}]}],
            "inferenceConfig": {"maxTokens": 4, "temperature": 0.5, "topP": 1.0, "stopSequences": ["\n"]},
        },
    )
    r = m.chat(MESSAGES, max_tokens=4, temperature=0.5, stop="\n")
    assert r.text == r["choices"][0]["message"]["content"] == "Hello there."
    assert r.finish_reason == "length" and r["model"] == MODEL
    assert r.usage == {"prompt_tokens": 21, "completion_tokens": 4, "total_tokens": 25}


def test_converse_view_gives_consumers_the_answer_they_index(stubbed: tuple[ChatModel, Any]) -> None:
    m, stub = stubbed
    stub.add_response("converse", CONVERSE)
    view = views.bedrock_converse(m.chat(MESSAGES, max_tokens=4))
    assert (
        view["output"]["message"]["content"][0]["text"] == CONVERSE["output"]["message"]["content"][0]["text"]
    )
    assert {k: view[k] for k in ("output", "stopReason", "usage")} == {
        k: CONVERSE[k] for k in ("output", "stopReason", "usage")
    }


def test_complete_is_invoke_model_with_the_llama_body(stubbed: tuple[ChatModel, Any]) -> None:
    from botocore.response import StreamingBody
    from botocore.stub import ANY

    m, stub = stubbed
    sent: list[dict[str, Any]] = []
    m._backend._client.meta.events.register(
        "provide-client-params.bedrock-runtime.InvokeModel",
        lambda params, **_: sent.append(json.loads(params["body"])),
    )
    raw = json.dumps(LLAMA).encode()
    stub.add_response(
        "invoke_model",
        {"body": StreamingBody(_bytes(raw), len(raw)), "contentType": "x"},
        {
            "modelId": MODEL,
            "body": ANY,
        },
    )
    r = m.complete("The quick brown fox", max_tokens=2, temperature=0)
    assert sent == [{"prompt": "The quick brown fox", "temperature": 0, "top_p": 1.0, "max_gen_len": 2}]
    assert (r.text, r.finish_reason, r.usage.prompt_tokens) == (" jumps over", "stop", 5)
    view = views.bedrock_invoke(r)
    assert json.loads(view["body"].read()) == LLAMA


def test_refusals_and_errors(stubbed: tuple[ChatModel, Any]) -> None:
    m, stub = stubbed
    with pytest.raises(UnsupportedParameter, match="cannot honour top_k=5"):
        m.chat(MESSAGES, top_k=5)
    with pytest.raises(UnsupportedParameter, match="Llama InvokeModel body has no stop"):
        m.complete("x", stop="\n")
    with pytest.raises(BadRequest, match="only text content"):
        m.chat([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}])
    stub.add_client_error("converse", "ValidationException", "Malformed input request")
    with pytest.raises(BadRequest, match="ValidationException.*Malformed input"):
        m.chat(MESSAGES)
    stub.add_client_error("converse", "ThrottlingException", "Too many requests", http_status_code=429)
    with pytest.raises(EngineError, match="ThrottlingException"):
        m.chat(MESSAGES)


def test_options() -> None:
    with pytest.raises(OptionError, match="pass client= or region_name"):
        connect(f"bedrock:{MODEL}", client=client(), region_name="eu-west-1")
    with pytest.raises(OptionError, match="unknown option 'region'.*did you mean 'region_name'"):
        connect(f"bedrock:{MODEL}", region="eu-west-1")
    port = free_port()  # nothing listens there
    with (
        connect(
            f"bedrock:{MODEL}",
            region_name="us-east-1",
            endpoint_url=f"http://127.0.0.1:{port}",
            max_retries=0,
        ) as m,
        pytest.raises(ConnectError),
    ):
        m.chat(MESSAGES)


# -- streaming, through a loopback endpoint speaking AWS event-stream framing ----------------------------------
def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def frame(event_type: str, payload: dict[str, Any]) -> bytes:
    """One message of AWS's event-stream encoding (big-endian prelude, string headers, CRC32s)."""
    headers = b""
    for name, value in (
        (":event-type", event_type),
        (":content-type", "application/json"),
        (":message-type", "event"),
    ):
        headers += (
            bytes([len(name)]) + name.encode() + b"\x07" + struct.pack(">H", len(value)) + value.encode()
        )
    body = json.dumps(payload).encode()
    total = 12 + len(headers) + len(body) + 4
    prelude = struct.pack(">II", total, len(headers))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + headers + body
    return message + struct.pack(">I", zlib.crc32(message))


CONVERSE_EVENTS = [
    ("messageStart", {"role": "assistant"}),
    ("contentBlockDelta", {"delta": {"text": "Hel"}, "contentBlockIndex": 0}),
    ("contentBlockDelta", {"delta": {"text": "lo."}, "contentBlockIndex": 0}),
    ("contentBlockStop", {"contentBlockIndex": 0}),
    ("messageStop", {"stopReason": "end_turn"}),
    (
        "metadata",
        {"usage": {"inputTokens": 21, "outputTokens": 2, "totalTokens": 23}, "metrics": {"latencyMs": 80}},
    ),
]
LLAMA_CHUNKS = [
    {"generation": " jumps", "prompt_token_count": 5, "generation_token_count": 1, "stop_reason": None},
    {
        "generation": " over",
        "prompt_token_count": None,
        "generation_token_count": 2,
        "stop_reason": "length",
        "amazon-bedrock-invocationMetrics": {"inputTokenCount": 5, "outputTokenCount": 2},
    },
]


class EventStreamEndpoint(BaseHTTPRequestHandler):
    """Answers ConverseStream and InvokeModelWithResponseStream with the recorded events; keeps the requests."""

    seen: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        EventStreamEndpoint.seen.append(
            (unquote(self.path), json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        )
        if self.path.endswith("/converse-stream"):
            frames = [frame(kind, payload) for kind, payload in CONVERSE_EVENTS]
        else:
            frames = [
                frame("chunk", {"bytes": base64.b64encode(json.dumps(c).encode()).decode()})
                for c in LLAMA_CHUNKS
            ]
        data = b"".join(frames)
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    pytest.importorskip("boto3", reason="boto3 is not installed: pip install 'sovmigrate[bedrock]'")
    EventStreamEndpoint.seen = []
    with serve(EventStreamEndpoint) as url:
        yield url


def test_stream_chat_reads_converse_stream_events(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for var, value in zip(("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), CREDENTIALS.values()):
        monkeypatch.setenv(var, value)
    with connect(f"bedrock:{MODEL}", region_name="us-east-1", endpoint_url=endpoint) as m:
        chunks = list(m.stream_chat(MESSAGES, max_tokens=8, temperature=0))
        replayed = list(views.bedrock_converse_stream(m.stream_chat(MESSAGES, max_tokens=8))["stream"])
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.text for c in chunks) == "Hello."
    assert chunks[-1].finish_reason == "stop" and chunks[-1].usage.completion_tokens == 2
    path, body = EventStreamEndpoint.seen[0]
    assert path == f"/model/{MODEL}/converse-stream"
    assert body["inferenceConfig"] == {"maxTokens": 8, "temperature": 0, "topP": 1.0}
    expected = [{kind: payload} for kind, payload in CONVERSE_EVENTS]
    expected[-1]["metadata"]["metrics"] = {"latencyMs": None}  # the adapter does not time the server
    assert replayed == expected


def test_stream_complete_reads_llama_chunks(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for var, value in zip(("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), CREDENTIALS.values()):
        monkeypatch.setenv(var, value)
    with connect(f"bedrock:{MODEL}", region_name="us-east-1", endpoint_url=endpoint) as m:
        chunks = list(m.stream_complete("The quick brown fox", max_tokens=2))
        events = list(views.bedrock_invoke_stream(m.stream_complete("The quick brown fox"))["body"])
    assert [c.text for c in chunks] == [" jumps", " over", ""]
    assert chunks[-1].finish_reason == "length" and chunks[-1].usage.prompt_tokens == 5
    assert [json.loads(e["chunk"]["bytes"])["generation"] for e in events] == [" jumps", " over", ""]
    assert json.loads(events[-1]["chunk"]["bytes"])["stop_reason"] == "length"
    assert EventStreamEndpoint.seen[0][0] == f"/model/{MODEL}/invoke-with-response-stream"


def test_views_work_for_any_backend(gguf: str) -> None:
    """A rewritten Bedrock program moved to llama.cpp by configuration still finds its fields."""
    from tests.adapter.conftest import N_CTX

    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX) as m:
        r = views.bedrock_converse(m.chat(MESSAGES, max_tokens=6, temperature=0))
        text = "".join(
            ev["contentBlockDelta"]["delta"]["text"]
            for ev in views.bedrock_converse_stream(m.stream_chat(MESSAGES, max_tokens=6, temperature=0))[
                "stream"
            ]
            if "contentBlockDelta" in ev
        )
    assert r["output"]["message"]["content"][0]["text"] == text != "" and r["stopReason"] == "max_tokens"


def test_use_after_close_and_a_client_passed_in_stays_open() -> None:
    from botocore.stub import Stubber

    from tests.adapter.test_lifetime import closed_everywhere

    c = client()
    closed_everywhere(connect(f"bedrock:{MODEL}", client=c))
    with Stubber(c) as stub:  # the program's own client still works
        stub.add_response("converse", CONVERSE)
        assert c.converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": "hi"}]}])[
            "stopReason"
        ]
