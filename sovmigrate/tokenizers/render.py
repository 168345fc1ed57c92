"""Text rendering of a tokens report and of the family list (rich tables)."""

from __future__ import annotations

from typing import IO, Any

__all__ = ["render_families", "render_report"]

_COLOURS = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _console(stream: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=stream, soft_wrap=False, width=max(100, min(160, Console(file=stream).width)))


def render_report(report: dict[str, Any], stream: IO[str], *, show_diffs: bool = True) -> None:
    """Summary, findings table, and (optionally) the chat-template diffs."""
    from rich.markup import escape
    from rich.table import Table

    console = _console(stream)
    summary = Table(title="Tokenizer compatibility", show_header=True, header_style="bold")
    summary.add_column("")
    summary.add_column("source")
    summary.add_column("target")
    src, tgt = report["source"], report["target"]
    for key in (
        "spec",
        "family",
        "format",
        "algorithm",
        "vocab_size",
        "normalization",
        "context_length",
        "source",
    ):
        summary.add_row(key, escape(str(src[key])), escape(str(tgt[key])))
    console.print(summary)
    console.print(
        f"Compatibility class: [bold]{report['compatibility']}[/bold]   "
        f"highest severity: [{_COLOURS[report['max_severity']]}]{report['max_severity']}[/]"
    )
    table = Table(show_header=True, header_style="bold", show_lines=True)
    for col in ("severity", "finding", "consequence", "what to do"):
        table.add_column(col, overflow="fold")
    for f in report["findings"]:
        table.add_row(
            f"[{_COLOURS[f['severity']]}]{f['severity']}[/]",
            f"{escape(f['title'])}\n[dim]{f['id']}[/dim]",
            escape(f["consequence"]),
            escape(f["action"]),
        )
    console.print(table)
    if show_diffs:
        for conv in report["chat_template"]["conversations"]:
            if conv["diff"]:
                console.rule(f"chat template: {conv['name']}")
                _print_diff(console, conv["diff"])


def _print_diff(console: Any, diff: str) -> None:
    """A unified diff as it is: never wrapped or cropped (lines keep their -/+ prefix), coloured on a terminal."""
    from rich.text import Text

    styles = {"-": "red", "+": "green", "@": "cyan"}
    for line in diff.splitlines():
        style = "bold" if line.startswith(("---", "+++")) else styles.get(line[:1], "")
        console.print(Text(line, style=style), soft_wrap=True, overflow="ignore", crop=False, highlight=False)


def render_families(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Known tokenizer families", header_style="bold")
    for col in ("family", "name", "algorithm", "vocab", "context", "loadable here"):
        table.add_column(col, overflow="fold")
    for r in rows:
        where = (
            f"[green]yes[/green] {escape(r['found'])}"
            if r["found"]
            else f"[yellow]no[/yellow]: {escape(r['how_to_load'])}"
        )
        table.add_row(
            r["family"],
            escape(r["display_name"]),
            r["algorithm"],
            str(r["vocab_size"]),
            str(r["context_length"] or "-"),
            where,
        )
    _console(stream).print(table)
