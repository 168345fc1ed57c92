"""``sovmigrate rewrite`` as users run it: exit codes, --diff, --check, JSON, configuration, start-up weight."""

from __future__ import annotations

import json
import subprocess
import sys

from sovmigrate.cli import main
from sovmigrate.schemas import validate
from tests.rewrite.conftest import VENDOR, VENDOR_REWRITTEN


def test_rewrite_writes_safe_fixes_and_reports_the_rest(project, samples, capsys):
    assert main(["rewrite", str(project), "-q"]) == 0
    assert (project / "app.py").read_text() == VENDOR_REWRITTEN
    assert (
        project / "requirements.txt"
    ).read_text() == "llama-cpp-python==0.3.2\nrequests\nsovmigrate[llamacpp]>=0.1.0\n"
    out = capsys.readouterr().out
    assert "app.py:3:7: SOV101 fixed\n" in out
    assert (
        "app.py:5:8: SOV102 unsafe fix not applied: relied on the 16-token default; max_tokens=16 written out\n"
        in out
    )
    assert "app.py:6:8: SOV103 manual: chat completions are not handled by the sample codemod\n" in out
    assert "rule    fixed  unsafe skipped  manual\nSOV101      1               0       0\n" in out
    assert "Fixed 2 sites, 1 unsafe fix not applied, 1 site left for manual work, rewrote 2 files.\n" in out
    assert "1 hidden fix can be enabled with --unsafe" in out


def test_diff_prints_the_change_and_writes_nothing(project, samples, capsys):
    assert main(["rewrite", str(project), "--diff", "-q"]) == 0
    assert (project / "app.py").read_text() == VENDOR
    captured = capsys.readouterr()
    assert captured.out.startswith(
        "--- a/app.py\n+++ b/app.py\n@@ -1,6 +1,6 @@\n-from llama_cpp import Llama\n+from sample_adapter import complete, load\n"
    )
    assert "+sovmigrate[llamacpp]>=0.1.0\n" in captured.out
    assert "Would fix 2 sites" in captured.err and "would rewrite 2 files" in captured.err


def test_check_exits_1_while_changes_are_pending_and_0_after(project, samples, capsys):
    assert main(["rewrite", str(project), "--check", "-q"]) == 1
    assert (project / "app.py").read_text() == VENDOR
    assert main(["rewrite", str(project), "-q"]) == 0
    assert main(["rewrite", str(project), "--check", "-q"]) == 0


def test_unsafe_and_annotate(project, samples):
    assert main(["rewrite", str(project), "-q", "--unsafe", "--annotate"]) == 0
    code = (project / "app.py").read_text()
    assert 'more = complete(llm, "Q: hi", max_tokens=16)\n' in code
    assert (
        "# sovmigrate: TODO(SOV103): chat completions are not handled by the sample codemod\nchat = " in code
    )


def test_select_and_ignore_take_prefixes(project, samples):
    assert main(["rewrite", str(project), "-q", "--select", "SOV1", "--ignore", "SOV101"]) == 0
    code = (project / "app.py").read_text()
    assert (
        'llm = Llama(model_path="m.gguf")\n' in code
        and 'out = complete(llm, "Q: hi", max_tokens=8)\n' in code
    )


def test_pyproject_table_sets_defaults_and_the_command_line_wins(project, samples):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "demo"\n\n[tool.sovmigrate.rewrite]\nunsafe = true\nignore = ["SOV101"]\n'
    )
    assert main(["rewrite", str(project), "-q", "--no-unsafe"]) == 0
    code = (project / "app.py").read_text()
    assert 'llm = Llama(model_path="m.gguf")\n' in code and 'more = llm.create_completion("Q: hi")\n' in code
    assert main(["rewrite", str(project), "-q"]) == 0
    assert 'more = complete(llm, "Q: hi", max_tokens=16)\n' in (project / "app.py").read_text()


def test_json_report_is_schema_valid(project, samples, capsys):
    assert main(["rewrite", str(project), "--diff", "--output-format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    validate(report, "rewrite")
    assert report["dry_run"] is True and report["counts"]["total"] == {
        "fixed": 2,
        "fixed_unsafe": 0,
        "skipped_unsafe": 1,
        "manual": 1,
    }
    assert report["counts"]["by_rule"]["SOV102"] == {
        "fixed": 1,
        "fixed_unsafe": 0,
        "skipped_unsafe": 1,
        "manual": 0,
    }
    [app] = [f for f in report["files"] if f["path"] == "app.py"]
    assert app["status"] == "changed" and app["diff"].startswith("--- a/app.py")


def test_usage_errors_exit_2_with_one_line(tmp_path, samples, capsys):
    assert main(["rewrite", str(tmp_path / "missing")]) == 2
    assert main(["rewrite", str(tmp_path), "--select", "NOPE"]) == 2
    (tmp_path / "pyproject.toml").write_text("[tool.sovmigrate.rewrite]\nunsafe-fixes = true\n")
    assert main(["rewrite", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "missing: no such file or directory" in err
    assert "unknown rule code or prefix 'NOPE'" in err
    assert "unknown key 'unsafe-fixes' in [tool.sovmigrate.rewrite]" in err
    assert "Traceback" not in err


def test_a_file_that_does_not_parse_is_reported_and_left_alone(tmp_path, samples, capsys):
    broken = "from llama_cpp import Llama\nllm = Llama('m.gguf'\n"
    (tmp_path / "broken.py").write_text(broken)
    assert main(["rewrite", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "broken.py").read_text() == broken
    assert "error: broken.py: SOV901 " in capsys.readouterr().out


def test_help_imports_no_libcst():
    probe = (
        "import sys\nfrom sovmigrate.cli import main\n"
        "assert main(['rewrite', '--help']) == 0\n"
        "print(sorted({'libcst', 'tomlkit', 'rich', 'jsonschema', 'sovmigrate.rewrite'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_no_cache_leaves_no_cache_folder_behind(project, samples):
    assert main(["rewrite", str(project), "--diff", "-q", "--no-cache"]) == 0
    assert not (project / ".sovmigrate_cache").exists()
    assert main(["rewrite", str(project), "--diff", "-q"]) == 0
    assert (project / ".sovmigrate_cache").is_dir()
