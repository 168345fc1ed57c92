"""Expressions the OpenAI-compatible codemods read and write: literals, specs, env lookups, URL arithmetic.

Small pure helpers on libcst nodes, shared by the client codemods (``openai_compat``, ``hosted``), the Bedrock
codemod and the prompt codemod. Nothing here knows a vendor.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._exprs import code, literal

_EMPTY = cst.Module(body=())
_NO_SPACE = cst.SimpleWhitespace("")
# Expressions that need no parentheses before `.method()`.
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.FormattedString)


def short(node: cst.CSTNode, limit: int = 60) -> str:
    """A one-line excerpt of ``node`` for reasons (``client.models.list(...)`` for calls)."""
    if isinstance(node, cst.Call):
        return f"{short(node.func, limit)}(...)"
    text = " ".join(code(node).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def string(value: str) -> cst.SimpleString:
    """A double-quoted string literal (``repr`` rules for escapes)."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return cst.SimpleString(text)


def call(func: cst.BaseExpression, *args: cst.BaseExpression | cst.Arg) -> cst.Call:
    return cst.Call(func=func, args=[a if isinstance(a, cst.Arg) else cst.Arg(a) for a in args])


def method(value: cst.BaseExpression, name: str, *args: cst.BaseExpression | cst.Arg) -> cst.Call:
    """``value.name(*args)``, parenthesising ``value`` when it needs it."""
    return call(cst.Attribute(value=atom(value), attr=cst.Name(name)), *args)


def atom(value: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(value, _ATOMS) or value.lpar:
        return value
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def spec(backend: str, model: cst.BaseExpression) -> cst.BaseExpression:
    """``"backend:" + model`` as the neatest expression: one string literal, an f-string, or a concatenation."""
    value = literal(model)
    if isinstance(value, str) and isinstance(model, cst.SimpleString):
        return string(f"{backend}:{value}")
    if isinstance(model, cst.FormattedString) and "b" not in model.prefix.lower():
        return model.with_changes(parts=(cst.FormattedStringText(f"{backend}:"), *model.parts))
    text = code(model)
    if not any(c in text for c in ('"', "\\", "\n", "{", "}", "#")):
        return cst.parse_expression(f'f"{backend}:{{{text}}}"')
    return cst.BinaryOperation(string(f"{backend}:"), cst.Add(), call(cst.Name("str"), model))


def concat(left: cst.BaseExpression, suffix: str) -> cst.BaseExpression:
    """``left + "suffix"`` (folded into one literal when ``left`` is a string literal)."""
    value = literal(left)
    if isinstance(value, str) and isinstance(left, (cst.SimpleString, cst.ConcatenatedString)):
        return string(value + suffix)
    return cst.BinaryOperation(atom(left), cst.Add(), string(suffix))


def env_name(node: cst.BaseExpression) -> str | None:
    """The variable an environment lookup reads (``os.environ["X"]``, ``os.getenv("X")``,
    ``os.environ.get("X", d)``, ``getenv("X")``), else None."""
    if isinstance(node, cst.Subscript) and code(node.value).strip() in ("os.environ", "environ"):
        element = node.slice[0].slice if len(node.slice) == 1 else None
        value = literal(element.value) if isinstance(element, cst.Index) else None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Call) and code(node.func).strip() in (
        "os.getenv",
        "getenv",
        "os.environ.get",
        "environ.get",
    ):
        first = node.args[0] if node.args else None
        value = literal(first.value) if first is not None and first.keyword is None else None
        return value if isinstance(value, str) else None
    return None
