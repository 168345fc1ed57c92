"""One plan of the example application, built once for the module's tests (tokenizer fixtures on the path)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sovmigrate.cli import main
from tests.tokenizers.conftest import CACHE, FILES, FIXTURES, PY

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "legacy-chatbot"
TARGETS = ("mistral-7b-instruct", "qwen2.5-7b-instruct", "gemma-3-12b-it")


def tokenizer_env(patch: pytest.MonkeyPatch) -> None:
    """Registry tokenizer files only: never the user's HF cache or the network."""
    patch.setenv("SOVMIGRATE_TOKENIZER_PATH", os.pathsep.join([str(FILES), str(PY)]))
    patch.setenv("SOVMIGRATE_TOKENIZER_CACHE", str(CACHE))
    patch.setenv("HF_HUB_OFFLINE", "1")
    patch.setenv("HF_HUB_CACHE", str(FIXTURES / "no-hf-cache"))


@pytest.fixture(scope="session")
def planned(tmp_path_factory) -> Path:
    """``sovmigrate plan examples/legacy-chatbot`` against three targets; the output folder."""
    out = tmp_path_factory.mktemp("plan")
    with pytest.MonkeyPatch.context() as patch:
        tokenizer_env(patch)
        args = ["plan", str(EXAMPLE), "--output-dir", str(out)]
        for target in TARGETS:
            args += ["--target", target]
        assert main(args) == 0
    return out


@pytest.fixture(scope="session")
def document(planned) -> dict:
    return json.loads((planned / "plan.json").read_text(encoding="utf-8"))
