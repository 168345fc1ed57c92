"""Rewrite result cache: a file whose bytes, options and codemods are unchanged is not transformed again.

The scan's result cache spares a warm run the analysis; this one spares it the codemods (ruff caches
its fixes too), so a warm ``rewrite --diff`` or ``--check`` reads the files with fixable sites, hashes
them and answers from here without importing libcst. What a transform produces depends on the file's
bytes (and path and kind, which the diff and outcomes name), the codes to rewrite in it, ``unsafe`` and
``annotate``: together they key an entry. It depends on the code that transforms too: the cache file
is named after the rule catalog's version and records a digest of sovmigrate's and the codemods'
source files, libcst's version and Python's (which parses the result to vet it); when any of them
changes, the cache starts empty. Only the catalog's codemods are cached (your own classes always run).

An entry holds the per-file outcome: status, diff, site outcomes and, for a changed file, its new
bytes, so that ``rewrite`` after ``rewrite --diff`` writes without transforming again. Files whose
transform failed are not cached. The cache is plain JSON beside the scan's (``.sovmigrate_cache/``),
written atomically; a damaged cache or entry is ignored; ``--no-cache`` neither reads nor writes it.
A run keeps the entries of the files it rewrote (as they are now): at most ``VARIANTS`` each (say,
with and without ``--unsafe``); the entries of other files and of older contents are dropped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sovmigrate.rewrite.options import Options
from sovmigrate.rewrite.result import CHANGED, UNCHANGED, FileRewrite, Outcome
from sovmigrate.rules import catalog_version
from sovmigrate.rules.model import FixSafety

FORMAT = 1
VARIANTS = 4  # entries kept per file (options or contents seen most recently)


class RewriteCache:
    """Per-file rewrite results in ``directory``, valid for the code that transforms (``codemods``)."""

    def __init__(self, directory: Path, codemods: str) -> None:
        self.directory = directory
        self.path = directory / f"rewrite-{catalog_version()}.json"
        self.codemods = codemods
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["format"] == FORMAT and data["codemods"] == codemods:
                self.entries = dict(data["files"])
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def get(self, relpath: str, kind: str, data: bytes, options: Options) -> FileRewrite | None:
        """The cached result for these bytes and options, or None."""
        key = entry_key(relpath, kind, data, options)
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            file = _decoded(relpath, kind, entry)
        except (KeyError, TypeError, ValueError, binascii.Error):
            return None
        self.entries[key] = self.entries.pop(key)  # most recently used last
        return file

    def store(self, data: bytes, options: Options, file: FileRewrite) -> None:
        """Remember ``file`` (the result for ``data`` with ``options``); errors are not cached."""
        if file.status not in (CHANGED, UNCHANGED):
            return
        entry = {**_encoded(file), "source": _digest(data)}
        self.entries[entry_key(file.path, file.kind, data, options)] = entry
        self.dirty = True

    def save(self, sources: Mapping[str, bytes]) -> None:
        """Write the cache, keeping entries of the files ``sources`` has (relative path: bytes) and of their
        current bytes only, at most ``VARIANTS`` per file, the most recently used.
        """
        current = {relpath: _digest(data) for relpath, data in sources.items()}
        kept: dict[str, dict[str, Any]] = {}
        per_path: dict[str, int] = {}
        for key, entry in reversed(self.entries.items()):
            path = entry.get("path") if isinstance(entry, dict) else None
            if path in current and entry.get("source") == current[path] and per_path.get(path, 0) < VARIANTS:
                per_path[path] = per_path.get(path, 0) + 1
                kept[key] = entry
        if len(kept) != len(self.entries):
            self.dirty = True
        if not self.dirty:
            return
        files = dict(reversed(kept.items()))
        payload = {"format": FORMAT, "catalog": catalog_version(), "codemods": self.codemods, "files": files}
        _write(self.directory, self.path, json.dumps(payload, separators=(",", ":")))


def entry_key(relpath: str, kind: str, data: bytes, options: Options) -> str:
    """What decides one file's rewrite, besides the codemods: its path, kind, bytes and the options."""
    described = json.dumps(
        [relpath, kind, _digest(data), sorted(options.codes), options.unsafe, options.annotate]
    )
    return _digest(described.encode())


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def codemods_digest(names: Iterable[str]) -> str:
    """A digest of the code that decides a rewrite: the codemods ``names``, and the source files of
    sovmigrate and its codemods, libcst's version and Python's. Nothing is imported.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((sorted(names), sys.implementation.name, sys.version_info[:3])).encode())
    for path in [*_sources(), _libcst_version_file()]:
        digest.update(path.encode())
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def _sources() -> list[str]:
    """Every Python file of the sovmigrate package and of its codemods (kept apart in a source checkout)."""
    folders = {str(Path(__file__).resolve().parents[1])}
    spec = find_spec("sovmigrate.codemods")
    if spec is not None and spec.submodule_search_locations:
        folders.update(spec.submodule_search_locations)
    found = set()
    for folder in folders:
        for base, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            found.update(os.path.join(base, name) for name in names if name.endswith(".py"))
    return sorted(found)


def _libcst_version_file() -> str:
    spec = find_spec("libcst")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    return os.path.join(folders[0], "_version.py") if folders else "libcst"


def _encoded(file: FileRewrite) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": file.path,
        "status": file.status,
        "diff": file.diff,
        "outcomes": [
            [o.line, o.column, o.rule, o.safety.value, o.applied, o.reason, o.cell, o.extra]
            for o in file.outcomes
        ],
    }
    if file.data is not None:
        entry["data"] = base64.b64encode(file.data).decode("ascii")
        entry["digest"] = _digest(file.data)
    return entry


def _decoded(relpath: str, kind: str, entry: dict[str, Any]) -> FileRewrite:
    if entry["path"] != relpath or entry["status"] not in (CHANGED, UNCHANGED):
        raise ValueError("not this file's entry")
    outcomes = [
        Outcome(relpath, line, column, rule, FixSafety(safety), bool(applied), reason, cell, extra=extra)
        for line, column, rule, safety, applied, reason, cell, extra in entry["outcomes"]
    ]
    data = None
    if entry["status"] == CHANGED:
        data = base64.b64decode(entry["data"], validate=True)
        if _digest(data) != entry["digest"]:
            raise ValueError("damaged entry")
    return FileRewrite(relpath, entry["status"], kind, diff=entry["diff"], outcomes=outcomes, data=data)


def _write(directory: Path, path: Path, text: str) -> None:
    """Replace the cache file atomically; a folder that cannot be written just means no cache."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        gitignore = directory / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# Created by sovmigrate.\n*\n", encoding="utf-8")
        descriptor, temp = tempfile.mkstemp(dir=directory, prefix=".rewrite-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
