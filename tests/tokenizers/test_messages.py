"""What a new user reads: each message says the right thing, once, and user errors are one line with exit 2."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest

from sovmigrate.cli import main
from sovmigrate.tokenizers import check_compatibility, load_tokenizer
from sovmigrate.tokenizers.corpus import read_corpus
from sovmigrate.tokenizers.errors import CorpusError, TokenizerNotFound
from sovmigrate.tokenizers.load import load_file
from sovmigrate.tokenizers.maps import family_map
from sovmigrate.tokenizers.render import render_report
from tests.tokenizers.conftest import DATA, FETCHED, require

CHECK = ["tokens", "check", "--source", "mistral-v1", "--target", "mistral-v3"]


def one_error_line(capsys) -> str:
    """The one ``Error:`` line on stderr (a progress line may precede it), never a traceback."""
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and err.endswith(errors[0] + "\n") and "Traceback" not in err, err
    return errors[0]


@pytest.mark.fixtures
def test_role_findings_name_the_setting_of_their_own_role(files):
    report = check_compatibility("llama-2", "llama-3")
    consequences = {f["id"]: f["consequence"] for f in report["findings"]}
    assert "bos_token_id=1" in consequences["special.bos.changed"]
    assert "eos_token_id=2" in consequences["special.eos.changed"]
    assert "eos_token_id" not in consequences["special.bos.changed"]


@pytest.mark.parametrize("kind", ["empty file", "whitespace file", "empty folder"])
def test_an_empty_corpus_is_one_clear_error_whatever_its_form(tmp_path, capsys, kind):
    corpus = tmp_path / "prompts.txt"
    if kind == "empty folder":
        corpus = tmp_path / "prompts"
        corpus.mkdir()
    else:
        corpus.write_text("" if kind == "empty file" else " \n\n\t\n", encoding="utf-8")
    assert main([*CHECK, "--corpus", str(corpus)]) == 2
    err = one_error_line(capsys)
    assert err.startswith(f"Error: no text samples in the corpus: {corpus}")
    assert "empty" in err or "has no files" in err


def test_a_binary_corpus_file_is_called_binary_not_a_json_without_text(tmp_path):
    data = tmp_path / "data.json"
    data.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(CorpusError, match=r"no text samples in the corpus: .*data.json: binary, not text"):
        read_corpus(data)


def test_a_bad_file_among_good_ones_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text("Hello there.", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c.txt").write_bytes("caf\xe9".encode("latin-1"))
    corpus = read_corpus(str(tmp_path))  # one folder, given as a single string
    assert corpus.samples == ["Hello there."]
    assert corpus.skipped == [f"{tmp_path / 'b.bin'}: binary, not text",
                              f"{tmp_path / 'c.txt'}: not UTF-8 text (byte 3); re-encode it as UTF-8"]  # fmt: skip


@pytest.mark.parametrize("option", ["--source", "--target", "--corpus"])
def test_an_empty_string_is_not_read_as_the_current_folder(tmp_path, capsys, monkeypatch, option):
    monkeypatch.chdir(tmp_path)  # a folder whose files would otherwise be read
    (tmp_path / "notes.txt").write_text("some text", encoding="utf-8")
    args = {"--source": "mistral-v1", "--target": "mistral-v3", "--corpus": str(DATA / "corpus")}
    args[option] = ""
    assert main(["tokens", "check", *[x for kv in args.items() for x in kv]]) == 2
    err = one_error_line(capsys)
    assert "empty tokenizer spec" in err or "a corpus path is empty" in err


@pytest.mark.fixtures
@pytest.mark.usefixtures("without_reference_modules")
def test_a_family_gets_the_family_context_length_whichever_registry_file_loads_it(tmp_path, monkeypatch):
    entries = {e["format"]: e["member"] for e in family_map("llama-3")["files"]["registry"]}
    for fmt in ("gguf", "tiktoken"):
        folder = tmp_path / fmt
        (folder / entries[fmt]).parent.mkdir(parents=True)
        shutil.copy(require(FETCHED / entries[fmt]), folder / entries[fmt])
        monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(folder))
        tok = load_tokenizer("llama-3")
        assert (tok.format, tok.context_length, tok.context_source) == (fmt, 131072, "family map llama-3")
    gguf = load_file(tmp_path / "gguf" / entries["gguf"])  # the file itself is Llama 3.0 8B's vocabulary
    assert (gguf.context_length, gguf.context_source) == (8192, "GGUF metadata")


@pytest.mark.usefixtures("without_reference_modules")
def test_not_found_names_each_repo_once_and_says_how_to_fetch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(tmp_path))
    with pytest.raises(TokenizerNotFound) as info:
        load_tokenizer("meta-llama/Llama-3.1-8B-Instruct")
    message = str(info.value)
    assert message.count("meta-llama/Llama-3.1-8B-Instruct") == 2  # the spec it names, and the one repo
    assert "Fetch them: sovmigrate tokens fetch llama-3 (from the llama-models 0.3.0 wheel)" in message


@pytest.mark.fixtures
def test_no_pytorch_advice_when_converting_without_torch(tmp_path):
    gguf = require(FETCHED / "vendor/llama.cpp/models/ggml-vocab-phi-3.gguf")
    hide_torch = "import sys; sys.modules['torch'] = None; "  # transformers then finds no torch
    env = {**os.environ, "SOVMIGRATE_TOKENIZER_CACHE": str(tmp_path / "cache")}
    plain = subprocess.run([sys.executable, "-c", hide_torch + "import transformers"], env=env,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert "PyTorch was not found" in plain.stderr  # the environment reproduces the advice
    run = f"from sovmigrate.cli import main; raise SystemExit(main(['tokens', 'check', '--source', {str(gguf)!r}, '--target', 'mistral-v1']))"
    ours = subprocess.run(
        [sys.executable, "-c", hide_torch + run], env=env, capture_output=True, text=True, check=False
    )
    assert ours.returncode == 0, ours.stderr
    assert "PyTorch" not in ours.stderr and (tmp_path / "cache").is_dir()  # converted, so transformers ran


@pytest.mark.fixtures
def test_chat_template_diffs_are_printed_whole_with_their_prefixes(files):
    report = check_compatibility("llama-3", "mistral-tekken")
    diff = next(c["diff"] for c in report["chat_template"]["conversations"] if c["name"] == "tool-call")
    long_lines = [line for line in diff.splitlines() if len(line) > 100]
    assert long_lines and all(line[0] in "+- " for line in long_lines)
    out = io.StringIO()
    render_report(report, out)
    printed = out.getvalue().splitlines()
    assert all(line in printed for line in diff.splitlines())


def test_a_file_of_no_tokenizer_format_says_which_formats_are_read(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    assert main(["tokens", "check", "--source", str(notes), "--target", "mistral-v1"]) == 2
    err = one_error_line(capsys)
    assert err.startswith(f"Error: {notes}: not a tokenizer file (tokenizer.json, tekken.json,")


def test_a_missing_tokenizer_path_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["tokens", "list", "--tokenizer-path", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err
