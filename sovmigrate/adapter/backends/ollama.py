"""``ollama:<model>`` (e.g. ``ollama:llama3.1:8b``): Ollama's native HTTP API (/api/chat, /api/generate, /api/embed).

Options: ``host`` (default ``$OLLAMA_HOST``, else ``http://127.0.0.1:11434``), ``api_key`` (default
``$OLLAMA_API_KEY``, sent as a Bearer token, as the official client does), ``timeout`` (s, default 60; None waits forever),
``max_retries`` (default 2), ``num_ctx`` (sent as an option and reported in capabilities), ``options`` (other
Ollama options sent with every request, e.g. ``{"num_gpu": 1, "repeat_last_n": 64}``), ``keep_alive``,
``headers``. ``complete()`` uses ``/api/generate`` with ``raw: true`` (no template), like every other backend.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

from sovmigrate.adapter.backends._http import HTTPClient, decode
from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages
from sovmigrate.adapter.errors import OptionError
from sovmigrate.adapter.params import MIROSTAT_PARAMS, SAMPLING_PARAMS, json_schema_of
from sovmigrate.adapter.results import (
    chat_chunk,
    chat_completion,
    stream_base,
    text_chunk,
    text_completion,
)

__all__ = ["OllamaBackend"]

DEFAULT_HOST = "http://127.0.0.1:11434"
_PARAMS = SAMPLING_PARAMS | MIROSTAT_PARAMS | {"typical_p"}
# neutral name -> Ollama option (the same unless listed); response_format becomes the request's "format"
_NAMES = {"max_tokens": "num_predict", "repetition_penalty": "repeat_penalty"}
_OPTIONS = {_NAMES.get(k, k): k for k in _PARAMS - {"response_format"}}


class OllamaBackend(Backend):
    """Maps the neutral parameters to Ollama ``options`` and its answers to OpenAI shapes."""

    name = "ollama"
    PARAMS = _PARAMS
    CAPABILITIES = Capabilities(
        streaming=True,
        tools=False,
        json_schema=True,
        embeddings=True,
        logprobs=False,
        max_context=None,
        params=PARAMS,
        requires={"max_context": "num_ctx=..."},
    )

    def __init__(
        self,
        model: str,
        *,
        host: str | None = None,
        api_key: str | None = None,
        timeout: float | None = 60.0,
        max_retries: int = 2,
        num_ctx: int | None = None,
        options: dict[str, Any] | None = None,
        keep_alive: str | int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.model = model
        host = host or os.environ.get("OLLAMA_HOST") or DEFAULT_HOST
        if "://" not in host:
            host = f"http://{host}"
        api_key = api_key or os.environ.get("OLLAMA_API_KEY")
        auth = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = HTTPClient(
            self.name,
            "ollama",
            host.rstrip("/"),
            timeout=timeout,
            max_retries=max_retries,
            headers={**auth, **(headers or {})},
        )
        self._options = _server_options(options, num_ctx)
        self._keep_alive = keep_alive
        self.capabilities = dataclasses.replace(self.CAPABILITIES, max_context=num_ctx, requires={})

    def _body(self, p: dict[str, Any], stream: bool) -> dict[str, Any]:
        options = {name: p[neutral] for name, neutral in _OPTIONS.items() if p.get(neutral) is not None}
        if "max_tokens" in p and p["max_tokens"] is None:
            options["num_predict"] = -1  # neutral: until done (Ollama's -1), not the Modelfile's limit
        options.update(self._options)
        body: dict[str, Any] = {"model": self.model, "stream": stream}
        if options:
            body["options"] = options
        schema = json_schema_of(p.get("response_format"), self.name)
        if schema is not None:
            body["format"] = "json" if schema == {"type": "object"} else schema
        if self._keep_alive is not None:
            body["keep_alive"] = self._keep_alive
        return body

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        r = self._http.post("/api/chat", {**self._body(params, False), "messages": messages})
        return chat_completion(self.model, [(r["message"].get("content", ""), _reason(r))], *_counts(r))

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        r = self._http.post("/api/generate", {**self._body(params, False), "prompt": prompt, "raw": True})
        return text_completion(self.model, [(r.get("response", ""), _reason(r))], *_counts(r))

    def _lines(self, path: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for line in self._http.post_lines(path, body):
            yield decode(line, self.name)

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        base = stream_base("chat", self.model)
        lines = self._lines("/api/chat", {**self._body(params, True), "messages": messages})

        def chunks() -> Iterator[dict[str, Any]]:
            yield chat_chunk(base, {"role": "assistant"}, None)
            for r in lines:
                text = (r.get("message") or {}).get("content", "")
                if text:
                    yield chat_chunk(base, {"content": text}, None)
                if r.get("done"):
                    yield {**chat_chunk(base, {}, _reason(r)), "usage": _usage(r)}

        return chunks()

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        base = stream_base("text", self.model)
        lines = self._lines("/api/generate", {**self._body(params, True), "prompt": prompt, "raw": True})

        def chunks() -> Iterator[dict[str, Any]]:
            for r in lines:
                if r.get("response"):
                    yield text_chunk(base, r["response"], None)
                if r.get("done"):
                    yield {**text_chunk(base, "", _reason(r)), "usage": _usage(r)}

        return chunks()

    def _embed(self, texts: list[str]) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "input": texts}
        if self._options:
            body["options"] = self._options
        return self._http.post("/api/embed", body)

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts)["embeddings"]

    def embeddings(self, texts: list[str]) -> dict[str, Any]:
        r = self._embed(texts)
        tokens = int(r.get("prompt_eval_count") or 0)
        data = [{"object": "embedding", "embedding": v, "index": i} for i, v in enumerate(r["embeddings"])]
        usage = {"prompt_tokens": tokens, "total_tokens": tokens}
        return {"object": "list", "data": data, "model": self.model, "usage": usage}

    def close(self) -> None:
        self._http.close()


def _server_options(options: dict[str, Any] | None, num_ctx: int | None) -> dict[str, Any]:
    """The Ollama options sent with every request; neutral parameters are refused here (they go per call)."""
    options = dict(options or {})
    for name in options:
        if name in _OPTIONS or name == "format":
            neutral = _OPTIONS.get(name, "response_format")
            raise OptionError(
                f"options={{{name!r}: ...}}: pass {neutral}= with each call instead",
                backend=OllamaBackend.name,
            )
    if num_ctx is not None:
        options["num_ctx"] = num_ctx
    return options


def _reason(r: dict[str, Any]) -> str:
    return "length" if r.get("done_reason") == "length" else "stop"


def _counts(r: dict[str, Any]) -> tuple[int, int]:
    return int(r.get("prompt_eval_count") or 0), int(r.get("eval_count") or 0)


def _usage(r: dict[str, Any]) -> dict[str, int]:
    prompt, completion = _counts(r)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
