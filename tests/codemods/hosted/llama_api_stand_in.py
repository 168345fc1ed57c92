"""A stand-in for Meta's Llama API on loopback: llama.cpp's server behind Llama API's own chat endpoint and its
OpenAI-compatible one.

Llama API cannot be reached from here and has no server to install, so the proof for its SDK runs against this:
``POST /v1/chat/completions`` takes Llama API's request (``max_completion_tokens``...), asks llama.cpp, and answers in
Llama API's shape as its documentation shows it (``completion_message`` with a text content item, ``stop_reason``,
``metrics`` named ``num_*_tokens``; a stream of ``start``/``progress``/``complete`` events, with ``metrics`` when
the counts come, and no ``[DONE]`` line), each answer built through llama-api-client's own pydantic types.
``POST /compat/v1/chat/completions`` is the OpenAI-compatible endpoint: passed to llama.cpp as it is. Every request
is recorded as the model server reads it (``max_completion_tokens`` is ``max_tokens``). Not covered: tools, images,
moderations, models.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.codemods.hosted.proxy import RecordingProxy

COMPAT = "/compat/v1/chat/completions"
NATIVE = "/v1/chat/completions"
COUNTS = ("completion_tokens", "prompt_tokens", "total_tokens")  # in the order Llama API lists them


def native_answer(answer: dict[str, Any]) -> dict[str, Any]:
    """Llama API's ``CreateChatCompletionResponse`` for an OpenAI chat completion."""
    from llama_api_client.types import CreateChatCompletionResponse

    choice = answer["choices"][0]
    body = {
        "completion_message": {
            "role": "assistant",
            "content": {"type": "text", "text": choice["message"].get("content") or ""},
            "stop_reason": choice["finish_reason"],
            "tool_calls": [],
        },
        "metrics": metrics(answer.get("usage")),
    }
    return CreateChatCompletionResponse.model_validate(body).model_dump(exclude_none=True)


def metrics(usage: dict[str, Any] | None) -> list[dict[str, Any]] | None:
    if not usage:
        return None
    return [{"metric": f"num_{k}", "value": usage[k], "unit": "tokens"} for k in COUNTS]


def native_events(lines: list[str]) -> list[dict[str, Any]]:
    """Llama API's stream events for llama.cpp's SSE lines."""
    from llama_api_client.types import CreateChatCompletionResponseStreamChunk

    events = [{"event_type": "start", "delta": {"type": "text", "text": ""}}]
    for line in lines:
        if not line.startswith("data:") or line[5:].strip() == "[DONE]":
            continue
        chunk = json.loads(line[5:])
        choice = chunk["choices"][0] if chunk.get("choices") else {}
        text = (choice.get("delta") or {}).get("content")
        if text:
            events.append({"event_type": "progress", "delta": {"type": "text", "text": text}})
        if choice.get("finish_reason"):
            events.append(
                {
                    "event_type": "complete",
                    "delta": {"type": "text", "text": ""},
                    "stop_reason": choice["finish_reason"],
                }
            )
        if chunk.get("usage"):
            events.append(
                {
                    "event_type": "metrics",
                    "delta": {"type": "text", "text": ""},
                    "metrics": metrics(chunk["usage"]),
                }
            )
    chunks = [CreateChatCompletionResponseStreamChunk.model_validate({"event": e}) for e in events]
    return [c.model_dump(exclude_none=True) for c in chunks]


class LlamaApiStandIn(RecordingProxy):
    """``with LlamaApiStandIn(llama_server) as api:`` — ``api.url`` is the base (``<url>/v1`` the SDK's);
    ``api.requests`` what reached it, ``(path, body)``."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                import httpx

                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                if self.path not in (NATIVE, COMPAT):
                    return self._send(404, "application/json", b'{"detail": "not found"}')
                if "max_completion_tokens" in body:
                    body["max_tokens"] = body.pop("max_completion_tokens")
                api.requests.append((self.path, body))
                answer = httpx.post(f"{api.upstream}/chat/completions", json=body, timeout=120)
                if self.path == COMPAT or answer.status_code != 200:
                    return self._send(answer.status_code, answer.headers["content-type"], answer.content)
                if body.get("stream"):
                    events = native_events(answer.text.splitlines())
                    data = "".join(f"data: {json.dumps(e)}\n\n" for e in events).encode()
                    return self._send(200, "text/event-stream", data)
                return self._send(200, "application/json", json.dumps(native_answer(answer.json())).encode())

            def _send(self, status: int, kind: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
