"""An estimate as rich tables for a terminal (renders; computes nothing)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sovmigrate.estimate.api import Estimate
from sovmigrate.estimate.combine import Range
from sovmigrate.estimate.compute import DriverLine

BASIS = {"V": "verified", "S": "secondary", "A": "assumption"}


def ew(value: float) -> str:
    return f"{value:.1f}"


def span(r: Range) -> str:
    return f"{ew(r.p50)} (P10 {ew(r.p10)} - P90 {ew(r.p90)})"


def render_text(result: Estimate, console: Console, *, explain: bool = False) -> None:
    """Headline, workstream table, codemod savings, assumptions; ``explain`` adds every driver's trace."""
    _headline(result, console)
    console.print(_workstreams(result))
    if explain:
        console.print(_drivers(result))
    if result.assumptions:
        console.print("[bold]Assumptions to confirm[/]")
        for line in result.assumptions:
            console.print(f"  - {escape(line)}")


def _headline(result: Estimate, console: Console) -> None:
    target = result.target
    to = f" -> {target.line.name} (tier {target.receipt.tier.effective})" if target else ""
    cal, sites = result.calendar, result.savings.sites
    saved = result.savings.saved(result.effort)
    automatic = sites["safe"] + sites["unsafe"]
    lines = [
        f"[bold]Migration estimate{escape(to)}[/]  ({result.findings} findings)",
        f"  effort:   {span(result.effort.total)} engineer-weeks, mean {ew(result.effort.total.mean)}",
        (
            f"  calendar: {span(cal.range)} weeks with {cal.engineers} engineers at {cal.allocation:.0%}"
            f" (critical workstream: {cal.critical})"
        ),
        (
            f"  codemods: {automatic} of {sum(sites.values())} call sites rewritten automatically; sovmigrate saves "
            f"{ew(saved.p50)} engineer-weeks (P50) against a manual migration of {span(result.savings.manual.total)}"
        ),
    ]
    for line in lines:
        console.print(line, soft_wrap=True)


def _workstreams(result: Estimate) -> Table:
    table = Table(title="Engineer-weeks by workstream", title_justify="left")
    for name, justify in (("workstream", "left"), ("P10", "right"), ("P50", "right"), ("P90", "right")):
        table.add_column(name, justify=justify)
    table.add_column("main drivers", overflow="fold")
    for line in result.effort.workstreams:
        top = sorted((d for d in line.drivers if d.counted.count), key=lambda d: -d.contribution)[:3]
        drivers = ", ".join(f"{_count(d)} {d.driver.id}" for d in top)
        r = line.range
        table.add_row(line.workstream.name, ew(r.p10), ew(r.p50), ew(r.p90), escape(drivers))
    t = result.effort.total
    table.add_row("[bold]total[/]", ew(t.p10), f"[bold]{ew(t.p50)}[/]", ew(t.p90), "")
    return table


def _drivers(result: Estimate) -> Table:
    table = Table(
        title="Every driver: count x unit hours x factor (+ overhead) = contribution", title_justify="left"
    )
    for name in ("driver", "count", "O/M/P h", "factor", "basis", "EW", "counted from"):
        table.add_column(name, overflow="fold")
    for line in result.effort.workstreams:
        for d in line.drivers:
            h = d.driver.hours
            table.add_row(
                escape(d.driver.id),
                _count(d),
                f"{h.o:g}/{h.m:g}/{h.p:g}",
                f"{d.factor:.2f}",
                BASIS[d.driver.basis],
                f"{d.contribution:.2f}",
                escape(_evidence(d)),
            )
    return table


def _count(line: DriverLine) -> str:
    return f"{line.counted.count:g}"


def _evidence(line: DriverLine, limit: int = 3) -> str:
    counted = line.counted
    if counted.sites:
        shown = [f"{s.head.path}:{s.head.line}" for s in counted.sites[:limit]]
        more = len(counted.sites) - limit
        return ", ".join(shown) + (f" +{more} more" if more > 0 else "")
    return ", ".join(counted.keys) or counted.note
