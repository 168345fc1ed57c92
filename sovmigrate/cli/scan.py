"""``sovmigrate scan``: find Llama- and vendor-specific inference code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sovmigrate.cli.options import selection_options
from sovmigrate.report import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@selection_options
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: findings and a summary; concise: findings only; json, sarif, github: machine formats.",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here instead of stdout.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A pyproject.toml to read [tool.sovmigrate] from.",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Replace the default exclusions.")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Exclude these globs as well.")
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files ignored by .gitignore (default: yes).",
)
@click.option(
    "--max-file-size", type=click.IntRange(min=1), help="Skip (and report) files larger than this many bytes."
)
@click.option(
    "--notebook-markdown/--no-notebook-markdown",
    default=None,
    help="Also report model ids and chat-template tokens in notebook markdown cells (as notes).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option(
    "--no-cache", is_flag=True, help="Analyse every file, ignoring and not writing the result cache."
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to keep the result cache."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[Path, ...],
    select,
    extend_select,
    ignore,
    output_format: str,
    output_file: Path | None,
    exit_zero: bool,
    config: Path | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    max_file_size: int | None,
    notebook_markdown: bool | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    quiet: bool,
) -> None:
    """Scan PATHS (default: the current folder) for Llama- and vendor-specific inference code.

    \b
    Exit codes: 0 nothing found, 1 findings or unreadable files, 2 usage or configuration error.
    Suppress one line with `# sovmigrate: ignore[SOV101]`; configure in [tool.sovmigrate].
    """
    from sovmigrate.config import load_settings
    from sovmigrate.report import renderer
    from sovmigrate.scan.runner import scan as run_scan

    targets = list(paths) or [Path(".")]
    base = load_settings(targets[0], config)
    settings = base.merged(
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        exclude=exclude or None,
        extend_exclude=(*base.extend_exclude, *extend_exclude) if extend_exclude else None,
        respect_gitignore=respect_gitignore,
        max_file_size=max_file_size,
        notebook_markdown=notebook_markdown,
        jobs=jobs,
        cache=False if no_cache else None,
        cache_dir=cache_dir,
    )
    with _progress(enabled=not quiet and sys.stderr.isatty()) as progress:
        result = run_scan(targets, settings, progress=progress)
    report = renderer(output_format)(result)
    if output_file is not None:
        output_file.write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    if output_format not in ("text", "concise"):
        for error in result.errors:  # machine formats carry them too; people watching stderr see them here
            click.echo(f"error: {error.path}: {error.code} {error.message}", err=True)
    ctx.exit(0 if exit_zero else result.exit_code)


class _progress:
    """A rich progress bar on stderr for long scans; a no-op when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.task = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("scan", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.stop()
