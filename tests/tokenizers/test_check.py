"""The compatibility check on real pairs: facts checked against llama.cpp vectors and the native libraries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sovmigrate.schemas import validate
from sovmigrate.tokenizers import check_compatibility, load_tokenizer
from tests.tokenizers.conftest import DATA, corpus_texts, load_vectors

pytestmark = pytest.mark.fixtures

CORPUS = [str(DATA / "corpus")]


def vector_corpus(files: Path, tmp_path: Path) -> tuple[Path, dict[str, list[int]]]:
    """llama.cpp's test texts as a JSONL corpus, and each family's reference token counts from the .out files."""
    texts, _ = load_vectors(files / "ggml-vocab-llama-spm.gguf")
    counts = {}
    for name in ("llama-spm", "llama-bpe", "gemma-4"):
        t, ids = load_vectors(files / f"ggml-vocab-{name}.gguf")
        assert t == texts
        counts[name] = [len(x) for x in ids]
    path = tmp_path / "vectors.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return path, counts


def ratios(src: list[int], tgt: list[int]) -> tuple[float, float]:
    per = [b / a for a, b in zip(src, tgt) if a]
    return sum(tgt) / sum(src), sum(per) / len(per)


def finding(report: dict, fid: str) -> dict:
    return next(f for f in report["findings"] if f["id"] == fid)


def test_llama2_to_llama3(files: Path, tmp_path: Path, llama_models) -> None:
    corpus, counts = vector_corpus(files, tmp_path)
    report = check_compatibility("llama-2", "llama-3", corpus=[corpus])
    validate(report, "tokens_report")
    native = llama_models[0].Tokenizer.get_instance()
    assert (
        report["source"]["vocab_size"] == 32000 and report["target"]["vocab_size"] == native.n_words == 128256
    )
    assert report["compatibility"] == "different-algorithm"
    roles = report["special_tokens"]["roles"]
    assert (roles["bos"]["source"], roles["bos"]["source_id"]) == ("<s>", 1)
    assert (roles["bos"]["target"], roles["bos"]["target_id"]) == ("<|begin_of_text|>", native.bos_id)
    assert (roles["end_of_turn"]["target"], roles["end_of_turn"]["target_id"]) == (
        "<|eot_id|>",
        native.eot_id,
    )
    assert finding(report, "special.bos.changed")["severity"] == "high"
    assert "</s>" in report["chat_template"]["stop_sequences"]["must_change"]
    assert report["stored_ids"]["must_retokenize"]
    # the Llama 3 GGUF vectors and the tiktoken file give the same counts on these texts
    total, mean = ratios(counts["llama-spm"], counts["llama-bpe"])
    assert report["inflation"]["ratio_total"] == pytest.approx(total, abs=1e-3)
    assert report["inflation"]["ratio_mean"] == pytest.approx(mean, abs=1e-3)
    assert report["inflation"]["ratio_total"] < 1  # Llama 3 needs fewer tokens than Llama 2


def test_llama3_to_mistral_tekken(files: Path, llama_models) -> None:
    from mistral_common.tokens.tokenizers.tekken import Tekkenizer

    report = check_compatibility("llama-3", "mistral-tekken", corpus=CORPUS)
    validate(report, "tokens_report")
    tekken = Tekkenizer.from_file(files / "tekken_240911.json")
    llama = llama_models[0].Tokenizer.get_instance()
    assert report["target"]["vocab_size"] == tekken.n_words == 131072
    assert report["compatibility"] == "same-algorithm-different-vocab"
    roles = report["special_tokens"]["roles"]
    assert (roles["bos"]["target"], roles["bos"]["target_id"]) == ("<s>", tekken.bos_id)
    assert (roles["eos"]["target"], roles["eos"]["target_id"]) == ("</s>", tekken.eos_id)
    assert finding(report, "special.end_of_turn.missing")["severity"] == "high"
    assert report["chat_template"]["stop_sequences"]["must_change"] == [
        "<|eot_id|>",
        "<|eom_id|>",
        "<|end_of_text|>",
    ]
    texts = corpus_texts()
    src = [len(llama.encode(t, bos=False, eos=False)) for t in texts]
    tgt = [len(tekken.encode(t, bos=False, eos=False)) for t in texts]
    total, mean = ratios(src, tgt)
    assert report["inflation"]["source_tokens"] == sum(src) and report["inflation"]["target_tokens"] == sum(
        tgt
    )
    assert report["inflation"]["ratio_total"] == pytest.approx(total, abs=1e-3)
    assert report["inflation"]["ratio_mean"] == pytest.approx(mean, abs=1e-3)


def test_llama3_to_gemma(files: Path, tmp_path: Path) -> None:
    corpus, counts = vector_corpus(files, tmp_path)
    report = check_compatibility("llama-3", "gemma-4", corpus=[corpus])
    validate(report, "tokens_report")
    assert report["target"]["vocab_size"] == 262144
    assert report["compatibility"] == "different-algorithm"
    roles = report["special_tokens"]["roles"]
    assert (roles["bos"]["target"], roles["bos"]["target_id"]) == ("<bos>", 2)
    assert (roles["eos"]["target"], roles["eos"]["target_id"]) == ("<eos>", 1)
    tok = load_tokenizer("gemma-4")
    assert tok.tokenizer.token_to_id("<bos>") == 2 and tok.tokenizer.token_to_id("<turn|>") == 106
    gemma_chat = next(c for c in report["chat_template"]["conversations"] if c["name"] == "multi-turn")
    assert "<|turn>" in gemma_chat["target"]["text"] and "<|start_header_id|>" in gemma_chat["source"]["text"]
    total, mean = ratios(counts["llama-bpe"], counts["gemma-4"])
    assert report["inflation"]["ratio_total"] == pytest.approx(total, abs=1e-3)
    assert report["inflation"]["ratio_mean"] == pytest.approx(mean, abs=1e-3)


def test_llama2_to_mistral_v1_near_identical(files: Path, tmp_path: Path) -> None:
    import sentencepiece

    corpus, counts = vector_corpus(files, tmp_path)
    report = check_compatibility("llama-2", "mistral-v1", corpus=[corpus])
    validate(report, "tokens_report")
    sp = sentencepiece.SentencePieceProcessor(model_file=str(files / "tokenizer.model.v1"))
    assert report["source"]["vocab_size"] == report["target"]["vocab_size"] == sp.vocab_size() == 32000
    assert report["compatibility"] == "same-algorithm-different-vocab"
    assert report["special_tokens"]["changed_ids"] == []
    roles = report["special_tokens"]["roles"]
    for role, token, tid in (
        ("bos", "<s>", sp.bos_id()),
        ("eos", "</s>", sp.eos_id()),
        ("unk", "<unk>", sp.unk_id()),
    ):
        assert roles[role] == {"source": token, "source_id": tid, "target": token, "target_id": tid}
    assert not [f for f in report["findings"] if f["category"] == "special-tokens"]
    assert report["chat_template"]["stop_sequences"]["must_change"] == []
    assert report["vocab"]["jaccard"] > 0.5  # the two SentencePiece vocabularies share most pieces ...
    assert report["stored_ids"]["must_retokenize"]  # ... but not their ids
    texts, _ = load_vectors(files / "ggml-vocab-llama-spm.gguf")
    total, mean = ratios(counts["llama-spm"], [len(sp.encode(t)) for t in texts])
    assert report["inflation"]["ratio_total"] == pytest.approx(total, abs=1e-3)
    assert report["inflation"]["ratio_mean"] == pytest.approx(mean, abs=1e-3)


def test_same_tokenizer_from_two_formats_is_identical(files: Path) -> None:
    report = check_compatibility("mistral-v1", str(files / "tokenizer.model.v1"), corpus=CORPUS)
    assert report["compatibility"] == "identical"
    assert report["inflation"]["ratio_total"] == 1.0
    assert finding(report, "stored_ids.reusable")["severity"] == "info"


def test_budget_and_context_overflows_are_counted(files: Path, tmp_path: Path, llama_models) -> None:
    text = "数据迁移" * 7000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    llama3 = len(llama_models[0].Tokenizer.get_instance().encode(text, bos=False, eos=False))
    mistral = len(load_tokenizer("mistral-v1").tokenizer.encode(text, add_special_tokens=False))
    assert llama3 <= 32768 < mistral  # fits Llama 3's context, not Mistral v1's
    report = check_compatibility("llama-3", "mistral-v1", corpus=[tmp_path / "long.txt", *CORPUS], budget=100)
    limits = {lim["name"]: lim for lim in report["inflation"]["limits"]}
    assert limits["target_context"] == {
        "name": "target_context",
        "tokens": 32768,
        "over_in_target": 1,
        "newly_over": 1,
    }
    assert limits["budget"]["over_in_target"] >= 1
    assert finding(report, "inflation.overflow.target_context")["severity"] == "high"


def test_stored_input_ids_are_flagged_and_decoded(files: Path, tmp_path: Path) -> None:
    llama2 = load_tokenizer("llama-2")
    ids = llama2.tokenizer.encode("Stored ids from a fine-tuning set.", add_special_tokens=False).ids
    data = tmp_path / "train.jsonl"
    data.write_text(
        json.dumps({"input_ids": ids}) + "\n" + json.dumps({"text": "plain", "input_ids": [1, 2]}) + "\n",
        encoding="utf-8",
    )
    report = check_compatibility("llama-2", "llama-3", corpus=[data])
    assert report["corpus"]["records_with_ids"] == 2
    assert report["inflation"]["samples"] == 2  # the ids-only record was decoded with the source tokenizer
    assert finding(report, "stored_ids.retokenize")["severity"] == "high"


def test_prompts_found_by_the_scanner_join_the_corpus(files: Path, tmp_path: Path, llama_models) -> None:
    (tmp_path / "app").mkdir()
    source = 'SYSTEM = "You are a support agent."\nPROMPT = f"[INST] {question} [/INST]"\n'
    (tmp_path / "app" / "prompts.py").write_text(source, encoding="utf-8")
    finding = {"kind": "prompt_format", "path": "app/prompts.py", "rule": "SOV520"}
    scan = {
        "root": str(tmp_path),
        "findings": [
            dict(finding, line=2, column=10, end_line=2, end_column=38),
            dict(finding, kind="model_id", line=1, column=10, end_line=1, end_column=36),
        ],
    }
    (tmp_path / "scan.json").write_text(json.dumps(scan), encoding="utf-8")
    report = check_compatibility("llama-2", "llama-3", scan_report=tmp_path / "scan.json")
    assert report["corpus"]["scanned_prompts"] == 1
    expected = len(
        llama_models[0].Tokenizer.get_instance().encode("[INST] {question} [/INST]", bos=False, eos=False)
    )
    assert report["inflation"]["target_tokens"] == expected
