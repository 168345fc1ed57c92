"""How the evaluation pairs reports with labels and reads labels files (no corpus needed)."""

from __future__ import annotations

import pytest

from tests.eval.corpus import Label, LabelError, parse_labels
from tests.eval.matching import Report, covered_lines, match


def label(start: int, kind: str, end: int | None = None, path: str = "p/a.py") -> Label:
    return Label(path, start, end or start, kind, "ollama", "", "dev")


def test_a_report_inside_the_labelled_statement_counts():
    matching = match([Report("p/a.py", 12, "inference")], [label(10, "inference", end=14)])
    assert len(matching.pairs) == 1 and not matching.missed and not matching.false


def test_a_report_outside_the_statement_or_in_another_file_does_not():
    reports = [Report("p/a.py", 15, "inference"), Report("p/b.py", 10, "inference")]
    matching = match(reports, [label(10, "inference", end=14)])
    assert matching.pairs == [] and len(matching.missed) == 1 and len(matching.false) == 2


def test_two_sites_on_one_line_need_two_reports():
    # `client = Client(model="llama3")`: a client and a model id on the same line.
    labels = [label(3, "client"), label(3, "model_id")]
    matching = match([Report("p/a.py", 3, "client")], labels)
    assert [lab.kind for _, lab in matching.pairs] == ["client"]
    assert [lab.kind for lab in matching.missed] == ["model_id"]


def test_each_report_is_paired_with_a_label_of_its_own_kind_first():
    # The model-id report must not take the call's label and leave the call's report unpaired.
    labels = [label(5, "inference", end=9), label(6, "model_id")]
    reports = [Report("p/a.py", 6, "model_id"), Report("p/a.py", 5, "inference")]
    matching = match(reports, labels)
    assert sorted((r.kind, lab.kind) for r, lab in matching.pairs) == [
        ("inference", "inference"),
        ("model_id", "model_id"),
    ]


def test_a_site_reported_under_another_kind_is_still_found():
    matching = match([Report("p/a.py", 4, "client")], [label(4, "inference")])
    assert [(r.kind, lab.kind) for r, lab in matching.pairs] == [("client", "inference")]


def test_a_second_report_of_one_site_is_a_false_positive():
    matching = match([Report("p/a.py", 4, "import"), Report("p/a.py", 4, "import")], [label(4, "import")])
    assert len(matching.pairs) == 1 and len(matching.false) == 1


def test_pairing_is_maximal_when_greedy_would_fail():
    # Report A fits both labels, report B only the first: the best pairing gives A the second.
    labels = [label(1, "inference", end=3), label(3, "inference")]
    reports = [Report("p/a.py", 3, "inference"), Report("p/a.py", 1, "inference")]
    assert len(match(reports, labels).pairs) == 2


def test_line_level_coverage_lets_one_grep_line_cover_two_labels():
    labels = [label(3, "client"), label(3, "model_id"), label(8, "inference")]
    reports = [Report("p/a.py", 3), Report("p/a.py", 20)]
    assert covered_lines(reports, labels) == (2, 3, 1, 2)


def test_labels_file_blocks_and_ranges():
    text = "# comment\n== ex/chat.py\n1 import ollama from ollama import chat\n10-14 inference ollama chat(...)\n"
    text += "== ex/none.py  !negative\n"
    files = parse_labels(text, "ollama.labels", "ollama", "dev")
    assert files["ex/none.py"] == []
    first, second = files["ex/chat.py"]
    assert (first.path, first.start, first.end, first.kind) == ("ollama/ex/chat.py", 1, 1, "import")
    assert (second.start, second.end, second.note) == (10, 14, "chat(...)")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("== a.py\n3 imports ollama x\n", "ollama.labels:2: unknown kind 'imports'"),
        ("== a.py\n9-3 import ollama x\n", "ollama.labels:2: range '9-3' ends before it starts"),
        ("== a.py\nthree import ollama x\n", "ollama.labels:2: bad line range 'three'"),
        ("== a.py\n3 import ollama\n", "ollama.labels:2: expected 'LINE[-END] KIND VENDOR NOTE'"),
        ("3 import ollama x\n", "ollama.labels:1: label before the first '== path' line"),
        ("== a.py\n", "ollama.labels: a.py has no labels and is not marked !negative"),
        ("== a.py !negative\n3 import ollama x\n", "ollama.labels: a.py has labels but is marked !negative"),
        ("== a.py !negatve\n", "ollama.labels:1: unknown tag '!negatve'"),
    ],
)
def test_a_malformed_labels_file_is_named_with_its_line(text, message):
    with pytest.raises(LabelError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        parse_labels(text, "ollama.labels", "ollama", "dev")
