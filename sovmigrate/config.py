"""``[tool.sovmigrate]`` settings: defaults < project file < command line; validated by a JSON Schema."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sovmigrate.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".env-*",
    ".tox",
    ".nox",
    "__pycache__",
    "node_modules",
    "site-packages",
    "dist-packages",
    "build",
    "dist",
    ".eggs",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".sovmigrate_cache",
    ".ipynb_checkpoints",
    "__pypackages__",
    ".direnv",
    "_build",
)
DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything that steers a scan. Build it with :func:`load_settings` or directly in code."""

    select: tuple[str, ...] = ("SOV",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    respect_gitignore: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    target: str | None = None
    notebook_markdown: bool = False
    cache: bool = True
    cache_dir: Path | None = None
    jobs: int | None = None
    config_path: Path | None = None
    # [tool.sovmigrate.rewrite]: select, ignore, unsafe, annotate (read by sovmigrate.rewrite).
    rewrite: dict[str, Any] = field(default_factory=dict)

    def merged(self, **overrides: Any) -> Settings:
        """A copy with the given non-``None`` overrides (the command line wins over the file)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_KEYS = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude",
    "include": "include",
    "per-file-ignores": "per_file_ignores",
    "respect-gitignore": "respect_gitignore",
    "max-file-size": "max_file_size",
    "target": "target",
    "notebook-markdown": "notebook_markdown",
    "cache": "cache",
    "cache-dir": "cache_dir",
    "jobs": "jobs",
}


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.sovmigrate]`` table, from ``start`` upwards."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for directory in (current, *current.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "sovmigrate" in data.get("tool", {}):
                return candidate
    return None


def load_settings(start: Path | str = ".", config: Path | str | None = None) -> Settings:
    """Read ``[tool.sovmigrate]`` from ``config`` or the nearest pyproject.toml above ``start``."""
    path = Path(config) if config is not None else find_config(Path(start))
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("file not found", path=path) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot parse: {exc}", path=path) from exc
    table = data.get("tool", {}).get("sovmigrate", {})
    return settings_from_table(table, path)


def settings_from_table(table: dict[str, Any], path: Path | None = None) -> Settings:
    """Validate a ``[tool.sovmigrate]`` table against ``config.v1.json`` and build :class:`Settings`."""
    _validate_table(table, path)
    values: dict[str, Any] = {"config_path": path}
    for key, value in table.items():
        if key in ("adapter", "estimate"):
            continue  # read by sovmigrate.adapter and sovmigrate.estimate
        if key == "rewrite":
            values["rewrite"] = dict(value)
            continue
        name = _KEYS[key]
        if isinstance(value, list):
            value = tuple(value)
        elif name == "per_file_ignores":
            value = {glob: tuple(codes) for glob, codes in value.items()}
        elif name == "cache_dir":
            value = (path.parent if path else Path.cwd()) / value
        values[name] = value
    return Settings(**values)


def _validate_table(table: Any, path: Path | None) -> None:
    """Raise :class:`ConfigError` naming the file, the key and what is wrong with it.

    ``config.v1.json`` is compiled by fastjsonschema once, on first use: jsonschema costs ~1 s to import where
    its format extras are installed (rfc3987_syntax builds grammars at import), more than a whole warm scan.
    """
    from sovmigrate.schemas.fast import SchemaViolation, check

    try:
        check(table, "config")
    except SchemaViolation as error:
        if error.keyword == "additionalProperties":
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            where = ".".join(["tool.sovmigrate", *map(str, error.path)])
            raise ConfigError(f"unknown key {unknown[0]!r} in [{where}]", path=path, key=unknown[0]) from None
        key = ".".join(map(str, error.path)) or None
        raise ConfigError(error.message, path=path, key=key) from None


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
