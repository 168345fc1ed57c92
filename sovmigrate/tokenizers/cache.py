"""Converted tokenizers cached as ``tokenizer.json`` files keyed by the sha256 of their source file."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "file_sha256", "files_dir", "read_cached", "write_cached"]

# Bump when a converter changes the ids it produces, so stale cache entries are ignored.
CONVERTER_VERSION = "3"


def _user_cache() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("sovmigrate", appauthor=False)


def cache_dir() -> Path:
    """Converted tokenizers: ``$SOVMIGRATE_TOKENIZER_CACHE``, else the user cache
    (``~/.cache/sovmigrate/tokenizers`` on Linux)."""
    env = os.environ.get("SOVMIGRATE_TOKENIZER_CACHE")
    return Path(env) if env else _user_cache() / "tokenizers"


def files_dir() -> Path:
    """Files ``sovmigrate tokens fetch`` brings: ``$SOVMIGRATE_TOKENIZER_FILES``, else the user cache
    (``~/.cache/sovmigrate/tokenizer-files`` on Linux), laid out by their path inside the package."""
    env = os.environ.get("SOVMIGRATE_TOKENIZER_FILES")
    return Path(env) if env else _user_cache() / "tokenizer-files"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _key(sha: str, salt: str) -> str:
    return (
        hashlib.sha256(f"{sha}:{salt}:{CONVERTER_VERSION}".encode()).hexdigest()[:32]
        if salt
        else f"{sha}-{CONVERTER_VERSION}"
    )


def read_cached(sha: str, salt: str = "") -> tuple[Any, dict[str, Any]] | None:
    """``(tokenizer, metadata)`` for a cached conversion, or None."""
    from tokenizers import Tokenizer

    base = cache_dir() / _key(sha, salt)
    tok_file, meta_file = base.with_suffix(".tokenizer.json"), base.with_suffix(".meta.json")
    if not (tok_file.is_file() and meta_file.is_file()):
        return None
    try:
        return Tokenizer.from_file(str(tok_file)), json.loads(meta_file.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001  (tokenizers raises bare Exception) a damaged entry is rebuilt, never trusted
        return None


def write_cached(sha: str, tokenizer: Any, meta: dict[str, Any], salt: str = "") -> None:
    """Store a conversion atomically; an unwritable cache is ignored."""
    directory = cache_dir()
    base = _key(sha, salt)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for suffix, text in ((".tokenizer.json", tokenizer.to_str()), (".meta.json", json.dumps(meta))):
            fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, directory / f"{base}{suffix}")
    except OSError:
        pass
