"""An estimate as JSON following ``sovmigrate/schemas/estimate.v1.json`` (renders; computes nothing)."""

from __future__ import annotations

from typing import Any

from sovmigrate import __version__
from sovmigrate.estimate.api import Estimate
from sovmigrate.estimate.compute import DriverLine
from sovmigrate.estimate.sites import Site
from sovmigrate.estimate.target import Target
from sovmigrate.findings import Finding
from sovmigrate.schemas import schema_id

ROUND = 3


def to_json(result: Estimate, *, with_schema: bool = True) -> dict[str, Any]:
    """A JSON-ready dict; validate it with ``sovmigrate.schemas.validate(data, "estimate")``."""
    model = result.model
    data: dict[str, Any] = {"$schema": schema_id("estimate")} if with_schema else {}
    data.update(
        tool={"name": "sovmigrate", "version": __version__},
        unit="engineer-weeks",
        hours_per_week=model.hours_per_week,
        target=target_json(result.target),
        findings=result.findings,
        total=result.effort.total.to_json(ROUND),
        calendar=_calendar(result),
        codemods=_codemods(result),
        workstreams=[_workstream(w) for w in result.effort.workstreams],
        drivers=[_driver(d) for w in result.effort.workstreams for d in w.drivers],
        overhead={"share": model.overhead.to_json(), "mean": round(model.overhead.mean, ROUND)},
        correlation=model.correlation,
        levels=dict(result.levels),
        assumptions=list(result.assumptions),
        model={"layers": list(model.layers)},
    )
    return data


def target_json(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "query": target.query,
        "line": target.line.id,
        "name": target.line.name,
        "tier": target.receipt.tier.effective,
        "catalog_tier": target.tier,
        "tokenizer": target.tokenizer,
        "tokenizer_class": target.tokenizer_class,
        "tokenizer_measured": target.measured,
        "tokenizer_pairs": [
            {
                "source": p.source,
                "target": p.target,
                "compatibility": p.compatibility,
                "measured": p.measured,
                "missing": p.missing,
            }
            for p in target.pairs
        ],
    }


def _calendar(result: Estimate) -> dict[str, Any]:
    cal = result.calendar
    return {
        "weeks": cal.range.to_json(ROUND),
        "engineers": cal.engineers,
        "allocation": cal.allocation,
        "critical_workstream": cal.critical,
        "waits": [
            {"id": w.id, "label": w.label, "weeks": w.weeks.to_json(), "counted": due} for w, due in cal.waits
        ],
    }


def _codemods(result: Estimate) -> dict[str, Any]:
    saved = result.savings.saved(result.effort)
    return {
        "classification": result.outcome_source,
        "call_sites": dict(result.savings.sites),
        "manual_total": result.savings.manual.total.to_json(ROUND),
        "saved": {k: v for k, v in saved.to_json(ROUND).items() if k != "sd"},
    }


def _workstream(line: Any) -> dict[str, Any]:
    return {
        "id": line.workstream.id,
        "name": line.workstream.name,
        "automation": line.automation,
        "factors": [{"name": f.name, "level": f.level, "value": f.value} for f in line.factors],
        "effort": line.range.to_json(ROUND),
        "drivers": [d.driver.id for d in line.drivers],
    }


def _driver(line: DriverLine) -> dict[str, Any]:
    driver, counted = line.driver, line.counted
    unit = driver.hours
    return {
        "id": driver.id,
        "workstream": driver.workstream,
        "label": driver.label,
        "count": counted.count,
        "counted_as": driver.count,
        "unit_hours": {
            "o": unit.o,
            "m": unit.m,
            "p": unit.p,
            "mean": round(unit.mean, ROUND),
            "sd": round(unit.sd, ROUND),
        },
        "factor": round(line.factor, ROUND),
        "basis": driver.basis,
        "source": driver.source,
        "contribution": round(line.contribution, ROUND),
        "evidence": {"sites": [site_json(s) for s in counted.sites], "keys": list(counted.keys)},
        "note": counted.note,
    }


def site_json(site: Site) -> dict[str, Any]:
    return {**_finding(site.head), "absorbed": [_finding(f) for f in site.absorbed]}


def _finding(f: Finding) -> dict[str, Any]:
    out = {"path": f.path, "line": f.line, "column": f.column, "rule": f.rule, "text": f.text or f.api}
    if f.cell is not None:
        out["cell"] = f.cell
    return out
