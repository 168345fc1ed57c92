"""Dependency receipts: what each model a codebase depends on really lets you do.

    >>> from sovmigrate.receipts import receipts
    >>> result = receipts(["meta-llama/Llama-3.1-8B-Instruct", "qwen2.5:7b"])   # doctest: +SKIP
    >>> [(r.line.id, r.tier.effective) for r in result.receipts]                 # doctest: +SKIP
    [('llama-3.1', 2), ('qwen2.5', 1)]

Renderers live in :mod:`sovmigrate.receipts.render_json`, :mod:`~sovmigrate.receipts.render_cyclonedx`
and :mod:`~sovmigrate.receipts.render_text`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from sovmigrate.receipts.build import (
    Comparison,
    Identifier,
    Location,
    Receipt,
    ReceiptSet,
    Unknown,
    compare,
    receipts,
)
from sovmigrate.receipts.catalog import Catalog, Fact, ModelLine, load_catalog
from sovmigrate.receipts.resolve import Resolution, resolve
from sovmigrate.receipts.tiers import Consequence, Tier, tier_of

__all__ = [
    "Catalog",
    "Comparison",
    "Consequence",
    "Fact",
    "Identifier",
    "Location",
    "ModelLine",
    "Receipt",
    "ReceiptSet",
    "Resolution",
    "Tier",
    "Unknown",
    "compare",
    "load_catalog",
    "receipts",
    "resolve",
    "tier_of",
]


class _CallablePackage(types.ModuleType):
    """``sovmigrate.receipts(...)`` calls :func:`receipts` also when the name is this package (imported first)."""

    def __call__(self, *args: Any, **kwargs: Any) -> ReceiptSet:
        return receipts(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
