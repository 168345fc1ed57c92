"""vLLM offline inference → the neutral adapter (SOV120–SOV123).

    llm = LLM(model="Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")
    params = SamplingParams(temperature=0, max_tokens=64)
    outputs = llm.generate("Hello", params)
    print(outputs[0].outputs[0].text)

becomes::

    llm = connect(default="vllm:Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")
    params = dict(temperature=0, max_tokens=64)
    outputs = [views.vllm_output(llm.complete("Hello", **params), "Hello")]
    print(outputs[0].outputs[0].text)

An engine is rewritten with every call made on it, or not at all: a ``SamplingParams`` object is folded into
keyword arguments (vLLM's 16-token default written out), results are wrapped in ``views.vllm_output`` so the
lines that read them stay as they are. Random sampling, a list of prompts (one batch becomes one call per
prompt) and results that flow out of sight are unsafe; LoRA, structured outputs, token-id prompts, engine
methods without a neutral equivalent and reads of fields the view leaves None are manual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._vllm_hf_flow import (
    Flow,
    elements,
    is_message,
    is_text,
    literal,
    scopes_of,
    spec_expression,
    unbound_use,
)
from sovmigrate.codemods._vllm_hf_sampling import (
    VLLM_GENERATION_CONFIG_KEYS,
    Params,
    local_generation_config,
    vllm_params,
)
from sovmigrate.codemods._vllm_hf_shapes import NONE, OK, Shape, ShapeChecker
from sovmigrate.codemods._vllm_hf_units import all_sites, imports_outcome, show

from sovmigrate.rules.model import FixSafety

__all__ = ["VllmCodemod"]

ENGINE_APIS = frozenset({"vllm.LLM", "vllm.entrypoints.llm.LLM"})
SAMPLING_APIS = frozenset({"vllm.SamplingParams", "vllm.sampling_params.SamplingParams"})
#: Keywords of ``LLM.generate`` / ``LLM.chat`` that change nothing the adapter keeps (a progress bar).
INERT_CALL_KEYWORDS = frozenset({"use_tqdm"})
POOLING = frozenset({"task", "runner", "convert"})

_COMPLETION = Shape(
    "vLLM view of a completion",
    fields={
        "text": OK,
        "finish_reason": OK,
        "index": OK,
        "token_ids": NONE,
        "logprobs": NONE,
        "cumulative_logprob": NONE,
        "stop_reason": NONE,
    },
)


def _request_shape(chat: bool) -> Shape:
    fields: dict[str, Shape | str] = {
        "outputs": Shape("list of completions", item=_COMPLETION),
        "prompt": NONE if chat else OK,
        "finished": OK,
        "request_id": OK,
        "prompt_token_ids": NONE,
        "prompt_logprobs": NONE,
    }
    return Shape("vLLM view of a request output", fields=fields)


def _outputs_shape(chat: bool) -> Shape:
    return Shape("list of request outputs", item=_request_shape(chat))


@dataclass
class _Call:
    """One ``generate``/``chat`` call on an engine, and how it is rewritten."""

    site: object  # CallSite
    rule: str
    chat: bool
    prompt: cst.BaseExpression | None = None
    many: bool = False
    params: Params | None = None
    sampling_name: str | None = None  # ``**params`` of a folded SamplingParams variable
    sampling_site: object | None = None


@dataclass
class _Group:
    """An engine, the calls made on it and the sampling objects they use: rewritten together or not at all."""

    engine: object  # CallSite
    calls: list[_Call] = field(default_factory=list)
    samplings: dict[int, object] = field(default_factory=dict)  # id(node) -> SamplingParams CallSite
    unsafe: list[str] = field(default_factory=list)
    manual: list[tuple[cst.CSTNode, str]] = field(default_factory=list)


class VllmCodemod(SovmigrateCodemod):
    """Rewrite ``vllm.LLM`` engines, their ``generate``/``chat`` calls and ``SamplingParams`` to the adapter."""

    DESCRIPTION = (
        "Rewrite vLLM offline inference (LLM, SamplingParams, generate, chat) to sovmigrate.adapter."
    )
    RULES = ("SOV120", "SOV121", "SOV122", "SOV123")
    EXTRA = "vllm"

    def plan(self) -> None:
        self.flow = Flow(scope_of=scopes_of(self.context.wrapper).get, parent=self.analysis.parent)
        sites = all_sites(self)
        self._by_node = {id(site.node): (site, rule) for site, rule in sites}
        groups = [
            self._group(site, rule) for site, rule in sites if site.api in ENGINE_APIS and rule == "SOV121"
        ]
        groups = self._merge(groups)
        for group in groups:
            self._collect(group)
        done: set[int] = set()
        applied = False
        for group in groups:
            applied |= self._decide(group)
            done |= self._nodes(group)
        leftovers = [(site, rule) for site, rule in sites if id(site.node) not in done]
        for site, rule in leftovers:
            if rule in self.codes:
                self.manual(site.node, rule, self._leftover_reason(site))
        safeties = [self._safety(group) for group in groups]
        if leftovers or self._unresolved():
            safeties.append(FixSafety.MANUAL)
        fixable = [group for group in groups if self._safety(group) is not FixSafety.MANUAL]
        covered = {id(node) for group in fixable for node, _ in self._members(group)}
        imports_outcome(self, "SOV120", "vllm", safeties, applied, covered)

    # ------------------------------------------------------------ grouping

    def _group(self, engine, rule: str) -> _Group:
        group = _Group(engine)
        self._check_engine(group)
        refs = self.analysis.references(engine.node)
        for node, why in refs.escapes:
            group.manual.append((node, f"the engine is {_ESCAPE.get(why, 'used')} in `{self._show(node)}`"))
        for site in refs.calls:
            found = self._by_node.get(id(site.node))
            if found is None and site.method in ("generate", "chat"):
                reason = f"`{self._code(site.node.func)}()` may run on another object too (not resolved to this engine)"
                group.manual.append((site.node, reason))
                continue
            if found is None or site.method not in ("generate", "chat"):
                group.manual.append(
                    (site.node, f"`{self._code(site.node.func)}()` has no neutral equivalent")
                )
                continue
            group.calls.append(self._call(group, site, found[1]))
        return group

    def _check_engine(self, group: _Group) -> None:
        site = group.engine
        unbound = unbound_use(self.analysis.parent(site.node), site.node)
        if unbound is not None:
            group.manual.append((site.node, f"the engine is {unbound}, where the codemod cannot follow it"))
        if site.subclass is not None:
            group.manual.append((site.node, "the engine is a subclass of vllm.LLM defined here"))
        model = site.argument("model", 0)
        if model is None or model.star:
            group.manual.append((site.node, "the model is not named in the call"))
        for argument in site.arguments:
            if argument.position not in (None, 0):
                group.manual.append((site.node, "positional engine arguments after the model"))
            if argument.keyword in POOLING:
                group.manual.append(
                    (site.node, "pooling/embedding engines have no neutral chat or completion")
                )

    def _call(self, group: _Group, site, rule: str) -> _Call:
        call = _Call(site, rule, chat=site.method == "chat")
        first = site.argument("messages" if call.chat else "prompts", 0)
        if first is None or first.star:
            group.manual.append((site.node, "the prompts are not passed as the first argument"))
            return call
        call.prompt = first.value
        kind = self._prompt_kind(first.value, call.chat)
        if kind is None:
            what = (
                "one conversation or a list of them" if call.chat else "one prompt string or a list of them"
            )
            group.manual.append((site.node, f"cannot tell whether the input is {what}"))
            return call
        call.many = kind == "many"
        if call.many:
            group.unsafe.append("the prompts were one vLLM batch; the adapter sends them one call at a time")
        self._call_keywords(group, call)
        self._sampling(group, call)
        problems = ShapeChecker(self.flow, self._show).check(site.node, _outputs_shape(call.chat))
        for problem in problems:
            if problem.level == "manual":
                group.manual.append((site.node, problem.reason))
            else:
                group.unsafe.append(problem.reason)
        return call

    def _call_keywords(self, group: _Group, call: _Call) -> None:
        for argument in call.site.arguments:
            if argument.star:
                group.manual.append((call.site.node, "arguments passed with * or ** cannot be checked"))
            elif (
                argument.keyword in INERT_CALL_KEYWORDS
                or argument.keyword == "add_generation_prompt"
                and self._literal_is(argument.value, True)
            ):
                continue
            elif argument.keyword not in (None, "prompts", "messages", "sampling_params"):
                group.manual.append((call.site.node, f"`{argument.keyword}=` has no neutral equivalent"))
            elif argument.position is not None and argument.position > 1:
                group.manual.append((call.site.node, "positional arguments after the sampling parameters"))

    def _sampling(self, group: _Group, call: _Call) -> None:
        argument = call.site.argument("sampling_params", 1)
        value = None if argument is None else argument.value
        if value is None or (isinstance(value, cst.Name) and value.value == "None"):
            call.params = self._model_defaults(group)
            return
        found = self._by_node.get(id(value))
        if found is not None and found[0].api in SAMPLING_APIS:
            call.sampling_site = found[0]
            call.params = vllm_params(list(value.args), self._code)
            group.samplings[id(value)] = found[0]
            return
        origin = self._sampling_origin(value)
        if origin is None:
            group.manual.append(
                (call.site.node, "the sampling parameters are not a SamplingParams built here")
            )
            return
        call.sampling_site, call.sampling_name = origin, value.value
        call.params = vllm_params(list(origin.node.args), self._code)
        group.samplings[id(origin.node)] = origin

    def _sampling_origin(self, value: cst.BaseExpression):
        if not isinstance(value, cst.Name):
            return None
        for site, _ in self._by_node.values():
            if site.api not in SAMPLING_APIS:
                continue
            refs = self.analysis.references(site.node)
            if any(node is value for node, _ in refs.escapes) and self.flow.bound_name(site.node) is not None:
                return site
        return None

    def _model_defaults(self, group: _Group) -> Params:
        model = group.engine.argument("model", 0)
        source = Path(self.context.filename) if self.context.filename else None
        config = None if model is None else local_generation_config(self.flow.resolve(model.value), source)
        defaults = {}
        if config is not None:
            diff = {key: config[key] for key in VLLM_GENERATION_CONFIG_KEYS if config.get(key) is not None}
            if "max_new_tokens" in diff:
                diff["max_tokens"] = diff.pop("max_new_tokens")
            defaults = diff
        params = vllm_params([], self._code, defaults)
        if config is None:
            params.unsafe.append(
                "without SamplingParams vLLM takes sampling defaults from the model's generation_config.json, "
                "which is not readable here; vLLM's SamplingParams() defaults are written out"
            )
        return params

    def _merge(self, groups: list[_Group]) -> list[_Group]:
        """Groups sharing a SamplingParams object are decided together."""
        merged: list[_Group] = []
        for group in groups:
            shared = [g for g in merged if g.samplings.keys() & group.samplings.keys()]
            for other in shared:
                merged.remove(other)
                group.calls += other.calls
                group.samplings.update(other.samplings)
                group.unsafe += other.unsafe
                group.manual += other.manual
                group.manual.append((other.engine.node, "shares its SamplingParams with another engine"))
            merged.append(group)
        return merged

    # ------------------------------------------------------------ deciding and editing

    def _decide(self, group: _Group) -> bool:
        members = self._members(group)
        unselected = [rule for _, rule in members if rule not in self.codes]
        if group.manual or unselected:
            reason = self._manual_reason(group, unselected)
            for node, rule in members:
                self.manual(node, rule, reason)
            return False
        safety = FixSafety.UNSAFE if group.unsafe else FixSafety.SAFE
        reason = "; ".join(dict.fromkeys(group.unsafe))
        applied = [self.fix(node, rule, safety, reason) for node, rule in members]
        if all(applied):
            self._edit(group)
        return all(applied)

    def _collect(self, group: _Group) -> None:
        """Gather the group's reasons from its sampling objects and calls."""
        for site in group.samplings.values():
            self._check_sampling_uses(group, site)
        for call in group.calls:
            if call.params is not None:
                group.unsafe += call.params.unsafe
                group.manual += [(call.site.node, reason) for reason in call.params.manual]

    def _safety(self, group: _Group) -> FixSafety:
        if group.manual or any(rule not in self.codes for _, rule in self._members(group)):
            return FixSafety.MANUAL
        return FixSafety.UNSAFE if group.unsafe else FixSafety.SAFE

    def _unresolved(self) -> int:
        """vLLM calls the analysis could not resolve (the base reports them manual)."""
        return sum(
            1 for site in self.analysis.calls if site.api.startswith("vllm") and site.resolution != "resolved"
        )

    def _check_sampling_uses(self, group: _Group, site) -> None:
        used_by = {id(call.site.node) for call in group.calls}
        refs = self.analysis.references(site.node)
        for node, _ in refs.escapes:
            holder = self._call_holding(node)
            if holder is None or id(holder) not in used_by:
                group.manual.append((node, f"the SamplingParams object is also used in `{self._show(node)}`"))
        if refs.calls:
            group.manual.append((site.node, "methods are called on the SamplingParams object"))

    def _call_holding(self, node: cst.CSTNode) -> cst.Call | None:
        arg = self.analysis.parent(node)
        call = self.analysis.parent(arg) if isinstance(arg, cst.Arg) else None
        return call if isinstance(call, cst.Call) else None

    def _members(self, group: _Group) -> list[tuple[cst.CSTNode, str]]:
        members = [(group.engine.node, "SOV121")]
        members += [(call.site.node, call.rule) for call in group.calls]
        members += [(site.node, "SOV123") for site in group.samplings.values()]
        return members

    def _manual_reason(self, group: _Group, unselected: list[str]) -> str:
        if group.manual:
            reason = group.manual[0][1]
            return f"{reason}; the engine and its calls are rewritten together"
        return f"rewritten together with {', '.join(sorted(set(unselected)))}, which is not selected"

    def _edit(self, group: _Group) -> None:
        connect = self.import_name("sovmigrate.adapter", "connect")
        views = self.import_name("sovmigrate.adapter", "views")
        self.replace(group.engine.node, lambda node: self._engine(node, connect))
        for call in group.calls:
            self.replace(call.site.node, lambda node, call=call: self._generate(node, call, views))
        for site in group.samplings.values():
            if self.flow.bound_name(site.node) is not None:
                self.replace(site.node, lambda node, site=site: self._folded(node, site))

    def _engine(self, node: cst.Call, connect: str) -> cst.Call:
        edit = CallEdit(node)
        edit.func = cst.Name(connect)
        model = edit.keyword("model") or edit.positional(0)
        spec = self.expr(spec_expression("vllm", model.value, self._code))
        edit.replace(model, cst.Arg(value=spec, keyword=cst.Name("default"), equal=_EQUAL))
        return edit.build()

    def _generate(self, node: cst.Call, call: _Call, views: str) -> cst.BaseExpression:
        receiver = self._code(node.func.value)
        method = "chat" if call.chat else "complete"
        params = call.params.keywords() if call.sampling_name is None else f"**{call.sampling_name}"
        prompt = self._code(call.prompt)
        variable = _fresh("conversation" if call.chat else "prompt", f"{receiver} {params}")
        inner = lambda p: f"{receiver}.{method}({p}{', ' + params if params else ''})"
        if call.many:
            shown = "" if call.chat else f", {variable}"
            return self.expr(f"[{views}.vllm_output({inner(variable)}{shown}) for {variable} in {prompt}]")
        if call.chat:
            return self.expr(f"[{views}.vllm_output({inner(prompt)})]")
        if self.flow.is_stable(call.prompt):
            return self.expr(f"[{views}.vllm_output({inner(prompt)}, {prompt})]")
        return self.expr(f"[{views}.vllm_output({inner(variable)}, {variable}) for {variable} in [{prompt}]]")

    def _folded(self, node: cst.Call, site) -> cst.Call:
        params = vllm_params(list(site.node.args), self._code)
        edit = CallEdit(node)
        edit.func = cst.Name("dict")
        for arg in list(edit.args):
            name = arg.keyword.value
            if name not in params.values:
                edit.drop(arg)
            elif params.values[name] != self._code(arg.value):
                edit.set(name, self.expr(params.values[name]))
        for name, code in params.values.items():
            if edit.keyword(name) is None:
                edit.set(name, self.expr(code))
        return edit.build()

    # ------------------------------------------------------------ helpers

    def _prompt_kind(self, expr: cst.BaseExpression, chat: bool) -> str | None:
        """``one`` prompt (or conversation), ``many``, or None when the code does not show which."""
        value = self.flow.resolve(expr)
        if chat:
            return self._conversation_kind(value)
        if is_text(value):
            return "one"
        if isinstance(value, cst.ListComp) and is_text(value.elt):
            return "many"
        items = elements(value)
        if items and all(is_text(self.flow.resolve(item)) for item in items):
            return "many"
        return None

    def _conversation_kind(self, value: cst.BaseExpression) -> str | None:
        items = elements(value)
        if not items:
            return None
        resolved = [self.flow.resolve(item) for item in items]
        if all(is_message(item) for item in resolved):
            return "one"
        if all(self._conversation_kind(item) == "one" for item in resolved):
            return "many"
        return None

    def _leftover_reason(self, site) -> str:
        if site.api in SAMPLING_APIS:
            return "the SamplingParams object is not passed to an engine call this codemod rewrites"
        if site.api in ENGINE_APIS:
            return "no automatic rewrite for this engine"
        if site.method in ("generate", "chat"):
            return "the engine this call runs on is not built here"
        return "no neutral equivalent (async engines, engine arguments, embeddings, beam search)"

    def _literal_is(self, expr: cst.BaseExpression, value: object) -> bool:
        return literal(expr) == value

    def _nodes(self, group: _Group) -> set[int]:
        return {id(node) for node, _ in self._members(group)}

    def _code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def _show(self, node: cst.CSTNode) -> str:
        return show(self.module, self._statement_or(node))

    def _statement_or(self, node: cst.CSTNode) -> cst.CSTNode:
        statement = self.analysis.statement(node)
        return statement if statement is not None else node


_EQUAL = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))
_ESCAPE = {
    "argument": "passed to a function",
    "returned": "returned",
    "stored": "stored",
    "container": "put in a container",
    "attribute": "read as an attribute",
}


def _fresh(name: str, code: str) -> str:
    """``name``, or ``name_`` and so on when ``code`` (evaluated inside the comprehension) already uses it."""
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", code))
    while name in used:
        name += "_"
    return name
