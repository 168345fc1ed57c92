"""The catalog and the codemods stay in step: what a rule claims about its fix is what a codemod does.

Every rule that names a codemod names an existing one that declares the rule's code; every code a
codemod declares belongs to a rule that names it; a fixable rule has a safe or unsafe fix; and the
before/after example on a rule's page is exactly what the codemod writes.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace

import pytest
import sovmigrate.codemods
from sovmigrate.codemods._base import SovmigrateCodemod

from sovmigrate.errors import CatalogError
from sovmigrate.rewrite.registry import load_codemod
from sovmigrate.rules import CATALOG, Fix, Rule, get_rule
from sovmigrate.rules.model import FixSafety
from tests.rewrite.helpers import rewrite_snippet
from tests.rewrite.sample_codemods import SampleLlamaCodemod, SampleOllamaCodemod


def shipped_codemods() -> dict[str, type[SovmigrateCodemod]]:
    """``module.Class`` -> class, for every codemod class defined in a public module of sovmigrate.codemods."""
    found = {}
    for info in pkgutil.iter_modules(sovmigrate.codemods.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"sovmigrate.codemods.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, SovmigrateCodemod)
                and value.__module__ == module.__name__
            ):
                found[f"{info.name}.{value.__name__}"] = value
    return found


def catalog_problems(
    catalog: tuple[Rule, ...], codemods: dict[str, type[SovmigrateCodemod]], load=load_codemod
) -> list[str]:
    """Every way ``catalog`` and ``codemods`` disagree (empty when they are in step)."""
    problems = [problem for rule in catalog for problem in rule_problems(rule, load)]
    by_code = {rule.code: rule for rule in catalog}
    for name, codemod in codemods.items():
        if not codemod.RULES:
            problems.append(f"{name}: declares no RULES")
        for code in codemod.RULES:
            rule = by_code.get(code)
            if rule is None or rule.codemod != name:
                problems.append(f"{name}: declares {code}, but the rule does not name it")
    return problems


def rule_problems(rule: Rule, load) -> list[str]:
    problems = []
    if bool(rule.codemod) != (rule.fix_safety is not None):
        problems.append(f"{rule.code}: codemod and fix_safety go together")
    if rule.fix is not Fix.NONE and not rule.codemod:
        problems.append(f"{rule.code}: claims a fix but names no codemod")
    if rule.fix is not Fix.NONE and rule.fix_safety not in (FixSafety.SAFE, FixSafety.UNSAFE):
        problems.append(f"{rule.code}: a fixable rule needs a safe or unsafe fix_safety")
    if rule.fix_safety is FixSafety.MANUAL and rule.fix is not Fix.NONE:
        problems.append(f"{rule.code}: a manual-only rule has no fix (fix=none)")
    if rule.codemod:
        try:
            if rule.code not in load(rule.codemod).RULES:
                problems.append(f"{rule.code}: {rule.codemod} does not declare it in RULES")
        except CatalogError as exc:
            problems.append(f"{rule.code}: {exc}")
    if rule.fix is not Fix.NONE and not (rule.docs.before and rule.docs.after):
        problems.append(f"{rule.code}: a fixable rule shows its fix (RuleDocs before= and after=)")
    return problems


def test_the_catalog_and_the_shipped_codemods_are_in_step():
    assert catalog_problems(CATALOG, shipped_codemods()) == []


def test_the_check_catches_each_kind_of_drift():
    samples = {
        "sample.SampleLlamaCodemod": SampleLlamaCodemod,
        "sample.SampleOllamaCodemod": SampleOllamaCodemod,
    }

    def load(name):
        if name not in samples:
            raise CatalogError(f"no codemod {name!r}")
        return samples[name]

    def rule(code, **changes):  # the catalog's rule stripped of its real fix fields, then given ``changes``
        real = get_rule(code)
        plain = replace(
            real, codemod="", fix=Fix.NONE, fix_safety=None, docs=replace(real.docs, before="", after="")
        )
        return replace(plain, **changes)

    example = {"docs": replace(get_rule("SOV102").docs, before="x", after="y")}
    good = (
        rule(
            "SOV101",
            codemod="sample.SampleLlamaCodemod",
            fix=Fix.ALWAYS,
            fix_safety=FixSafety.SAFE,
            **example,
        ),
        rule(
            "SOV102",
            codemod="sample.SampleLlamaCodemod",
            fix=Fix.SOMETIMES,
            fix_safety=FixSafety.UNSAFE,
            **example,
        ),
        rule("SOV103", codemod="sample.SampleLlamaCodemod", fix_safety=FixSafety.MANUAL),
        rule(
            "SOV202",
            codemod="sample.SampleOllamaCodemod",
            fix=Fix.ALWAYS,
            fix_safety=FixSafety.SAFE,
            **example,
        ),
    )
    assert catalog_problems(good, samples, load) == []
    drifted = (
        rule("SOV101", fix=Fix.ALWAYS),  # claims a fix, names no codemod
        rule(
            "SOV102",
            codemod="sample.SampleOllamaCodemod",
            fix=Fix.ALWAYS,
            fix_safety=FixSafety.SAFE,
            **example,
        ),
        rule("SOV103", codemod="sample.Gone", fix=Fix.ALWAYS, fix_safety=FixSafety.MANUAL),
        rule("SOV104", codemod="sample.SampleLlamaCodemod"),  # no fix safety
        rule("SOV202", codemod="sample.SampleOllamaCodemod", fix=Fix.ALWAYS, fix_safety=FixSafety.SAFE),
    )
    problems = catalog_problems(drifted, samples, load)
    assert problems == [
        "SOV101: claims a fix but names no codemod",
        "SOV101: a fixable rule needs a safe or unsafe fix_safety",
        "SOV101: a fixable rule shows its fix (RuleDocs before= and after=)",
        "SOV102: sample.SampleOllamaCodemod does not declare it in RULES",
        "SOV103: a fixable rule needs a safe or unsafe fix_safety",
        "SOV103: a manual-only rule has no fix (fix=none)",
        "SOV103: no codemod 'sample.Gone'",
        "SOV103: a fixable rule shows its fix (RuleDocs before= and after=)",
        "SOV104: codemod and fix_safety go together",
        "SOV104: sample.SampleLlamaCodemod does not declare it in RULES",
        "SOV202: a fixable rule shows its fix (RuleDocs before= and after=)",
        "sample.SampleLlamaCodemod: declares SOV101, but the rule does not name it",
        "sample.SampleLlamaCodemod: declares SOV102, but the rule does not name it",
        "sample.SampleLlamaCodemod: declares SOV103, but the rule does not name it",
    ]


@pytest.mark.parametrize("rule", [r for r in CATALOG if r.docs.before], ids=lambda r: r.code)
def test_each_rule_page_shows_the_fix_its_codemod_makes(rule):
    out = rewrite_snippet(
        rule.docs.before, load_codemod(rule.codemod), unsafe=rule.fix_safety is FixSafety.UNSAFE
    )
    assert out.code.rstrip("\n") == rule.docs.after.rstrip("\n")
    assert any(o.rule == rule.code and o.applied for o in out.outcomes)


def test_scan_output_says_fixable_exactly_for_rules_with_a_fix():
    assert all(rule.fixable == (rule.fix is not Fix.NONE) for rule in CATALOG)
    assert all(rule.fixable <= (rule.fix_safety in (FixSafety.SAFE, FixSafety.UNSAFE)) for rule in CATALOG)
