"""Ollama's Python client → the neutral adapter's ``ollama`` backend, keeping the server's own defaults.

    r = ollama.chat("llama3.1:8b", messages=m, options={"num_predict": 64})
    →  r = views.ollama_chat(connect(default="ollama:llama3.1:8b", param_defaults="engine", timeout=None).chat(m, max_tokens=64))

    client = AsyncClient(host=h)                 →  client = connect(default="ollama:m", host=h, param_defaults="engine", timeout=None)
    r = await client.chat("m", messages=m)       →  r = views.ollama_chat(await client.achat(m))

Ollama's sampling defaults live on the server and in each model's Modelfile, which the code does not show. The
rewrite leaves them there: ``param_defaults="engine"`` makes the adapter send only what the call sends, so the
request is the one the ollama client made. Pinning them instead would need values the code does not hold.
Results go through ``sovmigrate.adapter.views``, which give the Ollama response shapes (``r["message"]
["content"]``, ``r.message.content``, ``r.response``, ``r["embeddings"]``), so consumers stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._llama_ollama import (
    NOT_LITERAL,
    Decision,
    Group,
    Plan,
    catches_errors,
    code,
    construction_escape,
    keyword,
    literal,
    literal_text,
    short,
    spec,
)

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import CallSite

__all__ = ["OPTION_NAMES", "OllamaCodemod"]

ENGINE_DEFAULTS = ("param_defaults", '"engine"')  # the adapter sends only the parameters a call gives
# The ollama client sets no timeout (httpx's timeout=None); the adapter's backend would stop after 60 s.
NO_TIMEOUT = ("timeout", "None")
MODULE_FUNCTIONS = {"ollama.chat", "ollama.generate", "ollama.embed", "ollama.embeddings"}
# Ollama option -> neutral parameter, for the options the adapter has a parameter for.
OPTION_NAMES = {
    "num_predict": "max_tokens",
    "temperature": "temperature",
    "top_p": "top_p",
    "top_k": "top_k",
    "min_p": "min_p",
    "typical_p": "typical_p",
    "seed": "seed",
    "stop": "stop",
    "repeat_penalty": "repetition_penalty",
    "presence_penalty": "presence_penalty",
    "frequency_penalty": "frequency_penalty",
    "mirostat": "mirostat",
    "mirostat_tau": "mirostat_tau",
    "mirostat_eta": "mirostat_eta",
}
# Arguments of chat/generate/embed that need a manual port unless absent or at these values.
INERT = {
    "tools": (None,),
    "think": (None,),
    "logprobs": (None, False),
    "top_logprobs": (None,),
    "suffix": ("", None),
    "template": ("", None),
    "context": (None,),
    "images": (None,),
    "truncate": (None,),
    "dimensions": (None,),
    "width": (None,),
    "height": (None,),
    "steps": (None,),
}
WHY = {
    "tools": "tool calling is not in the adapter's ollama backend",
    "think": "thinking output (`think=`) is not in the adapter",
    "logprobs": "log-probabilities are not in the adapter's ollama backend",
    "top_logprobs": "log-probabilities are not in the adapter's ollama backend",
    "suffix": "fill-in-the-middle (`suffix=`) has no adapter equivalent",
    "template": "a per-request template (`template=`) has no adapter equivalent",
    "context": "the legacy `context=` token state has no adapter equivalent",
    "images": "images are not in the adapter's ollama backend",
    "truncate": "`truncate=` has no adapter equivalent",
    "dimensions": "`dimensions=` has no adapter equivalent",
}
GENERATE_REASON = (
    "Ollama renders a generate prompt with the model's TEMPLATE; the rewrite sends it as a user message (after "
    "`system=`) through the chat template, the same template for models whose TEMPLATE is a chat template"
)
EMBEDDINGS_REASON = "the legacy /api/embeddings endpoint becomes /api/embed, which normalises the vectors"
TOOL_LOOP_REASON = "a chat with tools in this module stays as it is; messages it adds (ollama Message objects) may reach this call"
ERRORS_REASON = (
    "a `try` around the call catches specific exceptions; the adapter raises its own (AdapterError)"
)


@dataclass
class _Call:
    """What a chat/generate/embed call becomes: a method of the connection, its arguments and result view."""

    method: str
    view: str
    first: cst.BaseExpression | None = None  # the messages, prompt or input as given
    first_name: str = ""  # the ollama parameter that holds it
    response_format: cst.BaseExpression | None = None
    messages: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    params: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    connect_options: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


class OllamaCodemod(SovmigrateCodemod):
    """Rewrite ``ollama`` module functions and ``Client``/``AsyncClient`` calls to ``sovmigrate.adapter``."""

    DESCRIPTION = (
        "Rewrite Ollama client calls to the neutral adapter, leaving sampling defaults to the server."
    )
    RULES = ("SOV201", "SOV202")
    EXTRA = "ollama"

    def plan(self) -> None:
        self._tool_loop = any(_calls_with_tools(site) for site in self.analysis.calls)
        sites = {id(site.node): (site, rule) for site, rule in self.call_sites()}
        done: set[int] = set()
        applied = False
        for site, rule in list(sites.values()):
            if rule == "SOV201":
                group, model = self._group(site, sites)
                done |= {id(site.node)} | {id(member.node) for member, _, _ in group.members}
                applied = group.decide(self, self._client(site, model)) or applied
        for node_id, (site, rule) in sites.items():
            if node_id in done:
                continue
            if site.api not in MODULE_FUNCTIONS:
                self.manual(
                    site.node,
                    rule,
                    "the client is not built by Client(...) in this module; rewrite it with its client",
                )
                continue
            applied = self._single(site, rule) or applied
        if applied:
            for binding in self.analysis.imports_of("ollama"):
                self.remove_import_if_unused(binding)

    def _single(self, site: CallSite, rule: str) -> bool:
        decision = self._call(site, client_model=None)
        if isinstance(decision, str):
            self.manual(site.node, rule, decision)
            return False
        if not self.fix(site.node, rule, decision.safety, decision.reason):
            return False
        self.replace(decision.node, decision.build)
        return True

    # ------------------------------------------------------------------ clients

    def _group(self, origin: CallSite, sites: dict[int, tuple[CallSite, str]]) -> tuple[Group, str | None]:
        group = Group(origin, "SOV201")
        refs = self.analysis.references(origin.node)
        for node, why in refs.escapes:
            group.block(node, f"`{short(node)}` uses the client outside the calls the adapter has ({why})")
        models = {_model_text(call) for call in refs.calls}
        model = next(iter(models)) if len(models) == 1 else None
        if not model or not isinstance(literal_text(model), str):
            group.block(origin.node, _models_reason(models))
        for call in refs.calls:
            rule = next((r.code for r in call.rules if r.code in self.RULES), None)
            if rule is None or id(call.node) not in sites:
                group.block(call.node, f"`{short(call.node)}` is left as it is")
                continue
            group.members.append((call, rule, self._call(call, client_model=model)))
        if self._in_async_with(origin.node):
            group.block(
                origin.node, "`async with` needs an async context manager; the adapter's model is a sync one"
            )
        return group, model

    def _in_async_with(self, node: cst.CSTNode) -> bool:
        item = self.analysis.parent(node)
        with_node = self.analysis.parent(item) if isinstance(item, cst.WithItem) else None
        return isinstance(with_node, cst.With) and with_node.asynchronous is not None

    def _client(self, site: CallSite, model: str | None) -> Decision:
        if site.subclass is not None:
            return "the client is built through a subclass; port the subclass by hand"
        escape = construction_escape(self.analysis, site.node)
        if escape:
            return escape
        problem = _client_arguments(site)
        if problem:
            return problem
        given = {a.keyword for a in site.arguments if a.keyword}
        model_expr = cst.parse_expression(model) if model and isinstance(literal_text(model), str) else None

        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            edit.func = cst.Name(self.import_name("sovmigrate.adapter", "connect"))
            edit.drop("follow_redirects")
            host = edit.positional(0)
            if host is not None:
                edit.replace(host, keyword("host", host.value))
            args = [keyword("default", spec("ollama", model_expr)), *edit.args]
            edit.args = args
            edit.set(ENGINE_DEFAULTS[0], self.expr(ENGINE_DEFAULTS[1]))
            if "timeout" not in given:
                edit.set(NO_TIMEOUT[0], self.expr(NO_TIMEOUT[1]))
            return edit.build()

        return Plan(site.node, build)

    # ------------------------------------------------------------------ one call

    def _call(self, site: CallSite, client_model: str | None) -> Decision:
        if site.has_star_arguments:
            return "arguments passed through *args/**kwargs cannot be mapped to the adapter's names"
        method = site.method or site.api.rpartition(".")[2]
        mapper = self._MAPPERS.get(method)
        if mapper is None:
            return f"`{method}()` has no adapter equivalent"
        model = site.argument("model", 0)
        if model is None:
            return "no model is named (the ollama client would send an empty model)"
        shape = mapper(self, site)
        if isinstance(shape, str):
            return shape
        stream = _flag(site, "stream")
        problem = _streaming(site, shape, stream, shared_client=client_model is not None)
        if problem:
            return problem
        if catches_errors(self.analysis, site.node):
            shape.reasons.append(ERRORS_REASON)
        if self._tool_loop and shape.first_name == "messages":
            shape.reasons.append(TOOL_LOOP_REASON)
        target = self.analysis.parent(site.node) if site.is_await else site.node
        build = self._builder(site, shape, model.value if client_model is None else None, stream)
        safety = FixSafety.UNSAFE if shape.reasons else FixSafety.SAFE
        return Plan(target, build, safety, "; ".join(shape.reasons))

    def _chat(self, site: CallSite) -> _Call | str:
        messages = site.argument("messages", 1)
        if messages is None:
            return "no `messages` argument"
        if _has_images(messages.value):
            return "messages with `images` (the ollama client reads image files and encodes them)"
        shape = _Call("chat", "ollama_chat", first=messages.value, first_name="messages")
        return self._common(site, shape, {"model", "messages", "stream"})

    def _generate(self, site: CallSite) -> _Call | str:
        prompt = site.argument("prompt", 1)
        if prompt is None:
            return "no `prompt` argument"
        if site.argument("suffix", 2) is not None and literal(site.argument("suffix", 2).value) not in (
            "",
            None,
        ):
            return WHY["suffix"]
        raw = _flag(site, "raw")
        if raw is None:
            return "`raw=` is decided at run time"
        system = site.argument("system")
        if raw:
            if system is not None and literal(system.value) not in ("", None):
                return "`system=` with `raw=True` is ignored by Ollama; remove it first"
            shape = _Call("complete", "ollama_generate", first=prompt.value, first_name="prompt")
        else:
            shape = _Call("chat", "ollama_generate", first_name="prompt", reasons=[GENERATE_REASON])
            if system is not None and literal(system.value) != "":
                shape.messages.append(("system", system.value))
            shape.messages.append(("user", prompt.value))
        return self._common(site, shape, {"model", "prompt", "stream", "raw", "system", "suffix"})

    def _embed(self, site: CallSite) -> _Call | str:
        given = site.argument("input", 1)
        if given is None:
            return "no `input` argument"
        return self._common(
            site,
            _Call("embeddings", "ollama_embed", first=given.value, first_name="input"),
            {"model", "input"},
        )

    def _embeddings(self, site: CallSite) -> _Call | str:
        prompt = site.argument("prompt", 1)
        if prompt is None:
            return "no `prompt` argument"
        shape = _Call(
            "embeddings",
            "ollama_embeddings",
            first=prompt.value,
            first_name="prompt",
            reasons=[EMBEDDINGS_REASON],
        )
        return self._common(site, shape, {"model", "prompt"})

    _MAPPERS: ClassVar[dict[str, Callable[[OllamaCodemod, CallSite], _Call | str]]] = {
        "chat": _chat,
        "generate": _generate,
        "embed": _embed,
        "embeddings": _embeddings,
    }

    def _common(self, site: CallSite, shape: _Call, handled: set[str]) -> _Call | str:
        """Map ``options``, ``format`` and ``keep_alive``; refuse what the adapter cannot send."""
        if len([a for a in site.arguments if a.position is not None]) > 3:
            return "too many positional arguments"
        for argument in site.arguments:
            name = argument.keyword
            if name is None or name in handled or name in ("stream", "raw", "system"):
                continue
            problem = self._argument(name, argument.value, shape)
            if problem:
                return problem
        return shape

    def _argument(self, name: str, value: cst.BaseExpression, shape: _Call) -> str:
        """Map one keyword argument into ``shape``; or say why it cannot be."""
        if name in INERT:
            return WHY[name] if literal(value) not in INERT[name] else ""
        if name == "options":
            return self._options(value, shape)
        if name == "format":
            return _format(value, shape)
        if name == "keep_alive":
            shape.connect_options.append(("keep_alive", value))
            return ""
        return f"`{name}=` has no adapter equivalent"

    def _options(self, value: cst.BaseExpression, shape: _Call) -> str:
        pairs = self._option_pairs(value)
        if pairs is None:
            return "`options=` is not a literal dict or Options(...) call; its keys cannot be mapped"
        extra: list[cst.DictElement] = []
        for name, expr in pairs:
            if name in OPTION_NAMES:
                shape.params.append((OPTION_NAMES[name], expr))
            elif name == "num_ctx":
                shape.connect_options.append(("num_ctx", expr))
            else:
                extra.append(cst.DictElement(cst.SimpleString(f'"{name}"'), expr))
        if extra:
            shape.connect_options.append(("options", cst.Dict(extra)))
        return ""

    def _option_pairs(self, value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]] | None:
        if isinstance(value, cst.Dict):
            pairs = []
            for element in value.elements:
                key = literal(element.key) if isinstance(element, cst.DictElement) else NOT_LITERAL
                if not isinstance(key, str):
                    return None
                pairs.append((key, element.value))
            return pairs
        if isinstance(value, cst.Call) and self._is_options_call(value):
            if any(a.keyword is None for a in value.args):
                return None
            return [(a.keyword.value, a.value) for a in value.args]
        return None

    def _is_options_call(self, call: cst.Call) -> bool:
        return any(
            s.node is call and s.api in ("ollama.Options", "ollama._types.Options")
            for s in self.analysis.calls
        )

    # ------------------------------------------------------------------ building the new call

    def _builder(
        self, site: CallSite, shape: _Call, model: cst.BaseExpression | None, stream: bool
    ) -> Callable[[cst.BaseExpression], cst.BaseExpression]:
        names = _PARAMETERS[site.method or site.api.rpartition(".")[2]]

        def build(updated: cst.BaseExpression) -> cst.BaseExpression:
            call = updated.expression if isinstance(updated, cst.Await) else updated
            if model is not None:
                connection: cst.BaseExpression = self._connection(_updated(site, call, model), shape)
            else:
                connection = call.func.value
            edit = CallEdit(call)
            edit.func = cst.Attribute(connection, cst.Name(shape.method))
            self._map_arguments(
                edit, [(arg, _name(site, i, names)) for i, arg in enumerate(call.args)], shape
            )
            new_call = edit.build()
            views = self.import_name("sovmigrate.adapter", "views")
            view = cst.Attribute(cst.Name(views), cst.Name(shape.view))
            if stream:  # the view of astream_chat() is an async iterator: `await` goes
                return cst.Call(func=view, args=[cst.Arg(new_call)])
            inner = updated.with_changes(expression=new_call) if isinstance(updated, cst.Await) else new_call
            return cst.Call(func=view, args=[cst.Arg(inner)])

        return build

    def _map_arguments(self, edit: CallEdit, args: list[tuple[cst.Arg, str]], shape: _Call) -> None:
        """Edit the arguments in place, so comments and layout stay with what is kept."""
        params = list(shape.params)
        for arg, name in args:
            if name == shape.first_name:
                if shape.messages:
                    edit.replace(arg, cst.Arg(self._messages(shape)))
                elif arg.keyword is not None and shape.method.endswith("embeddings"):
                    edit.replace(arg, cst.Arg(arg.value))
            elif name == "options" and params:
                key, value = params.pop(0)
                edit.replace(arg, keyword(key, value))
            elif name == "format" and shape.response_format is not None:
                edit.replace(arg, keyword("response_format", shape.response_format))
            else:
                edit.drop(arg)
        for key, value in params:
            edit.set(key, value)

    def _connection(self, model: cst.BaseExpression, shape: _Call) -> cst.Call:
        args = [
            keyword("default", spec("ollama", model)),
            keyword(ENGINE_DEFAULTS[0], self.expr(ENGINE_DEFAULTS[1])),
            keyword(NO_TIMEOUT[0], self.expr(NO_TIMEOUT[1])),
            *(keyword(k, v) for k, v in shape.connect_options),
        ]
        return cst.Call(func=cst.Name(self.import_name("sovmigrate.adapter", "connect")), args=_spaced(args))

    def _messages(self, shape: _Call) -> cst.List:
        elements = [
            cst.Element(
                cst.Dict(
                    _spaced(
                        [
                            cst.DictElement(cst.SimpleString('"role"'), cst.SimpleString(f'"{role}"')),
                            cst.DictElement(cst.SimpleString('"content"'), content),
                        ]
                    )
                )
            )
            for role, content in shape.messages
        ]
        return cst.List(_spaced(elements))


# Positional parameter names of the ollama client's methods (0.6.3).
_PARAMETERS = {
    "chat": ("model", "messages"),
    "generate": ("model", "prompt", "suffix"),
    "embed": ("model", "input", "truncate", "options", "keep_alive", "dimensions"),
    "embeddings": ("model", "prompt", "options", "keep_alive"),
}


def _name(site: CallSite, index: int, names: tuple[str, ...]) -> str:
    argument = site.arguments[index]
    if argument.keyword is not None:
        return argument.keyword
    return (
        names[argument.position] if argument.position is not None and argument.position < len(names) else ""
    )


def _updated(site: CallSite, call: cst.Call, original: cst.BaseExpression) -> cst.BaseExpression:
    """The argument value in the updated ``call`` that stands where ``original`` stood in the analysed one."""
    for index, arg in enumerate(site.node.args):
        if arg.value is original and index < len(call.args):
            return call.args[index].value
    return original


def _spaced(items: list) -> list:  # type: ignore[type-arg]
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [item.with_changes(comma=comma) for item in items[:-1]] + items[-1:]


def _format(value: cst.BaseExpression, shape: _Call) -> str:
    fixed = literal(value)
    if fixed in ("", None):
        return ""
    if fixed == "json":
        shape.response_format = cst.parse_expression('{"type": "json_object"}')
        return ""
    if isinstance(fixed, str):
        return f"format={fixed!r} is not a JSON schema"
    shape.response_format = cst.parse_expression('{"type": "json_schema", "json_schema": {"schema": SCHEMA}}')
    shape.response_format = shape.response_format.deep_replace(
        _find_name(shape.response_format, "SCHEMA"), value
    )
    return ""


def _find_name(tree: cst.CSTNode, name: str) -> cst.Name:
    found: list[cst.Name] = []

    class _Find(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            if node.value == name:
                found.append(node)

    tree.visit(_Find())
    return found[0]


def _client_arguments(site: CallSite) -> str:
    """Why the arguments of ``Client(...)`` cannot all move to the connection (empty when they can)."""
    if site.has_star_arguments or len([a for a in site.arguments if a.position is not None]) > 1:
        return "client arguments passed through *args/**kwargs or by position"
    for argument in site.arguments:
        name = argument.keyword
        if name == "follow_redirects":
            if literal(argument.value) is not True:
                return "`follow_redirects=False` has no adapter equivalent"
        elif name not in (None, "host", "timeout", "headers"):
            return f"`{name}=` (an httpx client option) has no adapter equivalent"
    return ""


def _streaming(site: CallSite, shape: _Call, stream: bool | None, *, shared_client: bool) -> str:
    """Pick the adapter method for ``stream=`` and ``await`` (``astream_chat``...); or say why none fits."""
    if stream is None:
        return "`stream=` is decided at run time; the adapter has separate streaming methods"
    if shared_client and shape.connect_options:
        return "per-call server options (num_ctx, keep_alive...) on a shared client; move them to the client"
    if stream and shape.method == "embeddings":
        return "embeddings do not stream"
    if stream:
        shape.method = ("astream_" if site.is_await else "stream_") + shape.method
        shape.view += "_stream"  # Ollama's chunk sequence: the adapter's role-only first chunk is dropped
    elif site.is_await:
        shape.method = "a" + shape.method
    return ""


def _calls_with_tools(site: CallSite) -> bool:
    tools = site.argument("tools")
    return (
        site.api.startswith("ollama")
        and site.api.endswith("chat")
        and tools is not None
        and literal(tools.value) is not None
    )


def _has_images(messages: cst.BaseExpression) -> bool:
    """Whether a literal list of messages has a message with an ``images`` key."""
    if not isinstance(messages, cst.List):
        return False
    for element in messages.elements:
        message = element.value
        if isinstance(message, cst.Dict) and any(
            isinstance(e, cst.DictElement) and literal(e.key) == "images" for e in message.elements
        ):
            return True
    return False


def _flag(site: CallSite, name: str) -> bool | None:
    argument = site.argument(name)
    if argument is None:
        return False
    value = literal(argument.value)
    return None if value is NOT_LITERAL else bool(value)


def _model_text(site: CallSite) -> str:
    argument = site.argument("model", 0)
    return "" if argument is None else code(argument.value).strip()


def _models_reason(models: set[str]) -> str:
    if not models or models == {""}:
        return "no call on the client shows which model it serves"
    if len(models) > 1:
        return (
            f"the client serves several models ({', '.join(sorted(models))}); one connection serves one model"
        )
    return f"the client's model ({next(iter(models))}) is chosen at run time; one connection serves one model"
