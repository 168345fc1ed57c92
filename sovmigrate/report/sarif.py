"""SARIF 2.1.0 output for code-scanning dashboards (GitHub, GitLab, Azure DevOps)."""

from __future__ import annotations

import json
from typing import Any

from sovmigrate import __version__
from sovmigrate.findings import ScanResult
from sovmigrate.rules import CATALOG, Rule

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
DOCS = "https://github.com/sovmigrate/sovmigrate/blob/main/docs/rules/{code}.md"


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.docs.what},
        "fullDescription": {"text": rule.docs.why},
        "helpUri": DOCS.format(code=rule.code),
        "defaultConfiguration": {"level": rule.level.value},
        "properties": {
            "kind": rule.kind.value,
            "vendor": rule.vendor,
            "fix": rule.fix.value,
            "tags": [rule.kind.value, rule.vendor],
        },
    }


def sarif_document(result: ScanResult) -> dict[str, Any]:
    used = sorted({f.rule for f in result.findings})
    rules = [r for r in CATALOG if r.code in used]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in result.findings:
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
        }
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": region,
            }
        }
        properties: dict[str, Any] = {"kind": f.kind, "vendor": f.vendor, "api": f.api, "fixable": f.fixable}
        if f.cell is not None:
            properties["cell"] = f.cell
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": f.level,
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {"sovmigrate/v2": f.fingerprint},
                "properties": properties,
            }
        )
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{e.code} {e.message}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": e.path, "uriBaseId": "%SRCROOT%"}}}
            ],
        }
        for e in result.errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sovmigrate",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/sovmigrate/sovmigrate",
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": result_root_uri(result.root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def result_root_uri(root: str) -> str:
    from pathlib import Path

    return Path(root).resolve().as_uri() + "/"


def render_sarif(result: ScanResult) -> str:
    return json.dumps(sarif_document(result), indent=2, ensure_ascii=False) + "\n"
