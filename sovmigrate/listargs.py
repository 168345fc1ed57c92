"""Public functions that take a list of paths or identifiers also take a single one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TypeVar

__all__ = ["as_list"]

T = TypeVar("T")


def as_list(value: Iterable[T] | str | os.PathLike[str] | None) -> list[T]:
    """``value`` as a list: a string or path is one item (never iterated character by character)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, os.PathLike)):
        return [value]  # type: ignore[list-item]
    return list(value)
