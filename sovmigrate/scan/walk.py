"""A fast pre-order walk over a libcst tree that skips whitespace, comments and punctuation.

libcst's visitor framework visits every node, including the many whitespace and token nodes that
carry no meaning for the scanner, and dispatches through several Python calls per node. This walk
reads each node class's child fields once, never descends into formatting nodes, and keeps an
explicit stack (deep code cannot exhaust the interpreter's recursion limit). It calls
``visit_<Class>(node)`` (returning ``False`` skips the children) and ``leave_<Class>(node)``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import libcst as cst

_FORMATTING = (
    cst.SimpleWhitespace,
    cst.ParenthesizedWhitespace,
    cst.Newline,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Comment,
    cst.Comma,
    cst.Dot,
    cst.Semicolon,
    cst.Colon,
    cst.AssignEqual,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
)


def _concrete(base: type) -> set[type]:
    found, todo = set(), [base]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        found.add(cls)
    return found


# Exact-type sets: isinstance() against libcst's abstract base classes is slow on hot paths.
_SKIPPED_TYPES = frozenset(t for base in _FORMATTING for t in _concrete(base))
_NODE_TYPES = frozenset(_concrete(cst.CSTNode)) - _SKIPPED_TYPES
_SEQUENCES = (tuple, list)
_SKIP_FIELDS = frozenset(
    {"leading_lines", "lines_after_decorators", "header", "footer", "trailing_whitespace", "lpar", "rpar"}
)
_child_fields: dict[type, tuple[str, ...]] = {}
_hooks: dict[tuple[type, type], tuple[Any, Any]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _child_fields.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in _SKIP_FIELDS and not f.name.startswith("whitespace")
        )
        _child_fields[cls] = names
    return names


def walk(root: cst.CSTNode, visitor: Any) -> None:
    """Visit ``root`` and its meaningful descendants in source order."""
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
    vcls = type(visitor)
    while stack:
        node, leaving = stack.pop()
        cls = type(node)
        key = (vcls, cls)
        hooks = _hooks.get(key)
        if hooks is None:
            hooks = (
                getattr(vcls, f"visit_{cls.__name__}", None),
                getattr(vcls, f"leave_{cls.__name__}", None),
            )
            _hooks[key] = hooks
        if leaving:
            hooks[1](visitor, node)
            continue
        if hooks[0] is not None and hooks[0](visitor, node) is False:
            if hooks[1] is not None:
                hooks[1](visitor, node)
            continue
        if hooks[1] is not None:
            stack.append((node, True))
        children: list[cst.CSTNode] = []
        for name in _fields(cls):
            value = getattr(node, name)
            kind = type(value)
            if kind in _NODE_TYPES:
                children.append(value)
            elif kind in _SEQUENCES:
                children.extend(v for v in value if type(v) in _NODE_TYPES)
        stack.extend((child, False) for child in reversed(children))


def child_fields(node: cst.CSTNode) -> list[tuple[str, cst.CSTNode]]:
    """The meaningful children of ``node`` with the name of the field that holds each."""
    children: list[tuple[str, cst.CSTNode]] = []
    for name in _fields(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind in _NODE_TYPES:
            children.append((name, value))
        elif kind in _SEQUENCES:
            children.extend((name, v) for v in value if type(v) in _NODE_TYPES)
    return children
