"""What a rewrite did: per-site outcomes, per-file results and the counts a summary or an estimate needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sovmigrate.rules.model import FixSafety

CHANGED, UNCHANGED, ERROR = "changed", "unchanged", "error"


@dataclass(frozen=True, order=True)
class Outcome:
    """What became of one site a codemod handles.

    ``safety`` is the fix's safety (``safe``, ``unsafe`` or ``manual``); ``applied`` says whether the fix was
    made (always false for manual sites, and for unsafe ones without ``unsafe=True``). Lines are 1-based,
    columns 1-based (as in findings); ``cell`` is set in notebooks, with the line counted within the cell.
    Applied fixes carry the position where they were made, the others their position in the final code.
    """

    path: str
    line: int
    column: int
    rule: str
    safety: FixSafety
    applied: bool
    reason: str = ""
    cell: int | None = None
    # The sovmigrate extras the rewritten code needs (comma-separated: "langchain,llamacpp"), for applied fixes.
    extra: str = field(default="", compare=False)

    @property
    def skipped_unsafe(self) -> bool:
        return self.safety is FixSafety.UNSAFE and not self.applied

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "safety": self.safety.value,
            "applied": self.applied,
            "reason": self.reason,
        }
        if self.cell is not None:
            data["cell"] = self.cell
        return data


@dataclass
class Counts:
    """Sites fixed (``fixed_unsafe`` of them by unsafe fixes), left because unsafe, and left for manual work."""

    fixed: int = 0
    fixed_unsafe: int = 0
    skipped_unsafe: int = 0
    manual: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.applied:
            self.fixed += 1
            self.fixed_unsafe += outcome.safety is FixSafety.UNSAFE
        elif outcome.safety is FixSafety.UNSAFE:
            self.skipped_unsafe += 1
        else:
            self.manual += 1

    @property
    def total(self) -> int:
        return self.fixed + self.skipped_unsafe + self.manual

    def to_dict(self) -> dict[str, int]:
        return {
            "fixed": self.fixed,
            "fixed_unsafe": self.fixed_unsafe,
            "skipped_unsafe": self.skipped_unsafe,
            "manual": self.manual,
        }


def count(outcomes: Iterable[Outcome]) -> Counts:
    counts = Counts()
    for outcome in outcomes:
        counts.add(outcome)
    return counts


@dataclass
class FileRewrite:
    """One file the rewrite looked at: ``status`` is changed, unchanged or error (then ``error`` says why).

    ``diff`` is a unified diff of the change (per cell for notebooks), also when nothing was written
    (``dry_run``). ``kind`` is python, notebook, manifest or other.
    """

    path: str
    status: str
    kind: str = "python"
    diff: str = ""
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None
    # The rewritten bytes of a changed file (written unless the run was a dry run).
    data: bytes | None = field(default=None, repr=False)

    @property
    def counts(self) -> Counts:
        return count(self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "status": self.status,
            "kind": self.kind,
            "diff": self.diff,
            "counts": self.counts.to_dict(),
            "outcomes": [o.to_dict() for o in self.outcomes],
        }
        if self.error is not None:
            data["error"] = self.error
        return data


@dataclass
class RewriteResult:
    """Everything one rewrite did; paths are posix paths relative to ``root``."""

    root: str
    files: list[FileRewrite] = field(default_factory=list)
    dry_run: bool = False
    unsafe: bool = False
    annotate: bool = False

    @property
    def outcomes(self) -> list[Outcome]:
        """Every site outcome, in path and position order."""
        return sorted(o for f in self.files for o in f.outcomes)

    @property
    def changed(self) -> list[FileRewrite]:
        return [f for f in self.files if f.status == CHANGED]

    @property
    def errors(self) -> list[FileRewrite]:
        return [f for f in self.files if f.status == ERROR]

    @property
    def counts(self) -> Counts:
        return count(self.outcomes)

    @property
    def counts_by_rule(self) -> dict[str, Counts]:
        return _grouped(self.outcomes, lambda o: o.rule)

    @property
    def counts_by_file(self) -> dict[str, Counts]:
        return _grouped(self.outcomes, lambda o: o.path)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (schema ``rewrite.v1.json``)."""
        from sovmigrate import __version__
        from sovmigrate.schemas import schema_id

        return {
            "$schema": schema_id("rewrite"),
            "version": __version__,
            "root": self.root,
            "dry_run": self.dry_run,
            "unsafe": self.unsafe,
            "annotate": self.annotate,
            "counts": {
                "total": self.counts.to_dict(),
                "by_rule": {rule: c.to_dict() for rule, c in self.counts_by_rule.items()},
                "by_file": {path: c.to_dict() for path, c in self.counts_by_file.items()},
                "files_changed": len(self.changed),
                "files_with_errors": len(self.errors),
            },
            "files": [f.to_dict() for f in self.files],
        }


def _grouped(outcomes: list[Outcome], key) -> dict[str, Counts]:
    groups: dict[str, Counts] = {}
    for outcome in outcomes:
        groups.setdefault(key(outcome), Counts()).add(outcome)
    return dict(sorted(groups.items()))
