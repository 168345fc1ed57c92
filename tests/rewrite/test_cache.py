"""The rewrite cache: the same results as no cache, invalidated by every input of a rewrite, never trusted blindly.

The catalog's own codemods run on real fixtures. A run that "transforms" a file is observed through
``runner.rewrite_file`` (called once per file the cache could not answer, in this process with jobs=1).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovmigrate.rewrite.cache as cache_module
from sovmigrate.cli import main
from sovmigrate.config import Settings
from sovmigrate.rewrite import runner
from sovmigrate.rewrite.runner import rewrite
from tests.conftest import FIXTURES, REPO
from tests.rewrite.sample_codemods import SAMPLES

LLAMA = """\
from llama_cpp import Llama

llm = Llama(model_path="m.gguf")
out = llm("Q: hi", max_tokens=8)
"""
OLLAMA = """\
import ollama

reply = ollama.chat(model="llama3.1", messages=[{"role": "user", "content": "hi"}])
print(reply["message"]["content"])
"""
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Demo"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": LLAMA.splitlines(True),
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}
OPTIONS = {
    "defaults": {},
    "unsafe and annotate": {"unsafe": True, "annotate": True},
    "prompt rules ignored": {"ignore": ["SOV52"]},
}


@pytest.fixture
def transforms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files each run really transforms (not answered by the cache)."""
    done: list[str] = []
    real = runner.rewrite_file

    def counted(task):  # type: ignore[no-untyped-def]
        done.append(task.relpath)
        return real(task)

    monkeypatch.setattr(runner, "rewrite_file", counted)
    return done


def odd_files(folder: Path) -> Path:
    """Files that stress what the cache must give back byte for byte: CRLF, latin-1, BOM, a notebook."""
    folder.mkdir()
    (folder / "crlf.py").write_bytes(LLAMA.replace("\n", "\r\n").encode())
    (folder / "latin1.py").write_bytes(("# -*- coding: latin-1 -*-\n# café\n" + OLLAMA).encode("latin-1"))
    (folder / "bom.py").write_bytes(b"\xef\xbb\xbf" + LLAMA.encode())
    (folder / "demo.ipynb").write_text(json.dumps(NOTEBOOK, indent=1))
    (folder / "requirements.txt").write_text("llama-cpp-python\nollama\n")
    return folder


CORPORA = {
    "rule fixtures": lambda target: shutil.copytree(FIXTURES / "rules", target),
    "legacy chatbot example": lambda target: shutil.copytree(REPO / "examples" / "legacy-chatbot", target),
    "encodings, line endings, notebook": odd_files,
}


def run(tree: Path, cache: Path | None, **options):  # type: ignore[no-untyped-def]
    settings = Settings(cache=cache is not None, cache_dir=cache, jobs=1)
    return rewrite(tree, settings=settings, **options)


def report(result) -> tuple:  # type: ignore[no-untyped-def]
    """Everything a run produced: its JSON report and the new bytes of each changed file."""
    return result.to_dict(), {f.path: f.data for f in result.changed}


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_cached_results_are_the_results_without_cache(corpus, options, tmp_path, transforms):
    tree = tmp_path / "tree"
    CORPORA[corpus](tree)
    uncached = report(run(tree, None, dry_run=True, **options))
    transformed = len(transforms)
    assert transformed and uncached[1], "the corpus was expected to have files to rewrite"
    assert report(run(tree, tmp_path / "cache", dry_run=True, **options)) == uncached  # fills the cache
    assert len(transforms) == 2 * transformed
    assert report(run(tree, tmp_path / "cache", dry_run=True, **options)) == uncached  # answered by it
    assert len(transforms) == 2 * transformed


def test_rewrite_after_diff_writes_from_the_cache_what_an_uncached_run_writes(tmp_path, transforms):
    expected, tree = tmp_path / "expected", tmp_path / "tree"
    for folder in (expected, tree):
        shutil.copytree(REPO / "examples" / "legacy-chatbot", folder)
    run(expected, None, unsafe=True)
    run(tree, tmp_path / "cache", dry_run=True, unsafe=True)
    transforms.clear()
    written = run(tree, tmp_path / "cache", unsafe=True)
    assert transforms == [] and written.changed
    for path in expected.rglob("*"):
        if path.is_file():
            assert (tree / path.relative_to(expected)).read_bytes() == path.read_bytes(), path


# ---------------------------------------------------------------- what invalidates an entry


@pytest.fixture
def project(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "llama.py").write_text(LLAMA)
    (tree / "chat.py").write_text(OLLAMA)
    return tree


def test_a_changed_file_is_transformed_again_and_only_it(project, tmp_path, transforms):
    run(project, tmp_path / "cache", dry_run=True)
    (project / "llama.py").write_text(LLAMA.replace("max_tokens=8", "max_tokens=9"))
    transforms.clear()
    result = run(project, tmp_path / "cache", dry_run=True)
    assert transforms == ["llama.py"]
    assert "max_tokens=9" in result.files[[f.path for f in result.files].index("llama.py")].diff


@pytest.mark.parametrize(
    "changed",
    [{"unsafe": True}, {"annotate": True}, {"select": ["SOV101", "SOV2"]}, {"ignore": ["SOV102"]}],
    ids=["unsafe", "annotate", "select", "ignore"],
)
def test_other_options_are_transformed_again(project, tmp_path, transforms, changed):
    run(project, tmp_path / "cache", dry_run=True)
    transforms.clear()
    result = run(project, tmp_path / "cache", dry_run=True, **changed)
    assert "llama.py" in transforms, "an option changed: the cached results do not apply"
    assert report(result) == report(run(project, None, dry_run=True, **changed))


def test_a_new_catalog_starts_an_empty_cache(project, tmp_path, transforms, monkeypatch):
    run(project, tmp_path / "cache", dry_run=True)
    monkeypatch.setattr(cache_module, "catalog_version", lambda: "0.0.0+another-catalog")
    transforms.clear()
    run(project, tmp_path / "cache", dry_run=True)
    assert sorted(transforms) == ["chat.py", "llama.py"]


def test_a_change_to_any_codemod_source_file_starts_an_empty_cache(
    project, tmp_path, transforms, monkeypatch
):
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "codemods", sources, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "_sources", lambda: sorted(str(p) for p in sources.glob("*.py")))
    run(project, tmp_path / "cache", dry_run=True)
    transforms.clear()
    run(project, tmp_path / "cache", dry_run=True)
    assert transforms == []
    with (sources / "ollama.py").open("a") as handle:
        handle.write("# a fix to the Ollama codemod\n")
    run(project, tmp_path / "cache", dry_run=True)
    assert sorted(transforms) == ["chat.py", "llama.py"]


def test_the_digest_covers_every_codemod_sovmigrate_and_libcst():
    sources = cache_module._sources()
    for module in ("llama_cpp", "ollama", "_base", "_command", "_imports"):
        assert str((REPO / "codemods" / f"{module}.py").resolve()) in sources
    for module in ("scan/analysis.py", "rewrite/transform.py", "rewrite/notebook.py", "rules/engines.py"):
        assert str((REPO / "sovmigrate" / module).resolve()) in sources
    assert Path(cache_module._libcst_version_file()).is_file()


def test_your_own_codemods_are_not_cached(project, tmp_path, transforms):
    for _ in range(2):
        rewrite(
            project, codemods=SAMPLES, dry_run=True, settings=Settings(cache_dir=tmp_path / "cache", jobs=1)
        )
    assert sorted(transforms) == ["chat.py", "chat.py", "llama.py", "llama.py"]
    assert not list((tmp_path / "cache").glob("rewrite-*.json"))


# ---------------------------------------------------------------- a cache that cannot be trusted


def cache_file(folder: Path) -> Path:
    (found,) = folder.glob("rewrite-*.json")
    return found


@pytest.mark.parametrize("damage", ["truncated", "not json", "entries not objects", "bytes altered"])
def test_a_damaged_cache_is_ignored_and_replaced(project, tmp_path, transforms, damage):
    expected = report(run(project, tmp_path / "cache", dry_run=True))
    path = cache_file(tmp_path / "cache")
    text = path.read_text()
    data = json.loads(text)
    if damage == "truncated":
        path.write_text(text[: len(text) // 2])
    elif damage == "not json":
        path.write_bytes(b"\x00\xff" * 10)
    elif damage == "entries not objects":
        data["files"] = {key: ["garbage"] for key in data["files"]}
        path.write_text(json.dumps(data))
    else:
        for entry in data["files"].values():
            if "data" in entry:
                entry["data"] = entry["data"][4:]
        path.write_text(json.dumps(data))
    transforms.clear()
    assert report(run(project, tmp_path / "cache", dry_run=True)) == expected
    assert transforms  # recomputed, not read
    transforms.clear()
    assert report(run(project, tmp_path / "cache", dry_run=True)) == expected
    assert transforms == []  # and the cache is whole again


def test_no_cache_neither_reads_nor_writes_the_rewrite_cache(project, capsys):
    assert main(["rewrite", str(project), "--diff", "-q"]) == 0
    honest = capsys.readouterr().out
    path = cache_file(project / ".sovmigrate_cache")
    data = json.loads(path.read_text())
    for entry in data["files"].values():
        entry["diff"] = entry["diff"].replace("+", "+POISONED ")
    path.write_text(json.dumps(data))
    assert main(["rewrite", str(project), "--diff", "-q"]) == 0
    assert "POISONED" in capsys.readouterr().out  # the cache is read...
    before = path.read_bytes()
    assert main(["rewrite", str(project), "--diff", "-q", "--no-cache"]) == 0
    assert capsys.readouterr().out == honest  # ...except with --no-cache
    assert path.read_bytes() == before


def entries(folder: Path) -> list[dict]:
    return list(json.loads(cache_file(folder).read_text())["files"].values())


def test_each_file_keeps_a_few_variants_of_its_current_contents_only(project, tmp_path):
    variants = (
        {},
        {"unsafe": True},
        {"annotate": True},
        {"unsafe": True, "annotate": True},
        {"ignore": ["SOV102"]},
    )
    for options in variants:
        run(project, tmp_path / "cache", dry_run=True, **options)
    paths = sorted(entry["path"] for entry in entries(tmp_path / "cache"))
    # chat.py has no SOV102 site: ignoring it runs chat.py with the options of the first run.
    assert paths == ["chat.py"] * 4 + ["llama.py"] * cache_module.VARIANTS
    (project / "chat.py").write_text(OLLAMA + "# edited\n")
    (project / "llama.py").write_text("print('no vendor code left')\n")
    run(project, tmp_path / "cache", dry_run=True)
    assert [(e["path"], e["source"]) for e in entries(tmp_path / "cache")] == [
        ("chat.py", cache_module._digest((project / "chat.py").read_bytes()))
    ]


# ---------------------------------------------------------------- what a run imports


def run_fresh(args: list[str]) -> tuple[str, list[str]]:
    """A fresh process runs ``sovmigrate ARGS``: what it printed, and the libcst modules it imported."""
    probe = (
        "import sys\nfrom sovmigrate.cli import main\n"
        f"code = main({args!r})\n"
        "print(code, *sorted(m for m in sys.modules if m == 'libcst' or m.startswith('libcst.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    *printed, last = out.stdout.strip().splitlines()
    code, *modules = last.split()
    assert code == "0", out.stderr
    return "\n".join(printed), modules


def test_a_warm_diff_reads_the_cache_and_imports_no_libcst(project):
    args = ["rewrite", str(project), "--diff", "-q"]
    cold, modules = run_fresh(args)
    assert "libcst" in modules and "+++ b/llama.py" in cold and "+++ b/chat.py" in cold
    assert run_fresh(args) == (cold, [])


def test_a_cold_rewrite_never_imports_libcst_codemod_machinery(project):
    printed, modules = run_fresh(["rewrite", str(project), "--diff", "-q", "--no-cache", "--unsafe"])
    assert "+++ b/llama.py" in printed and "libcst" in modules
    assert "libcst.matchers" not in modules and "libcst.codemod" not in modules


def test_libcst_tool_still_lists_the_codemods():
    """libcst's runner loads libcst.codemod first; there the codemods are CodemodCommand subclasses."""
    out = subprocess.run(
        [sys.executable, "-m", "libcst.tool", "list"], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert "llama_cpp.LlamaCppCodemod - " in out and "ollama.OllamaCodemod - " in out
    assert "_base.SovmigrateCodemod" not in out and "_command.Command" not in out
