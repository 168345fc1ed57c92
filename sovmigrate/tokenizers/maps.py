"""The family maps in ``sovmigrate.tokenizer_maps``: load, validate and resolve names and model ids."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from sovmigrate.errors import CatalogError
from sovmigrate.tokenizers.errors import TokenizerNotFound

__all__ = ["families", "family_map", "resolve_family"]

_PACKAGE = "sovmigrate.tokenizer_maps"


@cache
def families() -> dict[str, dict[str, Any]]:
    """Every family map, validated against ``tokenizer_map.v1``, keyed by family name."""
    from sovmigrate.schemas.fast import check

    out: dict[str, dict[str, Any]] = {}
    for entry in sorted(_maps_dir().iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            check(data, "tokenizer_map")  # raises SchemaViolation, a ValueError worded like jsonschema
        except ValueError as exc:
            raise CatalogError(f"tokenizer_maps/{entry.name}: {getattr(exc, 'message', exc)}") from exc
        if entry.name != f"{data['family']}.json":
            raise CatalogError(f"tokenizer_maps/{entry.name}: file name must be {data['family']}.json")
        out[data["family"]] = data
    return dict(sorted(out.items()))


def registry_families() -> list[str]:
    """Families whose real files ship in a registry package (the ones tests and CI load offline)."""
    return [name for name, data in families().items() if data["files"]["registry"]]


def _maps_dir() -> Any:
    """The installed ``sovmigrate.tokenizer_maps`` package (``tokenizer_maps/`` in the repository)."""
    try:
        return resources.files(_PACKAGE)
    except ModuleNotFoundError:
        raise CatalogError(
            f"the package {_PACKAGE} is not installed (tokenizer family maps missing)"
        ) from None


def family_map(name: str) -> dict[str, Any]:
    """The map of family ``name``; raises TokenizerNotFound for an unknown name."""
    try:
        return families()[name]
    except KeyError:
        raise TokenizerNotFound(
            f"unknown tokenizer family {name!r}; known: {', '.join(families())}"
        ) from None


def resolve_family(spec: str) -> str | None:
    """The family a family name or model id (``org/name``, case-insensitive) belongs to, or None."""
    maps = families()
    if spec in maps:
        return spec
    wanted = spec.strip().lower()
    for name, data in maps.items():
        ids = [m.lower() for m in data["model_ids"]]
        if wanted in ids or any(m.split("/")[-1] == wanted for m in ids):
            return name
    return None
