"""Receipts as rich tables for a terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sovmigrate.receipts.build import COMPARED_FACTS, Comparison, Receipt, ReceiptSet

EVIDENCE_LABEL = {"V": "verified", "S": "unverified (secondary)", "A": "assumption"}


def render_text(result: ReceiptSet, console: Console) -> None:
    """Print every receipt, the unknown identifiers and the comparison (if any) to ``console``."""
    if result.comparison is not None:
        _comparison(result.comparison, console)
    else:
        for receipt in result.receipts:
            _receipt(receipt, console)
    for unknown in result.unknown:
        console.print(escape(unknown.message), style="bold red", highlight=False)
    if not result.receipts and not result.unknown:
        console.print("no model identifiers found")


def _receipt(receipt: Receipt, console: Console) -> None:
    line, tier = receipt.line, receipt.tier
    tier_text = f"tier {tier.effective}"
    if tier.effective != tier.catalog:
        tier_text += f" (catalog tier {tier.catalog})"
    if tier.fully_open:
        tier_text += ", fully open"
    table = Table(title=escape(f"{line.name} [{line.id}] - {tier_text}"), title_justify="left")
    table.add_column("fact")
    table.add_column("value", overflow="fold")
    table.add_column("evidence")
    for name, fact in line.facts.items():
        value = _value(fact.value) + (f" ({fact.note})" if fact.note else "")
        table.add_row(name, escape(value), f"{fact.evidence} {' '.join(fact.src)} {fact.checked_on}")
    console.print(table)
    ids = ", ".join(
        i.id + "".join(f" @ {loc.path}:{loc.line}" if loc.line else f" @ {loc.path}" for loc in i.locations)
        for i in receipt.identifiers
    )
    console.print(escape(f"identifiers: {ids}"))
    console.print(escape("tier reasons: " + "; ".join(tier.reasons)))
    console.print(escape("modifiers: " + ", ".join(tier.modifiers)))
    for consequence in receipt.consequences:
        weak = "" if consequence.evidence == "V" else f" [{EVIDENCE_LABEL[consequence.evidence]}]"
        console.print(escape(f"  - {consequence.text}{weak}"))
    console.print()


def _comparison(comparison: Comparison, console: Console) -> None:
    old, new = comparison.source, comparison.target
    table = Table(title=escape(f"{old.line.name} -> {new.line.name}"), title_justify="left")
    table.add_column("fact")
    table.add_column(old.line.id, overflow="fold")
    table.add_column(new.line.id, overflow="fold")
    table.add_row("tier", str(old.tier.effective), str(new.tier.effective))
    for name in COMPARED_FACTS:
        table.add_row(name, escape(_value(old.line.value(name))), escape(_value(new.line.value(name))))
    console.print(table)
    console.print("[bold green]gains[/]")
    for gain in comparison.gains or ("none",):
        console.print(escape(f"  + {gain}"))
    console.print("[bold red]losses[/]")
    for loss in comparison.losses or ("none",):
        console.print(escape(f"  - {loss}"))


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value)
