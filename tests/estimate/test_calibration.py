"""Golden calibration profiles: the default model reproduces the worked model's numbers (docs/estimate.md).

A change to the default unit costs or factors that moves these numbers must update calibration.toml on purpose.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from sovmigrate.estimate.compute import effort_from_counts, levels_for
from sovmigrate.estimate.count import Counted
from sovmigrate.estimate.model import load_model, merge

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROFILES: dict[str, dict[str, Any]] = tomllib.loads((Path(__file__).parent / "calibration.toml").read_text())[
    "profiles"
]


def profile(name: str) -> dict[str, Any]:
    spec = PROFILES[name]
    if "base" not in spec:
        return spec
    base = profile(spec["base"])
    return {
        **merge(base, {k: v for k, v in spec.items() if k not in ("doc", "pinned")}),
        "doc": spec["doc"],
        "pinned": spec["pinned"],
    }


def run(name: str):
    spec = profile(name)
    model = load_model(extra={"project": spec["project"]} if "project" in spec else None)
    counts = {key: Counted(driver, spec["counts"].get(key, 0)) for key, driver in model.drivers.items()}
    unknown = set(spec["counts"]) - set(model.drivers)
    assert not unknown, f"calibration profile names drivers the model lacks: {unknown}"
    levels = levels_for(model, spec["tokenizer"])
    return spec, effort_from_counts(counts, model, levels, automation=spec.get("automation", True))


@pytest.mark.parametrize("name", list(PROFILES))
def test_profile_mean_and_range_match_the_worked_model(name):
    spec, effort = run(name)
    doc = spec["doc"]
    total = effort.total
    # The worked model prints one decimal; heavy profiles round its inputs differently by up to 0.05 EW.
    assert total.mean == pytest.approx(doc["mean"], abs=0.06)
    # Its normal P10/P90 and our lognormal ones describe the same spread: same width within 10 %.
    assert (total.p90 - total.p10) == pytest.approx(doc["p90"] - doc["p10"], rel=0.10)
    for workstream, value in doc.get("workstreams", {}).items():
        line = next(w for w in effort.workstreams if w.workstream.id == workstream)
        assert line.range.mean == pytest.approx(value, abs=0.06), workstream


@pytest.mark.parametrize("name", list(PROFILES))
def test_profile_percentiles_are_pinned(name):
    spec, effort = run(name)
    total = effort.total
    assert (round(total.p10, 2), round(total.p50, 2), round(total.p90, 2)) == pytest.approx(
        (spec["pinned"]["p10"], spec["pinned"]["p50"], spec["pinned"]["p90"]), abs=0.011
    )


def test_mid_size_application_lands_in_four_to_eight_engineer_weeks():
    _, effort = run("mid")
    assert 4 <= effort.total.p50 <= 8
    _, heavy = run("heavy-llama-cpp")
    assert heavy.total.p50 > 2 * effort.total.p50  # "heavy llama.cpp or vLLM integrations markedly higher"
