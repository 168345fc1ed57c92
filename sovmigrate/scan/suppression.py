"""Inline suppressions: ``# sovmigrate: ignore[SOV101,SOV5]``, ``# sovmigrate: ignore`` and ``# noqa: SOV101``."""

from __future__ import annotations

import re

_COMMENT = re.compile(
    r"#\s*(?:sovmigrate:\s*ignore(?:\[(?P<codes>[A-Za-z0-9,\s]*)\])?|noqa:\s*(?P<noqa>SOV[0-9]*(?:\s*,\s*SOV[0-9]*)*))"
)
ALL = frozenset({"SOV"})


def suppressions(text: str) -> dict[int, frozenset[str]]:
    """Map 1-based line numbers to suppressed code prefixes (``{"SOV"}`` suppresses everything)."""
    if "sovmigrate" not in text and "noqa" not in text:
        return {}
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = match.group("codes") if match.group("noqa") is None else match.group("noqa")
        found[number] = frozenset(c.strip().upper() for c in codes.split(",") if c.strip()) if codes else ALL
    return found


def is_suppressed(table: dict[int, frozenset[str]], code: str, *lines: int) -> bool:
    """Whether ``code`` is suppressed on any of ``lines`` (a finding's first or last line)."""
    for line in lines:
        prefixes = table.get(line)
        if prefixes and any(code.startswith(p) for p in prefixes):
            return True
    return False
