"""Amazon Bedrock ``converse``/``converse_stream`` and Llama ``invoke_model`` calls → the adapter's ``bedrock``
backend, on the program's own boto3 client.

    r = client.converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": q}]}],
                        inferenceConfig={"maxTokens": 512})
    →  r = views.bedrock_converse(connect(default=f"bedrock:{MODEL}", client=client, param_defaults="engine")
                                  .chat([{"role": "user", "content": q}], max_tokens=512))

    body = json.dumps({"prompt": p, "max_gen_len": 512, "temperature": 0.5})
    r = client.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=body)
    →  r = views.bedrock_invoke(connect(default="bedrock:meta.llama3-8b-instruct-v1:0", client=client,
                                        param_defaults="engine").complete(p, max_tokens=512, temperature=0.5))

The boto3 client stays (credentials, region and retry configuration are the program's); each call gets a
connection on it (``client=``), so a call's model can move to any engine by configuration. With
``param_defaults="engine"`` the backend sends only the fields the call sent, so the request is the one the
program made: Converse's ``messages``/``system``/``inferenceConfig``, InvokeModel's Llama body. The views give
the answers Bedrock's shapes (``r["output"]["message"]["content"][0]["text"]``, ``r["body"].read()``,
``r["stream"]``), so consumers stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._exprs import code, keyword, literal
from sovmigrate.codemods._exprs import dict_pairs as _pairs
from sovmigrate.codemods._openai_compat_exprs import spec, string
from sovmigrate.codemods._openai_compat_flow import (
    catches_errors,
    result_use,
    single_value,
)

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import CallSite

__all__ = ["BedrockCodemod"]

# Operation -> (adapter method, view).
OPERATIONS = {
    "converse": ("chat", "bedrock_converse"),
    "converse_stream": ("stream_chat", "bedrock_converse_stream"),
    "invoke_model": ("complete", "bedrock_invoke"),
    "invoke_model_with_response_stream": ("stream_complete", "bedrock_invoke_stream"),
}
INFERENCE_CONFIG = {
    "maxTokens": "max_tokens",
    "temperature": "temperature",
    "topP": "top_p",
    "stopSequences": "stop",
}
LLAMA_BODY = {"max_gen_len": "max_tokens", "temperature": "temperature", "top_p": "top_p"}
# What each response is read through (Bedrock's keys; the views have these and no others).
FIELDS = {
    "converse": frozenset({"output", "stopReason", "usage", "metrics", "get"}),
    "converse_stream": frozenset({"stream", "get"}),
    "invoke_model": frozenset({"body", "contentType", "get"}),
    "invoke_model_with_response_stream": frozenset({"body", "contentType", "get"}),
}
JSON_TYPES = (None, "application/json")
RESULT_REASON = (
    "the response is used beyond the fields the view gives (`{use}`): `ResponseMetadata` and the other "
    "boto3 keys are not there"
)
ERRORS_REASON = (
    "a `try` around the call catches botocore's exceptions; the adapter raises its own (AdapterError)"
)
SPLIT_STOP = (
    "the stream's last text and its `stop_reason` come as two chunks (an extra chunk with empty `generation`); "
    "Bedrock sends them in one"
)


@dataclass
class _Call:
    """The adapter call one Bedrock operation becomes."""

    first: cst.BaseExpression
    params: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    # A list literal assigned to the variable passed as ``first``, and what it becomes.
    literal: tuple[cst.BaseExpression, cst.BaseExpression] | None = None


class BedrockCodemod(SovmigrateCodemod):
    """Rewrite Bedrock ``converse``/``converse_stream``/Llama ``invoke_model*`` calls to the adapter."""

    DESCRIPTION = (
        "Rewrite Amazon Bedrock Converse and Llama InvokeModel calls to the adapter's bedrock backend."
    )
    RULES = ("SOV301", "SOV302")
    EXTRA = "bedrock"

    def plan(self) -> None:
        for site, rule in self.call_sites():
            operation = site.method or ""
            if operation not in OPERATIONS:
                self.manual(site.node, rule, f"`{operation}` has no adapter equivalent")
                continue
            shaped = self._shape(site, operation)
            if isinstance(shaped, str):
                self.manual(site.node, rule, shaped)
                continue
            use = result_use(self.analysis, site.node, FIELDS[operation], stream=False)
            if use:
                shaped.unsafe.append(RESULT_REASON.format(use=use))
            if catches_errors(self.analysis, site.node):
                shaped.unsafe.append(ERRORS_REASON)
            if operation == "invoke_model_with_response_stream":
                shaped.unsafe.append(SPLIT_STOP)
            safety = FixSafety.UNSAFE if shaped.unsafe else FixSafety.SAFE
            if self.fix(site.node, rule, safety, "; ".join(shaped.unsafe)):
                self.replace(site.node, self._build(site, operation, shaped))
                if shaped.literal is not None:
                    old, new = shaped.literal
                    self.replace(old, lambda _, new=new: new)

    def _shape(self, site: CallSite, operation: str) -> _Call | str:
        if site.has_star_arguments or any(a.keyword is None for a in site.arguments):
            return "arguments passed by position or through **kwargs (boto3 takes keywords only)"
        if site.argument("modelId") is None:
            return "no `modelId=`"
        if operation.startswith("converse"):
            return self._converse(site)
        return self._invoke(site)

    # ------------------------------------------------------------------ Converse

    def _converse(self, site: CallSite) -> _Call | str:
        for argument in site.arguments:
            if argument.keyword not in ("modelId", "messages", "system", "inferenceConfig"):
                return f"`{argument.keyword}=` has no adapter equivalent"
        messages, system = self._literal(site, "messages"), self._literal(site, "system")
        if not isinstance(messages, cst.List) or system is False:
            return "`messages=`/`system=` are not list literals (built once in this function) of text turns"
        system_turns, turns = _system(system), [_turn(e.value) for e in messages.elements]
        if any(turn is None for turn in [*system_turns, *turns]):
            return "a turn or system block other than plain text (images, documents, tool use)"
        elements = [e.with_changes(value=t) for e, t in zip(messages.elements, turns, strict=True)]
        comma = (
            elements[0].comma if len(elements) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        converted = messages.with_changes(
            elements=[cst.Element(t, comma=comma) for t in system_turns] + elements
        )
        given = site.argument("messages").value
        call = _Call(converted) if given is messages else _Call(given, literal=(messages, converted))
        config = self._literal(site, "inferenceConfig")
        if config is not None:
            pairs = _pairs(config)
            if pairs is None or any(key not in INFERENCE_CONFIG for key, _ in pairs):
                return "`inferenceConfig=` is not a literal dict of maxTokens, temperature, topP and stopSequences"
            call.params = [(INFERENCE_CONFIG[key], value) for key, value in pairs]
        return call

    # ------------------------------------------------------------------ InvokeModel (Llama body)

    def _invoke(self, site: CallSite) -> _Call | str:
        for argument in site.arguments:
            name = argument.keyword
            if name in ("contentType", "accept"):
                if literal(argument.value) not in JSON_TYPES:
                    return f"`{name}=` other than application/json"
            elif name not in ("modelId", "body"):
                return f"`{name}=` has no adapter equivalent"
        body = self._body(site)
        if isinstance(body, str):
            return body
        pairs = _pairs(body)
        keys = [key for key, _ in pairs or ()]
        if pairs is None or "prompt" not in keys or any(k not in LLAMA_BODY and k != "prompt" for k in keys):
            return "the body is not Meta Llama's (`prompt`, `max_gen_len`, `temperature`, `top_p`)"
        model = literal(site.argument("modelId").value)
        if "max_gen_len" not in keys and not (isinstance(model, str) and "meta." in model):
            return "cannot tell the body is Meta Llama's (no `max_gen_len`, and the model id is not a literal meta.*)"
        values = dict(pairs)
        return _Call(values["prompt"], [(LLAMA_BODY[k], v) for k, v in pairs if k != "prompt"])

    def _body(self, site: CallSite) -> cst.BaseExpression | str:
        """The dict behind ``body=``: ``json.dumps({...})``, through variables assigned once in the function."""
        argument = site.argument("body")
        if argument is None:
            return "no `body=`"
        value = single_value(self.analysis, argument.value)
        if not (isinstance(value, cst.Call) and code(value.func).strip() in ("json.dumps", "dumps")):
            return "`body=` is not `json.dumps(...)` of a dict built in this function"
        if len(value.args) != 1 or value.args[0].keyword is not None:
            return "`json.dumps()` with options (the body text may differ)"
        body = single_value(self.analysis, value.args[0].value)
        return (
            body
            if isinstance(body, cst.Dict)
            else "`body=` is not `json.dumps(...)` of a dict built in this function"
        )

    def _literal(self, site: CallSite, name: str) -> cst.BaseExpression | None | bool:
        """The literal an argument holds (through a variable assigned once), None when absent, False otherwise."""
        argument = site.argument(name)
        if argument is None:
            return None
        value = single_value(self.analysis, argument.value)
        return value if isinstance(value, (cst.List, cst.Dict)) else False

    # ------------------------------------------------------------------ the new call

    def _build(
        self, site: CallSite, operation: str, shaped: _Call
    ) -> Callable[[cst.Call], cst.BaseExpression]:
        method, view = OPERATIONS[operation]
        model = site.argument("modelId").value
        receiver = site.receiver

        def build(call: cst.Call) -> cst.BaseExpression:
            views = self.import_name("sovmigrate.adapter", "views")
            connect = self.import_name("sovmigrate.adapter", "connect")
            options = [
                keyword("default", spec("bedrock", model)),
                keyword("client", receiver),
                keyword("param_defaults", string("engine")),
            ]
            connection = cst.Call(func=cst.Name(connect), args=_commas(options))
            args = [cst.Arg(shaped.first), *(keyword(k, v) for k, v in shaped.params)]
            inner = cst.Call(func=cst.Attribute(value=connection, attr=cst.Name(method)), args=_commas(args))
            return cst.Call(
                func=cst.Attribute(value=cst.Name(views), attr=cst.Name(view)),
                args=[cst.Arg(inner)],
                lpar=call.lpar,
                rpar=call.rpar,
            )

        return build


def _commas(args: list[cst.Arg]) -> list[cst.Arg]:
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=comma) for a in args[:-1]] + args[-1:]


def _text_blocks(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """``X`` for a content list ``[{"text": X}]`` (one plain text block), else None."""
    if not (isinstance(node, cst.List) and len(node.elements) == 1):
        return None
    pairs = _pairs(node.elements[0].value)
    return pairs[0][1] if pairs and [k for k, _ in pairs] == ["text"] else None


def _turn(node: cst.BaseExpression) -> cst.Dict | None:
    """``{"role": r, "content": X}`` for a Converse turn ``{"role": r, "content": [{"text": X}]}``."""
    pairs = dict(_pairs(node) or {})
    role, content = pairs.get("role"), pairs.get("content")
    if set(pairs) != {"role", "content"} or literal(role) not in ("user", "assistant"):
        return None
    text = _text_blocks(content)
    return None if text is None else _message(role, text)


def _system(system: cst.BaseExpression | None) -> list[cst.Dict | None]:
    if system is None:
        return []
    if not isinstance(system, cst.List):
        return [None]
    blocks = [_text_blocks(cst.List([element])) for element in system.elements]
    return [None if block is None else _message(string("system"), block) for block in blocks]


def _message(role: cst.BaseExpression, content: cst.BaseExpression) -> cst.Dict:
    return cst.Dict(
        [
            cst.DictElement(
                string("role"), role, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            ),
            cst.DictElement(string("content"), content),
        ]
    )
