"""Every output format validates against its schema; CycloneDX against the library's bundled 1.6 schema, offline."""

from __future__ import annotations

import json
import uuid
from importlib import resources

import jsonschema
import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from referencing import Registry
from referencing.jsonschema import DRAFT7
from rich.console import Console

from sovmigrate.receipts import Location, compare, receipts
from sovmigrate.receipts.render_cyclonedx import to_cyclonedx
from sovmigrate.receipts.render_json import to_json
from sovmigrate.receipts.render_text import render_text
from sovmigrate.schemas import schema_id, validate

MODELS = [
    ("meta-llama/Llama-3.1-8B-Instruct", Location("app/chat.py", 12, 8)),
    ("llama3.1:8b", Location("docker/ollama.sh", 3, None)),
    ("us.meta.llama3-2-11b-instruct-v1:0", Location("app/vision.py", 40, 17)),
    ("Qwen/Qwen2.5-72B-Instruct", None),
    ("google/gemma-2-9b-it", None),
    ("openai/gpt-oss-20b", None),
    ("gpt-4o", None),
    ("my-org/secret-model", Location("app/x.py", 1, 0)),
]


@pytest.fixture
def result():
    return receipts(MODELS, jurisdiction="EU")


def test_json_follows_the_receipts_schema(result):
    data = to_json(result)
    validate(data, "receipts")
    assert data["$schema"] == schema_id("receipts")


def test_json_groups_identifiers_by_line_and_keeps_locations(result):
    data = to_json(result)
    llama = next(r for r in data["receipts"] if r["line"] == "llama-3.1")
    assert [i["id"] for i in llama["identifiers"]] == ["meta-llama/Llama-3.1-8B-Instruct", "llama3.1:8b"]
    assert llama["identifiers"][0]["locations"] == [{"path": "app/chat.py", "line": 12, "column": 8}]
    assert data["unknown"][0]["id"] == "my-org/secret-model"
    vision = next(r for r in data["receipts"] if r["line"] == "llama-3.2-vision")
    assert vision["tier"]["effective"] == 3


def test_json_carries_every_fact_with_source_and_date(result):
    data = to_json(result)
    fact = data["receipts"][0]["facts"]["user_threshold_mau"]
    assert fact["value"] == 700_000_000
    assert fact["src"] == ["M1"]
    assert fact["evidence"] == "V"
    assert fact["checked_on"]
    assert "M1" in data["sources"]


def test_json_comparison_follows_the_schema():
    data = to_json(compare("meta-llama/Llama-3.1-8B-Instruct", "allenai/OLMo-2-1124-13B-Instruct"))
    validate(data, "receipts")
    assert data["comparison"]["source"] == "llama-3.1"
    assert data["comparison"]["target"] == "olmo-2"
    assert "sovereignty tier 2 -> 1" in data["comparison"]["gains"]
    assert "training data openness none -> full" in data["comparison"]["gains"]
    assert "shorter context (131072 -> 4096 tokens)" in data["comparison"]["losses"]


def test_a_broken_receipt_fails_the_schema(result):
    data = to_json(result)
    data["receipts"][0]["tier"]["effective"] = 4
    with pytest.raises(jsonschema.ValidationError):
        validate(data, "receipts")


def _bom(result) -> dict:
    return to_cyclonedx(result, app_name="demo", serial=uuid.UUID(int=1), timestamp="2026-11-25T00:00:00Z")


def test_cyclonedx_is_valid_against_the_bundled_1_6_schema_offline(no_network, result):
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(_bom(result))) is None


def _bundled(name: str) -> dict:
    return json.loads(resources.files("cyclonedx.schema._res").joinpath(name).read_text(encoding="utf-8"))


def test_cyclonedx_is_valid_against_the_schema_files_with_a_local_registry(no_network, result):
    prefix = "http://cyclonedx.org/schema/"
    registry = Registry().with_resources(
        (prefix + name, DRAFT7.create_resource(_bundled(name)))
        for name in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json")
    )
    validator = jsonschema.Draft7Validator(_bundled("bom-1.6.SNAPSHOT.schema.json"), registry=registry)
    validator.validate(_bom(result))


def test_the_cyclonedx_validator_rejects_a_non_spdx_licence_id(no_network, result):
    bom = _bom(result)
    bom["components"][0]["licenses"] = [{"license": {"id": "Llama-3.1"}}]
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(bom)) is not None


def test_cyclonedx_has_one_model_component_per_line_with_licence_card_and_provenance(result):
    bom = _bom(result)
    models = [c for c in bom["components"] if c["type"] == "machine-learning-model"]
    assert [c["bom-ref"] for c in models] == [
        "model:llama-3.1",
        "model:llama-3.2-vision",
        "model:qwen2.5-72b",
        "model:gemma-2",
        "model:gpt-oss",
        "model:openai-gpt",
    ]
    by_ref = {c["bom-ref"]: c for c in models}
    assert by_ref["model:gpt-oss"]["licenses"] == [
        {"license": {"id": "Apache-2.0", "acknowledgement": "declared"}}
    ]
    assert by_ref["model:llama-3.1"]["licenses"] == [
        {"expression": "LicenseRef-Llama-3.1-Community", "acknowledgement": "declared"}
    ]
    llama = by_ref["model:llama-3.1"]
    assert {
        "type": "model-card",
        "url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md",
    } in llama["externalReferences"]
    assert any(
        r["type"] == "evidence" and r["comment"].startswith("[M1] primary")
        for r in llama["externalReferences"]
    )
    props = {p["name"]: p["value"] for p in llama["properties"]}
    assert props["sovmigrate:receipt.mauThreshold"] == "700000000"
    assert props["sovmigrate:receipt.tier"] == "2"
    assert props["sovmigrate:receipt.updateHorizon"] == "frozen"
    assert llama["evidence"]["occurrences"][0] == {
        "location": "app/chat.py",
        "symbol": "meta-llama/Llama-3.1-8B-Instruct",
        "line": 12,
        "offset": 8,
    }
    assert bom["dependencies"][0] == {"ref": "app", "dependsOn": [c["bom-ref"] for c in models]}
    assert {"name": "sovmigrate:receipt.unknownIdentifier", "value": "my-org/secret-model"} in bom[
        "metadata"
    ]["properties"]


def test_text_report_names_tier_consequences_and_unknowns(result):
    console = Console(record=True, width=200)
    render_text(result, console)
    text = console.export_text()
    assert "Llama 3.2 Vision [llama-3.2-vision] - tier 3 (catalog tier 2)" in text
    assert "no rights for EU companies to this model" in text
    assert "unknown model identifier 'my-org/secret-model': not in the catalog" in text
    assert "modifiers: update_horizon=frozen" in text


def test_text_report_marks_fully_open_models():
    console = Console(record=True, width=200)
    render_text(receipts(["allenai/OLMo-2-1124-13B-Instruct"]), console)
    assert "OLMo 2 [olmo-2] - tier 1, fully open" in console.export_text()


def test_text_comparison_lists_gains_and_losses():
    console = Console(record=True, width=200)
    render_text(compare("llama3.1:8b", "qwen3:8b"), console)
    text = console.export_text()
    assert "+ sovereignty tier 2 -> 1" in text
    assert "- tokenizer changes (llama-3 -> qwen2)" in text
