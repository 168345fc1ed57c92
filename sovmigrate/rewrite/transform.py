"""Run the codemods over one Python source until nothing changes, and vet the result.

Codemods run in their fixed order; each analyses the tree the previous one produced (node identity).
The whole sequence repeats until a pass changes nothing (ruff's fix loop), at most ``MAX_PASSES`` times;
a source that keeps changing is left as it was and reported. The result must parse with CPython's own
parser, or the original is kept ("fix introduced a syntax error"). Bytes in, bytes out: the encoding
(PEP 263 cookie or BOM), line endings and every untouched character survive.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import libcst as cst

from sovmigrate.codemods._base import EDITED, OUTCOMES, SovmigrateCodemod
from sovmigrate.codemods._command import CodemodContext
from sovmigrate.rewrite.options import Options
from sovmigrate.rewrite.result import Outcome
from sovmigrate.rules.model import FixSafety

MAX_PASSES = 10


@dataclass
class Transformed:
    """The rewritten bytes (the input itself when nothing changed), the site outcomes, or why not."""

    data: bytes
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None


def transform_source(
    data: bytes, codemods: Sequence[type[SovmigrateCodemod]], options: Options, filename: str = ""
) -> Transformed:
    """Apply ``codemods`` to a Python source; on any problem return the input unchanged with the reason."""
    try:
        module = cst.parse_module(data)
    except (cst.ParserSyntaxError, UnicodeDecodeError, LookupError, SyntaxError, RecursionError) as exc:
        return Transformed(data, error=f"cannot parse: {_first_line(exc)}")
    result = _fixpoint(module, codemods, options, filename)
    if isinstance(result, str):
        return Transformed(data, error=result)
    new, outcomes = result
    if new is None or new == data:
        return Transformed(data, outcomes)
    if not parses(new):
        reason = (
            "fix introduced a syntax error"
            if parses(data)
            else "this Python cannot parse the file to check the rewrite"
        )
        return Transformed(data, _not_applied(outcomes, reason), error=f"{reason}; left as it is")
    return Transformed(new, outcomes)


def _fixpoint(
    module: cst.Module, codemods: Sequence[type[SovmigrateCodemod]], options: Options, filename: str
) -> tuple[bytes | None, list[Outcome]] | str:
    """The bytes after the passes settle (None: no codemod edited anything), with the outcomes; or why not.

    Code is generated only after an edit (a codemod that edits nothing returns its tree unchanged).
    """
    history = _History(module)
    merged: dict[tuple[str, int, int], Outcome] = {}
    new_bytes: bytes | None = None
    for _ in range(MAX_PASSES):
        changed = False
        for codemod in codemods:
            context = CodemodContext(filename=filename)
            try:
                new = codemod(
                    context, unsafe=options.unsafe, annotate=options.annotate, select=options.codes
                ).transform_module(module)
            except Exception as exc:  # noqa: BLE001 - a codemod bug must not end the run, nor touch the file
                return f"{codemod.__name__} failed: {type(exc).__name__}: {exc}"
            new_code = new.code if context.scratch.get(EDITED) else None
            edited = new_code is not None and new_code != history.code
            _merge(merged, context.scratch.get(OUTCOMES, []), edited, history)
            if edited:
                # Parsed again: the next codemod analyses exactly the code that would be written, in a
                # tree whose nodes are all distinct (an edit may have placed one node in two spots).
                history.record(new_code)
                new_bytes = new_code.encode(new.encoding)
                try:
                    module, changed = cst.parse_module(new_bytes), True
                except cst.ParserSyntaxError:  # vetted (and refused) by the caller
                    return new_bytes, sorted(merged.values())
        if not changed:
            return new_bytes, sorted(merged.values())
    return f"the rewrite did not settle after {MAX_PASSES} passes; left as it is (please report this)"


def _merge(
    merged: dict[tuple[str, int, int], Outcome], outcomes: list[Outcome], edited: bool, history: _History
) -> None:
    """Add a codemod's outcomes, placed in the original code; an applied fix outranks an unapplied one."""
    for outcome in outcomes:
        if outcome.applied and not edited:
            continue  # a fix that changed nothing was not made
        outcome = history.original(outcome)
        key = (outcome.rule, outcome.line, outcome.column)
        if key not in merged or not merged[key].applied:
            merged[key] = outcome


class _History:
    """The code after each change, so that positions found in later code map back to the original file."""

    def __init__(self, module: cst.Module) -> None:
        self._module: cst.Module | None = module  # its code is generated only if some codemod edits it
        self._code = ""
        self.steps: list[list[tuple[str, int, int, int, int]]] = []

    @property
    def code(self) -> str:
        if self._module is not None:
            self._code, self._module = self._module.code, None
        return self._code

    def record(self, new_code: str) -> None:
        matcher = difflib.SequenceMatcher(None, self.code.splitlines(), new_code.splitlines(), autojunk=False)
        self.steps.append(matcher.get_opcodes())
        self._code = new_code

    def original(self, outcome: Outcome) -> Outcome:
        """``outcome`` (positioned in the current code) positioned in the original code."""
        line = outcome.line
        for opcodes in reversed(self.steps):
            line = _line_before(opcodes, line - 1) + 1
        return replace(outcome, line=line)


def _line_before(opcodes: list[tuple[str, int, int, int, int]], index: int) -> int:
    """The 0-based line of the old text that line ``index`` of the new text comes from (or stands in for)."""
    for _, i1, i2, j1, j2 in opcodes:
        if j1 <= index < j2:
            return i1 + min(index - j1, max(i2 - i1 - 1, 0))
    return max(opcodes[-1][2] - 1, 0) if opcodes else index


def _not_applied(outcomes: list[Outcome], reason: str) -> list[Outcome]:
    """Fixes that could not be kept become sites for manual work, with the reason."""
    return [
        replace(
            o,
            safety=FixSafety.MANUAL,
            applied=False,
            reason=f"{reason}: {o.reason}" if o.reason else reason,
            extra="",
        )
        if o.applied
        else o
        for o in outcomes
    ]


def parses(data: bytes) -> bool:
    """Whether CPython's parser accepts ``data`` (nothing is executed)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
