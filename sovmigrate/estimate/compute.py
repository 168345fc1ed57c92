"""Driver counts -> effort per workstream and in total, the calendar, and what the codemods save."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sovmigrate.estimate.combine import Range, Term, combine, comonotonic_sum
from sovmigrate.estimate.count import Context, Counted, count_drivers
from sovmigrate.estimate.model import Driver, EffortModel, Wait, Workstream
from sovmigrate.findings import Finding


@dataclass(frozen=True)
class Factor:
    """One multiplier applied to a workstream: its table, the level used and its value."""

    name: str
    level: str
    value: float


@dataclass(frozen=True)
class DriverLine:
    """A driver's full trace: count, unit triple, factor and contribution (engineer-weeks, with overhead)."""

    counted: Counted
    factor: float
    contribution: float

    @property
    def driver(self) -> Driver:
        return self.counted.driver


@dataclass(frozen=True)
class WorkstreamLine:
    """A workstream's range, its factors and its drivers."""

    workstream: Workstream
    range: Range
    automation: float
    factors: tuple[Factor, ...]
    drivers: tuple[DriverLine, ...]


@dataclass(frozen=True)
class Effort:
    """Effort in engineer-weeks, per workstream and in total."""

    total: Range
    workstreams: tuple[WorkstreamLine, ...]

    def driver_count(self, driver_id: str) -> float:
        return next(d.counted.count for w in self.workstreams for d in w.drivers if d.driver.id == driver_id)


@dataclass(frozen=True)
class Calendar:
    """Calendar weeks under an explicit team: max(effort / FTE, critical workstream) + serial waits."""

    range: Range
    engineers: int
    allocation: float
    critical: str
    waits: tuple[tuple[Wait, bool], ...]


def effort_from_counts(
    counted: Mapping[str, Counted], model: EffortModel, levels: Mapping[str, str], *, automation: bool = True
) -> Effort:
    """Combine counted drivers into ranges; ``automation=False`` is the same work done without sovmigrate."""
    per_week = model.hours_per_week
    uplift = 1 + model.overhead.mean
    all_terms: list[Term] = []
    lines = []
    for workstream in model.workstreams.values():
        auto = workstream.automation if automation else 1.0
        factors = tuple(Factor(n, levels[n], model.factor(n, levels[n])) for n in workstream.factors)
        factor = auto * math.prod(f.value for f in factors)
        drivers = [c for c in counted.values() if c.driver.workstream == workstream.id]
        terms = [Term(c.count, c.driver.hours, factor) for c in drivers]
        all_terms += terms
        traced = tuple(DriverLine(c, factor, t.mean * uplift / per_week) for c, t in zip(drivers, terms))
        span = combine(terms, model.correlation, model.overhead).scaled(1 / per_week)
        lines.append(WorkstreamLine(workstream, span, auto, factors, traced))
    total = combine(all_terms, model.correlation, model.overhead).scaled(1 / per_week)
    return Effort(total, tuple(lines))


def calendar(effort: Effort, model: EffortModel, counted: Mapping[str, Counted]) -> Calendar:
    """Calendar weeks for ``effort`` done by the model's team; waits count when one of their drivers does."""
    team = model.team
    fte = team.fte
    per_workstream = min(team.max_per_workstream, fte)
    busiest = max(effort.workstreams, key=lambda w: w.range.p50)
    waits = tuple((w, any(counted[d].count > 0 for d in w.after)) for w in model.waits.values())
    wait_range = comonotonic_sum(Range.from_moments(w.weeks.mean, w.weeks.sd) for w, due in waits if due)
    quantiles = []
    for total, critical, wait in zip(
        effort.total.as_tuple(), busiest.range.as_tuple(), wait_range.as_tuple()
    ):
        quantiles.append(max(total / fte, critical / per_workstream) + wait)
    mean, _, p10, p50, p90 = quantiles
    sd = effort.total.sd / fte + wait_range.sd
    return Calendar(
        Range(mean, sd, p10, p50, p90), team.engineers, team.allocation, busiest.workstream.id, waits
    )


def levels_for(model: EffortModel, tokenizer_class: str | None) -> dict[str, str]:
    """The level of every factor table: project inputs, plus the tokenizer class from the analysis."""
    levels = {name: str(value) for name, value in model.project.items() if isinstance(value, str)}
    levels["tokenizer"] = tokenizer_class or "unknown"
    return levels


@dataclass(frozen=True)
class Savings:
    """The same sites migrated without sovmigrate: no codemod rewrites, no automation factors."""

    manual: Effort
    sites: dict[str, int]

    def saved(self, effort: Effort) -> Range:
        m, e = self.manual.total, effort.total
        return Range(m.mean - e.mean, 0.0, m.p10 - e.p10, m.p50 - e.p50, m.p90 - e.p90)


def manual_effort(
    findings: Sequence[Finding], model: EffortModel, context: Context, levels: Mapping[str, str]
) -> Effort:
    """The same findings migrated by hand: every site manual, no automation factor (``context`` prices so)."""
    counts = count_drivers(findings, model, replace(context, outcomes={}))
    return effort_from_counts(counts, model, levels, automation=False)
