"""The shipped catalog: schema validity and facts checked against the sources it cites."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from sovmigrate.errors import CatalogError
from sovmigrate.receipts import resolve
from sovmigrate.receipts.catalog import parse_catalog
from sovmigrate.schemas import validate

# The tokenizer family names tokenizer_maps/ uses (issue 5, plus gemma-4 which tokenizer_maps/ added);
# null only for closed models.
TOKENIZER_FAMILIES = {
    "llama-2",
    "llama-3",
    "llama-4",
    "openllama",
    "mistral-v1",
    "mistral-v3",
    "mistral-tekken",
    "gemma",
    "gemma-3",
    "gemma-4",
    "qwen2",
    "phi-3",
    "phi-4",
    "gpt2",
    "deepseek-v3",
    "deepseek-llm",
    "falcon",
    "olmo-2",
    "gpt-oss",
    "command-r",
}
TOKENIZER_MAPS = Path(__file__).resolve().parents[2] / "tokenizer_maps"

REQUIRED_LINES = [
    "llama-2",
    "llama-3",
    "llama-3.1",
    "llama-3.2-text",
    "llama-3.2-vision",
    "llama-3.3",
    "llama-4",
    "openllama-v1",
    "openllama-v2",
    "mistral-7b",
    "mixtral-8x7b",
    "mixtral-8x22b",
    "mistral-nemo",
    "mistral-small-3",
    "mistral-mrl-2024",
    "codestral-22b",
    "gemma-1",
    "gemma-2",
    "gemma-3",
    "gemma-4",
    "qwen2",
    "qwen2.5",
    "qwen3",
    "phi-3",
    "phi-4",
    "deepseek-v3-orig",
    "deepseek-mit",
    "falcon-7b-40b",
    "olmo-2",
    "gpt-oss",
    "meta-muse-spark",
    "closed-cloud",
]


def _raw() -> dict:
    text = resources.files("sovmigrate").joinpath("data", "model_catalog.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_shipped_catalog_follows_its_schema():
    validate(_raw(), "model_catalog")


def test_catalog_covers_the_lines_the_issue_asks_for(catalog):
    ids = {line.id for line in catalog.lines}
    assert set(REQUIRED_LINES) <= ids


def test_tokenizer_families_use_the_shared_names(catalog):
    for line in catalog.lines:
        tokenizer = line.value("tokenizer")
        if line.value("open_weights") is False:
            assert tokenizer is None, line.id
        else:
            assert tokenizer in TOKENIZER_FAMILIES, line.id


@pytest.mark.skipif(not TOKENIZER_MAPS.is_dir(), reason="tokenizer_maps/ is only in a source checkout")
def test_every_tokenizer_family_has_a_tokenizer_map(catalog):
    maps = {path.stem for path in TOKENIZER_MAPS.glob("*.json")}
    used = {line.value("tokenizer") for line in catalog.lines} - {None}
    assert used <= maps, f"no tokenizer_maps/ file for {sorted(used - maps)}"


@pytest.mark.skipif(not TOKENIZER_MAPS.is_dir(), reason="tokenizer_maps/ is only in a source checkout")
def test_model_ids_in_tokenizer_maps_resolve_to_a_line_with_that_tokenizer(catalog):
    for path in TOKENIZER_MAPS.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for model_id in data.get("model_ids", []):
            line = resolve(model_id, catalog).line
            if line is not None:  # ids of models outside the catalog stay unknown
                assert line.value("tokenizer") == data["family"], (path.name, model_id, line.id)


def test_verified_facts_cite_at_least_one_primary_source(catalog):
    for line in catalog.lines:
        for name, fact in line.facts.items():
            if fact.evidence == "V":
                kinds = {catalog.sources[s].kind for s in fact.src}
                assert "primary" in kinds, f"{line.id}.{name} is marked verified but cites only {fact.src}"


# (line, licence, HF licence id, MAU threshold) as the cited licence texts state them.
LICENCES = [
    pytest.param("llama-2", "LicenseRef-Llama-2-Community", "llama2", 700_000_000, id="llama-2 M12"),
    pytest.param("llama-3", "LicenseRef-Llama-3-Community", "llama3", 700_000_000, id="llama-3 M7"),
    pytest.param("llama-3.1", "LicenseRef-Llama-3.1-Community", "llama3.1", 700_000_000, id="llama-3.1 M1"),
    pytest.param(
        "llama-3.2-vision", "LicenseRef-Llama-3.2-Community", "llama3.2", 700_000_000, id="llama-3.2 M3"
    ),
    pytest.param("llama-3.3", "LicenseRef-Llama-3.3-Community", "llama3.3", 700_000_000, id="llama-3.3 M9"),
    pytest.param("llama-4", "LicenseRef-Llama-4-Community", "llama4", 700_000_000, id="llama-4 M2"),
    pytest.param("openllama-v1", "Apache-2.0", "apache-2.0", None, id="openllama O1"),
    pytest.param("mistral-7b", "Apache-2.0", "apache-2.0", None, id="mistral-7b MI1"),
    pytest.param("mixtral-8x22b", "Apache-2.0", "apache-2.0", None, id="mixtral-8x22b MI1"),
    pytest.param("mistral-nemo", "Apache-2.0", "apache-2.0", None, id="nemo MI4"),
    pytest.param("mistral-mrl-2024", "LicenseRef-Mistral-MRL-0.1", "other", None, id="large-2 MI2"),
    pytest.param("codestral-22b", "LicenseRef-Mistral-MNPL-0.1", "other", None, id="codestral MI5"),
    pytest.param("gemma-2", "LicenseRef-Gemma-Terms-of-Use", "gemma", None, id="gemma-2 G1"),
    pytest.param("gemma-4", "Apache-2.0", "apache-2.0", None, id="gemma-4 G3"),
    pytest.param("qwen2-72b", "LicenseRef-Tongyi-Qianwen", "other", 100_000_000, id="qwen2-72b Q1"),
    pytest.param("qwen2.5-3b", "LicenseRef-Qwen-Research", "other", None, id="qwen2.5-3b Q7"),
    pytest.param("qwen2.5-72b", "LicenseRef-Qwen", "other", 100_000_000, id="qwen2.5-72b Q2"),
    pytest.param("qwen3", "Apache-2.0", "apache-2.0", None, id="qwen3 Q4"),
    pytest.param("phi-4", "MIT", "mit", None, id="phi-4 P2"),
    pytest.param("deepseek-v3-orig", "LicenseRef-DeepSeek-License-1.0", "other", None, id="deepseek-v3 D2"),
    pytest.param("deepseek-mit", "MIT", "mit", None, id="deepseek-r1 D3"),
    pytest.param("falcon-7b-40b", "Apache-2.0", "apache-2.0", None, id="falcon-40b F1"),
    pytest.param("falcon-180b", "LicenseRef-Falcon-180B-TII-1.0", "other", None, id="falcon-180b F2"),
    pytest.param("olmo-2", "Apache-2.0", "apache-2.0", None, id="olmo-2 OL1"),
    pytest.param("gpt-oss", "Apache-2.0", "apache-2.0", None, id="gpt-oss GO2"),
]


@pytest.mark.parametrize(("line_id", "licence", "hf_id", "threshold"), LICENCES)
def test_licence_facts_match_the_cited_licence(catalog, line_id, licence, hf_id, threshold):
    line = catalog.get(line_id)
    assert line.value("license") == licence
    assert line.value("hf_license_id") == hf_id
    assert line.value("user_threshold_mau") == threshold


def test_llama_2_and_3_forbid_improving_other_models_but_3_1_allows_it(catalog):
    # Llama 2/3 section 1.b.v vs. the Llama 3.1 licence (M8, M7, M1).
    assert catalog.get("llama-2").value("outputs_train_other_models") == "no"
    assert catalog.get("llama-3").value("outputs_train_other_models") == "no"
    assert catalog.get("llama-3.1").value("outputs_train_other_models") == "yes"
    assert catalog.get("llama-3.1").value("derivative_name_prefix") == "Llama"
    assert catalog.get("llama-3").value("derivative_name_prefix") == "Llama 3"


def test_eu_exclusion_applies_to_multimodal_llama_only(catalog):
    # M3 (3.2 AUP), M9 (3.3 text-only), M10 (Llama 4 AUP).
    assert catalog.get("llama-3.2-vision").value("regional_exclusions") == ["EU"]
    assert catalog.get("llama-4").value("regional_exclusions") == ["EU"]
    assert catalog.get("llama-3.2-text").value("regional_exclusions") == []
    assert catalog.get("llama-3.3").value("regional_exclusions") == []


def test_release_dates_from_licence_headers(catalog):
    assert catalog.get("llama-2").value("release_date") == "2023-07-18"  # M12
    assert catalog.get("llama-3.1").value("release_date") == "2024-07-23"  # M1
    assert catalog.get("llama-3.3").value("release_date") == "2024-12-06"  # M9
    assert catalog.get("llama-4").value("release_date") == "2025-04-05"  # M2
    assert catalog.get("mistral-nemo").value("release_date") == "2024-07-18"  # MI4
    assert catalog.get("qwen3").value("release_date") == "2025-04-29"  # Q4


def test_research_and_non_production_licences_forbid_commercial_use(catalog):
    # MRL-0.1 (MI2), MNPL-0.1 (MI5), Qwen Research License section 2 (Q7).
    for line_id in ("mistral-mrl-2024", "codestral-22b", "qwen2.5-3b"):
        assert catalog.get(line_id).value("commercial_use") == "no", line_id


def test_deepseek_licence_v1_has_no_user_threshold_but_remote_restriction(catalog):
    # D2, full text: section 7 remote restriction, section 4.a pass-through, no MAU clause.
    line = catalog.get("deepseek-v3-orig")
    assert line.value("user_threshold_mau") is None
    assert line.facts["user_threshold_mau"].evidence == "V"
    assert line.value("remote_restriction") is True
    assert line.value("pass_through_restrictions") is True


def test_gemma_terms_reserve_remote_restriction(catalog):
    # G1: Google "reserves the right to restrict (remotely or otherwise) usage".
    for line_id in ("gemma-1", "gemma-2", "gemma-3"):
        assert catalog.get(line_id).value("remote_restriction") is True
    assert catalog.get("gemma-4").value("remote_restriction") is False


def test_tokenizer_and_context_per_line(catalog):
    expected = {
        "llama-2": ("llama-2", 4096),
        "llama-3": ("llama-3", 8192),
        "llama-3.1": ("llama-3", 131072),
        "llama-4": ("llama-4", 10_000_000),
        "openllama-v2": ("openllama", 2048),
        "mistral-7b": ("mistral-v1", 32768),
        "mistral-7b-v0.3": ("mistral-v3", 32768),
        "mistral-nemo": ("mistral-tekken", 131072),
        "gemma-2": ("gemma", 8192),
        "gemma-3": ("gemma-3", 131072),
        "gemma-4": ("gemma-4", 262144),
        "olmo-2": ("olmo-2", 4096),
        "gpt-oss": ("gpt-oss", 131072),
        "deepseek-mit": ("deepseek-v3", 131072),
        "meta-muse-spark": (None, None),
    }
    for line_id, (tokenizer, context) in expected.items():
        line = catalog.get(line_id)
        assert (line.value("tokenizer"), line.value("context_tokens")) == (tokenizer, context), line_id


def test_update_horizons(catalog):
    assert catalog.get("llama-3.3").value("update_horizon") == "frozen"  # no open Llama after Llama 4 (MS1)
    assert catalog.get("openllama-v2").value("update_horizon") == "ended"  # O1, last commit 2023-07-16
    assert catalog.get("gemma-4").value("update_horizon") == "active"
    assert catalog.get("openai-gpt").value("update_horizon") == "vendor-controlled"


def test_fully_open_training_data(catalog):
    assert catalog.get("olmo-2").value("training_data_open") == "full"  # OL1
    assert catalog.get("openllama-v1").value("training_data_open") == "full"  # O1 (RedPajama)
    assert catalog.get("llama-3.1").value("training_data_open") == "none"


def test_a_fact_citing_an_unknown_source_is_rejected():
    data = copy.deepcopy(_raw())
    data["lines"][0]["facts"]["license"]["src"] = ["NOPE9"]
    with pytest.raises(CatalogError, match="NOPE9"):
        parse_catalog(data)


def test_a_fact_without_checked_on_date_is_rejected():
    data = copy.deepcopy(_raw())
    del data["lines"][0]["facts"]["license"]["checked_on"]
    with pytest.raises(CatalogError, match="checked_on"):
        parse_catalog(data)


def test_an_unknown_tokenizer_family_is_rejected():
    data = copy.deepcopy(_raw())
    data["lines"][0]["facts"]["tokenizer"]["value"] = "llama2"
    with pytest.raises(CatalogError, match="tokenizer"):
        parse_catalog(data)


_LINE = ["lines", 0]
_LICENSE = [*_LINE, "facts", "license"]


@pytest.mark.parametrize(
    ("where", "key", "value", "message"),
    [
        (
            _LICENSE,
            "checked_on",
            "2025-02-30",
            "lines/0/facts/license/checked_on: '2025-02-30' is not a 'date'",
        ),
        (_LINE, "model_card_url", "not a uri", "lines/0/model_card_url: 'not a uri' is not a 'uri'"),
        (_LICENSE, "checked_on", None, "lines/0/facts/license: 'checked_on' is a required property"),
        ([], "extra", 1, "<root>: Additional properties are not allowed ('extra' was unexpected)"),
        (
            [*_LINE, "facts", "tokenizer"],
            "value",
            "llama2",
            (
                "lines/0/facts/tokenizer/value: 'llama2' is not one of ['llama-2', 'llama-3', 'llama-4', 'openllama', "
                "'mistral-v1', 'mistral-v3', 'mistral-tekken', 'gemma', 'gemma-3', 'gemma-4', 'qwen2', 'phi-3', 'phi-4', "
                "'gpt2', 'deepseek-v3', 'deepseek-llm', 'falcon', 'olmo-2', 'gpt-oss', 'command-r', None]"
            ),
        ),
    ],
)
def test_a_schema_error_names_where_in_jsonschema_words(where, key, value, message):
    # Checked with fastjsonschema at run time: formats (date, uri) and the keywords beside a $ref (each fact's
    # value) still apply, and the message is jsonschema's.
    data = copy.deepcopy(_raw())
    node = data
    for step in where:
        node = node[step]
    if value is None:
        del node[key]
    else:
        node[key] = value
    with pytest.raises(CatalogError) as raised:
        parse_catalog(data)
    assert str(raised.value) == f"model catalog is invalid at {message}"


def test_every_source_is_cited(catalog):
    cited = {s for line in catalog.lines for fact in line.facts.values() for s in fact.src}
    assert set(catalog.sources) == cited


DOCS = Path(__file__).resolve().parents[2] / "docs" / "receipts.md"


@pytest.mark.skipif(not DOCS.is_file(), reason="docs/ is only in a source checkout")
def test_docs_list_every_line_and_source(catalog):
    text = DOCS.read_text(encoding="utf-8")
    for line in catalog.lines:
        assert f"| `{line.id}` |" in text, line.id
    for key in catalog.sources:
        assert f"| {key} |" in text, key
