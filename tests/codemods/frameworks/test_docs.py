"""The migration guides show what the codemods write: every ```python block followed by "becomes" and another
block is run through the codemod and must come out as the second block."""

from __future__ import annotations

import re

import pytest
from sovmigrate.codemods.langchain import LangChainCodemod
from sovmigrate.codemods.llama_index import LlamaIndexCodemod

from tests.conftest import REPO
from tests.rewrite.helpers import rewrite_snippet

GUIDES = {"langchain.md": LangChainCodemod, "llama-index.md": LlamaIndexCodemod}
PAIR = re.compile(r"```python\n(.*?)```\n\nbecomes\n\n```python\n(.*?)```", re.DOTALL)


def pairs() -> list[tuple[str, str, str]]:
    found = []
    for guide in GUIDES:
        text = (REPO / "docs" / "migrate" / guide).read_text(encoding="utf-8")
        found += [(guide, before, after) for before, after in PAIR.findall(text)]
    return found


def test_every_guide_has_examples() -> None:
    assert {guide for guide, _, _ in pairs()} == set(GUIDES)


@pytest.mark.parametrize(("guide", "before", "after"), pairs(), ids=lambda v: v if v in GUIDES else "")
def test_before_becomes_after(guide: str, before: str, after: str) -> None:
    assert rewrite_snippet(before, GUIDES[guide], unsafe=True).code == after


def test_the_guides_are_listed() -> None:
    index = (REPO / "docs" / "migrate" / "README.md").read_text(encoding="utf-8")
    assert all(f"]({guide})" in index for guide in GUIDES)
