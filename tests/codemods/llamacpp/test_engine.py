"""Differential proof on the real engine: programs written against llama-cpp-python, and the same programs after
``sovmigrate rewrite`` wrote them to disk, print the same thing on the tiny GGUF model.

The programs (programs/*.py) rely on llama-cpp-python's defaults on purpose: a completion with no limit or
sampling settings (16 tokens at temperature 0.8, top_k 40, top_p 0.95, min_p 0.05, seeded), a chat with no
token limit (until the 512-token context is full), an embedding model with the model's own pooling. If the
codemod did not write each of those out, the adapter's neutral defaults would change the output.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovmigrate
from tests.adapter.conftest import gguf, tiny  # noqa: F401  (session fixtures: the tiny model)

PROGRAMS = Path(__file__).parent / "programs"


def run(program: Path, model: str) -> str:
    done = subprocess.run(
        [sys.executable, str(program), model], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, sovmigrate.rewrite.RewriteResult]:
    root = tmp_path_factory.mktemp("llamacpp-programs")
    for program in PROGRAMS.glob("*.py"):
        shutil.copy(program, root / program.name)
    return root, sovmigrate.rewrite([root], root=root)


@pytest.mark.parametrize("name", ["generation.py", "embeddings.py"])
def test_rewritten_program_prints_what_the_original_printed(name: str, rewritten, gguf: str) -> None:  # noqa: F811
    root, _ = rewritten
    new = (root / name).read_text(encoding="utf-8")
    assert "from sovmigrate.adapter import connect" in new and "llama_cpp" not in new
    assert run(root / name, gguf) == run(PROGRAMS / name, gguf)


def test_every_site_in_the_programs_was_a_safe_fix(rewritten) -> None:
    _, result = rewritten
    assert result.errors == []
    assert {(o.rule, o.safety.value, o.applied) for o in result.outcomes} == {
        ("SOV101", "safe", True),
        ("SOV102", "safe", True),
        ("SOV103", "safe", True),
        ("SOV104", "safe", True),
    }
    assert result.counts_by_rule["SOV102"].fixed == 3
    assert result.counts_by_rule["SOV103"].fixed == 3
    assert result.counts_by_rule["SOV104"].fixed == 3
