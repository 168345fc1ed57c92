"""``sovmigrate estimate``: engineer-weeks to migrate a codebase, every figure traceable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

import click


@click.command("estimate")
@click.argument("path", required=False, default=".", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--target",
    "-t",
    metavar="MODEL",
    help="The model you migrate to (catalog id, HF id, Ollama tag, GGUF name).",
)
@click.option(
    "--model-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An effort model (TOML or JSON) overriding the default and [tool.sovmigrate.estimate].",
)
@click.option("--team-size", type=click.IntRange(min=1), help="Engineers on the migration (calendar weeks).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text (tables) or json (estimate.v1 schema, with the full trace).",
)
@click.option(
    "--explain", is_flag=True, help="Text format: show every driver's count, unit cost, factor and sites."
)
@click.option(
    "--jurisdiction", metavar="REGION", help="Where your company is based (e.g. EU), for the target's tier."
)
@click.option(
    "--non-commercial", is_flag=True, help="Your product is not commercial (research/evaluation use)."
)
@click.option(
    "-o", "--output", type=click.File("w"), default="-", help="Write to this file instead of stdout."
)
def estimate(
    path: Path,
    target: str | None,
    model_file: Path | None,
    team_size: int | None,
    fmt: str,
    explain: bool,
    jurisdiction: str | None,
    non_commercial: bool,
    output: TextIO,
) -> None:
    """Estimate the migration of PATH in engineer-weeks (P10/P50/P90) and calendar weeks.

    \b
    Unit costs, factors and the team come from the effort model: the shipped default, overridden by
    [tool.sovmigrate.estimate] in pyproject.toml and by --model-file (docs/estimate.md).
    Exit codes: 0 estimate written, 2 usage error (unknown target, invalid model file).
    """
    from sovmigrate.estimate import estimate as run

    result = run(
        path,
        target=target,
        model_file=model_file,
        team_size=team_size,
        jurisdiction=jurisdiction,
        commercial=not non_commercial,
    )
    if fmt == "json":
        from sovmigrate.estimate.render_json import to_json

        output.write(json.dumps(to_json(result), indent=2) + "\n")
        return
    from rich.console import Console

    from sovmigrate.estimate.render_text import render_text

    render_text(result, Console(file=output, width=None if output.isatty() else 120), explain=explain)
