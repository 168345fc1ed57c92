"""Sovereignty tiers and migration consequences per family."""

from __future__ import annotations

import pytest

from sovmigrate.receipts import tier_of
from sovmigrate.receipts.tiers import consequences

# Catalog tier per line as the rubric yields it from the cited licence terms (effort-and-receipts.md 1.2, 1.4).
TIERS = {
    "llama-2": 2,
    "llama-3": 2,
    "llama-3.1": 2,
    "llama-3.2-text": 2,
    "llama-3.2-vision": 2,
    "llama-3.3": 2,
    "llama-4": 2,
    "openllama-v1": 1,
    "mistral-7b-v0.3": 1,
    "openllama-v2": 1,
    "mistral-7b": 1,
    "mixtral-8x7b": 1,
    "mixtral-8x22b": 1,
    "mistral-nemo": 1,
    "mistral-mrl-2024": 2,
    "ministral-8b": 2,
    "codestral-22b": 2,
    "mistral-small-3": 1,
    "mistral-3": 1,
    "gemma-1": 2,
    "gemma-2": 2,
    "gemma-3": 2,
    "gemma-4": 1,
    "qwen2": 1,
    "qwen2-72b": 2,
    "qwen2.5": 1,
    "qwen2.5-3b": 2,
    "qwen2.5-72b": 2,
    "qwen3": 1,
    "phi-3": 1,
    "phi-4": 1,
    "deepseek-v3-orig": 2,
    "deepseek-mit": 1,
    "deepseek-r1-distill-llama": 2,
    "deepseek-r1-distill-qwen": 1,
    "falcon-7b-40b": 1,
    "falcon-180b": 2,
    "olmo-2": 1,
    "gpt-oss": 1,
    "meta-muse-spark": 3,
    "openai-gpt": 3,
    "anthropic-claude": 3,
    "google-gemini": 3,
    "closed-cloud": 3,
}


@pytest.mark.parametrize(("line_id", "tier"), sorted(TIERS.items()))
def test_catalog_tier(catalog, line_id, tier):
    assert tier_of(catalog.get(line_id)).catalog == tier


def test_every_catalog_line_has_an_expected_tier(catalog):
    assert {line.id for line in catalog.lines} == set(TIERS)


def test_multimodal_llama_is_not_licensable_for_eu_companies(catalog):
    for line_id in ("llama-3.2-vision", "llama-4"):
        tier = tier_of(catalog.get(line_id), jurisdiction="EU")
        assert (tier.catalog, tier.effective) == (2, 3), line_id
        assert any("not licensable for you" in reason for reason in tier.reasons)
    for line_id in ("llama-3.2-text", "llama-3.3"):
        assert tier_of(catalog.get(line_id), jurisdiction="EU").effective == 2, line_id
    assert tier_of(catalog.get("llama-4"), jurisdiction="US").effective == 2


def test_research_only_licences_are_tier_3_for_commercial_products(catalog):
    for line_id in ("mistral-mrl-2024", "codestral-22b", "qwen2.5-3b"):
        assert tier_of(catalog.get(line_id), commercial=True).effective == 3, line_id
        assert tier_of(catalog.get(line_id), commercial=False).effective == 2, line_id


def test_fully_open_flag_needs_released_training_data(catalog):
    assert tier_of(catalog.get("olmo-2")).fully_open is True
    assert tier_of(catalog.get("openllama-v2")).fully_open is True
    assert tier_of(catalog.get("qwen3")).fully_open is False


def test_tier_1_reason_names_the_licence(catalog):
    assert tier_of(catalog.get("qwen3")).reasons == ("open weights under Apache-2.0 with no extra terms",)


def test_tier_2_reasons_name_the_restrictive_terms(catalog):
    reasons = tier_of(catalog.get("llama-3.1")).reasons
    assert "700M MAU threshold" in reasons
    assert 'derivative naming rule ("Llama")' in reasons


def _codes(catalog, line_id):
    return {c.code: c for c in consequences(catalog.get(line_id))}


def test_llama_consequences_a_migration_cares_about(catalog):
    llama2 = _codes(catalog, "llama-2")
    assert llama2["outputs-no-training"].text.startswith("outputs may not train other models")
    assert llama2["mau-threshold"].text.startswith("700M MAU threshold")
    assert llama2["no-updates"].text.startswith("family no longer updated")
    vision = _codes(catalog, "llama-3.2-vision")
    assert vision["regional-exclusion"].text.startswith("no rights for EU companies to this model")
    assert "regional-exclusion" not in _codes(catalog, "llama-3.2-text")
    assert "outputs-no-training" not in _codes(catalog, "llama-3.1")


def test_permissive_lines_carry_no_licence_consequences(catalog):
    assert set(_codes(catalog, "qwen3")) == {"superseded"}
    assert set(_codes(catalog, "gemma-4")) == set()


def test_closed_models_are_cloud_only_with_vendor_lifecycle(catalog):
    codes = _codes(catalog, "meta-muse-spark")
    assert {"cloud-only", "vendor-lifecycle", "remote-restriction"} <= set(codes)


def test_openllama_project_has_ended(catalog):
    assert _codes(catalog, "openllama-v1")["no-updates"].text.startswith("family no longer updated (ended)")


def test_weak_evidence_is_carried_into_the_consequence(catalog):
    # Llama 4's EU clause is only quoted by secondary sources (M10); the 3.2 clause is in Meta's repo (M3).
    assert _codes(catalog, "llama-4")["regional-exclusion"].evidence == "S"
    assert _codes(catalog, "llama-3.2-vision")["regional-exclusion"].evidence == "V"
