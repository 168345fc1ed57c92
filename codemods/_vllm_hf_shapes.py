"""Which reads of an engine result the adapter's views answer like the engine did.

The codemods rewrite a call and wrap its new result in a view from ``sovmigrate.adapter.views`` so the code
that reads it stays as it is. A read the view answers differently (vLLM's ``token_ids`` are None) makes the
site manual; a result that flows where the codemod cannot see (passed to a function, returned) makes the fix
unsafe. :func:`check` walks every read of a result by its shape and reports the first problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from sovmigrate.codemods._vllm_hf_flow import Flow, Unfollowable

MANUAL, UNSAFE = "manual", "unsafe"


@dataclass(frozen=True)
class Shape:
    """A value's shape: ``fields`` read by attribute or string key; ``item`` for a list's elements."""

    name: str
    fields: dict[str, Shape | str] = field(default_factory=dict)  # shape, "ok" or "none" (the view has None)
    item: Shape | None = None


OK = "ok"
NONE = "none"


@dataclass(frozen=True)
class Problem:
    """A read the rewrite cannot keep: ``level`` is ``manual`` or ``unsafe``."""

    level: str
    node: cst.CSTNode
    reason: str


class ShapeChecker:
    """Follows a result through subscripts, attributes, loops and aliases, as far as ``flow`` can see."""

    def __init__(self, flow: Flow, show) -> None:
        self.flow = flow
        self.show = show
        self.problems: list[Problem] = []

    def check(self, expr: cst.BaseExpression, shape: Shape) -> list[Problem]:
        """Every problem with the reads of ``expr`` (the value the call gave, shaped as ``shape``)."""
        self.problems = []
        try:
            self._value(expr, shape)
        except Unfollowable as exc:
            self.problems.append(Problem(UNSAFE, exc.node, exc.reason))
        return self.problems

    # ------------------------------------------------------------ internals

    def _flag(self, level: str, node: cst.CSTNode, reason: str) -> None:
        self.problems.append(Problem(level, node, f"{reason}: `{self.show(node)}`"))

    def _value(self, expr: cst.BaseExpression, shape: Shape) -> None:
        parent = self.flow.parent(expr)
        if isinstance(parent, cst.Expr):
            return  # result unused
        name = self.flow.bound_name(expr)
        if name is not None:
            for read in self.flow.reads(name):
                self._value(read, shape)
            return
        if isinstance(parent, cst.Attribute) and parent.value is expr:
            self._field(parent, parent.attr.value, shape)
        elif isinstance(parent, cst.Subscript) and parent.value is expr:
            self._subscript(parent, shape)
        elif isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is expr and shape.item is not None:
            self._loop(parent, shape.item)
        elif shape.item is not None and is_len_call(self.flow, expr):
            return
        else:
            self._flag(UNSAFE, expr, f"the {shape.name} is used in a way the codemod cannot check")

    def _field(self, node: cst.BaseExpression, name: str, shape: Shape) -> None:
        kind = shape.fields.get(name)
        if kind is None:
            self._flag(MANUAL, node, f"reads `{name}`, which the adapter's {shape.name} does not have")
        elif kind == NONE:
            self._flag(MANUAL, node, f"reads `{name}`, which the adapter's {shape.name} leaves None")
        elif isinstance(kind, Shape):
            self._value(node, kind)

    def _subscript(self, node: cst.Subscript, shape: Shape) -> None:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            if shape.item is not None and len(node.slice) == 1:
                self._value(node, shape)  # a slice of a list is a list of the same items
                return
            self._flag(UNSAFE, node, f"the {shape.name} is indexed in a way the codemod cannot check")
            return
        index = node.slice[0].slice.value
        if isinstance(index, cst.SimpleString) and shape.fields:
            self._field(node, str(index.evaluated_value), shape)
        elif shape.item is not None:
            self._value(node, shape.item)
        else:
            self._flag(UNSAFE, node, f"the {shape.name} is indexed in a way the codemod cannot check")

    def _loop(self, loop: cst.For | cst.CompFor, item: Shape) -> None:
        target = loop.target
        if not isinstance(target, cst.Name):
            self._flag(UNSAFE, loop.target, "the loop unpacks each item")
            return
        for read in self.flow.reads(target):
            self._value(read, item)


def is_len_call(flow: Flow, expr: cst.BaseExpression) -> bool:
    """Whether ``expr`` is the only argument of ``len(...)``."""
    arg = flow.parent(expr)
    call = flow.parent(arg) if isinstance(arg, cst.Arg) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "len"
        and len(call.args) == 1
    )
