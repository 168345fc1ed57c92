"""llama-cpp-python's own example scripts (from its sdist, via the scanner's corpus) run on the tiny model before
and after ``sovmigrate rewrite --unsafe``, and print the same (ids and timestamps aside, which differ per run)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovmigrate
from tests.adapter.conftest import gguf, tiny  # noqa: F401  (session fixtures: the tiny model)
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures

EXAMPLES = ("high_level_api_inference.py", "high_level_api_streaming.py", "high_level_api_embedding.py")
_PER_RUN = re.compile(r'"(id|created)": ("[^"]*"|\d+)')


def run(script: Path, model: str) -> str:
    done = subprocess.run(
        [sys.executable, str(script), "-m", model], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return _PER_RUN.sub(r'"\1": "<per run>"', done.stdout)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    source = require_fixture(
        CACHE / "scan" / "llama-cpp-python" / "examples" / "high_level_api", "python .ci/scan_fixtures.py"
    )
    original, rewritten = tmp_path_factory.mktemp("original"), tmp_path_factory.mktemp("rewritten")
    for name in EXAMPLES:
        shutil.copy(source / name, original / name)
        shutil.copy(source / name, rewritten / name)
    result = sovmigrate.rewrite([rewritten], root=rewritten, unsafe=True)
    assert result.errors == [] and len(result.changed) == len(EXAMPLES)
    return original, rewritten


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_prints_the_same_after_the_rewrite(name: str, examples: tuple[Path, Path], gguf: str) -> None:  # noqa: F811
    original, rewritten = examples
    assert "llama_cpp" not in (rewritten / name).read_text(encoding="utf-8")
    before = run(original / name, gguf)
    assert before.strip()
    assert run(rewritten / name, gguf) == before
