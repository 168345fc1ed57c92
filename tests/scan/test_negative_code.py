"""The scanner on whole packages that call no LLM (Django, FastAPI, Sphinx, Ansible...), downloaded once by
.ci/scan_fixtures.py: every finding there is a false positive, and odd files are reported, never a crash."""

from __future__ import annotations

import pytest

from sovmigrate.config import Settings
from sovmigrate.scan.runner import scan
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures
ROOT = CACHE / "negative"


@pytest.fixture(scope="module")
def result():
    require_fixture(ROOT / "ansible-core" / ".complete", "python .ci/scan_fixtures.py")
    return scan([ROOT], Settings(cache=False))


def test_packages_that_call_no_llm_have_no_findings(result):
    assert [f"{f.path}:{f.line} {f.rule} {f.api}" for f in result.findings] == []


def test_the_whole_tree_is_read(result):
    assert result.stats.files_seen > 10_000
    # Files the scanner cannot read are named, not fatal: black's deliberately broken notebook, a .txt with NUL bytes.
    assert {(e.path, e.code) for e in result.errors} == {
        ("black/tests/data/jupyter/notebook_which_cant_be_parsed.ipynb", "SOV906"),
        ("django/tests/mail/attachments/file_png.txt", "SOV905"),
    }
