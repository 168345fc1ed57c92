"""The plan as one JSON document (``sovmigrate/schemas/plan.v1.json``): what plan.md and plan.html render."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sovmigrate import __version__
from sovmigrate.estimate.render_json import to_json as estimate_json
from sovmigrate.estimate.target import Target
from sovmigrate.plan.build import Plan
from sovmigrate.receipts.render_json import to_json as receipts_json
from sovmigrate.schemas import schema_id

MAX_TOKENIZER_FINDINGS = 8


def plan_document(plan: Plan, *, created: datetime | None = None) -> dict[str, Any]:
    """A JSON-ready dict; validate it with ``sovmigrate.schemas.validate(data, "plan")``."""
    result = plan.scan
    return {
        "$schema": schema_id("plan"),
        "tool": {"name": "sovmigrate", "version": __version__},
        "created": (created or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "root": str(Path(result.root).resolve()),
        "context": {"jurisdiction": plan.jurisdiction, "commercial": plan.commercial},
        "scan": _scan(plan),
        "targets": [_target(t, e) for t, e in zip(plan.targets, plan.estimates)],
        "receipts": receipts_json(plan.found),
        "capabilities": {"backends": plan.backends, "sites": _gap_sites(plan)},
        "sites": _sites(plan),
    }


def _scan(plan: Plan) -> dict[str, Any]:
    findings = plan.scan.findings
    pairs = Counter((f.vendor, f.kind) for f in findings)
    return {
        "files_scanned": plan.scan.stats.files_seen,
        "files_with_findings": len({f.path for f in findings}),
        "findings": len(findings),
        "errors": [e.to_dict() for e in plan.scan.errors],
        "by_vendor_kind": [
            {"vendor": vendor, "kind": kind, "count": count}
            for (vendor, kind), count in sorted(pairs.items())
        ],
    }


def _target(target: Target, estimate: Any) -> dict[str, Any]:
    receipt = target.receipt
    return {
        "query": target.query,
        "line": target.line.id,
        "name": target.line.name,
        "license": target.line.value("license"),
        "license_name": target.line.value("license_name"),
        "tier": receipt.tier.effective,
        "tier_reasons": list(receipt.tier.reasons),
        "context_tokens": target.line.value("context_tokens"),
        "consequences": [c.text for c in receipt.consequences],
        "tokenizer": [_pair(p) for p in target.pairs],
        "estimate": estimate_json(estimate),
    }


def _pair(pair: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": pair.source,
        "target": pair.target,
        "compatibility": pair.compatibility,
        "measured": pair.measured,
        "missing": pair.missing,
        "findings": [],
        "inflation": None,
    }
    if pair.report is not None:
        out["findings"] = [
            {k: f[k] for k in ("id", "severity", "consequence", "action")}
            for f in pair.report["findings"][:MAX_TOKENIZER_FINDINGS]
        ]
        inflation = pair.report.get("inflation")
        if inflation:
            out["inflation"] = {k: inflation.get(k) for k in ("ratio_total", "ratio_p95", "samples")}
    return out


def _gap_sites(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for use in plan.usage:
        f = use.finding
        out.append(
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "text": f.text or f.api,
                "vendor": f.vendor,
                "backend": plan.site_backends[f.fingerprint],
                "uses": [{"feature": k, "evidence": v} for k, v in use.evidence.items()],
                "sampling": list(use.sampling),
                "context_tokens": use.context_tokens,
                "gaps": {
                    query: [g.to_json() for g in gaps] for query, gaps in plan.gaps[f.fingerprint].items()
                },
            }
        )
    return out


def _sites(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for f in plan.scan.findings:
        item = {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "rule": f.rule,
            "kind": f.kind,
            "vendor": f.vendor,
            "text": f.text or f.api,
            "message": f.message,
            "effort_driver": f.effort_driver,
            "migration": plan.outcomes.get(f.fingerprint, "manual"),
            "nested": f.enclosing is not None,
        }
        if f.cell is not None:
            item["cell"] = f.cell
        out.append(item)
    return out
