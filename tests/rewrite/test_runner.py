"""The library API: ``sovmigrate.rewrite(paths, ...)``, its result object, parallel runs and races."""

from __future__ import annotations

import os
import subprocess
import sys

import libcst as cst
from sovmigrate.codemods._calls import CallEdit

from sovmigrate.config import Settings
from sovmigrate.rewrite.runner import rewrite
from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.runner import scan
from tests.conftest import REPO
from tests.rewrite.conftest import VENDOR, VENDOR_REWRITTEN
from tests.rewrite.sample_codemods import SAMPLES, SampleLlamaCodemod


def run(paths, **options):
    options.setdefault("settings", Settings(cache=False, jobs=1))
    return rewrite(paths, codemods=SAMPLES, **options)


def test_sovmigrate_rewrite_is_callable_whatever_was_imported_first():
    for first in (
        "import sovmigrate",
        "import sovmigrate.rewrite.result",
        "import sovmigrate.rewrite.runner",
    ):
        probe = (
            f"{first}\nimport sovmigrate\nprint(callable(sovmigrate.rewrite), sovmigrate.rewrite.__name__)"
        )
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
        ).stdout
        assert out.split()[0] == "True", first


def test_a_dry_run_writes_nothing_and_still_has_every_diff_and_outcome(project):
    result = run(str(project), dry_run=True)  # one path as a plain string
    assert (project / "app.py").read_text() == VENDOR
    assert [(f.path, f.status, f.kind) for f in result.files] == [
        ("app.py", "changed", "python"),
        ("requirements.txt", "changed", "manifest"),
    ]
    app = result.files[0]
    assert app.data.decode() == VENDOR_REWRITTEN
    assert app.diff.splitlines()[:4] == [
        "--- a/app.py",
        "+++ b/app.py",
        "@@ -1,6 +1,6 @@",
        "-from llama_cpp import Llama",
    ]
    assert result.counts.to_dict() == {"fixed": 2, "fixed_unsafe": 0, "skipped_unsafe": 1, "manual": 1}
    assert {rule: c.to_dict() for rule, c in result.counts_by_rule.items()} == {
        "SOV101": {"fixed": 1, "fixed_unsafe": 0, "skipped_unsafe": 0, "manual": 0},
        "SOV102": {"fixed": 1, "fixed_unsafe": 0, "skipped_unsafe": 1, "manual": 0},
        "SOV103": {"fixed": 0, "fixed_unsafe": 0, "skipped_unsafe": 0, "manual": 1},
    }
    assert list(result.counts_by_file) == ["app.py"]


def test_outcomes_sit_where_the_scan_reports_the_findings_and_carry_their_fingerprints(project):
    """So a consumer (the estimate) can join outcomes to findings: by fingerprint, or by path, line and rule."""
    findings = {
        (f.path, f.line, f.column, f.rule): f.fingerprint
        for f in scan([project], Settings(cache=False)).findings
    }
    outcomes = run(project, dry_run=True, unsafe=True).outcomes
    assert len(outcomes) == 4
    for outcome in outcomes:
        assert (
            outcome.fingerprint
            and findings[(outcome.path, outcome.line, outcome.column, outcome.rule)] == outcome.fingerprint
        )


def test_parallel_and_serial_runs_agree(tmp_path):
    padding = "".join(f"value_{n} = {n}\n" for n in range(200))  # 16 files over PARALLEL_LINES: workers start
    for index in range(16):
        (tmp_path / f"mod_{index:02}.py").write_text(padding + VENDOR)
    serial = run(tmp_path, dry_run=True, settings=Settings(cache=False, jobs=1))
    parallel = run(tmp_path, dry_run=True, settings=Settings(cache=False, jobs=2))
    assert [(f.path, f.data, f.outcomes) for f in serial.files] == [
        (f.path, f.data, f.outcomes) for f in parallel.files
    ]
    assert len(serial.changed) == 16


def test_a_file_edited_during_the_rewrite_is_left_as_the_user_left_it(tmp_path):
    class UserEditsMeanwhile(SampleLlamaCodemod):
        def plan(self) -> None:
            path = tmp_path / "app.py"
            path.write_text(VENDOR + "# edited\n")
            os.utime(path, ns=(1, 1))
            super().plan()

    (tmp_path / "app.py").write_text(VENDOR)
    result = rewrite(tmp_path, codemods=(UserEditsMeanwhile,), settings=Settings(cache=False, jobs=1))
    assert (tmp_path / "app.py").read_text() == VENDOR + "# edited\n"
    [file] = result.files
    assert file.status == "error" and "changed on disk during the rewrite" in file.error


def test_per_file_ignores_hold_for_the_rewrite_too(tmp_path):
    (tmp_path / "app.py").write_text(VENDOR)
    (tmp_path / "chat.py").write_text("import ollama\nollama.chat(model='m')\n")
    settings = Settings(cache=False, jobs=1, per_file_ignores={"app.py": ("SOV101",)})
    result = run(tmp_path, settings=settings)
    assert 'llm = Llama(model_path="m.gguf")\n' in (tmp_path / "app.py").read_text()
    assert 'out = complete(llm, "Q: hi", max_tokens=8)\n' in (tmp_path / "app.py").read_text()
    assert not [o for o in result.outcomes if o.rule == "SOV101"]


def test_a_rewrite_that_never_settles_is_not_written(tmp_path):
    class Restless(SampleLlamaCodemod):
        """Adds one more argument on every pass: a codemod bug the fixpoint loop must catch."""

        def plan(self) -> None:
            for site, rule in self.call_sites("SOV101"):
                if self.fix(site.node, rule, FixSafety.SAFE):
                    self.replace(
                        site.node,
                        lambda call: CallEdit(call).set(f"again_{len(call.args)}", cst.Name("x")).build(),
                    )

    (tmp_path / "app.py").write_text(VENDOR)
    result = rewrite(tmp_path, codemods=(Restless,), settings=Settings(cache=False, jobs=1))
    assert (tmp_path / "app.py").read_text() == VENDOR
    [file] = result.files
    assert file.status == "error"
    assert file.error == "the rewrite did not settle after 10 passes; left as it is (please report this)"


def test_manifests_gain_every_extra_the_fixes_name(tmp_path):
    class Framework(SampleLlamaCodemod):
        EXTRA = "langchain,llamacpp"

    (tmp_path / "app.py").write_text(VENDOR)
    (tmp_path / "requirements.txt").write_text("llama-cpp-python\nsovmigrate[llamacpp]\n")
    rewrite(tmp_path, codemods=(Framework,), settings=Settings(cache=False, jobs=1))
    assert (tmp_path / "requirements.txt").read_text() == "llama-cpp-python\nsovmigrate[llamacpp,langchain]\n"


def test_each_service_manifest_gains_its_own_backend_and_a_shared_one_gains_all(tmp_path):
    chat = "import ollama\n\nreply = ollama.chat(model='llama3', messages=[])\n"
    for service, code, engine in (("a", VENDOR, "llama-cpp-python"), ("b", chat, "ollama")):
        (tmp_path / "services" / service).mkdir(parents=True)
        (tmp_path / "services" / service / "app.py").write_text(code)
        (tmp_path / "services" / service / "requirements.txt").write_text(f"{engine}\n")
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "requirements.txt").write_text("llama-cpp-python\nollama\n")
    run(tmp_path)
    assert (
        tmp_path / "services/a/requirements.txt"
    ).read_text() == "llama-cpp-python\nsovmigrate[llamacpp]>=0.1.0\n"
    assert (tmp_path / "services/b/requirements.txt").read_text() == "ollama\nsovmigrate[ollama]>=0.1.0\n"
    # The image's requirements sit beside no rewritten file: which code it installs is unknown, so it gets both.
    assert (tmp_path / "docker/requirements.txt").read_text() == (
        "llama-cpp-python\nollama\nsovmigrate[llamacpp,ollama]>=0.1.0\n"
    )


def test_a_tree_with_nothing_to_rewrite_loads_no_codemod_and_no_libcst(tmp_path):
    (tmp_path / "plain.py").write_text("print('hello')\n")
    probe = (
        f"import sys\nimport sovmigrate\nresult = sovmigrate.rewrite({str(tmp_path)!r}, dry_run=True)\n"
        "print(len(result.files), sorted(m for m in sys.modules if m == 'libcst' or m.startswith('sovmigrate.codemods.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out.split() == ["0", "[]"]
