"""The rule catalog: the single source of truth that the scanner, codemods, estimator and docs read.

Rules are typed data grouped by family (one module each); a code is never reused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

from sovmigrate.errors import ConfigError
from sovmigrate.rules import (
    complex,
    configkeys,
    deploy,
    embedded,
    engines,
    errors,
    families,
    frameworks,
    hosted,
    hub,
    idvalues,
    literals,
    manifests,
    recipes,
    reference,
    servers,
    serving,
    structured,
    tokenizer,
)
from sovmigrate.rules.model import (
    Calls,
    Dependency,
    Fix,
    Imports,
    Keywords,
    Kind,
    Level,
    Line,
    Literal,
    Rule,
    RuleDocs,
    TokenIds,
)

__all__ = [
    "CATALOG",
    "Calls",
    "Dependency",
    "Fix",
    "Imports",
    "Keywords",
    "Kind",
    "Level",
    "Line",
    "Literal",
    "Rule",
    "RuleDocs",
    "TokenIds",
    "catalog_version",
    "get_rule",
    "select_rules",
]

CATALOG: tuple[Rule, ...] = tuple(
    sorted(
        (
            *engines.RULES,
            *servers.RULES,
            *hosted.RULES,
            *frameworks.RULES,
            *literals.RULES,
            *idvalues.RULES,
            *tokenizer.RULES,
            *complex.RULES,
            *manifests.RULES,
            *errors.RULES,
            *serving.RULES,
            *reference.RULES,
            *deploy.RULES,
            *configkeys.RULES,
            *structured.RULES,
            *families.RULES,
            *hub.RULES,
            *recipes.RULES,
            *embedded.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
_BY_CODE = {rule.code: rule for rule in CATALOG}


def get_rule(code: str) -> Rule:
    """The rule with ``code``; raises ``KeyError`` for an unknown code."""
    return _BY_CODE[code]


@cache
def catalog_version() -> str:
    """A fingerprint of the whole catalog and its vocabulary: cached scan results are invalid when either changes."""
    from sovmigrate import __version__
    from sovmigrate.rules import vocabulary

    words = {name: _stable(value) for name, value in vars(vocabulary).items() if name.isupper()}
    digest = hashlib.blake2b(repr((CATALOG, sorted(words.items()))).encode(), digest_size=8).hexdigest()
    return f"{__version__}+{digest}"


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
        matched = {code for code in _BY_CODE if code.startswith(selector)}
        if not matched:
            raise ConfigError(f"unknown rule code or prefix {selector!r}", key=option)
        codes |= matched
    return codes


def select_rules(
    select: Iterable[str] = ("SOV",), ignore: Iterable[str] = (), extend_select: Iterable[str] = ()
) -> frozenset[str]:
    """The codes left after ruff-style prefix selection (``SOV1``, ``SOV10``, ``SOV101``)."""
    chosen = _expand(select, "select") | _expand(extend_select, "extend-select")
    return frozenset(chosen - _expand(ignore, "ignore"))
