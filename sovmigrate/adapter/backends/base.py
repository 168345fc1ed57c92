"""What every backend implements (the adapter's transport interface, as in httpx)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

from sovmigrate.adapter.errors import BackendNotInstalled, CapabilityError

__all__ = ["Backend", "Capabilities", "require"]

Messages = list[dict[str, Any]]


@dataclass(frozen=True)
class Capabilities:
    """What a connected model can do, known before any call."""

    streaming: bool
    tools: bool
    json_schema: bool
    embeddings: bool
    logprobs: bool
    max_context: int | None
    params: frozenset[str]


def require(module: str, *, backend: str, package: str, extra: str) -> ModuleType:
    """Import an engine module or raise ``BackendNotInstalled`` naming the pip extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BackendNotInstalled(
            f"needs {package}, which is not installed: pip install 'sovmigrate[{extra}]' ({exc})",
            backend=backend,
        ) from exc


class Backend:
    """One engine behind the neutral interface.

    Methods take messages or a prompt plus the complete neutral parameters (already checked against
    ``PARAMS`` and merged over the defaults) and return OpenAI-shaped dicts.
    """

    name: ClassVar[str]
    PARAMS: ClassVar[frozenset[str]]
    model: str
    capabilities: Capabilities

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        raise CapabilityError("cannot stream", backend=self.name)

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        raise CapabilityError("cannot stream", backend=self.name)

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise CapabilityError("cannot compute embeddings", backend=self.name)

    def count_tokens(self, text: str) -> int:
        raise CapabilityError("cannot count tokens", backend=self.name)

    def close(self) -> None:
        """Release the engine or connection."""
