"""The scanner against the hand labels of the evaluation corpus (docs/evaluation.md), downloaded once by
.ci/eval_corpus.py. The floors sit a little below today's scores so that a regression fails; raise them
when the scanner gets better, never lower them to make a change pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CACHE, require_fixture
from tests.eval.corpus import load_corpus
from tests.eval.grep_baseline import grep
from tests.eval.matching import covered_lines, match
from tests.eval.score import breakdowns, main, scan_reports

pytestmark = pytest.mark.fixtures
ROOT = CACHE / "eval"

# Scores of the scanner on the whole corpus and on each split: (recall, precision). "all" was reset when the
# dev2 split came in (new labels, not a worse scanner), again for dev4 (81.2% / 94.0% with it) and for dev5 and
# dev6 (78.0% / 95.7% with both); dev2 starts just below its first score.
FLOORS = {
    "all": (0.77, 0.95),
    "dev": (0.94, 0.98),
    "dev2": (0.84, 0.96),
    "holdout": (0.66, 0.89),
}

# dev3 (deployment and configuration files) starts just below its score after the text-file fixes by cause.
FLOORS["dev3"] = (0.93, 0.98)

# dev4 (applications that call LLMs, labelled by a non-rule author) starts just below its score after its one label fix.
FLOORS["dev4"] = (0.94, 0.92)  # raised after tail3 (was 0.69, 0.80) and tail4 (was 0.83, 0.90) fixes by cause

# dev5 (Python applications, agent frameworks and Meta reference-code users, labelled by a non-rule author) starts
# just below its score after its one label-fix commit (64.8% / 97.5%; 64.4% / 95.7% on arrival).
FLOORS["dev5"] = (0.71, 0.97)  # raised after tail5 (was 0.64, 0.97): 69.4% / 97.6%; tail7: 71.3% / 97.7%
# dev6 (evaluation, training and structured-generation packages, two fifths non-Python; labelled by a non-rule
# author) starts just below its arrival score after its label fix (53.3% / 91.5%). Its 304 labels pull "all" down
# from 88.0% / 96.0% to 81.4% / 95.4% (new labels, not a worse scanner): "all" is reset with it.
FLOORS["dev6"] = (0.67, 0.93)  # raised after tail5 (was 0.52, 0.90): 59.9% / 92.4%; tail7: 67.1% / 93.2%
FLOORS["all"] = (0.82, 0.95)  # reset for dev5 + dev6 (0.78); tail5: 80.9% / 95.8%; tail7: 82.8% / 95.9%
FLOORS["dev2"] = (0.85, 0.96)  # raised after tail5 (was 0.83): 85.0% / 96.5%; tail7: 85.7% / 96.6%
FLOORS["dev4"] = (0.97, 0.91)  # raised after tail5 (was 0.91): 96.7% / 91.9%; tail7: 97.4% / 92.0%


@pytest.fixture(scope="module")
def corpus_root() -> Path:
    corpus = load_corpus()
    for package in corpus.packages:
        require_fixture(ROOT / package.name / ".complete", "python .ci/eval_corpus.py")
    return ROOT


@pytest.fixture(scope="module")
def scores(corpus_root):
    corpus = load_corpus()
    return breakdowns(match(scan_reports(corpus_root, corpus), corpus.labels), corpus)


def test_every_label_points_at_code_in_its_file(corpus_root):
    for label in load_corpus().labels:
        lines = (corpus_root / label.path).read_text(encoding="utf-8", errors="replace").splitlines()
        assert label.end <= len(lines), f"{label.path}:{label.start}-{label.end} is past the end of the file"
        assert lines[label.start - 1].strip(), f"{label.path}:{label.start} is a blank line"


@pytest.mark.parametrize("row", sorted(FLOORS))
def test_recall_and_precision_stay_above_the_floor(scores, row):
    score = scores["overall"]["all"] if row == "all" else scores["split"][row]
    recall, precision = FLOORS[row]
    assert score.recall >= recall, f"{row}: recall fell to {score.recall:.3f} ({score.found}/{score.labels})"
    assert score.precision >= precision, (
        f"{row}: precision fell to {score.precision:.3f} ({score.correct}/{score.reports})"
    )


def test_the_scanner_beats_plain_grep_on_precision(corpus_root):
    corpus = load_corpus()
    labels = corpus.labels
    grepped = [report for report in grep(corpus_root) if report.path in corpus.files]
    *_, grep_inside, grep_lines = covered_lines(grepped, labels)
    *_, scan_inside, scan_lines = covered_lines(scan_reports(corpus_root, corpus), labels)
    assert scan_inside / scan_lines > grep_inside / grep_lines


def test_the_script_prints_every_table_and_lists_the_open_splits_misses_only(corpus_root, capsys):
    assert main(["--root", str(corpus_root), "--misses"]) == 0
    out = capsys.readouterr().out
    for heading in ("overall", "by split", "by kind", "by vendor", "grep -rniE words", "missed labels:"):
        assert heading in out
    corpus = load_corpus()
    holdout = {p.name for p in corpus.packages if p.split.startswith("holdout")}
    listed = out.split("missed labels:")[1]
    assert not any(f"  {name}/" in listed for name in holdout)
    missed = match(scan_reports(corpus_root, corpus), corpus.labels).missed
    open_misses = {label.path for label in missed if label.split in ("dev", "dev2")}
    assert all(f"  {path}:" in listed for path in open_misses)


def test_one_split_alone_scores_as_its_row_in_the_whole_corpus(corpus_root, scores, capsys):
    assert main(["--root", str(corpus_root), "--split", "dev2"]) == 0
    out = capsys.readouterr().out
    row = scores["split"]["dev2"]
    first_words = [line.split()[:3] for line in out.splitlines() if line.strip()]
    assert ["all", str(row.labels), str(row.found)] in first_words
    assert ["dev2", str(row.labels), str(row.found)] in first_words
    assert not any(words[0] in ("dev", "holdout") for words in first_words)


def test_a_missing_corpus_is_one_clear_line(tmp_path, capsys):
    assert main(["--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "run python .ci/eval_corpus.py" in err and "\n" not in err
