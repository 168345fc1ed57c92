"""Which spec and options ``connect()`` uses: the argument, the environment, pyproject.toml, the code's default.

    [tool.sovmigrate.adapter]
    model = "llamacpp:models/x.gguf"     # the spec of the unnamed connection
    n_ctx = 4096                          # every other key is a backend option

    [tool.sovmigrate.adapter.models.embedder]
    model = "ollama:nomic-embed-text"     # the spec of connect(..., name="embedder")

Precedence of the spec, unnamed connection: the ``spec`` argument > ``SOVMIGRATE_MODEL`` > the table's
``model`` > ``default``. A named connection reads only its own settings: the ``spec`` argument >
``SOVMIGRATE_MODEL_<NAME>`` > ``models.<name>`` > ``default``; the general ones never move it, so setting a
project-wide chat model cannot silently swap the embedder whose vectors a store holds. With a ``spec``
argument, configuration is not read. Options: a table's options apply when its ``model`` names the chosen
backend (or it has no ``model``). Options passed in code belong to the ``default`` spec's backend and apply
only when that backend is chosen; configuration's options win over them.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sovmigrate.adapter.errors import SpecError
from sovmigrate.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ENV_VAR", "Resolved", "env_var", "find_pyproject", "resolve"]

ENV_VAR = "SOVMIGRATE_MODEL"
TABLE = "tool.sovmigrate.adapter"
ARGUMENT = "connect()"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

log = logging.getLogger("sovmigrate.adapter")


@dataclass(frozen=True)
class Resolved:
    """The spec ``connect()`` uses, where it came from, and the options with where each came from."""

    spec: str
    source: str
    options: dict[str, Any] = field(default_factory=dict)
    option_sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Table:
    where: str
    model: str | None
    options: dict[str, Any]

    def applies_to(self, backend: str) -> bool:
        return self.model is None or _backend_of(self.model) == backend


def env_var(name: str | None) -> str:
    """The environment variable that names the spec of connection ``name`` (``SOVMIGRATE_MODEL`` for none)."""
    if name is None:
        return ENV_VAR
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise SpecError(f"connection name {name!r} must be letters, digits, '_' or '-' (e.g. 'embedder')")
    return f"{ENV_VAR}_{name.upper().replace('-', '_')}"


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=path) from exc
    table = data.get("tool", {}).get("sovmigrate", {}).get("adapter", {})
    if not isinstance(table, dict):
        raise ConfigError("must be a table", path=path, key=TABLE)
    return table


def _table(path: Path, key: str, raw: Any) -> _Table:
    if not isinstance(raw, dict):
        raise ConfigError("must be a table", path=path, key=key)
    options = dict(raw)
    model = options.pop("model", None)
    if model is not None and not isinstance(model, str):
        raise ConfigError("must be a string like 'llamacpp:models/x.gguf'", path=path, key=f"{key}.model")
    return _Table(f"{path} [{key}]", model or None, options)


def _tables(cwd: Path, name: str | None) -> tuple[_Table | None, _Table | None]:
    """(named table, general table) of the nearest pyproject.toml; either may be None."""
    path = find_pyproject(cwd)
    if path is None:
        return None, None
    raw = _read(path)
    models = raw.pop("models", {})
    if not isinstance(models, dict):
        raise ConfigError("must be a table of tables", path=path, key=f"{TABLE}.models")
    general = _table(path, TABLE, raw) if raw else None
    named = None
    if name is not None and name in models:
        named = _table(path, f"{TABLE}.models.{name}", models[name])
    return named, general


def _backend_of(spec: str) -> str:
    return spec.partition(":")[0].strip()


def _choose(name: str | None, default: str | None, table: _Table | None) -> tuple[str, str]:
    """The spec of the connection: its environment variable, then its table, then the code's default."""
    candidates = [(os.environ.get(env_var(name)), env_var(name))]
    if table is not None:
        candidates.append((table.model, table.where))
    candidates.append((default, "default"))
    for spec, source in candidates:
        if spec:
            return spec, source
    where = TABLE if name is None else f"{TABLE}.models.{name}"
    raise SpecError(
        f"no model given: pass a spec (or default=) to connect(), set {env_var(name)}, or add "
        f'`model = "backend:model"` to [{where}] in pyproject.toml'
    )


def resolve(
    spec: str | None,
    options: dict[str, Any],
    *,
    default: str | None = None,
    name: str | None = None,
    cwd: Path | None = None,
) -> Resolved:
    """Pick the spec and merge the options from the arguments, the environment and pyproject.toml."""
    if name is not None:
        env_var(name)  # validates the name
    if spec is not None:
        return Resolved(spec, ARGUMENT, dict(options), dict.fromkeys(options, ARGUMENT))
    named, general = _tables(cwd or Path.cwd(), name)
    table = named if name is not None else general
    chosen, source = _choose(name, default, table)
    backend = _backend_of(chosen)
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if default is None or _backend_of(default) == backend:
        merged.update(options)
        sources.update(dict.fromkeys(options, ARGUMENT))
    elif options:
        log.debug(
            "options %s passed to connect() are for %s (the default's backend) and are not used: "
            "%s from %s is chosen",
            ", ".join(sorted(options)),
            _backend_of(default),
            chosen,
            source,
        )
    if table is not None and table.applies_to(backend):
        merged.update(table.options)
        sources.update(dict.fromkeys(table.options, table.where))
    log.debug("connect(name=%r): %s from %s", name, chosen, source)
    return Resolved(chosen, source, merged, sources)
