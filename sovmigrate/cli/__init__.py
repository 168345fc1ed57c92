"""The ``sovmigrate`` command line: a click group whose subcommands are imported on first use."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from sovmigrate import __version__
from sovmigrate.errors import SovmigrateError

# name -> ("module:attribute", short help); adding a subcommand is one line here plus its module.
# The short help lives here so that `sovmigrate --help` imports no subcommand module.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("sovmigrate.cli.scan:scan", "Find Llama- and vendor-specific inference code."),
    "rule": ("sovmigrate.cli.rule:rule", "Explain a rule, or list them all."),
    "rewrite": (
        "sovmigrate.cli.rewrite:rewrite",
        "Rewrite vendor-specific inference code to the neutral adapter.",
    ),
    "tokens": ("sovmigrate.cli.tokens:tokens", "Check tokenizer compatibility between two models."),
    "receipts": (
        "sovmigrate.cli.receipts:receipts",
        "What each model lets you do: licence, rights, sovereignty tier.",
    ),
    "estimate": (
        "sovmigrate.cli.estimate:estimate",
        "Engineer-weeks to migrate, P10/P50/P90, every figure traceable.",
    ),
    "plan": (
        "sovmigrate.cli.plan:plan",
        "The migration plan for one or more target models: JSON, Markdown, HTML.",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is used."""

    def __init__(self, *args, lazy_subcommands: dict[str, tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.lazy_subcommands.get(cmd_name)
        if entry is None:
            return super().get_command(ctx, cmd_name)
        target = entry[0]
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy_subcommands[name][1]) for name in sorted(self.lazy_subcommands)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy_subcommands=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "SOVMIGRATE"},
)
@click.version_option(__version__, "--version", prog_name="sovmigrate")
def cli() -> None:
    """Find Llama- and vendor-locked LLM inference code and plan the move to open models.

    \b
    Exit codes: 0 nothing found, 1 findings, 2 usage or fatal error.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (``raise SystemExit(main())``)."""
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None, prog_name="sovmigrate", standalone_mode=False
        )
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except SovmigrateError as exc:
        click.secho(f"Error: {exc}", err=True, fg="red")
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 2
    except SystemExit as exc:  # raised by commands to set the exit code
        return exc.code if isinstance(exc.code, int) else 2
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
