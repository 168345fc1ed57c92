"""Docstrings and comments in the tests, CI scripts and benchmarks cite only docs that exist in the repository."""

from __future__ import annotations

import re

from tests.conftest import REPO

CITED = re.compile(r"\bdocs/[\w./-]+\.md\b")


def test_helpers_cite_only_docs_that_exist():
    helpers = sorted(p for folder in ("tests", ".ci", "bench") for p in (REPO / folder).rglob("*.py"))
    missing = {
        p.relative_to(REPO).as_posix(): doc
        for p in helpers
        for doc in CITED.findall(p.read_text(encoding="utf-8"))
        if not (REPO / doc).is_file()
    }
    assert len(helpers) > 20 and missing == {}
