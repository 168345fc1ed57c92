"""The ``backend:model`` spec grammar and the backend registry.

    spec    := backend ":" model
    backend := a registered backend name (built-in or from the entry-point group below)
    model   := any non-empty string; everything after the FIRST colon (``ollama:llama3.1:8b``)

Built-in backends are named here and imported only when used; third-party backends register a ``Backend``
subclass in the entry-point group ``sovmigrate.adapter_backends`` (name = the spec prefix).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from sovmigrate.adapter.errors import SpecError

if TYPE_CHECKING:
    from sovmigrate.adapter.backends.base import Backend, Capabilities

__all__ = [
    "BUILTIN_BACKENDS",
    "ENTRY_POINT_GROUP",
    "Spec",
    "backend_capabilities",
    "backend_names",
    "load_backend",
    "parse_spec",
]

ENTRY_POINT_GROUP = "sovmigrate.adapter_backends"

BUILTIN_BACKENDS = {
    "bedrock": "sovmigrate.adapter.backends.bedrock:BedrockBackend",
    "llamacpp": "sovmigrate.adapter.backends.llamacpp:LlamaCppBackend",
    "ollama": "sovmigrate.adapter.backends.ollama:OllamaBackend",
    "openai": "sovmigrate.adapter.backends.openai:OpenAIBackend",
    "transformers": "sovmigrate.adapter.backends.transformers:TransformersBackend",
    "vllm": "sovmigrate.adapter.backends.vllm:VLLMBackend",
}


@dataclass(frozen=True)
class Spec:
    """A parsed model spec."""

    backend: str
    model: str

    def __str__(self) -> str:
        return f"{self.backend}:{self.model}"


def _plugins() -> dict[str, str]:
    return {
        ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in BUILTIN_BACKENDS
    }


def backend_names() -> list[str]:
    """All backend names a spec may use: built-in ones and installed plugins."""
    return sorted({*BUILTIN_BACKENDS, *_plugins()})


def parse_spec(spec: str, source: str | None = None) -> Spec:
    """Split ``backend:model`` on the first colon and check that the backend exists; ``source`` (where the
    spec came from, such as ``SOVMIGRATE_MODEL``) is named in errors."""
    where = f" (from {source})" if source else ""
    if not isinstance(spec, str):
        raise SpecError(
            f"a model spec must be a str like 'llamacpp:models/x.gguf', not {type(spec).__name__}"
        )
    backend, sep, model = spec.partition(":")
    backend = backend.strip()
    if not sep or not backend or not model.strip():
        raise SpecError(
            f"malformed model spec {spec!r}{where}: expected 'backend:model' (e.g. 'llamacpp:models/x.gguf', "
            f"'ollama:llama3.1:8b'); valid backends: {', '.join(backend_names())}"
        )
    if backend not in BUILTIN_BACKENDS and backend not in _plugins():
        raise SpecError(
            f"unknown backend {backend!r} in {spec!r}{where}; valid backends: {', '.join(backend_names())}"
        )
    return Spec(backend, model)


def load_backend(name: str) -> type[Backend]:
    """Import and return the backend class registered under ``name``."""
    target = BUILTIN_BACKENDS.get(name) or _plugins().get(name)
    if target is None:
        raise SpecError(f"unknown backend {name!r}; valid backends: {', '.join(backend_names())}")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def backend_capabilities(name: str) -> Capabilities:
    """What backend ``name`` can do at most, without connecting or importing its engine."""
    return load_backend(name).CAPABILITIES
