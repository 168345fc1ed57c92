"""The rule catalog: the single source of truth that the scanner, codemods, estimator and docs read.

Rules are typed data grouped by family (one module each); a code is never reused. The catalog is built on
first use (``CATALOG``, :func:`get_rule`, a narrowing :func:`select_rules`): a scan whose files are all
answered by the result cache needs only :func:`catalog_version`, which reads the rule modules' bytes.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sovmigrate.errors import ConfigError

if TYPE_CHECKING:
    from sovmigrate.rules.model import (
        Calls,
        Dependency,
        Fix,
        Flags,
        Imports,
        Keywords,
        Kind,
        Level,
        Line,
        Literal,
        Options,
        Rule,
        RuleDocs,
        TokenIds,
    )

    CATALOG: tuple[Rule, ...]

__all__ = [
    "CATALOG",
    "Calls",
    "Dependency",
    "Fix",
    "Flags",
    "Imports",
    "Keywords",
    "Kind",
    "Level",
    "Line",
    "Literal",
    "Options",
    "Rule",
    "RuleDocs",
    "TokenIds",
    "catalog_version",
    "get_rule",
    "select_rules",
    "selects_every_rule",
]

# Re-exported from sovmigrate.rules.model on first use: every public name but the catalog and its functions.
_MODEL_NAMES = frozenset(__all__) - {
    "CATALOG",
    "catalog_version",
    "get_rule",
    "select_rules",
    "selects_every_rule",
}
# The modules whose RULES make the catalog, in the order they are merged (then sorted by code).
_FAMILIES = (
    "engines",
    "servers",
    "hosted",
    "frameworks",
    "literals",
    "idvalues",
    "tokenizer",
    "complex",
    "manifests",
    "errors",
    "serving",
    "reference",
    "deploy",
    "structured",
    "families",
    "hub",
    "recipes",
    "embedded",
    "selectors",
    "configkeys",
)
_EVERY_CODE = ("SOV", "ALL")  # selectors that select every rule: no catalog needed to check them


def __getattr__(name: str) -> Any:
    if name == "CATALOG":
        value: Any = _catalog()
    elif name in _MODEL_NAMES:
        value = getattr(importlib.import_module("sovmigrate.rules.model"), name)
    else:
        raise AttributeError(f"module 'sovmigrate.rules' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


@cache
def _catalog() -> tuple[Rule, ...]:
    rules = (
        rule for family in _FAMILIES for rule in importlib.import_module(f"sovmigrate.rules.{family}").RULES
    )
    return tuple(sorted(rules, key=lambda rule: rule.code))


@cache
def _by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in _catalog()}


def get_rule(code: str) -> Rule:
    """The rule with ``code``; raises ``KeyError`` for an unknown code."""
    return _by_code()[code]


@cache
def catalog_version() -> str:
    """A fingerprint of the catalog and its vocabulary: cached scan results are invalid when either changes.

    It digests the bytes of the rule modules (every rule, word list and pattern is data in them), so it costs
    a millisecond and builds nothing; without their sources (a byte-code-only install) it digests the catalog.
    """
    from sovmigrate import __version__

    try:
        digest = rules_digest(Path(__file__).parent)
    except OSError:
        digest = _catalog_digest()
    return f"{__version__}+{digest}"


def rules_digest(folder: Path) -> str:
    """A digest of the ``.py`` files of a rules folder (names and bytes)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(folder.glob("*.py")):
        data = path.read_bytes()
        digest.update(f"{path.name}:{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _catalog_digest() -> str:
    from sovmigrate.rules import vocabulary

    words = {name: _stable(value) for name, value in vars(vocabulary).items() if name.isupper()}
    return hashlib.blake2b(repr((_catalog(), sorted(words.items()))).encode(), digest_size=8).hexdigest()


def _stable(value: object) -> object:
    """A value whose repr does not depend on hash randomisation (sets are sorted, also inside dicts)."""
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_stable(item)) for item in value)
    if isinstance(value, dict):
        return sorted((repr(k), repr(_stable(v))) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    return value


def _expand(selectors: Iterable[str], option: str) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        selector = selector.strip().upper()
        if selector == "ALL":
            selector = "SOV"
        matched = {code for code in _by_code() if code.startswith(selector)}
        if not matched:
            raise ConfigError(f"unknown rule code or prefix {selector!r}", key=option)
        codes |= matched
    return codes


def selects_every_rule(
    select: Iterable[str] = ("SOV",), ignore: Iterable[str] = (), extend_select: Iterable[str] = ()
) -> bool:
    """Whether a selection keeps every rule (the default one does), decided without building the catalog."""
    chosen = [selector.strip().upper() for selector in (*select, *extend_select)]
    return not tuple(ignore) and bool(chosen) and all(selector in _EVERY_CODE for selector in chosen)


def select_rules(
    select: Iterable[str] = ("SOV",), ignore: Iterable[str] = (), extend_select: Iterable[str] = ()
) -> frozenset[str]:
    """The codes left after ruff-style prefix selection (``SOV1``, ``SOV10``, ``SOV101``)."""
    chosen = _expand(select, "select") | _expand(extend_select, "extend-select")
    return frozenset(chosen - _expand(ignore, "ignore"))
