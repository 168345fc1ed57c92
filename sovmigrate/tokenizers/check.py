"""``check_compatibility``: what breaks when moving from one tokenizer to another."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sovmigrate.listargs import as_list
from sovmigrate.schemas import schema_id
from sovmigrate.tokenizers import findings as F
from sovmigrate.tokenizers.chat import compare_templates
from sovmigrate.tokenizers.corpus import read_corpus, read_scan_prompts
from sovmigrate.tokenizers.load import load_tokenizer
from sovmigrate.tokenizers.loaded import LoadedTokenizer
from sovmigrate.tokenizers.metrics import classify, inflation, round_trip, vocab_overlap

__all__ = ["check_compatibility", "describe"]


def describe(tok: LoadedTokenizer) -> dict[str, Any]:
    """The report's summary of one tokenizer."""
    return {
        "spec": tok.spec,
        "family": tok.family,
        "source": tok.source,
        "format": tok.format,
        "algorithm": tok.algorithm,
        "vocab_size": tok.vocab_size,
        "normalization": tok.normalization,
        "context_length": tok.context_length,
        "context_length_source": tok.context_source,
        "add_bos": tok.add_bos,
        "specials": len(tok.specials),
    }


def check_compatibility(
    source: str | Path | LoadedTokenizer,
    target: str | Path | LoadedTokenizer,
    *,
    corpus: Sequence[str | Path] | str | Path = (),
    field: str = "text",
    budget: int | None = None,
    scan_report: str | Path | None = None,
    search: Sequence[str | Path] | str | Path = (),
    download: bool = False,
) -> dict[str, Any]:
    """Compare two tokenizers (paths, family names, model ids or loaded) and return a ``tokens_report`` dict.

    ``corpus`` (files, folders, globs; one or a list) and the prompt literals of a scan report are the
    inflation samples. ``search`` adds folders of registry tokenizer files.
    """
    data = read_corpus(as_list(corpus), field) if as_list(corpus) else None  # bad input fails before loading
    scanned = read_scan_prompts(scan_report) if scan_report else []
    src = (
        source
        if isinstance(source, LoadedTokenizer)
        else load_tokenizer(source, search=search, download=download)
    )
    tgt = (
        target
        if isinstance(target, LoadedTokenizer)
        else load_tokenizer(target, search=search, download=download)
    )
    cls = classify(src, tgt)
    overlap = vocab_overlap(src, tgt)
    special_list, specials = F.special_findings(src, tgt)
    chat = compare_templates(src, tgt)
    samples = list(data.samples) if data else []
    if data and data.ids_only:
        samples += src.tokenizer.decode_batch(data.ids_only, skip_special_tokens=True)
    samples += scanned
    infl = inflation(src, tgt, samples, tgt.context_length, budget) if samples else None
    rt = {"source": round_trip(src), "target": round_trip(tgt)}
    out_of_range = sum(1 for ids in (data.stored_ids if data else []) for i in ids if i >= tgt.vocab_size)
    stored = F.stored_ids_finding(cls, data.records_with_ids if data else 0, out_of_range)
    findings = F.build_findings(
        F.vocab_findings(src, tgt, cls, overlap),
        special_list,
        F.chat_findings(chat),
        F.inflation_findings(infl) if infl else [],
        F.round_trip_findings(rt["target"]),
        [stored],
    )
    return {
        "$schema": schema_id("tokens_report"),
        "source": describe(src),
        "target": describe(tgt),
        "compatibility": cls,
        "max_severity": findings[0]["severity"] if findings else "info",
        "findings": findings,
        "vocab": overlap,
        "special_tokens": specials,
        "chat_template": chat,
        "corpus": None
        if not samples
        else {
            "files": data.files if data else 0,
            "samples": len(samples),
            "bytes": sum(len(s.encode()) for s in samples),
            "field": field,
            "records_with_ids": data.records_with_ids if data else 0,
            "scanned_prompts": len(scanned),
            "skipped": data.skipped if data else [],
        },
        "inflation": infl,
        "round_trip": rt,
        "stored_ids": {
            "must_retokenize": cls not in ("identical", "same-vocab-changed-specials"),
            "remap_specials_only": cls == "same-vocab-changed-specials",
            "ids_out_of_target_range": out_of_range,
        },
    }
