"""Load the shipped model catalog (``sovmigrate/data/model_catalog.json``) into typed, read-only values."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from sovmigrate.errors import CatalogError

CATALOG_FILE = "model_catalog.json"


@dataclass(frozen=True)
class Fact:
    """One catalog fact: its value, an optional note, the source ids, the evidence level and when it was checked."""

    value: Any
    src: tuple[str, ...]
    evidence: str
    checked_on: str
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value}
        if self.note:
            data["note"] = self.note
        data.update(src=list(self.src), evidence=self.evidence, checked_on=self.checked_on)
        return data


@dataclass(frozen=True)
class ModelLine:
    """A model line (one licence regime and lifecycle), e.g. ``llama-3.1`` or ``qwen2.5-72b``."""

    id: str
    family: str
    name: str
    developer: str
    variants: tuple[str, ...]
    model_card_url: str | None
    patterns: tuple[re.Pattern[str], ...] = field(repr=False)
    examples: tuple[str, ...] = field(repr=False)
    facts: dict[str, Fact] = field(repr=False)

    def value(self, name: str) -> Any:
        """The value of fact ``name``."""
        return self.facts[name].value


@dataclass(frozen=True)
class Source:
    """A cited source: title, address and whether it is primary, secondary or an assumption."""

    id: str
    title: str
    url: str
    kind: str


@dataclass(frozen=True)
class Catalog:
    """All model lines in resolution order, plus the sources they cite."""

    version: str
    lines: tuple[ModelLine, ...] = field(repr=False)
    sources: dict[str, Source] = field(repr=False)

    def get(self, line_id: str) -> ModelLine:
        """The line with id ``line_id``; raises ``KeyError`` if there is none."""
        for line in self.lines:
            if line.id == line_id:
                return line
        raise KeyError(line_id)


def parse_catalog(data: dict[str, Any]) -> Catalog:
    """Validate ``data`` against ``model_catalog.v1.json`` and build a :class:`Catalog`."""
    from sovmigrate.schemas.fast import SchemaViolation, check

    try:
        check(data, "model_catalog")  # fastjsonschema, worded like jsonschema (no ~1 s import)
    except SchemaViolation as exc:
        where = "/".join(str(p) for p in exc.path)
        raise CatalogError(f"model catalog is invalid at {where or '<root>'}: {exc.message}") from exc
    sources = {key: Source(key, s["title"], s["url"], s["kind"]) for key, s in data["sources"].items()}
    lines = tuple(_line(raw, sources) for raw in data["lines"])
    ids = [line.id for line in lines]
    if len(set(ids)) != len(ids):
        raise CatalogError("model catalog has duplicate line ids")
    return Catalog(data["catalog_version"], lines, sources)


def _line(raw: dict[str, Any], sources: dict[str, Source]) -> ModelLine:
    facts = {
        name: Fact(f["value"], tuple(f["src"]), f["evidence"], f["checked_on"], f.get("note"))
        for name, f in raw["facts"].items()
    }
    missing = {s for fact in facts.values() for s in fact.src} - sources.keys()
    if missing:
        raise CatalogError(f"model line {raw['id']} cites unknown sources: {', '.join(sorted(missing))}")
    try:
        patterns = tuple(re.compile(p) for p in raw["match"])
    except re.error as exc:
        raise CatalogError(f"model line {raw['id']} has a bad match pattern: {exc}") from exc
    return ModelLine(
        raw["id"],
        raw["family"],
        raw["name"],
        raw["developer"],
        tuple(raw["variants"]),
        raw["model_card_url"],
        patterns,
        tuple(raw["examples"]),
        facts,
    )


@cache
def load_catalog() -> Catalog:
    """The catalog shipped with sovmigrate (validated once per process)."""
    text = resources.files("sovmigrate").joinpath("data", CATALOG_FILE).read_text(encoding="utf-8")
    return parse_catalog(json.loads(text))
