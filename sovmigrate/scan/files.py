"""Analyse one file: read it safely, decode it, run the right analyser, turn matches into findings.

Everything that can go wrong with a file becomes a :class:`FileError` naming it (SOV9xx); nothing
here raises for bad input, and nothing scanned is imported or executed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from sovmigrate.findings import FileError, Finding
from sovmigrate.scan.discovery import SourceFile

if TYPE_CHECKING:
    import libcst as cst

    from sovmigrate.scan.emit import Site


@dataclass
class FileResult:
    """What analysing one file produced, plus what the cache needs to reuse it."""

    relpath: str
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    candidate: bool = False
    lines: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    # Whole-project resolution (Python modules): the module's dotted name, what it exports of vendor objects,
    # the absolute names it imports, and the digest of the import table it was analysed with.
    module: str | None = None
    exports: dict[str, list] = field(default_factory=dict)
    imports: list[str] = field(default_factory=list)
    table: str = ""


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_source(source: SourceFile, max_size: int, *, digest: bool = True) -> tuple[bytes | None, FileResult]:
    """Read a file's bytes, or explain why not (broken link, loop, permissions, size, NUL bytes).

    The content ``digest`` is what the result cache keys on; a scan without a cache leaves it out.
    """
    result = FileResult(source.relpath)
    try:
        stat = os.stat(source.path)
        result.size, result.mtime_ns = stat.st_size, stat.st_mtime_ns
        if stat.st_size > max_size:
            result.errors.append(
                make_error(
                    source, "SOV903", f"{stat.st_size} bytes is over the {max_size}-byte limit; skipped"
                )
            )
            return None, result
        with open(source.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        result.errors.append(make_error(source, "SOV904", _os_reason(source.path, exc)))
        return None, result
    if b"\0" in data:
        result.errors.append(make_error(source, "SOV905", "contains NUL bytes; not a text file"))
        return None, result
    result.digest = digest_bytes(data) if digest else ""
    return data, result


SAFE_BRACKETS = 500
# Always analysed: manifests (small, and their package names are the point) and notebooks (validated
# even without trigger words, so a malformed notebook is reported; their code is analysed only on a hit).
ALWAYS_ANALYSED = frozenset({"requirements", "pyproject", "setupcfg", "pipfile", "conda", "notebook"})


def needs_analysis(source: SourceFile, data: bytes) -> bool:
    """The prefilter: manifests always (``setup.py`` too), other files only when they contain a trigger word."""
    from sovmigrate.scan.prefilter import is_candidate

    return source.kind in ALWAYS_ANALYSED or _is_setup(source) or is_candidate(data, source.kind)


def _is_setup(source: SourceFile) -> bool:
    return source.kind == "python" and source.relpath.rsplit("/", 1)[-1] == "setup.py"


def analyse_bytes(
    source: SourceFile, data: bytes, result: FileResult, imports: dict | None = None
) -> FileResult:
    """Run the analyser of the file's kind on a file that passed :func:`needs_analysis`.

    ``imports`` is a Python module's import table (see :mod:`sovmigrate.scan.project`).
    """
    from sovmigrate.scan.emit import finish

    result.candidate = True
    result.lines = data.count(b"\n") + 1
    try:
        if source.kind == "python":
            _analyse_python(source, data, result, imports or {})
        elif source.kind == "notebook":
            from sovmigrate.scan.notebooks import analyse_notebook

            analyse_notebook(source, data, result)
        else:
            _analyse_text(source, data, result)
        result.findings = finish(result.findings)
    except Exception as exc:  # noqa: BLE001 - a bug in an analyser must not end the run (SOV900 names the file)
        result.findings.clear()
        result.errors.append(make_error(source, "SOV900", f"{type(exc).__name__}: {exc}"))
    return result


class Problem(NamedTuple):
    """Why a Python source could not be analysed."""

    code: str
    message: str
    line: int | None = None
    column: int | None = None


class PythonSites(NamedTuple):
    """What the analysis of one Python source gives the scanner."""

    sites: list[Site]
    problem: Problem | None
    exports: dict[str, list] | None = None
    imports: tuple[str, ...] = ()


def parse_python(data: bytes) -> tuple[cst.Module | None, Problem | None]:
    """Parse a Python source with libcst, or say why it cannot be (syntax, encoding, pathological nesting)."""
    import libcst as cst

    # libcst's native parser can crash on pathological nesting, which CPython refuses (over 200 levels).
    # Fewer than SAFE_BRACKETS brackets in the whole file cannot nest that deep; otherwise CPython's
    # parser (ten times faster than libcst) vets the file first.
    problem = None
    if data.count(b"(") + data.count(b"[") + data.count(b"{") > SAFE_BRACKETS:
        problem = _python_syntax_error(data)
        if problem is not None and problem[0].startswith(("too many", "too deeply")):
            return None, Problem("SOV901", *problem)
    try:
        return cst.parse_module(data), None
    except cst.ParserSyntaxError as exc:
        # CPython words syntax errors better; newer syntax it does not know still reached libcst.
        problem = problem or _python_syntax_error(data)
        message, line, column = problem or (exc.message, exc.raw_line, exc.raw_column + 1)
        hint = (
            " (Python 2 code?)"
            if re.search(rb"^\s*print\s+[\"'\w]|^\s*except\s+\w+\s*,\s*\w+\s*:", data, re.MULTILINE)
            else ""
        )
        return None, Problem("SOV901", f"{message}{hint}", line, column)
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        return None, Problem("SOV902", _decode_reason(exc))
    except RecursionError:
        return None, Problem("SOV901", "too deeply nested to analyse")


def python_sites(data: bytes, relpath: str | None = None, imports: dict | None = None) -> PythonSites:
    """Every rule match in a Python source (suppressions not applied), or why there are none.

    With ``relpath`` (relative to the scan root) the module knows its own name, so relative imports
    resolve, and its exports and imports are returned for whole-project resolution.
    """
    from sovmigrate.scan.analysis import analyse
    from sovmigrate.scan.emit import Site
    from sovmigrate.scan.project import module_name
    from sovmigrate.scan.sitefilters import one_template_per_line

    module, problem = parse_python(data)
    if module is None:
        return PythonSites([], problem)
    name, is_package = (module_name(relpath) if relpath else None) or (None, False)
    analysis = analyse(module, name=name, is_package=is_package, imports=imports)
    spans = analysis.spans(raw.node for raw in analysis.findings)
    sites = one_template_per_line(
        Site(raw.rule, raw.api, *spans[id(raw.node)], raw.details, raw.text) for raw in analysis.findings
    )
    if name is None:
        return PythonSites(sites, None)
    return PythonSites(sites, None, analysis.exports(), tuple(analysis.imported_names()))


def _analyse_python(source: SourceFile, data: bytes, result: FileResult, imports: dict) -> None:
    from sovmigrate.scan.emit import emit
    from sovmigrate.scan.project import module_name, table_digest
    from sovmigrate.scan.sitefilters import without_own_imports

    analysed = python_sites(data, source.relpath, imports)
    if analysed.problem is not None:
        result.errors.append(make_error(source, *analysed.problem))
        return
    result.module = (module_name(source.relpath) or (None,))[0]
    result.exports, result.imports = analysed.exports or {}, list(analysed.imports)
    result.table = table_digest(imports)
    text = _decode_for_comments(data)
    sites = [
        *without_own_imports(analysed.sites, source.path),
        *_script_sites(text),
        *_setup_sites(source, text),
        *_embedded_config_sites(text),
        *_image_builder_sites(text),
    ]
    result.findings.extend(emit(source, sites, text))


def _script_sites(text: str) -> list[Site]:
    """Engine dependencies a script declares in its inline metadata (PEP 723)."""
    if "# /// script" not in text:
        return []
    from sovmigrate.scan.emit import Site
    from sovmigrate.scan.matching import compiled_catalog
    from sovmigrate.scan.textfiles import script_dependencies

    return [
        Site(item.rule, item.api, item.line, item.column, item.line, item.end_column, {})
        for item in script_dependencies(text, compiled_catalog())
    ]


def _setup_sites(source: SourceFile, text: str) -> list[Site]:
    """Engine dependencies a ``setup.py`` declares (``install_requires``, ``extras_require``)."""
    if not _is_setup(source):
        return []
    from sovmigrate.scan.emit import Site
    from sovmigrate.scan.matching import compiled_catalog
    from sovmigrate.scan.textfiles import setup_dependencies

    return [
        Site(item.rule, item.api, item.line, item.column, item.line, item.end_column, {})
        for item in setup_dependencies(text, compiled_catalog())
    ]


def _image_builder_sites(text: str) -> list[Site]:
    """Engine packages and images of a container image the module builds (Modal's ``Image.pip_install(...)``)."""
    from sovmigrate.scan.emit import Site
    from sovmigrate.scan.matching import compiled_catalog
    from sovmigrate.scan.textfiles import image_builder_findings

    return [
        Site(item.rule, item.api, item.line, item.column, item.line, item.end_column, {})
        for item in image_builder_findings(text, compiled_catalog())
    ]


def _embedded_config_sites(text: str) -> list[Site]:
    """Engine settings and model ids in YAML held by a triple-quoted string of the module."""
    if '"""' not in text and "'''" not in text:
        return []
    from sovmigrate.scan.emit import Site
    from sovmigrate.scan.matching import compiled_catalog
    from sovmigrate.scan.textfiles import embedded_config_findings

    return [
        Site(item.rule, item.api, item.line, item.column, item.line, item.end_column, {})
        for item in embedded_config_findings(text, compiled_catalog())
    ]


def _decode_for_comments(data: bytes) -> str:
    from tokenize import detect_encoding

    try:
        encoding = detect_encoding(iter(data.splitlines(keepends=True)).__next__)[0]
    except SyntaxError:
        encoding = "utf-8"
    return data.decode(encoding, errors="replace")


def _python_syntax_error(data: bytes) -> tuple[str, int, int] | None:
    """CPython's own message and position for a syntax error (clearer than the CST parser's)."""
    import ast

    try:
        ast.parse(data)
    except SyntaxError as exc:
        return exc.msg, exc.lineno or 1, exc.offset or 1
    except (RecursionError, MemoryError):
        return "too deeply nested to analyse", 1, 1
    except ValueError:  # e.g. source with NUL bytes, caught earlier
        return None
    return None


def _analyse_text(source: SourceFile, data: bytes, result: FileResult) -> None:
    from sovmigrate.scan.emit import Site, emit
    from sovmigrate.scan.matching import compiled_catalog
    from sovmigrate.scan.textfiles import analyse_text

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.errors.append(make_error(source, "SOV902", _decode_reason(exc)))
        return
    findings, problem = analyse_text(text, source.kind, compiled_catalog())
    if problem is not None:
        result.errors.append(make_error(source, "SOV906", problem))
    sites = (
        Site(
            item.rule,
            item.api,
            item.line,
            item.column,
            item.line,
            item.end_column,
            {"model_id": item.api} if item.rule.kind.value == "model_id" else {},
        )
        for item in findings
    )
    result.findings.extend(emit(source, sites, text))


def make_error(
    source: SourceFile,
    code: str,
    message: str,
    line: int | None = None,
    column: int | None = None,
    *,
    cell: int | None = None,
) -> FileError:
    return FileError(path=source.relpath, code=code, message=message, line=line, column=column, cell=cell)


def _os_reason(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return f"broken symlink to {os.readlink(path)!r}"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or str(exc)


def _decode_reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid {exc.encoding} at byte {exc.start} (declare the encoding with a PEP 263 coding comment)"
    return str(exc)
