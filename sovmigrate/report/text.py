"""Human-readable output: ``path:line:col: CODE message`` lines and a grouped summary."""

from __future__ import annotations

from collections import Counter

from sovmigrate.findings import FileError, Finding, ScanResult
from sovmigrate.rules import get_rule


def location(finding: Finding | FileError) -> str:
    cell = f"cell {finding.cell}:" if getattr(finding, "cell", None) is not None else ""
    if finding.line is None:
        return f"{finding.path}:"
    return f"{finding.path}:{cell}{finding.line}:{finding.column}:"


def render_concise(result: ScanResult) -> str:
    """One line per finding and per error, nothing else."""
    lines = [f"{location(f)} {f.rule} {f.message}" for f in result.findings]
    lines += [f"{location(e)} {e.code} {e.message}" for e in result.errors]
    return "\n".join(lines) + ("\n" if lines else "")


def render_text(result: ScanResult) -> str:
    """Finding lines, then a summary grouped by rule, kind and vendor."""
    out = render_concise(result)
    if not result.findings and not result.errors:
        return (
            f"No Llama- or vendor-specific inference code found ({result.stats.files_seen} files scanned).\n"
        )
    by_rule = Counter(f.rule for f in result.findings)
    by_kind = Counter(f.kind for f in result.findings)
    by_vendor = Counter(f.vendor for f in result.findings)
    files = len({f.path for f in result.findings})
    out += (
        f"\nFound {len(result.findings)} findings in {files} files ({result.stats.files_seen} files scanned"
    )
    out += f", {len(result.errors)} could not be analysed).\n" if result.errors else ").\n"
    if by_rule:
        width = max(len(str(n)) for n in by_rule.values())
        out += "\nBy rule:\n"
        for code, count in sorted(by_rule.items()):
            out += f"  {count:>{width}}  {code}  {get_rule(code).name}\n"
        out += "\nBy kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()) + "\n"
        out += "By vendor: " + ", ".join(f"{v} {n}" for v, n in by_vendor.most_common()) + "\n"
    return out
