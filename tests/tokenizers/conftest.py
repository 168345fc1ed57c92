"""Real tokenizer files for these tests, prepared by .ci/steps/30-tokenizer-fixtures.sh.

``$SOVMIGRATE_FIXTURES`` (default ``<repo>/.fixtures``) holds them: ``tokenizers/fetched`` is what
``sovmigrate tokens fetch --all`` brings (plus llama.cpp's reference vectors beside the GGUF files). A missing
fixture skips the test with the command to run, except under ``CI=true`` where it fails.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import require_fixture

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(os.environ.get("SOVMIGRATE_FIXTURES", REPO / ".fixtures")) / "tokenizers"
FETCHED, PY, CACHE = FIXTURES / "fetched", FIXTURES / "py", FIXTURES / "cache"
FILES = FETCHED  # what other areas' tests (tests/plan) put on $SOVMIGRATE_TOKENIZER_PATH
# Where the fetched files sit (their paths inside the registry packages).
_FOLDERS = ("vendor/llama.cpp/models", "vendor/llama.cpp/src", "mistral_common/data", "draive/gemini/tokens")
HINT = "bash .ci/steps/30-tokenizer-fixtures.sh  (or: python .ci/tokenizer_fixtures.py)"
DATA = Path(__file__).parent / "data"


def require(path: Path) -> Path:
    """``path`` if present; otherwise skip (fail under CI=true) naming the command that creates it."""
    return require_fixture(path, HINT)


@pytest.fixture(autouse=True)
def _tokenizer_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the library at the fixture files and cache, never at the user's HF cache or the network."""
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(FETCHED))
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_CACHE", str(CACHE))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(FIXTURES / "no-hf-cache"))


class FetchedFiles:
    """The fetched registry files by file name: ``files / "tekken_240911.json"``."""

    def __truediv__(self, name: str) -> Path:
        for folder in _FOLDERS:
            if (FETCHED / folder / name).exists():
                return FETCHED / folder / name
        return require(FETCHED / _FOLDERS[0] / name)


@pytest.fixture(scope="session")
def files() -> FetchedFiles:
    require(FETCHED / "vendor/llama.cpp/src/llama-vocab.cpp")
    return FetchedFiles()


@pytest.fixture
def without_reference_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the llama-models reference folder off sys.path: its tokenizer.model files would count as installed."""
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p) != PY])


@pytest.fixture(scope="session")
def llama_models():
    """The llama-models package's own tokenizer modules, imported from the downloaded wheel."""
    require(PY / "llama_models" / "llama3" / "tokenizer.model")
    sys.path.insert(0, str(PY))
    import llama_models.llama3.tokenizer as l3
    import llama_models.llama4.tokenizer as l4

    return l3, l4


def load_vectors(gguf: Path) -> tuple[list[str], list[list[int]]]:
    """llama.cpp's ``.inp``/``.out`` reference vectors for a ggml-vocab file."""
    sep = "\n__ggml_vocab_test__\n"
    with open(f"{gguf}.inp", encoding="utf-8", newline="") as f:
        text = f.read()
    text = text.removesuffix(sep)
    with open(f"{gguf}.out", encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    lines = lines[:-1] if lines and lines[-1] == "" else lines
    texts, ids = text.split(sep), [[int(x) for x in line.split()] for line in lines]
    assert len(texts) == len(ids)
    return texts, ids


def corpus_texts() -> list[str]:
    """The fixed test corpus (committed): one sample per file under data/corpus."""
    return [p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))]
