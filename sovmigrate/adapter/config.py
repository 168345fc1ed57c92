"""Where a model spec comes from when ``connect()`` gets none: ``SOVMIGRATE_MODEL``, then pyproject.toml.

    [tool.sovmigrate.adapter]
    model = "llamacpp:models/x.gguf"     # the spec
    n_ctx = 4096                          # every other key is a backend option

Options from the table apply when the table's ``model`` is used, or when ``SOVMIGRATE_MODEL`` names the same
backend; options passed to ``connect()`` override them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sovmigrate.adapter.errors import SpecError
from sovmigrate.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ENV_VAR", "find_pyproject", "resolve"]

ENV_VAR = "SOVMIGRATE_MODEL"


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=path) from exc
    table = data.get("tool", {}).get("sovmigrate", {}).get("adapter", {})
    if not isinstance(table, dict):
        raise ConfigError("must be a table", path=path, key="tool.sovmigrate.adapter")
    if "model" in table and not isinstance(table["model"], str):
        raise ConfigError("must be a string like 'llamacpp:models/x.gguf'", path=path, key="model")
    return table


def resolve(spec: str | None, options: dict[str, Any], cwd: Path | None = None) -> tuple[str, dict[str, Any]]:
    """Return the spec to use and the backend options, merged from the arguments, the env and pyproject."""
    if spec is not None:
        return spec, options
    path = find_pyproject(cwd or Path.cwd())
    table = _table(path) if path else {}
    file_spec = table.pop("model", None)
    env_spec = os.environ.get(ENV_VAR) or None
    chosen = env_spec or file_spec
    if chosen is None:
        raise SpecError(
            f'no model given: pass a spec to connect(), set {ENV_VAR}, or add `model = "backend:model"` '
            "to [tool.sovmigrate.adapter] in pyproject.toml"
        )
    same_backend = file_spec is not None and chosen.partition(":")[0] == file_spec.partition(":")[0]
    return chosen, {**(table if same_backend else {}), **options}
