"""Receipts as JSON following ``sovmigrate/schemas/receipts.v1.json``."""

from __future__ import annotations

from typing import Any

from sovmigrate import __version__
from sovmigrate.receipts.build import Comparison, Location, Receipt, ReceiptSet
from sovmigrate.schemas import schema_id


def to_json(result: ReceiptSet) -> dict[str, Any]:
    """A JSON-ready dict; validate it with ``sovmigrate.schemas.validate(data, "receipts")``."""
    cited = sorted({s for r in result.receipts for f in r.line.facts.values() for s in f.src})
    data: dict[str, Any] = {
        "$schema": schema_id("receipts"),
        "tool": {"name": "sovmigrate", "version": __version__},
        "catalog_version": result.catalog.version,
        "context": {"jurisdiction": result.jurisdiction, "commercial": result.commercial},
        "receipts": [_receipt(r) for r in result.receipts],
        "unknown": [
            {
                "id": u.id,
                "suggestions": list(u.suggestions),
                "locations": [_location(loc) for loc in u.locations],
            }
            for u in result.unknown
        ],
        "sources": {key: _source(result, key) for key in cited},
    }
    if result.comparison is not None:
        data["comparison"] = _comparison(result.comparison)
    return data


def _receipt(receipt: Receipt) -> dict[str, Any]:
    line, tier = receipt.line, receipt.tier
    return {
        "line": line.id,
        "family": line.family,
        "name": line.name,
        "developer": line.developer,
        "variants": list(line.variants),
        "model_card_url": line.model_card_url,
        "identifiers": [
            {"id": i.id, "ecosystem": i.ecosystem, "locations": [_location(loc) for loc in i.locations]}
            for i in receipt.identifiers
        ],
        "tier": {
            "catalog": tier.catalog,
            "effective": tier.effective,
            "reasons": list(tier.reasons),
            "fully_open": tier.fully_open,
            "modifiers": list(tier.modifiers),
        },
        "consequences": [
            {"code": c.code, "text": c.text, "facts": list(c.facts), "evidence": c.evidence}
            for c in receipt.consequences
        ],
        "facts": {name: fact.to_json() for name, fact in line.facts.items()},
    }


def _location(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}


def _source(result: ReceiptSet, key: str) -> dict[str, str]:
    source = result.catalog.sources[key]
    return {"title": source.title, "url": source.url, "kind": source.kind}


def _comparison(comparison: Comparison) -> dict[str, Any]:
    return {
        "source": comparison.source.line.id,
        "target": comparison.target.line.id,
        "gains": list(comparison.gains),
        "losses": list(comparison.losses),
        "changes": [{"fact": name, "source": old, "target": new} for name, old, new in comparison.changes],
    }
