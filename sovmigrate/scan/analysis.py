"""The public per-module analysis that the scanner's findings and the codemods are both made from.

    >>> import libcst as cst
    >>> from sovmigrate.scan.analysis import analyse
    >>> analysis = analyse(cst.parse_module(b"from llama_cpp import Llama\\nllm = Llama('m.gguf')\\nllm('Hi')\\n"))
    >>> [(site.api, site.resolution) for site in analysis.calls]
    [('llama_cpp.Llama', 'resolved'), ('llama_cpp.Llama#__call__', 'resolved')]

Every node the analysis hands out is a node of the module it was given (identity, not equality), so a
codemod matches its transformer's ``original_node`` against ``site.node`` with ``is``. Nothing scanned is
imported or executed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import libcst as cst

from sovmigrate.rules import Kind, Rule
from sovmigrate.rules.hosted import ROUTER_ENTRY_POINTS
from sovmigrate.rules.vocabulary import (
    DEFERRED_CALLS,
    REFERENCE_GENERATOR_API,
    REFERENCE_GENERATORS,
    REFERENCE_ROOTS,
)
from sovmigrate.scan import flows, options, outbound, passes, templates
from sovmigrate.scan.bindings import Collector, ImportBinding, Scope, string_value
from sovmigrate.scan.matching import CompiledCatalog, compiled_catalog
from sovmigrate.scan.model_positions import model_positions
from sovmigrate.scan.passes import RawFinding
from sovmigrate.scan.positions import Span, node_spans
from sovmigrate.scan.project import Exports, Summary, summarise, values_of
from sovmigrate.scan.resolve import Evaluator, api_of
from sovmigrate.scan.values import ExtClass, Inst, LocalClass, Mod, Value
from sovmigrate.scan.walk import walk

__all__ = ["Argument", "CallSite", "ImportBinding", "ModuleAnalysis", "RawFinding", "References", "analyse"]

RESOLVED, AMBIGUOUS, INFERRED = "resolved", "ambiguous", "inferred"


@dataclass(frozen=True, eq=False)
class Argument:
    """One argument of a call: ``keyword`` for ``k=v``, ``position`` for the n-th positional one."""

    node: cst.Arg
    keyword: str | None
    position: int | None
    star: str  # "", "*" or "**"

    @property
    def value(self) -> cst.BaseExpression:
        return self.node.value


@dataclass(frozen=True, eq=False)
class CallSite:
    """A call whose callee resolved to a vendor API.

    ``resolution`` is ``resolved`` (one API, one origin, every binding of the receiver known),
    ``ambiguous`` (several APIs or origins, or a receiver rebound to something unknown) or ``inferred``
    (receiver unknown; the method name exists on one vendor's objects only). Codemods act on resolved
    sites only.
    """

    node: cst.Call
    api: str
    rules: tuple[Rule, ...]
    receiver: cst.BaseExpression | None
    method: str | None
    arguments: tuple[Argument, ...]
    origins: tuple[cst.Call, ...]
    host: str | None
    resolution: str
    is_await: bool = False
    subclass: cst.ClassDef | None = None  # built through a local subclass of the vendor class
    scope: Scope | None = field(default=None, repr=False)

    def argument(self, keyword: str, position: int | None = None) -> Argument | None:
        """The argument passed as ``keyword=`` or, when ``position`` is given, as that positional argument."""
        for argument in self.arguments:
            if argument.keyword == keyword or (position is not None and argument.position == position):
                return argument
        return None

    @property
    def has_star_arguments(self) -> bool:
        """``*args``/``**kwargs`` pass-through: the keywords the call receives are not all visible."""
        return any(argument.star for argument in self.arguments)


@dataclass(frozen=True)
class References:
    """Where the object one call built flows in the module.

    ``bindings``: the assignment targets (names, ``self.`` attributes, ``with ... as`` names) that hold it;
    ``calls``: the call sites on it; ``tests``: harmless reads (``if llm is None``); ``escapes``: every other
    use, with a reason (``argument``, ``returned``, ``stored``, ``container``, ``attribute``, ``other``). A
    codemod that replaces the object must handle each escape or leave the site manual.
    """

    bindings: tuple[cst.CSTNode, ...]
    calls: tuple[CallSite, ...]
    tests: tuple[cst.CSTNode, ...]
    escapes: tuple[tuple[cst.CSTNode, str], ...]


class ModuleAnalysis:
    """What one module imports and calls of vendor APIs, and the findings made from it."""

    def __init__(
        self,
        module: cst.Module,
        collector: Collector,
        evaluator: Evaluator,
        calls: list[CallSite],
        findings: list[RawFinding],
    ) -> None:
        self.module = module
        self.imports: tuple[ImportBinding, ...] = tuple(collector.import_bindings)
        self.calls: tuple[CallSite, ...] = tuple(calls)
        self.findings: tuple[RawFinding, ...] = tuple(findings)
        self._collector = collector
        self._evaluator = evaluator

    def exports(self) -> Exports:
        """What this module offers other modules: each module-level name bound to something vendor-related."""
        exported: Exports = {}
        generators = self._reference_generators()
        for name, bindings in self._collector.module_scope.bindings.items():
            summaries = summarise(self._evaluator.binding_values(bindings, 0), self._evaluator)
            if name in generators:
                summaries = [["sym", REFERENCE_GENERATOR_API]]
            if summaries:
                exported[name] = summaries
        proxied = passes.proxied_module(self._collector, self._evaluator.catalog)
        if proxied is not None:  # a lazy loader's module: every other name is the vendor module's
            exported["__getattr__"] = [["sym", proxied]]
        return exported

    def _reference_generators(self) -> frozenset[str]:
        """The classes of a project's own generator module over Meta's reference code (``REFERENCE_GENERATORS``)."""
        module = self._collector.module or ""
        names = REFERENCE_GENERATORS.get(module.rpartition(".")[2])
        if not names or not any(
            (b.qualified + ".").startswith(tuple(f"{root}." for root in REFERENCE_ROOTS))
            for b in self.imports
        ):
            return frozenset()
        return frozenset(
            info.node.name.value for info in self._collector.classes if info.node.name.value in names
        )

    def imported_names(self) -> list[str]:
        """The absolute names the module's imports bind, vendor modules left out (for the import table)."""
        names = (self._collector.absolute(b.qualified) for b in self.imports)
        return sorted({n for n in names if n and not self._evaluator.catalog.is_vendor(n)})

    def spans(self, nodes: Iterable[cst.CSTNode]) -> dict[int, Span]:
        """``id(node)`` -> (line, column, end_line, end_column); lines 1-based, columns 0-based."""
        return node_spans(self.module, nodes)

    def imports_of(self, prefix: str) -> list[ImportBinding]:
        """Import bindings whose qualified name is ``prefix`` or inside it (``llama_cpp`` -> ``llama_cpp.Llama``)."""
        return [b for b in self.imports if b.qualified == prefix or b.qualified.startswith(prefix + ".")]

    def calls_from(self, origin: cst.Call) -> tuple[CallSite, ...]:
        """The call sites made on the object that ``origin`` built (the construction itself excluded)."""
        return tuple(s for s in self.calls if origin in s.origins and s.node is not origin)

    def value_of(self, node: cst.BaseExpression, scope: Scope | None = None) -> frozenset[Value]:
        """What an expression resolves to (in the module scope unless ``scope`` is given)."""
        return self._evaluator.eval(node, scope or self._scope_of(node))

    # ------------------------------------------------------------ lazily indexed: parents, loads

    @cached_property
    def _index(self) -> _UseIndex:
        return _UseIndex(self.module, self._collector)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self._index.parents.get(id(node))

    def statement(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost simple or compound statement that contains ``node``."""
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(
            current, (cst.BaseSmallStatement, cst.BaseCompoundStatement)
        ):
            current = self.parent(current)
        return current

    def _scope_of(self, node: cst.CSTNode) -> Scope:
        return self._index.scopes.get(id(node), self._collector.module_scope)

    def is_used(self, binding: ImportBinding) -> bool:
        """Whether any code (or ``__all__``) reads the name an import binds."""
        for name, scope in self._index.names:
            if name.value == binding.local and binding.binding in self._evaluator.lookup(name.value, scope):
                return True
        return binding.local in self._exported

    @cached_property
    def _exported(self) -> frozenset[str]:
        for target, value, scope in self._collector.assignments:
            is_all = (
                scope is self._collector.module_scope
                and isinstance(target, cst.Name)
                and target.value == "__all__"
            )
            if is_all and isinstance(value, (cst.List, cst.Tuple)):
                return frozenset(filter(None, (string_value(e.value) for e in value.elements)))
        return frozenset()

    def references(self, origin: cst.Call) -> References:
        """Every place the object built by ``origin`` flows to (see :class:`References`)."""
        wanted = id(origin)
        holds = self._holds(wanted)
        bindings = tuple(
            t for t, v, s in self._collector.assignments if holds(v, s) and _is_binding_target(t)
        )
        calls, tests, escapes = [], [], []
        sites = {id(s.node): s for s in self.calls if origin in s.origins}
        for node, scope in self._index.chains:
            if not holds(node, scope):
                continue
            use, reason = self._classify(node, sites)
            if use == "call":
                calls.append(sites[id(self.parent(node))])
            elif use == "test":
                tests.append(node)
            elif use == "escape":
                escapes.append((node, reason))
        return References(bindings, tuple(dict.fromkeys(calls)), tuple(tests), tuple(escapes))

    def _holds(self, wanted: int):
        def holds(node: cst.BaseExpression, scope: Scope) -> bool:
            return any(isinstance(v, Inst) and v.origin == wanted for v in self._evaluator.eval(node, scope))

        return holds

    def _classify(self, node: cst.CSTNode, sites: dict[int, CallSite]) -> tuple[str, str]:
        parent = self.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            return ("call", "") if id(parent) in sites else ("escape", "unresolved call")
        if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.NamedExpr)) and parent.value is node:
            targets = (
                [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            )
            return ("alias", "") if all(_is_binding_target(t) for t in targets) else ("escape", "stored")
        if isinstance(parent, cst.WithItem) and parent.item is node:
            return "alias", ""
        if isinstance(
            parent, (cst.Comparison, cst.ComparisonTarget, cst.If, cst.While, cst.UnaryOperation, cst.IfExp)
        ):
            return "test", ""
        return "escape", _ESCAPE_REASONS.get(type(parent), "other")


_ESCAPE_REASONS: dict[type, str] = {
    cst.Arg: "argument",
    cst.Return: "returned",
    cst.Yield: "returned",
    cst.Element: "container",
    cst.StarredElement: "container",
    cst.DictElement: "container",
    cst.Subscript: "attribute",
    cst.Attribute: "attribute",
}


def _is_binding_target(target: cst.BaseExpression) -> bool:
    return isinstance(target, cst.Name) or (
        isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
    )


# Child fields whose Name nodes are not reads of a variable.
_NOT_LOADS = frozenset(
    {
        (cst.Attribute, "attr"),
        (cst.Arg, "keyword"),
        (cst.FunctionDef, "name"),
        (cst.ClassDef, "name"),
        (cst.Param, "name"),
        (cst.ImportAlias, "name"),
        (cst.AsName, "name"),
        (cst.NameItem, "name"),
        (cst.AssignTarget, "target"),
        (cst.AnnAssign, "target"),
        (cst.For, "target"),
        (cst.CompFor, "target"),
        (cst.NamedExpr, "target"),
        (cst.Del, "target"),
        (cst.ImportFrom, "module"),
        (cst.Import, "names"),
    }
)
_SCOPED_BODIES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_UNPACKING = (cst.Tuple, cst.List, cst.Element, cst.StarredElement)


def _is_load(parent: cst.CSTNode, field_name: str, parent_is_load: bool) -> bool:
    """Whether the child in ``field_name`` of ``parent`` is read (stores unpack through tuples and lists)."""
    if (type(parent), field_name) in _NOT_LOADS:
        return False
    return parent_is_load or not isinstance(parent, _UNPACKING)


class _UseIndex:
    """Parents, scopes and variable reads of a module, built on first use (codemods only)."""

    def __init__(self, module: cst.Module, collector: Collector) -> None:
        self.parents: dict[int, cst.CSTNode] = {}
        self.scopes: dict[int, Scope] = {}
        self.names: list[tuple[cst.Name, Scope]] = []  # every Name read
        self.chains: list[tuple[cst.BaseExpression, Scope]] = []  # outermost Name/Attribute reads
        self._collector = collector
        self._index(module)

    def _index(self, module: cst.Module) -> None:
        from sovmigrate.scan.walk import child_fields

        stack: list[tuple[cst.CSTNode, Scope, bool]] = [(module, self._collector.module_scope, True)]
        while stack:
            node, scope, is_load = stack.pop()
            self.scopes[id(node)] = scope
            self._record(node, scope, is_load)
            for name, child in child_fields(node):
                child_scope = (
                    self._collector.scopes.get(id(node), scope)
                    if name == "body" and isinstance(node, _SCOPED_BODIES)
                    else scope
                )
                self.parents[id(child)] = node
                stack.append((child, child_scope, _is_load(node, name, is_load)))

    def _record(self, node: cst.CSTNode, scope: Scope, is_load: bool) -> None:
        if not is_load or not isinstance(node, (cst.Name, cst.Attribute)):
            return
        if isinstance(node, cst.Name):
            self.names.append((node, scope))
        parent = self.parents.get(id(node))
        if not (isinstance(parent, cst.Attribute) and parent.value is node):
            self.chains.append((node, scope))


# ---------------------------------------------------------------- building the analysis


def analyse(
    module: cst.Module,
    catalog: CompiledCatalog | None = None,
    *,
    name: str | None = None,
    is_package: bool = False,
    imports: dict[str, list[Summary]] | None = None,
) -> ModuleAnalysis:
    """Resolve every vendor call and import of ``module`` and make the scanner's findings from them.

    ``name`` is the module's dotted name in the project (for relative imports); ``imports`` its import
    table from :class:`~sovmigrate.scan.project.ProjectIndex`, so that vendor objects made in other
    modules are recognised here.
    """
    catalog = catalog or compiled_catalog()
    collector = Collector(name, is_package, catalog.read_attributes)
    walk(module, collector)
    project = {qualified: values_of(summaries) for qualified, summaries in (imports or {}).items()}
    evaluator = Evaluator(collector, catalog, project)
    findings: list[RawFinding] = []
    consumed = passes.openai_settings(collector, evaluator, catalog, findings)
    calls = list(_call_sites(collector, evaluator, catalog))
    passes.imports(collector, catalog, findings, project)
    passes.runtime_dependencies(collector, catalog, findings)
    consumed |= passes.calls(calls, catalog, findings, collector, evaluator)
    reported = passes.token_keywords(collector, evaluator, catalog, findings)
    passes.attribute_assignments(collector, evaluator, catalog, findings)
    passes.attribute_reads(collector, evaluator, catalog, findings)
    passes.client_classes_passed(collector, evaluator, catalog, findings)
    passes.client_wrappers(collector, evaluator, catalog, findings)
    hosted_classes = passes.subclasses(collector, evaluator, catalog, findings)
    consumed |= flows.subclass_initialisers(collector, evaluator, catalog, findings)
    flows.referenced_callables(collector, evaluator, catalog, calls, findings)
    flows.registered_classes(collector, evaluator, catalog, calls, findings)
    flows.engine_members(collector, catalog, calls, findings)
    flows.vendor_patches(collector, evaluator, catalog, findings)
    passes.host_imports(collector, calls, hosted_classes, catalog, findings)
    payload_models, inline_urls, base_urls = outbound.http_requests(collector, evaluator, catalog, findings)
    commands = outbound.commands(collector, evaluator, catalog, findings)
    base_urls |= outbound.engine_addresses(collector, commands)
    passes.provider_configs(collector, catalog, findings)
    model_calls = [site for site in calls if not passes.set_aside(site)]  # no model in a dataset download
    positions = model_positions(collector, evaluator, model_calls, locked=bool(findings), module=module)
    positions |= payload_models
    # After the lock: an `extra_body` named in a module is no resolved vendor object to read its model fields by.
    passes.extra_body_fields(collector, catalog, findings)
    passes.literals(collector, catalog, findings, consumed | inline_urls | commands, positions, base_urls)
    outbound.engine_bound_addresses(collector, catalog, findings)
    passes.token_integers(collector, catalog, findings, reported)
    templates.template_names(collector, findings)
    options.vendor_options(module, catalog, findings)
    flows.selectors_beside_sites(calls, findings)
    return ModuleAnalysis(module, collector, evaluator, calls, findings)


def _call_sites(collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog) -> Iterator[CallSite]:
    awaited = collector.awaited
    imported_roots = {name.split(".")[0] for _, name in collector.imports}
    for call, scope in collector.calls:
        groups = _resolved_apis(call, scope, evaluator, catalog)
        resolution = RESOLVED
        arguments = _arguments(call.args)
        # A vendor helper no rule names (`pydantic_ai._utils.run_in_executor(SentenceTransformer, name)`) is
        # treated as a callee the analysis cannot resolve: what it is handed is the site.
        unnamed = not any(catalog.rules_for_call(api, host) for api, host in groups)
        found = (
            _unresolved_site(call, scope, evaluator, catalog, imported_roots, spelled=not groups)
            if unnamed
            else None
        )
        if found is not None:
            (api, host), arguments = found
            groups, resolution = {(api, host): ([], None)}, INFERRED
        elif not groups:
            continue
        elif len(groups) > 1 or not evaluator.fully_known(call.func, scope):
            resolution = AMBIGUOUS
        passed_class = _calls_a_parameter(call, scope, evaluator)
        for (api, host), (origins, subclass) in groups.items():
            receiver, method = _receiver(call, api)
            rules = catalog.rules_for_call(api, host)
            yield CallSite(
                node=call,
                api=api,
                rules=tuple(r for r in rules if r.kind is not Kind.CLIENT) if passed_class else rules,
                receiver=receiver,
                method=method,
                arguments=arguments,
                origins=tuple(dict.fromkeys(origins)),
                host=host,
                resolution=AMBIGUOUS if len(set(map(id, origins))) > 1 else resolution,
                is_await=id(call) in awaited,
                subclass=subclass,
                scope=scope,
            )


def _calls_a_parameter(call: cst.Call, scope: Scope, evaluator: Evaluator) -> bool:
    """``cls(**kw)`` in ``def _build(self, cls)``: the class is whatever the callers pass, and the argument
    (``self._build(ollama.Client)``) is the client site, not this call."""
    if not isinstance(call.func, cst.Name):
        return False
    bindings = evaluator.lookup(call.func.value, scope)
    return bool(bindings) and all(isinstance(b.target, cst.Param) for b in bindings)


Groups = dict[tuple[str, "str | None"], tuple[list[cst.Call], "cst.ClassDef | None"]]


def _resolved_apis(call: cst.Call, scope: Scope, evaluator: Evaluator, catalog: CompiledCatalog) -> Groups:
    """The vendor APIs ``call`` may be, each with its host and the calls that built its receiver."""
    groups: Groups = {}

    def add(
        api: str, host: str | None, origins: Iterable[cst.Call], subclass: cst.ClassDef | None = None
    ) -> None:
        entry = groups.setdefault((api, host), ([], subclass))
        entry[0].extend(origins)

    # In API order, so that a receiver of several vendor types reports the same API on every run.
    for callee in sorted(evaluator.eval(call.func, scope), key=lambda v: api_of(v) or ""):
        if isinstance(callee, Mod) and catalog.is_vendor(callee.name):
            api, host = _module_call(callee, call, scope, evaluator)
            built = (
                [call]
                if any(isinstance(v, Inst) and v.origin == id(call) for v in evaluator.eval(call, scope))
                else []
            )
            add(api, host, built)
        elif isinstance(callee, Inst):
            api = api_of(callee) or ""
            if callee.path == "client":
                service = evaluator.service_arg(call, scope, 0)
                api = f"{callee.type}#client:{service}" if service else api
            host = evaluator.call_host(api, call, scope, 0) if api in ROUTER_ENTRY_POINTS else callee.host
            add(api, host, [evaluator.origins[callee.origin]] if callee.origin else [])
        elif isinstance(callee, LocalClass):
            for vendor in evaluator.vendor_bases(callee.info, 0):
                add(vendor, evaluator.call_host(vendor, call, scope, 0), [call], callee.info.node)
        elif isinstance(callee, ExtClass):
            for vendor in callee.bases:
                add(vendor, evaluator.call_host(vendor, call, scope, 0), [call])
    return groups


def _module_call(callee: Mod, call: cst.Call, scope: Scope, evaluator: Evaluator) -> tuple[str, str | None]:
    if callee.name in ("boto3.client", "aioboto3.client"):
        service = evaluator.service_arg(call, scope, 0)
        return (f"{callee.name}:{service}" if service else callee.name), None
    return callee.name, evaluator.call_host(callee.name, call, scope, 0)


def _receiver(call: cst.Call, api: str) -> tuple[cst.BaseExpression | None, str | None]:
    if "#" not in api:
        return None, None
    if api.endswith("#__call__"):
        return call.func, "__call__"
    if isinstance(call.func, cst.Attribute):
        return call.func.value, call.func.attr.value
    return call.func, "__call__"


def _unresolved_site(
    call: cst.Call,
    scope: Scope,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    imported: set[str],
    *,
    spelled: bool = True,
) -> tuple[tuple[str, str | None], tuple[Argument, ...]] | None:
    """The API of a call the receiver of which is unknown: a vendor-only method name, or a vendor inference method
    handed to a runner that calls it with the arguments that follow (``self._call_client(client.chat.completions
    .create, **kwargs)``, ``executor.submit(llm.generate, prompts)``, ``Thread(target=model.generate, kwargs=kw)``);
    an attribute handed on (``Batch(llm.n_batch)``) is not a call."""
    api = _distinctive_api(call, scope, evaluator, catalog, imported)
    if api is not None:
        return (api, None), _arguments(call.args)
    if isinstance(call.func, cst.Name) and call.func.value in _NOT_RUNNERS:
        return None
    if flows.passes_into_local_function(call, scope, evaluator):
        return None  # a function of the module: its call of the parameter is the site
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    index = DEFERRED_CALLS.get(call.func.attr.value, 0) if isinstance(call.func, cst.Attribute) else 0
    target = next(
        (arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "target"), None
    )
    handed = target or (positional[index] if len(positional) > index else None)
    if handed is not None:
        found = _handed_method(handed, scope, evaluator, catalog, bare=target is not None)
        if found is not None:
            rest = call.args[call.args.index(handed) + 1 :] if target is None else ()
            return found, _arguments(rest)
    for arg in call.args if spelled else ():
        # `compute_tokens(text, tokenizer.encode)`: a helper given a vendor method, spelled here, calls it (a vendor
        # helper's, `instructor.patch(create=llm.create_chat_completion)`, is the argument's site: flows)
        other = arg is not handed and not arg.star and isinstance(arg.value, cst.Attribute)
        found = _handed_method(arg, scope, evaluator, catalog, bare=False) if other else None
        if found is not None:
            return found, ()
    built = flows.deferred_construction(call, scope, evaluator, catalog)
    return (built[0], _arguments(built[1])) if built is not None else None


def _handed_method(
    arg: cst.Arg,
    scope: Scope,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    *,
    bare: bool,
) -> tuple[str, str | None] | None:
    """The API of a vendor method passed as an argument (``llm.generate``; with ``bare``, ``target=pipe`` too)."""
    for value in evaluator.eval(arg.value, scope):
        if isinstance(value, Inst) and (value.path or bare):
            api = api_of(value) or ""
            if any(rule.kind in _HANDED_KINDS for rule in catalog.rules_for_call(api, value.host)):
                return api, value.host
    return None


# What a function given a vendor method does with it: runs the model, or encodes and decodes with its tokenizer.
_HANDED_KINDS = (Kind.INFERENCE, Kind.TOKENIZER)

# Builtins that take a function without calling it.
_NOT_RUNNERS = frozenset(
    {"print", "getattr", "hasattr", "setattr", "isinstance", "callable", "id", "repr", "str", "type"}
)


def _arguments(args: Sequence[cst.Arg]) -> tuple[Argument, ...]:
    arguments, position = [], 0
    for arg in args:
        star = arg.star if isinstance(arg.star, str) else ""
        if arg.keyword is not None:
            arguments.append(Argument(arg, arg.keyword.value, None, ""))
        elif star:
            arguments.append(Argument(arg, None, None, star))
        else:
            arguments.append(Argument(arg, None, position, ""))
            position += 1
    return tuple(arguments)


def _distinctive_api(
    call: cst.Call, scope: Scope, evaluator: Evaluator, catalog: CompiledCatalog, imported: set[str]
) -> str | None:
    """A vendor-only method called on a receiver the analysis cannot trace, in a module importing the vendor."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return None
    entry = catalog.distinctive.get(func.attr.value)
    if entry is None:
        return None
    root, api = entry
    if root not in imported or evaluator.eval(func.value, scope):
        return None
    return api
