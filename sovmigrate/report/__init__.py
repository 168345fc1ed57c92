"""Renderers: turn a ScanResult into text, JSON, SARIF or GitHub annotations. They compute nothing."""

from __future__ import annotations

from collections.abc import Callable

from sovmigrate.findings import ScanResult

FORMATS = ("text", "concise", "json", "sarif", "github")


def renderer(name: str) -> Callable[[ScanResult], str]:
    """The render function for output format ``name``."""
    if name in ("text", "concise"):
        from sovmigrate.report.text import render_concise, render_text

        return render_text if name == "text" else render_concise
    if name == "json":
        from sovmigrate.report.json_report import render_json

        return render_json
    if name == "sarif":
        from sovmigrate.report.sarif import render_sarif

        return render_sarif
    if name == "github":
        from sovmigrate.report.github import render_github

        return render_github
    raise ValueError(f"unknown output format {name!r}; choose from {', '.join(FORMATS)}")
