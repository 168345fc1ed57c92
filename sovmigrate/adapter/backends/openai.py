"""``openai:<model id>``: any OpenAI-compatible server over HTTP (llama.cpp server, vLLM, Ollama's /v1, TGI...).

Options: ``base_url`` (default ``$OPENAI_BASE_URL``, else ``http://localhost:8000/v1``), ``api_key`` (default
``$OPENAI_API_KEY``; none is sent if unset), ``timeout`` (s, default 60; None waits forever), ``max_retries`` (default 2),
``max_context`` (reported in capabilities), ``headers``.

Parameters OpenAI's API lacks (``top_k``, ``min_p``, ``typical_p``, ``repetition_penalty``, ``mirostat*``) are sent
as extra body fields, as ``extra_body=`` would send them. Servers name them differently and ignore names they do
not know, so the ``dialect`` option names the server: its names are used, and a parameter it lacks raises
``UnsupportedParameter`` instead of being ignored (see ``DIALECTS``). Without a dialect the neutral names are
sent and the server decides (vLLM reads all it has; llama-cpp-python's server ignores ``repetition_penalty``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

from sovmigrate.adapter.backends._http import HTTPClient, decode
from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages
from sovmigrate.adapter.errors import OptionError
from sovmigrate.adapter.params import DEFAULTS, NEUTRAL_PARAMS

__all__ = ["DIALECTS", "EXTENSIONS", "OpenAIBackend"]

DEFAULT_BASE_URL = "http://localhost:8000/v1"
_ALWAYS = ("temperature", "top_p")  # sent even at their defaults: servers' own defaults differ (0.8, 0.95...)
_SERVER_DECIDES = ("tools", "json_schema", "embeddings", "logprobs", "multimodal")
# The neutral parameters OpenAI's API lacks, and what each server calls those it reads.
EXTENSIONS = frozenset(
    {"top_k", "min_p", "typical_p", "repetition_penalty", "mirostat", "mirostat_tau", "mirostat_eta"}
)
_MIROSTAT = {"mirostat_tau": "mirostat_tau", "mirostat_eta": "mirostat_eta"}
DIALECTS: dict[str, dict[str, str]] = {
    "openai": {},  # api.openai.com and servers that refuse unknown fields: none of them
    "vllm": {"top_k": "top_k", "min_p": "min_p", "repetition_penalty": "repetition_penalty"},
    "llama.cpp": {  # llama-server (C++)
        "top_k": "top_k",
        "min_p": "min_p",
        "typical_p": "typical_p",
        "repetition_penalty": "repeat_penalty",
        "mirostat": "mirostat",
        **_MIROSTAT,
    },
    "llama-cpp-python": {  # python -m llama_cpp.server
        "top_k": "top_k",
        "min_p": "min_p",
        "repetition_penalty": "repeat_penalty",
        "mirostat": "mirostat_mode",
        **_MIROSTAT,
    },
}


class OpenAIBackend(Backend):
    """Talks the OpenAI HTTP API; parameters go to the server unchanged, which decides what it supports."""

    name = "openai"
    PARAMS = NEUTRAL_PARAMS - {"echo"}
    CAPABILITIES = Capabilities(
        streaming=True,
        tools=True,
        json_schema=True,
        embeddings=True,
        logprobs=True,
        max_context=None,
        params=PARAMS,
        multimodal=True,
        requires=dict.fromkeys(_SERVER_DECIDES, "a server that supports it"),
    )

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = 60.0,
        max_retries: int = 2,
        max_context: int | None = None,
        headers: dict[str, str] | None = None,
        dialect: str | None = None,
    ) -> None:
        if dialect is not None and dialect not in DIALECTS:
            raise OptionError(f"dialect={dialect!r} must be one of: {', '.join(DIALECTS)}", backend=self.name)
        self._names = {k: k for k in EXTENSIONS} if dialect is None else DIALECTS[dialect]
        self.PARAMS = self.PARAMS - (EXTENSIONS - self._names.keys())
        self.model = model
        base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/") + "/"
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        all_headers = {**({"Authorization": f"Bearer {api_key}"} if api_key else {}), **(headers or {})}
        self._http = HTTPClient(
            self.name, "openai", base_url, timeout=timeout, max_retries=max_retries, headers=all_headers
        )
        self.capabilities = dataclasses.replace(
            self.CAPABILITIES, max_context=max_context, params=self.PARAMS
        )

    def _body(self, params: dict[str, Any], chat: bool) -> dict[str, Any]:
        """The request body: every parameter given; in neutral mode (all present) only those off their default,
        plus temperature and top_p, whose server defaults differ."""
        neutral = self.PARAMS <= params.keys()  # the defaults were filled in (param_defaults="neutral")
        body: dict[str, Any] = {"model": self.model}
        for name, value in params.items():
            if name in ("logprobs", "top_logprobs") or name not in self.PARAMS:
                continue  # logprobs: below; not in PARAMS: at its neutral value, which this server lacks
            if neutral and value == DEFAULTS[name] and name not in _ALWAYS:
                continue
            body[self._names.get(name, name)] = value
        if params.get("logprobs"):
            if chat:
                body.update(logprobs=True, top_logprobs=params.get("top_logprobs") or 0)
            else:
                body["logprobs"] = params.get("top_logprobs") or 0
        return body

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        return self._http.post("chat/completions", {**self._body(params, True), "messages": messages})

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        return self._http.post("completions", {**self._body(params, False), "prompt": prompt})

    def _stream(self, path: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for line in self._http.post_lines(path, {**body, "stream": True}):
            if not line.startswith("data:"):
                continue  # SSE comments, event names, keep-alives
            data = line[5:].strip()
            if data == "[DONE]":
                return
            yield decode(data, self.name)

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        return self._stream("chat/completions", {**self._body(params, True), "messages": messages})

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        return self._stream("completions", {**self._body(params, False), "prompt": prompt})

    def embeddings(self, texts: list[str]) -> dict[str, Any]:
        return self._http.post("embeddings", {"model": self.model, "input": texts})

    def embed(self, texts: list[str]) -> list[list[float]]:
        data = self.embeddings(texts)["data"]
        return [d["embedding"] for d in sorted(data, key=lambda d: d["index"])]

    def close(self) -> None:
        self._http.close()
