"""``pipeline("text-generation", model=...)`` and its calls → an adapter connection and ``views.pipeline_output``.

    pipe = pipeline("text-generation", model="Qwen/Qwen2.5-0.5B-Instruct")
    out = pipe("Hello", max_new_tokens=20, do_sample=False)
    print(out[0]["generated_text"])

becomes::

    pipe = connect(default="transformers:Qwen/Qwen2.5-0.5B-Instruct", decode="standalone", param_defaults="engine")
    out = views.pipeline_output(pipe.complete("Hello", max_tokens=20, temperature=0, echo=True))
    print(out[0]["generated_text"])

``echo=True`` keeps the pipeline's ``return_full_text=True`` default (the prompt, then the new text), and
``decode="standalone"`` decodes the new tokens on their own as the pipeline does.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._transformers_params import NOT_GENERATION, generation_params
from sovmigrate.codemods._vllm_hf_flow import elements, is_message, is_text, literal, spec_expression
from sovmigrate.codemods._vllm_hf_sampling import local_generation_config
from sovmigrate.codemods._vllm_hf_shapes import OK, Shape, ShapeChecker
from sovmigrate.codemods._vllm_hf_units import Unit

#: Pipeline keywords that are model-loading options of the adapter's transformers backend (renamed).
LOAD_OPTIONS = {
    "dtype": "dtype",
    "torch_dtype": "dtype",
    "device": "device",
    "device_map": "device_map",
    "revision": "revision",
    "trust_remote_code": "trust_remote_code",
    "token": "token",
}
#: Pipeline keywords that change nothing for one prompt at a time.
INERT = frozenset({"framework", "batch_size", "use_fast"})
GENERATION = frozenset(
    {
        "max_new_tokens",
        "max_length",
        "do_sample",
        "temperature",
        "top_k",
        "top_p",
        "min_p",
        "typical_p",
        "repetition_penalty",
        "num_beams",
        "num_return_sequences",
        "pad_token_id",
        "use_cache",
    }
)
TRANSFORMERS_OPTIONS = 'decode="standalone", param_defaults="engine"'
_OUTPUT = Shape("pipeline output", item=Shape("pipeline record", fields={"generated_text": OK}))
_BATCH = Shape("pipeline outputs", item=_OUTPUT)


class PipelinePlan:
    """Plans the rewrite of one ``pipeline(...)`` and the calls made on it."""

    def __init__(self, cm, site) -> None:
        self.cm = cm
        self.site = site
        self.unit = Unit()
        self.unit.add(site.node, "SOV141")
        self.options: list[str] = []
        self.given: dict[str, cst.BaseExpression] = {}

    def plan(self) -> Unit:
        if self._constructor():
            refs = self.cm.analysis.references(self.site.node)
            for node, why in refs.escapes:
                self.unit.refuse(node, f"the pipeline object is {why_text(why)}")
            for call in refs.calls:
                self._call(call)
        return self.unit

    # ------------------------------------------------------------ the constructor

    def _constructor(self) -> bool:
        site, unit = self.site, self.unit
        task = site.argument("task", 0)
        if task is None or literal(task.value) != "text-generation":
            unit.refuse(
                site.node,
                'the task is not the literal "text-generation" (other tasks have no neutral equivalent)',
            )
            return False
        model = site.argument("model", 1)
        if model is None or not is_text(self.cm.flow.resolve(model.value)):
            unit.refuse(site.node, "the model is not named by a string here (a model object, or not given)")
            return False
        self.model = model.value
        for argument in site.arguments:
            if argument is not task and argument is not model:
                self._constructor_argument(argument)
        return not unit.manual

    def _constructor_argument(self, argument) -> None:
        key = argument.keyword
        if argument.star or key is None:
            self.unit.refuse(
                self.site.node, "pipeline arguments passed positionally or with ** cannot be checked"
            )
        elif key in LOAD_OPTIONS:
            self.options.append(f"{LOAD_OPTIONS[key]}={self.cm.code(argument.value)}")
        elif key == "model_kwargs":
            self._model_kwargs(argument.value)
        elif key == "tokenizer":
            if self.cm.code(argument.value) != self.cm.code(self.model):
                self.unit.refuse(self.site.node, "the pipeline uses another tokenizer than the model's")
        elif key in GENERATION:
            self.given[key] = argument.value
        elif key not in INERT:
            self.unit.refuse(self.site.node, f"pipeline(`{key}=`) has no neutral equivalent")

    def _model_kwargs(self, value: cst.BaseExpression) -> None:
        if not isinstance(value, cst.Dict):
            self.unit.refuse(self.site.node, "model_kwargs is not a dict written here")
            return
        for element in value.elements:
            key = literal(element.key) if isinstance(element, cst.DictElement) else None
            if not isinstance(key, str) or not key.isidentifier():
                self.unit.refuse(self.site.node, "model_kwargs has keys that are not plain names")
                return
            self.options.append(f"{LOAD_OPTIONS.get(key, key)}={self.cm.code(element.value)}")

    def build_constructor(self, node: cst.Call) -> cst.BaseExpression:
        spec = spec_expression("transformers", self.model, self.cm.code)
        connect = self.cm.import_name("sovmigrate.adapter", "connect")
        options = ", ".join([f"default={spec}", *self.options, TRANSFORMERS_OPTIONS])
        return self.cm.expr(f"{connect}({options})")

    # ------------------------------------------------------------ the calls

    def _call(self, call) -> None:
        unit = self.unit
        found = self.cm.by_node.get(id(call.node))
        if found is None or call.method != "__call__":
            unit.refuse(
                call.node, "the pipeline is used through an attribute or method without a neutral equivalent"
            )
            return
        unit.add(call.node, found[1])
        first = call.argument("text_inputs", 0)
        if first is None or first.star:
            unit.refuse(call.node, "the input is not passed as the first argument")
            return
        given, full = dict(self.given), True
        for argument in call.arguments:
            if argument is first:
                continue
            if argument.star or argument.keyword is None:
                unit.refuse(call.node, "arguments passed positionally or with ** cannot be checked")
                return
            if argument.keyword == "return_full_text":
                full = literal(argument.value)
                if not isinstance(full, bool):
                    unit.refuse(call.node, "return_full_text is not a literal True or False")
                    return
            else:
                given[argument.keyword] = argument.value
        self._call_rewrite(call, first.value, given, full)

    def _call_rewrite(self, call, prompt: cst.BaseExpression, given, full: bool) -> None:
        kind = self._input_kind(prompt)
        if kind is None:
            self.unit.refuse(
                call.node, "cannot tell whether the input is a prompt, a chat or a list of prompts"
            )
            return
        if kind == "chat" and not full:
            self.unit.refuse(call.node, "a chat with return_full_text=False")
            return
        if kind == "chat" and not self.cm.flow.is_stable(prompt):
            self.unit.refuse(call.node, "the chat is built inside the call; name it first")
            return
        source = self.cm.source_path()
        config = local_generation_config(self.cm.flow.resolve(self.model), source)
        params = generation_params(
            {k: v for k, v in given.items() if k not in NOT_GENERATION}, config, self.cm.code, pipeline=True
        )
        self.unit.unsafe += params.unsafe
        for reason in params.manual:
            self.unit.refuse(call.node, reason)
        if kind == "many":
            self.unit.unsafe.append("the prompts were one pipeline call; the adapter runs them one at a time")
        keywords = params.keywords() + (", echo=True" if full and kind != "chat" else "")
        for problem in ShapeChecker(self.cm.flow, self.cm.show).check(
            call.node, _BATCH if kind == "many" else _OUTPUT
        ):
            if problem.level == "manual":
                self.unit.refuse(call.node, problem.reason)
            else:
                self.unit.unsafe.append(problem.reason)
        self.unit.edits.append(
            (call.node, lambda node: self._build_call(node, prompt, kind, keywords.strip(", ")))
        )

    def _input_kind(self, prompt: cst.BaseExpression) -> str | None:
        value = self.cm.flow.resolve(prompt)
        if is_text(value):
            return "text"
        items = elements(value)
        if items and all(is_message(self.cm.flow.resolve(item)) for item in items):
            return None if _ends_with_assistant(items, self.cm.flow) else "chat"
        if items and all(is_text(self.cm.flow.resolve(item)) for item in items):
            return "many"
        return None

    def _build_call(
        self, node: cst.Call, prompt: cst.BaseExpression, kind: str, keywords: str
    ) -> cst.BaseExpression:
        views = self.cm.import_name("sovmigrate.adapter", "views")
        pipe = self.cm.code(node.func)
        text = self.cm.code(prompt)
        extra = f", {keywords}" if keywords else ""
        if kind == "chat":
            return self.cm.expr(f"{views}.pipeline_chat_output({pipe}.chat({text}{extra}), {text})")
        if kind == "many":
            name = "prompt" if "prompt" not in f"{pipe} {keywords}" else "prompt_"
            return self.cm.expr(
                f"[{views}.pipeline_output({pipe}.complete({name}{extra})) for {name} in {text}]"
            )
        return self.cm.expr(f"{views}.pipeline_output({pipe}.complete({text}{extra}))")


def _ends_with_assistant(items: list[cst.BaseExpression], flow) -> bool:
    last = flow.resolve(items[-1])
    for element in last.elements if isinstance(last, cst.Dict) else ():
        if isinstance(element, cst.DictElement) and literal(element.key) == "role":
            return literal(element.value) == "assistant"
    return False


def why_text(why: str) -> str:
    return {
        "argument": "passed to a function",
        "returned": "returned",
        "stored": "stored",
        "container": "put in a container",
        "attribute": "read as an attribute",
    }.get(why, "used elsewhere")
