"""Checks of a merged effort model: the JSON Schema, then the references between its parts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sovmigrate.errors import ConfigError

if TYPE_CHECKING:
    from sovmigrate.estimate.model import Layer

# Factor tables whose level comes from the analysis, not from [project].
ANALYSIS_LEVELS = frozenset({"tokenizer"})
# Inputs with a scan-dependent default (see sovmigrate.estimate.count).
SCAN_DEFAULT_INPUTS = frozenset({"engineers-to-retrain"})


def check_model(data: dict[str, Any], layers: Sequence[Layer]) -> None:
    """Raise :class:`ConfigError` naming the layer and key of the first problem in ``data``."""
    from sovmigrate.schemas.fast import SchemaViolation, check

    try:
        check(data, "effort_model")  # fastjsonschema, worded like jsonschema (no ~1 s import)
    except SchemaViolation as error:
        keys = [str(p) for p in error.path]
        if error.keyword == "additionalProperties":
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            keys.append(unknown[0])
            _fail(layers, keys, "unknown key")
        _fail(layers, keys, error.message)
    for keys, message in _references(data):
        _fail(layers, keys, message)


def _fail(layers: Sequence[Layer], keys: list[str], message: str) -> None:
    raise ConfigError(message, path=_layer_of(layers, keys), key=".".join(keys) or None)


def _layer_of(layers: Sequence[Layer], keys: list[str]) -> str:
    """The last layer that sets ``keys`` (or its nearest parent): that is the file to fix."""
    for depth in range(len(keys), 0, -1):
        for layer in reversed(layers):
            node: Any = layer.data
            for key in keys[:depth]:
                node = node.get(key) if isinstance(node, dict) else None
            if node is not None:
                return f"effort model ({layer.name})"
    return f"effort model ({layers[-1].name if layers else 'default'})"


def _references(data: dict[str, Any]) -> Iterator[tuple[list[str], str]]:
    yield from _triples(data)
    factors, project = data["factors"], data["project"]
    for key, workstream in data["workstreams"].items():
        for name in workstream.get("factors", ()):
            if name not in factors:
                yield ["workstreams", key, "factors"], f"no factor table {name!r}"
            elif name not in ANALYSIS_LEVELS and project.get(name) not in factors[name]:
                yield ["project", name], f"must be one of {', '.join(factors[name])}"
    for key, driver in data["drivers"].items():
        yield from _driver_references(key, driver, data)
    for key, wait in data.get("waits", {}).items():
        for name in wait["after"]:
            if name not in data["drivers"]:
                yield ["waits", key, "after"], f"no driver {name!r}"


def _driver_references(
    key: str, driver: dict[str, Any], data: dict[str, Any]
) -> Iterator[tuple[list[str], str]]:
    where = ["drivers", key]
    if driver["workstream"] not in data["workstreams"]:
        yield [*where, "workstream"], f"no workstream {driver['workstream']!r}"
    count = driver["count"]
    if count == "input":
        name = driver.get("input")
        if name is None:
            yield where, "count = 'input' needs input = '<project key>'"
        elif name not in data["project"] and name not in SCAN_DEFAULT_INPUTS:
            yield ["project", name], "missing project input"
    if count == "sites" and not driver.get("effort-drivers"):
        yield where, "count = 'sites' needs effort-drivers"
    for ref in ("requires",):
        if driver.get(ref) is not None and driver[ref] not in data["drivers"]:
            yield [*where, ref], f"no driver {driver[ref]!r}"
    scale = driver.get("scale")
    if scale is not None and (
        scale not in data["factors"] or data["project"].get(scale) not in data["factors"][scale]
    ):
        yield ["project", scale], f"needs a factor table {scale!r} and a project level in it"


def _triples(data: dict[str, Any]) -> Iterator[tuple[list[str], str]]:
    found = [(["overhead"], data["overhead"])]
    found += [(["drivers", k, "hours"], d["hours"]) for k, d in data["drivers"].items()]
    found += [(["waits", k, "weeks"], w["weeks"]) for k, w in data.get("waits", {}).items()]
    for keys, (o, m, p) in found:
        if not o <= m <= p:
            yield keys, f"needs optimistic <= most likely <= pessimistic, got {[o, m, p]}"
