"""``sovmigrate rewrite``: move vendor-specific inference code to the neutral adapter."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sovmigrate.cli.options import split_codes


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff of the changes instead of writing them.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option(
    "--select",
    multiple=True,
    callback=split_codes,
    metavar="CODES",
    help="Rule codes or prefixes to rewrite (e.g. SOV1,SOV202). Default: every rule with a codemod.",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=split_codes,
    metavar="CODES",
    help="Codes or prefixes never rewritten.",
)
@click.option(
    "--unsafe/--no-unsafe",
    default=None,
    help="Also apply fixes that may change behaviour (listed otherwise).",
)
@click.option(
    "--annotate/--no-annotate",
    default=None,
    help="Add a `# sovmigrate: TODO(SOVxxx): reason` comment above each site left for manual work.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: sites, tables and a summary; json: the rewrite.v1.json report.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A pyproject.toml to read [tool.sovmigrate] from.",
)
@click.option(
    "--no-cache", is_flag=True, help="Scan every file, ignoring and not writing the scan's result cache."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def rewrite(
    ctx: click.Context,
    paths: tuple[Path, ...],
    diff: bool,
    check: bool,
    select,
    ignore,
    unsafe: bool | None,
    annotate: bool | None,
    jobs: int | None,
    output_format: str,
    config: Path | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Rewrite Llama- and vendor-specific inference code in PATHS (default: .) to sovmigrate.adapter.

    \b
    Safe fixes are made by default; unsafe ones (they may change behaviour) with --unsafe; the rest is
    reported for manual work. Files without a fixable site are never touched; writes are atomic.
    Exit codes: 0 it ran, 1 --check found pending changes, 2 usage or fatal error.
    """
    from sovmigrate.config import load_settings
    from sovmigrate.rewrite.report import render_diff, render_text
    from sovmigrate.rewrite.runner import rewrite as run_rewrite

    targets = list(paths) or [Path(".")]
    for target in targets:
        if not target.exists() and not target.is_symlink():
            raise click.BadParameter(f"{target}: no such file or directory", param_hint="PATHS")
    settings = load_settings(targets[0], config).merged(cache=False if no_cache else None)
    dry_run = diff or check
    with _Progress(enabled=not quiet and output_format == "text" and sys.stderr.isatty()) as progress:
        result = run_rewrite(
            targets,
            select=select,
            ignore=ignore,
            unsafe=unsafe,
            annotate=annotate,
            dry_run=dry_run,
            jobs=jobs,
            settings=settings,
            progress=progress,
        )
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        if diff:
            click.echo(render_diff(result), nl=False)
        click.echo(render_text(result, would=dry_run), nl=False, err=diff)
    ctx.exit(1 if check and result.changed else 0)


class _Progress:
    """A rich progress bar on stderr (scanning, then rewriting); nothing when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.tasks: dict[str, object] = {}

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task("scanning" if stage == "scan" else "rewriting", total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()
