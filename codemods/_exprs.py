"""Small pure helpers on libcst expressions that every codemod family shares: source text, literal values,
``name=value`` arguments. Nothing here knows a vendor."""

from __future__ import annotations

import ast
from typing import Any

import libcst as cst

NOT_LITERAL = object()  # what :func:`literal` answers for an expression that is not a literal
_EMPTY = cst.Module(body=())
_NO_SPACE = cst.SimpleWhitespace("")


def code(node: cst.CSTNode) -> str:
    """The source text of ``node``."""
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


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value`` without spaces around ``=``."""
    return cst.Arg(value=value, keyword=cst.Name(name), equal=cst.AssignEqual(_NO_SPACE, _NO_SPACE))


def dict_pairs(node: cst.BaseExpression | None) -> list[tuple[str, cst.BaseExpression]] | None:
    """``(key, value)`` of a dict literal whose keys are all string literals, else None."""
    if not isinstance(node, cst.Dict):
        return None
    pairs = []
    for element in node.elements:
        key = literal(element.key) if isinstance(element, cst.DictElement) else None
        if not isinstance(key, str):
            return None
        pairs.append((key, element.value))
    return pairs
