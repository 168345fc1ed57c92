"""Rewrite the code cells of a Jupyter notebook in place, leaving every other byte of the file alone.

The code cells become one module, as the scanner sees them (names flow across cells): IPython magics
and shell escapes become placeholder statements of the same indentation, and a marker statement
separates the cells. The codemods run on that module; the result is split at the markers, the magics
are put back, and only the ``source`` values of the cells that changed are replaced in the notebook's
own JSON text, in the form they had (a list of lines or one string, with the same indentation).
Outputs, metadata, other cells, key order and indentation stay byte for byte.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.rewrite.diff import unified_diff
from sovmigrate.rewrite.result import Outcome
from sovmigrate.rewrite.transform import Options, Transformed, transform_source
from sovmigrate.scan.notebooks import neutralise_magics

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NON_ASCII_ESCAPE = re.compile(r"\\u(?!00[0-7])[0-9a-fA-F]{4}")


@dataclass
class CodeCell:
    """One code cell: its index among all cells (1-based), its source text and how it was written."""

    number: int
    text: str
    span: tuple[int, int]  # where its ``source`` value lies in the notebook text
    as_list: bool
    python: str = ""  # the text the codemods see: magics replaced by placeholder statements


class _Placeholders:
    """Magic lines replaced by numbered placeholder statements, and put back."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(4)
        self.originals: list[str] = []
        self.pattern = re.compile(rf"^.*__sovmigrate_magic_(\d+)_{self.nonce}__\s*$")

    def hide(self, body: str) -> str:
        python, _ = neutralise_magics(body)  # same lines, magics as `...` statements of the same indentation
        lines = python.splitlines()
        for index, (line, original) in enumerate(zip(lines, body.splitlines())):
            if line != original:
                lines[index] = (
                    line.removesuffix("...") + f"__sovmigrate_magic_{len(self.originals)}_{self.nonce}__"
                )
                self.originals.append(original)
        return "\n".join(lines) + "\n"

    def restore(self, piece: str) -> str:
        lines = []
        for line in piece.splitlines(keepends=True):
            match = self.pattern.match(line)
            if match:
                line = self.originals[int(match.group(1))] + line[len(line.rstrip("\r\n")) :]
            lines.append(line)
        return "".join(lines)


def transform_notebook(
    data: bytes, codemods: Sequence[type[SovmigrateCodemod]], options: Options, filename: str = ""
) -> tuple[Transformed, str]:
    """The rewritten notebook bytes with outcomes (cells numbered), and a unified diff per changed cell."""
    text = data.decode("utf-8")
    placeholders = _Placeholders()
    cells = _code_cells(text, placeholders)
    if not cells:
        return Transformed(data), ""
    marker = f"__sovmigrate_cell_{placeholders.nonce}__\n"
    joined = marker.join(cell.python for cell in cells)
    result = transform_source(joined.encode("utf-8"), codemods, options, filename)
    new_joined = result.data.decode("utf-8")
    pieces = new_joined.split(marker)
    if result.error is not None or len(pieces) != len(cells):
        error = result.error or "the rewrite moved code across cells; left as it is"
        return Transformed(data, _in_cells(result.outcomes, cells, joined, marker), error=error), ""
    outcomes = _in_cells(result.outcomes, cells, joined, marker)
    edits, diffs = [], []
    for cell, piece in zip(cells, pieces):
        if piece == cell.python:
            continue
        source = placeholders.restore(piece)
        source = source if cell.text.endswith("\n") else source.removesuffix("\n")
        edits.append((cell.span, _render(source, cell, text)))
        diffs.append(unified_diff(cell.text, source, filename, f"cell {cell.number}"))
    for (start, end), rendered in sorted(edits, reverse=True):
        text = text[:start] + rendered + text[end:]
    return Transformed(text.encode("utf-8"), outcomes), "".join(diffs)


def _code_cells(text: str, placeholders: _Placeholders) -> list[CodeCell]:
    """The notebook's code cells with the module text the codemods see."""
    cells = []
    for number, (cell, span) in enumerate(_cells_with_spans(text), start=1):
        source = cell.get("source") if isinstance(cell, dict) else None
        if span is None or cell.get("cell_type") != "code" or not _is_source(source):
            continue
        body = source if isinstance(source, str) else "".join(source)
        cells.append(CodeCell(number, body, span, isinstance(source, list), placeholders.hide(body)))
    return cells


def _is_source(source: object) -> bool:
    return isinstance(source, str) or (
        isinstance(source, list) and all(isinstance(part, str) for part in source)
    )


def _render(source: str, cell: CodeCell, text: str) -> str:
    """``source`` as JSON written the way the cell's own ``source`` value was."""
    ascii_only = bool(_NON_ASCII_ESCAPE.search(text))
    if not cell.as_list:
        return json.dumps(source, ensure_ascii=ascii_only)
    items = [json.dumps(line, ensure_ascii=ascii_only) for line in source.splitlines(keepends=True)]
    if not items:
        return "[]"
    inner = text[cell.span[0] + 1 : cell.span[1] - 1]
    if inner.strip():
        opening, closing = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    else:  # the list was empty: nbformat's layout, items one space deeper than the key
        prefix = text[text.rfind("\n", 0, cell.span[0]) + 1 : cell.span[0]]
        indent = prefix[: len(prefix) - len(prefix.lstrip())]
        opening, closing = f"\n{indent} ", f"\n{indent}"
    return "[" + opening + ("," + opening).join(items) + closing + "]"


def _in_cells(outcomes: list[Outcome], cells: list[CodeCell], joined: str, marker: str) -> list[Outcome]:
    """Outcomes (positioned in the joined module) with their cell number and the line within the cell."""
    starts = _cell_starts(joined, marker)
    placed = []
    for outcome in outcomes:
        index = max(i for i, start in enumerate(starts) if start <= outcome.line)
        placed.append(replace(outcome, cell=cells[index].number, line=outcome.line - starts[index] + 1))
    return placed


def _cell_starts(joined: str, marker: str) -> list[int]:
    """The 1-based line on which each cell starts in the joined module text."""
    starts = [1]
    for number, line in enumerate(joined.splitlines(keepends=True), start=1):
        if line == marker:
            starts.append(number + 1)
    return starts


# ---------------------------------------------------------------- where each cell's "source" is in the JSON text


def _cells_with_spans(text: str) -> list[tuple[dict, tuple[int, int] | None]]:
    """Each cell (parsed) with the character span of its ``source`` value in ``text``."""
    members = _object_members(text, _skip(text, 1 if text.startswith("\ufeff") else 0))
    cells_span = next(((start, end) for key, start, end in members if key == "cells"), None)
    if cells_span is None:
        return []
    found = []
    for start, end in _array_items(text, cells_span[0]):
        cell = json.loads(text[start:end])
        span = None
        if text[start] == "{":
            span = next(((s, e) for key, s, e in _object_members(text, start) if key == "source"), None)
        found.append((cell, span))
    return found


_DECODER = json.JSONDecoder()


def _skip(text: str, index: int) -> int:
    return _WHITESPACE.match(text, index).end()


def _object_members(text: str, index: int) -> list[tuple[str, int, int]]:
    """``(key, value_start, value_end)`` of the object starting at ``text[index] == "{"``."""
    members = []
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = _DECODER.raw_decode(text, index)
        index = _skip(text, _skip(text, index) + 1)  # past ":"
        _, end = _DECODER.raw_decode(text, index)
        members.append((key, index, end))
        index = _skip(text, end)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return members


def _array_items(text: str, index: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each item of the array starting at ``text[index] == "["``."""
    items = []
    index = _skip(text, index + 1)
    while text[index] != "]":
        _, end = _DECODER.raw_decode(text, index)
        items.append((index, end))
        index = _skip(text, end)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return items
