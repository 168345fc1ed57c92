"""Each fixture line says which rules must fire on it; every other line must stay silent."""

from __future__ import annotations

import pytest

from sovmigrate.rules import CATALOG, Kind, Line
from tests.conftest import FIXTURES
from tests.scan.helpers import codes_by_line, expected_tags, scan_paths, tags

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.py"))


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.name)
def test_findings_equal_the_tags(path):
    expected, lookalikes = tags(path)
    found = codes_by_line(scan_paths(path))
    missing = expected - found
    unexpected = found - expected
    assert not missing, f"expected but not found: {sorted(missing)}"
    assert not unexpected, f"found but not expected: {sorted(unexpected)}"
    for line, codes in lookalikes.items():
        assert not {code for (l, code) in found if l == line} & codes


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.name)
def test_each_finding_has_the_tagged_api_key_and_span(path):
    """Every Python fixture tag names the finding's machine key and the exact source it covers."""
    source_lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    findings = list(scan_paths(path).findings)
    for tag in expected_tags(path):
        assert tag.api is not None and tag.text is not None, (
            f'line {tag.line}: tag {tag.code} needs ="api" `span`'
        )
        match = next((f for f in findings if tag.matches(f, source_lines)), None)
        assert match is not None, f"line {tag.line}: no {tag.code} with api {tag.api!r} covering `{tag.text}`"
        findings.remove(match)


def test_every_python_rule_has_a_positive_and_a_lookalike_fixture():
    positives, negatives = set(), set()
    for path in RULE_FIXTURES:
        expected, lookalikes = tags(path)
        positives |= {code for (_, code) in expected}
        negatives |= {code for codes in lookalikes.values() for code in codes}
    python_rules = {
        r.code
        for r in CATALOG
        if r.kind not in (Kind.ERROR, Kind.DEPENDENCY)
        and not r.code.startswith(("SOV85", "SOV86", "SOV87", "SOV89"))
        and not all(isinstance(m, Line) for m in r.matchers)  # text-file rules have manifest fixtures
    }
    assert python_rules - positives == set()
    # Look-alikes: at least one per rule family (engine, server, hosted, framework, literal, tokenizer).
    assert {code[:5] for code in negatives} >= {
        "SOV10",
        "SOV12",
        "SOV14",
        "SOV20",
        "SOV21",
        "SOV30",
        "SOV40",
        "SOV50",
        "SOV52",
        "SOV60",
        "SOV70",
    }


MANIFEST_FIXTURES = sorted((FIXTURES / "manifests").iterdir())


@pytest.mark.parametrize("path", MANIFEST_FIXTURES, ids=lambda p: p.name)
def test_manifest_findings_equal_the_tags(path):
    expected, lookalikes = tags(path)
    found = codes_by_line(scan_paths(path))
    assert found == expected
    for line, codes in lookalikes.items():
        assert not {code for (l, code) in found if l == line} & codes


def test_every_manifest_rule_has_a_fixture():
    positives = set()
    for path in MANIFEST_FIXTURES:
        positives |= {code for (_, code) in tags(path)[0]}
    assert positives >= {
        r.code
        for r in CATALOG
        if r.kind is Kind.DEPENDENCY
        or r.code.startswith(("SOV85", "SOV86", "SOV87", "SOV89"))
        or (r.code.startswith("SOV82") and all(isinstance(m, Line) for m in r.matchers))
    }
