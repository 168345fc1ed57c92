"""The ``sovmigrate receipts`` command: outputs, exit codes, PATH via the scanner hook."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from dataclasses import dataclass, field

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from sovmigrate.cli import main
from sovmigrate.schemas import validate


def test_help_runs():
    assert main(["receipts", "--help"]) == 0


def test_json_for_known_models_exits_0(capsys):
    code = main(
        ["receipts", "--model", "meta-llama/Llama-3.3-70B-Instruct", "-m", "qwen3:8b", "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    validate(data, "receipts")
    assert [r["line"] for r in data["receipts"]] == ["llama-3.3", "qwen3"]


def test_unknown_model_is_reported_and_exits_1(capsys):
    code = main(["receipts", "-m", "llama3.1:8b", "-m", "lama-3.1-8b", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    assert json.loads(captured.out)["unknown"][0]["suggestions"][0] == "llama-3.1"
    assert (
        "unknown model identifier 'lama-3.1-8b': not in the catalog (did you mean llama-3.1" in captured.err
    )


def test_cyclonedx_output_is_valid(no_network, capsys):
    assert main(["receipts", "-m", "llama4:scout", "-m", "gemma3:12b", "--format", "cyclonedx"]) == 0
    text = capsys.readouterr().out
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    assert json.loads(text)["metadata"]["component"]["name"] == "project"


def test_text_is_the_default_format(capsys):
    assert main(["receipts", "-m", "llama-2-13b-chat.Q4_K_M.gguf"]) == 0
    out = capsys.readouterr().out
    assert "Llama 2 [llama-2] - tier 2" in out
    assert "outputs may not train other models" in out


def test_jurisdiction_raises_the_tier(capsys):
    assert main(["receipts", "-m", "llama3.2-vision:11b", "--jurisdiction", "EU", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["receipts"][0]["tier"]["effective"] == 3


def test_non_commercial_keeps_research_licences_at_tier_2(capsys):
    assert main(["receipts", "-m", "qwen2.5:3b", "--non-commercial", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["receipts"][0]["tier"]["effective"] == 2


def test_compare(capsys):
    assert (
        main(
            [
                "receipts",
                "--compare",
                "meta-llama/Llama-3.1-8B-Instruct",
                "openai/gpt-oss-20b",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    validate(data, "receipts")
    assert data["comparison"]["target"] == "gpt-oss"
    assert (
        "tokenizer changes (llama-3 -> gpt-oss): token ids, token budgets and chat templates must be remapped"
        in data["comparison"]["losses"]
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param([], "give a PATH to scan, --model ID or --compare SOURCE TARGET", id="nothing to do"),
        pytest.param(
            ["--compare", "nope-model", "llama3"],
            "cannot compare: unknown model identifier 'nope-model'",
            id="unknown",
        ),
        pytest.param(
            ["--compare", "llama3.1:8b", "meta-llama/Llama-3.1-8B-Instruct"],
            "same catalog line",
            id="same line",
        ),
        pytest.param(
            ["--compare", "llama3", "qwen3", "-m", "gpt-4o"], "cannot be combined", id="compare + model"
        ),
        pytest.param(["--format", "xml", "-m", "llama3"], "xml", id="bad format"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    assert main(["receipts", *argv]) == 2
    assert message in capsys.readouterr().err


@dataclass
class FakeFinding:
    rule: str
    kind: str
    path: str
    line: int
    column: int
    details: dict = field(default_factory=dict)


@pytest.fixture
def fake_scanner(monkeypatch):
    findings = [
        FakeFinding(
            "SOV501", "model_id", "app/llm.py", 7, 12, {"model_id": "meta-llama/Llama-3.1-8B-Instruct"}
        ),
        FakeFinding("SOV501", "model_id", "app/llm.py", 9, 4, {"model_id": "mistral-mystery-9000"}),
        FakeFinding("SOV101", "call", "app/llm.py", 20, 0, {}),
    ]
    module = types.ModuleType("sovmigrate.scan.runner")
    module.scan = lambda paths: types.SimpleNamespace(findings=findings)
    monkeypatch.setitem(sys.modules, "sovmigrate.scan.runner", module)


def test_path_uses_the_scanner_findings(fake_scanner, tmp_path, capsys):
    code = main(["receipts", str(tmp_path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["receipts"][0]["identifiers"][0]["locations"] == [
        {"path": "app/llm.py", "line": 7, "column": 12}
    ]
    assert data["unknown"][0]["id"] == "mistral-mystery-9000"


def test_path_without_scanner_is_a_clear_usage_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "sovmigrate.scan.runner", None)
    assert main(["receipts", str(tmp_path)]) == 2
    assert "receipts PATH needs the scanner" in capsys.readouterr().err


def test_receipts_help_does_not_import_heavy_modules():
    code = (
        "import sys; from sovmigrate.cli import main; main(['receipts', '--help']); "
        "print(sorted(m for m in ('cyclonedx', 'sovmigrate.receipts') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_path_with_the_real_scanner(tmp_path, capsys):
    pytest.importorskip("sovmigrate.scan.runner")
    (tmp_path / "app.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
        encoding="utf-8",
    )
    assert main(["receipts", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [receipt] = data["receipts"]
    assert receipt["line"] == "llama-3.1"
    assert receipt["identifiers"][0]["locations"][0]["path"].endswith("app.py")
    assert receipt["identifiers"][0]["locations"][0]["line"] == 2


def test_a_catalog_line_id_resolves_to_its_line(capsys):
    assert main(["receipts", "-m", "mistral-7b", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert [r["line"] for r in json.loads(captured.out)["receipts"]] == ["mistral-7b"]
    assert "did you mean" not in captured.out + captured.err


@pytest.mark.parametrize("fmt", ["text", "json", "cyclonedx"])
def test_unknown_model_message_is_printed_once_as_a_whole_line(capsys, fmt):
    assert main(["receipts", "-m", "nosuch-model-xyz", "--format", fmt]) == 1
    captured = capsys.readouterr()
    message = "unknown model identifier 'nosuch-model-xyz': not in the catalog\n"
    assert (captured.out + captured.err).count("nosuch-model-xyz': not in the catalog") == 1
    assert message in (captured.out if fmt == "text" else captured.err)


def test_unknown_models_reach_stderr_when_the_text_report_goes_to_a_file(tmp_path, capsys):
    report = tmp_path / "receipts.txt"
    assert main(["receipts", "-m", "nosuch-model-xyz", "-o", str(report)]) == 1
    message = "unknown model identifier 'nosuch-model-xyz': not in the catalog"
    assert capsys.readouterr().err == message + "\n"
    assert report.read_text(encoding="utf-8").count(message) == 1


def test_an_unwritable_output_file_is_one_error_line(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "receipts.json"
    assert main(["receipts", "-m", "llama3.1:8b", "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert (
        err.strip().splitlines()[-1].startswith(f"Error: Could not open file '{target}'")
        and "Traceback" not in err
    )
