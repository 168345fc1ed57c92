"""plan.html: the plan document (plan.v1) as one self-contained page (inline CSS, JS and SVG; no request leaves it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sovmigrate.report.plan_svg import findings_chart, totals_chart, workstream_chart
from sovmigrate.report.plan_text import (
    FEATURE_LABELS,
    key_points,
    site_advice,
    target_actions,
    tokenizer_matrix,
    workstream_rows,
)

TEMPLATE = "plan.html.j2"


def render_html(doc: dict[str, Any], *, output_dir: Path | None = None) -> str:
    """The page; site links are relative to ``output_dir`` (where plan.html is written) when given."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sovmigrate.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    root = Path(doc["root"])
    targets = doc["targets"]
    charts = {
        "totals": totals_chart(targets),
        "workstreams": workstream_chart(targets),
        "findings": findings_chart(doc["scan"]["by_vendor_kind"]),
    }
    return env.get_template(TEMPLATE).render(
        doc=doc,
        project=root.name or str(root),
        charts=charts,
        workstreams=workstream_rows(targets),
        labels=FEATURE_LABELS,
        points=key_points(doc),
        tokenizers=tokenizer_matrix(doc),
        actions_of=target_actions,
        advice_of=site_advice,
        link=lambda path: _link(root / path, output_dir),
    )


def _link(target: Path, output_dir: Path | None) -> str:
    """A relative link from the page to a scanned file (an absolute file URI when none can be made)."""
    if output_dir is not None:
        try:
            return Path(os.path.relpath(target, output_dir.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            pass
    return target.as_uri()
