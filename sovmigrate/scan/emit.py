"""The one path from rule matches to findings, for Python, notebooks (code, shell, markdown) and text files.

Analysers produce :class:`Site` values; :func:`emit` drops the suppressed ones and makes findings;
:func:`finish` sorts a file's findings and gives each its fingerprint and the finding it sits inside.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, NamedTuple

from sovmigrate.findings import Finding
from sovmigrate.rules import Rule
from sovmigrate.scan.discovery import SourceFile
from sovmigrate.scan.suppression import is_suppressed, suppressions


class Site(NamedTuple):
    """A rule match with its 1-based line and 0-based column span; ``text`` defaults to ``api``."""

    rule: Rule
    api: str
    line: int
    column: int
    end_line: int
    end_column: int
    details: dict[str, Any]
    text: str = ""


def emit(
    source: SourceFile,
    sites: Iterable[Site],
    text: str,
    *,
    cell: int | None = None,
    level: str | None = None,
    details: dict[str, Any] | None = None,
) -> list[Finding]:
    """Findings for the sites that no comment in ``text`` (the lines the sites count in) suppresses."""
    table = suppressions(text)
    return [
        make_finding(source, site, cell=cell, level=level, details=details)
        for site in sites
        if not is_suppressed(table, site.rule.code, site.line, site.end_line)
    ]


def make_finding(
    source: SourceFile,
    site: Site,
    *,
    cell: int | None = None,
    level: str | None = None,
    details: dict[str, Any] | None = None,
) -> Finding:
    """A finding from a site (columns become 1-based)."""
    rule, text = site.rule, site.text or site.api
    return Finding(
        path=source.relpath,
        line=site.line,
        column=site.column + 1,
        end_line=site.end_line,
        end_column=site.end_column + 1,
        rule=rule.code,
        kind=rule.kind.value,
        vendor=rule.vendor,
        api=site.api,
        text=text,
        message=rule.format_message(text),
        fixable=rule.fixable,
        name=rule.name,
        level=level or rule.level.value,
        effort_driver=rule.effort_driver,
        details={**site.details, **(details or {})},
        cell=cell,
    )


def finish(findings: list[Finding]) -> list[Finding]:
    """A file's findings in source order, each with a fingerprint unique per site and its enclosing finding.

    The fingerprint hashes the path, cell, rule, API key and how many earlier sites in the file share
    them, so it survives edits elsewhere in the file. ``enclosing`` is the fingerprint of the smallest
    finding whose span contains this one (for equal spans, the one with the lower rule code).
    """
    ordered = sorted(
        findings, key=lambda f: (f.cell or 0, f.line, f.column, -f.end_line, -f.end_column, f.rule)
    )
    seen: Counter[tuple] = Counter()
    stamped = []
    for finding in ordered:
        key = (finding.path, finding.cell, finding.rule, finding.api)
        digest = hashlib.blake2b(f"{key}|{seen[key]}".encode(), digest_size=16).hexdigest()
        seen[key] += 1
        stamped.append(replace(finding, fingerprint=digest))
    return _nest(stamped)


def _nest(ordered: list[Finding]) -> list[Finding]:
    nested, open_spans = [], []
    for finding in ordered:
        while open_spans and not _contains(open_spans[-1], finding):
            open_spans.pop()
        parent = open_spans[-1].fingerprint if open_spans else None
        nested.append(replace(finding, enclosing=parent) if parent else finding)
        open_spans.append(finding)
    return sorted(nested, key=lambda f: (f.cell or 0, f.line, f.column, f.rule))


def _contains(outer: Finding, inner: Finding) -> bool:
    return (
        outer.cell == inner.cell
        and (outer.line, outer.column) <= (inner.line, inner.column)
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
    )
