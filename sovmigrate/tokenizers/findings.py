"""Turn measurements into findings: severity, what breaks, and what to do."""

from __future__ import annotations

from typing import Any

from sovmigrate.tokenizers.loaded import LoadedTokenizer

__all__ = ["SEVERITIES", "build_findings"]

SEVERITIES = ("info", "low", "medium", "high")
_KEY_ROLES = ("bos", "eos", "pad", "end_of_turn", "end_of_message")
# Where code usually hard-codes each role's id.
_ROLE_SETTING = {
    "bos": "bos_token_id",
    "eos": "eos_token_id",
    "pad": "pad_token_id",
    "end_of_turn": "stop_token_ids",
    "end_of_message": "stop_token_ids",
}


def _f(
    fid: str, category: str, severity: str, title: str, consequence: str, action: str, **details: Any
) -> dict:
    return {
        "id": fid,
        "category": category,
        "severity": severity,
        "title": title,
        "consequence": consequence,
        "action": action,
        "details": details,
    }


def vocab_findings(
    src: LoadedTokenizer, tgt: LoadedTokenizer, cls: str, overlap: dict[str, Any]
) -> list[dict]:
    out = []
    if src.algorithm != tgt.algorithm:
        out.append(
            _f(
                "vocab.algorithm",
                "vocab",
                "high",
                f"Algorithm changes: {src.algorithm} -> {tgt.algorithm}",
                "Text splits into different pieces everywhere; every stored id, token count, logit bias and "
                "token-level constraint is invalid on the target.",
                "Re-tokenize from text; re-derive any token-level logic from strings, not ids.",
            )
        )
    if src.vocab_size != tgt.vocab_size:
        out.append(
            _f(
                "vocab.size",
                "vocab",
                "medium" if cls != "identical" else "info",
                f"Vocabulary size changes: {src.vocab_size} -> {tgt.vocab_size}",
                "Ids from the source may not exist in the target (or mean something else); embedding and "
                "output layers have different shapes, so fine-tuned adapters cannot be reused.",
                "Do not reuse stored ids, LoRA adapters on embeddings, or logit-bias maps; rebuild them.",
            )
        )
    if src.normalization != tgt.normalization:
        out.append(
            _f(
                "vocab.normalization",
                "vocab",
                "low",
                "Text normalisation differs",
                f"Source: {src.normalization}; target: {tgt.normalization}. Leading spaces and Unicode forms "
                "may be encoded differently, which changes prompt-prefix caching and exact-match stop logic.",
                "Compare rendered prompts token by token for leading spaces; do not rely on prefix ids.",
            )
        )
    if cls != "identical":
        out.append(
            _f(
                "vocab.overlap",
                "vocab",
                "info",
                f"{overlap['shared']} of {overlap['source_tokens']} source tokens exist in the target "
                f"(Jaccard {overlap['jaccard']:.2f}); {overlap['shared_same_id'] * 100:.1f}% of those keep their id",
                "Shared pieces with different ids still break stored ids; low overlap means token counts and "
                "boundaries shift a lot.",
                "Use the inflation numbers below for budgets; never map ids one-to-one between vocabularies.",
            )
        )
    return out


def special_findings(src: LoadedTokenizer, tgt: LoadedTokenizer) -> tuple[list[dict], dict[str, Any]]:
    """Findings on special tokens (roles such as BOS/EOS, ids that moved, tokens the target lacks) and their data."""
    roles = {
        role: {
            "source": src.roles.get(role),
            "source_id": src.token_id(role),
            "target": tgt.roles.get(role),
            "target_id": tgt.token_id(role),
        }
        for role in sorted(set(src.roles) | set(tgt.roles))
    }
    changed, missing = _moved_specials(src, tgt)
    out = [f for role in _KEY_ROLES if (f := _role_finding(role, roles.get(role))) is not None]
    if changed:
        out.append(
            _f(
                "special.ids_changed",
                "special-tokens",
                "high",
                f"{len(changed)} special tokens keep their text but change id",
                "Stored BOS/EOS/stop ids and token-id datasets point at the wrong tokens on the target.",
                "Remap these ids or re-tokenize from text.",
                tokens=changed[:20],
            )
        )
    notable = [m for m in missing if not _is_placeholder(m["token"])]
    if notable:
        out.append(
            _f(
                "special.missing",
                "special-tokens",
                "medium",
                f"{len(notable)} special tokens of the source do not exist in the target",
                "Prompts that contain them are tokenized as ordinary text on the target (several tokens, no "
                "special meaning).",
                "Rewrite prompts and templates with the target's tokens.",
                tokens=notable[:20],
            )
        )
    return out, {
        "roles": roles,
        "changed_ids": changed,
        "missing_in_target": missing[:200],
        "missing_count": len(missing),
    }


def _moved_specials(src: LoadedTokenizer, tgt: LoadedTokenizer) -> tuple[list[dict], list[dict]]:
    """The source's special tokens whose id differs in the target, and those the target lacks."""
    changed, missing = [], []
    for text, sid in sorted(src.specials.items(), key=lambda kv: kv[1]):
        tid = tgt.tokenizer.token_to_id(text)
        if tid is None:
            missing.append({"token": text, "source_id": sid})
        elif tid != sid:
            changed.append({"token": text, "source_id": sid, "target_id": tid})
    return changed, missing


def _role_finding(role: str, r: dict[str, Any] | None) -> dict | None:
    """A finding when the source's ``role`` token is missing or different in the target."""
    if not r or r["source"] is None:
        return None
    if r["target"] is None:
        return _f(
            f"special.{role}.missing",
            "special-tokens",
            "high" if role in ("eos", "end_of_turn") else "medium",
            f"No {role} token in the target (source: {r['source']!r} = {r['source_id']})",
            f"Code or data that relies on a {role} token has nothing to use on the target.",
            "Remove the dependency or pick the target's equivalent from its chat format.",
        )
    if (r["source"], r["source_id"]) == (r["target"], r["target_id"]):
        return None
    return _f(
        f"special.{role}.changed",
        "special-tokens",
        "high",
        f"{role}: {r['source']!r} ({r['source_id']}) -> {r['target']!r} ({r['target_id']})",
        f"Hard-coded {role} strings or ids (e.g. {_ROLE_SETTING[role]}={r['source_id']}) silently stop working.",
        f"Replace {r['source']!r}/{r['source_id']} with {r['target']!r}/{r['target_id']} or read it "
        "from the tokenizer at runtime.",
    )


def _is_placeholder(text: str) -> bool:
    from sovmigrate.tokenizers.metrics import _PLACEHOLDER

    return bool(_PLACEHOLDER.match(text))


def chat_findings(chat: dict[str, Any]) -> list[dict]:
    out = []
    if not chat["target_has_template"]:
        out.append(
            _f(
                "chat.no_template",
                "chat-template",
                "medium",
                "The target has no chat template",
                "Chat prompts cannot be built for the target automatically.",
                "Use the model's tokenizer_config.json (pass its folder) or write the prompt format by hand.",
            )
        )
    for conv in chat["conversations"]:
        a, b = conv["source"], conv["target"]
        if b["error"] and not a["error"]:
            out.append(
                _f(
                    f"chat.{conv['name']}.unsupported",
                    "chat-template",
                    "high",
                    f"The target template cannot render the {conv['name']} conversation",
                    f"Target template: {b['error']}",
                    "Restructure these conversations (e.g. fold the system "
                    "prompt into the first user turn, or describe tools in text).",
                    conversation=conv["name"],
                )
            )
        elif conv["diff"]:
            out.append(
                _f(
                    f"chat.{conv['name']}.differs",
                    "chat-template",
                    "medium",
                    f"Prompt format differs for the {conv['name']} conversation "
                    f"({a['tokens']} -> {b['tokens']} tokens)",
                    "Hand-built prompt strings, few-shot examples and prompt-prefix caches must change.",
                    "Build prompts with the target's chat template instead of string concatenation.",
                    conversation=conv["name"],
                )
            )
    stops = chat["stop_sequences"]
    if stops["must_change"]:
        out.append(
            _f(
                "chat.stop_sequences",
                "chat-template",
                "high",
                f"Stop sequences must change: {stops['must_change']} -> {stops['target']}",
                "Generation would run past the end of the answer, or never stop, with the old stop list.",
                f"Use stop={stops['target']!r} (or the target's eos/end-of-turn ids).",
                **stops,
            )
        )
    return out


def inflation_findings(inf: dict[str, Any]) -> list[dict]:
    out = []
    ratio = inf.get("ratio_total")
    if ratio is None:
        return out
    severity = "high" if ratio > 1.25 else "medium" if ratio > 1.10 else "low" if ratio > 1.02 else "info"
    out.append(
        _f(
            "inflation.ratio",
            "inflation",
            severity,
            f"The corpus needs {ratio:.3f}x the tokens on the target (per sample: mean {inf['ratio_mean']:.3f}, "
            f"p50 {inf['ratio_p50']:.3f}, p95 {inf['ratio_p95']:.3f})",
            "Token budgets, max_tokens, truncation limits, cost and latency estimates scale by this factor.",
            "Scale token budgets by the p95 ratio; re-measure chunk sizes for retrieval.",
        )
    )
    for lim in inf["limits"]:
        if lim["over_in_target"]:
            out.append(
                _f(
                    f"inflation.overflow.{lim['name']}",
                    "inflation",
                    "high" if lim["newly_over"] else "medium",
                    f"{lim['over_in_target']} samples exceed {lim['tokens']} tokens on the target "
                    f"({lim['newly_over']} fit on the source)",
                    "These inputs are truncated or rejected on the target.",
                    "Chunk or summarise them, or pick a target with a longer context.",
                    **lim,
                )
            )
    return out


def round_trip_findings(tgt_rt: dict[str, Any]) -> list[dict]:
    out = []
    if tgt_rt["round_trip_ok"] < tgt_rt["texts"]:
        out.append(
            _f(
                "round_trip.lossy",
                "round-trip",
                "medium",
                f"The target does not reproduce {tgt_rt['texts'] - tgt_rt['round_trip_ok']} of "
                f"{tgt_rt['texts']} tricky texts exactly",
                "decode(encode(text)) changes the text: exact-match checks, diffs and code output may differ.",
                "Review the listed failures; avoid relying on byte-exact round trips.",
                failures=tgt_rt["failures"],
            )
        )
    unk = {k: v["unknown_rate"] for k, v in tgt_rt["categories"].items() if v["unknown_rate"] > 0}
    if unk:
        out.append(
            _f(
                "round_trip.unknown",
                "round-trip",
                "high",
                f"The target maps some text to <unk>: {unk}",
                "That text is lost: the model never sees it.",
                "Pre-process that text or choose another target.",
            )
        )
    fb = {
        k: v["byte_fallback_rate"] for k, v in tgt_rt["categories"].items() if v["byte_fallback_rate"] > 0.2
    }
    if fb:
        out.append(
            _f(
                "round_trip.byte_fallback",
                "round-trip",
                "low",
                f"The target falls back to single bytes for much of: {', '.join(fb)}",
                "Such text costs several tokens per character on the target.",
                "Expect higher token counts for these scripts; check the inflation numbers on real data.",
            )
        )
    return out


def stored_ids_finding(cls: str, records_with_ids: int, out_of_range: int) -> dict:
    if cls == "identical":
        return _f(
            "stored_ids.reusable",
            "stored-ids",
            "info",
            "Stored token ids can be reused as they are",
            "Both tokenizers give the same ids.",
            "Nothing to do.",
        )
    severity = "high" if records_with_ids else "medium"
    if cls == "same-vocab-changed-specials":
        return _f(
            "stored_ids.remap_specials",
            "stored-ids",
            severity,
            "Stored token ids need their special-token ids remapped",
            "Ordinary tokens keep their ids, but BOS/EOS/role tokens moved.",
            "Remap the changed special ids (see special.ids_changed); no full re-tokenization needed.",
            records_with_ids=records_with_ids,
        )
    return _f(
        "stored_ids.retokenize",
        "stored-ids",
        severity,
        "Stored token-id data (input_ids, cached prompts, fine-tuning sets) must be re-tokenized from text",
        f"Source ids mean different text on the target{f'; {out_of_range} stored ids are outside the target vocabulary' if out_of_range else ''}.",
        "Keep the original text; re-run tokenization with the target tokenizer.",
        records_with_ids=records_with_ids,
        ids_out_of_target_range=out_of_range,
    )


def build_findings(*parts: list[dict]) -> list[dict]:
    """All findings, most severe first (stable within a severity)."""
    merged = [f for part in parts for f in part]
    return sorted(merged, key=lambda f: -SEVERITIES.index(f["severity"]))
