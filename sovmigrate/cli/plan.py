"""``sovmigrate plan``: everything a planning meeting needs, for one or more target models."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click


@click.command("plan")
@click.argument("path", required=False, default=".", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--target",
    "-t",
    "targets",
    multiple=True,
    required=True,
    metavar="MODEL",
    help="A model to migrate to (catalog id, HF id, Ollama tag, GGUF name). Repeat to compare.",
)
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("sovmigrate-plan"),
    show_default=True,
    help="Where plan.json, plan.md and plan.html are written.",
)
@click.option(
    "--model-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An effort model (TOML or JSON) overriding the default and [tool.sovmigrate.estimate].",
)
@click.option("--team-size", type=click.IntRange(min=1), help="Engineers on the migration (calendar weeks).")
@click.option(
    "--backend",
    type=click.Choice(["llamacpp", "transformers", "vllm", "ollama", "openai"]),
    help="The adapter backend every site moves to (default: each engine's own; servers and hosted APIs: openai).",
)
@click.option(
    "--jurisdiction", metavar="REGION", help="Where your company is based (e.g. EU), for licence tiers."
)
@click.option(
    "--non-commercial", is_flag=True, help="Your product is not commercial (research/evaluation use)."
)
def plan(
    path: Path,
    targets: tuple[str, ...],
    output_dir: Path,
    model_file: Path | None,
    team_size: int | None,
    backend: str | None,
    jurisdiction: str | None,
    non_commercial: bool,
) -> None:
    """Plan the migration of PATH to each --target: effort, licences, tokenizers, capability gaps.

    \b
    Writes plan.json (schema plan.v1), plan.md and a self-contained plan.html into --output-dir.
    Progress goes to stderr on a terminal; the summary goes to stdout.
    Exit codes: 0 plan written, 2 usage error (unknown target, invalid model file, unwritable folder).
    """
    from sovmigrate.plan import plan as run

    with _progress() as step:
        result = run(
            path,
            list(targets),
            output_dir=output_dir,
            step=step,
            model_file=model_file,
            team_size=team_size,
            backend=backend,
            jurisdiction=jurisdiction,
            commercial=not non_commercial,
        )
    _summary(result)


@contextmanager
def _progress() -> Iterator:
    """A spinner with the current stage on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("planning") as status:

        def step(name: str) -> None:
            status.update(f"{name}...")

        yield step


def _summary(result) -> None:
    from sovmigrate.report.plan_text import ew

    doc = result.document
    scan = doc["scan"]
    click.echo(f"{scan['findings']} findings in {scan['files_with_findings']} files.")
    for t in doc["targets"]:
        e = t["estimate"]
        total, weeks = e["total"], e["calendar"]["weeks"]
        gaps = sum(
            1 for s in doc["capabilities"]["sites"] for g in s["gaps"][t["query"]] if g["status"] == "gap"
        )
        click.echo(
            f"{t['name']} (tier {t['tier']}): {ew(total['p50'])} engineer-weeks (P10 {ew(total['p10'])}, "
            f"P90 {ew(total['p90'])}), {ew(weeks['p50'])} calendar weeks, {gaps} capability gaps."
        )
    click.echo("Wrote " + ", ".join(str(p) for p in result.files))
