"""The codemods the catalog names, loaded and put in their run order.

Importing this module is light: the codemods (and libcst) load when :func:`catalog_codemods` is called.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from sovmigrate.errors import CatalogError
from sovmigrate.rules import CATALOG

if TYPE_CHECKING:
    from sovmigrate.codemods._base import SovmigrateCodemod

PACKAGE = "sovmigrate.codemods"


def catalog_codes() -> frozenset[str]:
    """The codes some codemod of the catalog handles, read from the catalog (nothing is imported)."""
    return frozenset(rule.code for rule in CATALOG if rule.codemod)


@cache
def catalog_codemods() -> tuple[type[SovmigrateCodemod], ...]:
    """Every codemod some rule names, in run order."""
    return ordered(load_codemod(name) for name in {rule.codemod for rule in CATALOG if rule.codemod})


def load_codemod(name: str) -> type[SovmigrateCodemod]:
    """The class ``module.Class`` of ``sovmigrate.codemods`` (as rules name it)."""
    from sovmigrate.codemods._base import SovmigrateCodemod

    module, _, attribute = name.rpartition(".")
    try:
        found = getattr(importlib.import_module(f"{PACKAGE}.{module}"), attribute)
    except (ImportError, AttributeError) as exc:
        raise CatalogError(f"the catalog names codemod {name!r}, which does not exist: {exc}") from exc
    if not (isinstance(found, type) and issubclass(found, SovmigrateCodemod)):
        raise CatalogError(f"codemod {name!r} is not a SovmigrateCodemod")
    return found


def ordered(codemods: Iterable[type[SovmigrateCodemod]]) -> tuple[type[SovmigrateCodemod], ...]:
    """Codemods in their deterministic run order (``ORDER``, else the lowest code; then the class path)."""
    return tuple(sorted(set(codemods), key=lambda codemod: codemod.order()))
