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


@dataclass(frozen=True)
class ExtFunc:
    """A function of another project module; calling it returns ``returns``."""

    returns: tuple[Value, ...]


@dataclass(frozen=True)
class ExtClass:
    """A class of another project module that holds vendor objects or derives from a vendor class."""

    name: str
    attributes: tuple[tuple[str, tuple[Value, ...]], ...]
    bases: tuple[str, ...]

    def member(self, name: str) -> tuple[Value, ...]:
        for attribute, values in self.attributes:
            if attribute == name:
                return values
        return ()


@dataclass(frozen=True)
class ExtObj:
    """An instance of an :class:`ExtClass`."""

    cls: ExtClass


Value = Mod | Inst | LocalClass | LocalObj | LocalFunc | Str | ExtFunc | ExtClass | ExtObj
