"""Llama Stack's legacy ``inference.chat_completion``/``inference.completion`` → one call on an adapter connection
to the server's OpenAI-compatible routes, with the server's sampling defaults written out.

    r = client.inference.chat_completion(model_id=m, messages=msgs, sampling_params={"max_tokens": 64})
    →  r = views.llama_stack_chat(client.chat(messages=msgs, max_tokens=64, temperature=0))

The legacy API's defaults live on the server (llama-stack 0.2.12 ``apis/inference/inference.py``):
``SamplingParams`` samples greedily unless its ``strategy`` says otherwise, which the connection writes out as
``temperature=0``; a ``top_p`` strategy's ``top_p`` is 0.95 unless given; ``max_tokens`` 0 and
``repetition_penalty`` 1.0 mean none. llama-stack-client sends nothing it is not given, so these apply to every
call that leaves them out.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._exprs import NOT_LITERAL, literal
from sovmigrate.codemods._exprs import dict_pairs as _pairs
from sovmigrate.codemods._openai_compat_calls import METHODS, CallPlan, CallShape
from sovmigrate.codemods._openai_compat_exprs import short

from sovmigrate.scan.analysis import CallSite

__all__ = ["plan_legacy"]

GREEDY = cst.Integer("0")  # temperature 0: greedy, as the server's GreedySamplingStrategy
TOP_P_DEFAULT = cst.Float("0.95")  # TopPSamplingStrategy.top_p
FIRST = {"chat": ("messages", "messages"), "complete": ("content", "prompt")}
MANUAL = {
    "tools": "tool calling: the legacy API parses tool calls into its own `ToolCall`s; port it by hand",
    "tool_choice": "tool calling: the legacy API parses tool calls into its own `ToolCall`s; port it by hand",
    "tool_config": "tool calling: the legacy API parses tool calls into its own `ToolCall`s; port it by hand",
    "tool_prompt_format": "`tool_prompt_format=` (Llama Stack's own tool prompts) has no adapter equivalent",
    "response_format": (
        "Llama Stack's `response_format` (the JSON schema itself, or a grammar) is not OpenAI's; write the "
        'adapter\'s `response_format={"type": "json_schema", ...}` by hand'
    ),
    "logprobs": "Llama Stack's `logprobs` (a `top_k` per token) and their answer shape differ from OpenAI's",
}
COMPLETION_PROMPT = (
    "Llama Stack's providers put `<|begin_of_text|>` before a legacy `completion` prompt (its Llama formatter); "
    "the OpenAI-compatible route sends the prompt as given"
)
RUNTIME_MAX_TOKENS = (
    "`max_tokens` is chosen at run time: Llama Stack read 0 as no limit, the connection sends it as it is"
)


def plan_legacy(site: CallSite, shape: CallShape, is_async: bool) -> CallPlan | str:
    """The adapter call for a legacy ``inference.chat_completion`` (``shape.kind`` "chat") or
    ``inference.completion`` ("complete"), or why it stays manual."""
    if site.has_star_arguments or any(a.keyword is None for a in site.arguments):
        return "arguments passed by position or through **kwargs (llama-stack-client takes keywords only)"
    first, adapter_first = FIRST[shape.kind]
    given = site.argument(first)
    if given is None:
        return f"no `{first}=` argument"
    problem = _input_problem(given.value, shape.kind)
    stream = literal(site.argument("stream").value) if site.argument("stream") else False
    if stream not in (True, False, None):
        problem = problem or "`stream=` is decided at run time; the adapter has separate streaming methods"
    model = site.argument("model_id")
    plan = CallPlan(shape, model.value if model else None, bool(stream), drop=["model_id", "stream"])
    if first != adapter_first:
        plan.renames[first] = adapter_first
    problem = problem or _keywords(site, plan, first)
    if problem:
        return problem
    if shape.kind == "complete":
        plan.unsafe.append(COMPLETION_PROMPT)
    plan.method = METHODS[shape.kind][2 * is_async + plan.stream]
    return plan


def _keywords(site: CallSite, plan: CallPlan, first: str) -> str:
    sampling = None
    for argument in site.arguments:
        name = argument.keyword
        if name in (first, "model_id", "stream"):
            continue
        if name != "sampling_params":
            return MANUAL.get(name or "", f"`{name}=` has no adapter equivalent")
        sampling = argument.value
        plan.drop.append(name)
    return _sampling(sampling, plan)


def _sampling(value: cst.BaseExpression | None, plan: CallPlan) -> str:
    """Add the neutral parameters ``sampling_params=`` (a literal dict) stands for, defaults written out."""
    pairs = _pairs(value) if value is not None else []
    if pairs is None:
        return "`sampling_params=` is not a literal dict; its strategy and defaults cannot be written out"
    fields = dict(pairs)
    unknown = set(fields) - {"strategy", "max_tokens", "repetition_penalty", "stop"}
    if unknown:
        return f"`sampling_params` field {min(unknown)!r} has no adapter parameter"
    problem = _strategy(fields.get("strategy"), plan)
    if problem:
        return problem
    if literal(fields.get("repetition_penalty", cst.Float("1.0"))) not in (1, 1.0, None):
        return "a `repetition_penalty`: Llama Stack's OpenAI-compatible routes have none"
    _max_tokens(fields.get("max_tokens"), plan)
    if "stop" in fields:
        plan.added.append(("stop", fields["stop"]))
    return ""


def _strategy(strategy: cst.BaseExpression | None, plan: CallPlan) -> str:
    if strategy is None:
        plan.added.append(("temperature", GREEDY))
        return ""
    fields = dict(_pairs(strategy) or [])
    kind = literal(fields.get("type", cst.Name("None")))
    if kind == "greedy" and set(fields) == {"type"}:
        plan.added.append(("temperature", GREEDY))
    elif kind == "top_p" and "temperature" in fields and set(fields) <= {"type", "temperature", "top_p"}:
        plan.added += [("temperature", fields["temperature"]), ("top_p", fields.get("top_p", TOP_P_DEFAULT))]
    elif kind == "top_k":
        return "a `top_k` sampling strategy: Llama Stack's OpenAI-compatible routes have no `top_k`"
    else:
        return f"the sampling strategy `{short(strategy)}` is not a literal greedy or top_p strategy"
    return ""


def _max_tokens(value: cst.BaseExpression | None, plan: CallPlan) -> None:
    fixed = literal(value) if value is not None else None
    if fixed in (0, None):
        return  # no limit: the server's (or provider's) own
    if fixed is NOT_LITERAL:
        plan.unsafe.append(RUNTIME_MAX_TOKENS)
    plan.added.append(("max_tokens", value))


def _input_problem(value: cst.BaseExpression, kind: str) -> str:
    """Why literal messages (or completion content) are not plain text turns ("" when they are, or unknown)."""
    if kind == "complete":
        return (
            "" if not isinstance(value, (cst.List, cst.Dict)) else "content other than text (images, parts)"
        )
    if not isinstance(value, cst.List):
        return ""
    for element in value.elements:
        pairs = _pairs(element.value)
        if pairs is None or {k for k, _ in pairs} - {"role", "content"}:
            return "a message other than `role` and `content` (tool calls, tool responses, context)"
        content = dict(pairs).get("content")
        if isinstance(content, (cst.List, cst.Dict)):
            return "message content given as items (images, documents); Llama Stack's differ from OpenAI's"
    return ""
