"""Analyse Jupyter notebooks (nbformat 4) with the same catalog and libcst analysis as ``.py`` files.

Code cells are joined into one module, so names flow across cells: an import in cell 1, a client built
in cell 2 and called in cell 5 is one chain (name resolution is flow-insensitive, so the chain is found
whatever order the cells ran in). IPython magics and shell escapes are replaced by ``...`` statements
of the same indentation before parsing, and the ones that install or run an engine are findings
themselves. Outputs are never read as code. Findings carry ``cell`` (1-based, among all cells) and a
line and column within that cell, following ruff's notebook convention.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sovmigrate.rules import Kind, Literal
from sovmigrate.scan.discovery import SourceFile
from sovmigrate.scan.emit import Site, emit
from sovmigrate.scan.files import FileResult, make_error, python_sites
from sovmigrate.scan.matching import CompiledCatalog, compiled_catalog
from sovmigrate.scan.prefilter import is_candidate
from sovmigrate.scan.textfiles import line_findings

# Cell magics whose body is Python; other cell magics (%%bash, %%html, %%writefile...) are not.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "snakeviz"})
SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script", "system", "sx"})
_MAGIC_LINE = re.compile(r"^(?P<indent>\s*)(?:(?P<target>[\w.,\s]+?)\s*=\s*)?(?P<magic>[!%].*)$")
_HELP_LINE = re.compile(r"^\s*\?*[\w.]+\?{1,2}\s*$")
_INSTALL = re.compile(r"^(?:python3?\s+-m\s+)?(?:pip3?|uv\s+pip|conda|mamba|micromamba)\s+install\b")
_PACKAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_TOKEN = re.compile(r"[^\s`'\"()\[\],<>*|]+")


@dataclass(frozen=True)
class ShellLine:
    """A shell command in a code cell: ``!ollama pull llama3`` or ``%pip install vllm``.

    A command continued with trailing backslashes spans several lines; ``segments`` maps each piece of
    ``command`` (from its offset on) back to its cell line (1-based) and column (0-based).
    """

    command: str
    segments: tuple[tuple[int, int, int], ...]

    @classmethod
    def single(cls, line: int, column: int, command: str) -> ShellLine:
        return cls(command, ((0, line, column),))

    def position(self, offset: int) -> tuple[int, int]:
        """The cell line and column of ``offset`` in ``command``."""
        start, line, column = next(seg for seg in reversed(self.segments) if seg[0] <= offset)
        return line, column + offset - start


class NotebookError(ValueError):
    """The file is not a notebook this scanner can read."""


def analyse_notebook(source: SourceFile, data: bytes, result: FileResult) -> None:
    """Findings of every code cell (and, as notes, of markdown cells) of one notebook."""
    catalog = compiled_catalog()
    try:
        cells = _cells(data)
    except NotebookError as exc:
        result.errors.append(make_error(source, "SOV906", str(exc)))
        return
    if not is_candidate(data):
        return
    code: list[tuple[int, str, str]] = []
    for number, cell in enumerate(cells, start=1):
        text = _source(cell)
        if text is None:
            result.errors.append(
                make_error(source, "SOV906", "cell has no 'source' text; skipped", cell=number)
            )
            continue
        kind = cell.get("cell_type")
        if kind == "code":
            python, shell = neutralise_magics(text)
            code.append((number, python, text))
            for item in shell:
                result.findings.extend(emit(source, shell_sites(item, catalog), text, cell=number))
        elif kind == "markdown":
            result.findings.extend(
                emit(
                    source,
                    markdown_sites(text, catalog),
                    text,
                    cell=number,
                    level="note",
                    details={"markdown": True},
                )
            )
    _analyse_code(source, code, result)


def _cells(data: bytes) -> list[dict]:
    try:
        notebook = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotebookError(f"not valid notebook JSON: {exc}") from None
    if not isinstance(notebook, dict):
        raise NotebookError("not a Jupyter notebook: the JSON document is not an object")
    if "worksheets" in notebook or notebook.get("nbformat", 4) < 4:
        raise NotebookError(
            f"nbformat {notebook.get('nbformat', 3)} notebook is not supported; convert it with "
            "`jupyter nbconvert --to notebook --nbformat 4`"
        )
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise NotebookError("not a Jupyter notebook: no 'cells' list")
    return [cell if isinstance(cell, dict) else {} for cell in cells]


def _source(cell: dict) -> str | None:
    source = cell.get("source")
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    return None


def neutralise_magics(text: str) -> tuple[str, list[ShellLine]]:
    """Python text with magics replaced by ``...`` (same lines, same indentation), and the shell commands."""
    lines = text.splitlines()
    shell: list[ShellLine] = []
    if lines and lines[0].lstrip().startswith("%%"):
        name = lines[0].lstrip()[2:].split(maxsplit=1)[0] if lines[0].lstrip()[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            if name in SHELL_CELL_MAGICS:
                shell = [
                    ShellLine.single(n, len(line) - len(line.lstrip()), line.strip())
                    for n, line in enumerate(lines[1:], start=2)
                ]
            return "\n".join("..." for _ in lines) + "\n", shell
        lines[0] = "..."
    index = 0
    while index < len(lines):
        line = lines[index]
        if _HELP_LINE.match(line):
            lines[index] = f"{line[: len(line) - len(line.lstrip())]}..."
            index += 1
            continue
        match = _MAGIC_LINE.match(line)
        if match is None or line.lstrip().startswith("%%"):
            index += 1
            continue
        magic = match.group("magic")
        indent, target = match.group("indent"), match.group("target")
        # A magic continued with trailing backslashes takes the following lines with it.
        pieces = [(index, match.start("magic"), magic)]
        while pieces[-1][2].endswith("\\") and pieces[-1][0] + 1 < len(lines):
            following = lines[pieces[-1][0] + 1]
            pieces.append((pieces[-1][0] + 1, len(following) - len(following.lstrip()), following.strip()))
        if magic.startswith("!") or re.match(r"%(?:pip|conda|mamba|sx|system|uv)\b", magic):
            shell.append(_joined_command(pieces))
        lines[index] = f"{indent}{target} = ..." if target else f"{indent}..."
        for number, _, _ in pieces[1:]:
            lines[number] = f"{indent}..."
        index = pieces[-1][0] + 1
    return "\n".join(lines) + "\n", shell


def _joined_command(pieces: list[tuple[int, int, str]]) -> ShellLine:
    """One shell command from its physical lines (0-based index, column, text), backslashes dropped."""
    command, segments = "", []
    for number, column, text in pieces:
        if command:
            command += " "
        if not segments:
            stripped = text.lstrip("!%")
            column, text = column + len(text) - len(stripped), stripped
        segments.append((len(command), number + 1, column))
        command += text[:-1].rstrip() if text.endswith("\\") else text
    return ShellLine(command, tuple(segments))


def shell_sites(item: ShellLine, catalog: CompiledCatalog) -> Iterator[Site]:
    """Engine installs (dependency findings) and engine commands (config findings) in one shell line."""
    install = _INSTALL.match(item.command)
    if install:
        for token in _TOKEN.finditer(item.command, install.end()):
            word = token.group(0)
            if word.startswith("-"):
                continue
            name = _PACKAGE.match(word)
            rule = catalog.dependency_rule(name.group(0)) if name else None
            if rule is not None:
                line, column = item.position(token.start())
                yield Site(rule, name.group(0), line, column, line, column + len(name.group(0)), {})
        return
    matchers = sorted(
        ((matcher, rule) for matcher, rule in catalog.lines if "shell" in matcher.files),
        key=lambda m: m[0].last,
    )
    for found in line_findings(1, item.command, matchers):  # as in a shell script: one site per model id
        line, column = item.position(found.column)
        yield Site(found.rule, found.api, line, column, line, column + found.end_column - found.column, {})


def markdown_sites(text: str, catalog: CompiledCatalog) -> Iterator[Site]:
    """Model ids and chat-template tokens written in prose (reported only on request)."""
    literals = [
        (m, r)
        for m, r in catalog.literals
        if r.kind in (Kind.MODEL_ID, Kind.PROMPT_FORMAT) and m.context is None
    ]
    for number, line in enumerate(text.splitlines(), start=1):
        for literal, rule in literals:
            yield from _markdown_line(literal, rule, number, line)


def _markdown_line(literal: Literal, rule, number: int, line: str) -> Iterator[Site]:
    if rule.kind is Kind.PROMPT_FORMAT:
        match = literal.regex.search(line)
        if match:
            yield Site(rule, match.group(0).strip(), number, match.start(), number, match.end(), {})
        return
    for token in _TOKEN.finditer(line):
        if literal.regex.search(token.group(0)):
            yield Site(
                rule, token.group(0), number, token.start(), number, token.end(), {"model_id": token.group(0)}
            )


def _analyse_code(source: SourceFile, code: list[tuple[int, str, str]], result: FileResult) -> None:
    """One module of all code cells; if it does not parse, each cell on its own (and the bad cell reported).

    ``code`` holds (cell number, Python text with magics neutralised, the cell's own text).
    """
    if not code:
        return
    starts, line = [], 1
    for _, python, _ in code:
        starts.append(line)
        line += python.count("\n")
    sites, problem, *_ = python_sites(
        "".join(python for _, python, _ in code).encode("utf-8", "surrogatepass")
    )
    if problem is None:
        by_cell: dict[int, list[Site]] = {}
        for site in sites:
            index = bisect.bisect_right(starts, site.line) - 1
            offset = starts[index] - 1
            by_cell.setdefault(index, []).append(
                site._replace(line=site.line - offset, end_line=site.end_line - offset)
            )
        for index, cell_sites in by_cell.items():
            number, _, text = code[index]
            result.findings.extend(emit(source, cell_sites, text, cell=number))
        return
    for number, python, text in code:
        sites, problem, *_ = python_sites(python.encode("utf-8", "surrogatepass"))
        if problem is not None:
            result.errors.append(make_error(source, *problem, cell=number))
            continue
        result.findings.extend(emit(source, sites, text, cell=number))
