"""``sovmigrate tokens``: tokenizer compatibility checks that run offline on real tokenizer files."""

from __future__ import annotations

import json
import sys

import click

_SEVERITIES = ("info", "low", "medium", "high")
_SEARCH = click.option(
    "--tokenizer-path",
    "search",
    multiple=True,
    type=click.Path(file_okay=False),
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
    if fmt == "json":
        from sovmigrate.schemas import validate

        validate(report, "tokens_report")
        json.dump(report, output, ensure_ascii=False, indent=2)
        output.write("\n")
    else:
        from sovmigrate.tokenizers.render import render_report

        render_report(report, output, show_diffs=not no_diffs)
    if fail_on and any(
        _SEVERITIES.index(f["severity"]) >= _SEVERITIES.index(fail_on) for f in report["findings"]
    ):
        ctx.exit(1)


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
