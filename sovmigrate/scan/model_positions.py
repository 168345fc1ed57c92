"""Where a module expects a model: the string literals that are model identifiers by their position.

A literal is in a model position when it is

- a model argument of a vendor call: a model keyword (``model=``, ``repo_id=``, ``filename=``...) or the
  positional argument the vocabulary names (``ollama.chat("llama3.1", ...)``), directly or through a name
  bound to it (``MODEL = "..."``; ``chat(model=MODEL)``) or an ``os.getenv("MODEL", "<default>")``;

- a key or item of a table named for the engine that serves its models (``OLLAMA_MODEL_CLASSIFICATIONS =
  {"llama3.1": "recommended"}``, ``VLLM_MODELS = [...]``), and a ``provider_model_id=`` keyword of any call (a
  model registry's entry: Llama Stack's ``ProviderModelEntry``), in any module;

and, in a module that already has findings (it imports or calls an engine or vendor SDK),

- a value assigned to a name that holds a model (``MODEL``, ``DEFAULT_MODEL_NAME``, ``SUPPORTED_MODELS = [...]``);
- the default of a command-line option that names a model (argparse ``add_argument("--model", default=...)``,
  click and typer options) or of a function parameter named like one (``def main(model="llama3")``).

The literals pass reports any id-shaped literal in these positions (SOV507), whatever the model family.

Unmistakable closed-model ids (``gpt-4o-2024-05-13``, ``azure/gpt-4o``) are also marked, as position
``closed-model``, where they name a model without a model keyword: a per-model table's key (``{"gpt-5.4": {...}}``)
and a positional call argument (``LiteLLM("openrouter/openai/gpt-3.5-turbo")``); undated ones (``gpt-4o``, ``o3``)
only where nothing but a model stands: a model class's or registration's first argument (``Chat("gpt-4o")``), the
items of a loop over models, the keys of a per-model table whose values are no strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import libcst as cst

from sovmigrate.rules.idvalues import CLOSED_PLACED, CLOSED_VALUE
from sovmigrate.rules.vocabulary import (
    ENGINE_MODEL_TABLES,
    ENV_LOOKUPS,
    MODEL_CLASS_WORDS,
    MODEL_ID_NAMES,
    MODEL_KEYWORDS,
    MODEL_POSITIONS,
    OPTION_BUILDERS,
    REGISTRATION_CALLS,
    VENDOR_MODEL_KEYWORDS,
)
from sovmigrate.scan.bindings import FIELD_SPECS, Collector, Scope, dotted_name
from sovmigrate.scan.matching import glob_regex
from sovmigrate.scan.resolve import Evaluator
from sovmigrate.scan.values import LocalClass, LocalObj, Mod

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import CallSite

_POSITIONS = tuple((re.compile(glob_regex(pattern)), index) for pattern, index in MODEL_POSITIONS)
_MODEL_ARGUMENTS = MODEL_KEYWORDS | VENDOR_MODEL_KEYWORDS
CLOSED_MODEL = (
    "closed-model"  # the position (a Literal's ``context``) of closed ids that name a model by place
)


def model_positions(
    collector: Collector,
    evaluator: Evaluator,
    sites: Iterable[CallSite],
    *,
    locked: bool,
    module: cst.Module | None = None,
) -> set[int]:
    """``id()`` of every string literal of the module that sits in a model position.

    Only calls that a rule reports count (a plain ``OpenAI()`` client's model is not a migration site);
    names, options and parameters count when the module is ``locked`` (it already has findings). Closed ids that
    name a model by place are marked in ``collector.positioned`` (``module`` is read for its dict keys).
    """
    collector.positioned[CLOSED_MODEL] = _closed_models(collector, module)
    found: set[int] = set()
    for site in sites:
        if site.rules:
            for value in _model_arguments(site):
                found.update(_literals(value, site.scope or collector.module_scope, evaluator))
    found.update(_engine_model_tables(collector))
    found.update(_provider_model_ids(collector))
    if locked:
        found.update(_named_models(collector, evaluator))
        found.update(_option_defaults(collector, evaluator))
        found.update(_parameter_defaults(collector))
    return found


def _closed_models(collector: Collector, module: cst.Module | None) -> set[int]:
    """Closed-model ids that name a model by place. An unmistakable one (`gpt-4o-2024-05-13`) as a dict's key, a
    call's positional argument or an entry of a module constant's table: a per-model table names each model by its
    key, a wrapper's first argument is its model, and a module's capability list or alias table (its values) lists
    the models the program knows. An undated one (`gpt-4o`, `o3-mini`) only where nothing but a model stands: the
    first argument of a model class or a registration (`Chat("gpt-4o")`), the items a model loop iterates, a
    per-model table's keys."""
    closed = {
        id(node)
        for node, text, is_fstring in collector.strings
        if not is_fstring and CLOSED_VALUE.search(text)
    }
    placed = {
        id(node)
        for node, text, is_fstring in collector.strings
        if not is_fstring and CLOSED_PLACED.search(text)
    }
    if not closed and not placed:
        return closed
    marked = {id(arg.value) for call, _ in collector.calls for arg in _positional(call)}
    by_place = {id(arg) for call, _ in collector.calls for arg in _model_class_argument(call)}
    if module is not None:
        elements = _Elements()
        module.visit(elements)
        marked.update(id(element.key) for element in elements.dict_elements)
        by_place.update(_looped_models(elements.loops))
        by_place.update(_table_keys(elements.dicts))
    marked.update(_constant_entries(collector))
    return (closed & marked) | (placed & by_place)


def _constant_entries(collector: Collector) -> Iterator[int]:
    """The items of a module constant's list and the values of its dict (``MULTIMODAL = ["gpt-4o-2024-08-06"]``,
    ``SHORTCUTS = {"opus": "claude-3-opus-20240229"}``): a table of the models the program knows."""
    for target, value, scope in collector.assignments:
        if scope is not collector.module_scope or not isinstance(target, cst.Name):
            continue
        if isinstance(value, cst.Dict):
            yield from (id(e.value) for e in value.elements if isinstance(e, cst.DictElement))
        elif isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            yield from (id(e.value) for e in value.elements)


def _positional(call: cst.Call) -> list[cst.Arg]:
    """A call's positional arguments; of two equal strings only the last (``Model(alias, model_id)`` with the id
    as its own alias names one model: convention 16)."""
    args = [arg for arg in call.args if arg.keyword is None]
    texts = [arg.value.value if isinstance(arg.value, cst.SimpleString) else None for arg in args]
    return [arg for i, arg in enumerate(args) if texts[i] is None or texts[i] not in texts[i + 1 :]]


def _model_class_argument(call: cst.Call) -> Iterator[cst.BaseExpression]:
    """The first argument of a model class or registration call (``Chat("gpt-4o")``, ``register("gpt-4")``), and
    of each class built inside a registration (``register(Responses("o3"), AsyncResponses("o3"))``)."""
    name = _last(call.func)
    if name is None:
        return
    registration = REGISTRATION_CALLS.match(name) is not None
    if registration or MODEL_CLASS_WORDS.match(name):
        first = _positional(call)[:1]
        yield from (arg.value for arg in first)
    if registration:
        for arg in call.args:
            if isinstance(arg.value, cst.Call):
                yield from (inner.value for inner in _positional(arg.value)[:1])


def _looped_models(loops: Iterable[cst.For]) -> Iterator[int]:
    """The strings a loop over models iterates (``for model_id in ("gpt-4.1", "gpt-4.1-mini"):``)."""
    for loop in loops:
        if (
            isinstance(loop.target, cst.Name)
            and MODEL_ID_NAMES.match(loop.target.value)
            and isinstance(loop.iter, (cst.Tuple, cst.List, cst.Set))
        ):
            yield from (id(element.value) for element in loop.iter.elements)


def _table_keys(tables: Iterable[cst.Dict]) -> Iterator[int]:
    """The keys of a per-model table (prices, limits, capabilities): at least two keys, most of them closed ids,
    and no value a string (an alias table maps names to names)."""
    for table in tables:
        elements = [e for e in table.elements if isinstance(e, cst.DictElement)]
        keys = [e.key for e in elements if isinstance(e.key, cst.SimpleString)]
        if len(keys) < 2 or any(
            isinstance(e.value, (cst.SimpleString, cst.ConcatenatedString)) for e in elements
        ):
            continue
        ids = [key for key in keys if CLOSED_PLACED.search(key.evaluated_value or "")]
        if 2 * len(ids) > len(elements):
            yield from (id(key) for key in ids)


class _Elements(cst.CSTVisitor):
    def __init__(self) -> None:
        self.dict_elements: list[cst.DictElement] = []
        self.dicts: list[cst.Dict] = []
        self.loops: list[cst.For] = []

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self.dict_elements.append(node)

    def visit_Dict(self, node: cst.Dict) -> None:
        self.dicts.append(node)

    def visit_For(self, node: cst.For) -> None:
        self.loops.append(node)


def _model_arguments(site: CallSite) -> Iterator[cst.BaseExpression]:
    index = next((i for regex, i in _POSITIONS if regex.fullmatch(site.api)), None)
    for argument in site.arguments:
        if argument.keyword in _MODEL_ARGUMENTS or (index is not None and argument.position == index):
            yield argument.value


def _literals(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, depth: int = 0) -> Iterator[int]:
    """The string literals ``node`` is or names: itself, a name's or ``self.`` attribute's assigned strings,
    list elements, either side of ``or`` and of a conditional expression, an environment look-up's default."""
    if depth > 3:
        return
    if isinstance(node, cst.SimpleString):
        yield id(node)
        return
    for expr, where in _stands_for(node, scope, evaluator):
        yield from _literals(expr, where, evaluator, depth + 1)


Scoped = Iterable[tuple[cst.BaseExpression, Scope]]


def _stands_for(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> Scoped:
    """The expressions whose strings ``node`` may be, each with the scope it is read in."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return [(element.value, scope) for element in node.elements]
    if isinstance(node, cst.BooleanOperation):  # `config.model or "nomic-embed-text"`
        return [(node.left, scope), (node.right, scope)]
    if isinstance(node, cst.IfExp):
        return [(node.body, scope), (node.orelse, scope)]
    if isinstance(node, cst.Name):
        return _assigned(evaluator.lookup(node.value, scope))
    if isinstance(node, cst.Attribute):
        return _attribute_values(node, scope, evaluator)
    if isinstance(node, cst.Call):
        return _call_defaults(node, scope, evaluator)
    return []


def _assigned(bindings: Iterable) -> Scoped:
    return ((binding.expr, binding.scope) for binding in bindings if binding.expr is not None)


def _attribute_values(node: cst.Attribute, scope: Scope, evaluator: Evaluator) -> Scoped:
    """What ``obj.attr`` was assigned, for a local object or class (``self.model = "..."``)."""
    for base in evaluator.eval(node.value, scope):
        if isinstance(base, (LocalObj, LocalClass)):
            yield from _assigned(_members(base, node.attr.value))


def _call_defaults(node: cst.Call, scope: Scope, evaluator: Evaluator) -> Scoped:
    """An environment look-up's default (``os.getenv("MODEL", "...")``), a field's (``Field(default="...")``)."""
    if len(node.args) >= 2 and _is_env_lookup(node, scope, evaluator):
        return [(node.args[1].value, scope)]
    if _last(node.func) in FIELD_SPECS:  # `Field(default="all-MiniLM-L6-v2")`
        return [
            (arg.value, scope)
            for index, arg in enumerate(node.args)
            if (arg.keyword is None and index == 0)
            or (arg.keyword is not None and arg.keyword.value == "default")
        ]
    return []


def _members(base: LocalObj | LocalClass, name: str) -> list:
    info = base.info
    found = list(info.attributes.get(name, []))
    if info.body is not None:
        found += info.body.bindings.get(name, [])
    return found


def _is_env_lookup(call: cst.Call, scope: Scope, evaluator: Evaluator) -> bool:
    return any(isinstance(v, Mod) and v.name in ENV_LOOKUPS for v in evaluator.eval(call.func, scope))


def _named_models(collector: Collector, evaluator: Evaluator) -> Iterator[int]:
    """Literals assigned to names that hold models (``MODEL = "..."``, ``self.model_name = "..."``)."""
    for target, value, scope in collector.assignments:
        name = (
            target.value
            if isinstance(target, cst.Name)
            else target.attr.value
            if isinstance(target, cst.Attribute)
            else None
        )
        if name is not None and MODEL_ID_NAMES.match(name):
            yield from _literals(value, scope, evaluator)
    for info in collector.classes:
        # A provider class's default model: `class LMStudio(OpenAILike): id = "qwen2.5-7b-instruct"; provider = ...`.
        bindings = info.body.bindings if info.body is not None else {}
        if "provider" in bindings:
            for binding in bindings.get("id", []):
                if binding.expr is not None:
                    yield from _literals(binding.expr, binding.scope, evaluator)


def _engine_model_tables(collector: Collector) -> Iterator[int]:
    """The string keys and items of a table named for the engine that serves its models (``OLLAMA_MODELS``)."""
    for target, value, _scope in collector.assignments:
        if not ENGINE_MODEL_TABLES.match(_last(target) or ""):
            continue
        if isinstance(value, cst.Dict):
            entries = [e.key for e in value.elements if isinstance(e, cst.DictElement)]
        else:
            entries = [e.value for e in getattr(value, "elements", ()) if isinstance(e, cst.Element)]
        yield from (id(entry) for entry in entries if isinstance(entry, cst.SimpleString))


def _last(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def _option_defaults(collector: Collector, evaluator: Evaluator) -> Iterator[int]:
    """``default=`` of argparse/click/typer options named like a model (``--model``, ``--model-path``, ``--repo-id``)."""
    for call, scope in collector.calls:
        builder = call.func.attr.value if isinstance(call.func, cst.Attribute) else dotted_name(call.func)
        if builder not in OPTION_BUILDERS or not _names_a_model(call):
            continue
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "default":
                yield from _literals(arg.value, scope, evaluator)
        first = call.args[0].value if call.args and call.args[0].keyword is None else None
        if builder in ("Option", "Argument") and isinstance(first, cst.SimpleString) and not _is_flag(first):
            yield id(first)  # typer.Option("llama3", "--model")


def _names_a_model(call: cst.Call) -> bool:
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString) and (arg.keyword is None or arg.keyword.value == "dest"):
            text = arg.value.raw_value.lstrip("-").replace("-", "_")
            if MODEL_ID_NAMES.match(text) or text.lower() in MODEL_KEYWORDS:
                return True
    return False


def _is_flag(node: cst.SimpleString) -> bool:
    return node.raw_value.startswith("-")


def _provider_model_ids(collector: Collector) -> Iterator[int]:
    """A ``provider_model_id=`` string on a call of any class: a model registry's entry names the provider's id."""
    for call, _scope in collector.calls:
        yield from (
            id(arg.value)
            for arg in call.args
            if arg.keyword is not None
            and arg.keyword.value == "provider_model_id"
            and isinstance(arg.value, cst.SimpleString)
        )


def _parameter_defaults(collector: Collector) -> Iterator[int]:
    """Defaults of parameters named like a model (``def main(model: str = "llama3")``, typer ``Option("llama3")``)."""
    for info, _ in collector.functions:
        params = info.node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.default is None or not MODEL_ID_NAMES.match(param.name.value):
                continue
            default = param.default
            if isinstance(default, cst.Call) and default.args and default.args[0].keyword is None:
                default = default.args[0].value
            if isinstance(default, cst.SimpleString):
                yield id(default)
