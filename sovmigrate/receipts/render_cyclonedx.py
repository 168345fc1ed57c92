"""Receipts as a CycloneDX 1.6 ML-BOM: one ``machine-learning-model`` component per catalog line.

Built as plain dicts (the ``cyclonedx-python-lib`` model classes drop ``modelCard``). Custom licences are
``LicenseRef-`` expressions, because ``license.id`` only accepts SPDX list ids. Facts without a native slot
go into ``sovmigrate:receipt.*`` properties; nothing custom goes inside ``modelCard`` except its own
``properties``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sovmigrate import __version__
from sovmigrate.receipts.build import Receipt, ReceiptSet
from sovmigrate.receipts.tiers import is_osi

PREFIX = "sovmigrate:receipt."
# catalog fact -> property name suffix
PROPERTY_FACTS = {
    "license_name": "licenseName",
    "open_weights": "openWeights",
    "commercial_use": "commercialUse",
    "user_threshold_mau": "mauThreshold",
    "attribution": "attribution",
    "derivative_name_prefix": "derivativeNamePrefix",
    "aup": "aup",
    "aup_mutable": "aupMutable",
    "remote_restriction": "remoteRestriction",
    "pass_through_restrictions": "passThroughRestrictions",
    "outputs_train_other_models": "outputsTrainOtherModels",
    "derivatives": "derivatives",
    "redistribution": "redistribution",
    "regional_exclusions": "regionalExclusions",
    "export_control": "exportControl",
    "release_date": "releaseDate",
    "latest_in_family": "latestInFamily",
    "update_horizon": "updateHorizon",
    "training_data_open": "trainingDataOpen",
    "local_run": "localRun",
    "gguf": "gguf",
    "policy_risk": "policyRisk",
}


def to_cyclonedx(
    result: ReceiptSet,
    *,
    app_name: str = "project",
    serial: uuid.UUID | None = None,
    timestamp: str | None = None,
) -> dict[str, Any]:
    """A CycloneDX 1.6 BOM (JSON-ready dict) in which ``app_name`` depends on every resolved model."""
    metadata: dict[str, Any] = {
        "tools": {"components": [{"type": "application", "name": "sovmigrate", "version": __version__}]},
        "component": {"type": "application", "bom-ref": "app", "name": app_name},
        "properties": [{"name": f"{PREFIX}catalogVersion", "value": result.catalog.version}],
    }
    if timestamp:
        metadata["timestamp"] = timestamp
    metadata["properties"] += [{"name": f"{PREFIX}unknownIdentifier", "value": u.id} for u in result.unknown]
    components = [_component(r, result) for r in result.receipts]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{serial or uuid.uuid4()}",
        "version": 1,
        "metadata": metadata,
        "components": components,
        "dependencies": [{"ref": "app", "dependsOn": [c["bom-ref"] for c in components]}]
        + [{"ref": c["bom-ref"]} for c in components],
    }


def _component(receipt: Receipt, result: ReceiptSet) -> dict[str, Any]:
    line = receipt.line
    component: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": f"model:{line.id}",
        "supplier": {"name": line.developer},
        "name": line.name,
        "description": f"{line.family} model line '{line.id}' ({', '.join(line.variants)})",
        "licenses": _licenses(line.value("license")),
        "externalReferences": _references(receipt, result),
        "modelCard": _model_card(receipt),
        "properties": _properties(receipt),
    }
    occurrences = [
        _occurrence(loc.path, loc.line, loc.column, ident.id)
        for ident in receipt.identifiers
        for loc in ident.locations
    ]
    if occurrences:
        component["evidence"] = {"occurrences": occurrences}
    return component


def _licenses(expression: str) -> list[dict[str, Any]]:
    if is_osi(expression) and " " not in expression:
        return [{"license": {"id": expression, "acknowledgement": "declared"}}]
    return [{"expression": expression, "acknowledgement": "declared"}]


def _references(receipt: Receipt, result: ReceiptSet) -> list[dict[str, str]]:
    line = receipt.line
    refs = []
    if line.model_card_url:
        refs.append({"type": "model-card", "url": line.model_card_url})
    license_source = result.catalog.sources[line.facts["license"].src[0]]
    refs.append({"type": "license", "url": license_source.url, "comment": license_source.title})
    cited = dict.fromkeys(s for fact in line.facts.values() for s in fact.src)
    for key in cited:
        source = result.catalog.sources[key]
        refs.append(
            {"type": "evidence", "url": source.url, "comment": f"[{key}] {source.kind}: {source.title}"}
        )
    return refs


def _model_card(receipt: Receipt) -> dict[str, Any]:
    line = receipt.line
    limitations = []
    if line.value("context_tokens"):
        limitations.append(f"context length {line.value('context_tokens')} tokens")
    card_properties = [{"name": "sovmigrate:tokenizer.family", "value": str(line.value("tokenizer"))}]
    if line.value("context_tokens"):
        card_properties.append(
            {"name": "sovmigrate:context.tokens", "value": str(line.value("context_tokens"))}
        )
    considerations: dict[str, Any] = {
        "ethicalConsiderations": [
            {"name": c.text, "mitigationStrategy": f"review before migrating (evidence {c.evidence})"}
            for c in receipt.consequences
        ],
    }
    if limitations:
        considerations["technicalLimitations"] = limitations
    return {
        "modelParameters": {"task": "text-generation", "architectureFamily": line.family},
        "considerations": considerations,
        "properties": card_properties,
    }


def _properties(receipt: Receipt) -> list[dict[str, str]]:
    line, tier = receipt.line, receipt.tier
    props = [
        {"name": f"{PREFIX}catalogLine", "value": line.id},
        {"name": f"{PREFIX}tier", "value": str(tier.catalog)},
        {"name": f"{PREFIX}effectiveTier", "value": str(tier.effective)},
        {"name": f"{PREFIX}fullyOpen", "value": str(tier.fully_open).lower()},
    ]
    props += [{"name": f"{PREFIX}tierReason", "value": reason} for reason in tier.reasons]
    for fact_name, suffix in PROPERTY_FACTS.items():
        fact = line.facts[fact_name]
        props.append({"name": f"{PREFIX}{suffix}", "value": _text(fact.value)})
        props.append(
            {
                "name": f"{PREFIX}{suffix}.evidence",
                "value": f"{fact.evidence} {' '.join(fact.src)} checked {fact.checked_on}",
            }
        )
    props += [{"name": f"{PREFIX}identifier", "value": ident.id} for ident in receipt.identifiers]
    return props


def _occurrence(path: str, line: int | None, column: int | None, symbol: str) -> dict[str, Any]:
    occurrence: dict[str, Any] = {"location": path, "symbol": symbol}
    if line is not None:
        occurrence["line"] = line
    if column is not None:
        occurrence["offset"] = column
    return occurrence


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value)
