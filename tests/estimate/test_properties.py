"""Sanity properties of the estimate, over generated findings (hypothesis)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovmigrate.estimate import estimate_findings
from sovmigrate.estimate.render_json import to_json
from sovmigrate.findings import Finding
from sovmigrate.rules import CATALOG
from tests.estimate.conftest import finding

RULES = [r.code for r in CATALOG if r.effort_driver]
PATHS = ["app/chat.py", "app/rag.py", "deploy/Dockerfile", ".github/workflows/ci.yml", "train/prep.py"]
MODEL_IDS = [
    "meta-llama/Llama-3.1-8B-Instruct",
    "llama3.1:8b",
    "/models/llama-2-13b-chat.Q4_K_M.gguf",
    "gpt-4o",
]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def new_finding(draw, existing: list[Finding]) -> Finding:
    """A finding on its own or inside one that exists (never around existing ones)."""
    rule = draw(st.sampled_from(RULES))
    parent = draw(st.one_of(st.none(), st.sampled_from(existing))) if existing else None
    path = parent.path if parent else draw(st.sampled_from(PATHS))
    model_id = draw(st.sampled_from(MODEL_IDS)) if rule.startswith(("SOV50", "SOV85")) else None
    return finding(
        rule, path, draw(st.integers(1, 60)), draw(st.integers(1, 40)), enclosing=parent, model_id=model_id
    )


@st.composite
def findings(draw, max_size: int = 25) -> list[Finding]:
    out: list[Finding] = []
    for _ in range(draw(st.integers(0, max_size))):
        out.append(draw(new_finding(out)))
    return out


def ranges(result):
    yield result.effort.total
    yield result.calendar.range
    yield result.savings.manual.total
    yield from (w.range for w in result.effort.workstreams)


def test_zero_findings_give_only_the_fixed_overhead(model):
    result = estimate_findings([], model)
    counted = {key: c.count for key, c in result.counted.items() if c.count}
    assert counted == {"discovery": 1}
    # discovery 8/12/32 h -> PERT mean 14.667 h; overhead PERT(0.10, 0.15, 0.25) -> +15.83 %; 40 h a week
    assert result.effort.total.mean == pytest.approx(14.6667 * 1.158333 / 40, rel=1e-4)
    assert result.savings.saved(result.effort).mean == 0


@st.composite
def new_site(draw, existing: list[Finding]) -> Finding:
    """A finding that is a site of its own (inside nothing)."""
    rule = draw(st.sampled_from(RULES))
    model_id = draw(st.sampled_from(MODEL_IDS)) if rule.startswith(("SOV50", "SOV85")) else None
    return finding(
        rule,
        draw(st.sampled_from(PATHS)),
        draw(st.integers(1, 60)),
        draw(st.integers(1, 40)),
        model_id=model_id,
    )


def totals(result):
    return (result.effort.total, result.savings.manual.total)


@SETTINGS
@given(findings(), st.data())
def test_more_sites_never_give_less_effort(model, found, data):
    before = estimate_findings(found, model)
    after = estimate_findings([*found, data.draw(new_site(found))], model)
    for old, new in zip(totals(before), totals(after)):
        for name in ("mean", "p10", "p50", "p90"):
            assert getattr(new, name) >= getattr(old, name) - 1e-9, name


@SETTINGS
@given(findings(), st.data())
def test_a_finding_inside_a_site_never_lowers_the_expected_effort(model, found, data):
    # It can move its site to a dearer driver (a call with a grammar is a complex site), in another workstream
    # and with another spread, so only the mean is monotonic here.
    before = estimate_findings(found, model)
    after = estimate_findings([*found, data.draw(new_finding(found))], model)
    for old, new in zip(totals(before), totals(after)):
        assert new.mean >= old.mean - 1e-9


@SETTINGS
@given(findings())
def test_percentiles_are_ordered(model, found):
    result = estimate_findings(found, model)
    for r in ranges(result):
        assert 0 <= r.p10 <= r.p50 <= r.p90
    assert result.effort.total.p10 > 0  # the fixed overhead is always there


@SETTINGS
@given(findings(), st.randoms(use_true_random=False))
def test_same_input_gives_the_same_numbers_in_any_order(model, found, rnd: random.Random):
    first = to_json(estimate_findings(found, model))
    shuffled = list(found)
    rnd.shuffle(shuffled)
    assert to_json(estimate_findings(shuffled, model)) == first
    assert to_json(estimate_findings(found, model)) == first
