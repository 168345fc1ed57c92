"""The byte prefilter's words come from the catalog, and cover everything a rule can match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovmigrate.rules import CATALOG, Calls, Imports, Line, Literal
from sovmigrate.rules.vocabulary import ROOT_TRIGGERS
from sovmigrate.scan.prefilter import (
    _search,
    family_pattern,
    is_candidate,
    matcher_triggers,
    python_search,
    root_of,
)

ROOTS = sorted(
    {
        root_of(name)
        for rule in CATALOG
        for m in rule.matchers
        if isinstance(m, (Imports, Calls))
        for name in (m.modules if isinstance(m, Imports) else m.patterns)
    }
)
# A literal that only counts in a model position of a reported call (SOV507) needs no words of its own: the
# call's rule already made the file a candidate.
TEXT_MATCHERS = [
    (rule.code, m)
    for rule in CATALOG
    for m in rule.matchers
    if isinstance(m, (Literal, Line)) and getattr(m, "context", None) != "vendor-model"
]


@pytest.mark.parametrize("root", ROOTS)
def test_every_vendor_root_in_the_catalog_makes_a_file_a_candidate(root):
    if root in ROOT_TRIGGERS:
        assert all(is_candidate(f"x = 1\n{word}\n".encode()) for word in ROOT_TRIGGERS[root])
    else:
        assert is_candidate(f"import {root}\n".encode()), root


def test_a_module_that_only_names_ollama_is_analysed():
    assert is_candidate(b"import ollama\nollama.chat(model=m, messages=msgs)\n")
    assert not is_candidate(b"import os\nprint(os.getcwd())\n")


@pytest.mark.parametrize(
    ("code", "matcher"), TEXT_MATCHERS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(TEXT_MATCHERS)]
)
def test_text_matchers_declare_sound_trigger_words(code, matcher):
    """Any text a literal or line matcher matches passes the prefilter, as it stands in a source file."""
    assert matcher_triggers(matcher), f"{code}: a Literal/Line matcher must declare triggers"
    regex = re.compile(matcher.regex.pattern, matcher.regex.flags)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(regex))
    def check(text: str) -> None:
        source = repr(text) if isinstance(matcher, Literal) else text  # a literal as Python source writes it
        assert is_candidate(source.encode("utf-8", "surrogatepass")), (code, source)

    check()


def test_words_only_config_files_need_do_not_make_python_files_candidates():
    """`model:` keys are read in YAML, not in Python: a module that only says "model" is not parsed."""
    assert is_candidate(b"model: Qwen/Qwen2.5-7B-Instruct\n", "yaml")
    assert not is_candidate(b"model = build_model()\n", "python")
    assert is_candidate(b"import groq\n", "python") and is_candidate(b"import groq\n", "yaml")


@pytest.mark.parametrize("family", ["python", "text", "any"])
def test_the_prefilter_without_re2_picks_the_same_candidates(family):
    """Where google-re2 cannot be installed the scanner falls back to ``re``: same files, no pattern error."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    files = sorted(path for path in fixtures.rglob("*") if path.is_file())
    assert len(files) > 100
    with_re2, with_re = _search(family), python_search(family_pattern(family))
    for path in files:
        data = path.read_bytes()
        assert (with_re2(data) is None) == (with_re(data) is None), path
