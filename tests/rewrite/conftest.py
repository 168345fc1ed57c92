"""Fixtures for the rewrite framework tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rewrite.sample_codemods import SAMPLES

VENDOR = """\
from llama_cpp import Llama

llm = Llama(model_path="m.gguf")
out = llm("Q: hi", max_tokens=8)
more = llm.create_completion("Q: hi")
chat = llm.create_chat_completion(messages=[])
"""
# VENDOR as the sample codemods write it (safe fixes only).
VENDOR_REWRITTEN = """\
from sample_adapter import complete, load

llm = load(model_path="m.gguf")
out = complete(llm, "Q: hi", max_tokens=8)
more = llm.create_completion("Q: hi")
chat = llm.create_chat_completion(messages=[])
"""


@pytest.fixture
def samples(monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Make the sample codemods the catalog's codemods for this test (for the CLI, which takes no classes)."""
    monkeypatch.setattr("sovmigrate.rewrite.registry.catalog_codemods", lambda: SAMPLES)
    monkeypatch.setattr(
        "sovmigrate.rewrite.registry.catalog_codes", lambda: frozenset(c for s in SAMPLES for c in s.RULES)
    )
    return SAMPLES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: one vendor file, one file without findings, an engine requirement, a pyproject."""
    (tmp_path / "app.py").write_text(VENDOR)
    (tmp_path / "util.py").write_text("# llama in a comment is not a finding\nx = 1\n")
    (tmp_path / "requirements.txt").write_text("llama-cpp-python==0.3.2\nrequests\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    return tmp_path
