"""How each call site would be migrated: rewritten safely or unsafely by a codemod, or by hand.

One function, so that switching to the codemods' own dry run (``sovmigrate.rewrite(paths, dry_run=True,
unsafe=True)``) is a one-line change when it lands. Until then the catalog's fix field decides.
"""

from __future__ import annotations

from collections.abc import Iterable

from sovmigrate.findings import Finding
from sovmigrate.rules import Fix, get_rule

_BY_FIX = {Fix.ALWAYS: "safe", Fix.SOMETIMES: "unsafe", Fix.NONE: "manual"}


def site_outcomes(findings: Iterable[Finding]) -> dict[str, str]:
    """fingerprint -> ``safe`` | ``unsafe`` | ``manual`` for every finding."""
    return {f.fingerprint: _BY_FIX[_fix(f.rule)] for f in findings}


def outcome_source() -> str:
    """What the classification rests on, for the report."""
    return "the rule catalog's fix field (no codemod dry run yet)"


def _fix(code: str) -> Fix:
    try:
        return get_rule(code).fix
    except KeyError:
        return Fix.NONE
