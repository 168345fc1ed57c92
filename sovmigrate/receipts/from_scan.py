"""Model identifiers found by the scanner in a path (findings of kind ``model_id``)."""

from __future__ import annotations

import importlib
from pathlib import Path

from sovmigrate.errors import UsageError
from sovmigrate.receipts.build import Location

SCANNER_MODULE = "sovmigrate.scan.runner"


def model_ids_from_path(path: str | Path) -> list[tuple[str, Location]]:
    """Scan ``path`` and return every literal model identifier with where it was found.

    Raises :class:`~sovmigrate.errors.UsageError` while the scanner is not available.
    """
    try:
        scan = importlib.import_module(SCANNER_MODULE).scan
    except (ImportError, AttributeError) as exc:
        raise UsageError(
            "receipts PATH needs the scanner (sovmigrate.scan), which is not available in this build; "
            "pass the identifiers with --model ID instead"
        ) from exc
    result = scan([str(path)])
    return [
        (finding.details["model_id"], Location(str(finding.path), finding.line, finding.column))
        for finding in result.findings
        if finding.kind == "model_id"
    ]
