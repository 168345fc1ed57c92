"""How each call site would be migrated: rewritten safely or unsafely by a codemod, or by hand.

With the code at hand, the codemods' own dry run decides (``sovmigrate.rewrite(paths, dry_run=True,
unsafe=True)``): every site a codemod handles gets the safety it reported. With findings alone, the
catalog's fix field stands in for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from sovmigrate.config import Settings
from sovmigrate.findings import Finding
from sovmigrate.rules import Fix, get_rule

_BY_FIX = {Fix.ALWAYS: "safe", Fix.SOMETIMES: "unsafe", Fix.NONE: "manual"}
CATALOG_SOURCE = "the rule catalog's fix field"
DRY_RUN_SOURCE = "the codemods' dry run (sovmigrate rewrite --diff --unsafe)"


def site_outcomes(findings: Iterable[Finding]) -> dict[str, str]:
    """fingerprint -> ``safe`` | ``unsafe`` | ``manual`` for every finding, from the catalog's fix field."""
    return {f.fingerprint: _BY_FIX[_fix(f.rule)] for f in findings}


def codemod_outcomes(
    findings: Sequence[Finding], paths: Sequence[str | os.PathLike[str]], settings: Settings | None = None
) -> dict[str, str]:
    """fingerprint -> outcome for every finding, from the codemods' dry run over ``paths`` (nothing is written).

    Each outcome carries the fingerprint of the finding at its site. A finding no codemod reported takes the
    outcome of another rule's finding at the same place (a codemod leaves a site that two rules match to the
    other codemod that rewrites it); else it is manual.
    """
    from sovmigrate.rewrite import rewrite

    result = rewrite(list(paths), dry_run=True, unsafe=True, settings=settings)
    reported = {o.fingerprint: o.safety.value for o in result.outcomes if o.fingerprint}
    by_place = {_place(f): reported[f.fingerprint] for f in findings if f.fingerprint in reported}
    return {f.fingerprint: reported.get(f.fingerprint) or by_place.get(_place(f), "manual") for f in findings}


def _place(finding: Finding) -> tuple:
    return (finding.path, finding.cell, finding.line, finding.column)


def _fix(code: str) -> Fix:
    try:
        return get_rule(code).fix
    except KeyError:
        return Fix.NONE
