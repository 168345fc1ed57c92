"""The catalog's codemods over real code no one here wrote (the scanner's registry-package corpus).

Every output parses, nothing fails, and a second run changes nothing. What each codemod fixes there is
asserted by the codemods' own tests; here every codemod of the catalog runs together, as users run them.
"""

from __future__ import annotations

import ast
import shutil

import pytest

from sovmigrate.config import Settings
from sovmigrate.rewrite.registry import catalog_codemods
from sovmigrate.rewrite.runner import rewrite
from tests.conftest import CACHE, require_fixture

pytestmark = [
    pytest.mark.fixtures,
    pytest.mark.skipif(not catalog_codemods(), reason="no rule in the catalog names a codemod yet"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    source = require_fixture(CACHE / "scan", "python .ci/scan_fixtures.py")
    copy = tmp_path_factory.mktemp("real") / "scan"
    shutil.copytree(source, copy)
    # The scan's result cache (outside the tree) spares the second run re-analysing the unchanged files.
    settings = Settings(cache_dir=tmp_path_factory.mktemp("cache"))
    first = rewrite(copy, unsafe=True, annotate=True, settings=settings)
    return copy, first, settings


def test_every_rewritten_file_parses_and_none_failed(corpus):
    tree, first, _ = corpus
    assert [(f.path, f.error) for f in first.errors] == []
    assert first.changed, "the catalog's codemods changed nothing in the corpus"
    for file in first.changed:
        if file.kind == "python":
            ast.parse((tree / file.path).read_bytes())


def test_a_second_run_changes_nothing(corpus):
    tree, _, settings = corpus
    again = rewrite(tree, unsafe=True, annotate=True, dry_run=True, settings=settings)
    assert [f.path for f in again.changed] == []
