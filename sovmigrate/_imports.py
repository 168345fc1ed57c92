"""Import-time fixes that make ``sovmigrate`` behave the same from a source checkout and installed.

- ``codemods/`` and ``tokenizer_maps/`` sit beside the package in the repository and inside it once
  installed. Imported from a clone (standing in it, ``sys.path[0]`` is the clone), ``sovmigrate.codemods`` and
  ``sovmigrate.tokenizer_maps`` are mapped to the top-level folders.
- ``sovmigrate.scan`` is both a subpackage and a public function; importing any ``sovmigrate.scan.*`` module
  binds the name to the package, so the package is made callable (``sovmigrate.receipts``, ``.rewrite``,
  ``.estimate`` and ``.plan`` do the same in their own ``__init__``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

__all__ = ["install"]

_BESIDE_THE_PACKAGE = ("codemods", "tokenizer_maps")


class _CheckoutFinder:
    """Maps ``sovmigrate.codemods`` and ``sovmigrate.tokenizer_maps`` to the checkout's top-level folders."""

    def __init__(self, root: Path) -> None:
        self.folders = {f"sovmigrate.{name}": root / name for name in _BESIDE_THE_PACKAGE}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        folder = self.folders.get(fullname)
        if folder is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


class _CallableScanPackage(types.ModuleType):
    """``sovmigrate.scan(...)`` calls :func:`sovmigrate.scan.runner.scan` when the name is the package."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from sovmigrate.scan.runner import scan

        return scan(*args, **kwargs)


def install(package: Path) -> None:
    """Map a checkout's top-level subpackages (first on ``sys.meta_path``, before an editable-install
    finder that may point at another checkout) and make ``sovmigrate.scan`` callable."""
    root = package.parent
    in_checkout = (
        not (package / "tokenizer_maps").is_dir() and (root / "tokenizer_maps" / "__init__.py").is_file()
    )
    if in_checkout and not any(type(f).__name__ == "_CheckoutFinder" for f in sys.meta_path):
        sys.meta_path.insert(0, _CheckoutFinder(root))
    importlib.import_module("sovmigrate.scan").__class__ = _CallableScanPackage  # a docstring only: cheap
