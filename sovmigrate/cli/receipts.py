"""``sovmigrate receipts``: what each model a codebase depends on really lets you do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from sovmigrate.receipts.build import ReceiptSet


@click.command("receipts")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--model",
    "-m",
    "models",
    multiple=True,
    metavar="ID",
    help="A model identifier (HF id, Ollama tag, Bedrock id/ARN, provider id, GGUF file name). Repeatable.",
)
@click.option(
    "--compare",
    nargs=2,
    metavar="SOURCE TARGET",
    default=None,
    help="Show side by side what moving from SOURCE to TARGET gains and loses.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "cyclonedx"]),
    default="text",
    show_default=True,
    help="text (tables), json (receipts.v1 schema) or cyclonedx (CycloneDX 1.6 ML-BOM).",
)
@click.option(
    "--jurisdiction",
    metavar="REGION",
    default=None,
    help="Where your company is based (e.g. EU); regional licence exclusions then raise the tier.",
)
@click.option(
    "--non-commercial", is_flag=True, help="Your product is not commercial (research/evaluation use)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write to this file instead of stdout.",
)
def receipts(
    path: Path | None,
    models: tuple[str, ...],
    compare: tuple[str, str] | None,
    fmt: str,
    jurisdiction: str | None,
    non_commercial: bool,
    output: str,
) -> None:
    """Dependency receipts for model identifiers found in PATH or given with --model.

    \b
    Exit codes: 0 every identifier is in the catalog, 1 some identifiers are unknown,
    2 usage error (nothing to report, unknown --compare model, scanner unavailable).
    """
    from sovmigrate.receipts import build

    options = {"jurisdiction": jurisdiction, "commercial": not non_commercial}
    if compare:
        if path or models:
            raise click.UsageError("--compare cannot be combined with PATH or --model")
        result = build.compare(*compare, **options)
    else:
        refs: list[build.ModelRef] = list(models)
        if path is not None:
            from sovmigrate.receipts.from_scan import model_ids_from_path

            refs += model_ids_from_path(path)
        elif not models:
            raise click.UsageError("give a PATH to scan, --model ID or --compare SOURCE TARGET")
        result = build.receipts(refs, **options)
    try:
        with click.open_file(output, "w", encoding="utf-8") as stream:
            _write(result, fmt, stream, app_name=path.resolve().name if path else "project")
    except OSError as exc:
        raise click.FileError(output, hint=exc.strerror) from exc
    report_on_stdout = fmt == "text" and output == "-"
    for unknown in result.unknown if not report_on_stdout else ():  # the text report lists them itself
        click.echo(unknown.message, err=True)
    if result.unknown:
        raise SystemExit(1)  # sovmigrate.cli.main maps it to the exit code


def _write(result: ReceiptSet, fmt: str, output: TextIO, *, app_name: str) -> None:
    if fmt == "text":
        from rich.console import Console

        from sovmigrate.receipts.render_text import render_text

        render_text(result, Console(file=output, width=120 if not output.isatty() else None))
        return
    if fmt == "json":
        from sovmigrate.receipts.render_json import to_json

        data = to_json(result)
    else:
        from sovmigrate.receipts.render_cyclonedx import to_cyclonedx

        data = to_cyclonedx(result, app_name=app_name)
    output.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
