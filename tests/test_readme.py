"""The README's first command does what the README says it does."""

from __future__ import annotations

from sovmigrate.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
FIRST_COMMAND = "sovmigrate scan examples/legacy-chatbot\n```"


def test_first_scan_exits_1_as_the_readme_explains_next_to_it(monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["scan", "examples/legacy-chatbot", "--no-cache", "-q"]) == 1
    after = README[README.index(FIRST_COMMAND) + len(FIRST_COMMAND) :][:400]
    assert "`scan` exits **1**" in after and "--exit-zero" in after
