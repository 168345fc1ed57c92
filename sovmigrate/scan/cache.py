"""Result cache: unchanged files are not analysed again (like ruff's cache).

Entries are keyed by the file's path and content hash, under a cache file named after the rule-catalog
version, so a new catalog or sovmigrate version starts empty; the file also records a stamp of sovmigrate's own
source files (path, size, mtime), so that in a source checkout an edited scanner does not answer from results
the old code made. A stat fast path (size and mtime in
nanoseconds) avoids reading a file whose stat is unchanged; when the stat changed, the content hash
still decides. The cache is plain JSON, written atomically; a damaged cache is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sovmigrate.findings import FileError, Finding
from sovmigrate.rules import catalog_version
from sovmigrate.scan.files import FileResult


class ResultCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / f"scan-{catalog_version()}.json"
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        # The whole-project export signature of the cached run (see sovmigrate.scan.linking).
        self.signature: str | None = None
        self.hits: set[str] = set()  # files answered by the stat fast path (never read in this run)
        self.code = code_stamp()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("catalog") == catalog_version() and data.get("code") == self.code:
                self.entries, self.signature = data["files"], data.get("project")
        except (OSError, ValueError, KeyError, TypeError):
            self.entries, self.signature = {}, None

    def by_stat(self, relpath: str, size: int, mtime_ns: int) -> FileResult | None:
        entry = self.entries.get(relpath)
        if entry and entry["size"] == size and entry["mtime_ns"] == mtime_ns:
            self.hits.add(relpath)
            return self._result(relpath, entry)
        return None

    def by_digest(self, relpath: str, digest: str, size: int, mtime_ns: int) -> FileResult | None:
        entry = self.entries.get(relpath)
        if entry and entry["digest"] == digest:
            entry["size"], entry["mtime_ns"] = size, mtime_ns
            self.dirty = True
            return self._result(relpath, entry)
        return None

    def store(self, result: FileResult) -> None:
        if not result.digest:
            return  # unreadable: try again next time
        entry = {
            "size": result.size,
            "mtime_ns": result.mtime_ns,
            "digest": result.digest,
            "candidate": result.candidate,
            "lines": result.lines,
            "findings": [f.to_dict() for f in result.findings],
            "errors": [e.to_dict() for e in result.errors],
        }
        if result.module is not None:
            entry["module"] = {
                "name": result.module,
                "exports": result.exports,
                "imports": result.imports,
                "table": result.table,
            }
        if self.entries.get(result.relpath) != entry:
            self.entries[result.relpath] = entry
            self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the cache, dropping entries of files that no longer exist in the scan."""
        stale = set(self.entries) - keep
        for relpath in stale:
            del self.entries[relpath]
        if not (self.dirty or stale):
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by sovmigrate.\n*\n", encoding="utf-8")
            payload = json.dumps(
                {
                    "catalog": catalog_version(),
                    "code": self.code,
                    "project": self.signature,
                    "files": self.entries,
                },
                separators=(",", ":"),
            )
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only tree still scans; it just is not cached

    @staticmethod
    def _result(relpath: str, entry: dict[str, Any]) -> FileResult:
        module = entry.get("module") or {}
        return FileResult(
            relpath=relpath,
            size=entry["size"],
            mtime_ns=entry["mtime_ns"],
            digest=entry["digest"],
            candidate=entry["candidate"],
            lines=entry["lines"],
            findings=[Finding.from_dict(f) for f in entry["findings"]],
            errors=[FileError.from_dict(e) for e in entry["errors"]],
            module=module.get("name"),
            exports=module.get("exports", {}),
            imports=module.get("imports", []),
            table=module.get("table", ""),
        )


def code_stamp(package: Path | None = None) -> str:
    """A stamp of the source files of ``package`` (sovmigrate's by default): path, size and mtime of each,
    stat only (about a millisecond)."""
    package = package or Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=8)
    for base, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(base, name))
                digest.update(f"{base}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
