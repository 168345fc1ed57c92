"""The scanner's sparse position pass gives the ranges libcst's own PositionProvider gives, on real files.

The pass (sovmigrate/scan/positions.py) subclasses a private libcst class, ``CodegenState``; pyproject.toml pins
libcst to the versions this test has been run against (see docs/scan.md, "Performance").
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider
from packaging.requirements import Requirement

from sovmigrate.config import tomllib
from sovmigrate.scan.analysis import analyse
from sovmigrate.scan.positions import node_spans
from tests.conftest import CACHE, FIXTURES, REPO, require_fixture

SCAN_FIXTURES = CACHE / "scan"


def _provider_spans(module: cst.Module, nodes: list[cst.CSTNode]) -> dict[int, tuple[int, int, int, int]]:
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {
        id(n): (
            positions[n].start.line,
            positions[n].start.column,
            positions[n].end.line,
            positions[n].end.column,
        )
        for n in nodes
    }


def _compare(path: Path) -> int:
    module = cst.parse_module(path.read_bytes())
    analysis = analyse(module)
    nodes = [raw.node for raw in analysis.findings] + [site.node for site in analysis.calls]
    assert node_spans(module, nodes) == _provider_spans(module, nodes), path
    return len(nodes)


def test_positions_equal_position_provider_on_the_rule_fixtures():
    assert sum(_compare(path) for path in sorted((FIXTURES / "rules").glob("*.py"))) > 150


@pytest.mark.fixtures
def test_positions_equal_position_provider_on_real_vendor_code():
    root = require_fixture(SCAN_FIXTURES, "bash .ci/steps/10-scan-fixtures.sh")
    # Every fourth file keeps the test at a few seconds; the whole corpus was compared when the pin was set.
    files = sorted(root.rglob("*.py"))[::4]
    assert len(files) > 40
    compared = sum(_compare(path) for path in files)
    assert compared > 300


def test_installed_libcst_is_inside_the_pinned_range():
    """The position pass relies on libcst internals: an unpinned upgrade must not slip in unnoticed."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (spec,) = [Requirement(d) for d in pyproject["project"]["dependencies"] if d.startswith("libcst")]
    assert spec.specifier.contains(version("libcst")), f"libcst {version('libcst')} is outside {spec}"
    assert not spec.specifier.contains("99.0"), "the libcst pin needs an upper bound"
