"""Sites: findings grouped so that nothing is counted twice.

A finding and every finding inside it (findings v2 ``enclosing``: a keyword inside a call, a stop string
inside a call) form one site. Template literals of one rule on adjacent lines of one file (a hand-built
prompt split over several strings) form one site too, when their driver asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sovmigrate.findings import Finding


@dataclass(frozen=True)
class Site:
    """One place to migrate: its outermost finding and the findings it absorbs."""

    findings: tuple[Finding, ...]

    @property
    def head(self) -> Finding:
        return self.findings[0]

    @property
    def absorbed(self) -> tuple[Finding, ...]:
        return self.findings[1:]

    @property
    def last_line(self) -> int:
        return max(f.end_line for f in self.findings)


def group_sites(findings: Iterable[Finding], site_drivers: frozenset[str]) -> list[Site]:
    """Group the findings whose effort driver is in ``site_drivers`` into sites, in source order."""
    candidates = [f for f in findings if f.effort_driver in site_drivers]
    by_print = {f.fingerprint: f for f in findings_with_prints(findings)}
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(candidates, key=_order):
        groups.setdefault(_root(finding, by_print, site_drivers).fingerprint or id(finding), []).append(
            finding
        )
    return [
        Site(tuple(sorted(group, key=lambda f: (f is not _outermost(group), _order(f)))))
        for group in groups.values()
    ]


def merge_adjacent(sites: Sequence[Site]) -> list[Site]:
    """Merge single-rule sites of one file whose lines touch (``a = "[INST]"`` then ``b = "<<SYS>>"``)."""
    merged: list[Site] = []
    for site in sorted(sites, key=lambda s: _order(s.head)):
        previous = merged[-1] if merged else None
        if previous is not None and _touches(previous, site):
            merged[-1] = Site(previous.findings + site.findings)
        else:
            merged.append(site)
    return merged


def findings_with_prints(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.fingerprint]


def _touches(a: Site, b: Site) -> bool:
    rules = {f.rule for f in a.findings} | {f.rule for f in b.findings}
    return (
        len(rules) == 1
        and a.head.path == b.head.path
        and a.head.cell == b.head.cell
        and b.head.line <= a.last_line + 1
    )


def _root(finding: Finding, by_print: dict[str, Finding], site_drivers: frozenset[str]) -> Finding:
    """The outermost enclosing finding that is itself a site candidate (the finding itself if none)."""
    root, current, seen = finding, finding, set()
    while current.enclosing and current.enclosing in by_print and current.enclosing not in seen:
        seen.add(current.enclosing)
        current = by_print[current.enclosing]
        if current.effort_driver in site_drivers:
            root = current
    return root


def _outermost(group: list[Finding]) -> Finding:
    prints = {f.fingerprint for f in group}
    return next((f for f in sorted(group, key=_order) if f.enclosing not in prints), group[0])


def _order(f: Finding) -> tuple:
    return (f.path, f.cell or 0, f.line, f.column, f.rule, f.fingerprint)
