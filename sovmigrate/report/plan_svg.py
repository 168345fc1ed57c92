"""Inline SVG charts for plan.html: ranges of effort and findings by vendor and kind (layout only)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#db2777", "#4b5563")
LABEL_W, BAR_W, ROW_H, PAD = 290, 440, 26, 12
LEGEND_ROW = 20


def _scale(maximum: float) -> float:
    return BAR_W / maximum if maximum > 0 else 0.0


def _axis(maximum: float, height: float, unit: str) -> str:
    step = _nice_step(maximum)
    ticks = []
    value = 0.0
    while value <= maximum + 1e-9:
        x = LABEL_W + value * _scale(maximum)
        ticks.append(
            f'<line x1="{x:.1f}" y1="{PAD}" x2="{x:.1f}" y2="{height - 18}" class="grid"/>'
            f'<text x="{x:.1f}" y="{height - 4}" class="tick">{value:g}</text>'
        )
        value += step
    ticks.append(f'<text x="{LABEL_W + BAR_W}" y="{PAD - 2}" class="unit">{escape(unit)}</text>')
    return "".join(ticks)


def _nice_step(maximum: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100):
        if maximum / step <= 8:
            return step
    return 200


def _range_bar(y: float, r: dict[str, float], scale: float, color: str, title: str) -> str:
    x10, x50, x90 = (LABEL_W + r[k] * scale for k in ("p10", "p50", "p90"))
    return (
        f'<g class="range"><title>{escape(title)}: P10 {r["p10"]:.1f}, P50 {r["p50"]:.1f}, P90 {r["p90"]:.1f}</title>'
        f'<rect x="{x10:.1f}" y="{y + 5:.1f}" width="{max(x90 - x10, 1.5):.1f}" height="{ROW_H - 10}" rx="3" '
        f'fill="{color}" fill-opacity="0.28" stroke="{color}"/>'
        f'<line x1="{x50:.1f}" y1="{y + 2:.1f}" x2="{x50:.1f}" y2="{y + ROW_H - 2:.1f}" stroke="{color}" stroke-width="3"/>'
        f'<text x="{x90 + 6:.1f}" y="{y + ROW_H / 2 + 4:.1f}" class="value">{r["p50"]:.1f}</text></g>'
    )


def totals_chart(targets: list[dict[str, Any]]) -> Markup:
    """One range bar per target: total engineer-weeks P10-P90 with the P50 marked."""
    maximum = max(t["estimate"]["total"]["p90"] for t in targets) * 1.12
    scale = _scale(maximum)
    height = PAD + ROW_H * len(targets) + 24
    rows = []
    for i, t in enumerate(targets):
        y = PAD + i * ROW_H
        rows.append(
            f'<text x="{LABEL_W - 8}" y="{y + ROW_H / 2 + 4}" class="label">{escape(t["name"])}</text>'
        )
        rows.append(_range_bar(y, t["estimate"]["total"], scale, PALETTE[i % len(PALETTE)], t["name"]))
    return _svg(
        "chart-totals",
        "Total engineer-weeks per target",
        height,
        _axis(maximum, height, "engineer-weeks") + "".join(rows),
    )


def workstream_chart(targets: list[dict[str, Any]]) -> Markup:
    """Per workstream, one range bar per target."""
    names = [w["name"] for w in targets[0]["estimate"]["workstreams"]]
    maximum = max(w["effort"]["p90"] for t in targets for w in t["estimate"]["workstreams"]) * 1.15 or 1
    scale = _scale(maximum)
    group = ROW_H * len(targets) * 0.75 + 10
    height = PAD + group * len(names) + 24
    rows = []
    for i, name in enumerate(names):
        top = PAD + i * group
        rows.append(
            f'<text x="{LABEL_W - 8}" y="{top + group / 2 + 2:.1f}" class="label">{escape(name)}</text>'
        )
        for j, t in enumerate(targets):
            y = top + j * ROW_H * 0.75
            effort = t["estimate"]["workstreams"][i]["effort"]
            rows.append(_range_bar(y, effort, scale, PALETTE[j % len(PALETTE)], f"{name} - {t['name']}"))
    names_legend = [t["name"] for t in targets]
    legend = _legend(names_legend, height)
    return _svg(
        "chart-workstreams",
        "Engineer-weeks by workstream",
        height + legend_height(names_legend),
        _axis(maximum, height, "engineer-weeks") + "".join(rows) + legend,
    )


def findings_chart(by_vendor_kind: list[dict[str, Any]]) -> Markup:
    """Stacked bars: findings per vendor, split by kind."""
    vendors: dict[str, dict[str, int]] = defaultdict(dict)
    for row in by_vendor_kind:
        vendors[row["vendor"]][row["kind"]] = row["count"]
    order = sorted(vendors, key=lambda v: -sum(vendors[v].values()))
    kinds = sorted({row["kind"] for row in by_vendor_kind})
    color = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(kinds)}
    maximum = max((sum(v.values()) for v in vendors.values()), default=1) * 1.1
    scale = _scale(maximum)
    height = PAD + ROW_H * len(order) + 24
    rows = []
    for i, vendor in enumerate(order):
        y, x = PAD + i * ROW_H, float(LABEL_W)
        rows.append(f'<text x="{LABEL_W - 8}" y="{y + ROW_H / 2 + 4}" class="label">{escape(vendor)}</text>')
        for kind in kinds:
            count = vendors[vendor].get(kind, 0)
            if count:
                width = count * scale
                rows.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="{ROW_H - 8}" fill="{color[kind]}">'
                    f"<title>{escape(vendor)}: {count} {escape(kind)}</title></rect>"
                )
                x += width
        rows.append(
            f'<text x="{x + 6:.1f}" y="{y + ROW_H / 2 + 4}" class="value">{sum(vendors[vendor].values())}</text>'
        )
    legend = _legend(kinds, height, [color[k] for k in kinds])
    return _svg(
        "chart-findings",
        "Findings by vendor and kind",
        height + legend_height(kinds),
        _axis(maximum, height, "findings") + "".join(rows) + legend,
    )


def _legend(labels: list[str], y: float, colors: list[str] | None = None) -> str:
    """Legend items in rows that fit under the bars."""
    colors = colors or [PALETTE[i % len(PALETTE)] for i in range(len(labels))]
    items, x, row = [], float(LABEL_W), 0
    for label, c in zip(labels, colors):
        width = 24 + 6.5 * len(label)
        if x + width > LABEL_W + BAR_W + 40 and x > LABEL_W:
            x, row = float(LABEL_W), row + 1
        top = y + row * LEGEND_ROW
        items.append(
            f'<rect x="{x:.1f}" y="{top + 6}" width="12" height="12" fill="{c}"/>'
            f'<text x="{x + 16:.1f}" y="{top + 16}" class="legend">{escape(label)}</text>'
        )
        x += width
    return "".join(items)


def legend_height(labels: list[str]) -> float:
    rows, x = 1, 0.0
    for label in labels:
        width = 24 + 6.5 * len(label)
        if x + width > BAR_W + 40 and x > 0:
            rows, x = rows + 1, 0.0
        x += width
    return rows * LEGEND_ROW + 4


def _svg(ident: str, title: str, height: float, body: str) -> Markup:
    width = LABEL_W + BAR_W + 60
    return Markup(
        f'<svg id="{ident}" class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )
