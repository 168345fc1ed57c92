"""Versioned JSON Schemas for every public output format, and a validator for them.

Each schema lives beside this file as ``<name>.v<N>.json`` and carries ``$id``
``https://sovmigrate.dev/schemas/<name>.v<N>.json``; outputs name it in their ``$schema`` key.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_BASE = "https://sovmigrate.dev/schemas/"


def schema_id(name: str, version: int = 1) -> str:
    """The ``$id`` of schema ``name`` at ``version`` (what outputs put in ``$schema``)."""
    return f"{SCHEMA_BASE}{name}.v{version}.json"


@cache
def load_schema(name: str, version: int = 1) -> dict[str, Any]:
    """Load ``<name>.v<version>.json`` shipped with the package."""
    text = resources.files(__name__).joinpath(f"{name}.v{version}.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(instance: Any, name: str, version: int = 1) -> None:
    """Raise ``jsonschema.ValidationError`` (the first error found) if ``instance`` does not follow schema ``name``.

    The public validator, for outputs and data files: it uses jsonschema, formats checked as far as
    jsonschema's installed format extras allow. Importing jsonschema can take ~1 s (see
    :mod:`sovmigrate.schemas.fast`), so the commands never call this: they check their inputs with
    :func:`sovmigrate.schemas.fast.check`, which raises ``SchemaViolation`` (a ``ValueError``) worded alike.
    """
    import jsonschema

    schema = load_schema(name, version)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER).validate(instance)
