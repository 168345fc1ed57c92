"""One command's worth of analysis: scan, rewrite classification, receipts, tokenizer checks, estimates, gaps."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sovmigrate.config import load_settings
from sovmigrate.errors import UsageError
from sovmigrate.estimate.api import Estimate, estimate_findings
from sovmigrate.estimate.model import load_model
from sovmigrate.estimate.outcomes import DRY_RUN_SOURCE, codemod_outcomes
from sovmigrate.estimate.target import Target, analyse_target, resolve_target, source_families
from sovmigrate.findings import ScanResult
from sovmigrate.plan.gaps import Gap, backend_capabilities, backend_for, site_gaps
from sovmigrate.plan.usage import SiteUse, read_usage
from sovmigrate.receipts import ReceiptSet, receipts
from sovmigrate.receipts.build import Location

Step = Callable[[str], None]


@dataclass
class Plan:
    """Everything the plan reports; the renderers only lay it out."""

    root: Path
    scan: ScanResult
    found: ReceiptSet
    targets: list[Target]
    estimates: list[Estimate]
    usage: list[SiteUse]
    backends: dict[str, dict[str, Any]]
    gaps: dict[str, dict[str, list[Gap]]]  # site fingerprint -> target query -> gaps
    site_backends: dict[str, str]
    outcomes: dict[str, str]
    jurisdiction: str | None
    commercial: bool


def build_plan(
    path: str | os.PathLike[str],
    targets: Sequence[str],
    *,
    model_file: str | os.PathLike[str] | None = None,
    team_size: int | None = None,
    jurisdiction: str | None = None,
    commercial: bool = True,
    backend: str | None = None,
    step: Step | None = None,
) -> Plan:
    """Run every analysis the plan needs, once; ``step(name)`` is called as each stage starts."""
    step = step or (lambda name: None)
    if not targets:
        raise UsageError("a plan needs at least one --target model")
    for query in targets:
        resolve_target(query)  # an unknown target fails before any work
    root = Path(path)
    settings = load_settings(root)
    model = load_model(config_path=settings.config_path, model_file=model_file).with_team(team_size)
    from sovmigrate.scan.runner import scan

    step("scanning")
    result = scan([root], settings)
    step("classifying call sites for the codemods")
    outcomes = codemod_outcomes(result.findings, [root], settings)
    step("receipts for the models found")
    found = receipts(_model_refs(result), jurisdiction=jurisdiction, commercial=commercial)
    families = source_families([ref[0] for ref in _model_refs(result)])
    analysed, estimates = [], []
    with _scan_report(result) as report:
        for query in targets:
            step(f"tokenizers and estimate for {query}")
            target = analyse_target(
                query, families, jurisdiction=jurisdiction, commercial=commercial, scan_report=report
            )
            analysed.append(target)
            estimates.append(
                estimate_findings(
                    result.findings, model, target=target, outcomes=outcomes, source=DRY_RUN_SOURCE
                )
            )
    step("capability gaps per call site")
    usage = read_usage(Path(result.root), result.findings)
    site_backends = {u.finding.fingerprint: backend_for(u.finding.vendor, backend) for u in usage}
    backends = {name: backend_capabilities(name) for name in sorted(set(site_backends.values()))}
    gaps = {
        u.finding.fingerprint: {
            t.query: site_gaps(
                u,
                backends[site_backends[u.finding.fingerprint]],
                site_backends[u.finding.fingerprint],
                t.line.value("context_tokens"),
            )
            for t in analysed
        }
        for u in usage
    }
    return Plan(
        root,
        result,
        found,
        analysed,
        estimates,
        usage,
        backends,
        gaps,
        site_backends,
        outcomes,
        jurisdiction,
        commercial,
    )


def _model_refs(result: ScanResult) -> list[tuple[str, Location]]:
    return [
        (str(f.details["model_id"]), Location(f.path, f.line, f.column))
        for f in result.findings
        if f.details.get("model_id")
    ]


@contextmanager
def _scan_report(result: ScanResult) -> Iterator[Path]:
    """The scan as a findings JSON file, for the tokenizer check's prompt samples; removed afterwards."""
    from sovmigrate.report.json_report import findings_document

    document = findings_document(result)
    document["root"] = str(Path(result.root).resolve())
    with tempfile.TemporaryDirectory(prefix="sovmigrate-plan-") as folder:
        path = Path(folder) / "scan.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        yield path
