"""``sovmigrate plan``: the three files, targets side by side, tokenizer checks, capability gaps, errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from sovmigrate.cli import main
from sovmigrate.schemas import validate
from tests.conftest import require_fixture
from tests.plan.conftest import REPO, TARGETS, tokenizer_env
from tests.tokenizers.conftest import FILES, HINT


def test_writes_json_markdown_and_html_that_follow_their_schemas(planned, document):
    assert sorted(p.name for p in planned.iterdir()) == ["plan.html", "plan.json", "plan.md"]
    validate(document, "plan")
    for target in document["targets"]:
        validate(target["estimate"], "estimate")
    validate(document["receipts"], "receipts")


def test_targets_are_compared_side_by_side_in_the_order_given(document):
    targets = document["targets"]
    assert [t["query"] for t in targets] == list(TARGETS)
    assert [t["line"] for t in targets] == ["mistral-7b-v0.3", "qwen2.5", "gemma-3"]
    # Mistral and Qwen 2.5 7B are Apache-2.0 (tier 1); Gemma 3 is under Google's Gemma terms (tier 2).
    assert [t["tier"] for t in targets] == [1, 1, 2]
    reviews = [
        next(d for d in t["estimate"]["drivers"] if d["id"] == "target-licence-review")["count"]
        for t in targets
    ]
    assert reviews == [0, 0, 1]
    assert targets[2]["estimate"]["total"]["mean"] > targets[0]["estimate"]["total"]["mean"]


def test_tokenizers_are_measured_when_their_files_are_here_and_the_plan_says_what_is_missing(document):
    require_fixture(FILES, HINT)
    mistral, _, gemma = document["targets"]
    pairs = {p["source"]: p for p in mistral["tokenizer"]}
    # The code names Llama 2 (SentencePiece BPE) and Llama 3 (tiktoken byte-level BPE) models.
    assert (
        pairs["llama-2"]["measured"] and pairs["llama-2"]["compatibility"] == "same-algorithm-different-vocab"
    )
    assert pairs["llama-3"]["measured"] and pairs["llama-3"]["compatibility"] == "different-algorithm"
    assert any(f["severity"] == "high" for f in pairs["llama-3"]["findings"])
    for pair in gemma["tokenizer"]:  # no Gemma 3 tokenizer ships in a registry package
        assert not pair["measured"]
        assert "gemma-3" in pair["missing"] and "--download" in pair["missing"]


def test_capability_gaps_per_call_site(document):
    sites = {(s["path"], s["line"]): s for s in document["capabilities"]["sites"]}
    assistant = sites[("app/assistant.py", 18)]  # tools + stream=True on the hosted Llama API
    assert {u["feature"] for u in assistant["uses"]} >= {"tools", "streaming"}
    assert assistant["backend"] == "openai"
    assert {(g["feature"], g["status"]) for g in assistant["gaps"]["mistral-7b-instruct"]} == {
        ("tools", "check"),
        ("streaming", "check"),
    }
    triage = sites[("app/classify.py", 23)]  # model.generate(..., do_sample=False, eos_token_id=128009)
    assert triage["backend"] == "transformers"
    assert {g["subject"] for g in triage["gaps"]["qwen2.5-7b-instruct"] if g["status"] == "gap"} >= {
        "do_sample"
    }
    grammar = sites[("app/local_llm.py", 28)]  # grammar= on llama.cpp: the llamacpp backend has JSON schemas
    assert "json_schema" in {u["feature"] for u in grammar["uses"]}
    assert grammar["gaps"]["mistral-7b-instruct"] == []
    nightly = sites[("app/summarise.py", 27)]
    assert nightly["context_tokens"] == 4096 and nightly["gaps"]["gemma-3-12b-it"] == []


def test_a_context_longer_than_the_targets_is_a_gap(tmp_path, monkeypatch):
    tokenizer_env(monkeypatch)
    (tmp_path / "app.py").write_text(
        "from llama_cpp import Llama\nllm = Llama(model_path='m.gguf', n_ctx=65536, logits_all=True)\n"
        "out = llm.create_completion('hi', max_tokens=8, logprobs=3, mirostat_mode=2)\n"
    )
    assert main(["plan", str(tmp_path), "-t", "mistral-7b-instruct", "-o", str(tmp_path / "out")]) == 0
    import json

    doc = json.loads((tmp_path / "out" / "plan.json").read_text())
    sites = {s["line"]: s for s in doc["capabilities"]["sites"]}
    assert ("context_length", "gap") in {
        (g["feature"], g["status"]) for g in sites[2]["gaps"]["mistral-7b-instruct"]
    }
    call = {(g["feature"], g["subject"], g["status"]) for g in sites[3]["gaps"]["mistral-7b-instruct"]}
    assert ("logprobs", "logprobs", "option") in call  # llama.cpp gives logprobs with logits_all=True
    assert ("sampling", "mirostat_mode", "gap") in call


def test_an_unknown_target_is_one_clear_line_with_close_matches(tmp_path, capsys):
    assert (
        main(
            [
                "plan",
                str(REPO / "examples" / "legacy-chatbot"),
                "-t",
                "mistrall-7b",
                "-o",
                str(tmp_path / "out"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "unknown target model 'mistrall-7b'" in err and "mistral-7b" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_markdown_has_the_comparison_the_workstreams_and_every_site(planned, document):
    text = (planned / "plan.md").read_text(encoding="utf-8")
    for heading in (
        "## Targets side by side",
        "## Effort by workstream",
        "## Models the code depends on today",
        "## Capability gaps per call site",
        "## Every site",
    ):
        assert heading in text
    mistral = document["targets"][0]["estimate"]["total"]
    assert f"{mistral['p50']:.1f} ({mistral['p10']:.1f}-{mistral['p90']:.1f})" in text
    assert "[app/local_llm.py:28](app/local_llm.py)" in text


def _run_cli(args: list[str], *, tty: bool, cwd) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sovmigrate", *args]
    if tty:
        script = shutil.which("script")
        if script is None:
            pytest.skip("needs util-linux `script` for a pseudo-terminal")
        command = [script, "-qec", " ".join(command), "/dev/null"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOVMIGRATE_")} | {
        "TERM": "xterm",
        "COLUMNS": "100",
    }
    return subprocess.run(command, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_progress_shows_on_a_terminal_and_stays_quiet_when_piped(tmp_path):
    (tmp_path / "app.py").write_text("import ollama\nollama.chat(model='llama3.1:8b', messages=[])\n")
    args = ["plan", str(tmp_path), "-t", "qwen2.5-7b-instruct", "-o", str(tmp_path / "out")]
    piped = _run_cli(args, tty=False, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""
    assert "engineer-weeks" in piped.stdout and "Wrote" in piped.stdout
    shown = _run_cli(args, tty=True, cwd=tmp_path)
    assert shown.returncode == 0
    assert (
        "scanning" in shown.stdout or "tokenizers and estimate" in shown.stdout
    )  # the live stage, on the terminal


def test_help_of_estimate_and_plan_imports_no_heavy_library():
    probe = (
        "import sys\nfrom sovmigrate.cli import main\n"
        "assert main(['estimate', '--help']) == 0 and main(['plan', '--help']) == 0\n"
        "heavy = {'torch', 'transformers', 'llama_cpp', 'tokenizers', 'libcst', 'rich', 'jsonschema', 'jinja2'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_call_sites_are_classified_by_the_codemods_dry_run(document):
    """The Ollama calls of the example are rewritten safely; the llama.cpp model with a grammar stays manual."""
    sites = {(s["path"], s["line"], s["rule"]): s["migration"] for s in document["sites"]}
    assert sites[("app/summarise.py", 9, "SOV201")] == "safe"
    assert sites[("app/summarise.py", 13, "SOV202")] == "safe"
    # One call on this model passes a grammar, so none of its calls is rewritten (the object changes type).
    assert sites[("app/local_llm.py", 16, "SOV101")] == "manual"
    assert sites[("app/local_llm.py", 23, "SOV103")] == "manual"
    assert document["targets"][0]["estimate"]["codemods"]["classification"].startswith(
        "the codemods' dry run"
    )
