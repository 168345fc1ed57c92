"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from sovmigrate.findings import ScanResult


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_github(result: ScanResult) -> str:
    lines = []
    for f in result.findings:
        command = "error" if f.level == "error" else "warning" if f.level == "warning" else "notice"
        lines.append(
            f"::{command} title=sovmigrate ({f.rule}),file={f.path},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column}::{_escape(f.rule + ' ' + f.message)}"
        )
    for e in result.errors:
        lines.append(f"::error title=sovmigrate ({e.code}),file={e.path}::{_escape(e.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
