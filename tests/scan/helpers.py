"""Helpers for scanner tests."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from sovmigrate.config import Settings
from sovmigrate.findings import Finding, ScanResult
from sovmigrate.scan.runner import scan

_EXPECT = re.compile(r"expect:((?:\s+SOV\d{3}(?:=\"[^\"]*\")?(?:\s+`[^`]*`)?)+)")
_TAG = re.compile(r"(SOV\d{3})(?:=\"([^\"]*)\")?(?:\s+`([^`]*)`)?")
_OK = re.compile(r"ok:((?:\s+SOV\d{3})+)")


def scan_paths(*paths: Path, **settings) -> ScanResult:
    """Scan without cache and without reading any project configuration."""
    return scan(list(paths), Settings(cache=False, jobs=1, **settings))


def scan_source(tmp_path: Path, source: str | bytes, name: str = "module.py", **settings) -> ScanResult:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source if isinstance(source, bytes) else source.encode())
    return scan_paths(path, **settings)


def tags(path: Path) -> tuple[Counter, dict[int, set[str]]]:
    """Expected (line, code) counts from `# expect: ...` tags, and look-alike lines from `# ok: ...`."""
    expected: Counter = Counter()
    lookalikes: dict[int, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := _EXPECT.search(line):
            expected.update((number, tag.group(1)) for tag in _TAG.finditer(match.group(1)))
        if match := _OK.search(line):
            lookalikes[number] = set(match.group(1).split())
    return expected, lookalikes


def codes_by_line(result: ScanResult) -> Counter:
    return Counter((f.line, f.rule) for f in result.findings)


class Expected(NamedTuple):
    """One ``# expect:`` tag: ``SOV101="llama_cpp.Llama" `L(model_path=p)``` (api and span text optional).

    The span text is the source the finding covers, written out; ``…`` stands for anything in between,
    so ``connect(…)`` asserts where the span starts and where it ends.
    """

    line: int
    code: str
    api: str | None
    text: str | None

    def matches(self, finding: Finding, source_lines: list[str]) -> bool:
        if (finding.line, finding.rule) != (self.line, self.code) or self.api not in (None, finding.api):
            return False
        if self.text is None:
            return True
        covered = span_text(finding, source_lines)
        head, ellipsis, tail = self.text.partition("…")
        if not ellipsis:
            return covered == self.text
        return covered.startswith(head) and covered.endswith(tail) and len(covered) >= len(head) + len(tail)


def expected_tags(path: Path) -> list[Expected]:
    """Every ``# expect:`` tag of a fixture file, one entry per code."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if match := _EXPECT.search(line):
            found.extend(Expected(number, *tag.groups()) for tag in _TAG.finditer(match.group(1)))
    return found


def span_text(finding: Finding, source_lines: list[str]) -> str:
    """The source text a finding covers (its columns are 1-based, end exclusive)."""
    first, last = finding.line - 1, finding.end_line - 1
    if first == last:
        return source_lines[first][finding.column - 1 : finding.end_column - 1]
    middle = "".join(source_lines[first + 1 : last])
    return source_lines[first][finding.column - 1 :] + middle + source_lines[last][: finding.end_column - 1]
