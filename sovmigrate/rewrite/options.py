"""How codemods run on a file: which rule codes, unsafe fixes or not, TODO comments or not."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """How the codemods run: which codes, unsafe fixes or not, TODO comments or not."""

    codes: frozenset[str]
    unsafe: bool = False
    annotate: bool = False
