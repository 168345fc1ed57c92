"""Measurements on one or two tokenizers: vocabulary overlap, token counts, round trips, fallbacks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from sovmigrate.tokenizers.loaded import LoadedTokenizer
from sovmigrate.tokenizers.tricky import TRICKY

__all__ = ["classify", "count_tokens", "inflation", "round_trip", "vocab_overlap"]

_PLACEHOLDER = re.compile(
    r"^(\[PAD\d+\]|<unused\d+>|<\|?[a-z_]*reserved[a-z_]*\d*\|?>|<SPECIAL_\d+>|\[control_\d+\])$"
)
_BATCH = 1024


@cache
def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte -> printable character table, inverted."""
    bs = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def surface_forms(tok: LoadedTokenizer) -> dict[bytes, int]:
    """Ordinary tokens as the bytes they stand for (specials and placeholders left out): bytes -> id."""
    byte_level = tok.algorithm == "bpe-byte-level"
    decoder = _byte_decoder() if byte_level else {}
    added = set(tok.added)
    out: dict[bytes, int] = {}
    for text, i in tok.base_vocab.items():
        if text in added or _PLACEHOLDER.match(text):
            continue
        if byte_level:
            try:
                surface = bytes(decoder[c] for c in text)
            except KeyError:
                surface = text.encode("utf-8")
        elif i in tok.byte_fallback_ids:
            surface = bytes([int(text[3:5], 16)])
        else:
            surface = text.replace("\u2581", " ").encode("utf-8")
        out.setdefault(surface, i)
    return out


def vocab_overlap(src: LoadedTokenizer, tgt: LoadedTokenizer) -> dict[str, Any]:
    """Shared surface strings (Jaccard) and the share of shared tokens that keep their id."""
    a, b = src.surface, tgt.surface
    shared = a.keys() & b.keys()
    same_id = sum(1 for s in shared if a[s] == b[s])
    union = len(a.keys() | b.keys())
    return {
        "source_tokens": len(a),
        "target_tokens": len(b),
        "shared": len(shared),
        "jaccard": round(len(shared) / union, 4) if union else 0.0,
        "shared_same_id": round(same_id / len(shared), 4) if shared else 0.0,
    }


@contextmanager
def literal_specials(*toks: LoadedTokenizer) -> Iterator[None]:
    """Treat special-token text in user data as text (as tiktoken and sentencepiece do)."""
    before = [t.tokenizer.encode_special_tokens for t in toks]
    for t in toks:
        t.tokenizer.encode_special_tokens = True
    try:
        yield
    finally:
        for t, b in zip(toks, before):
            t.tokenizer.encode_special_tokens = b


def count_tokens(tok: LoadedTokenizer, samples: Sequence[str]) -> list[int]:
    """Token count of each sample (no BOS/EOS), batch-encoded on all threads."""
    encode = getattr(tok.tokenizer, "encode_batch_fast", tok.tokenizer.encode_batch)
    counts: list[int] = []
    for start in range(0, len(samples), _BATCH):
        counts.extend(len(e) for e in encode(list(samples[start : start + _BATCH]), add_special_tokens=False))
    return counts


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def inflation(
    src: LoadedTokenizer,
    tgt: LoadedTokenizer,
    samples: Sequence[str],
    context: int | None,
    budget: int | None,
) -> dict[str, Any]:
    """Target/source token-count ratios over samples, and how many samples overflow the limits."""
    with literal_specials(src, tgt):
        a, b = count_tokens(src, samples), count_tokens(tgt, samples)
    ratios = [y / x for x, y in zip(a, b) if x]
    out: dict[str, Any] = {
        "samples": len(samples),
        "source_tokens": sum(a),
        "target_tokens": sum(b),
        "ratio_total": round(sum(b) / sum(a), 4) if sum(a) else None,
        "ratio_mean": round(sum(ratios) / len(ratios), 4) if ratios else None,
        "ratio_p50": round(_percentile(ratios, 0.5), 4) if ratios else None,
        "ratio_p95": round(_percentile(ratios, 0.95), 4) if ratios else None,
        "target_max_tokens": max(b, default=0),
        "limits": [],
    }
    for name, limit in (("target_context", context), ("budget", budget)):
        if limit:
            out["limits"].append(
                {
                    "name": name,
                    "tokens": limit,
                    "over_in_target": sum(1 for y in b if y > limit),
                    "newly_over": sum(1 for x, y in zip(a, b) if x <= limit < y),
                }
            )
    return out


def round_trip(tok: LoadedTokenizer) -> dict[str, Any]:
    """decode(encode(x)) == x, and unknown / byte-fallback token rates, per category of tricky text."""
    unk = tok.tokenizer.token_to_id(tok.roles["unk"]) if "unk" in tok.roles else None
    byte_ids = tok.byte_fallback_ids
    out: dict[str, Any] = {"categories": {}, "failures": []}
    total_ok = total = 0
    with literal_specials(tok):
        for name, texts in TRICKY.items():
            ok = tokens = unknown = fallback = 0
            for text in texts:
                ids = tok.tokenizer.encode(text, add_special_tokens=False).ids
                back = tok.tokenizer.decode(ids, skip_special_tokens=False)
                if back == text:
                    ok += 1
                elif len(out["failures"]) < 10:
                    out["failures"].append({"category": name, "text": text[:80], "decoded": back[:80]})
                tokens += len(ids)
                unknown += sum(1 for i in ids if i == unk)
                fallback += sum(1 for i in ids if i in byte_ids)
            out["categories"][name] = {
                "texts": len(texts),
                "round_trip_ok": ok,
                "unknown_rate": round(unknown / tokens, 4) if tokens else 0.0,
                "byte_fallback_rate": round(fallback / tokens, 4) if tokens else 0.0,
            }
            total_ok, total = total_ok + ok, total + len(texts)
    out["round_trip_ok"], out["texts"] = total_ok, total
    return out


def _component(obj: Any) -> Any:
    """A pipeline component's serialised state (comparable across tokenizers)."""
    return None if obj is None else obj.__getstate__()


def classify(src: LoadedTokenizer, tgt: LoadedTokenizer) -> str:
    """``identical``, ``same-vocab-changed-specials``, ``same-algorithm-different-vocab`` or ``different-algorithm``."""
    if src.algorithm != tgt.algorithm:
        return "different-algorithm"
    a, b = src.tokenizer, tgt.tokenizer
    plain_a = {t: i for t, i in src.base_vocab.items() if t not in src.added}
    plain_b = {t: i for t, i in tgt.base_vocab.items() if t not in tgt.added}
    pipeline_same = all(
        _component(getattr(a, k)) == _component(getattr(b, k)) for k in ("normalizer", "pre_tokenizer")
    )
    if plain_a != plain_b or not pipeline_same or _merges(src) != _merges(tgt):
        return "same-algorithm-different-vocab"
    if src.added == tgt.added:
        return "identical"
    return "same-vocab-changed-specials"


def _merges(tok: LoadedTokenizer) -> Any:
    return json.loads(tok.tokenizer.to_str())["model"].get("merges")
