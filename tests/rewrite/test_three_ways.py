"""The CLI, the library and libcst's own runner (``python -m libcst.tool codemod``) write the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from sovmigrate.cli import main
from sovmigrate.config import Settings
from sovmigrate.rewrite.registry import catalog_codemods
from sovmigrate.rewrite.runner import rewrite
from tests.conftest import REPO
from tests.rewrite.conftest import VENDOR
from tests.rewrite.sample_codemods import SampleLlamaCodemod

EXAMPLE = REPO / "examples" / "legacy-chatbot" / "app" / "local_llm.py"


def libcst_tool(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", *args, "--no-format", "--hide-progress"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


def copies(tmp_path, *ways: str) -> dict:
    found = {}
    for way in ways:
        folder = tmp_path / way
        folder.mkdir()
        (folder / "app.py").write_text(VENDOR)
        shutil.copy(EXAMPLE, folder / "local_llm.py")
        found[way] = folder
    return found


def contents(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.py"))}


def test_cli_library_and_libcst_tool_agree(tmp_path, monkeypatch):
    folders = copies(tmp_path, "cli", "library", "libcst")
    monkeypatch.setattr("sovmigrate.rewrite.registry.catalog_codemods", lambda: (SampleLlamaCodemod,))
    monkeypatch.setattr(
        "sovmigrate.rewrite.registry.catalog_codes", lambda: frozenset(SampleLlamaCodemod.RULES)
    )
    assert main(["rewrite", str(folders["cli"]), "-q", "--unsafe", "--annotate"]) == 0
    rewrite(
        folders["library"],
        codemods=(SampleLlamaCodemod,),
        unsafe=True,
        annotate=True,
        settings=Settings(cache=False),
    )
    libcst_tool(
        "-x",
        "tests.rewrite.sample_codemods.SampleLlamaCodemod",
        "--unsafe",
        "--annotate",
        str(folders["libcst"]),
    )
    assert contents(folders["cli"]) == contents(folders["library"]) == contents(folders["libcst"])
    assert contents(folders["cli"])["app.py"] != VENDOR.encode()


@pytest.mark.parametrize("codemod", catalog_codemods(), ids=lambda c: c.__name__)
def test_libcst_tool_runs_each_catalog_codemod_by_its_short_name(tmp_path, codemod):
    folders = copies(tmp_path, "library", "libcst")
    rewrite(folders["library"], codemods=(codemod,), unsafe=True, settings=Settings(cache=False))
    short_name = (
        f"{codemod.__module__.rsplit('.', 1)[1]}.{codemod.__name__}"  # found through .libcst.codemod.yaml
    )
    libcst_tool(short_name, "--unsafe", str(folders["libcst"]))
    assert contents(folders["library"]) == contents(folders["libcst"])
