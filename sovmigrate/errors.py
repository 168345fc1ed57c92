"""The exception tree of sovmigrate.

SovmigrateError
 ├── ConfigError          bad [tool.sovmigrate] table or CLI option value (exit 2)
 ├── SourceError          a file that cannot be analysed (reported per file, never fatal to a run)
 ├── CatalogError         a rule catalog or data file that breaks its schema
 ├── UsageError           misuse of the library API
 ├── AdapterError         sovmigrate.adapter.errors: spec, backend, capability, transport, engine
 └── TokenizerError       sovmigrate.tokenizers.errors: load, not found, chat template, corpus
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CatalogError", "ConfigError", "SourceError", "SovmigrateError", "UsageError"]


class SovmigrateError(Exception):
    """Base class of every error sovmigrate raises on purpose."""


class ConfigError(SovmigrateError):
    """A configuration file or option is invalid; names the file and the key."""

    def __init__(self, message: str, *, path: Path | str | None = None, key: str | None = None) -> None:
        where = f"{path}: " if path else ""
        what = f"[{key}] " if key else ""
        super().__init__(f"{where}{what}{message}")
        self.path = path
        self.key = key


class SourceError(SovmigrateError):
    """A scanned file could not be read or parsed."""

    def __init__(self, message: str, *, path: Path | str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class CatalogError(SovmigrateError):
    """A shipped data file (rule catalog, tokenizer map, model catalog) is invalid."""


class UsageError(SovmigrateError):
    """The library API was called in a way it does not support."""
