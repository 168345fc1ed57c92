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

# Floors under the scanner's scores on the whole corpus and on each split: (recall, precision), just below the
# score main reached, raised after each round of rules and never lowered. "all" is reset when a split comes in (new
# labels, not a worse scanner). Each fresh split's score when its labels were committed (its arrival, the honest
# measure of how the rules generalise) is in docs/evaluation.md: dev2 55.4% / 89.6%, dev3 43.9% / 79.5%, dev4
# 70.5% / 82.0%, dev5 64.4% / 95.7%, dev6 52.7% / 88.7%, dev7 45.4% / 78.2%, dev8 73.8% / 94.6%. The hold-out splits
# are never tuned on. all, dev3, dev4 and dev6 were lowered once, when the labelling conventions changed their labels
# (not the scanner); the hold-out's precision once, when convention 2 made closed models in config sites (below).
# dev2's, dev6's and dev7's precision and dev3's, dev4's and dev6's recall were lowered once more in round 10, when
# conventions 8-19 added and removed labels (the scanner unchanged; the numbers are in docs/evaluation.md).
FLOORS = {
    # this row counts every label: with dev9-dev11 (717 labels) since round 8, with dev12-dev15 (803) since round 11
    # Floors lowered once more in round 11 (conv11b, the scanner unchanged) because labels were added: convention 20's
    # registries and registration decorators (dev2 89.1 -> 81.5, dev9 78.2 -> 77.5, dev11 80.8 -> 79.6), convention 35
    # (optimum's runtime classes: dev3 93.8 -> 91.3, dev12 60.5 -> 57.8), convention 10 (dev7's LoRA recipe blocks,
    # 96.2 -> 94.6) and convention 2 (textgrad's closed ids, dev13 62.6 -> 59.1); all 84.0 -> 82.7.
    # Since round 12 it also counts the unread hold-outs holdout14 and holdout16 (543 labels, 62% recall), kept on
    # main without floors of their own: all 93.1/96.9 without them, 87.8/95.8 with them.
    "all": (0.87, 0.95),
    "dev": (0.96, 0.99),
    "dev2": (0.91, 0.98),  # round 11 (values11): lm-eval's registry and registration decorators
    "dev3": (0.98, 0.99),  # deployment and configuration files
    "dev4": (0.97, 0.98),  # applications that call LLMs
    "dev5": (0.88, 0.99),  # Python applications, agent frameworks, Meta reference-code users
    "dev6": (0.93, 0.97),  # evaluation, training, structured generation
    # dev7 was labelled as "holdout2" during round 5 and scored after it (46.4% / 86.1%; 45.4% / 78.2% before it),
    # then its misses were read and one cause fixed (inherited attributes): a dev split since.
    "dev7": (0.96, 0.96),
    # dev8 was labelled as "holdout3" during round 6 and scored at its start (73.8% / 94.6%) and end (74.5% / 94.7%),
    # then its misses were read: a dev split since.
    "dev8": (0.94, 0.95),  # 88.5% / 95.5% after round 8 (model ids and engine names as values)
    # 67.1% / 90.1% before round 6, 77.2% / 82.1% after: convention 2 (closed models named in config are sites)
    # makes SOV854 report LiteLLM proxy configs' `- model_name:` aliases (14 of its 25 false positives); 79.3% after
    # round 7, whose SOV706 reports four Ollama `num_ctx`-style option keys these older labels do not count. 76.5%
    # after round 8: a vendor package's calls of its own API inside its own source are not sites (dev5/dev7 labels,
    # Semantic Kernel and Agno), while this split's older labels count one such call in a vendor's LangChain wrapper.
    # 87.7% precision after round 10: a LiteLLM proxy alias (`- model_name:` beside `litellm_params:`) is no id.
    "holdout": (0.77, 0.87),
    # dev9-dev11 were labelled as hold-outs (holdout4 in round 7, holdout5 and holdout6 in round 8), scored unread at
    # arrival (64.4/88.0, 58.8/90.7, 51.1/97.9) and after round 8, then their misses were read: dev splits since.
    # Round 9 then fixed their misses by general shape: 71.8/88.6, 75.5/92.6, 81.0/98.2.
    # Round 10 (http10, options and requests built away from the call), on the relabelled splits: 72.7/91.4 ->
    # 73.2/91.5, 77.3/93.2 -> 80.8/93.4, 80.1/98.2 -> 80.8/98.2.
    "dev9": (0.87, 0.91),  # round 10: referenced callables (mmengine configs, completions resources)
    # dev10, round 10: calls of unlisted members of engine objects, .eval()/.to(), options dicts
    "dev10": (0.91, 0.95),
    "dev11": (0.92, 0.98),
    # dev12-dev15 were labelled as hold-outs (holdout7 and holdout8 in round 9, holdout9 and holdout10 in round 10),
    # scored unread before and after round 10 (58.2/95.7 -> 60.1/95.8, 58.0/82.5 -> 60.9/83.1, 56.4/78.6 ->
    # 59.9/79.6, 49.8/85.0 -> 50.7/85.2), then their misses were read in round 11: dev splits since.
    # Round 11 (loaders11: run-time loaders, lazy proxy modules, commands and routes built in code), on conv11's
    # labels: dev12 57.8 -> 69.6 (precision 97.4), dev13 59.1 -> 65.8, dev14 63.4 -> 65.5, dev15 50.5 -> 61.5.
    # Round 11 merged (loaders11, values11, ids11, configs11, catalog11, on conv11's labels): dev12 93.2/98.0,
    # dev13 88.7/96.6, dev14 83.0/92.5, dev15 90.5/91.9; these splits were read, so fresh hold-outs measure the round.
    "dev12": (0.94, 0.98),
    "dev13": (0.92, 0.96),
    "dev14": (0.83, 0.92),
    # dev15's precision was lowered once in round 11, when conventions 20-34 removed labels the scanner reports (the
    # scanner unchanged: 85.2% -> 82.8%; three LiteLLM `model_name` aliases are display names, convention 26).
    "dev15": (0.91, 0.91),
    # Round 12: four fresh hold-outs (holdout14-17) were labelled and scored unread at arrival; the first two to
    # arrive, holdout15 and holdout17, were read by an analyst and became dev16 and dev17 (69.5/98.1 and 33.8/85.7 at
    # arrival on conventions 36-41's labels; 78.2/97.7 and 72.5/93.2 after the round). holdout14 and holdout16 stay
    # unread, without floors.
    "dev16": (0.78, 0.97),
    "dev17": (0.72, 0.93),
}


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
