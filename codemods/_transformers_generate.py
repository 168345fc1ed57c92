"""``from_pretrained`` → ``apply_chat_template`` → ``generate`` → ``decode`` chains → adapter ``chat``/``complete``.

    model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype=torch.bfloat16)
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    outputs = model.generate(inputs, max_new_tokens=64, do_sample=False)
    print(tokenizer.decode(outputs[0][inputs.shape[-1]:], skip_special_tokens=True))

becomes::

    model = connect(default=f"transformers:{model_id}", dtype=torch.bfloat16, decode="standalone", param_defaults="engine")
    outputs = model.chat(messages, max_tokens=64, temperature=0)
    print(outputs.text)

The statement that built the inputs and the statements that only sliced the new tokens go; the tokenizer
stays (other code may use it). A ``TextStreamer(tok, skip_prompt=True)`` passed to ``generate`` becomes a
loop over ``stream_chat`` that prints each piece. Anything else the chain does with the tensors is manual.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._transformers_params import generation_params
from sovmigrate.codemods._transformers_pipeline import TRANSFORMERS_OPTIONS, why_text
from sovmigrate.codemods._vllm_hf_flow import Unfollowable, is_text, literal, spec_expression
from sovmigrate.codemods._vllm_hf_sampling import local_generation_config
from sovmigrate.codemods._vllm_hf_units import Unit

LOAD_RENAMES = {"torch_dtype": "dtype"}
#: generate() keywords that only pass the inputs the codemod replaces by the prompt.
INPUT_KEYWORDS = ("inputs", "input_ids")
CHAT_TEMPLATE_OK = {
    "add_generation_prompt": True,
    "tokenize": True,
    "return_dict": None,
    "return_tensors": None,
}
STREAMERS = (
    "transformers.TextStreamer",
    "transformers.generation.TextStreamer",
    "transformers.generation.streamers.TextStreamer",
)
REMOVE = cst.RemovalSentinel.REMOVE


class ModelPlan:
    """Plans the rewrite of one model load and every ``generate`` chain on it."""

    def __init__(self, cm, site) -> None:
        self.cm = cm
        self.site = site
        self.unit = Unit()
        self.unit.add(site.node, "SOV143")
        self.removed: list[cst.CSTNode] = []  # statements the fix deletes

    def plan(self) -> Unit:
        if not self._constructor():
            return self.unit
        refs = self.cm.analysis.references(self.site.node)
        for call in refs.calls:
            if call.method == "generate" and id(call.node) in self.cm.by_node:
                self._generate(call)
            elif call.method == "eval" and isinstance(self.cm.analysis.parent(call.node), cst.Expr):
                self._remove(self.cm.analysis.statement(call.node))
            else:
                self.unit.refuse(call.node, f"`model.{call.method}()` has no neutral equivalent")
        for node, why in refs.escapes:
            if not self._inside_removed(node):
                self.unit.refuse(node, f"the model object is {why_text(why)}")
        return self.unit

    # ------------------------------------------------------------ the load

    def _constructor(self) -> bool:
        site = self.site
        if not site.api.endswith(".from_pretrained") or site.subclass is not None:
            self.unit.refuse(site.node, "only `from_pretrained` loads of a transformers class are rewritten")
            return False
        model = site.argument("pretrained_model_name_or_path", 0)
        if model is None or model.star or not self._is_name_of_model(model.value):
            self.unit.refuse(site.node, "the model is not named by a string here")
            return False
        self.model = model.value
        self.options: list[str] = []
        for argument in site.arguments:
            if argument is model:
                continue
            if argument.star or argument.keyword is None:
                self.unit.refuse(site.node, "load arguments passed positionally or with ** cannot be checked")
                return False
            name = LOAD_RENAMES.get(argument.keyword, argument.keyword)
            self.options.append(f"{name}={self.cm.code(argument.value)}")
        return True

    def _is_name_of_model(self, value: cst.BaseExpression) -> bool:
        resolved = self.cm.flow.resolve(value)
        return is_text(resolved) or (isinstance(value, (cst.Name, cst.Attribute)) and resolved is value)

    def build_constructor(self, node: cst.Call) -> cst.BaseExpression:
        spec = spec_expression("transformers", self.model, self.cm.code)
        connect = self.cm.import_name("sovmigrate.adapter", "connect")
        return self.cm.expr(
            f"{connect}({', '.join([f'default={spec}', *self.options, TRANSFORMERS_OPTIONS])})"
        )

    # ------------------------------------------------------------ one generate chain

    def _generate(self, call) -> None:
        self.unit.add(call.node, self.cm.by_node[id(call.node)][1])
        try:
            chain = _Chain(self, call)
            chain.plan()
        except Unfollowable as exc:
            self.unit.refuse(exc.node, exc.reason)

    def _remove(self, statement: cst.CSTNode | None) -> None:
        if statement is not None and all(statement is not s for s in self.removed):
            self.removed.append(statement)
            self.unit.edits.append((statement, lambda node: REMOVE))

    def _inside_removed(self, node: cst.CSTNode) -> bool:
        current: cst.CSTNode | None = node
        while current is not None:
            if any(current is statement for statement in self.removed):
                return True
            current = self.cm.analysis.parent(current)
        return False


class _Chain:
    """``inputs = tok.apply_chat_template(...)`` / ``out = model.generate(inputs, ...)`` / ``tok.decode(...)``."""

    def __init__(self, owner: ModelPlan, call) -> None:
        self.owner = owner
        self.cm = owner.cm
        self.call = call
        self.unit = owner.unit

    def plan(self) -> None:
        inputs = self._inputs_name()
        self.inputs = inputs
        built = self.cm.flow.value_of_name(inputs)
        if built is None:
            raise Unfollowable(self.call.node, f"`{inputs.value}` is not assigned once here")
        self._template(built)
        self._check_input_reads(inputs)
        given = self._generation_keywords()
        config = local_generation_config(self.cm.flow.resolve(self.owner.model), self.cm.source_path())
        params = generation_params(given, config, self.cm.code, pipeline=False)
        self.unit.unsafe += params.unsafe
        for reason in params.manual:
            self.unit.refuse(self.call.node, reason)
        self.keywords = params.keywords()
        self.owner._remove(self.cm.analysis.statement(built))
        streamer = self.call.argument("streamer")
        if streamer is not None:
            self._streamed(streamer.value)
        else:
            self._decoded()

    # ------------------------------------------------------------ inputs

    def _inputs_name(self) -> cst.Name:
        for argument in self.call.arguments:
            value = argument.value
            if argument.star == "**" or argument.keyword in INPUT_KEYWORDS or argument.position == 0:
                value = _tensor_owner(value)
                if isinstance(value, cst.Name):
                    return value
        raise Unfollowable(self.call.node, "the input ids are not passed as a variable")

    def _template(self, built: cst.BaseExpression) -> None:
        """The call that made the inputs: ``tok.apply_chat_template(messages, ...)`` (optionally ``.to(...)``)."""
        inner = built
        if (
            isinstance(inner, cst.Call)
            and isinstance(inner.func, cst.Attribute)
            and inner.func.attr.value == "to"
        ):
            inner = inner.func.value
        site = next((s for s in self.cm.analysis.calls if s.node is inner), None)
        if site is None or site.method != "apply_chat_template":
            raise Unfollowable(built, "the inputs are not made by `apply_chat_template` here")
        messages = site.argument("conversation", 0)
        if messages is None or not self.cm.flow.is_stable(messages.value):
            raise Unfollowable(built, "the messages are not a variable or literal")
        for argument in site.arguments:
            if argument is messages:
                continue
            wanted = CHAT_TEMPLATE_OK.get(argument.keyword or "", "missing")
            if argument.keyword not in CHAT_TEMPLATE_OK or (
                wanted is not None and literal(argument.value) != wanted
            ):
                raise Unfollowable(
                    built, f"apply_chat_template(`{argument.keyword}=`) is not the adapter's template call"
                )
        if site.argument("add_generation_prompt") is None:
            raise Unfollowable(built, "the template is applied without add_generation_prompt=True")
        self.messages = messages.value
        self.tokenizer = self.cm.code(site.receiver)

    def _check_input_reads(self, inputs: cst.Name) -> None:
        """The inputs may be read by generate() and by the slices that cut the prompt off, nowhere else."""
        target = self.cm.flow.single_assignment(inputs)
        for read in self.cm.flow.reads(target.node) if target is not None else ():
            if not (self._inside(read, self.call.node) or self._in_prompt_length(read)):
                raise Unfollowable(read, f"`{inputs.value}` is also used in `{self.cm.show(read)}`")

    def _in_prompt_length(self, read: cst.Name) -> bool:
        """Whether ``read`` is inside the lower bound of a slice (``out[0][inputs.shape[-1]:]``)."""
        node: cst.CSTNode | None = read
        while node is not None and not isinstance(node, cst.Slice):
            node = self.cm.analysis.parent(node)
        return isinstance(node, cst.Slice) and node.lower is not None and self._inside(read, node.lower)

    def _generation_keywords(self) -> dict[str, cst.BaseExpression]:
        given = {}
        for argument in self.call.arguments:
            if argument.star or argument.position is not None or argument.keyword in INPUT_KEYWORDS:
                continue
            if argument.keyword in ("attention_mask", "streamer"):
                continue
            given[argument.keyword] = argument.value
        return given

    # ------------------------------------------------------------ results

    def _decoded(self) -> None:
        out = self.cm.flow.bound_name(self.call.node)
        if out is None:
            raise Unfollowable(self.call.node, "the generated ids are not assigned to a variable")
        decodes: list[cst.Call] = []
        for read in self.cm.flow.reads(out):
            decodes += self._decode_of_new_tokens(read)
        if not decodes:
            raise Unfollowable(self.call.node, "the new tokens are not decoded with `tokenizer.decode` here")
        for decode in decodes:
            self.unit.edits.append((decode, lambda node, out=out: self.cm.expr(f"{out.value}.text")))
        self.unit.edits.append((self.call.node, self._build_chat))

    def _decode_of_new_tokens(self, read: cst.Name) -> list[cst.Call]:
        """``tok.decode(out[0][n:], skip_special_tokens=True)``, directly or through ``new = out[0][n:]``."""
        sliced = self._new_tokens(read)
        holder = self.cm.flow.bound_name(sliced)
        if holder is None:
            return [self._decode_call(sliced)]
        self.owner._remove(self.cm.analysis.statement(sliced))
        return [self._decode_call(use) for use in self.cm.flow.reads(holder)]

    def _new_tokens(self, read: cst.Name) -> cst.Subscript:
        first = self.cm.analysis.parent(read)
        second = self.cm.analysis.parent(first) if isinstance(first, cst.Subscript) else None
        if isinstance(first, cst.Subscript) and _is_index(first.slice[0], 0):
            if len(first.slice) == 2 and _is_new_slice(first.slice[1]):
                return first  # out[0, n:]
            if (
                isinstance(second, cst.Subscript)
                and len(second.slice) == 1
                and _is_new_slice(second.slice[0])
            ):
                return second  # out[0][n:]
        raise Unfollowable(
            read,
            f"the generated ids are used other than as `[0][prompt_length:]` in `{self.cm.show(read)}`",
        )

    def _decode_call(self, value: cst.BaseExpression) -> cst.Call:
        arg = self.cm.analysis.parent(value)
        call = self.cm.analysis.parent(arg) if isinstance(arg, cst.Arg) else None
        site = next((s for s in self.cm.analysis.calls if s.node is call), None)
        if site is None or site.method != "decode" or len(call.args) != 2:
            raise Unfollowable(
                value, f"the new tokens are not decoded with `tokenizer.decode` in `{self.cm.show(value)}`"
            )
        skip = site.argument("skip_special_tokens")
        if skip is None or literal(skip.value) is not True:
            raise Unfollowable(
                call, "decode() without skip_special_tokens=True keeps special tokens such as </s>"
            )
        return call

    def _streamed(self, streamer: cst.BaseExpression) -> None:
        statement = self.cm.analysis.statement(self.call.node)
        if not (isinstance(statement, cst.Expr) and statement.value is self.call.node):
            raise Unfollowable(self.call.node, "generate() with a streamer is not a statement of its own")
        origin = self._streamer_origin(streamer)
        skip_special = origin.argument("skip_special_tokens")
        if skip_special is None or literal(skip_special.value) is not True:
            self.unit.unsafe.append(
                "the TextStreamer printed special tokens such as </s>; the adapter's stream does not"
            )
        line = self.cm.analysis.parent(statement)
        self.unit.edits.append((line, self._build_stream_loop))

    def _streamer_origin(self, streamer: cst.BaseExpression):
        inline = self.cm.by_node.get(id(streamer))
        if inline is not None and inline[1] == "SOV145" and inline[0].api in STREAMERS:
            _check_streamer(inline[0])
            self.unit.add(inline[0].node, "SOV145")
            return inline[0]
        escapes = self.cm.analysis.references
        origins = [
            site
            for site, rule in self.cm.by_node.values()
            if rule == "SOV145" and any(node is streamer for node, _ in escapes(site.node).escapes)
        ]
        if len(origins) != 1 or origins[0].api not in STREAMERS:
            raise Unfollowable(
                streamer, "only a TextStreamer built here is rewritten (TextIteratorStreamer needs a thread)"
            )
        origin = origins[0]
        _check_streamer(origin)
        refs = escapes(origin.node)
        if len(refs.escapes) != 1 or refs.calls:
            raise Unfollowable(origin.node, "the TextStreamer is used more than once")
        self.unit.add(origin.node, "SOV145")
        self.owner._remove(self.cm.analysis.statement(origin.node))
        return origin

    # ------------------------------------------------------------ building

    def _build_chat(self, node: cst.Call) -> cst.BaseExpression:
        model = self.cm.code(node.func.value)
        extra = f", {self.keywords}" if self.keywords else ""
        return self.cm.expr(f"{model}.chat({self.cm.code(self.messages)}{extra})")

    def _build_stream_loop(self, line: cst.SimpleStatementLine) -> cst.FlattenSentinel:
        model = self.cm.code(self.call.node.func.value)
        extra = f", {self.keywords}" if self.keywords else ""
        loop = self.cm.statement(
            f"for chunk in {model}.stream_chat({self.cm.code(self.messages)}{extra}):\n"
            f'    print(chunk.text, end="", flush=True)\n'
        )
        end = self.cm.statement("print()\n")
        return cst.FlattenSentinel([loop.with_changes(leading_lines=line.leading_lines), end])

    def _inside(self, node: cst.CSTNode, container: cst.CSTNode) -> bool:
        current: cst.CSTNode | None = node
        while current is not None:
            if current is container:
                return True
            current = self.cm.analysis.parent(current)
        return False


def _check_streamer(origin) -> None:
    prompt = origin.argument("skip_prompt", 1)
    if prompt is None or literal(prompt.value) is not True:
        raise Unfollowable(origin.node, "the TextStreamer also prints the prompt (skip_prompt is not True)")


def _tensor_owner(value: cst.BaseExpression) -> cst.BaseExpression:
    """``enc`` for ``enc``, ``enc["input_ids"]`` and ``enc.input_ids``."""
    if (
        isinstance(value, cst.Subscript)
        and len(value.slice) == 1
        and isinstance(value.slice[0].slice, cst.Index)
    ):
        return value.value if literal(value.slice[0].slice.value) == "input_ids" else value
    if isinstance(value, cst.Attribute) and value.attr.value == "input_ids":
        return value.value
    return value


def _is_index(element: cst.SubscriptElement, number: int) -> bool:
    return isinstance(element.slice, cst.Index) and literal(element.slice.value) == number


def _is_new_slice(element: cst.SubscriptElement) -> bool:
    part = element.slice
    return isinstance(part, cst.Slice) and part.lower is not None and part.upper is None and part.step is None
