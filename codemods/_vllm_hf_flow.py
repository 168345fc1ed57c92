"""Local data flow for the vLLM and transformers codemods: where a result variable goes, what a name holds.

Vendor names are resolved by the public analysis only; this module follows plain Python values (a prompt
list, the ``outputs`` a call returned) through single assignments in one scope, with libcst's
``ScopeProvider``. Anything it cannot follow with certainty answers ``None`` so the caller leaves the site
manual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment, MetadataWrapper, Scope, ScopeProvider

ScopeOf = Callable[[cst.CSTNode], "Scope | None"]
ParentOf = Callable[[cst.CSTNode], "cst.CSTNode | None"]


def scopes_of(wrapper: MetadataWrapper | None) -> Mapping[cst.CSTNode, Scope | None]:
    """libcst's scope of every node of the wrapped tree (the tree the codemod analyses: same node objects)."""
    return {} if wrapper is None else wrapper.resolve(ScopeProvider)


class Unfollowable(Exception):
    """A value flows somewhere the codemod cannot rewrite; ``node`` is where, ``reason`` says why."""

    def __init__(self, node: cst.CSTNode, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


@dataclass(frozen=True)
class Flow:
    """The scope lookups and the parent map one module's codemod run works with."""

    scope_of: ScopeOf
    parent: ParentOf

    # ------------------------------------------------------------ what a name holds

    def single_assignment(self, name: cst.Name) -> Assignment | None:
        """The one assignment a read of ``name`` can see, when there is exactly one."""
        scope = self.scope_of(name)
        if scope is None:
            return None
        accesses = [a for a in scope.accesses[name.value] if a.node is name]
        if len(accesses) != 1:
            return None
        referents = [r for r in accesses[0].referents if isinstance(r, Assignment)]
        if len(referents) != 1 or len(accesses[0].referents) != 1:
            return None
        return referents[0]

    def value_of_name(self, name: cst.Name) -> cst.BaseExpression | None:
        """The expression assigned to ``name`` by its only assignment ``name = value`` (else ``None``)."""
        assignment = self.single_assignment(name)
        if assignment is None:
            return None
        holder = self.parent(assignment.node)
        if isinstance(holder, cst.AnnAssign) and holder.target is assignment.node:
            return holder.value
        statement = self.parent(holder) if isinstance(holder, cst.AssignTarget) else None
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return statement.value
        return None

    def resolve(self, expr: cst.BaseExpression, depth: int = 3) -> cst.BaseExpression:
        """``expr`` with names followed to their only assigned value (a few steps at most)."""
        while isinstance(expr, cst.Name) and depth > 0:
            value = self.value_of_name(expr)
            if value is None:
                return expr
            expr, depth = value, depth - 1
        return expr

    def is_stable(self, expr: cst.BaseExpression) -> bool:
        """Whether evaluating ``expr`` twice gives the same value: a literal or a name assigned once."""
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
            return True
        if isinstance(expr, cst.Name):
            return self.single_assignment(expr) is not None
        return False

    # ------------------------------------------------------------ where a value goes

    def bound_name(self, value: cst.BaseExpression) -> cst.Name | None:
        """The name ``value`` is assigned to by ``name = value`` (one target), if that is its statement."""
        parent = self.parent(value)
        if (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            return parent.targets[0].target
        if (
            isinstance(parent, cst.AnnAssign)
            and parent.value is value
            and isinstance(parent.target, cst.Name)
        ):
            return parent.target
        return None

    def reads(self, target: cst.Name) -> list[cst.Name]:
        """Every read that may see the value bound to ``target`` (also reads that may see another binding)."""
        scope = self.scope_of(target)
        if scope is None:
            raise Unfollowable(target, f"cannot follow `{target.value}`")
        mine = [a for a in scope.assignments[target.value] if isinstance(a, Assignment) and a.node is target]
        if len(mine) != 1:
            raise Unfollowable(target, f"cannot follow `{target.value}`")
        return [access.node for access in mine[0].references if isinstance(access.node, cst.Name)]

    def loop_target(self, iterable: cst.Name) -> cst.Name | None:
        """``x`` for ``for x in iterable:`` or ``... for x in iterable``, when ``iterable`` is the loop's iterable."""
        parent = self.parent(iterable)
        if (
            isinstance(parent, (cst.For, cst.CompFor))
            and parent.iter is iterable
            and isinstance(parent.target, cst.Name)
        ):
            return parent.target
        return None


# ---------------------------------------------------------------- what kind of value an expression is


def is_text(expr: cst.BaseExpression) -> bool:
    """A string literal, f-string, concatenation of strings, or ``"...".format(...)`` / ``"..." % x``."""
    if isinstance(expr, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return not (isinstance(expr, cst.SimpleString) and "b" in expr.prefix.lower())
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo)):
        return is_text(expr.left) or (isinstance(expr.operator, cst.Add) and is_text(expr.right))
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "format"
    ):
        return is_text(expr.func.value)
    return False


def is_message(expr: cst.BaseExpression) -> bool:
    """A dict literal with a ``"role"`` key (one chat message)."""
    if not isinstance(expr, cst.Dict):
        return False
    return any(
        isinstance(e, cst.DictElement)
        and isinstance(e.key, cst.SimpleString)
        and e.key.evaluated_value == "role"
        for e in expr.elements
    )


def elements(expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The items of a list or tuple literal without starred items (else ``None``)."""
    if not isinstance(expr, (cst.List, cst.Tuple)):
        return None
    if any(not isinstance(e, cst.Element) for e in expr.elements):
        return None
    return [e.value for e in expr.elements]


def text_value(expr: cst.BaseExpression) -> str | None:
    """The value of a plain (non-f, non-bytes) string literal or of a concatenation of them."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = expr.evaluated_value
        return value if isinstance(value, str) else None
    return None


def literal(expr: cst.BaseExpression) -> object:
    """The value of a number, string, bool or None literal (``-1`` included); ``NotImplemented`` otherwise."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal(expr.expression)
        return -inner if isinstance(inner, (int, float)) and not isinstance(inner, bool) else NotImplemented
    if isinstance(expr, cst.Integer):
        return int(expr.evaluated_value)
    if isinstance(expr, cst.Float):
        return float(expr.evaluated_value)
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    text = text_value(expr)
    return text if text is not None else NotImplemented


def spec_expression(backend: str, model: cst.BaseExpression, code_of: Callable[[cst.CSTNode], str]) -> str:
    """Source of the adapter spec naming ``backend`` and the model expression the original call used."""
    if isinstance(model, cst.SimpleString) and not model.prefix:
        quote = model.quote
        return f"{quote}{backend}:{model.raw_value}{quote}"
    if isinstance(model, (cst.Name, cst.Attribute)):
        return f'f"{backend}:{{{code_of(model)}}}"'
    return f'"{backend}:" + {code_of(model)}'


def unbound_use(parent: cst.CSTNode | None, call: cst.Call) -> str | None:
    """Why the object ``call`` builds cannot be followed, unless it is assigned to a name or attribute.

    The analysis follows an object through the names and ``self.`` attributes that hold it; a constructor
    whose result goes straight into a subscript, a container, a return or an argument is out of its sight.
    """
    if isinstance(parent, cst.Assign) and parent.value is call:
        targets = [t.target for t in parent.targets]
        if all(isinstance(t, (cst.Name, cst.Attribute)) for t in targets):
            return None
        return "stored in a subscript or unpacked"
    if (
        isinstance(parent, cst.AnnAssign)
        and parent.value is call
        and isinstance(parent.target, (cst.Name, cst.Attribute))
    ):
        return None
    if isinstance(parent, cst.Expr):
        return None
    return "not assigned to a name or attribute"
