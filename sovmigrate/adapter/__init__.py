"""The neutral adapter migrated code runs on: one small interface over real engines.

    >>> from sovmigrate.adapter import connect
    >>> llm = connect("llamacpp:models/x.gguf", n_ctx=4096)        # doctest: +SKIP
    >>> r = llm.chat([{"role": "user", "content": "Hi"}], max_tokens=32, temperature=0)   # doctest: +SKIP
    >>> r.choices[0].message.content == r["choices"][0]["message"]["content"] == r.text  # doctest: +SKIP

Importing this package imports no engine; each backend imports its engine when it is connected.
See docs/adapter.md for the spec grammar, parameters per backend and capabilities.
"""

from __future__ import annotations

from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities
from sovmigrate.adapter.config import resolve
from sovmigrate.adapter.errors import (
    AdapterError,
    BackendNotInstalled,
    BadRequest,
    CapabilityError,
    ConnectError,
    EngineError,
    SpecError,
    Timeout,
    TransportError,
    UnsupportedParameter,
)
from sovmigrate.adapter.model import ChatModel
from sovmigrate.adapter.params import NEUTRAL_PARAMS
from sovmigrate.adapter.results import Completion, CompletionChunk
from sovmigrate.adapter.spec import backend_names, load_backend, parse_spec

__all__ = [
    "NEUTRAL_PARAMS",
    "AdapterError",
    "Backend",
    "BackendNotInstalled",
    "BadRequest",
    "Capabilities",
    "CapabilityError",
    "ChatModel",
    "Completion",
    "CompletionChunk",
    "ConnectError",
    "EngineError",
    "SpecError",
    "Timeout",
    "TransportError",
    "UnsupportedParameter",
    "backend_names",
    "connect",
]


def connect(spec: str | None = None, **options: Any) -> ChatModel:
    """Connect to ``backend:model``; with no spec, use ``SOVMIGRATE_MODEL`` or ``[tool.sovmigrate.adapter]``.

    ``options`` go to the backend (e.g. ``n_ctx=`` for llamacpp, ``base_url=`` for openai).
    """
    spec, options = resolve(spec, options)
    parsed = parse_spec(spec)
    return ChatModel(load_backend(parsed.backend)(parsed.model, **options))
