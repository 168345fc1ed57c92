"""How each call site would be migrated: rewritten safely or unsafely by a codemod, or by hand.

With the code at hand, the codemods' own dry run decides (``sovmigrate.rewrite(paths, dry_run=True,
unsafe=True)``): every site a codemod handles gets the safety it reported. With findings alone, the
catalog's fix field stands in for it.
"""

from __future__ import annotations

import os
from collections import defaultdict
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

    A codemod reports each site of its rules once; sites of one rule in one file keep their order through a
    rewrite, so the n-th outcome of a rule in a file is the n-th finding of it. Findings no codemod reported
    are manual.
    """
    from sovmigrate.rewrite import rewrite

    result = rewrite(list(paths), dry_run=True, unsafe=True, settings=settings)
    reported: dict[tuple, list[str]] = defaultdict(list)
    for outcome in sorted(result.outcomes, key=lambda o: (o.path, o.cell or 0, o.rule, o.line, o.column)):
        reported[(outcome.path, outcome.cell, outcome.rule)].append(outcome.safety.value)
    mine: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in sorted(findings, key=lambda f: (f.path, f.cell or 0, f.rule, f.line, f.column)):
        mine[(finding.path, finding.cell, finding.rule)].append(finding)
    outcomes = {}
    for key, group in mine.items():
        safeties = reported.get(key, [])
        for index, finding in enumerate(group):
            outcomes[finding.fingerprint] = safeties[index] if index < len(safeties) else "manual"
    return outcomes


def _fix(code: str) -> Fix:
    try:
        return get_rule(code).fix
    except KeyError:
        return Fix.NONE
