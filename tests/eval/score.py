"""Score the scanner against the hand labels of the evaluation corpus (docs/evaluation.md).

    python -m tests.eval.score [--root DIR] [--split NAME] [--misses] [--holdout]

Prints recall and precision overall, per split, per kind and per vendor, then the same labels against plain grep,
for the dev splits: the hold-out splits (``holdout*``), which rule authors tuning the scanner do not look at, are
scored and listed only with ``--holdout``. ``--misses`` lists missed labels and false positives. ``--split NAME``
scores one split alone, so its kind and vendor tables are that split's.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tests.eval.corpus import SPLITS, Corpus, Label, load_corpus
from tests.eval.grep_baseline import grep
from tests.eval.matching import Matching, Report, covered_lines, match

# The splits whose misses rule authors may read; the hold-out is listed only on request.
OPEN_SPLITS = tuple(
    split for split in SPLITS if not split.startswith("holdout")
)  # rule authors never see these

# The scanner names some vendors as groups; labels name the engine. Both are shown under the group.
VENDOR_GROUPS = {
    "ctransformers": "local-engines",
    "gpt4all": "local-engines",
    "exllamav2": "local-engines",
    "mlx-lm": "local-engines",
    "mlc-llm": "local-engines",
}


def default_root() -> Path:
    from tests.conftest import CACHE

    return CACHE / "eval"


@dataclass
class Score:
    """Counts for one row: labels found among labels, reports on a label among reports."""

    labels: int = 0
    found: int = 0
    reports: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.reports if self.reports else float("nan")


def scan_reports(root: Path, corpus: Corpus) -> list[Report]:
    """Findings of ``sovmigrate.scan`` (the library, no cache, every rule) on the corpus's packages under
    ``root`` (other folders there, say archives of another branch's corpus, are not scanned), as reports."""
    from sovmigrate.config import Settings
    from sovmigrate.scan.runner import scan

    folders = sorted({root / path.split("/", 1)[0] for path in corpus.files})
    result = scan(folders, Settings(cache=False), root=root)
    if result.errors:
        names = ", ".join(f"{e.path} ({e.code})" for e in result.errors)
        print(f"warning: the scanner could not analyse {names}", file=sys.stderr)
    return [
        Report(f.path, f.line, f.kind, f.vendor, f"{f.rule} {f.api}")
        for f in result.findings
        if f.kind != "error"
    ]


def tally(
    matching: Matching, label_key: Callable[[Label], str], report_key: Callable[[Report], str]
) -> dict[str, Score]:
    """Rows keyed by ``label_key`` for recall and ``report_key`` for precision."""
    rows: dict[str, Score] = {}
    for report, label in matching.pairs:
        rows.setdefault(label_key(label), Score()).found += 1
        rows[label_key(label)].labels += 1
        rows.setdefault(report_key(report), Score()).correct += 1
        rows[report_key(report)].reports += 1
    for label in matching.missed:
        rows.setdefault(label_key(label), Score()).labels += 1
    for report in matching.false:
        rows.setdefault(report_key(report), Score()).reports += 1
    return rows


def breakdowns(matching: Matching, corpus: Corpus) -> dict[str, dict[str, Score]]:
    splits = corpus.files
    path_split = lambda report: splits.get(report.path, "outside the corpus")
    vendor = lambda name: VENDOR_GROUPS.get(name, name)
    return {
        "overall": tally(matching, lambda _: "all", lambda _: "all"),
        "split": tally(matching, lambda lab: lab.split, path_split),
        "kind": tally(matching, lambda lab: lab.kind, lambda r: r.kind),
        "vendor": tally(matching, lambda lab: vendor(lab.vendor), lambda r: vendor(r.vendor)),
    }


def _percent(value: float) -> str:
    return "    -" if math.isnan(value) else f"{100 * value:5.1f}"


def print_table(title: str, rows: dict[str, Score]) -> None:
    print(f"\n{title:<24} labels found recall   reports correct precision")
    for name in sorted(rows, key=lambda n: (-rows[n].labels, n)):
        s = rows[name]
        print(
            f"  {name:<22} {s.labels:6} {s.found:5} {_percent(s.recall)}%  {s.reports:7} {s.correct:7}"
            f" {_percent(s.precision)}%"
        )


def print_lines(title: str, reports: list[Report], labels: list[Label]) -> None:
    covered, total, inside, lines = covered_lines(reports, labels)
    print(
        f"  {title:<20} recall {_percent(covered / total)}% ({covered}/{total})"
        f"  precision {_percent(inside / lines if lines else float('nan'))}% ({inside}/{lines} lines)"
    )


def print_misses(matching: Matching, corpus: Corpus, splits: Iterable[str]) -> None:
    wanted = set(splits)
    files = corpus.files
    print("\nmissed labels:")
    for label in sorted(matching.missed, key=lambda lab: (lab.path, lab.start)):
        if label.split in wanted:
            lines = f"{label.start}" + (f"-{label.end}" if label.end != label.start else "")
            print(f"  {label.path}:{lines}  {label.kind}/{label.vendor}  {label.note}")
    print("\nfalse positives:")
    for report in sorted(matching.false, key=lambda r: (r.path, r.line)):
        if files.get(report.path) in wanted:
            print(f"  {report.path}:{report.line}  {report.kind}/{report.vendor}  {report.what}")


def extra_reports_on_labels(matching: Matching) -> list[Report]:
    """False positives that lie on a labelled statement: one site reported more than once."""
    labelled = {
        (label.path, line) for _, label in matching.pairs for line in range(label.start, label.end + 1)
    }
    return [report for report in matching.false if (report.path, report.line) in labelled]


def one_split(corpus: Corpus, split: str | None, holdout: bool = True) -> Corpus:
    """The corpus, only the packages of ``split`` (findings and labels pair within a file, so a split's score
    alone is the same as its row in the whole corpus), or without the hold-out splits unless ``holdout``."""
    if split is not None:
        return Corpus([package for package in corpus.packages if package.split == split])
    if holdout:
        return corpus
    return Corpus([package for package in corpus.packages if package.split in OPEN_SPLITS])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, default=None, help="the extracted corpus (default: $SOVMIGRATE_FIXTURES/eval)"
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list missed labels and false positives",
    )
    parser.add_argument("--holdout", action="store_true", help="score and list the hold-out splits too")
    parser.add_argument("--split", choices=SPLITS, default=None, help="score this split alone")
    args = parser.parse_args(argv)
    if args.split and args.split not in OPEN_SPLITS and not args.holdout:
        parser.error(f"{args.split} is a hold-out split: add --holdout")
    root = args.root or default_root()
    corpus = one_split(load_corpus(), args.split, args.holdout)
    absent = sorted(path for path in corpus.files if not (root / path).is_file())
    if absent:
        print(
            f"error: {len(absent)} corpus files are missing under {root} (first: {absent[0]}); "
            "run python .ci/eval_corpus.py",
            file=sys.stderr,
        )
        return 2
    labels = corpus.labels
    reports = scan_reports(root, corpus)
    if args.split:
        reports = [report for report in reports if report.path in corpus.files]
    matching = match(reports, labels)
    packages = len(corpus.packages)
    print(f"sovmigrate scan against {len(labels)} labels in {len(corpus.files)} files of {packages} packages")
    for name, rows in breakdowns(matching, corpus).items():
        print_table(f"by {name}" if name != "overall" else "overall", rows)
    kinds_agree = sum(report.kind == label.kind for report, label in matching.pairs)
    print(f"\nfound sites reported under the labelled kind: {kinds_agree}/{len(matching.pairs)}")
    repeats = len(extra_reports_on_labels(matching))
    print(f"false positives inside a labelled statement (a site reported twice): {repeats}")
    print("\nline level (a label is covered when a reported line lies in its range):")
    print_lines("sovmigrate scan", reports, labels)
    print_lines("grep -rniE words", [r for r in grep(root) if r.path in corpus.files], labels)
    if args.misses:
        print_misses(matching, corpus, SPLITS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
