"""A unit of rewriting: an engine object with every call made on it, fixed together or not at all.

Rewriting a constructor without the calls on the object it builds (or the other way round) breaks the
program, so the sites of a unit share one outcome: manual if any of them must stay, else unsafe if any of
them may change behaviour, else safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from sovmigrate.rules.model import FixSafety

Build = Callable[[cst.CSTNode], object]


@dataclass
class Unit:
    """The sites rewritten together, why they may not be safe, and the edits that make the fix."""

    members: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # (node, rule code)
    unsafe: list[str] = field(default_factory=list)
    manual: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    edits: list[tuple[cst.CSTNode, Build]] = field(default_factory=list)

    def add(self, node: cst.CSTNode, rule: str) -> None:
        if all(node is not known for known, _ in self.members):
            self.members.append((node, rule))

    def refuse(self, node: cst.CSTNode, reason: str) -> None:
        self.manual.append((node, reason))

    def safety(self, codes: frozenset[str]) -> FixSafety:
        if self.manual or any(rule not in codes for _, rule in self.members):
            return FixSafety.MANUAL
        return FixSafety.UNSAFE if self.unsafe else FixSafety.SAFE


def decide(codemod, unit: Unit) -> bool:
    """Record one outcome for every member of ``unit`` and queue its edits when the fix is made."""
    safety = unit.safety(codemod.codes)
    if safety is FixSafety.MANUAL:
        reason = _manual_reason(unit, codemod.codes)
        for node, rule in unit.members:
            codemod.manual(node, rule, reason)
        return False
    reason = "; ".join(dict.fromkeys(unit.unsafe))
    applied = [codemod.fix(node, rule, safety, reason) for node, rule in unit.members]
    if not all(applied):
        return False
    for node, build in unit.edits:
        codemod.replace(node, build)
    return True


def _manual_reason(unit: Unit, codes: frozenset[str]) -> str:
    if unit.manual:
        return f"{unit.manual[0][1]}; the object and the calls on it are rewritten together"
    missing = sorted({rule for _, rule in unit.members if rule not in codes})
    return f"rewritten together with {', '.join(missing)}, which is not selected"


def imports_outcome(
    codemod,
    rule: str,
    package: str,
    safeties: list[FixSafety],
    applied: bool,
    covered: set[int],
) -> None:
    """Decide the vendor-import findings: fixed with the rewrites when nothing else here uses the package.

    Whatever the outcome, names only the rewritten code used are removed from the imports once a fix is made
    (an import that was already unused before is left alone).
    """
    if applied:
        for binding in codemod.analysis.imports_of(package):
            if codemod.analysis.is_used(binding):
                codemod.remove_import_if_unused(binding)
    left = [
        s.node for s in codemod.analysis.calls if s.api.split(".")[0] == package and id(s.node) not in covered
    ]
    for finding in codemod.findings(rule):
        if left:
            codemod.manual(
                finding.node, rule, f"{package} is still used, e.g. by `{show(codemod.module, left[0])}`"
            )
            continue
        if not safeties or FixSafety.MANUAL in safeties:
            codemod.manual(
                finding.node, rule, f"{package} is still used by code this codemod leaves as it is"
            )
            continue
        unsafe = FixSafety.UNSAFE in safeties
        reason = f"goes with the unsafe fixes of the {package} calls" if unsafe else ""
        codemod.fix(finding.node, rule, FixSafety.UNSAFE if unsafe else FixSafety.SAFE, reason)


def show(module: cst.Module, node: cst.CSTNode, limit: int = 48) -> str:
    """A short one-line quote of ``node``'s code for a reason (no line numbers: TODOs would shift them)."""
    text = " ".join(module.code_for_node(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def all_sites(codemod) -> list[tuple[object, str]]:
    """``codemod.call_sites()`` plus the resolved sites of its rules that ``--select``/``--ignore`` left out.

    A unit with an unselected member cannot be fixed (half a rewrite breaks the program); knowing those
    members lets its selected sites say why.
    """
    sites = list(codemod.call_sites())
    seen = {(id(site.node), rule) for site, rule in sites}
    for site in codemod.analysis.calls:
        if site.resolution != "resolved":
            continue
        for rule in site.rules:
            key = (id(site.node), rule.code)
            if rule.code in codemod.RULES and rule.code not in codemod.codes and key not in seen:
                sites.append((site, rule.code))
                seen.add(key)
    return sites


def covered_nodes(units: list[Unit], codes: frozenset[str]) -> set[int]:
    """``id``s of every node inside the members and edits of the units that can be fixed."""
    found: set[int] = set()

    class _Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            found.add(id(node))
            return True

    for unit in units:
        if unit.safety(codes) is not FixSafety.MANUAL:
            for node in [n for n, _ in unit.members] + [n for n, _ in unit.edits]:
                node.visit(_Collect())
    return found
