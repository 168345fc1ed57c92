"""Findings v2: machine key and display text, effort drivers, fingerprints, nesting, v1 still readable."""

from __future__ import annotations

import json

from sovmigrate.findings import read_findings
from sovmigrate.report.json_report import findings_document
from sovmigrate.report.sarif import sarif_document
from sovmigrate.rules import get_rule
from sovmigrate.schemas import validate
from tests.scan.helpers import scan_source

SOURCE = """\
from llama_cpp import Llama

llm = Llama(model_path="models/llama-2-7b-chat.Q4_K_M.gguf", draft_model=draft)
a = llm("Q: one", max_tokens=8, grammar=g)
b = llm("Q: two", max_tokens=8, grammar=g)
PROMPT = "<s>[INST] <<SYS>>\\nBe brief.\\n<</SYS>>\\n\\n{question} [/INST]"
"""


def test_api_is_a_machine_key_and_text_what_reports_show(tmp_path):
    findings = scan_source(tmp_path, SOURCE).findings
    template = next(f for f in findings if f.rule == "SOV520")
    assert template.api == "[INST]" and template.text == "[INST]"
    keyword = next(f for f in findings if f.rule == "SOV700")
    assert keyword.api == "llama_cpp.Llama#__call__" and keyword.details == {"keyword": "grammar"}
    assert keyword.text == "llama_cpp.Llama#__call__(grammar=...)" and "(grammar=...)" in keyword.message
    assert all(f.effort_driver == get_rule(f.rule).effort_driver != "" for f in findings)


def test_fingerprints_are_unique_per_site_and_survive_edits_elsewhere(tmp_path):
    before = scan_source(tmp_path, SOURCE).findings
    assert len({f.fingerprint for f in before}) == len(before)
    calls = [f for f in before if f.rule == "SOV102"]
    assert len(calls) == 2 and calls[0].fingerprint != calls[1].fingerprint
    after = scan_source(tmp_path, "import os\n\n# a comment\n" + SOURCE).findings
    assert [f.fingerprint for f in after if f.rule != "SOV100"] == [
        f.fingerprint for f in before if f.rule != "SOV100"
    ]


def test_a_finding_inside_another_names_it_so_it_is_counted_once(tmp_path):
    findings = scan_source(tmp_path, SOURCE).findings
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    (ctor,) = by_rule["SOV101"]
    assert ctor.enclosing is None
    assert by_rule["SOV505"][0].enclosing == ctor.fingerprint  # the model path inside the constructor
    assert by_rule["SOV705"][0].enclosing == ctor.fingerprint  # draft_model= inside it
    first_call = by_rule["SOV102"][0]
    assert by_rule["SOV700"][0].enclosing == first_call.fingerprint
    assert by_rule["SOV520"][0].enclosing is None


def test_json_is_v2_and_sarif_fingerprints_are_unique(tmp_path):
    result = scan_source(tmp_path, SOURCE)
    document = findings_document(result)
    validate(document, "findings", 2)
    assert document["schema_version"] == 2
    sarif = sarif_document(result)
    prints = [r["partialFingerprints"]["sovmigrate/v2"] for r in sarif["runs"][0]["results"]]
    assert len(set(prints)) == len(prints) == len(result.findings)


def test_v1_documents_are_still_readable():
    v1 = {
        "$schema": "https://sovmigrate.dev/schemas/findings.v1.json",
        "schema_version": 1,
        "tool": {"name": "sovmigrate", "version": "0.1.0", "catalog": "0.1.0+abc"},
        "root": "app",
        "summary": {
            "findings": 1,
            "errors": 0,
            "files_scanned": 1,
            "files_with_findings": 1,
            "by_rule": {"SOV101": 1},
            "by_kind": {"client": 1},
            "by_vendor": {"llama-cpp-python": 1},
        },
        "findings": [
            {
                "path": "llm.py",
                "line": 3,
                "column": 7,
                "end_line": 3,
                "end_column": 30,
                "rule": "SOV101",
                "kind": "client",
                "vendor": "llama-cpp-python",
                "api": "llama_cpp.Llama",
                "message": "`llama_cpp.Llama` loads a model in-process with llama-cpp-python",
                "fixable": False,
                "name": "llama-cpp-model-load",
                "level": "warning",
                "details": {},
            }
        ],
        "errors": [],
    }
    validate(v1, "findings", 1)
    result = read_findings(json.loads(json.dumps(v1)))
    (finding,) = result.findings
    assert (finding.rule, finding.api, finding.text, finding.line) == (
        "SOV101",
        "llama_cpp.Llama",
        "llama_cpp.Llama",
        3,
    )
