"""llama-cpp-python → the neutral adapter: ``Llama(...)`` and every call on the model it builds.

    llm = Llama(model_path="m.gguf", n_gpu_layers=-1)     →  llm = connect(default="llamacpp:m.gguf", n_gpu_layers=-1, n_ctx=512)
    llm(prompt, max_tokens=32)["choices"][0]["text"]      →  llm.complete(prompt, max_tokens=32, temperature=0.8, ...)[...]
    llm.create_chat_completion(messages=m, stream=True)   →  llm.stream_chat(messages=m, temperature=0.2, ...)

The model object changes type, so a ``Llama(...)`` call and every call on its object are rewritten together or
not at all. Every llama-cpp-python default the original relied on that the adapter would change is written
out: the sampling defaults of completion and chat (``COMPLETION_DEFAULTS``, ``CHAT_DEFAULTS``), ``n_ctx=512``
and, for embedding models, the model's own pooling. Results keep their llama-cpp-python shape (the adapter's
results are the same dicts), so code reading ``out["choices"][0]["text"]`` is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    is_list,
    is_str,
    keyword,
    literal,
    plain_positionals,
    short,
    spec,
    unknown_keywords,
)

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import CallSite

__all__ = ["CHAT_DEFAULTS", "COMPLETION_DEFAULTS", "LlamaCppCodemod"]

# llama-cpp-python 0.3.36 (llama.py) defaults that differ from the adapter's neutral defaults; written out.
COMPLETION_DEFAULTS = {
    "max_tokens": "16",
    "temperature": "0.8",
    "top_p": "0.95",
    "top_k": "40",
    "min_p": "0.05",
}
CHAT_DEFAULTS = {"temperature": "0.2", "top_p": "0.95", "top_k": "40", "min_p": "0.05"}
# Llama(...) defaults the adapter's llamacpp backend changes: llama-cpp-python's context size and, for
# embedding models, LLAMA_POOLING_TYPE_UNSPECIFIED (the model's own pooling; the adapter would pick MEAN).
N_CTX_DEFAULT = "512"
POOLING_UNSPECIFIED = "-1"
# The named options of llama-cpp-python 0.3.36's Llama.__init__ (besides model_path). Llama swallows unknown
# keywords through **kwargs; the adapter refuses them, so a call passing another keyword stays manual.
LLAMA_OPTIONS = frozenset(
    {
        "n_gpu_layers",
        "split_mode",
        "main_gpu",
        "tensor_split",
        "vocab_only",
        "use_mmap",
        "use_mlock",
        "kv_overrides",
        "seed",
        "n_ctx",
        "n_batch",
        "n_ubatch",
        "n_threads",
        "n_threads_batch",
        "rope_scaling_type",
        "pooling_type",
        "attention_type",
        "rope_freq_base",
        "rope_freq_scale",
        "yarn_ext_factor",
        "yarn_attn_factor",
        "yarn_beta_fast",
        "yarn_beta_slow",
        "yarn_orig_ctx",
        "logits_all",
        "embedding",
        "offload_kqv",
        "flash_attn",
        "op_offload",
        "swa_full",
        "no_perf",
        "last_n_tokens_size",
        "lora_base",
        "lora_scale",
        "lora_path",
        "numa",
        "chat_format",
        "chat_handler",
        "draft_model",
        "tokenizer",
        "type_k",
        "type_v",
        "spm_infill",
        "verbose",
    }
)

# llama-cpp-python keyword -> adapter keyword, for the parameters both have.
RENAMED = {"repeat_penalty": "repetition_penalty", "mirostat_mode": "mirostat"}
SAMPLING = frozenset(
    {
        "max_tokens",
        "temperature",
        "top_p",
        "top_k",
        "min_p",
        "typical_p",
        "stop",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "mirostat_tau",
        "mirostat_eta",
        *RENAMED,
    }
)
# Parameters that are harmless at these values (dropped) and need a manual port otherwise.
INERT = {
    "suffix": None,
    "tfs_z": 1.0,
    "logprobs": None,
    "model": None,
    "grammar": None,
    "logits_processor": None,
    "stopping_criteria": None,
    "logit_bias": None,
    "functions": None,
    "function_call": None,
    "tools": None,
    "tool_choice": None,
    "top_logprobs": None,
    "prev_tokens": None,
    "echo": False,
}
WHY = {
    "suffix": "fill-in-the-middle (`suffix=`) has no adapter equivalent",
    "grammar": "GBNF grammars have no neutral equivalent (use response_format with a JSON schema)",
    "logits_processor": "logits processors run engine-side Python on the logits",
    "stopping_criteria": "stopping criteria run engine-side Python on the tokens",
    "logit_bias": "`logit_bias` uses this model's token ids",
    "functions": "function calling goes through llama-cpp-python's chat handlers",
    "function_call": "function calling goes through llama-cpp-python's chat handlers",
    "tools": "tool calling goes through llama-cpp-python's chat handlers",
    "tool_choice": "tool calling goes through llama-cpp-python's chat handlers",
    "logprobs": "log-probabilities need `logits_all=True` and have another shape in the adapter",
    "top_logprobs": "log-probabilities need `logits_all=True` and have another shape in the adapter",
    "model": "`model=` renames the result's model field",
    "tfs_z": "tail-free sampling has no adapter equivalent",
    "prev_tokens": "incremental detokenization (`prev_tokens=`) has no adapter equivalent",
}
ECHO_REASON = "llama.cpp echoes the prompt as it detokenizes it; the adapter echoes the prompt string"
FORMAT_REASON = (
    "the adapter builds the JSON grammar for response_format itself; llama-cpp-python's may differ"
)
OPENAI_V1_REASON = (
    "results were openai-python objects; the adapter's read the same by attribute and key but are dicts"
)
DETOKENIZE_REASON = (
    "the adapter's detokenize returns str and drops the SentencePiece space that llama.cpp keeps before a first "
    "token that is not BOS"
)
ERRORS_REASON = (
    "a `try` around the call catches specific exceptions; the adapter raises its own (AdapterError)"
)


class LlamaCppCodemod(SovmigrateCodemod):
    """Rewrite llama-cpp-python models and their calls to ``sovmigrate.adapter.connect``."""

    DESCRIPTION = "Rewrite llama-cpp-python Llama models and their calls to the neutral adapter."
    RULES = ("SOV101", "SOV102", "SOV103", "SOV104")
    EXTRA = "llamacpp"

    def plan(self) -> None:
        sites = {id(site.node): (site, rule) for site, rule in self.call_sites()}
        grouped: set[int] = set()
        applied = False
        for site, rule in list(sites.values()):
            if rule == "SOV101":
                group = self._group(site, sites)
                grouped |= {id(site.node)} | {id(member.node) for member, _, _ in group.members}
                applied = group.decide(self, self._constructor(site)) or applied
        for node_id, (site, rule) in sites.items():
            if node_id not in grouped:
                self.manual(site.node, rule, self._orphan_reason(site))
        if applied:
            for binding in self.analysis.imports_of("llama_cpp"):
                self.remove_import_if_unused(binding)

    # ------------------------------------------------------------------ groups

    def _group(self, origin: CallSite, sites: dict[int, tuple[CallSite, str]]) -> Group:
        group = Group(origin, "SOV101")
        refs = self.analysis.references(origin.node)
        for node, why in refs.escapes:
            group.block(node, f"`{short(node)}` uses the model outside the calls the adapter has ({why})")
        for call in refs.calls:
            rule = next((r.code for r in call.rules if r.code in self.RULES), None)
            if rule is not None and id(call.node) not in sites:
                group.block(call.node, f"`{short(call.node)}` is left as it is")
                continue
            group.members.append((call, rule, self._call(call)))
        return group

    def _orphan_reason(self, site: CallSite) -> str:
        if "SOV101" not in self.codes:
            return "the model is rewritten together with its Llama(...) call (SOV101), which is not selected"
        return "the model object is not built by a Llama(...) call in this module; rewrite it with its model"

    # ------------------------------------------------------------------ the constructor

    def _constructor(self, site: CallSite) -> Decision:
        problem = self._constructor_problem(site)
        if problem:
            return problem
        star = any(a.star == "**" for a in site.arguments)
        given = {a.keyword for a in site.arguments if a.keyword}
        embedding = site.argument("embedding")
        pin_pooling = (
            embedding is not None and literal(embedding.value) is not False and "pooling_type" not in given
        )

        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            edit.func = cst.Name(self.import_name("sovmigrate.adapter", "connect"))
            old = edit.keyword("model_path") or edit.positional(0)
            edit.replace(old, keyword("default", spec("llamacpp", old.value)))
            if "n_ctx" not in given and not star:
                edit.set("n_ctx", self.expr(N_CTX_DEFAULT))
            if pin_pooling:
                edit.set("pooling_type", self.expr(POOLING_UNSPECIFIED))
            return edit.build()

        if star:
            return Plan(
                site.node,
                build,
                FixSafety.UNSAFE,
                "options passed through **kwargs may leave n_ctx to "
                "the adapter, whose default is the model's trained context, not 512",
            )
        return Plan(site.node, build)

    def _constructor_problem(self, site: CallSite) -> str:
        """Why this ``Llama(...)`` call cannot become a ``connect(...)`` (empty when it can)."""
        if site.api.endswith("from_pretrained"):
            return (
                "Llama.from_pretrained downloads from the Hugging Face hub; download the GGUF once and "
                "connect to its path (connect(default='llamacpp:path/to/model.gguf'))"
            )
        if site.subclass is not None:
            return "the model is built through a subclass of Llama; port the subclass by hand"
        model = site.argument("model_path", 0)
        if model is None:
            return "the model path is not visible here (passed through **kwargs)"
        if len(plain_positionals(site)) > 1:
            return "Llama(...) takes one positional argument; this call passes more"
        unknown = unknown_keywords(site, LLAMA_OPTIONS | {"model_path"})
        if unknown:
            return (
                f"`{unknown[0]}=` is not a Llama option (llama-cpp-python ignores it; the adapter refuses it)"
            )
        return construction_escape(self.analysis, site.node)

    # ------------------------------------------------------------------ calls on the model

    def _call(self, site: CallSite) -> Decision:
        method = site.method or ""
        handler = self._HANDLERS.get(method)
        if handler is None:
            return f"`{method}()` has no adapter equivalent"
        if site.has_star_arguments:
            return "arguments passed through *args/**kwargs cannot be mapped to the adapter's names"
        decision = handler(self, site)
        if isinstance(decision, Plan) and catches_errors(self.analysis, site.node):
            decision.safety, decision.reason = FixSafety.UNSAFE, decision.reason or ERRORS_REASON
        return decision

    def _generation(self, site: CallSite, *, chat: bool) -> Decision:
        positional = "messages" if chat else "prompt"
        if len(plain_positionals(site)) > 1:
            return "sampling arguments passed by position; pass them by keyword first"
        first = site.argument(positional, 0)
        if first is None:
            return f"no `{positional}` argument"
        if not chat and is_list(first.value):
            return "a prompt given as token ids has no adapter equivalent"
        stream = _literal_flag(site, "stream")
        if stream is None:
            return "`stream=` is decided at run time; the adapter has separate streaming methods"
        blocked = self._blocked_keywords(site, {positional, "stream", "echo", "response_format"})
        if blocked:
            return blocked
        name = (
            ("stream_chat" if stream else "chat") if chat else ("stream_complete" if stream else "complete")
        )
        defaults = CHAT_DEFAULTS if chat else COMPLETION_DEFAULTS
        reasons = [ECHO_REASON] if literal_of(site, "echo") not in (False, NOT_LITERAL, None) else []
        if site.argument("echo") is not None and literal_of(site, "echo") is NOT_LITERAL:
            return "`echo=` is decided at run time"
        if site.argument("response_format") is not None:
            reasons.append(FORMAT_REASON)
        if site.method == "create_chat_completion_openai_v1":
            reasons.append(OPENAI_V1_REASON)
        build = self._method_builder(site, name, defaults, drop_inert=True)
        return Plan(site.node, build, FixSafety.UNSAFE if reasons else FixSafety.SAFE, "; ".join(reasons))

    def _blocked_keywords(self, site: CallSite, allowed: set[str]) -> str:
        for argument in site.arguments:
            name = argument.keyword
            if name is None or name in allowed or name in SAMPLING:
                continue
            if (
                name in INERT
                and literal(argument.value) == INERT[name]
                and literal(argument.value) is not NOT_LITERAL
            ):
                continue
            return WHY.get(name, f"`{name}=` has no adapter equivalent")
        return ""

    def _method_builder(
        self,
        site: CallSite,
        name: str,
        defaults: dict[str, str],
        *,
        drop_inert: bool = False,
        renames: dict[str, str] | None = None,
    ) -> Callable[[cst.Call], cst.Call]:
        given = {a.keyword for a in site.arguments if a.keyword}
        calls_instance = site.method == "__call__"
        renames = {**RENAMED, **(renames or {})}

        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            receiver = call.func if calls_instance else call.func.value
            edit.func = cst.Attribute(value=receiver, attr=cst.Name(name))
            for old, new in renames.items():
                edit.rename(old, new)
            edit.drop("stream")
            if drop_inert:
                for key in [k for k in INERT if k in given and k != "echo"]:
                    edit.drop(key)
                if literal_of(site, "echo") is False:
                    edit.drop("echo")
            if isinstance(literal_of(site, "max_tokens"), int) and literal_of(site, "max_tokens") <= 0:
                edit.set(
                    "max_tokens", self.expr("None")
                )  # llama-cpp-python: <= 0 means no limit, as None does
            for key, value in defaults.items():
                if key not in given:
                    edit.set(key, self.expr(value))
            return edit.build()

        return build

    def _completion(self, site: CallSite) -> Decision:
        if site.method == "generate":
            return "`generate()` is llama.cpp's low-level token loop; use complete() or stream_complete()"
        return self._generation(site, chat=False)

    def _chat(self, site: CallSite) -> Decision:
        return self._generation(site, chat=True)

    def _create_embedding(self, site: CallSite) -> Decision:
        if (
            site.argument("input", 0) is None
            or unknown_keywords(site, {"input"})
            or len(plain_positionals(site)) > 1
        ):
            return "`model=` and other arguments of create_embedding have no adapter equivalent"
        return Plan(site.node, self._positional_builder(site, "embeddings", "input"))

    def _embed(self, site: CallSite) -> Decision:
        first = site.argument("input", 0)
        if first is None or len(plain_positionals(site)) > 1:
            return "embed() options passed by position have no adapter equivalent"
        for name, default in (("normalize", False), ("truncate", True), ("return_count", False)):
            argument = site.argument(name)
            if argument is not None and literal(argument.value) is not default:
                return f"`{name}=` has no adapter equivalent"
        if unknown_keywords(site, {"input", "normalize", "truncate", "return_count"}):
            return "unknown embed() arguments"
        if not (is_str(first.value) or is_list(first.value)):
            return (
                f"cannot tell whether `{code(first.value).strip()}` is one text or a list of texts "
                "(llama-cpp-python returns one vector for a str, the adapter a list of vectors)"
            )
        single = is_str(first.value)
        build = self._positional_builder(
            site, "embed", "input", drop=("normalize", "truncate", "return_count")
        )
        if not single:
            return Plan(site.node, build)
        return Plan(site.node, lambda call: _subscript(build(call), 0))

    def _positional_builder(
        self, site: CallSite, name: str, keyword_name: str, drop: Iterable[str] = ()
    ) -> Callable[[cst.Call], cst.Call]:
        def build(call: cst.Call) -> cst.Call:
            edit = CallEdit(call)
            edit.func = call.func.with_changes(attr=cst.Name(name))
            named = edit.keyword(keyword_name)
            if named is not None:
                edit.replace(named, cst.Arg(named.value))
            for key in drop:
                edit.drop(key)
            return edit.build()

        return build

    def _tokenize(self, site: CallSite) -> Decision:
        if unknown_keywords(site, {"text", "add_bos", "special"}) or site.argument("text", 0) is None:
            return "unknown tokenize() arguments"
        build = self._method_builder(
            site, "tokenize", {}, renames={"add_bos": "add_special", "special": "parse_special"}
        )
        return Plan(site.node, build)

    def _detokenize(self, site: CallSite) -> Decision:
        if unknown_keywords(site, {"tokens", "special", "prev_tokens"}) or len(plain_positionals(site)) > 1:
            return "detokenize() arguments passed by position or unknown"
        if literal_of(site, "prev_tokens") not in (None, NOT_LITERAL) or (
            site.argument("prev_tokens") is not None and literal_of(site, "prev_tokens") is NOT_LITERAL
        ):
            return WHY["prev_tokens"]
        inner = self._method_builder(site, "detokenize", {}, renames={"special": "render_special"})
        decode = self._decode_call(site.node)

        def wrap(call: cst.Call) -> cst.BaseExpression:
            new = inner(call)
            return cst.Call(
                func=cst.Attribute(value=new, attr=cst.Name("encode")),
                args=[cst.Arg(cst.SimpleString('"utf-8"'))],
            )

        if decode is None:
            return Plan(
                site.node, wrap, FixSafety.UNSAFE, DETOKENIZE_REASON + " (encoded back to bytes here)"
            )

        def unwrap(outer: cst.Call) -> cst.BaseExpression:
            return outer.func.value

        return Plan(site.node, inner, FixSafety.UNSAFE, DETOKENIZE_REASON, also=((decode, unwrap),))

    def _decode_call(self, node: cst.Call) -> cst.Call | None:
        """``node.decode(...)`` (the usual way bytes from detokenize are read), when the parent is that."""
        attribute = self.analysis.parent(node)
        call = self.analysis.parent(attribute) if isinstance(attribute, cst.Attribute) else None
        if isinstance(call, cst.Call) and call.func is attribute and attribute.attr.value == "decode":
            return call
        return None

    def _close(self, site: CallSite) -> Decision:
        return Plan(site.node, self._method_builder(site, "close", {}))

    def _n_ctx(self, site: CallSite) -> Decision:
        if site.arguments:
            return "unexpected arguments to n_ctx()"

        def build(call: cst.Call) -> cst.Attribute:
            return cst.Attribute(
                cst.Attribute(call.func.value, cst.Name("capabilities")), cst.Name("max_context")
            )

        return Plan(site.node, build)

    _HANDLERS: ClassVar[dict[str, Callable[[LlamaCppCodemod, CallSite], Decision]]] = {
        "__call__": _completion,
        "create_completion": _completion,
        "generate": _completion,
        "create_chat_completion": _chat,
        "create_chat_completion_openai_v1": _chat,
        "create_embedding": _create_embedding,
        "embed": _embed,
        "tokenize": _tokenize,
        "detokenize": _detokenize,
        "close": _close,
        "n_ctx": _n_ctx,
    }


def _literal_flag(site: CallSite, name: str) -> bool | None:
    """A boolean keyword's literal value (False when absent), or None when it is decided at run time."""
    value = literal_of(site, name)
    if value is NOT_LITERAL:
        return None
    return bool(value)


def literal_of(site: CallSite, name: str) -> object:
    argument = site.argument(name)
    return None if argument is None else literal(argument.value)


def _subscript(value: cst.BaseExpression, index: int) -> cst.Subscript:
    return cst.Subscript(value=value, slice=[cst.SubscriptElement(cst.Index(cst.Integer(str(index))))])
