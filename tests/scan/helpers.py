"""Helpers for scanner tests."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from sovmigrate.config import Settings
from sovmigrate.findings import ScanResult
from sovmigrate.scan.runner import scan

_EXPECT = re.compile(r"expect:((?:\s+SOV\d{3})+)")
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
            expected.update((number, code) for code in match.group(1).split())
        if match := _OK.search(line):
            lookalikes[number] = set(match.group(1).split())
    return expected, lookalikes


def codes_by_line(result: ScanResult) -> Counter:
    return Counter((f.line, f.rule) for f in result.findings)
