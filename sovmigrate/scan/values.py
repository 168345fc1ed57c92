"""The abstract values the Python analysis resolves expressions to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sovmigrate.scan.bindings import ClassInfo, FuncInfo


@dataclass(frozen=True)
class Mod:
    """A module or vendor symbol with a qualified name."""

    name: str


@dataclass(frozen=True)
class Inst:
    """An instance of a vendor type; ``path`` is an attribute chain on it (``chat.completions``).

    ``host`` classifies where an OpenAI-compatible client sends requests; ``origin`` is ``id()`` of the
    call that built the object (0 when unknown, e.g. an annotated parameter).
    """

    type: str
    path: str = ""
    host: str | None = None
    origin: int = 0


@dataclass(frozen=True)
class LocalClass:
    info: ClassInfo


@dataclass(frozen=True)
class LocalObj:
    info: ClassInfo


@dataclass(frozen=True)
class LocalFunc:
    info: FuncInfo
    bound_to: ClassInfo | None = None


@dataclass(frozen=True)
class Str:
    value: str


Value = Mod | Inst | LocalClass | LocalObj | LocalFunc | Str
