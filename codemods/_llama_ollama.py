"""Helpers the llama-cpp-python and Ollama codemods share: per-site plans, literals, specs, object groups.

A codemod turns each call it handles into a :class:`Plan` (an edit with its safety) or a manual reason (a
``str``). Calls on one engine object (a ``Llama`` model, an Ollama ``Client``) form a :class:`Group` with the
call that built it: the object changes type, so the group is rewritten whole or not at all.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from sovmigrate.rules.model import FixSafety

if TYPE_CHECKING:
    from sovmigrate.codemods._base import SovmigrateCodemod

    from sovmigrate.scan.analysis import Argument, CallSite, ModuleAnalysis

NOT_LITERAL = object()
_EMPTY = cst.Module(body=())
_BROAD = frozenset({"Exception", "BaseException"})
_NO_SPACE = cst.SimpleWhitespace("")


@dataclass
class Plan:
    """How one site is rewritten: ``node`` (of the analysed tree) becomes ``build(updated node)``."""

    node: cst.CSTNode
    build: Callable[[Any], cst.CSTNode]
    safety: FixSafety = FixSafety.SAFE
    reason: str = ""
    # Further edits made with this one (a consumer made redundant by the rewrite): (node, build) pairs.
    also: tuple[tuple[cst.CSTNode, Callable[[Any], cst.CSTNode]], ...] = ()


Decision = Plan | str  # a plan, or why the site stays manual


def code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


def literal(node: cst.CSTNode | None) -> Any:
    """The Python value of a literal expression (numbers, strings, None, True...), else ``NOT_LITERAL``."""
    return NOT_LITERAL if node is None else literal_text(code(node))


def literal_text(text: str) -> Any:
    """The Python value of the literal written as ``text``, else ``NOT_LITERAL``."""
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return NOT_LITERAL


def is_str(node: cst.BaseExpression) -> bool:
    """Whether ``node`` evidently evaluates to a ``str`` (string literals, f-strings, str formatting)."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return isinstance(literal(node), str)
    if isinstance(node, cst.FormattedString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Modulo)):
        return is_str(node.left)
    call = node.func if isinstance(node, cst.Call) else None
    return (
        isinstance(call, cst.Attribute)
        and call.attr.value in {"format", "join", "strip"}
        and is_str(call.value)
    )


def is_list(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.List, cst.ListComp, cst.Tuple))


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(name), equal=cst.AssignEqual(_NO_SPACE, _NO_SPACE))


def spec(backend: str, model: cst.BaseExpression) -> cst.BaseExpression:
    """``"backend:" + model`` as the neatest expression: one string literal, an f-string, or a concatenation."""
    if isinstance(model, cst.SimpleString) and "b" not in model.prefix.lower():
        quote = model.quote
        return model.with_changes(
            value=f"{model.prefix}{quote}{backend}:{model.value[len(model.prefix) + len(quote) :]}"
        )
    if isinstance(model, cst.FormattedString) and "b" not in model.prefix.lower():
        return model.with_changes(parts=(cst.FormattedStringText(f"{backend}:"), *model.parts))
    text = code(model)
    quote = '"' if '"' not in text else "'"
    if not any(c in text for c in (quote, "\\", "\n", "{", "}", "#")):
        return cst.parse_expression(f"f{quote}{backend}:{{{text}}}{quote}")
    return cst.BinaryOperation(cst.SimpleString(f'"{backend}:"'), cst.Add(), _call("str", model))


def _call(func: str, *args: cst.BaseExpression) -> cst.Call:
    return cst.Call(func=cst.Name(func), args=[cst.Arg(a) for a in args])


def catches_errors(analysis: ModuleAnalysis, node: cst.CSTNode) -> bool:
    """Whether ``node`` sits in a ``try`` body with a handler narrower than ``Exception``: the errors change type."""
    child, current = node, analysis.parent(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        if isinstance(current, (cst.Try, cst.TryStar)) and child is current.body and _narrow(current):
            return True
        child, current = current, analysis.parent(current)
    return False


def _narrow(node: cst.Try | cst.TryStar) -> bool:
    return any(h.type is not None and code(h.type).strip() not in _BROAD for h in node.handlers)


def construction_escape(analysis: ModuleAnalysis, node: cst.Call) -> str:
    """Why the object ``node`` builds is not simply kept in a variable or attribute (empty when it is)."""
    parent = analysis.parent(node)
    if isinstance(parent, cst.Assign) and all(_binding(t.target) for t in parent.targets):
        return ""
    if (
        isinstance(parent, (cst.AnnAssign, cst.NamedExpr))
        and parent.value is node
        and _binding(parent.target)
    ):
        return ""
    if isinstance(parent, cst.WithItem) and parent.item is node:
        return ""
    statement = analysis.statement(node)
    where = " ".join(code(statement).split())[:60] if statement is not None else "here"
    return f"the object is built inside `{where}`, not kept in a variable the rewrite can follow"


def _binding(target: cst.BaseExpression) -> bool:
    return isinstance(target, cst.Name) or (
        isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
    )


def short(node: cst.CSTNode) -> str:
    """A short, line-independent name for a node in reasons: ``llm.save_state(...)``, ``llm.metadata``."""
    if isinstance(node, cst.Call):
        return f"{short(node.func)}(...)"
    text = " ".join(code(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def plain_positionals(site: CallSite) -> list[Argument]:
    return [a for a in site.arguments if a.position is not None]


def unknown_keywords(site: CallSite, known: set[str] | frozenset[str]) -> list[str]:
    return [a.keyword for a in site.arguments if a.keyword is not None and a.keyword not in known]


def _reason(plan: Plan, unsafe: list[tuple[cst.CSTNode, str]]) -> str:
    """A site's own unsafe reason, or the first one of its group when the group is unsafe because of another."""
    if plan.safety is FixSafety.UNSAFE:
        return plan.reason
    if not unsafe:
        return ""
    other, why = unsafe[0]
    return f"rewritten together with `{short(other)}`: {why}"


@dataclass
class Group:
    """The call that builds an engine object and every call made on it: rewritten together or not at all."""

    origin: CallSite
    rule: str
    members: list[tuple[CallSite, str | None, Decision]] = field(default_factory=list)
    blocked: list[tuple[cst.CSTNode, str]] = field(default_factory=list)  # why the object cannot change type

    def block(self, node: cst.CSTNode, reason: str) -> None:
        self.blocked.append((node, reason))

    def decide(self, codemod: SovmigrateCodemod, origin_plan: Decision) -> bool:
        """Record every member's outcome and, when the group is fixed, queue its edits; return whether it is."""
        if isinstance(origin_plan, str):
            self.block(self.origin.node, origin_plan)
        for site, _, decision in self.members:
            if isinstance(decision, str):
                self.block(site.node, decision)
        if self.blocked:
            self._manual(codemod)
            return False
        plans = [(self.origin.node, self.rule, origin_plan)] + [(s.node, r, d) for s, r, d in self.members]
        unsafe = [(node, plan.reason) for node, _, plan in plans if plan.safety is FixSafety.UNSAFE]
        safety = FixSafety.UNSAFE if unsafe else FixSafety.SAFE
        applied = False
        for node, rule, plan in plans:
            if rule is not None:
                applied = codemod.fix(node, rule, safety, _reason(plan, unsafe)) or applied
        if applied:
            for _, _, plan in plans:
                for node, build in ((plan.node, plan.build), *plan.also):
                    codemod.replace(node, build)
        return applied

    def _manual(self, codemod: SovmigrateCodemod) -> None:
        node, why = self.blocked[0]
        if isinstance(node, cst.Call) and node is not self.origin.node and short(node) not in why:
            why = f"{why} (`{short(node)}`)"  # name the call; escape reasons quote their code already
        own = {id(n): r for n, r in self.blocked}
        for site, rule in [(self.origin, self.rule)] + [(s, r) for s, r, _ in self.members]:
            if rule is None:
                continue
            if id(site.node) in own:
                reason = own[id(site.node)]
            elif site is self.origin:
                reason = why
            else:
                reason = f"the object built by `{short(self.origin.node)}` stays as it is: {why}"
            codemod.manual(site.node, rule, reason)
