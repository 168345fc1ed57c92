"""The README's commands do what the README says they do."""

from __future__ import annotations

import re
import shlex

from sovmigrate.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SCAN = "`sovmigrate scan examples/legacy-chatbot`"


def _main_command() -> list[str]:
    """The sovmigrate part of the README's first copy-paste command (after the venv and install steps)."""
    first_block = re.search(r"```sh\n(.*?)\n```", README, re.DOTALL).group(1)
    return shlex.split(first_block.split(".venv/bin/sovmigrate ", 1)[1])


def test_the_main_command_plans_the_example_and_writes_the_three_files(tmp_path, monkeypatch):
    args = _main_command()
    assert args[:2] == ["plan", "examples/legacy-chatbot"] and args.count("--target") >= 2
    monkeypatch.chdir(REPO)
    assert main([*args, "--output-dir", str(tmp_path / "plan")]) == 0
    assert sorted(p.name for p in (tmp_path / "plan").iterdir()) == ["plan.html", "plan.json", "plan.md"]
    assert "sovmigrate-plan/plan.html" in README  # where the README says the page lands by default


def test_scan_exits_1_as_the_readme_explains_next_to_it(monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["scan", "examples/legacy-chatbot", "--no-cache", "-q"]) == 1
    after = README[README.index(SCAN) :][:800]
    assert "`scan` exits **1**" in after and "--exit-zero" in after
