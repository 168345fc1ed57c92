"""The public API a user meets first: discoverable, and a single string is never read as a list of characters."""

from __future__ import annotations

import importlib
import os
import pydoc
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovmigrate
from tests.conftest import REPO


@pytest.fixture(autouse=True)
def _no_user_caches(tmp_path_factory, monkeypatch):
    """Tokenizers load from the installed mistral-common only; nothing is written to the user's caches."""
    tmp = tmp_path_factory.mktemp("caches")
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_CACHE", str(tmp / "converted"))
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(tmp / "files"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp / "hub"))


PUBLIC_FUNCTIONS = [
    "scan",
    "receipts",
    "compare",
    "check_compatibility",
    "load_tokenizer",
    "fetch_tokenizers",
]


def test_dir_lists_the_public_api():
    assert set(PUBLIC_FUNCTIONS) | {"Finding", "ScanResult", "SovmigrateError", "__version__"} <= set(
        dir(sovmigrate)
    )
    assert sorted(sovmigrate.__all__) == sorted([*sovmigrate._LAZY, "__version__"])


def test_help_shows_the_public_functions():
    text = pydoc.render_doc(sovmigrate, renderer=pydoc.plaintext)
    for name in PUBLIC_FUNCTIONS:
        assert re.search(rf"\n\s+{name}\(", text), name
    assert "Compare two tokenizers" in text  # the functions' own docs, where Python lists them


@pytest.mark.parametrize("package", ["sovmigrate.scan.runner", "sovmigrate.receipts.render_json"])
def test_scan_and_receipts_stay_callable_once_their_packages_are_imported(tmp_path, package):
    importlib.import_module(package)  # binds sovmigrate.scan / sovmigrate.receipts to their packages
    (tmp_path / "app.py").write_text("import ollama\nollama.chat(model='llama3.1:8b', messages=[])\n")
    assert sovmigrate.scan([str(tmp_path)]).findings
    assert [r.line.id for r in sovmigrate.receipts(["llama3.1:8b"]).receipts] == ["llama-3.1"]


def test_scan_takes_one_path(tmp_path):
    (tmp_path / "app.py").write_text("from llama_cpp import Llama\nllm = Llama(model_path='x.gguf')\n")
    result = sovmigrate.scan(str(tmp_path))
    assert result.stats.files_seen == 1 and result.findings


def test_check_compatibility_takes_one_corpus_file_and_one_search_folder(tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("What is the capital of France?", encoding="utf-8")
    report = sovmigrate.check_compatibility(
        "mistral-v1", "mistral-v3", corpus=str(prompts), search=str(tmp_path)
    )
    assert (report["corpus"]["files"], report["corpus"]["samples"]) == (1, 1)
    assert report["corpus"]["skipped"] == []


def test_load_tokenizer_takes_one_search_folder(tmp_path):
    member = "mistral_common/data/tokenizer.model.v1"
    import mistral_common  # installed with the tokenizers extra; its data folder holds the file

    (tmp_path / "mine" / member).parent.mkdir(parents=True)
    shutil.copy(
        Path(mistral_common.__file__).parent / "data" / "tokenizer.model.v1", tmp_path / "mine" / member
    )
    tok = sovmigrate.load_tokenizer("mistral-v1", search=str(tmp_path / "mine"))
    assert tok.source == str(tmp_path / "mine" / member)


def test_family_rows_take_one_search_folder(tmp_path):
    from sovmigrate.tokenizers.inventory import family_rows

    rows = {r["family"]: r for r in family_rows(str(tmp_path))}
    assert rows["gemma-3"]["found"] is None and rows["gemma-3"]["how_to_load"]


def test_the_package_works_from_a_source_checkout_without_an_editable_install(tmp_path):
    """Standing in a clone after `pip install .`, Python imports the clone's sovmigrate, not the installed one."""
    clone = tmp_path / "clone"
    for part in ("sovmigrate", "codemods", "tokenizer_maps"):
        shutil.copytree(REPO / part, clone / part, ignore=shutil.ignore_patterns("__pycache__"))
    # Drop any editable-install finder, as a non-editable install has none.
    code = (
        "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in type(f).__module__]; "
        "from sovmigrate.tokenizers.maps import families; import sovmigrate.codemods, sovmigrate.tokenizer_maps as m; "
        "print(len(families()), m.__file__)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=clone, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    count, maps_file = run.stdout.split()
    assert int(count) == len(list((REPO / "tokenizer_maps").glob("*.json")))
    assert Path(maps_file) == clone / "tokenizer_maps" / "__init__.py"
    cli = subprocess.run([sys.executable, "-m", "sovmigrate", "tokens", "list"], cwd=clone, env=env,
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert cli.returncode == 0 and "CatalogError" not in cli.stderr, cli.stderr


@pytest.mark.parametrize("cwd", ["repository", "elsewhere"])
def test_help_imports_no_heavy_library(tmp_path, cwd):
    code = (
        "import sys; from sovmigrate.cli import main; main(['--help']); "
        "print(sorted(m for m in ('torch', 'transformers', 'tokenizers', 'libcst', 'jinja2', 'platformdirs') if m in sys.modules))"
    )
    folder = REPO if cwd == "repository" else tmp_path
    run = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=True)
    assert run.stdout.strip().endswith("[]")
