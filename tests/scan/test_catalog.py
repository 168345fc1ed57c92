"""The rule catalog is the single source of truth; its invariants and its generated docs."""

from __future__ import annotations

import re

from sovmigrate.rules import CATALOG, Kind, catalog_version, select_rules
from sovmigrate.rules.docs import render_index, render_rule
from tests.conftest import REPO

KINDS = {
    "import",
    "client",
    "inference",
    "tokenizer",
    "model_id",
    "prompt_format",
    "complex",
    "dependency",
    "config",
    "error",
}


def test_codes_are_unique_stable_shaped_and_sorted():
    codes = [rule.code for rule in CATALOG]
    assert len(codes) == len(set(codes)) and codes == sorted(codes)
    assert all(re.fullmatch(r"SOV[1-9]\d\d", code) for code in codes)
    names = [rule.name for rule in CATALOG]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)


def test_every_rule_has_kind_vendor_and_docs():
    assert {k.value for k in Kind} == KINDS
    for rule in CATALOG:
        assert rule.kind.value in KINDS and rule.vendor
        assert rule.docs.what.startswith(("Checks", "Reports")), rule.code
        assert len(rule.docs.why) > 40, rule.code
        if rule.kind is not Kind.ERROR:
            assert rule.docs.example and rule.docs.use_instead, rule.code
            assert rule.matchers and rule.effort_driver, rule.code


def test_generated_rule_docs_are_fresh():
    directory = REPO / "docs" / "rules"
    for rule in CATALOG:
        assert (directory / f"{rule.code}.md").read_text(encoding="utf-8") == render_rule(rule), (
            f"docs/rules/{rule.code}.md is stale: run python -m sovmigrate.rules.docs docs/rules"
        )
    assert (directory / "README.md").read_text(encoding="utf-8") == render_index()
    assert {p.stem for p in directory.glob("SOV*.md")} == {r.code for r in CATALOG}


def test_prefix_selection_like_ruff():
    assert select_rules(["SOV10"]) == {r.code for r in CATALOG if r.code.startswith("SOV10")}
    assert select_rules(["ALL"], ignore=["SOV5", "SOV9"]) == {
        r.code for r in CATALOG if r.code[3] not in "59"
    }


def test_catalog_version_names_the_package_version():
    from sovmigrate import __version__

    assert catalog_version().startswith(__version__ + "+")


def test_catalog_version_is_the_same_in_every_process():
    """The cache is keyed by it: sets nested in the vocabulary must not make it depend on hash randomisation."""
    import os
    import subprocess
    import sys

    code = "from sovmigrate.rules import catalog_version; print(catalog_version())"
    versions = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert versions == {catalog_version() + "\n"}
