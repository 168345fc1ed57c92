"""Run a rewrite: scan, pick the files with fixable sites, transform them in parallel, write atomically.

Discovery, exclusions, ``.gitignore``, suppressions and per-file ignores are the scanner's: only files
in which the scan finds a site of a selected, handled rule are read again, parsed and transformed.
Every other file stays byte for byte as it was, and so does a file whose rewrite fails in any way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sovmigrate.config import Settings, default_jobs, load_settings
from sovmigrate.findings import FileError, ScanResult
from sovmigrate.rewrite import registry
from sovmigrate.rewrite.atomic import Snapshot, write_atomic
from sovmigrate.rewrite.cache import RewriteCache, codemods_digest
from sovmigrate.rewrite.diff import decode_python, unified_diff
from sovmigrate.rewrite.manifests import MANIFEST_KINDS, add_sovmigrate
from sovmigrate.rewrite.options import Options
from sovmigrate.rewrite.result import CHANGED, ERROR, UNCHANGED, FileRewrite, RewriteResult
from sovmigrate.rules import CATALOG, select_rules
from sovmigrate.scan.discovery import classify

if TYPE_CHECKING:  # libcst and the codemods load only when a file needs rewriting
    from sovmigrate.codemods._base import SovmigrateCodemod

# Below this many lines to transform, starting worker processes costs more than it saves: the codemods
# take about 0.3 ms a line; a forked worker starts in about 10 ms, a spawned one imports libcst again.
PARALLEL_LINES = 300 if multiprocessing.get_all_start_methods()[0] == "fork" else 3000
Progress = Callable[[str, int, int], None]
PathsArg = Sequence[str | os.PathLike[str]] | str | os.PathLike[str]


@dataclass(frozen=True)
class FileTask:
    """One file to transform, as read (with its state on disk, to notice a change before writing).

    ``codemods`` are the ones handling its codes, set once it is known the cache cannot answer.
    """

    path: str
    relpath: str
    kind: str
    data: bytes
    snapshot: Snapshot
    codemods: tuple[type[SovmigrateCodemod], ...]
    options: Options


def rewrite(
    paths: PathsArg = (".",),
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    unsafe: bool | None = None,
    annotate: bool | None = None,
    dry_run: bool = False,
    jobs: int | None = None,
    settings: Settings | None = None,
    codemods: Iterable[type[SovmigrateCodemod]] | None = None,
    root: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> RewriteResult:
    """Rewrite vendor-specific inference code under ``paths`` to the neutral adapter.

    ``select``/``ignore`` take rule codes or prefixes (``SOV1``); ``unsafe`` also applies fixes that may
    change behaviour; ``annotate`` adds a TODO comment above each site left for manual work;
    ``dry_run`` writes nothing (the result still has every diff and outcome). Options not given come
    from ``[tool.sovmigrate.rewrite]``. ``codemods`` replaces the catalog's codemods (your own
    :class:`~sovmigrate.codemods._base.SovmigrateCodemod` subclasses). Paths in the result are relative
    to ``root`` (default: as for :func:`sovmigrate.scan`).
    """
    from sovmigrate.scan.runner import scan

    given = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)] or [Path(".")]
    settings = (settings if settings is not None else load_settings(given[0])).merged(jobs=jobs)
    chosen = None if codemods is None else registry.ordered(codemods)
    handled = (
        {c for codemod in chosen for c in codemod.RULES} if chosen is not None else registry.catalog_codes()
    )
    options = _options(settings.rewrite, handled, select, ignore, unsafe, annotate)
    scanned = scan(
        given,
        settings,
        root=root,
        progress=(lambda done, total: progress("scan", done, total)) if progress else None,
    )
    result = RewriteResult(scanned.root, dry_run=dry_run, unsafe=options.unsafe, annotate=options.annotate)
    tasks = []
    for item in _tasks(Path(scanned.root), _codes_by_file(scanned, options.codes), options):
        (tasks if isinstance(item, FileTask) else result.files).append(item)
    cache = _cache(settings, scanned, handled) if tasks and chosen is None else None
    fingerprints = _fingerprints(scanned) if tasks else {}
    for task, file in _results(tasks, chosen, cache, settings.jobs or default_jobs(), progress):
        file.outcomes = [replace(o, fingerprint=fingerprints.get(_site(o), "")) for o in file.outcomes]
        result.files.append(_written(task, file) if file.status == CHANGED and not dry_run else file)
    if cache is not None:
        cache.save({task.relpath: task.data for task in tasks})
    result.files.extend(_manifests(scanned, result, dry_run))
    result.files.extend(
        FileRewrite(e.path, ERROR, _kind(e.path), error=_scan_error(e)) for e in scanned.errors
    )
    result.files.sort(key=lambda f: f.path)
    return result


def _cache(settings: Settings, scanned: ScanResult, handled: Iterable[str]) -> RewriteCache | None:
    """The rewrite cache beside the scan's, for the catalog's codemods (None with ``--no-cache``)."""
    from sovmigrate.scan.runner import _cache_dir as scan_cache_dir

    if not settings.cache:
        return None
    names = {rule.codemod for rule in CATALOG if rule.codemod}
    return RewriteCache(scan_cache_dir(settings, Path(scanned.root)), codemods_digest([*names, *handled]))


def _results(
    tasks: list[FileTask],
    chosen: tuple[type[SovmigrateCodemod], ...] | None,
    cache: RewriteCache | None,
    jobs: int,
    progress: Progress | None,
) -> Iterator[tuple[FileTask, FileRewrite]]:
    """Each task's result: from the cache, else transformed (and cached). Codemods load only if needed."""
    pending = []
    for task in tasks:
        cached = cache.get(task.relpath, task.kind, task.data, task.options) if cache else None
        if cached is None:
            pending.append(task)
        else:
            yield task, cached
    if not pending:
        return
    codemods = chosen if chosen is not None else registry.catalog_codemods()
    pending = [replace(task, codemods=_useful(codemods, task.options.codes)) for task in pending]
    for task, file in _transform_all(pending, jobs, progress):
        if cache is not None:
            cache.store(task.data, task.options, file)
        yield task, file


def _useful(
    codemods: tuple[type[SovmigrateCodemod], ...], codes: frozenset[str]
) -> tuple[type[SovmigrateCodemod], ...]:
    """The codemods (in run order) that handle one of ``codes``."""
    return tuple(codemod for codemod in codemods if codes & set(codemod.RULES))


def _site(place) -> tuple:  # type: ignore[no-untyped-def]
    return (place.path, place.cell, place.line, place.column, place.rule)


def _fingerprints(scanned: ScanResult) -> dict[tuple, str]:
    """The scan's fingerprint of each site, to give an outcome the fingerprint of its finding."""
    return {_site(f): f.fingerprint for f in reversed(scanned.findings)}


def _codes_by_file(scanned: ScanResult, codes: frozenset[str]) -> dict[str, set[str]]:
    """Per file, the handled codes the scan reported there (so per-file ignores hold).

    A file the scan could not wholly analyse (a notebook with a broken cell) is left to its error.
    """
    broken = {e.path for e in scanned.errors}
    found: dict[str, set[str]] = {}
    for finding in scanned.findings:
        if finding.rule in codes and finding.path not in broken:
            found.setdefault(finding.path, set()).add(finding.rule)
    return found


def _scan_error(error: FileError) -> str:
    where = [f"cell {error.cell}"] if error.cell is not None else []
    where += [f"line {error.line}"] if error.line is not None else []
    return f"{error.code} {error.message}" + (f" ({', '.join(where)})" if where else "")


def _kind(relpath: str) -> str:
    kind = classify(Path(relpath).name) or "python"
    return kind if kind in ("python", "notebook") else "manifest" if kind in MANIFEST_KINDS else "other"


def _options(
    config: dict,
    handled: Iterable[str],
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    unsafe: bool | None,
    annotate: bool | None,
) -> Options:
    """The run's options: arguments given win over ``[tool.sovmigrate.rewrite]``, which wins over defaults."""
    selected = select_rules(
        tuple(select or config.get("select", ("SOV",))), tuple(ignore or config.get("ignore", ()))
    )
    return Options(
        frozenset(set(handled) & selected),
        _flag(unsafe, config, "unsafe"),
        _flag(annotate, config, "annotate"),
    )


def _flag(given: bool | None, config: dict, key: str) -> bool:
    return bool(given) if given is not None else bool(config.get(key, False))


def _tasks(base: Path, found: dict[str, set[str]], options: Options) -> Iterator[FileTask | FileRewrite]:
    """Each file to transform, read with its state on disk, with its codes (its codemods come later)."""
    for relpath, codes in sorted(found.items()):
        path = os.path.normpath(base / relpath)
        kind = _kind(relpath)
        try:
            snapshot = Snapshot.of(path)  # before reading: a change while reading shows at write time
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            yield FileRewrite(relpath, ERROR, kind, error=f"cannot read: {exc.strerror or exc}")
            continue
        yield FileTask(path, relpath, kind, data, snapshot, (), replace(options, codes=frozenset(codes)))


def _transform_all(
    tasks: list[FileTask], jobs: int, progress: Progress | None
) -> Iterator[tuple[FileTask, FileRewrite]]:
    lines = sum(task.data.count(b"\n") for task in tasks)
    executor = None
    if jobs > 1 and len(tasks) > 1 and lines >= PARALLEL_LINES:
        executor = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)))
        outputs: Iterable[FileRewrite] = executor.map(
            rewrite_file, tasks, chunksize=max(1, len(tasks) // (jobs * 4))
        )
    else:
        outputs = map(rewrite_file, tasks)
    try:
        for done, (task, output) in enumerate(zip(tasks, outputs), start=1):
            if progress:
                progress("rewrite", done, len(tasks))
            yield task, output
    finally:
        if executor is not None:
            executor.shutdown()


def rewrite_file(task: FileTask) -> FileRewrite:
    """Transform one file's bytes (nothing is written); a changed file carries its new bytes in ``data``."""
    from sovmigrate.rewrite.transform import transform_source

    if task.kind == "notebook":
        from sovmigrate.rewrite.notebook import transform_notebook

        transformed, diff = transform_notebook(task.data, task.codemods, task.options, task.relpath)
    else:
        transformed = transform_source(task.data, task.codemods, task.options, task.relpath)
        diff = ""
    outcomes = [replace(o, path=task.relpath) for o in transformed.outcomes]
    if transformed.error is not None:
        return FileRewrite(task.relpath, ERROR, task.kind, outcomes=outcomes, error=transformed.error)
    if transformed.data == task.data:
        return FileRewrite(task.relpath, UNCHANGED, task.kind, outcomes=outcomes)
    if task.kind != "notebook":
        diff = unified_diff(decode_python(task.data), decode_python(transformed.data), task.relpath)
    return FileRewrite(task.relpath, CHANGED, task.kind, diff=diff, outcomes=outcomes, data=transformed.data)


def _written(task: FileTask, file: FileRewrite) -> FileRewrite:
    """Write a changed file atomically; a failure leaves the file as it was and says why."""
    try:
        write_atomic(task.path, file.data, task.snapshot)
    except OSError as exc:
        return replace(
            file, status=ERROR, error=str(exc) if exc.filename is None else f"cannot write: {exc.strerror}"
        )
    return file


def _manifests(scanned: ScanResult, result: RewriteResult, dry_run: bool) -> Iterator[FileRewrite]:
    """Manifests that list an engine gain ``sovmigrate[extras]`` for the backends rewritten code now uses.

    A manifest gets the extras of the rewritten files in its folder and below (in a monorepo, each service's
    requirements get their own service's backends); one with no rewritten file beneath it (a Docker image's
    requirements beside the code, for example) gets every extra of the run.
    """
    needed = _extras_by_file(result)
    if not needed:
        return
    every = sorted(set().union(*needed.values()))
    manifests: dict[str, str] = {}
    for finding in scanned.findings:
        kind = classify(Path(finding.path).name)
        if finding.kind == "dependency" and kind in MANIFEST_KINDS:
            manifests[finding.path] = kind
    base = Path(scanned.root)
    for relpath, kind in sorted(manifests.items()):
        extras = _extras_below(os.path.dirname(relpath), needed) or every
        yield _manifest(os.path.normpath(base / relpath), relpath, kind, extras, dry_run)


def _extras_by_file(result: RewriteResult) -> dict[str, set[str]]:
    """The sovmigrate extras each rewritten file's applied fixes name (files that need none left out)."""
    needed: dict[str, set[str]] = {}
    for file in result.changed:
        named = {e.strip() for o in file.outcomes if o.applied for e in o.extra.split(",") if e.strip()}
        if named:
            needed[file.path] = named
    return needed


def _extras_below(folder: str, needed: dict[str, set[str]]) -> list[str]:
    """The extras of the rewritten files inside ``folder`` (a path relative to the scan root; "" is the root)."""
    prefix = f"{folder}/" if folder else ""
    return sorted(set().union(*(e for path, e in needed.items() if path.startswith(prefix))))


def _manifest(path: str, relpath: str, kind: str, extras: list[str], dry_run: bool) -> FileRewrite:
    try:
        snapshot = Snapshot.of(path)
        with open(path, "rb") as handle:
            data = handle.read()
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        text = data.decode("utf-8-sig")
        new = add_sovmigrate(kind, text, extras)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return FileRewrite(relpath, ERROR, "manifest", error=f"cannot add sovmigrate: {exc}")
    if new == text:
        return FileRewrite(relpath, UNCHANGED, "manifest")
    file = FileRewrite(
        relpath, CHANGED, "manifest", diff=unified_diff(text, new, relpath), data=(bom + new).encode("utf-8")
    )
    task = FileTask(path, relpath, "manifest", data, snapshot, (), Options(frozenset()))
    return file if dry_run else _written(task, file)
