"""The neutral adapter migrated code runs on: one small interface over real engines.

    >>> from sovmigrate.adapter import connect
    >>> llm = connect("llamacpp:models/x.gguf", n_ctx=4096)        # doctest: +SKIP
    >>> r = llm.chat([{"role": "user", "content": "Hi"}], max_tokens=32, temperature=0)   # doctest: +SKIP
    >>> r.choices[0].message.content == r["choices"][0]["message"]["content"] == r.text  # doctest: +SKIP

Code written by ``sovmigrate rewrite`` names its original engine and model as the default, so it runs as before,
while configuration (``SOVMIGRATE_MODEL``, ``[tool.sovmigrate.adapter]``) can move it to another one:

    >>> llm = connect(default="llamacpp:models/x.gguf", n_ctx=2048)   # doctest: +SKIP

Importing this package imports no engine; each backend imports its engine when it is connected.
See docs/adapter.md for the spec grammar, parameters per backend and capabilities.
"""

from __future__ import annotations

from typing import Any

from sovmigrate.adapter import views
from sovmigrate.adapter.backends.base import Backend, Capabilities, check_options
from sovmigrate.adapter.config import resolve
from sovmigrate.adapter.errors import (
    AdapterError,
    BackendNotInstalled,
    BadRequest,
    CapabilityError,
    ClosedError,
    ConnectError,
    EngineError,
    OptionError,
    SpecError,
    Timeout,
    TransportError,
    UnsupportedParameter,
)
from sovmigrate.adapter.model import ChatModel
from sovmigrate.adapter.params import NEUTRAL_PARAMS, PARAM_DEFAULTS
from sovmigrate.adapter.results import Completion, CompletionChunk, Embeddings
from sovmigrate.adapter.spec import backend_capabilities, backend_names, load_backend, parse_spec

__all__ = [
    "NEUTRAL_PARAMS",
    "AdapterError",
    "Backend",
    "BackendNotInstalled",
    "BadRequest",
    "Capabilities",
    "CapabilityError",
    "ChatModel",
    "ClosedError",
    "Completion",
    "CompletionChunk",
    "ConnectError",
    "Embeddings",
    "EngineError",
    "OptionError",
    "SpecError",
    "Timeout",
    "TransportError",
    "UnsupportedParameter",
    "backend_capabilities",
    "backend_names",
    "connect",
    "views",
]


def connect(
    spec: str | None = None, /, *, default: str | None = None, name: str | None = None, **options: Any
) -> ChatModel:
    """Connect to a model named by ``spec`` (``backend:model``), or by configuration, or by ``default``.

    Precedence: ``spec`` > ``SOVMIGRATE_MODEL_<NAME>`` (with ``name``) > ``SOVMIGRATE_MODEL`` >
    ``[tool.sovmigrate.adapter.models.<name>]`` > ``[tool.sovmigrate.adapter]`` > ``default``.
    ``options`` go to the backend (``n_ctx=`` for llamacpp, ``base_url=`` for openai...); with ``default`` they
    belong to its backend and are used only when that backend is chosen. ``param_defaults="engine"`` sends only
    the parameters a call gives, leaving the rest to the engine or server. Unknown options raise OptionError.
    """
    if default is not None:
        parse_spec(
            default, "default="
        )  # a malformed default is a bug in the code: report it whatever is chosen
    resolved = resolve(spec, options, default=default, name=name)
    parsed = parse_spec(resolved.spec, None if resolved.source == "connect()" else resolved.source)
    backend = load_backend(parsed.backend)
    kwargs = dict(resolved.options)
    param_defaults = kwargs.pop("param_defaults", "neutral")
    if param_defaults not in PARAM_DEFAULTS:
        where = resolved.option_sources.get("param_defaults", "connect()")
        raise OptionError(
            f"param_defaults={param_defaults!r} (from {where}) must be one of: {', '.join(PARAM_DEFAULTS)}",
            backend=parsed.backend,
        )
    check_options(
        parsed.backend, kwargs, backend.option_names() | {"param_defaults"}, resolved.option_sources
    )
    return ChatModel(backend(parsed.model, **kwargs), param_defaults=param_defaults, source=resolved.source)
