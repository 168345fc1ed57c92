"""sovmigrate: find Llama- and vendor-locked LLM inference code and move it to a neutral adapter.

The public API is imported lazily so that ``import sovmigrate`` (and the CLI) stay light:

    >>> import sovmigrate
    >>> result = sovmigrate.scan(["src/"])          # doctest: +SKIP
    >>> for finding in result.findings: ...         # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "scan": "sovmigrate.scan.runner",
    "ScanResult": "sovmigrate.findings",
    "Finding": "sovmigrate.findings",
    "FileError": "sovmigrate.findings",
    "Settings": "sovmigrate.config",
    "load_settings": "sovmigrate.config",
    "SovmigrateError": "sovmigrate.errors",
    "receipts": "sovmigrate.receipts.build",
    "rewrite": "sovmigrate.rewrite.runner",
    "RewriteResult": "sovmigrate.rewrite.result",
    "estimate": "sovmigrate.estimate",
    "plan": "sovmigrate.plan",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sovmigrate' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
