"""``ollama:<model>`` (e.g. ``ollama:llama3.1:8b``): Ollama's native HTTP API (/api/chat, /api/generate, /api/embed).

Options: ``host`` (default ``$OLLAMA_HOST``, else ``http://127.0.0.1:11434``), ``timeout`` (s, default 60),
``max_retries`` (default 2), ``num_ctx`` (sent as an option and reported in capabilities), ``keep_alive``,
``headers``. ``complete()`` uses ``/api/generate`` with ``raw: true`` (no template), like every other backend.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from sovmigrate.adapter.backends._http import HTTPClient, decode
from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages
from sovmigrate.adapter.errors import CapabilityError
from sovmigrate.adapter.params import SAMPLING_PARAMS, json_schema_of
from sovmigrate.adapter.results import (
    chat_chunk,
    chat_completion,
    stream_base,
    text_chunk,
    text_completion,
)

__all__ = ["OllamaBackend"]

DEFAULT_HOST = "http://127.0.0.1:11434"


class OllamaBackend(Backend):
    """Maps the neutral parameters to Ollama ``options`` and its answers to OpenAI shapes."""

    name = "ollama"
    PARAMS = SAMPLING_PARAMS

    def __init__(
        self,
        model: str,
        *,
        host: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        num_ctx: int | None = None,
        keep_alive: str | int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.model = model
        host = host or os.environ.get("OLLAMA_HOST") or DEFAULT_HOST
        if "://" not in host:
            host = f"http://{host}"
        self._http = HTTPClient(
            self.name,
            "ollama",
            host.rstrip("/"),
            timeout=timeout,
            max_retries=max_retries,
            headers=headers or {},
        )
        self._num_ctx = num_ctx
        self._keep_alive = keep_alive
        self.capabilities = Capabilities(
            streaming=True,
            tools=False,
            json_schema=True,
            embeddings=True,
            logprobs=False,
            max_context=num_ctx,
            params=self.PARAMS,
        )

    def _body(self, p: dict[str, Any], stream: bool) -> dict[str, Any]:
        options = {
            "num_predict": p["max_tokens"] if p["max_tokens"] is not None else -1,
            "temperature": p["temperature"],
            "top_p": p["top_p"],
            "top_k": p["top_k"],
            "min_p": 0.0,
            "repeat_penalty": p["repetition_penalty"],
            "presence_penalty": p["presence_penalty"],
            "frequency_penalty": p["frequency_penalty"],
        }
        for src, dst in (("stop", "stop"), ("seed", "seed")):
            if p[src] is not None:
                options[dst] = p[src]
        if self._num_ctx is not None:
            options["num_ctx"] = self._num_ctx
        body: dict[str, Any] = {"model": self.model, "stream": stream, "options": options}
        schema = json_schema_of(p["response_format"], self.name)
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

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self._http.post("/api/embed", {"model": self.model, "input": texts})["embeddings"]

    def count_tokens(self, text: str) -> int:
        raise CapabilityError(
            "Ollama's API has no tokenize endpoint; count with the model's tokenizer (sovmigrate.tokenizers)",
            backend=self.name,
        )

    def close(self) -> None:
        self._http.close()


def _reason(r: dict[str, Any]) -> str:
    return "length" if r.get("done_reason") == "length" else "stop"


def _counts(r: dict[str, Any]) -> tuple[int, int]:
    return int(r.get("prompt_eval_count") or 0), int(r.get("eval_count") or 0)


def _usage(r: dict[str, Any]) -> dict[str, int]:
    prompt, completion = _counts(r)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
