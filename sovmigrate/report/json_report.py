"""The findings JSON document (schema ``findings.v2.json``; :func:`sovmigrate.findings.read_findings` reads v1 too)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sovmigrate import __version__
from sovmigrate.findings import FINDINGS_VERSION, ScanResult
from sovmigrate.rules import catalog_version
from sovmigrate.schemas import schema_id


def findings_document(result: ScanResult) -> dict[str, Any]:
    """The JSON-ready document for a scan result."""
    return {
        "$schema": schema_id("findings", FINDINGS_VERSION),
        "schema_version": FINDINGS_VERSION,
        "tool": {"name": "sovmigrate", "version": __version__, "catalog": catalog_version()},
        "root": result.root,
        "summary": {
            "findings": len(result.findings),
            "errors": len(result.errors),
            "files_scanned": result.stats.files_seen,
            "files_with_findings": len({f.path for f in result.findings}),
            "by_rule": dict(sorted(Counter(f.rule for f in result.findings).items())),
            "by_kind": dict(sorted(Counter(f.kind for f in result.findings).items())),
            "by_vendor": dict(sorted(Counter(f.vendor for f in result.findings).items())),
        },
        "findings": [f.to_dict() for f in result.findings],
        "errors": [e.to_dict() for e in result.errors],
    }


def render_json(result: ScanResult) -> str:
    return json.dumps(findings_document(result), indent=2, ensure_ascii=False) + "\n"
