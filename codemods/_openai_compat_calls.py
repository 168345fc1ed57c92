"""One OpenAI-shaped inference call → one call on an adapter connection.

    client.chat.completions.create(model=m, messages=msgs, max_tokens=64, stream=True)
    →  client.stream_chat(messages=msgs, max_tokens=64)

The model moves to the connection (checked by the caller); the neutral parameters keep their names and
values; ``extra_body={"top_k": 40}`` becomes ``top_k=40``. Anything the adapter cannot send the same way
makes the site manual (a reason) or unsafe (a note), never silently different.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import libcst as cst
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._exprs import NOT_LITERAL, literal
from sovmigrate.codemods._openai_compat_exprs import atom, short

from sovmigrate.scan.analysis import CallSite

# Adapter method per kind: (plain, streaming, async, async streaming).
METHODS = {
    "chat": ("chat", "stream_chat", "achat", "astream_chat"),
    "complete": ("complete", "stream_complete", "acomplete", "astream_complete"),
    "embeddings": ("embeddings", "", "aembeddings", ""),
}
# Where the input goes: the SDK's keyword, and the adapter's keyword for it.
FIRST = {"chat": ("messages", "messages"), "complete": ("prompt", "prompt"), "embeddings": ("input", "texts")}
# Neutral parameters the openai backend sends under the same name (non-OpenAI ones as extra body fields).
SAMPLING = frozenset(
    {"max_tokens", "temperature", "top_p", "stop", "seed", "n", "presence_penalty", "frequency_penalty"}
)
CHAT_ONLY = frozenset({"response_format", "tools", "tool_choice"})
EXTENSIONS = frozenset(
    {"top_k", "min_p", "typical_p", "repetition_penalty", "mirostat", "mirostat_tau", "mirostat_eta"}
)
_MAX_COMPLETION = "`max_completion_tokens=` is sent as `max_tokens`"
UNSAFE = {  # keywords the adapter sends differently
    "chat": {
        "max_completion_tokens": _MAX_COMPLETION,
        "logprobs": "log-probabilities are requested with `top_logprobs` (0 unless given)",
        "top_logprobs": "log-probabilities are requested with `top_logprobs` (0 unless given)",
    },
    "complete": {
        "max_completion_tokens": _MAX_COMPLETION,
        "echo": "`echo=True` is done by the adapter (the prompt is put in front of the text)",
    },
}
RENAMES = {"max_completion_tokens": "max_tokens"}


@dataclass(frozen=True)
class CallShape:
    """An SDK method of one kind (``chat``, ``complete``, ``embeddings``) and how its keywords map."""

    kind: str
    positional: bool = False  # the input may come as the first positional argument
    renames: Mapping[str, str] = field(default_factory=dict)  # SDK keyword -> neutral parameter
    same: frozenset[str] = frozenset()  # further keywords sent under their neutral names
    note: str = ""  # why this method's rewrite is always unsafe
    text: bool = False  # the SDK returns the text itself: the rewrite reads ``.text`` of the result


CHAT = CallShape("chat")
COMPLETE = CallShape("complete")
EMBED = CallShape("embeddings")


@dataclass
class CallPlan:
    """What one inference call becomes."""

    shape: CallShape
    model: cst.BaseExpression | None
    stream: bool
    method: str = ""
    drop: list[str] = field(default_factory=list)  # keywords to remove
    renames: dict[str, str] = field(default_factory=dict)
    added: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.shape.kind


def plan_call(
    site: CallSite, shape: CallShape, is_async: bool, model_keyword: str = "model"
) -> CallPlan | str:
    """The adapter call for ``site`` (an OpenAI-shaped call of ``shape``), or why it stays manual."""
    if site.has_star_arguments:
        return "arguments passed through *args/**kwargs cannot be mapped to the adapter's names"
    first_name, adapter_first = FIRST[shape.kind]
    if site.argument(first_name, 0 if shape.positional else None) is None:
        return f"no `{first_name}=` argument"
    stream = literal(site.argument("stream").value) if site.argument("stream") else False
    if stream not in (True, False, None):
        return "`stream=` is decided at run time; the adapter has separate streaming methods"
    model = site.argument(model_keyword)
    plan = CallPlan(shape, model.value if model else None, bool(stream))
    plan.drop += [model_keyword, "stream"]
    if first_name != adapter_first:
        plan.renames[first_name] = adapter_first
    if shape.note:
        plan.unsafe.append(shape.note)
    problem = _keywords(site, plan, first_name, model_keyword)
    if problem:
        return problem
    plan.method = METHODS[shape.kind][2 * is_async + plan.stream]
    if not plan.method:
        return "embeddings do not stream"
    if plan.stream and shape.text:
        return "the stream yields bare strings; the adapter's stream yields chunks"
    return plan


def _keywords(site: CallSite, plan: CallPlan, first_name: str, model_keyword: str) -> str:
    shape = plan.shape
    same = SAMPLING | shape.same | (CHAT_ONLY if shape.kind == "chat" else frozenset())
    for argument in site.arguments:
        name = argument.keyword
        if name is None:
            if argument.position or not shape.positional:
                return "positional arguments other than the input"
            continue
        if name in (first_name, model_keyword, "stream") or name in same:
            continue
        if name in shape.renames:
            plan.renames[name] = shape.renames[name]
        elif name in UNSAFE.get(shape.kind, {}):
            plan.unsafe.append(UNSAFE[shape.kind][name])
            plan.renames.update({name: RENAMES[name]} if name in RENAMES else {})
        elif name == "extra_body":
            problem = _extra_body(argument.value, plan)
            if problem:
                return problem
        elif name == "encoding_format" and literal(argument.value) == "float":
            plan.drop.append(name)
        else:
            return f"`{name}=` has no adapter equivalent"
    return ""


def _extra_body(value: cst.BaseExpression, plan: CallPlan) -> str:
    if not isinstance(value, cst.Dict):
        return "`extra_body=` is not a literal dict; its fields cannot be mapped"
    for element in value.elements:
        key = literal(element.key) if isinstance(element, cst.DictElement) else NOT_LITERAL
        if key not in EXTENSIONS:
            return f"`extra_body=` field {short(element.key) if isinstance(element, cst.DictElement) else '**'} has no adapter parameter"
        plan.added.append((key, element.value))
    plan.drop.append("extra_body")
    return ""


def build_call(
    plan: CallPlan, chain_length: int, keep_await: bool
) -> Callable[[cst.BaseExpression], cst.BaseExpression]:
    """The edit turning ``client.<chain>(...)`` (or its ``await``) into ``client.<method>(...)``."""

    def build(updated: cst.BaseExpression) -> cst.BaseExpression:
        call = updated.expression if isinstance(updated, cst.Await) else updated
        client = call.func
        for _ in range(chain_length):
            client = client.value
        edit = CallEdit(call)
        edit.func = cst.Attribute(value=client, attr=cst.Name(plan.method))
        for name in plan.drop:
            drop(edit, name)
        for old, new in plan.renames.items():
            edit.rename(old, new)
        for name, value in plan.added:
            edit.set(name, value)
        new: cst.BaseExpression = edit.build()
        if isinstance(updated, cst.Await):
            if keep_await:
                new = updated.with_changes(expression=new)
            else:
                new = new.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        if plan.shape.text:
            return cst.Attribute(value=atom(new), attr=cst.Name("text"))
        return new

    return build


def drop(edit: CallEdit, name: str) -> None:
    """Drop ``name=`` but keep the comment lines written below it: they introduce the next argument."""
    arg = edit.keyword(name)
    if arg is None:
        return
    index = next(i for i, a in enumerate(edit.args) if a is arg)
    below = arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else None
    before = edit.args[index - 1].comma if index > 0 else None
    if (
        isinstance(below, cst.ParenthesizedWhitespace)
        and below.empty_lines
        and index + 1 < len(edit.args)
        and isinstance(before, cst.Comma)
        and isinstance(before.whitespace_after, cst.ParenthesizedWhitespace)
    ):
        kept = before.whitespace_after.with_changes(
            empty_lines=(*before.whitespace_after.empty_lines, *below.empty_lines)
        )
        edit.args[index - 1] = edit.args[index - 1].with_changes(
            comma=before.with_changes(whitespace_after=kept)
        )
    edit.drop(name)
