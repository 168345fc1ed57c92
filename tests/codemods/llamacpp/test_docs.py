"""The before/after pairs in the migration guides are what the codemods write."""

from __future__ import annotations

import re

import pytest
from sovmigrate.codemods.llama_cpp import LlamaCppCodemod
from sovmigrate.codemods.ollama import OllamaCodemod

from tests.conftest import REPO
from tests.rewrite.helpers import rewrite_snippet


@pytest.mark.parametrize(
    ("guide", "codemod"),
    [("llama-cpp-python.md", LlamaCppCodemod), ("ollama.md", OllamaCodemod)],
)
def test_guide_example_is_the_codemods_output(guide: str, codemod: type) -> None:
    before, after = re.findall(
        r"```python\n(.*?)```", (REPO / "docs" / "migrate" / guide).read_text(), re.DOTALL
    )[:2]
    out = rewrite_snippet(before, codemod)
    assert out.code == after
    assert out.outcomes and all(o.applied for o in out.outcomes)
