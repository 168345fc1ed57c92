"""Options shared by subcommands, so that a flag means the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def split_codes(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...] | None:
    """Accept ``--select SOV1,SOV5`` and repeated ``--select`` alike."""
    if not values:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def selection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "--select",
                multiple=True,
                callback=split_codes,
                metavar="CODES",
                help="Rule codes or prefixes to report (e.g. SOV1,SOV501). Default: all.",
            ),
            click.option(
                "--extend-select",
                multiple=True,
                callback=split_codes,
                metavar="CODES",
                help="Codes added to the selection.",
            ),
            click.option(
                "--ignore",
                multiple=True,
                callback=split_codes,
                metavar="CODES",
                help="Codes or prefixes never reported.",
            ),
        ]
    ):
        func = option(func)
    return func
