"""What a scan loads: a run of cache hits builds no catalog and imports no analyser; an edited rule still counts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from sovmigrate.rules import patterncache
from tests.conftest import REPO

# Modules a scan whose files are all cache hits does not need: the parser, the analysis, the catalog's rule
# families, the compiled catalog, the prefilter, the progress bar, schema validation, the worker pool.
NOT_NEEDED_WARM = (
    "libcst",
    "sovmigrate.scan.analysis",
    "sovmigrate.rules.engines",
    "sovmigrate.rules.vocabulary",
    "sovmigrate.scan.matching",
    "sovmigrate.scan.prefilter",
    "rich",
    "jsonschema",
    "concurrent.futures.process",
)


def _scan_in_fresh_process(project, cache_dir, *, cwd=None) -> dict:
    probe = (
        "import json, sys\n"
        "from sovmigrate.cli import main\n"
        f"code = main(['scan', {str(project)!r}, '-q', '--output-format', 'json', '-o', {str(project.parent / 'out.json')!r},"
        f" '--cache-dir', {str(cache_dir)!r}])\n"
        f"print(json.dumps({{'code': code, 'loaded': sorted(set({list(NOT_NEEDED_WARM)!r}) & set(sys.modules)),"
        " 'file': sys.modules['sovmigrate'].__file__}))\n"
    )
    # No byte code written: for the edited copy below Python itself would take a stale .pyc (same size and mtime).
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd or REPO, env=env
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["report"] = json.loads((project.parent / "out.json").read_text())
    return result


def test_a_warm_scan_imports_no_analyser_and_builds_no_catalog(tmp_path):
    project = tmp_path / "project"
    # without its pyproject.toml: a [tool.sovmigrate] table is validated with jsonschema, in every run
    shutil.copytree(
        REPO / "examples" / "legacy-chatbot", project, ignore=shutil.ignore_patterns("pyproject.toml")
    )
    cold = _scan_in_fresh_process(project, tmp_path / "cache")
    warm = _scan_in_fresh_process(project, tmp_path / "cache")
    assert cold["code"] == warm["code"] == 1
    assert "libcst" in cold["loaded"]  # the probe sees what a scan imports
    assert warm["loaded"] == []
    assert warm["report"] == cold["report"]
    assert len(warm["report"]["findings"]) > 40


def test_an_edited_rule_invalidates_cached_results(tmp_path):
    """The cache key reads the rule modules' bytes: an edit the source stamp cannot see (same size, same
    modification time) still makes every file be analysed again."""
    checkout = tmp_path / "checkout"
    shutil.copytree(
        REPO / "sovmigrate", checkout / "sovmigrate", ignore=shutil.ignore_patterns("__pycache__")
    )
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text("import vllm\n")
    first = _scan_in_fresh_process(project, tmp_path / "cache", cwd=checkout)
    assert first["file"].startswith(str(checkout))
    assert [f["message"] for f in first["report"]["findings"]] == ["`vllm` imports vLLM"]

    rules = checkout / "sovmigrate" / "rules" / "engines.py"
    stat = rules.stat()
    text = rules.read_text(encoding="utf-8")
    label = '        "vLLM",\n        codemod="vllm.VllmCodemod",'
    assert text.count(label) == 1
    rules.write_text(text.replace(label, label.replace("vLLM", "vLXM")), encoding="utf-8")
    os.utime(rules, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert rules.stat().st_size == stat.st_size

    second = _scan_in_fresh_process(project, tmp_path / "cache", cwd=checkout)
    assert [f["message"] for f in second["report"]["findings"]] == ["`vllm` imports vLXM"]


def test_the_catalog_version_follows_the_rule_sources(tmp_path):
    from sovmigrate.rules import catalog_version, rules_digest

    folder = tmp_path / "rules"
    shutil.copytree(REPO / "sovmigrate" / "rules", folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert catalog_version().endswith("+" + rules_digest(folder))
    vocabulary = folder / "vocabulary.py"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\nEXTRA = ('acme',)\n", encoding="utf-8")
    assert rules_digest(folder) != catalog_version().rpartition("+")[2]


@pytest.fixture
def pattern_store(tmp_path, monkeypatch):
    """The compiled-pattern file in a temporary place, written whatever PYTHONDONTWRITEBYTECODE says."""
    path = tmp_path / "pycache" / "patterns.marshal"
    monkeypatch.setattr(patterncache, "cache_path", lambda: path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(patterncache, "_stored", {})
    monkeypatch.setattr(patterncache, "_fresh", {})
    monkeypatch.setattr(patterncache, "_known", set())
    patterncache._load.cache_clear()
    yield path
    patterncache._load.cache_clear()


def _fresh_process_state() -> None:
    patterncache._stored.clear()
    patterncache._fresh.clear()
    patterncache._load.cache_clear()


def test_stored_patterns_are_the_patterns_re_compiles(pattern_store):
    pattern, flags = r"(?P<engine>vllm|ollama)[ \t]+(?P<verb>serve|run)\b(?!-)", re.IGNORECASE
    patterncache.register(r"^\s*model\s*:", re.MULTILINE)
    first = patterncache.compile_pattern(pattern, flags)
    patterncache.save()
    assert pattern_store.is_file()

    _fresh_process_state()
    again = patterncache.compile_pattern(pattern, flags)
    assert f"{int(flags)}:{pattern}" in patterncache._stored  # came from the file
    assert (
        f"{int(re.MULTILINE)}:^\\s*model\\s*:" in patterncache._stored
    )  # registered, never used: stored too
    assert again == first == re.compile(pattern, flags)
    assert again.search("RUN: Ollama  run llama3").group("verb") == "run"
    assert patterncache._fresh == {}


def test_a_damaged_pattern_file_is_ignored(pattern_store):
    pattern_store.parent.mkdir(parents=True)
    pattern_store.write_bytes(b"\x00not marshal")
    assert patterncache.compile_pattern("ab+c", 0).search("xabbbc").span() == (1, 6)
    patterncache.save()
    _fresh_process_state()
    assert patterncache.compile_pattern("ab+c", 0) == re.compile("ab+c")
    assert "0:ab+c" in patterncache._stored


def test_every_catalog_pattern_built_from_its_code_equals_re_compile():
    from sovmigrate.rules import CATALOG  # noqa: F401  (creates every catalog pattern)

    assert len(patterncache._known) > 50
    for pattern, flags in sorted(patterncache._known):
        entry = patterncache._code(pattern, flags)
        assert patterncache._from_code(pattern, entry) == re.compile(pattern, flags), pattern[:80]
