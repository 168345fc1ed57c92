"""``sovmigrate.estimate``: engineer-weeks to migrate a codebase, every figure traced to what was found."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from sovmigrate.config import Settings, load_settings
from sovmigrate.estimate.compute import (
    Calendar,
    Effort,
    Savings,
    calendar,
    effort_from_counts,
    levels_for,
    manual_effort,
)
from sovmigrate.estimate.count import Context, Counted, count_drivers
from sovmigrate.estimate.model import EffortModel, load_model
from sovmigrate.estimate.outcomes import CATALOG_SOURCE, DRY_RUN_SOURCE, codemod_outcomes, site_outcomes
from sovmigrate.estimate.target import Target, analyse_target, source_families
from sovmigrate.findings import Finding

__all__ = ["Estimate", "estimate", "estimate_findings", "unit_cost"]


@dataclass(frozen=True)
class Estimate:
    """The estimate for one target (or none): effort, calendar, savings and the trace behind them."""

    model: EffortModel
    target: Target | None
    counted: Mapping[str, Counted]
    effort: Effort
    calendar: Calendar
    savings: Savings
    levels: Mapping[str, str]
    assumptions: tuple[str, ...]
    outcome_source: str
    findings: int


def estimate(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = ".",
    *,
    target: str | None = None,
    model_file: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
    team_size: int | None = None,
    jurisdiction: str | None = None,
    commercial: bool = True,
) -> Estimate:
    """Scan ``paths`` and estimate the migration, to ``target`` (a model id) if given.

    The effort model is the shipped default, overridden by ``[tool.sovmigrate.estimate]`` and ``model_file``.
    """
    from sovmigrate.scan.runner import scan

    first = Path(paths if isinstance(paths, (str, os.PathLike)) else (paths[0] if paths else "."))
    settings = settings if settings is not None else load_settings(first)
    result = scan(paths, settings)
    model = load_model(config_path=settings.config_path, model_file=model_file).with_team(team_size)
    analysed = None
    if target is not None:
        families = source_families(_model_ids(result.findings))
        analysed = analyse_target(target, families, jurisdiction=jurisdiction, commercial=commercial)
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    outcomes = codemod_outcomes(result.findings, given, settings)
    return estimate_findings(
        result.findings, model, target=analysed, outcomes=outcomes, source=DRY_RUN_SOURCE
    )


def estimate_findings(
    findings: Sequence[Finding],
    model: EffortModel,
    *,
    target: Target | None = None,
    outcomes: Mapping[str, str] | None = None,
    source: str | None = None,
) -> Estimate:
    """Estimate from findings already at hand (the plan's path: one scan, several targets).

    ``outcomes`` (fingerprint -> safe/unsafe/manual) come from the codemods' dry run where the code is at hand;
    without them the catalog's fix field stands in, and ``source`` says which the report rests on.
    """
    levels = levels_for(model, target.tokenizer_class if target else None)
    context = Context(
        outcomes=outcomes if outcomes is not None else site_outcomes(findings),
        target_tier=target.tier if target else None,
        cost=unit_cost(model, levels),
        resolve=resolve_model_id,
    )
    counted = count_drivers(findings, model, context)
    effort = effort_from_counts(counted, model, levels)
    by_hand = replace(context, cost=unit_cost(model, levels, automation=False))
    return Estimate(
        model=model,
        target=target,
        counted=counted,
        effort=effort,
        calendar=calendar(effort, model, counted),
        savings=Savings(manual_effort(findings, model, by_hand, levels), _site_split(findings, context)),
        levels=levels,
        assumptions=assumptions(model, counted, target, levels),
        outcome_source=source or (CATALOG_SOURCE if outcomes is None else DRY_RUN_SOURCE),
        findings=len(findings),
    )


def unit_cost(model: EffortModel, levels: Mapping[str, str], automation: bool = True) -> Callable:
    """A driver's unit cost after its workstream's factors: what decides which driver prices a site."""

    def cost(driver) -> float:
        workstream = model.workstreams[driver.workstream]
        factor = workstream.automation if automation else 1.0
        for name in workstream.factors:
            factor *= model.factor(name, levels[name])
        return driver.hours.mean * factor

    return cost


@cache
def resolve_model_id(identifier: str) -> tuple[str, str, str | None]:
    """(ecosystem, key, catalog line id or None) of a model identifier."""
    from sovmigrate.receipts import load_catalog, resolve

    found = resolve(identifier, load_catalog())
    return found.ecosystem, found.key, found.line.id if found.line else None


def assumptions(
    model: EffortModel, counted: Mapping[str, Counted], target: Target | None, levels: Mapping[str, str]
) -> tuple[str, ...]:
    """What the numbers assume that the scan could not see, each with where to change it."""
    out = []
    used_levels = {name for w in model.workstreams.values() for name in w.factors}
    used_levels |= {d.scale for d in model.drivers.values() if d.scale}
    for name, value in model.project.items():
        if name in model.overridden:
            continue
        if name in used_levels:
            out.append(f"project.{name} = {value!r} (default; set it in [tool.sovmigrate.estimate.project])")
        elif any(c.driver.input == name for c in counted.values()):
            out.append(f"project.{name} = {value} (not detected by the scan; set it if you have any)")
    out += [c.note for c in counted.values() if c.note.startswith("assumed:")]
    if "team" not in model.overridden:
        team = model.team
        out.append(
            f"team: {team.engineers} engineers at {team.allocation:.0%} (default; set [tool.sovmigrate.estimate.team])"
        )
    out.append(_tokenizer_assumption(target, levels))
    return tuple(a for a in out if a)


def _tokenizer_assumption(target: Target | None, levels: Mapping[str, str]) -> str:
    if target is None:
        return "tokenizer: no target given, tokenizer work counted at factor 'unknown'"
    if not target.pairs:
        return "tokenizer: no current model found in the code, tokenizer work counted at factor 'unknown'"
    if target.measured:
        return ""
    missing = next((p.missing for p in target.pairs if p.missing), "not measured")
    return f"tokenizer: class {levels['tokenizer']!r} from the family maps, not measured ({missing})"


def _site_split(findings: Sequence[Finding], context: Context) -> dict[str, int]:
    split = {"safe": 0, "unsafe": 0, "manual": 0}
    for finding in findings:
        if finding.effort_driver == "call_site":
            split[context.safety(finding)] += 1
    return split


def _model_ids(findings: Sequence[Finding]) -> list[str]:
    return [str(f.details["model_id"]) for f in findings if f.details.get("model_id")]
