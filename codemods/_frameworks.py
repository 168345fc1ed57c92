"""What the LangChain and LlamaIndex codemods share: recipes for a vendor class, and how a construction and the
object it builds are rewritten to a ``sovmigrate.integrations`` class over ``connect(...)``.

    llm = LlamaCpp(model_path="m.gguf", temperature=0.7)
    →  llm = SovmigrateLLM(client=connect(default="llamacpp:m.gguf", n_ctx=512, ...), temperature=0.7, ...)

The new object is the same kind of framework object (a LangChain ``BaseLLM``/``BaseChatModel``/``Embeddings``,
a LlamaIndex ``LLM``/``BaseEmbedding``), so it may flow into chains, pipes, agents and ``Settings`` unchanged.
What cannot follow: reads of the vendor class's own attributes (``llm.client``, ``llm.model_path``), ``isinstance``
checks, subclasses, tool binding where the adapter backend cannot call tools, and call arguments that are the
engine's own names. Those sites stay manual, or unsafe, with the reason.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import libcst as cst
from sovmigrate.codemods._base import SovmigrateCodemod
from sovmigrate.codemods._calls import CallEdit
from sovmigrate.codemods._exprs import NOT_LITERAL, code, literal

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.values import Inst

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import Argument, CallSite, ModuleAnalysis

_EMPTY = cst.Module(body=())
_NO_SPACE = cst.SimpleWhitespace("")
_TYPE_CHECKS = frozenset({"isinstance", "issubclass", "type"})
# The sovmigrate extra each adapter backend needs, besides the framework's own.
BACKEND_EXTRAS = {
    "llamacpp": "llamacpp",
    "ollama": "ollama",
    "vllm": "vllm",
    "openai": "openai",
    "transformers": "transformers",
    "bedrock": "bedrock",
}

# A keyword's handler: given the argument and the construction being built, record what it becomes, or return why
# the site stays manual.
Handler = Callable[["Argument", "Construction"], str | None]


@dataclass(frozen=True)
class Recipe:
    """How one vendor class becomes a ``sovmigrate.integrations`` class (every default from its pinned source)."""

    target: str  # the class written, e.g. "ChatSovmigrate"
    module: str  # where it lives, e.g. "sovmigrate.integrations.langchain"
    backend: str  # the adapter backend of the spec
    model: tuple[str, ...]  # keywords that name the model (the first one given wins)
    model_position: int | None = None  # its position, for classes with a positional __init__
    default_model: str | None = None  # code of the model the class uses when none is given
    fields: Mapping[str, str] = field(default_factory=dict)  # keyword -> field of the target class
    options: Mapping[str, str] = field(default_factory=dict)  # keyword -> connect() option
    server_options: frozenset[str] = frozenset()  # keywords sent in connect(options={...}) (Ollama)
    pinned_fields: Mapping[str, str] = field(
        default_factory=dict
    )  # field -> code, when the original relied on it
    pinned_options: Mapping[str, str] = field(default_factory=dict)  # option -> code, likewise
    fixed_options: Mapping[str, str] = field(default_factory=dict)  # option -> code, always written
    fixed_fields: Mapping[str, str] = field(default_factory=dict)  # field -> code, always written
    kept: frozenset[str] = frozenset()  # framework keywords the target takes unchanged (callbacks, tags...)
    inert: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)  # keyword -> harmless literal values
    manual: Mapping[str, str] = field(default_factory=dict)  # keyword -> why it needs a manual port
    handlers: Mapping[str, Handler] = field(default_factory=dict)  # keywords that need their own treatment
    attributes: frozenset[str] = frozenset()  # attributes and methods the target has with the same meaning
    tools: bool = False  # whether the vendor class binds tools (the adapter backend may not)
    absent: Mapping[str, str] = field(
        default_factory=dict
    )  # keyword -> why leaving it out makes the fix unsafe
    safety: FixSafety = FixSafety.SAFE
    reason: str = ""  # why the rewrite is unsafe for every site of this class


@dataclass
class Construction:
    """The parts of the new call, gathered argument by argument."""

    recipe: Recipe
    arguments: tuple[cst.Arg, ...] = ()  # the original call's arguments, in order
    model: cst.BaseExpression | None = None
    options: list[tuple[str, str]] = field(default_factory=list)  # (option, code)
    server_options: list[tuple[str, str]] = field(default_factory=list)  # (Ollama option, code)
    fields: list[tuple[str, str]] = field(default_factory=list)  # (field, code) added to the call
    renames: dict[str, str] = field(default_factory=dict)  # keyword kept in place under a new name
    dropped: list[cst.Arg] = field(default_factory=list)
    given: set[str] = field(default_factory=set)  # fields and options the original gave
    unsafe: list[str] = field(default_factory=list)

    def option(self, name: str, value: cst.BaseExpression | str) -> None:
        self.options.append((name, value if isinstance(value, str) else code(value)))
        self.given.add(name)

    def field(self, name: str, value: cst.BaseExpression | str) -> None:
        self.fields.append((name, value if isinstance(value, str) else code(value)))
        self.given.add(name)


@dataclass
class Plan:
    """A decided rewrite of one construction: its safety and the edit."""

    safety: FixSafety
    reason: str
    build: Callable[[cst.Call], cst.Call]


# ---------------------------------------------------------------------------------------------- small helpers


def short(node: cst.CSTNode) -> str:
    """A short, line-independent rendering of a node for reasons."""
    if isinstance(node, cst.Call):
        return f"{short(node.func)}(...)"
    text = " ".join(code(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def spec(backend: str, model: cst.BaseExpression) -> str:
    """Code of ``"backend:" + model``: one string literal, an f-string, or a concatenation."""
    value = literal(model)
    if isinstance(value, str) and isinstance(model, cst.SimpleString):
        return (
            repr(f"{backend}:{value}").replace("'", '"') if '"' not in value else repr(f"{backend}:{value}")
        )
    text = code(model).strip()
    if isinstance(model, (cst.Name, cst.Attribute)) and "\n" not in text:
        return f'f"{backend}:{{{text}}}"'
    return f'"{backend}:" + str({text})'


def dict_items(node: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]] | None:
    """The ``(key, value)`` pairs of a dict display with literal string keys, else None."""
    if isinstance(node, cst.Call) and code(node.func).strip() == "dict" and all(a.keyword for a in node.args):
        return [(a.keyword.value, a.value) for a in node.args]  # type: ignore[union-attr]
    if not isinstance(node, cst.Dict):
        return None
    items = []
    for element in node.elements:
        key = literal(element.key) if isinstance(element, cst.DictElement) else NOT_LITERAL
        if not isinstance(key, str):
            return None
        items.append((key, element.value))  # type: ignore[union-attr]
    return items


def connection_name(analysis: ModuleAnalysis, node: cst.Call, taken: set[str]) -> str:
    """A ``name=`` for the connection, from the variable or attribute the object is stored in."""
    parent = analysis.parent(node)
    target = parent.targets[0].target if isinstance(parent, cst.Assign) else getattr(parent, "target", None)
    base = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", "model")
    name = re.sub(r"[^A-Za-z0-9_-]", "_", str(base)) or "model"
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------- constructions
def plan_construction(
    codemod: SovmigrateCodemod, site: CallSite, recipe: Recipe, name: str | None
) -> Plan | str:
    """The rewrite of a vendor class's construction, or why it stays manual."""
    if site.subclass is not None:
        return "the object is built through a subclass of the vendor class; port the subclass by hand"
    if site.has_star_arguments:
        return "arguments passed through *args/**kwargs cannot be mapped to the new class"
    built = Construction(recipe, arguments=tuple(site.node.args))
    for argument in site.arguments:
        why = _classify(argument, built)
        if why:
            return why
    if built.model is None and recipe.default_model is None:
        return "the model is not given here"
    given = {a.keyword for a in site.arguments if a.keyword}
    built.unsafe += [why for keyword, why in recipe.absent.items() if keyword not in given]
    return Plan(
        FixSafety.UNSAFE if built.unsafe or recipe.safety is FixSafety.UNSAFE else FixSafety.SAFE,
        "; ".join([*([recipe.reason] if recipe.reason else []), *built.unsafe]),
        _builder(codemod, built, name),
    )


def _classify(argument: Argument, built: Construction) -> str | None:
    """Record what becomes of one argument of the old construction; the reason it blocks the rewrite, if any."""
    recipe = built.recipe
    keyword = argument.keyword
    if keyword is None:
        return _positional(argument, built)
    if keyword in recipe.model:
        if built.model is None:
            built.model = argument.value
        built.dropped.append(argument.node)
        return None
    if keyword in recipe.handlers:
        return recipe.handlers[keyword](argument, built)
    if keyword in recipe.kept:
        return None
    if keyword in recipe.fields:
        if recipe.fields[keyword] != keyword:
            built.renames[keyword] = recipe.fields[keyword]
        built.given.add(recipe.fields[keyword])
        return None
    return _moved_or_manual(argument, keyword, built)


def _positional(argument: Argument, built: Construction) -> str | None:
    if argument.position == built.recipe.model_position:
        built.model = argument.value
        built.dropped.append(argument.node)
        return None
    return f"positional argument `{short(argument.value)}` has no counterpart in the new class"


def _moved_or_manual(argument: Argument, keyword: str, built: Construction) -> str | None:
    """An argument dropped at its inert value, moved into the adapter's options, or left for a person."""
    recipe = built.recipe
    value = literal(argument.value)
    if keyword in recipe.inert and value is not NOT_LITERAL and value in recipe.inert[keyword]:
        pass
    elif keyword in recipe.options:
        built.option(recipe.options[keyword], argument.value)
    elif keyword in recipe.server_options:
        built.server_options.append((keyword, code(argument.value)))
    else:
        return recipe.manual.get(
            keyword, f"`{keyword}=` has no counterpart in `{recipe.target}` or the adapter"
        )
    built.dropped.append(argument.node)
    return None


def _builder(
    codemod: SovmigrateCodemod, built: Construction, name: str | None
) -> Callable[[cst.Call], cst.Call]:
    recipe = built.recipe
    options = {k: v for k, v in recipe.fixed_options.items() if k not in built.given}
    options.update(built.options)  # a later value of the same option wins, as it did in the original
    options.update((k, v) for k, v in recipe.pinned_options.items() if k not in built.given)
    if built.server_options:
        options["options"] = "{" + ", ".join(f"{k!r}: {v}" for k, v in built.server_options) + "}"
    fields = dict(built.fields)
    fields.update((k, v) for k, v in recipe.pinned_fields.items() if k not in built.given)
    fields.update((k, v) for k, v in recipe.fixed_fields.items() if k not in fields)
    model = spec(
        recipe.backend, built.model if built.model is not None else cst.parse_expression(recipe.default_model)
    )
    positions = [i for i, arg in enumerate(built.arguments) if any(arg is d for d in built.dropped)]

    def build(call: cst.Call) -> cst.Call:
        connect = codemod.import_name("sovmigrate.adapter", "connect")
        target = codemod.import_name(recipe.module, recipe.target)
        head = [
            f"default={model}",
            *([f'name="{name}"'] if name else []),
            *(f"{k}={v}" for k, v in options.items()),
        ]
        client = codemod.expr(_environ(codemod, f"{connect}({_arguments(call, head)})"))
        edit = CallEdit(call)
        edit.func = cst.Name(target)
        for arg in [call.args[i] for i in positions]:  # the updated call's arguments, in the original's order
            edit.drop(arg)
        for old, new in built.renames.items():
            edit.rename(old, new)
        edit.insert(0, cst.Arg(keyword=cst.Name("client"), value=client, equal=_EQUAL))
        for key, value in fields.items():
            edit.set(key, codemod.expr(_environ(codemod, value)))
        return edit.build()

    return build


def _arguments(call: cst.Call, parts: list[str]) -> str:
    """``parts`` joined as the arguments of a call nested in ``call``: one a line when ``call`` is written so."""
    opening = call.whitespace_before_args
    if not isinstance(opening, cst.ParenthesizedWhitespace) or len(", ".join(parts)) < 60:
        return ", ".join(parts)
    indent = opening.last_line.value
    inner = f"{indent}{' ' * 4 if not indent.startswith(chr(9)) else chr(9)}"
    return "\n" + "".join(f"{inner}{part},\n" for part in parts) + indent


def _environ(codemod: SovmigrateCodemod, text: str) -> str:
    """``text`` with ``$environ`` (an environment lookup in a recipe) naming ``os.environ`` as imported here."""
    return text.replace("$environ", codemod.import_name("os", "environ")) if "$environ" in text else text


_EQUAL = cst.AssignEqual(_NO_SPACE, _NO_SPACE)


# ---------------------------------------------------------------------------------------------- the object's uses
CALL_KEYWORDS = frozenset(
    {"config", "stop", "callbacks", "tags", "metadata", "run_name", "run_id", "formatted"}
)
NEUTRAL = frozenset(
    {
        "max_tokens",
        "temperature",
        "top_p",
        "top_k",
        "min_p",
        "typical_p",
        "repetition_penalty",
        "presence_penalty",
        "frequency_penalty",
        "seed",
        "stop",
        "response_format",
    }
)


@dataclass
class Uses:
    """What the object a construction builds is used for: calls rewritten with it, and what blocks or taints it."""

    members: list[tuple[CallSite, str]] = field(default_factory=list)  # (call, rule) of the handled call rule
    blocked: list[tuple[cst.CSTNode, str]] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)


def object_uses(
    analysis: ModuleAnalysis, site: CallSite, recipe: Recipe, call_rule: str, handled: Mapping[int, str]
) -> Uses:
    """Classify every use of the object ``site`` builds (``handled``: id of call node -> rule, of our sites)."""
    from sovmigrate.adapter import backend_capabilities

    uses = Uses()
    vendor = site.api.rsplit(".", 1)[-1]
    no_tools = recipe.tools and not backend_capabilities(recipe.backend).tools
    refs = analysis.references(site.node)
    for call in refs.calls:
        why = _call_use(call, recipe, vendor, no_tools)
        if why:
            uses.blocked.append((call.node, why))
        elif handled.get(id(call.node)) == call_rule:
            uses.members.append((call, call_rule))
        if call.method in _UNSAFE_METHODS.get(vendor, {}):
            uses.unsafe.append(_UNSAFE_METHODS[vendor][call.method])
    reads = [(node, why) for node, why in refs.escapes]
    reads += [(value, "alias") for value in _aliased_values(analysis, refs.bindings)]
    for node, why in reads:
        _escape_use(analysis, site, node, why, recipe, vendor, no_tools, uses)
    return uses


_UNSAFE_METHODS = {
    "LlamaCpp": {
        "get_num_tokens": "LlamaCpp counted tokens with the BOS token; the new class counts the text's own"
    },
    "ChatOllama": {
        "with_structured_output": "structured output goes through the engine's JSON schema (format=), not "
        "ChatOllama's own parsing"
    },
}


def _call_use(call: CallSite, recipe: Recipe, vendor: str, no_tools: bool) -> str:
    """Why a call on the object cannot stay as it is (empty when it can)."""
    chain = call.api.split("#", 1)[1] if "#" in call.api else ""
    first = chain.split(".", 1)[0]
    if "." in chain and first not in recipe.attributes:
        return f"`{short(call.node)}` uses `{first}`, an attribute of {vendor} that {recipe.target} lacks"
    if first == "bind_tools" and no_tools:
        return f"the adapter's {recipe.backend} backend cannot call tools (`bind_tools`)"
    if first not in recipe.attributes and first != "__call__":
        return f"`{first}()` is a method of {vendor} that {recipe.target} lacks"
    for argument in call.arguments:
        name = argument.keyword
        if name and name not in CALL_KEYWORDS and name not in NEUTRAL and not first.startswith("with_"):
            return f"`{name}=` in `{short(call.node)}` is {vendor}'s own parameter; the new class takes neutral ones"
    return ""


def _aliased_values(analysis: ModuleAnalysis, bindings: tuple[cst.CSTNode, ...]) -> list[cst.BaseExpression]:
    """The values assigned to each binding (``x = llm.client`` binds an attribute of the object to ``x``)."""
    values = []
    for target in bindings:
        parent = analysis.parent(target)
        statement = analysis.parent(parent) if isinstance(parent, cst.AssignTarget) else parent
        if isinstance(statement, (cst.Assign, cst.AnnAssign)) and statement.value is not None:
            values.append(statement.value)
    return values


def _escape_use(
    analysis: ModuleAnalysis,
    site: CallSite,
    node: cst.CSTNode,
    why: str,
    recipe: Recipe,
    vendor: str,
    no_tools: bool,
    uses: Uses,
) -> None:
    paths = [v.path for v in analysis.value_of(node) if isinstance(v, Inst) and v.origin == id(site.node)]  # type: ignore[arg-type]
    path = next((p for p in paths if p), "")
    if path:
        attribute = path.split(".", 1)[0]
        if attribute not in recipe.attributes:
            uses.blocked.append((node, f"`{short(node)}` reads `{attribute}`, which {recipe.target} lacks"))
        return
    if why != "argument":
        return
    call = analysis.parent(analysis.parent(node))
    if isinstance(call, cst.Call) and code(call.func).strip() in _TYPE_CHECKS:
        uses.blocked.append((call, f"`{short(call)}` checks for the vendor class"))
    elif no_tools and isinstance(call, cst.Call):
        uses.unsafe.append(
            f"the object is passed to `{short(call)}`, which may bind tools; the adapter's {recipe.backend} "
            "backend cannot call tools"
        )


# ---------------------------------------------------------------------------------------------- the codemod
class FrameworkCodemod(SovmigrateCodemod):
    """Rewrite a framework's vendor classes (``CONSTRUCTION`` sites) and keep the calls on them (``CALLS``)."""

    CONSTRUCTION: ClassVar[str]
    CALLS: ClassVar[str]
    GROUP_REASON = "rewritten with its construction"

    @abstractmethod
    def recipe(self, site: CallSite) -> Recipe | str:
        """The recipe for the class ``site`` constructs, or why it has none."""

    def plan(self) -> None:
        sites = list(self.call_sites())
        handled = {id(site.node): rule for site, rule in sites}
        constructions = [site for site, rule in sites if rule == self.CONSTRUCTION]
        names: set[str] = set()
        grouped: set[int] = set()
        for site in constructions:
            name = connection_name(self.analysis, site.node, names) if len(constructions) > 1 else None
            grouped |= self._decide(site, handled, name)
        for site, rule in sites:
            if rule == self.CALLS and id(site.node) not in grouped:
                self.manual(
                    site.node,
                    rule,
                    "the object is not built in this module by a construction the codemod rewrites; "
                    "rewrite its construction",
                )

    def _decide(self, site: CallSite, handled: Mapping[int, str], name: str | None) -> set[int]:
        """Decide one construction and the calls on its object; return the ids of the calls decided with it."""
        recipe = self.recipe(site)
        if isinstance(recipe, str):
            members = [
                c for c in self.analysis.references(site.node).calls if handled.get(id(c.node)) == self.CALLS
            ]
            self._manual_group(site, members, [(site.node, recipe)])
            return {id(c.node) for c in members}
        uses = object_uses(self.analysis, site, recipe, self.CALLS, handled)
        members = [call for call, _ in uses.members]
        plan = plan_construction(self, site, recipe, name)
        blocked = [(site.node, plan)] if isinstance(plan, str) else uses.blocked
        if blocked:
            self._manual_group(site, members, blocked)
            return {id(c.node) for c in members} | {id(node) for node, _ in blocked}
        assert isinstance(plan, Plan)
        reasons = [r for r in (plan.reason, *uses.unsafe) if r]
        safety = FixSafety.UNSAFE if reasons else FixSafety.SAFE
        reason = "; ".join(dict.fromkeys(reasons))
        extra = f"{self.EXTRA},{BACKEND_EXTRAS[recipe.backend]}"
        applied = self.fix(site.node, self.CONSTRUCTION, safety, reason, extra=extra)
        for call in members:
            self.fix(
                call.node, self.CALLS, safety, f"{self.GROUP_REASON}: {reason}" if reason else "", extra=extra
            )
        if applied:
            self.replace(site.node, plan.build)
            for binding in self.analysis.imports:
                if site.api == binding.qualified or site.api.startswith(binding.qualified + "."):
                    self.remove_import_if_unused(binding)
        return {id(c.node) for c in members}

    def _manual_group(
        self, site: CallSite, members: list[CallSite], blocked: list[tuple[cst.CSTNode, str]]
    ) -> None:
        why = blocked[0][1]
        for blocked_node, reason in blocked:
            if handled_rule := self._rule_of(blocked_node, members):
                self.manual(blocked_node, handled_rule, reason)
        self.manual(site.node, self.CONSTRUCTION, why)
        for call in members:
            self.manual(
                call.node, self.CALLS, f"the object built by `{short(site.node)}` stays as it is: {why}"
            )

    def _rule_of(self, node: cst.CSTNode, members: list[CallSite]) -> str | None:
        return self.CALLS if any(call.node is node for call in members) else None
