"""What the estimate counts: sites once, distinct surfaces, models, files; codemod outcomes; the example app."""

from __future__ import annotations

from pathlib import Path

import pytest

from sovmigrate.estimate import estimate, estimate_findings
from tests.estimate.conftest import finding

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legacy-chatbot"


def counts(result) -> dict[str, float]:
    return {key: c.count for key, c in result.counted.items() if c.count}


def test_a_keyword_inside_a_call_is_counted_once_as_the_dearer_site(model):
    call = finding("SOV102", line=28, column=15)
    grammar = finding("SOV700", line=28, column=65, enclosing=call)
    stop = finding("SOV520", line=28, column=70, enclosing=call)
    result = estimate_findings([call, grammar, stop], model)
    assert counts(result).get("complex-site") == 1
    assert "call-site-manual" not in counts(result)
    assert "template-site" not in counts(result)
    (site,) = result.counted["complex-site"].sites
    assert site.head is call and set(site.absorbed) == {grammar, stop}


def test_template_literals_on_adjacent_lines_are_one_site(model):
    found = [
        finding("SOV520", "prompts.py", 3, 18),
        finding("SOV520", "prompts.py", 3, 28),
        finding("SOV520", "prompts.py", 4, 16),
        finding("SOV521", "prompts.py", 15, 9),
        finding("SOV521", "prompts.py", 16, 9),
        finding("SOV520", "prompts.py", 40, 9),
    ]
    assert counts(estimate_findings(found, model))["template-site"] == 3


def test_surfaces_are_distinct_vendors_and_models_distinct_catalog_lines(model):
    found = [
        finding("SOV101", "a.py", 1),
        finding("SOV102", "a.py", 2),
        finding("SOV202", "b.py", 1),
        finding("SOV501", "a.py", 5, model_id="meta-llama/Llama-3.1-8B-Instruct"),
        finding("SOV502", "b.py", 5, model_id="llama3.1:8b"),
        finding("SOV502", "b.py", 6, model_id="mistral:7b-instruct-v0.2"),
    ]
    result = estimate_findings(found, model)
    assert result.counted["api-surface"].keys == ("llama-cpp-python", "ollama")
    assert result.counted["model-dependency"].keys == ("llama-3.1", "mistral-7b")


def test_quantized_artefacts_are_distinct_gguf_files_wherever_they_are_named(model):
    found = [
        finding("SOV505", "app.py", 3, model_id="/models/llama-2-13b-chat.Q4_K_M.gguf"),
        finding("SOV852", "deploy/Dockerfile", 3, model_id="/models/llama-2-13b-chat.Q4_K_M.gguf"),
        finding("SOV505", "rag.py", 3, model_id="llama-2-7b-chat.Q5_K_S.gguf"),
        finding("SOV501", "rag.py", 4, model_id="meta-llama/Llama-2-7b-chat-hf"),
    ]
    assert estimate_findings(found, model).counted["quantized-artefact"].keys == (
        "llama-2-13b-chat",
        "llama-2-7b-chat",
    )


def test_ci_jobs_and_deployment_units_are_files(model):
    found = [
        finding("SOV852", ".github/workflows/ci.yml", 7, model_id="meta-llama/Meta-Llama-3-8B-Instruct"),
        finding("SOV852", ".github/workflows/ci.yml", 9, model_id="llama3.1:8b"),
        finding("SOV850", "deploy/docker-compose.yml", 3),
        finding("SOV851", "deploy/docker-compose.yml", 7),
        finding("SOV851", "deploy/pull.sh", 3),
    ]
    result = estimate_findings(found, model)
    assert result.counted["ci-job"].keys == (".github/workflows/ci.yml",)
    assert result.counted["deployment-unit"].keys == ("deploy/docker-compose.yml", "deploy/pull.sh")


def test_low_level_engine_calls_are_engine_internal_work(model):
    result = estimate_findings([finding("SOV106", "engine.py", 10)], model)
    assert counts(result).get("engine-internal") == 1 and "complex-site" not in counts(result)


def test_codemod_outcomes_price_call_sites_and_the_savings_grow_with_them(model):
    calls = [finding("SOV103", "chat.py", line) for line in range(1, 11)]
    manual = estimate_findings(calls, model, outcomes={f.fingerprint: "manual" for f in calls})
    rewritten = estimate_findings(calls, model, outcomes={f.fingerprint: "safe" for f in calls})
    assert counts(manual)["call-site-manual"] == 10
    assert counts(rewritten)["call-site-safe"] == 10
    assert rewritten.savings.sites == {"safe": 10, "unsafe": 0, "manual": 0}
    saved = lambda r: r.savings.saved(r.effort).mean
    assert saved(rewritten) > saved(manual) > 0
    # The manual baseline is the same in both: the same sites done by hand.
    assert rewritten.savings.manual.total == manual.savings.manual.total


def test_the_example_application_as_read_by_hand():
    result = estimate(EXAMPLE)
    c = result.counted
    # Engines and APIs the modules call (app/*.py): read from the code, one per vendor.
    assert set(c["api-surface"].keys) == {
        "bedrock",
        "langchain",
        "llama-cpp-python",
        "meta-llama-api",
        "ollama",
        "openai-compatible",
        "transformers",
        "vllm",
    }
    # Modules that call a model: each is a feature with its own golden set.
    assert set(c["llm-feature"].keys) == {
        "app/assistant.py",
        "app/classify.py",
        "app/cloud.py",
        "app/local_llm.py",
        "app/rag.py",
        "app/summarise.py",
    }
    assert c["ci-job"].keys == (".github/workflows/ci.yml",)
    assert set(c["deployment-unit"].keys) == {
        "deploy/Dockerfile",
        "deploy/docker-compose.yml",
        "deploy/pull-models.sh",
    }
    assert c["training-pipeline"].keys == ("training/train_lora.py",)
    # local_llm.py: the grammar call (line 28) and LlamaGrammar.from_string (line 27) are complex sites.
    assert {(s.head.path, s.head.line) for s in c["complex-site"].sites} == {
        ("app/local_llm.py", 27),
        ("app/local_llm.py", 28),
    }
    # The example's pyproject.toml says what the scan cannot see.
    assert c["safety-filter"].count == 1 and c["pretokenized-dataset"].count == 1
    assert c["engineer-retraining"].count == 4
    assert 6 <= result.effort.total.p50 <= 16  # a multi-engine application: above the mid-size band


@pytest.mark.parametrize("engineers", [2, 6])
def test_calendar_weeks_follow_the_team_size(engineers):
    small, large = estimate(EXAMPLE, team_size=2), estimate(EXAMPLE, team_size=engineers)
    assert large.effort.total == small.effort.total
    if engineers > 2:
        assert large.calendar.range.p50 < small.calendar.range.p50
    assert large.calendar.engineers == engineers
