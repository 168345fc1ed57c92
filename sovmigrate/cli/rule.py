"""``sovmigrate rule``: explain a rule, or list them all."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule(code: str | None, show_all: bool, output_format: str) -> None:
    """Explain rule CODE (e.g. SOV101): what it finds, why it matters, what to use instead."""
    from sovmigrate.rules import CATALOG, get_rule
    from sovmigrate.rules.docs import render_index, render_rule

    if show_all or code is None:
        if output_format == "json":
            click.echo(json.dumps([_summary(r) for r in CATALOG], indent=2))
        else:
            click.echo(render_index(), nl=False)
        return
    try:
        found = get_rule(code.upper())
    except KeyError:
        raise click.BadParameter(
            f"unknown rule {code!r}; `sovmigrate rule --all` lists them", param_hint="CODE"
        ) from None
    click.echo(json.dumps(_summary(found), indent=2) if output_format == "json" else render_rule(found))


def _summary(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind.value,
        "vendor": rule.vendor,
        "fix": rule.fix.value,
        "fix_safety": rule.fix_safety.value if rule.fix_safety else None,
        "codemod": rule.codemod or None,
        "level": rule.level.value,
        "status": rule.status,
        "what": rule.docs.what,
    }
