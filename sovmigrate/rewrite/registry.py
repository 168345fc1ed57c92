"""The codemods the catalog names, loaded and put in their run order."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.errors import CatalogError
from sovmigrate.rules import CATALOG

PACKAGE = "sovmigrate.codemods"


def load_codemod(name: str) -> type[SovmigrateCodemod]:
    """The class ``module.Class`` of ``sovmigrate.codemods`` (as rules name it)."""
    module, _, attribute = name.rpartition(".")
    try:
        found = getattr(importlib.import_module(f"{PACKAGE}.{module}"), attribute)
    except (ImportError, AttributeError) as exc:
        raise CatalogError(f"the catalog names codemod {name!r}, which does not exist: {exc}") from exc
    if not (isinstance(found, type) and issubclass(found, SovmigrateCodemod)):
        raise CatalogError(f"codemod {name!r} is not a SovmigrateCodemod")
    return found


@cache
def catalog_codemods() -> tuple[type[SovmigrateCodemod], ...]:
    """Every codemod some rule names, in run order."""
    return ordered(load_codemod(name) for name in {rule.codemod for rule in CATALOG if rule.codemod})


def ordered(codemods: Iterable[type[SovmigrateCodemod]]) -> tuple[type[SovmigrateCodemod], ...]:
    """Codemods in their deterministic run order (``ORDER``, else the lowest code; then the class path)."""
    return tuple(sorted(set(codemods), key=lambda codemod: codemod.order()))
