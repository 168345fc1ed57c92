"""The effort model: unit costs, factors and the team profile, from the shipped default plus user overrides.

Layers, later wins: ``sovmigrate/data/effort_model.toml`` < ``[tool.sovmigrate.estimate]`` of the project's
pyproject.toml < ``--model-file``. The merged model is validated by ``effort_model.v1.json`` and by the
cross-checks below, and every error names the layer and the key that caused it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sovmigrate.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Driver", "EffortModel", "Layer", "Team", "Triple", "Wait", "Workstream", "load_model"]

DEFAULT_MODEL = "effort_model.toml"
# Project inputs with a default that depends on the scan rather than on the model file.
ENGINEERS_INPUT = "engineers-to-retrain"


@dataclass(frozen=True)
class Triple:
    """A three-point estimate (optimistic, most likely, pessimistic) and its PERT mean and deviation."""

    o: float
    m: float
    p: float

    @property
    def mean(self) -> float:
        return (self.o + 4 * self.m + self.p) / 6

    @property
    def sd(self) -> float:
        return (self.p - self.o) / 6

    def to_json(self) -> list[float]:
        return [self.o, self.m, self.p]


@dataclass(frozen=True)
class Workstream:
    """A switching-cost workstream: its automation factor and the factor tables that scale it."""

    id: str
    name: str
    order: int
    automation: float
    factors: tuple[str, ...]


@dataclass(frozen=True)
class Driver:
    """One thing the estimate counts, how it is counted, and its unit cost in hours."""

    id: str
    workstream: str
    label: str
    count: str
    hours: Triple
    basis: str
    source: str = ""
    effort_drivers: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    safety: str | None = None
    shared: bool = False
    adjacent_lines: bool = False
    input: str | None = None
    scale: str | None = None
    requires: str | None = None


@dataclass(frozen=True)
class Wait:
    """Calendar time that effort does not shorten (legal review, GPU queue, rollout)."""

    id: str
    label: str
    weeks: Triple
    after: tuple[str, ...]


@dataclass(frozen=True)
class Team:
    """Who does the migration: engineers, their allocation, and how many can share one workstream."""

    engineers: int
    allocation: float
    max_per_workstream: int

    @property
    def fte(self) -> float:
        return self.engineers * self.allocation


@dataclass(frozen=True)
class Layer:
    """Where part of the model came from: ``default``, a pyproject table or a model file."""

    name: str
    data: dict[str, Any]


@dataclass(frozen=True)
class EffortModel:
    """The validated, merged effort model."""

    hours_per_week: float
    correlation: float
    overhead: Triple
    team: Team
    project: dict[str, Any]
    factors: dict[str, dict[str, float]]
    workstreams: dict[str, Workstream]
    drivers: dict[str, Driver]
    waits: dict[str, Wait]
    layers: tuple[str, ...]
    raw: dict[str, Any]
    overridden: frozenset[str] = frozenset()  # top-level keys and project inputs a user layer sets

    def factor(self, table: str, level: str) -> float:
        return self.factors[table][level]

    def with_team(self, engineers: int | None = None) -> EffortModel:
        """A copy with another team size (``--team-size``)."""
        if engineers is None:
            return self
        raw = merge(self.raw, {"team": {"engineers": engineers}})
        model = build_model(raw, [*self.layers, "--team-size"])
        return replace(model, overridden=self.overridden | {"team"})


def default_layer() -> Layer:
    text = resources.files("sovmigrate").joinpath("data", DEFAULT_MODEL).read_text(encoding="utf-8")
    return Layer("default", tomllib.loads(text))


def read_model_file(path: Path | str) -> Layer:
    """A model file (TOML, or JSON when it ends in ``.json``) as an override layer."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError("model file not found", path=path) from None
    except (
        OSError,
        UnicodeDecodeError,
        ValueError,
    ) as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise ConfigError(f"cannot read the effort model: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise ConfigError("an effort model file must hold a table", path=path)
    return Layer(str(path), data)


def pyproject_layer(config_path: Path | None) -> Layer | None:
    """``[tool.sovmigrate.estimate]`` of the project's pyproject.toml, if it has one."""
    if config_path is None:
        return None
    try:
        data = tomllib.loads(Path(config_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot parse: {exc}", path=config_path) from None
    table = data.get("tool", {}).get("sovmigrate", {}).get("estimate")
    return None if table is None else Layer(f"{config_path} [tool.sovmigrate.estimate]", table)


def load_model(
    *,
    config_path: Path | str | None = None,
    model_file: Path | str | None = None,
    extra: dict[str, Any] | None = None,
) -> EffortModel:
    """The default model, overridden by the pyproject table at ``config_path`` and by ``model_file``."""
    layers = [default_layer(), pyproject_layer(Path(config_path) if config_path else None)]
    if model_file is not None:
        layers.append(read_model_file(model_file))
    if extra:
        layers.append(Layer("arguments", extra))
    present = [layer for layer in layers if layer is not None]
    merged: dict[str, Any] = {}
    for layer in present:
        merged = merge(merged, layer.data)
    model = build_model(merged, [layer.name for layer in present], present)
    return replace(model, overridden=frozenset(_user_keys(present[1:])))


def _user_keys(layers: list[Layer]) -> set[str]:
    keys = set()
    for layer in layers:
        keys |= set(layer.data) | set(layer.data.get("project", {}))
    return keys


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value (numbers, lists, strings) replaces the base value."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def build_model(
    data: dict[str, Any], layer_names: list[str], layers: list[Layer] | None = None
) -> EffortModel:
    """Validate merged ``data`` and build the typed model; errors name the layer that set the bad key."""
    from sovmigrate.estimate.validate import check_model

    check_model(data, layers or [Layer(name, {}) for name in layer_names])
    workstreams = {
        key: Workstream(key, w["name"], w["order"], w.get("automation", 1.0), tuple(w.get("factors", ())))
        for key, w in sorted(data["workstreams"].items(), key=lambda item: item[1]["order"])
    }
    return EffortModel(
        hours_per_week=data["hours-per-week"],
        correlation=data["correlation"],
        overhead=Triple(*data["overhead"]),
        team=Team(data["team"]["engineers"], data["team"]["allocation"], data["team"]["max-per-workstream"]),
        project=dict(data["project"]),
        factors={name: dict(table) for name, table in data["factors"].items()},
        workstreams=workstreams,
        drivers={key: _driver(key, d) for key, d in data["drivers"].items()},
        waits={
            key: Wait(key, w["label"], Triple(*w["weeks"]), tuple(w["after"]))
            for key, w in data.get("waits", {}).items()
        },
        layers=tuple(layer_names),
        raw=data,
    )


def _driver(key: str, d: dict[str, Any]) -> Driver:
    return Driver(
        id=key,
        workstream=d["workstream"],
        label=d["label"],
        count=d["count"],
        hours=Triple(*d["hours"]),
        basis=d["basis"],
        source=d.get("source", ""),
        effort_drivers=tuple(d.get("effort-drivers", ())),
        rules=tuple(d.get("rules", ())),
        paths=tuple(d.get("paths", ())),
        safety=d.get("safety"),
        shared=d.get("shared", False),
        adjacent_lines=d.get("adjacent-lines", False),
        input=d.get("input"),
        scale=d.get("scale"),
        requires=d.get("requires"),
    )
