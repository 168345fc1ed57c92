"""``sovmigrate tokens`` through ``main()``: outputs, schema, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sovmigrate.cli import main
from sovmigrate.schemas import validate
from tests.tokenizers.conftest import DATA, REPO


@pytest.mark.fixtures
def test_check_json_output_follows_the_schema_and_uses_the_jsonl_field(files: Path, capsys) -> None:
    code = main(
        [
            "tokens",
            "check",
            "--source",
            "llama-2",
            "--target",
            "mistral-v1",
            "--format",
            "json",
            "--corpus",
            str(DATA / "prompts.jsonl"),
            "--field",
            "prompt",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    validate(report, "tokens_report")
    assert report["corpus"]["samples"] == 5  # one of the six records has no "prompt"


@pytest.mark.fixtures
def test_fail_on_sets_exit_code_1(files: Path, capsys) -> None:
    args = ["tokens", "check", "--source", "llama-2", "--target", "llama-3", "--format", "json"]
    assert main([*args, "--fail-on", "high"]) == 1
    assert (
        main(["tokens", "check", "--source", "mistral-v1", "--target", "mistral-v1", "--fail-on", "medium"])
        == 0
    )


@pytest.mark.fixtures
def test_text_output_shows_findings_with_bracketed_tokens(files: Path, capsys) -> None:
    assert (
        main(
            [
                "tokens",
                "check",
                "--source",
                "llama-3",
                "--target",
                "mistral-tekken",
                "--corpus",
                str(DATA / "corpus" / "*.txt"),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "chat.stop_sequences" in out and "<|eot_id|>" in out and "[/INST]" in out


def test_unknown_tokenizer_is_a_usage_error(capsys) -> None:
    assert main(["tokens", "check", "--source", "nonexistent-family", "--target", "llama-3"]) == 2
    assert "nonexistent-family" in capsys.readouterr().err


@pytest.mark.fixtures
def test_missing_corpus_file_is_an_error_naming_it(files: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.txt"
    assert (
        main(["tokens", "check", "--source", "llama-2", "--target", "mistral-v1", "--corpus", str(missing)])
        == 2
    )
    assert str(missing) in capsys.readouterr().err


@pytest.mark.fixtures
def test_list_reports_which_families_are_loadable(files: Path, capsys) -> None:
    assert main(["tokens", "list", "--format", "json"]) == 0
    rows = {r["family"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["llama-3"]["found"] and rows["mistral-tekken"]["found"]
    assert rows["gemma-3"]["found"] is None  # no Gemma 3 files are shipped in any registry package we use


def test_help_does_not_import_tokenizer_libraries() -> None:
    code = (
        "import sys; from sovmigrate.cli import main; main(['tokens', 'check', '--help']); "
        "print(sorted(m for m in ('tokenizers', 'transformers', 'sentencepiece', 'tiktoken', 'torch') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout
    assert out.strip().endswith("[]")
