"""Whether a result is read only through the fields its view gives, so that rewritten consumers keep working.

    r = views.llama_api_chat(client.chat(messages=m))
    print(r.completion_message.content.text)    # fields the view gives, down to a value: safe
    history.append(r.completion_message)        # the view's record itself, not the SDK's object: unsafe

The fields are read off the view's own output on a sample answer (:func:`view_fields`), so the check cannot
disagree with the view. A stream must be iterated (``for``, ``async for``, comprehensions); each item it yields
is checked the same way. Like the other flow checks, a variable holding the result is followed in its own
function only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

import libcst as cst
from sovmigrate.codemods._exprs import literal
from sovmigrate.codemods._openai_compat_exprs import short
from sovmigrate.codemods._openai_compat_flow import _is_store, _walk, enclosing_function

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import ModuleAnalysis

__all__ = ["Fields", "beyond_view", "view_fields"]

# A record's fields: names -> their fields; a list: the fields of its items ([] when they are not known);
# None: a value read as it is (text, a number, None).
Fields: TypeAlias = "dict[str, Fields] | list[Fields] | None"
_SCOPES = (cst.GeneratorExp, cst.ListComp, cst.SetComp, cst.DictComp)


@cache
def view_fields(view: str) -> Fields:
    """The fields ``sovmigrate.adapter.views.<view>`` gives, from its output on a sample answer (for a stream,
    the fields of every event it yields)."""
    from sovmigrate.adapter import views
    from sovmigrate.adapter.results import (
        Completion,
        CompletionChunk,
        chat_chunk,
        chat_completion,
        stream_base,
    )

    render = getattr(views, view)
    if not view.endswith("_stream"):
        return _fields(render(Completion(chat_completion("m", [("text", "stop")], 3, 1))))
    base = stream_base("chat", "m")
    usage = {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
    chunks = [
        chat_chunk(base, {"role": "assistant"}, None),
        chat_chunk(base, {"content": "text"}, None),
        {**chat_chunk(base, {}, "stop"), "usage": usage},
    ]
    return _merged(_fields(event) for event in render([CompletionChunk(c) for c in chunks]))


def _fields(value: Any) -> Fields:
    if isinstance(value, Mapping):
        return {k: _fields(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fields(value[0])] if value else []
    return None


def _merged(all_fields: Iterable[Fields]) -> dict[str, Fields]:
    merged: dict[str, Fields] = {}
    for fields in all_fields:
        assert isinstance(fields, dict)
        for name, inner in fields.items():
            merged[name] = _union(merged.get(name), inner)
    return merged


def _union(known: Fields, more: Fields) -> Fields:
    if isinstance(known, dict) and isinstance(more, dict):
        return _merged([known, more])
    return more if known is None else known


def beyond_view(analysis: ModuleAnalysis, target: cst.CSTNode, fields: Fields, stream: bool) -> str:
    """The excerpt of the first use of ``target``'s value (a call or its ``await``) that reads more than
    ``fields`` (for a stream: that does more than iterate it, or reads more of an item); "" when there is none."""
    for node in _uses(analysis, target):
        problem = _iterated(analysis, node, fields) if stream else _read(analysis, node, fields)
        if problem:
            return problem
    return ""


def _uses(analysis: ModuleAnalysis, target: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``target`` itself, or each read of the variable it is assigned to (in its function, or the module)."""
    parent = analysis.parent(target)
    if isinstance(parent, cst.Expr):
        return
    if not (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        yield target
        return
    name = parent.targets[0].target.value
    scope: cst.CSTNode = enclosing_function(analysis, parent) or analysis.module
    yield from _loads(analysis, scope.body if isinstance(scope, cst.FunctionDef) else scope, name)


def _loads(analysis: ModuleAnalysis, within: cst.CSTNode, name: str) -> list[cst.Name]:
    """The reads of ``name`` in ``within`` (nested functions aside), in source order."""
    loads = [
        node
        for node in _walk(within)
        if isinstance(node, cst.Name) and node.value == name and not _is_store(analysis, node)
    ]
    spans = analysis.spans(loads)
    return sorted(loads, key=lambda node: spans[id(node)][:2])


def _read(analysis: ModuleAnalysis, node: cst.CSTNode, fields: Fields) -> str:
    """Follow ``node.a.b[0].c`` down ``fields``: each step must be a field the view gives, and the read must
    end at a value (or test the record's truth or identity)."""
    parent = analysis.parent(node)
    while isinstance(parent, (cst.Attribute, cst.Subscript)) and parent.value is node:
        key = parent.attr.value if isinstance(parent, cst.Attribute) else _key(parent)
        if isinstance(key, str) and isinstance(fields, dict) and key in fields:
            fields = fields[key]
        elif isinstance(key, int) and not isinstance(key, bool) and isinstance(fields, list) and fields:
            fields = fields[0]
        else:
            return short(analysis.statement(parent) or parent)
        node, parent = parent, analysis.parent(parent)
    if fields is None or _tested(parent, node):
        return ""
    return short(analysis.statement(node) or node)


def _key(subscript: cst.Subscript) -> object:
    element = subscript.slice[0].slice if len(subscript.slice) == 1 else None
    return literal(element.value) if isinstance(element, cst.Index) else None


def _tested(parent: cst.CSTNode | None, node: cst.CSTNode) -> bool:
    """Whether ``node`` is only tested: ``if r.x:``, ``not r.x``, ``r.x is None``."""
    if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
        return parent.test is node
    if isinstance(parent, cst.UnaryOperation):
        return isinstance(parent.operator, cst.Not)
    if isinstance(parent, cst.Comparison):
        return all(isinstance(c.operator, (cst.Is, cst.IsNot)) for c in parent.comparisons)
    return False


def _iterated(analysis: ModuleAnalysis, node: cst.CSTNode, fields: Fields) -> str:
    """A stream must be the ``iter`` of a loop or comprehension whose items are read within the view's fields."""
    loop = analysis.parent(node)
    if not (
        isinstance(loop, (cst.For, cst.CompFor)) and loop.iter is node and isinstance(loop.target, cst.Name)
    ):
        return short(analysis.statement(node) or node)
    within: cst.CSTNode = loop.body if isinstance(loop, cst.For) else _comprehension(analysis, loop)
    for item in _loads(analysis, within, loop.target.value):
        problem = _read(analysis, item, fields)
        if problem:
            return problem
    return ""


def _comprehension(analysis: ModuleAnalysis, node: cst.CompFor) -> cst.CSTNode:
    current: cst.CSTNode = node
    while not isinstance(current, _SCOPES):
        current = analysis.parent(current)
    return current
