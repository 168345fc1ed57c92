"""The scan command as users run it: exit codes, formats, options, start-up weight."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sovmigrate.cli import SUBCOMMANDS, cli, main
from sovmigrate.schemas import validate
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "legacy-chatbot"


def run(*args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)
    code = result.return_value if isinstance(result.return_value, int) else result.exit_code
    return code, result.output


def test_exit_codes_follow_ruff(tmp_path, capsys):
    (tmp_path / "clean.py").write_text("print('hello')\n")
    (tmp_path / "dirty.py").write_text("import ollama\nollama.chat(model=m, messages=[])\n")
    assert main(["scan", str(tmp_path / "clean.py"), "--no-cache", "-q"]) == 0
    assert main(["scan", str(tmp_path), "--no-cache", "-q"]) == 1
    assert main(["scan", str(tmp_path), "--no-cache", "-q", "--exit-zero"]) == 0
    assert main(["scan", str(tmp_path), "--no-cache", "-q", "--select", "NOPE"]) == 2
    assert "unknown rule code or prefix 'NOPE'" in capsys.readouterr().err


def test_text_output_lines_and_summary(tmp_path, capsys):
    (tmp_path / "app.py").write_text("import ollama\nollama.chat(model=m, messages=[])\n")
    main(["scan", str(tmp_path), "--no-cache", "-q"])
    out = capsys.readouterr().out
    assert "app.py:1:1: SOV200 `ollama` imports the Ollama client" in out
    assert "app.py:2:1: SOV202 `ollama.chat` calls Ollama's native API" in out
    assert "Found 2 findings in 1 files" in out


def test_select_and_ignore_take_prefixes(tmp_path, capsys):
    (tmp_path / "app.py").write_text("import ollama\nollama.chat(model='llama3.1:8b', messages=[])\n")
    main(
        [
            "scan",
            str(tmp_path),
            "--no-cache",
            "-q",
            "--select",
            "SOV2,SOV5",
            "--ignore",
            "SOV200",
            "--output-format",
            "concise",
        ]
    )
    codes = [line.split()[1] for line in capsys.readouterr().out.splitlines()]
    assert codes == ["SOV202", "SOV502"]


def test_json_output_is_schema_valid_and_complete(tmp_path):
    report = tmp_path / "out.json"
    assert main(["scan", str(EXAMPLE), "--no-cache", "-q", "--output-format", "json", "-o", str(report)]) == 1
    document = json.loads(report.read_text())
    validate(document, "findings", 2)
    first = document["findings"][0]
    assert set(first) >= {
        "rule",
        "kind",
        "vendor",
        "api",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "fixable",
    }
    assert all(not f["path"].startswith("/") and "\\" not in f["path"] for f in document["findings"])
    assert document["summary"]["findings"] == len(document["findings"])
    assert {"app/util.py"} & {f["path"] for f in document["findings"]} == set()


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path):
    sarif_pydantic = pytest.importorskip("sarif_pydantic")
    report = tmp_path / "out.sarif"
    main(["scan", str(EXAMPLE), "--no-cache", "-q", "--output-format", "sarif", "-o", str(report)])
    document = json.loads(report.read_text())
    validate(document, "sarif")
    log = sarif_pydantic.Sarif.model_validate(document)
    run_ = log.runs[0]
    assert run_.tool.driver.name == "sovmigrate"
    rules = [r.id for r in run_.tool.driver.rules]
    assert all(rules[res.rule_index] == res.rule_id for res in run_.results)
    assert len(run_.results) == len(json.loads(run_scan_json())["findings"])


def run_scan_json() -> str:
    _, out = run("scan", str(EXAMPLE), "--no-cache", "-q", "--output-format", "json")
    return out


def test_github_annotations(tmp_path, capsys):
    (tmp_path / "app.py").write_text("import vllm\n")
    main(["scan", str(tmp_path), "--no-cache", "-q", "--output-format", "github"])
    assert capsys.readouterr().out.startswith("::notice title=sovmigrate (SOV120),file=app.py,line=1,col=1,")


def test_machine_formats_name_unreadable_files_on_stderr(tmp_path, capsys):
    (tmp_path / "bad.py").write_text("import vllm\ndef f(:\n")
    assert main(["scan", str(tmp_path), "--no-cache", "-q", "--output-format", "json"]) == 1
    captured = capsys.readouterr()
    assert "error: bad.py: SOV901" in captured.err
    assert json.loads(captured.out)["errors"][0]["path"] == "bad.py"


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_subcommand_has_working_help(name):
    code, out = run(name, "--help")
    assert code == 0 and "Usage:" in out


def test_rule_command_explains_a_rule_and_rejects_unknown_codes():
    code, out = run("rule", "SOV101")
    assert code == 0 and out.startswith("# llama-cpp-model-load (SOV101)")
    assert main(["rule", "SOV000"]) == 2


def test_help_and_version_import_no_heavy_library():
    probe = (
        "import sys\nfrom sovmigrate.cli import main\n"
        "assert main(['--help']) == 0 and main(['--version']) == 0\n"
        "heavy = {'torch', 'transformers', 'llama_cpp', 'vllm', 'tokenizers', 'libcst', 'rich', 'jsonschema'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_environment_variables_set_options(tmp_path, monkeypatch, capsys):
    (tmp_path / "app.py").write_text("import vllm\nimport ollama\n")
    monkeypatch.setenv("SOVMIGRATE_SCAN_SELECT", "SOV120")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["scan", str(tmp_path), "--no-cache", "-q", "--output-format", "concise"],
        auto_envvar_prefix="SOVMIGRATE",
    )
    assert [line.split()[1] for line in result.output.splitlines()] == ["SOV120"]
