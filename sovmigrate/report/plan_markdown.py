"""plan.md: the plan document (plan.v1) as Markdown for a planning meeting. Renders; computes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sovmigrate.report.plan_text import (
    FEATURE_LABELS,
    TIER_LABELS,
    ew,
    gap_summary,
    headline,
    span,
    workstream_rows,
)

MAX_SITES = 400


def render_markdown(doc: dict[str, Any]) -> str:
    """The whole plan as Markdown."""
    parts = [
        _summary(doc),
        _comparison(doc),
        _workstreams(doc),
        _models(doc),
        _tokenizers(doc),
        _gaps(doc),
        _assumptions(doc),
        _sites(doc),
        _method(doc),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _table(header: list[str], rows: Iterable[list[Any]]) -> str:
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _summary(doc: dict[str, Any]) -> str:
    scan = doc["scan"]
    lines = [
        "# Migration plan",
        "",
        f"`{doc['root']}`, {doc['created']}, sovmigrate {doc['tool']['version']}.",
        "",
        f"**{scan['findings']} findings** in {scan['files_with_findings']} of {scan['files_scanned']} files.",
        "",
    ]
    lines += [f"- {headline(t)}" for t in doc["targets"]]
    return "\n".join(lines)


def _comparison(doc: dict[str, Any]) -> str:
    rows = []
    for t in doc["targets"]:
        e = t["estimate"]
        pairs = ", ".join(
            f"{p['source']}: {p['compatibility']}" + ("" if p["measured"] else " (mapped)")
            for p in t["tokenizer"]
        )
        rows.append(
            [
                f"**{t['name']}** (`{t['query']}`)",
                f"{t['tier']} ({TIER_LABELS[t['tier']]})",
                t["license_name"],
                pairs or "no current model found",
                span(e["total"]),
                span(e["calendar"]["weeks"]),
                ew(e["codemods"]["saved"]["p50"]),
            ]
        )
    header = [
        "target",
        "tier",
        "licence",
        "tokenizer change",
        "engineer-weeks P50 (P10-P90)",
        "calendar weeks P50 (P10-P90)",
        "saved by sovmigrate (EW, P50)",
    ]
    return "## Targets side by side\n\n" + _table(header, rows)


def _workstreams(doc: dict[str, Any]) -> str:
    targets = doc["targets"]
    header = ["workstream"] + [f"{t['name']} P50 (P10-P90)" for t in targets] + ["main drivers"]
    rows = workstream_rows(targets)
    body = _table(header, ([r["name"], *r["spans"], r["drivers"]] for r in rows))
    team = targets[0]["estimate"]["calendar"]
    note = (
        f"Calendar weeks assume {team['engineers']} engineers at {team['allocation']:.0%} of their time, "
        "plus serial waits (legal review, GPU queue, staged rollout)."
    )
    return f"## Effort by workstream (engineer-weeks)\n\n{body}\n\n{note}"


def _models(doc: dict[str, Any]) -> str:
    receipts = doc["receipts"]
    rows = [
        [
            f"{r['name']} (`{r['line']}`)",
            r["tier"]["effective"],
            r["facts"]["license_name"]["value"],
            ", ".join(f"`{i['id']}`" for i in r["identifiers"][:3])
            + ("..." if len(r["identifiers"]) > 3 else ""),
            "; ".join(c["text"] for c in r["consequences"][:3]),
        ]
        for r in receipts["receipts"]
    ]
    out = "## Models the code depends on today\n\n" + _table(
        ["model line", "tier", "licence", "named as", "what it means"], rows
    )
    if receipts["unknown"]:
        unknown = ", ".join(f"`{u['id']}`" for u in receipts["unknown"])
        out += f"\n\nNot in the model catalog: {unknown}."
    return out


def _tokenizers(doc: dict[str, Any]) -> str:
    lines = ["## Tokenizer checks"]
    for t in doc["targets"]:
        for p in t["tokenizer"]:
            how = (
                "measured on the real tokenizer files"
                if p["measured"]
                else "from the family maps, not measured"
            )
            lines.append(
                f"\n**{p['source']} -> {p['target']}** ({t['name']}): `{p['compatibility']}`, {how}."
            )
            if p["missing"]:
                lines.append(f"Missing: {p['missing']}.")
            if p["inflation"] and p["inflation"].get("ratio_p95"):
                lines.append(
                    f"Token-count ratio on the code's own prompts: p95 x{p['inflation']['ratio_p95']}."
                )
            lines += [
                f"- {f['severity']}: {f['consequence']} *{f['action']}*"
                for f in p["findings"]
                if f["severity"] != "info"
            ]
    return "\n".join(lines) if len(lines) > 1 else ""


def _gaps(doc: dict[str, Any]) -> str:
    sites = doc["capabilities"]["sites"]
    if not sites:
        return "## Capability gaps\n\nNo call site uses streaming, tools, constrained decoding, logprobs, embeddings, LoRA, images, a context size or sampling parameters."
    targets = doc["targets"]
    header = ["site", "backend", "uses"] + [t["name"] for t in targets]
    rows = []
    for s in sites:
        uses = ", ".join(FEATURE_LABELS.get(u["feature"], u["feature"]) for u in s["uses"])
        if s["sampling"]:
            uses += (", " if uses else "") + "sampling: " + " ".join(s["sampling"])
        rows.append(
            [f"`{s['path']}:{s['line']}` {s['text']}", s["backend"], uses]
            + [gap_summary(s["gaps"][t["query"]]) for t in targets]
        )
    legend = "gap = the target or its adapter backend lacks it; option = needs a connect option; check = the server decides."
    return f"## Capability gaps per call site\n\n{_table(header, rows)}\n\n{legend}"


def _assumptions(doc: dict[str, Any]) -> str:
    first = doc["targets"][0]["estimate"]
    lines = [f"- {a}" for a in first["assumptions"] if not a.startswith("tokenizer:")]
    return "## Assumptions to confirm\n\n" + "\n".join(lines) if lines else ""


def _sites(doc: dict[str, Any]) -> str:
    sites = doc["sites"]
    rows = [
        [
            f"[{s['path']}:{s['line']}]({s['path']})",
            s["rule"],
            s["vendor"],
            s["text"],
            s["migration"] + (" (nested)" if s["nested"] else ""),
        ]
        for s in sites[:MAX_SITES]
    ]
    more = f"\n\n{len(sites) - MAX_SITES} more in plan.json." if len(sites) > MAX_SITES else ""
    return "## Every site\n\n" + _table(["where", "rule", "vendor", "what", "migration"], rows) + more


def _method(doc: dict[str, Any]) -> str:
    e = doc["targets"][0]["estimate"]
    return (
        "## How the numbers are made\n\n"
        "Each driver counted in the scan has a three-point unit cost in hours (optimistic, most likely, pessimistic); "
        f"counts x PERT means x factors add up per workstream, errors are {e['correlation']:.0%} correlated, "
        f"project overhead adds {e['overhead']['mean']:.0%}, and P10/P50/P90 come from the lognormal with that mean "
        f"and spread. One engineer-week is {e['hours_per_week']:g} hours. Every driver's count, unit cost, factor, "
        f"source and contribution is in plan.json (`targets[].estimate.drivers`) and in `sovmigrate estimate --explain`. "
        f"Call sites are classified by {e['codemods']['classification']}."
    )
