"""Run a scan: discover files, reuse cached results, analyse the rest in parallel, filter and sort."""

from __future__ import annotations

import fnmatch
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sovmigrate.config import Settings, default_jobs, load_settings
from sovmigrate.findings import FileError, ScanResult, ScanStats
from sovmigrate.rules import select_rules, selects_every_rule
from sovmigrate.scan.cache import ResultCache
from sovmigrate.scan.discovery import SourceFile, discover
from sovmigrate.scan.files import FileResult, analyse_bytes, needs_analysis, read_source
from sovmigrate.scan.linking import Linker

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Below this many lines to analyse, starting worker processes costs more than it saves.
PARALLEL_LINES = 4000
# Bytes of prefilter-rejected Python files kept in memory for the whole-project pass (beyond: read again).
KEEP_BYTES = 256 * 1024 * 1024
Progress = Callable[[int, int], None]


def scan(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (".",),
    settings: Settings | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan files and folders for Llama- and vendor-specific inference code.

    ``settings`` defaults to ``[tool.sovmigrate]`` of the nearest pyproject.toml. Paths in the result
    are posix paths relative to ``root`` (default: the scanned folder, or the common parent of several).
    Bad files become :class:`~sovmigrate.findings.FileError` entries; the scan always completes.
    """
    started = time.perf_counter()
    given = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)] or [Path(".")]
    settings = settings if settings is not None else load_settings(given[0])
    selected = _selection(settings)
    scan_root = Path(root) if root is not None else _default_root(given)
    result = ScanResult(root=str(scan_root))

    existing = []
    for path in given:
        if path.exists() or path.is_symlink():
            existing.append(path)
        else:
            result.errors.append(
                FileError(path=path.as_posix(), code="SOV904", message="no such file or directory")
            )
    sources = list(discover(existing, scan_root, settings))

    cache = ResultCache(_cache_dir(settings, scan_root)) if settings.cache else None
    kept: dict[str, bytes] = {}
    file_results, pending, cached_count = _read_all(sources, settings, cache, kept)
    analysed = list(_analyse_all(pending, settings, progress, len(sources), len(sources) - len(pending)))
    linker = Linker(
        sources={s.relpath: s for s in sources},
        results={r.relpath: r for r in [*file_results, *analysed]},
        fresh={r.relpath for r in [*file_results, *analysed] if r.relpath not in cache_hits(cache)},
        max_file_size=settings.max_file_size,
        kept=kept,
    )
    signature = linker.run(
        lambda tasks: list(_analyse_all(tasks, settings, None, 0, 0)), cache.signature if cache else None
    )
    file_results = list(linker.results.values())
    if cache is not None:
        for item in [*analysed, *linker.changed]:
            cache.store(item)
        cache.signature, cache.dirty = signature, cache.dirty or cache.signature != signature
        cache.save({s.relpath for s in sources})

    ignores = settings.per_file_ignores
    for item in file_results:
        ignored = _ignored_codes(item.relpath, ignores)
        result.findings.extend(
            f
            for f in item.findings
            if selected(f.rule)
            and not _matches(f.rule, ignored)
            and (settings.notebook_markdown or not f.details.get("markdown"))
        )
        result.errors.extend(e for e in item.errors if selected(e.code) and not _matches(e.code, ignored))
        result.stats.lines_analysed += item.lines
        result.stats.bytes_read += item.size
        result.stats.files_candidate += item.candidate
    result.findings.sort(key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.rule))
    result.errors.sort(key=lambda e: (e.path, e.code))
    result.stats = ScanStats(
        files_seen=len(sources),
        files_candidate=result.stats.files_candidate,
        files_analysed=len(analysed) + len(linker.changed),
        files_cached=cached_count,
        lines_analysed=result.stats.lines_analysed,
        bytes_read=result.stats.bytes_read,
        seconds=time.perf_counter() - started,
    )
    return result


def _selection(settings: Settings) -> Callable[[str], bool]:
    """Whether a rule code is selected; the default selection (every rule) builds no catalog."""
    if selects_every_rule(settings.select, settings.ignore, settings.extend_select):
        return lambda code: True
    return select_rules(settings.select, settings.ignore, settings.extend_select).__contains__


def _read_all(
    sources: list[SourceFile], settings: Settings, cache: ResultCache | None, kept: dict[str, bytes]
) -> tuple[list[FileResult], list[tuple[SourceFile, bytes, FileResult]], int]:
    """Read and prefilter every file in this process (cheap); return finished results and what needs analysis.

    A cache hit by stat skips reading; a hit by content hash skips analysis. Files the prefilter
    rejects are finished here: they hold nothing any rule matches. The bytes of Python files it rejects
    are ``kept`` (up to ``KEEP_BYTES``) for the whole-project pass, which may find they import a vendor
    object from another module.
    """
    done: list[FileResult] = []
    pending: list[tuple[SourceFile, bytes, FileResult]] = []
    cached, budget = 0, KEEP_BYTES
    for source in sources:
        if cache is not None:
            try:
                stat = os.stat(source.path)
                hit = cache.by_stat(source.relpath, stat.st_size, stat.st_mtime_ns)
            except OSError:
                hit = None
            if hit is not None:
                done.append(hit)
                cached += 1
                continue
        data, result = read_source(source, settings.max_file_size, digest=cache is not None)
        if data is not None and cache is not None:
            hit = cache.by_digest(source.relpath, result.digest, result.size, result.mtime_ns)
            if hit is not None:
                done.append(hit)
                cached += 1
                continue
        if data is not None and needs_analysis(source, data):
            pending.append((source, data, result))
            continue
        if data is not None and source.kind == "python" and len(data) <= budget:
            kept[source.relpath], budget = data, budget - len(data)
        done.append(result)
        if cache is not None:
            cache.store(result)
    return done, pending, cached


def cache_hits(cache: ResultCache | None) -> set[str]:
    """The files this run took from the cache without reading them."""
    return cache.hits if cache is not None else set()


def _analyse_one(task: tuple) -> FileResult:
    return analyse_bytes(*task)


def _analyse_all(
    pending: list[tuple], settings: Settings, progress: Progress | None, total: int, done: int
) -> Iterable[FileResult]:
    jobs = settings.jobs or default_jobs()
    lines = sum(task[1].count(b"\n") for task in pending)
    if progress:
        progress(done, total)
    if jobs <= 1 or len(pending) < 2 or lines < PARALLEL_LINES:
        outputs: Iterable[FileResult] = map(_analyse_one, pending)
        executor = None
    else:
        from concurrent.futures import ProcessPoolExecutor

        import libcst  # noqa: F401  (loaded once before the workers fork)

        import sovmigrate.scan.analysis  # noqa: F401
        from sovmigrate.scan.matching import warm_catalog

        warm_catalog()
        executor = ProcessPoolExecutor(max_workers=min(jobs, len(pending)))
        outputs = _largest_first(executor, pending)
    try:
        for output in outputs:
            done += 1
            if progress:
                progress(done, total)
            yield output
    finally:
        if executor is not None:
            executor.shutdown()


def _largest_first(executor: ProcessPoolExecutor, pending: list[tuple]) -> Iterable[FileResult]:
    """Analyse the largest files first, one per task, so that no worker is left with a big file at the end.

    The results are yielded in the order of ``pending``, as soon as all before them are done.
    """
    order = sorted(range(len(pending)), key=lambda index: -len(pending[index][1]))
    waiting: dict[int, FileResult] = {}
    following = 0
    for index, output in zip(order, executor.map(_analyse_one, [pending[i] for i in order])):
        waiting[index] = output
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def _default_root(paths: list[Path]) -> Path:
    if len(paths) == 1:
        path = paths[0]
        return path if path.is_dir() else path.parent
    return Path(os.path.commonpath([str(p.absolute()) for p in paths]))


def _cache_dir(settings: Settings, root: Path) -> Path:
    if settings.cache_dir is not None:
        return settings.cache_dir
    base = settings.config_path.parent if settings.config_path is not None else root
    return base / ".sovmigrate_cache"


def _ignored_codes(relpath: str, per_file: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    codes: list[str] = []
    for pattern, prefixes in per_file.items():
        if fnmatch.fnmatch(relpath, pattern) or Path(relpath).match(pattern):
            codes.extend(prefixes)
    return tuple(codes)


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)
