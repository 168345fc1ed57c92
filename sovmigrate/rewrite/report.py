"""Render a rewrite result: one line per site, tables per rule and per file, and ruff-style hints."""

from __future__ import annotations

from sovmigrate.rewrite.result import CHANGED, Counts, Outcome, RewriteResult
from sovmigrate.rules.model import FixSafety

_COLUMNS = ("fixed", "unsafe skipped", "manual")


def render_text(result: RewriteResult, *, would: bool = False) -> str:
    """The text report; ``would`` words it for a run that wrote nothing (``--diff``, ``--check``)."""
    lines = [_site_line(outcome, would) for outcome in result.outcomes]
    lines += [f"error: {f.path}: {f.error}" for f in result.errors]
    if result.outcomes:
        lines += ["", *_table("rule", result.counts_by_rule), "", *_table("file", result.counts_by_file)]
    lines += ["", _summary(result, would), *_hints(result)]
    return "\n".join(lines).lstrip("\n") + "\n"


def render_diff(result: RewriteResult) -> str:
    """The unified diffs of every changed file, in path order."""
    return "".join(f.diff for f in result.files if f.status == CHANGED)


def _site_line(outcome: Outcome, would: bool) -> str:
    where = f"{outcome.path}:cell {outcome.cell}:" if outcome.cell is not None else f"{outcome.path}:"
    if outcome.applied:
        what = "would be fixed" if would else "fixed"
        what += " (unsafe)" if outcome.safety is FixSafety.UNSAFE else ""
    elif outcome.safety is FixSafety.UNSAFE:
        what = "unsafe fix not applied"
    else:
        what = "manual"
    reason = f": {outcome.reason}" if outcome.reason else ""
    return f"{where}{outcome.line}:{outcome.column}: {outcome.rule} {what}{reason}"


def _table(title: str, groups: dict[str, Counts]) -> list[str]:
    width = max(len(title), *(len(key) for key in groups))
    header = f"{title:<{width}}  " + "  ".join(_COLUMNS)
    rows = [
        f"{key:<{width}}  {c.fixed:>{len(_COLUMNS[0])}}  {c.skipped_unsafe:>{len(_COLUMNS[1])}}  {c.manual:>{len(_COLUMNS[2])}}"
        for key, c in groups.items()
    ]
    return [header, *rows]


def _summary(result: RewriteResult, would: bool) -> str:
    counts = result.counts
    fixed = f"{'Would fix' if would else 'Fixed'} {_plural(counts.fixed, 'site')}"
    if counts.fixed_unsafe:
        fixed += f" ({counts.fixed_unsafe} by unsafe fixes)"
    parts = [fixed]
    if counts.skipped_unsafe:
        parts.append(f"{_plural(counts.skipped_unsafe, 'unsafe fix', 'unsafe fixes')} not applied")
    if counts.manual:
        parts.append(f"{_plural(counts.manual, 'site')} left for manual work")
    changed = len(result.changed)
    parts.append(f"{'would rewrite' if would else 'rewrote'} {_plural(changed, 'file')}")
    if result.errors:
        parts.append(f"{_plural(len(result.errors), 'file')} with errors left as they are")
    return ", ".join(parts) + "."


def _hints(result: RewriteResult) -> list[str]:
    counts, hints = result.counts, []
    if counts.skipped_unsafe and not result.unsafe:
        hidden = _plural(counts.skipped_unsafe, "hidden fix", "hidden fixes")
        hints.append(f"{hidden} can be enabled with --unsafe (they may change behaviour: read each reason).")
    if counts.manual and not result.annotate:
        hints.append(
            "--annotate adds a `# sovmigrate: TODO(SOVxxx): reason` comment above each site left for manual work."
        )
    return hints


def _plural(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
