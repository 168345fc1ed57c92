"""The scan's whole-project pass: give each module the vendor objects it imports from other modules.

After the first pass every analysed Python module reports what it exports and imports. This pass builds
the :class:`~sovmigrate.scan.project.ProjectIndex`, gives each module its import table, and analyses again
the modules whose table differs from the one they were analysed with, including modules with no vendor
word at all that import a project module exporting a vendor object. It repeats until nothing changes
(exports can flow through several modules), at most ``MAX_ROUNDS`` times.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sovmigrate.scan.discovery import SourceFile
from sovmigrate.scan.files import FileResult, read_source
from sovmigrate.scan.project import ProjectIndex, imported_names, module_name, table_digest

MAX_ROUNDS = 4
Task = tuple[SourceFile, bytes, FileResult, dict]
Analyse = Callable[[list[Task]], Iterable[FileResult]]


@dataclass
class Linker:
    """The state of the pass over one scan: results by path, and which files were read in this run."""

    sources: dict[str, SourceFile]
    results: dict[str, FileResult]
    fresh: set[str]
    max_file_size: int
    kept: dict[str, bytes] = field(default_factory=dict)  # bytes of files read in this run, by path
    index: ProjectIndex = field(default_factory=ProjectIndex)
    changed: list[FileResult] = field(default_factory=list)
    _selected_with: str | None = None

    def run(self, analyse: Analyse, previous_signature: str | None) -> str:
        """Analyse again until every module saw its final import table; returns the export signature."""
        self.index.claim(relpath for relpath, source in self.sources.items() if source.kind == "python")
        for result in self.results.values():
            if result.module is not None:
                self.index.add(result.module, result.exports)
        self._selected_with = previous_signature
        for _ in range(MAX_ROUNDS):
            tasks = [*self._stale_modules(), *self._new_importers()]
            if not tasks:
                break
            for result in analyse(tasks):
                self.results[result.relpath] = result
                self.changed.append(result)
                if result.module is not None:
                    self.index.add(result.module, result.exports)
        return self.index.signature()

    def _stale_modules(self) -> list[Task]:
        """Analysed modules whose import table is not the one they were analysed with."""
        tasks = []
        for relpath, result in self.results.items():
            if result.module is None or not result.candidate:
                continue
            table = self.index.table(result.imports)
            if table_digest(table) != result.table:
                task = self._task(relpath, table)
                if task is not None:
                    tasks.append(task)
        return tasks

    def _new_importers(self) -> list[Task]:
        """Modules without a vendor word that import a project module exporting a vendor object.

        Looked for among every such module when the exports changed since the last look (or there was no
        cache), otherwise only among the files read in this run.
        """
        signature = self.index.signature()
        exporters = self.index.exporters()
        everywhere = signature != self._selected_with
        self._selected_with = signature
        if not exporters:
            return []
        words = None  # compiled when a file is to be searched (none in a run of cache hits)
        tasks = []
        for relpath, result in self.results.items():
            source = self.sources.get(relpath)
            if result.candidate or source is None or source.kind != "python":
                continue
            if everywhere or relpath in self.fresh:
                words = words or _word_search([m.rpartition(".")[2] for m in exporters])
                task = self._importer_task(source, words)
                if task is not None:
                    tasks.append(task)
        return tasks

    def _importer_task(self, source: SourceFile, words: Callable[[bytes], object]) -> Task | None:
        named = module_name(source.relpath)
        if named is None:
            return None
        data = self.kept.get(source.relpath)
        if data is None:
            data, _ = read_source(source, self.max_file_size)
        if data is None or not words(data):
            return None
        table = self.index.table(imported_names(data, *named))
        if not table:
            return None
        _, fresh = read_source(source, self.max_file_size)
        return (source, data, fresh, table)

    def _task(self, relpath: str, table: dict) -> Task | None:
        source = self.sources.get(relpath)
        if source is None:
            return None
        data, fresh = read_source(source, self.max_file_size)
        return (source, data, fresh, table) if data is not None else None


def _word_search(words: list[str]) -> Callable[[bytes], object]:
    """A fast search for any of ``words`` as a whole word (RE2 where installed)."""
    pattern = rb"\b(?:%s)\b" % b"|".join(re.escape(word.encode()) for word in sorted(set(words)))
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return re.compile(pattern).search
    return re2.compile(pattern).search
