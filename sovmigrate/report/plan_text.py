"""Wording shared by the plan's Markdown, HTML and terminal summary (formatting only)."""

from __future__ import annotations

from typing import Any

TIER_LABELS = {1: "open, no strings", 2: "open weights, restrictive terms", 3: "not sovereign"}
FEATURE_LABELS = {
    "streaming": "streaming",
    "tools": "tools",
    "json_schema": "JSON / grammar",
    "logprobs": "logprobs",
    "embeddings": "embeddings",
    "lora": "LoRA",
    "multimodal": "images",
    "context_length": "context size",
    "sampling": "sampling",
}


def ew(value: float) -> str:
    return f"{value:.1f}"


def span(r: dict[str, float]) -> str:
    return f"{ew(r['p50'])} ({ew(r['p10'])}-{ew(r['p90'])})"


def headline(target: dict[str, Any]) -> str:
    e = target["estimate"]
    cal = e["calendar"]
    return (
        f"**{target['name']}** (tier {target['tier']}, {target['license_name']}): "
        f"{ew(e['total']['p50'])} engineer-weeks (P10 {ew(e['total']['p10'])}, P90 {ew(e['total']['p90'])}), "
        f"{ew(cal['weeks']['p50'])} calendar weeks with {cal['engineers']} engineers"
    )


def workstream_rows(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per workstream: its name, each target's span, and the first target's main drivers."""
    first = targets[0]["estimate"]
    drivers = {d["id"]: d for d in first["drivers"]}
    rows = []
    for index, w in enumerate(first["workstreams"]):
        top = sorted(
            (drivers[i] for i in w["drivers"] if drivers[i]["count"]), key=lambda d: -d["contribution"]
        )[:3]
        rows.append(
            {
                "id": w["id"],
                "name": w["name"],
                "spans": [span(t["estimate"]["workstreams"][index]["effort"]) for t in targets],
                "drivers": ", ".join(f"{d['count']:g} {d['id']}" for d in top),
            }
        )
    return rows


def gap_summary(gaps: list[dict[str, str]]) -> str:
    if not gaps:
        return "ok"
    return "; ".join(f"{g['status']}: {g['detail']}" for g in gaps)


def key_points(doc: dict[str, Any]) -> list[str]:
    """The few sentences a reader takes away: cheapest target, biggest workstreams, licence and gap risks."""
    targets = doc["targets"]
    best = min(targets, key=lambda t: (t["tier"], t["estimate"]["total"]["p50"]))
    e = best["estimate"]
    largest = sorted(e["workstreams"], key=lambda w: -w["effort"]["p50"])[:2]
    points = [
        (
            f"Lowest-risk target: {best['name']} (tier {best['tier']}), {ew(e['total']['p50'])} engineer-weeks at "
            f"P50 and {ew(e['total']['p90'])} at P90, about {ew(e['calendar']['weeks']['p50'])} calendar weeks for "
            f"{e['calendar']['engineers']} engineers."
        ),
        "Most of the work: "
        + " and ".join(f"{w['name']} ({ew(w['effort']['p50'])} EW)" for w in largest)
        + ".",
    ]
    restricted = [r for r in doc["receipts"]["receipts"] if r["tier"]["effective"] > 1]
    if restricted:
        names = ", ".join(r["name"] for r in restricted)
        points.append(
            f"{len(restricted)} model line(s) in use today carry restrictive or revocable terms: {names}."
        )
    gaps = {
        t["name"]: sum(
            1 for s in doc["capabilities"]["sites"] for g in s["gaps"][t["query"]] if g["status"] == "gap"
        )
        for t in targets
    }
    if any(gaps.values()):
        points.append(
            "Capability gaps to close before the switch: "
            + ", ".join(f"{n} {name}" for name, n in gaps.items())
            + "."
        )
    saved = e["codemods"]["saved"]["p50"]
    points.append(
        f"sovmigrate's tooling saves about {ew(saved)} engineer-weeks against a manual migration of the same sites."
    )
    return points


def tokenizer_matrix(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per current tokenizer family: the pair for each target (or None)."""
    sources = sorted({p["source"] for t in doc["targets"] for p in t["tokenizer"]})
    return [
        {
            "source": source,
            "pairs": [
                next((p for p in t["tokenizer"] if p["source"] == source), None) for t in doc["targets"]
            ],
        }
        for source in sources
    ]


def target_actions(target: dict[str, Any], limit: int = 8) -> list[dict[str, str]]:
    """The distinct high and medium tokenizer actions for one target, most severe first."""
    seen, out = set(), []
    for severity in ("high", "medium"):
        for pair in target["tokenizer"]:
            for f in pair["findings"]:
                if f["severity"] == severity and f["action"] not in seen:
                    seen.add(f["action"])
                    out.append(
                        {
                            "severity": severity,
                            "action": f["action"],
                            "pair": f"{pair['source']} -> {pair['target']}",
                        }
                    )
    return out[:limit]


def site_advice(site: dict[str, Any]) -> list[str]:
    """The distinct gap details of a site across targets (most are the backend's, the same for every target)."""
    seen: list[str] = []
    for gaps in site["gaps"].values():
        for g in gaps:
            if g["detail"] not in seen:
                seen.append(g["detail"])
    return seen
