"""Rewrite vendor-specific inference code to the neutral adapter, ruff-style: safe fixes by default.

    >>> import sovmigrate
    >>> result = sovmigrate.rewrite(["src/"], dry_run=True, unsafe=True)   # doctest: +SKIP
    >>> result.counts.fixed, result.counts_by_rule["SOV102"].manual        # doctest: +SKIP
    >>> print(result.files[0].diff)                                        # doctest: +SKIP

The codemods live in :mod:`sovmigrate.codemods`; docs/rewrite.md describes the safety levels and the
guarantees. Names are imported on first use, so importing this package stays light.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_LAZY = {
    "rewrite": "sovmigrate.rewrite.runner",
    "Counts": "sovmigrate.rewrite.result",
    "FileRewrite": "sovmigrate.rewrite.result",
    "Outcome": "sovmigrate.rewrite.result",
    "RewriteResult": "sovmigrate.rewrite.result",
}

__all__ = ["Counts", "FileRewrite", "Outcome", "RewriteResult", "rewrite"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sovmigrate.rewrite' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _CallableModule(types.ModuleType):
    """``sovmigrate.rewrite(...)`` calls the function even when the package itself was imported first."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return __getattr__("rewrite")(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
