"""Hand-built Llama chat prompts sent to a completion → a ``messages`` list sent to ``chat``.

    prompt = f"<s>[INST] <<SYS>>\\n{system}\\n<</SYS>>\\n\\n{question} [/INST]"
    out = llm.complete(prompt, max_tokens=64)
    print(out["choices"][0]["text"])
    →
    out = llm.chat([{"role": "system", "content": system}, {"role": "user", "content": question}], max_tokens=64)
    print(out["choices"][0]["message"]["content"])

The completion calls are the adapter's (``complete``, ``acomplete``, ``stream_complete``, ``astream_complete`` on a
``connect(...)`` connection), which the engine and vendor codemods write first; the prompt is read back into
turns (``_prompts_template``), and the target model's own chat template builds the prompt from them. The
fix is always unsafe: the prompt string changes (whitespace, BOS, the template's own wording). The reason
names the stop strings and hard-coded token ids that belong to the old template. A prompt whose structure
is not clear, or that goes to a completion call not on the adapter yet, stays manual with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._exprs import code, literal
from sovmigrate.codemods._openai_compat_exprs import short
from sovmigrate.codemods._openai_compat_flow import enclosing_function
from sovmigrate.codemods._prompts_template import Flat, Parsed, content_code, flatten, markers, parse

from sovmigrate.rules.model import FixSafety

__all__ = ["PromptsCodemod"]

CHAT_METHODS = {
    "complete": "chat",
    "acomplete": "achat",
    "stream_complete": "stream_chat",
    "astream_complete": "astream_chat",
}
# Views that read a chat result as they read a completion (sovmigrate.adapter.views, `_text`).
CHAT_VIEWS = frozenset(
    {"bedrock_invoke", "bedrock_invoke_stream", "ollama_generate", "ollama_generate_stream", "vllm_output"}
)
TEMPLATE_STOPS = ("</s>", "<s>", "[INST]", "[/INST]", "<|eot_id|>", "<|end_of_text|>", "<|start_header_id|>")
CHANGED = (
    "the prompt string changes: the target model's chat template builds it from the {family} turns read here "
    "({roles}); check the answers"
)
UNUSED_CONSTANT = (
    "a chat-template constant that nothing in this module uses (any more): delete it, or rewrite the modules "
    "that import it"
)
UNUSED_PROMPT = "a hand-built prompt that nothing reads (any more: its call now sends messages): delete it"
NOT_ADAPTER = (
    "this chat-template text is not sent to an adapter completion call in this module; rewrite the engine "
    "call first (its codemod), then run again, or build `messages` by hand"
)


@dataclass
class _Prompt:
    """A completion call whose prompt was read into turns, and what else changes with it."""

    call: cst.Call
    parsed: Parsed
    flat: Flat
    notes: list[str] = field(default_factory=list)
    consumers: list[tuple[cst.CSTNode, Callable[[cst.CSTNode], object]]] = field(
        default_factory=list
    )  # further edits


class PromptsCodemod(SovmigrateCodemod):
    """Rewrite hand-built Llama 2/3 prompts sent to the adapter's ``complete`` into ``chat`` with messages."""

    DESCRIPTION = "Rewrite hand-built Llama chat prompts sent to a completion into messages sent to chat."
    RULES = ("SOV520", "SOV521")
    EXTRA = ""

    def plan(self) -> None:
        findings = list(self.findings())
        decided: set[int] = set()
        for call in self._completion_calls():
            read = self._read(call)
            if read is None:
                continue
            flat, prompt = read
            literals = _node_ids(flat.literals)
            explained = [f for f in findings if id(f.node) in literals]
            if isinstance(prompt, str):
                for finding in explained:
                    self.manual(finding.node, finding.rule.code, prompt)
            else:
                self._decide(prompt, explained)
            decided |= {id(f.node) for f in explained}
        for finding in findings:
            if id(finding.node) not in decided:
                self.manual(finding.node, finding.rule.code, self._unused(finding.node) or NOT_ADAPTER)

    def _unused(self, node: cst.CSTNode) -> str:
        """Why a template string assigned to names nothing reads is left (a constant, or a prompt whose call now
        sends messages); "" when something reads it."""
        statement = self.analysis.statement(node)
        if not isinstance(statement, cst.Assign):
            return ""
        function = enclosing_function(self.analysis, statement)
        names = {n.value for t in statement.targets for n in _walk(t.target) if isinstance(n, cst.Name)}
        scope = function.body if function is not None else self.module
        if any(isinstance(n, cst.Name) and n.value in names and not self._stored(n) for n in _walk(scope)):
            return ""
        return UNUSED_PROMPT if function is not None else UNUSED_CONSTANT

    def _stored(self, name: cst.Name) -> bool:
        """Whether ``name`` is written (an assignment target, possibly unpacked) or a keyword, not read."""
        parent = self.analysis.parent(name)
        if isinstance(parent, cst.Element):
            unpacked = self.analysis.parent(parent)
            return isinstance(self.analysis.parent(unpacked), cst.AssignTarget)
        if isinstance(parent, cst.Attribute):
            return parent.attr is name
        if isinstance(parent, cst.Arg):
            return parent.keyword is name
        return isinstance(
            parent, (cst.AssignTarget, cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias)
        )

    # ------------------------------------------------------------------ finding the calls

    def _completion_calls(self) -> Iterator[cst.Call]:
        """``complete``-family calls on connections made by ``sovmigrate.adapter.connect`` in this module."""
        connect = {b.local for b in self.analysis.imports if b.qualified == "sovmigrate.adapter.connect"}
        if not connect:
            return
        connections = set()
        for node in _walk(self.module):
            if isinstance(node, cst.Assign) and _is_connect(node.value, connect):
                connections |= {code(t.target) for t in node.targets}
        for node in _walk(self.module):
            if (
                isinstance(node, cst.Call)
                and isinstance(node.func, cst.Attribute)
                and node.func.attr.value in CHAT_METHODS
                and (_is_connect(node.func.value, connect) or code(node.func.value) in connections)
            ):
                yield node

    def _read(self, call: cst.Call) -> tuple[Flat, _Prompt | str] | None:
        """The call's prompt, and its turns or why they cannot be read; None when it holds no template text."""
        edit = CallEdit(call)
        argument = edit.positional(0) or edit.keyword("prompt")
        if argument is None:
            return None
        flat = flatten(self.analysis, argument.value)
        if flat.problem:
            return (flat, flat.problem) if flat.literals else None
        if not markers(flat.parts):
            return None
        parsed = parse(flat.parts)
        if isinstance(parsed, str):
            return flat, parsed
        if edit.keyword("echo") is not None:
            return flat, "`echo=` returns the prompt with the answer; with messages there is no prompt string"
        prompt = _Prompt(call, parsed, flat)
        return flat, self._consumers(prompt) or prompt

    # ------------------------------------------------------------------ consumers of the result

    def _consumers(self, prompt: _Prompt) -> str:
        """Queue the edits of results read as completions; why not, when they cannot follow."""
        target: cst.CSTNode = prompt.call
        parent = self.analysis.parent(target)
        if isinstance(parent, cst.Await):
            target, parent = parent, self.analysis.parent(parent)
        if isinstance(parent, cst.Arg) and self._chat_view(self.analysis.parent(parent)):
            return ""
        streaming = prompt.call.func.attr.value.endswith("stream_complete")  # type: ignore[attr-defined]
        if streaming:
            return "the stream's chunks are read as completion chunks; wrap it in a view or port the loop by hand"
        if isinstance(parent, cst.Expr):
            return ""
        if (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            return self._name_consumers(prompt, parent, parent.targets[0].target.value)
        return self._consumer(prompt, target)

    def _chat_view(self, node: cst.CSTNode | None) -> bool:
        views = {b.local for b in self.analysis.imports if b.qualified == "sovmigrate.adapter.views"}
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and code(node.func.value) in views
            and node.func.attr.value in CHAT_VIEWS
        )

    def _name_consumers(self, prompt: _Prompt, assign: cst.Assign, name: str) -> str:
        scope = enclosing_function(self.analysis, assign)
        for node in _walk(scope.body if scope is not None else self.module):
            if isinstance(node, cst.Name) and node.value == name and node is not assign.targets[0].target:
                parent = self.analysis.parent(node)
                if isinstance(parent, cst.Attribute) and parent.attr is node:
                    continue
                problem = self._consumer(prompt, node)
                if problem:
                    return problem
        return ""

    def _consumer(self, prompt: _Prompt, node: cst.CSTNode) -> str:
        """``r.text`` stays; ``r["choices"][0]["text"]`` and ``r.choices[0].text`` read the message instead."""
        first = self.analysis.parent(node)
        if isinstance(first, cst.Attribute) and first.value is node and first.attr.value == "text":
            return ""
        second = self.analysis.parent(first) if first is not None else None
        third = self.analysis.parent(second) if second is not None else None
        if _choices(first, node) and _index(second, first) and _text(third, second):
            prompt.consumers.append((third, _read_message))
            return ""
        return f"the completion result is read as `{short(self.analysis.statement(node) or node)}`"

    # ------------------------------------------------------------------ the fix

    def _decide(self, prompt: _Prompt, explained: list) -> None:
        reasons = [self._changed(prompt)]
        reasons += self._stops(prompt.call)
        reasons += self._token_ids()
        reason = "; ".join(reasons)
        applied = False
        for finding in explained:
            applied = self.fix(finding.node, finding.rule.code, FixSafety.UNSAFE, reason) or applied
        if not applied:
            return
        self.replace(prompt.call, self._build(prompt))
        for node, build in prompt.consumers:
            self.replace(node, build)

    def _changed(self, prompt: _Prompt) -> str:
        roles = ", ".join(turn.role for turn in prompt.parsed.turns)
        text = CHANGED.format(
            family="Llama 2" if prompt.parsed.family == "llama-2" else "Llama 3", roles=roles
        )
        if prompt.parsed.bos:
            text += " (the prompt wrote the BOS token itself; engines that add one to completions had two)"
        return text

    def _stops(self, call: cst.Call) -> list[str]:
        stop = CallEdit(call).keyword("stop")
        if stop is None:
            return []
        value = literal(stop.value)
        values = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
        old = [v for v in values if isinstance(v, str) and v.strip() in TEMPLATE_STOPS]
        if not old:
            return []
        return [f"the stop strings {', '.join(repr(v) for v in old)} belong to the old template"]

    def _token_ids(self) -> list[str]:
        statements = [
            self.analysis.statement(f.node) for f in self.analysis.findings if f.rule.code == "SOV540"
        ]
        shown = list(dict.fromkeys(f"`{short(s, 50)}`" for s in statements if s is not None))
        if not shown:
            return []
        return [f"token ids tied to the old template stay in this module ({', '.join(shown[:3])})"]

    def _build(self, prompt: _Prompt) -> Callable[[cst.Call], cst.Call]:
        messages = (
            "["
            + ", ".join(
                f'{{"role": "{turn.role}", "content": {content_code(turn.content)}}}'
                for turn in prompt.parsed.turns
            )
            + "]"
        )

        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            method = call.func.attr.value  # type: ignore[attr-defined]
            edit.func = call.func.with_changes(attr=cst.Name(CHAT_METHODS[method]))  # type: ignore[attr-defined]
            argument = edit.positional(0) or edit.keyword("prompt")
            new = argument.with_changes(value=self.expr(messages))
            if argument.keyword is not None:
                new = new.with_changes(keyword=cst.Name("messages"))
            return edit.replace(argument, new).build()

        return build


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _node_ids(nodes: list[cst.CSTNode]) -> set[int]:
    return {id(n) for node in nodes for n in _walk(node)}


def _is_connect(node: cst.BaseExpression, names: set[str]) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in names


def _key(node: cst.CSTNode | None, value: cst.CSTNode) -> object:
    if not (isinstance(node, cst.Subscript) and node.value is value and len(node.slice) == 1):
        return None
    element = node.slice[0].slice
    return literal(element.value) if isinstance(element, cst.Index) else None


def _choices(node: cst.CSTNode | None, value: cst.CSTNode) -> bool:
    attribute = isinstance(node, cst.Attribute) and node.value is value and node.attr.value == "choices"
    return attribute or _key(node, value) == "choices"


def _index(node: cst.CSTNode | None, value: cst.CSTNode | None) -> bool:
    return value is not None and _key(node, value) == 0


def _text(node: cst.CSTNode | None, value: cst.CSTNode | None) -> bool:
    if value is None:
        return False
    attribute = isinstance(node, cst.Attribute) and node.value is value and node.attr.value == "text"
    return attribute or _key(node, value) == "text"


def _read_message(node: cst.CSTNode) -> cst.CSTNode:
    """``x["text"]`` → ``x["message"]["content"]``; ``x.text`` → ``x.message.content``."""
    if isinstance(node, cst.Attribute):
        inner = node.with_changes(attr=cst.Name("message"), lpar=(), rpar=())
        return cst.Attribute(value=inner, attr=cst.Name("content"), lpar=node.lpar, rpar=node.rpar)
    assert isinstance(node, cst.Subscript)
    quote = node.slice[0].slice.value.quote  # type: ignore[attr-defined]
    inner = node.with_changes(
        slice=[cst.SubscriptElement(cst.Index(cst.SimpleString(f"{quote}message{quote}")))], lpar=(), rpar=()
    )
    return cst.Subscript(
        value=inner,
        slice=[cst.SubscriptElement(cst.Index(cst.SimpleString(f"{quote}content{quote}")))],
        lpar=node.lpar,
        rpar=node.rpar,
    )
