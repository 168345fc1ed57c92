"""Pair reported sites with labels, and count recall and precision.

A report *lands on* a label when both are in the same file and the report's first line lies within the
label's line range (the labelled statement). Pairs are one-to-one, so two labels on one line (a client
built with a model id) need two reports. Reports are paired with labels of their own kind first, then
with any kind that is left: a site reported under another kind is still found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tests.eval.corpus import Label


@dataclass(frozen=True)
class Report:
    """One site a tool reported: a scanner finding or a grep line."""

    path: str
    line: int
    kind: str = ""
    vendor: str = ""
    what: str = ""  # rule and api, or the grep line


@dataclass
class Matching:
    pairs: list[tuple[Report, Label]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)
    false: list[Report] = field(default_factory=list)  # reports paired with no label


def _augment(report: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    """Kuhn's augmenting path: give ``report`` a label, moving earlier reports along if needed."""
    for label in edges[report]:
        if label in seen:
            continue
        seen.add(label)
        if label not in owner or _augment(owner[label], edges, owner, seen):
            owner[label] = report
            return True
    return False


def _pair(
    reports: list[Report], labels: list[Label], fits: Callable[[Report, Label], bool]
) -> dict[int, int]:
    """A maximum one-to-one pairing (label index -> report index) among the pairs that ``fits``."""
    edges = [[j for j, label in enumerate(labels) if fits(report, label)] for report in reports]
    owner: dict[int, int] = {}
    for i in range(len(reports)):
        _augment(i, edges, owner, set())
    return owner


def _lands(report: Report, label: Label) -> bool:
    return label.covers(report.line)


def _match_file(reports: list[Report], labels: list[Label], result: Matching) -> None:
    same_kind = _pair(reports, labels, lambda r, lab: _lands(r, lab) and r.kind == lab.kind)
    free_reports = [i for i in range(len(reports)) if i not in same_kind.values()]
    free_labels = [j for j in range(len(labels)) if j not in same_kind]
    other = _pair([reports[i] for i in free_reports], [labels[j] for j in free_labels], _lands)
    owner = same_kind | {free_labels[j]: free_reports[i] for j, i in other.items()}
    result.pairs.extend((reports[i], labels[j]) for j, i in owner.items())
    result.missed.extend(label for j, label in enumerate(labels) if j not in owner)
    result.false.extend(report for i, report in enumerate(reports) if i not in owner.values())


def match(reports: Iterable[Report], labels: Iterable[Label]) -> Matching:
    """One-to-one pairs of reports and labels, file by file."""
    by_file: dict[str, tuple[list[Report], list[Label]]] = defaultdict(lambda: ([], []))
    for report in reports:
        by_file[report.path][0].append(report)
    for label in labels:
        by_file[label.path][1].append(label)
    result = Matching()
    for path in sorted(by_file):
        _match_file(*by_file[path], result)
    return result


def covered_lines(reports: Iterable[Report], labels: Iterable[Label]) -> tuple[int, int, int, int]:
    """Line-level view for tools that report lines (grep): (labels with a reported line in their range,
    labels, reported lines inside some label, reported lines). One line may cover several labels."""
    lines = {(r.path, r.line) for r in reports}
    labels = list(labels)
    ranges: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        ranges[label.path].append(label)
    covered = sum(any((lab.path, n) in lines for n in range(lab.start, lab.end + 1)) for lab in labels)
    inside = sum(any(lab.covers(n) for lab in ranges[path]) for path, n in lines)
    return covered, len(labels), inside, len(lines)
