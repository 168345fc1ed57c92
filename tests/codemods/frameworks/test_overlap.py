"""A framework wrapper around the OpenAI SDK matches a hosted rule (SOV210/211) and a framework rule (SOV400/401):
the framework codemod rewrites it, and the hosted codemod neither reports it nor annotates it."""

from __future__ import annotations

from sovmigrate.config import Settings
from sovmigrate.estimate.outcomes import codemod_outcomes
from sovmigrate.rewrite import rewrite
from sovmigrate.scan.runner import scan

WRAPPED = """\
from langchain_community.llms import VLLMOpenAI

llm = VLLMOpenAI(openai_api_base="http://localhost:8000/v1", model_name="meta-llama/Llama-3.1-8B-Instruct")
print(llm.invoke("Q: hi"))
"""
UNHANDLED = """\
from llama_index.llms.openai_like import OpenAILike

llm = OpenAILike(api_base="http://localhost:8000/v1", model="meta-llama/Llama-3.1-8B-Instruct")
print(llm.complete("Q: hi"))
"""
SETTINGS = Settings(cache=False, jobs=1)


def test_a_wrapper_the_framework_codemod_rewrites_has_one_outcome_per_site_and_no_todo(tmp_path):
    (tmp_path / "app.py").write_text(WRAPPED)
    result = rewrite(tmp_path, annotate=True, settings=SETTINGS)
    assert [(o.line, o.rule, o.applied) for o in result.outcomes] == [
        (3, "SOV400", True),
        (4, "SOV401", True),
    ]
    written = (tmp_path / "app.py").read_text()
    assert "SovmigrateLLM(" in written and "TODO" not in written


def test_the_estimate_counts_the_hosted_finding_at_a_rewritten_wrapper_as_fixed(tmp_path):
    (tmp_path / "app.py").write_text(WRAPPED)
    findings = scan([tmp_path], settings=SETTINGS).findings
    outcomes = codemod_outcomes(findings, [tmp_path], settings=SETTINGS)
    by_rule = {f.rule: outcomes[f.fingerprint] for f in findings if f.line == 3 and f.column == 7}
    assert by_rule == {"SOV210": "safe", "SOV400": "safe"}


def test_a_wrapper_no_codemod_rewrites_stays_manual_with_what_to_do(tmp_path):
    (tmp_path / "app.py").write_text(UNHANDLED)
    result = rewrite(tmp_path, dry_run=True, settings=SETTINGS)
    [constructor] = [o for o in result.outcomes if o.rule == "SOV210"]
    assert constructor.safety.value == "manual"
    assert "no codemod of this run rewrites" in constructor.reason
    assert "sovmigrate.integrations" in constructor.reason
