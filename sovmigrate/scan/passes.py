"""The scanner's findings, one pass per matcher kind, made from the module analysis.

Each pass reads what the collecting pass recorded and what the evaluator resolved, and appends
:class:`~sovmigrate.scan.analysis.RawFinding` entries: ``api`` is the machine key (an API string, a
module, a model id, a token keyword), ``text`` what a report shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from sovmigrate.rules import Calls, Kind, Rule
from sovmigrate.rules.vocabulary import (
    CLIENT_WRAPPERS,
    DEPENDENCY_LISTS,
    ENGINE_SERVER_APIS,
    EXTRA_BODY_API,
    OPENAI_BASE_ATTRIBUTES,
    OPENAI_BASE_ENV,
    PROVIDER_MODEL_PREFIXES,
    RUNTIME_INSTALLERS,
    URL_KEYWORDS,
    VENDORED_COPIES,
)
from sovmigrate.scan import hosts
from sovmigrate.scan.bindings import (
    Collector,
    FuncInfo,
    ImportBinding,
    Scope,
    dotted_name,
    lazy_module_names,
    runtime_import,
    string_value,
)
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.resolve import Evaluator
from sovmigrate.scan.values import Inst, LocalFunc, Mod, Str

if TYPE_CHECKING:
    from sovmigrate.rules.model import Literal
    from sovmigrate.scan.analysis import CallSite


@dataclass(eq=False)
class RawFinding:
    """A rule match on a node, before positions and suppressions: ``api`` is the machine key, ``text`` the
    display text (defaults to ``api``)."""

    rule: Rule
    node: cst.CSTNode
    api: str
    details: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def __post_init__(self) -> None:
        self.text = self.text or self.api


_finding = RawFinding
_DICT_DEPTH = 3
SELF_FIELDS = 0  # the scope key of keys packed into ``self.`` fields: they cross the class's methods
# Methods that copy a dict or model with changed keys (``options.model_copy(update={"num_ctx": n})``).
DICT_COPIES = ("model_copy", "copy")


def imports(
    collector: Collector,
    catalog: CompiledCatalog,
    findings: list[RawFinding],
    project: dict[str, frozenset[Any]] | None = None,
) -> None:
    """Import statements of vendor modules: one finding per imported module, or, for a statement whose
    module has no rule, one for the first imported name that has one (``from huggingface_hub import
    InferenceClient``, ``from langchain_community.llms import LlamaCpp``); and runtime imports of vendor modules
    (``importlib.import_module("together")``). Relative imports of a copy of a vendor package in the project count
    (``from ..llama.generation import Llama``; see ``VENDORED_COPIES``), and so do imports of such a copy
    through the project (``from .llama import Llama``, the ``project`` table), but not the copy's own imports."""
    reported: set[int] = set()
    for node, module_name in collector.imports:
        found = _module_import(node, module_name, catalog)
        if found is not None:
            findings.append(_finding(found[0], node, found[1]))
            reported.add(id(node))
    for binding in collector.import_bindings:
        statement = binding.statement
        name = None if id(statement) in reported else _imported_vendor_name(binding, collector, project or {})
        rule = catalog.import_rule(name) if name is not None else None
        if rule is not None:
            findings.append(_finding(rule, statement, name))
            reported.add(id(statement))
    for call, _scope in collector.calls:
        module = runtime_import(call, collector.call_targets.get(id(call)))
        if module is None and call is collector.module_getattr:
            module = proxied_module(collector, catalog)
        rule = catalog.import_rule(module) if module is not None else None
        if rule is not None:
            findings.append(_finding(rule, call, module))
    _runtime_aliases(collector, catalog, findings)
    _companion_imports(collector, catalog, findings, reported)


def runtime_dependencies(collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """Dependencies a module handles at run time (convention 12): an installer's call naming an engine or vendor
    package (``pm.install("ollama")``, ``_check_pkg("langchain_groq")``) and a list of the packages a class or
    module needs (``extra_dependency_names = ["ollama"]``), one site per statement."""
    for call, _scope in collector.calls:
        callee = (dotted_name(call.func) or "").rpartition(".")[2]
        first = call.args[0] if call.args and RUNTIME_INSTALLERS.fullmatch(callee) else None
        if first is not None and first.keyword is None and not first.star:
            _declared_package(catalog, findings, [first.value])
    for target, value, _scope in collector.assignments:
        name = (dotted_name(target) or "").rpartition(".")[2]
        if isinstance(value, (cst.List, cst.Tuple)) and DEPENDENCY_LISTS.fullmatch(name):
            _declared_package(catalog, findings, [element.value for element in value.elements])


def _declared_package(
    catalog: CompiledCatalog, findings: list[RawFinding], nodes: list[cst.BaseExpression]
) -> None:
    """The first of ``nodes`` whose string names a package with a dependency rule, as that rule's finding."""
    for node in nodes:
        name = _PACKAGE_NAME.match(string_value(node) or "")
        rule = catalog.dependency_rule(name.group(0)) if name else None
        if rule is not None:
            findings.append(_finding(rule, node, name.group(0).replace("_", "-")))
            return


_PACKAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _runtime_aliases(collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """Module-level names taken from a module a run-time loader bound (``ollama = safe_import(...)`` then
    ``Message = ollama.Message``): each is what ``from ollama import Message`` would be, an import site."""
    for target, value, scope in collector.assignments:
        if scope is not collector.module_scope or not isinstance(target, cst.Name):
            continue
        if not isinstance(value, cst.Attribute) or not isinstance(value.value, cst.Name):
            continue
        loaders = (b.expr for b in scope.bindings.get(value.value.value, ()) if isinstance(b.expr, cst.Call))
        modules = (runtime_import(call, collector.call_targets.get(id(call))) for call in loaders)
        module = next((m for m in modules if m and catalog.import_rule(m) is not None), None)
        if module is not None:
            name = f"{module}.{value.attr.value}"
            findings.append(_finding(catalog.import_rule(name) or catalog.import_rule(module), value, name))


def proxied_module(collector: Collector, catalog: CompiledCatalog) -> str | None:
    """The vendor module a module stands in for when its ``__getattr__`` comes from a lazy loader given that
    module's name (``__getattr__, __dir__, __all__ = lazy.attach_extras(__name__, package="vllm")``)."""
    call = collector.module_getattr
    names = lazy_module_names(call) if call is not None else []
    return next((name for name in names if catalog.import_rule(name) is not None), None)


def _companion_imports(
    collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding], reported: set[int]
) -> None:
    """Imports of a library that is an engine's only beside it (``import mlx.core`` next to ``mlx_lm``)."""
    if not catalog.companion_imports:
        return
    roots = {name.partition(".")[0] for _, name in collector.imports}
    for node, name in collector.imports:
        found = next(
            (
                rule
                for module, alongside, rule in catalog.companion_imports
                if (name == module or name.startswith(module + ".")) and roots.intersection(alongside)
            ),
            None,
        )
        if found is not None and id(node) not in reported:
            findings.append(_finding(found, node, name))
            reported.add(id(node))


def _module_import(node: cst.CSTNode, module: str, catalog: CompiledCatalog) -> tuple[Rule, str] | None:
    """The rule and API of an import of ``module``. In ``from m import a, b`` a name with a rule of its own
    (``from huggingface_hub import InferenceClient``) is the site; names the module's rule excludes are not."""
    rule = catalog.import_rule(module)
    if rule is None or not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
        return None if rule is None else (rule, module)
    names = [f"{module}.{name}" for alias in node.names if (name := dotted_name(alias.name))]
    rules = [(catalog.import_rule(name), name) for name in names]
    own = next(((r, name) for r, name in rules if r is not None and r is not rule), None)
    if own is not None:
        return own
    return (rule, module) if any(r is not None for r, _ in rules) or not names else None


def _imported_vendor_name(binding: ImportBinding, collector: Collector, project: dict) -> str | None:
    name = collector.absolute(binding.qualified)
    if name is None:
        return None
    copies = (v.name for v in project.get(name, ()) if isinstance(v, Mod))
    name = next((n for n in copies if n.partition(".")[0] in VENDORED_COPIES), name)
    proxy = _lazy_proxy(name, project)
    if proxy is not None:  # `from app.extras import vllm`, `from app.extras.vllm import SamplingParams`
        return proxy
    if binding.qualified.startswith(name):  # the vendor's own name (own imports are filtered later)
        return name
    if name.partition(".")[0] not in VENDORED_COPIES or _inside_copy(collector):
        return None
    return name


def _lazy_proxy(name: str, project: dict) -> str | None:
    """The vendor name a project module's lazy loader hands out under ``name`` (``app.extras.vllm`` -> ``vllm``,
    ``app.extras.vllm.SamplingParams`` -> ``vllm.SamplingParams``): its last parts are the vendor's own."""
    values = [v.name for v in project.get(name, ()) if isinstance(v, Mod)]
    proxied = values[0] if len(values) == 1 else ""
    tail = ".".join(name.split(".")[-(proxied.count(".") + 1) :])
    return proxied if proxied and tail == proxied and name != proxied else None


def _inside_copy(collector: Collector) -> bool:
    """Whether the module is part of a copied vendor package (its modules importing each other are not users)."""
    module = collector.module or ""
    package = module if collector.is_package else module.rpartition(".")[0]
    return package.rpartition(".")[2] in VENDORED_COPIES


def openai_settings(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> set[int]:
    """Module-level configuration of the OpenAI SDK (``openai.base_url = ...``, ``os.environ["OPENAI_API_BASE"]``).

    Clients built in this module without a base URL of their own send requests there, so this pass runs
    before calls are resolved. Returns the ids of the URL strings it consumed.
    """
    consumed: set[int] = set()
    for target, value, scope in collector.assignments:
        setting = _openai_base_setting(target, scope, evaluator)
        if setting is None:
            continue
        for text in (v.value for v in evaluator.eval(value, scope) if isinstance(v, Str)):
            host = hosts.classify_url(text)
            if host is None:
                continue
            evaluator.module_host = evaluator.module_host or host
            for rule in catalog.rules_for_call("openai.OpenAI", host):
                findings.append(_finding(rule, target, setting, {"host": host}))
        consumed.add(id(value))
    return consumed


def _openai_base_setting(target: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> str | None:
    if isinstance(target, cst.Attribute) and target.attr.value in OPENAI_BASE_ATTRIBUTES:
        if Mod("openai") in evaluator.eval(target.value, scope):
            return f"openai.{target.attr.value}"
    elif (
        isinstance(target, cst.Subscript)
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
    ):
        key = string_value(target.slice[0].slice.value)
        if key in OPENAI_BASE_ENV and Mod("os.environ") in evaluator.eval(target.value, scope):
            return f'os.environ["{key}"]'
    return None


def calls(
    sites: list[CallSite],
    catalog: CompiledCatalog,
    findings: list[RawFinding],
    collector: Collector | None = None,
    evaluator: Evaluator | None = None,
) -> set[int]:
    """Call rules and keyword rules on resolved vendor calls; returns the ids of base-URL strings consumed."""
    consumed: set[int] = set()
    packed = packed_keywords(collector) if collector is not None else {}
    results = DictKeys(packed, evaluator, collector)
    keyword_sites: set[tuple[int, str]] = set()
    reported: set[tuple[int, str]] = (
        set()
    )  # an ambiguous receiver gives one site per API, one finding per rule
    for site in sites:
        details = {"host": site.host} if site.host else {}
        if site.resolution == "inferred":
            details["receiver"] = "inferred from the method name"
        for rule in site.rules:
            if rule.kind is Kind.COMPLEX and site.subclass is not None:
                continue  # `StopOnTokens()`: the subclass's definition is the site
            if _set_aside(rule, site):
                continue  # `hf_hub_download(..., repo_type="dataset")` fetches no model
            if (id(site.node), rule.code) not in reported:
                reported.add((id(site.node), rule.code))
                findings.append(_finding(rule, site.node, site.api, dict(details)))
        # A local server's address is the client's site; a hosted provider's URL is a config site of its own
        # (SOV380), as the provider's address wherever else it stands.
        if site.host and site.host != hosts.HOSTED and any(rule.kind is Kind.CLIENT for rule in site.rules):
            consumed.update(id(a.value) for a in site.arguments if a.keyword in URL_KEYWORDS)
        if catalog.is_vendor(site.api):
            _keyword_findings(site, catalog, findings, results, keyword_sites)
    # `generate(stopping_criteria=StoppingCriteriaList([...]))` is one site: the keyword's value is reported.
    findings[:] = [
        f
        for f in findings
        if not (isinstance(f.node, cst.Arg) and (id(f.node.value), f.rule.code) in reported)
    ]
    return consumed


def set_aside(site: CallSite) -> bool:
    """Whether every rule of the call sets it aside by an argument's value (a dataset download)."""
    return bool(site.rules) and all(_set_aside(rule, site) for rule in site.rules)


def _set_aside(rule: Rule, site: CallSite) -> bool:
    """Whether an argument of the call has a literal value the rule's call matcher sets aside (``Calls.unless``)."""
    unless = {pair for matcher in rule.matchers if isinstance(matcher, Calls) for pair in matcher.unless}
    return bool(unless) and any(
        (a.keyword, string_value(a.value)) in unless for a in site.arguments if a.keyword
    )


def _keyword_findings(
    site: CallSite,
    catalog: CompiledCatalog,
    findings: list[RawFinding],
    results: DictKeys,
    keyword_sites: set[tuple[int, str]],
    evaluator: Evaluator | None = None,
) -> None:
    """One finding per rule and call, at the first keyword it matches (``logprobs=True, top_logprobs=3`` is one site).

    Keywords packed into a dict the call unpacks (``params["format"] = "json"; client.chat(**params)``, also
    ``**self.request_params()`` of a local function that fills a dict) count where the dict gets them, each key
    where it is set; a key several calls unpack is one site. The fields of an ``extra_body`` built away from the
    call are judged as the engine server's own keywords, whatever the host."""
    reported: set[str] = set()
    for keyword, node, source in _call_keywords(site, results):
        apis = (*ENGINE_SERVER_APIS, EXTRA_BODY_API) if source == "extra_body" else (site.api,)
        rule = next((r for api in apis if (r := keyword_rule(catalog, keyword, api, site.host))), None)
        if rule is None or (rule.code in reported and source == "call"):
            continue
        reported.add(rule.code)
        if (id(node), rule.code) not in keyword_sites:
            keyword_sites.add((id(node), rule.code))
            text = f"{site.api}({keyword}=...)"
            findings.append(_finding(rule, node, site.api, {"keyword": keyword}, text))


def keyword_rule(catalog: CompiledCatalog, keyword: str, api: str, host: str | None = None) -> Rule | None:
    """The first rule a keyword of a call of ``api`` matches (host-gated matchers need the client's ``host``)."""
    for regex, rule, gate in catalog.keywords.get(keyword, ()):
        if regex.fullmatch(api) and (not gate or host in gate):
            return rule
    return None


def _call_keywords(site: CallSite, results: DictKeys) -> Iterator[tuple[str, cst.CSTNode, str]]:
    """The keywords a call passes (``call``): its own, then those of the dicts it unpacks with ``**name`` or
    ``**f()`` (``packed``), then the fields of an ``extra_body`` dict built away from the call (``extra_body``)."""
    for argument in site.arguments:
        if argument.keyword is not None:
            yield argument.keyword, argument.node, "call"
    for argument in site.arguments:
        if argument.star == "**" and site.scope is not None:
            yield from ((k, n, "packed") for k, n in results.of(argument.value, site.scope))
    for argument in site.arguments:  # an inline ``extra_body={...}`` is the keyword's own site
        if (
            argument.keyword == "extra_body"
            and not isinstance(argument.value, cst.Dict)
            and site.scope is not None
        ):
            yield from ((k, n, "extra_body") for k, n in results.of(argument.value, site.scope))


class DictKeys:
    """The string keys a dict expression holds: a dict literal (with the dicts it spreads, ``{**params, ...}``),
    a name the dict is built in, the result of a function of the module that builds and returns it
    (``**self._request_params()``)."""

    def __init__(
        self,
        packed: dict[tuple[int, str], list[tuple[str, cst.CSTNode]]],
        evaluator: Evaluator | None,
        collector: Collector | None = None,
    ) -> None:
        self.packed = packed
        self.evaluator = evaluator
        self.by_scope: dict[int, list[tuple[str, cst.CSTNode]]] = {}
        for (scope_id, _name), keys in packed.items():
            self.by_scope.setdefault(scope_id, []).extend(keys)
        self.parameters = collector.parameters if collector is not None else {}
        # (scope, name) -> the calls of the scope that pass the name on positionally, with its position:
        # ``_json_mode(kwargs)`` may fill the caller's dict.
        self.passed: dict[tuple[int, str], list[tuple[cst.Call, int]]] = {}
        for call, scope in collector.calls if collector is not None else ():
            positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
            for index, arg in enumerate(positional):
                if isinstance(arg.value, cst.Name):
                    self.passed.setdefault((id(scope), arg.value.value), []).append((call, index))

    def of(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> Iterator[tuple[str, cst.CSTNode]]:
        if depth > _DICT_DEPTH:
            return
        if isinstance(node, cst.Dict):
            yield from dict_keys(node)
            for element in node.elements:
                if isinstance(element, cst.StarredDictElement):
                    yield from self.of(element.value, scope, depth + 1)
        elif isinstance(node, cst.Name):
            yield from self._named(node.value, scope, depth)
        elif isinstance(node, cst.Attribute):
            yield from self.packed.get((SELF_FIELDS, dotted_name(node) or ""), ())
        elif isinstance(node, cst.Call) and self.evaluator is not None:
            yield from self._result(node, scope)

    def _named(self, name: str, scope: Scope, depth: int) -> Iterator[tuple[str, cst.CSTNode]]:
        """Keys packed under ``name`` here, by the module's functions it is passed to, and where its first
        assigned binding packed or built them."""
        yield from self.packed.get((id(scope), name), ())
        yield from self._filled_by_helpers(name, scope)
        for binding in self.evaluator.lookup(name, scope) if self.evaluator is not None else ():
            if not isinstance(binding.target, cst.Name):
                continue  # a parameter, an import, a function
            if binding.scope is not scope:
                yield from self.packed.get((id(binding.scope), name), ())
            if isinstance(binding.expr, (cst.Call, cst.Dict)):
                yield from self._spread_or_result(binding.expr, binding.scope, depth + 1)
            elif isinstance(binding.expr, cst.Subscript):  # `options, kwargs = self._prepare(prompt)`
                yield from self._result_item(binding.expr, binding.scope)
            break

    def _filled_by_helpers(self, name: str, scope: Scope) -> Iterator[tuple[str, cst.CSTNode]]:
        """Keys a function of the module stores into its parameter when the dict is passed to it:
        ``_json_mode(kwargs)`` with ``def _json_mode(kwargs): kwargs["format"] = "json"``."""
        for call, position in self.passed.get((id(scope), name), ()):
            for info in self._local_functions(call.func, scope):
                for param in (*info.node.params.posonly_params, *info.node.params.params):
                    if self.parameters.get(id(param), (None, None))[1] == position:
                        yield from self.packed.get((id(info.scope), param.name.value), ())

    def _local_functions(self, func: cst.BaseExpression, scope: Scope) -> Iterator[FuncInfo]:
        for value in self.evaluator.eval(func, scope) if self.evaluator is not None else ():
            if isinstance(value, LocalFunc) and value.info.scope is not None:
                yield value.info

    def _spread_or_result(
        self, node: cst.Call | cst.Dict, scope: Scope, depth: int
    ) -> Iterator[tuple[str, cst.CSTNode]]:
        if isinstance(node, cst.Call):
            yield from self._built(node, scope, depth)
            return
        for element in node.elements:  # the literal's own keys are packed already
            if isinstance(element, cst.StarredDictElement):
                yield from self.of(element.value, scope, depth)

    def _built(self, call: cst.Call, scope: Scope, depth: int) -> Iterator[tuple[str, cst.CSTNode]]:
        """The keys of a dict made by a call: ``dict(base, format="json")``, ``dict(**a, k=v)``,
        ``options.model_copy(update={"num_ctx": n})``, or what a function of the module returns."""
        func = call.func
        if isinstance(func, cst.Name) and func.value == "dict":
            for arg in call.args:
                if arg.keyword is not None:
                    yield arg.keyword.value, arg
                else:
                    yield from self.of(arg.value, scope, depth + 1)
        elif isinstance(func, cst.Attribute) and func.attr.value in DICT_COPIES:
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value == "update":
                    yield from self.of(arg.value, scope, depth + 1)
            yield from self.of(func.value, scope, depth + 1)
        else:
            yield from self._result(call, scope)

    def _result_item(self, item: cst.Subscript, scope: Scope) -> Iterator[tuple[str, cst.CSTNode]]:
        """The keys of one item of the tuple a function of the module returns (``return options, kwargs``)."""
        index = item.slice[0].slice if len(item.slice) == 1 else None
        if not isinstance(item.value, cst.Call) or not isinstance(index, cst.Index):
            return
        if not isinstance(index.value, cst.Integer):
            return
        for info in self._local_functions(item.value.func, scope):
            for returned in info.returns:
                elements = returned.elements if isinstance(returned, cst.Tuple) else ()
                picked = (
                    elements[int(index.value.value)].value if len(elements) > int(index.value.value) else None
                )
                if isinstance(picked, cst.Name):
                    yield from self.packed.get((id(info.scope), picked.value), ())

    def _result(self, call: cst.Call, scope: Scope) -> Iterator[tuple[str, cst.CSTNode]]:
        assert self.evaluator is not None
        for value in self.evaluator.eval(call.func, scope):
            if isinstance(value, LocalFunc) and value.info.scope is not None and value.info.returns:
                yield from self.by_scope.get(id(value.info.scope), ())
                for returned in value.info.returns:
                    if isinstance(returned, cst.Dict):
                        yield from dict_keys(returned)


def extra_body_fields(collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """Fields stored into an OpenAI SDK ``extra_body`` whose call the scan cannot see (a base class in another
    module sends it): ``config.extra_body["add_generation_prompt"] = False``, ``request_kwargs["extra_body"] =
    {**existing, **vllm_body}`` with ``vllm_body["top_k"] = ...`` in the same function. ``extra_body`` is how the
    SDK talks to a server that is not OpenAI, so its fields are judged as the engine servers' keywords."""
    seen = {(id(f.node), f.rule.code) for f in findings}
    packed: dict[tuple[int, str], list[tuple[str, cst.CSTNode]]] | None = None
    for target, value, scope in collector.assignments:
        fields = list(_extra_body_stores(target, value))
        spreads = [e.value for e in _extra_body_dict(target, value) if isinstance(e, cst.StarredDictElement)]
        if spreads:
            packed = packed_keywords(collector) if packed is None else packed
            fields += [
                kv for n in spreads if isinstance(n, cst.Name) for kv in packed.get((id(scope), n.value), ())
            ]
        for key, node in fields:
            found = (
                (a, r) for a in (*ENGINE_SERVER_APIS, EXTRA_BODY_API) if (r := keyword_rule(catalog, key, a))
            )
            api, rule = next(found, (None, None))
            if rule is not None and rule.kind is Kind.COMPLEX and (id(node), rule.code) not in seen:
                seen.add((id(node), rule.code))
                findings.append(_finding(rule, node, api, {"keyword": key}, f"extra_body({key}=...)"))


def _extra_body_stores(
    target: cst.BaseExpression, value: cst.BaseExpression
) -> Iterator[tuple[str, cst.CSTNode]]:
    """``x.extra_body["k"] = v`` and the literal keys of ``x.extra_body = {...}`` / ``d["extra_body"] = {...}``."""
    if isinstance(target, cst.Subscript) and len(target.slice) == 1 and _names_extra_body(target.value):
        index = target.slice[0].slice
        key = string_value(index.value) if isinstance(index, cst.Index) else None
        if key is not None:
            yield key, target
    if isinstance(value, cst.Dict) and _extra_body_target(target):
        yield from dict_keys(value)


def _extra_body_dict(target: cst.BaseExpression, value: cst.BaseExpression) -> list[cst.BaseDictElement]:
    return list(value.elements) if isinstance(value, cst.Dict) and _extra_body_target(target) else []


def _extra_body_target(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Attribute):
        return target.attr.value == "extra_body"
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        return isinstance(index, cst.Index) and string_value(index.value) == "extra_body"
    return False


def _names_extra_body(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value == "extra_body"


def dict_keys(node: cst.Dict) -> Iterator[tuple[str, cst.CSTNode]]:
    """The string keys of a dict literal, with their elements."""
    for element in node.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key is not None:
            yield key, element


def packed_keywords(collector: Collector) -> dict[tuple[int, str], list[tuple[str, cst.CSTNode]]]:
    """Keys stored into dicts held in local names or ``self.`` fields: ``params["format"] = ...``, ``params =
    {"format": ...}``, ``params.update({"format": ...})`` and ``params.setdefault("format", ...)``."""
    packed: dict[tuple[int, str], list[tuple[str, cst.CSTNode]]] = {}
    for target, value, scope in collector.assignments:
        if isinstance(target, cst.Subscript) and len(target.slice) == 1:
            index = target.slice[0].slice
            key = string_value(index.value) if isinstance(index, cst.Index) else None
            where = _dict_holder(target.value, scope)
            if key is not None and where is not None:
                packed.setdefault(where, []).append((key, target))
        elif isinstance(value, cst.Dict) and isinstance(target, cst.Name):
            packed.setdefault((id(scope), target.value), []).extend(dict_keys(value))
    for call, scope in collector.calls:
        func = call.func
        where = _dict_holder(func.value, scope) if isinstance(func, cst.Attribute) else None
        if where is not None and func.attr.value in ("update", "setdefault"):
            packed.setdefault(where, []).extend(_stored_keys(call, func.attr.value))
    return packed


def _stored_keys(call: cst.Call, method: str) -> Iterator[tuple[str, cst.CSTNode]]:
    """The keys ``d.update(...)`` or ``d.setdefault("format", "json")`` stores."""
    if method == "setdefault":
        key = string_value(call.args[0].value) if call.args else None
        if key is not None:
            yield key, call
        return
    for arg in call.args:
        if arg.keyword is not None:
            yield arg.keyword.value, arg
        elif isinstance(arg.value, cst.Dict):
            yield from dict_keys(arg.value)


def _dict_holder(node: cst.BaseExpression, scope: Scope) -> tuple[int, str] | None:
    """Where keys stored into ``node`` are packed: a local name of the scope, or a ``self.`` field of the module
    (``self.kwargs["format"] = "json"`` in ``__init__``, ``**self.kwargs`` in another method). A field's literal
    (``self.model_args = {...}``) is the engine's configuration, built once: only keys set on it later count."""
    if isinstance(node, cst.Name):
        return id(scope), node.value
    name = dotted_name(node) if isinstance(node, cst.Attribute) else None
    if name is not None and name.startswith("self.") and name.count(".") == 1:
        return SELF_FIELDS, name
    return None


def token_keywords(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> set[int]:
    """Integer literals given to special-token keywords (``eos_token_id=128009``) of any call."""
    reported: set[int] = set()
    for call, _ in collector.calls:
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value not in catalog.token_keywords:
                continue
            value = arg.value
            integers = (
                [value]
                if isinstance(value, cst.Integer)
                else [
                    e.value
                    for e in getattr(value, "elements", ())
                    if isinstance(getattr(e, "value", None), cst.Integer)
                ]
            )
            if integers:
                keyword = arg.keyword.value
                text = f"{keyword}={', '.join(i.value for i in integers)}"
                ids = [int(i.value.replace("_", ""), 0) for i in integers]
                findings.append(
                    _finding(catalog.token_keywords[keyword], arg, keyword, {"token_ids": ids}, text)
                )
                reported.update(id(i) for i in integers)
    return reported


def subclasses(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> set[tuple[str, str]]:
    """Local classes that derive from a vendor client class, or from a hook into the engine's sampling loop
    (``class StopOnTokens(StoppingCriteria)``: its body is what a migration ports); returns (vendor class, host)
    of each.

    An OpenAI-compatible subclass is pointed at a host by a URL default in its body
    (``api_base: str = "https://api.groq.com/openai/v1"`` as a class field or an ``__init__`` default).
    """
    hosted: set[tuple[str, str]] = set()
    for info in collector.classes:
        host = _class_host(info.node)
        for vendor in evaluator.vendor_bases(info, 0):
            if host is not None:
                hosted.add((vendor, host))
            for rule in catalog.rules_for_call(vendor, host):
                if rule.kind in (Kind.CLIENT, Kind.COMPLEX):
                    findings.append(
                        _finding(rule, info.node.name, vendor, {"subclass": info.node.name.value})
                    )
    return hosted


def _class_host(node: cst.ClassDef) -> str | None:
    """The host class of the first URL default a class body gives a base-URL field or parameter."""
    for statement in node.body.body:
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else ()
        for small in smalls:
            if isinstance(small, cst.AnnAssign | cst.Assign):
                target = small.target if isinstance(small, cst.AnnAssign) else small.targets[0].target
                host = _url_host(target, small.value)
                if host:
                    return host
        if isinstance(statement, cst.FunctionDef):
            for param in statement.params.params:
                host = _url_host(param.name, param.default)
                if host:
                    return host
    return None


def _url_host(name: cst.BaseExpression, value: cst.BaseExpression | None) -> str | None:
    if not isinstance(name, cst.Name) or name.value not in URL_KEYWORDS:
        return None
    if isinstance(value, cst.Call) and value.args:  # pydantic Field(default="https://...")
        value = next((a.value for a in value.args if a.keyword is None or a.keyword.value == "default"), None)
    text = string_value(value)
    return hosts.classify_url(text) if text else None


def host_imports(
    collector: Collector,
    sites: list[CallSite],
    hosted_classes: set[tuple[str, str]],
    catalog: CompiledCatalog,
    findings: list[RawFinding],
) -> None:
    """Imports of OpenAI-compatible packages in a module whose client of that package has a known host.

    An import inside a function that builds clients of the package in several branches (one per provider) is
    reported only when it is the nearest import before a client with such a host: the ``from langchain_openai
    import ChatOpenAI`` of the vLLM branch, not the one of the OpenAI branch."""
    if not catalog.host_imports:
        return
    hosted = [site for site in sites if site.host and site.rules]
    targets = {(site.api.split("#")[0], site.host) for site in hosted} | hosted_classes
    nearest = _nearest_local_imports(
        collector, [s for s in hosted if any(r.kind is Kind.CLIENT for r in s.rules)]
    )
    reported: set[int] = set()
    for binding in collector.import_bindings:
        for module, wanted, rule in catalog.host_imports:
            inside = binding.qualified == module or binding.qualified.startswith(module + ".")
            if not inside or id(binding.statement) in reported:
                continue
            local = [
                (b, h)
                for b, h in nearest.get(id(binding.binding.scope) if binding.binding else 0, [])
                if b.qualified == module or b.qualified.startswith(module + ".")
            ]
            if local and not binding.module_level:
                host = next((h for b, h in local if b is binding and h in wanted), None)
            else:
                host = next((h for api, h in targets if api.startswith(module + ".") and h in wanted), None)
            if host is None and not targets and binding.module_level:
                host = _unseen_client_host(binding, wanted, collector, catalog)
            if host is not None:
                reported.add(id(binding.statement))
                findings.append(_finding(rule, binding.statement, binding.qualified, {"host": host}))


def _unseen_client_host(
    binding: ImportBinding, wanted: tuple[str, ...], collector: Collector, catalog: CompiledCatalog
) -> str | None:
    """The host of the client a module builds out of sight (a base class's helper): the one hosted provider the
    module names, or a local server when the module is named after one engine (``providers/ollama.py`` importing
    ``AsyncOpenAI``) and the import is a client class of the package."""
    if hosts.HOSTED in wanted and _one_hosted_provider(collector):
        return hosts.HOSTED
    if hosts.LOCAL not in wanted or not _engine_module(collector, catalog):
        return None
    rules = catalog.rules_for_call(binding.qualified, hosts.LOCAL)
    return hosts.LOCAL if any(rule.kind is Kind.CLIENT for rule in rules) else None


def _engine_module(collector: Collector, catalog: CompiledCatalog) -> bool:
    """Whether the module or its package is named after one engine (the catalog's engine words)."""
    words = [words for matcher, _ in catalog.engine_addresses for _, words in matcher.engines]
    return bool(collector.module) and any(w.search(collector.module or "") for w in words)


def _one_hosted_provider(collector: Collector) -> str | None:
    """``hosted`` when a module without clients of known host names exactly one hosted provider (its URL, its key
    variable): the OpenAI SDK it imports is that provider's client, built by a base class or helper elsewhere."""
    named = {
        hosts.hosted_provider(text, is_env_name=id(node) in collector.env_keys)
        for node, text, _ in collector.strings
        if "://" in text or id(node) in collector.env_keys
    } - {None}
    return hosts.HOSTED if len(named) == 1 else None


def _nearest_local_imports(
    collector: Collector, clients: list[CallSite]
) -> dict[int, list[tuple[ImportBinding, str]]]:
    """For each function scope that builds hosted clients: the import binding nearest before each client there."""
    found: dict[int, list[tuple[ImportBinding, str]]] = {}
    for site in clients:
        module = site.api.split("#")[0].rpartition(".")[0]
        before = collector.import_bindings[: collector.imports_before.get(id(site.node), 0)]
        for binding in reversed(before):
            scope = binding.binding.scope if binding.binding else None
            if scope is site.scope and not binding.module_level and binding.qualified.startswith(module):
                found.setdefault(id(scope), []).append((binding, site.host or ""))
                break
    return found


def literals(
    collector: Collector,
    catalog: CompiledCatalog,
    findings: list[RawFinding],
    consumed: set[int],
    model_positions: set[int] = frozenset(),
    base_urls: set[int] = frozenset(),
) -> None:
    """Model ids, chat-template markup and server URLs in string literals (one model-id finding per string).

    ``model_positions`` are the literals where a model is certainly expected (a vendor call's model
    argument, a model constant, a CLI option's default): context ``vendor-model`` matches only there.
    ``base_urls`` are the URL strings inference requests of the module are built on: each one no rule reports
    is a site of the catalog's :class:`~sovmigrate.rules.model.BaseUrls` rule.
    """
    templates: set[tuple[str, int]] = set()  # (rule, statement): one chat-template site per statement
    reported: set[int] = set()  # strings a rule reported
    start = len(findings)
    for node, text, is_fstring in collector.strings:
        if id(node) in consumed:
            continue
        statement = collector.string_statements.get(id(node), 0)
        text = hosts.endpoint_value(text) if not is_fstring else text
        for literal, rule in catalog.literals:
            if (
                is_fstring
                and not literal.in_fstrings
                or _out_of_place(literal, id(node), collector, model_positions)
            ):
                continue
            match = literal.regex.search(text)
            if match is None:
                continue
            reported.add(id(node))
            if not _first_template(rule, statement, templates):
                continue
            whole = rule.kind is Kind.MODEL_ID or literal.regex.pattern.startswith("^https?")
            key = text if whole else match.group(0)
            details = {"model_id": text} if rule.kind is Kind.MODEL_ID else {}
            findings.append(_finding(rule, node, key, details, one_line(key)))
            if rule.kind is Kind.MODEL_ID:
                break  # one id, one finding: the most specific rule comes first
    _base_urls(collector, catalog, findings, base_urls - reported - consumed)
    _one_setting_per_env_read(collector, findings, start)


def _out_of_place(literal: Literal, node: int, collector: Collector, model_positions: set[int]) -> bool:
    """Whether the string ``node`` stands where ``literal``'s context says it does not apply."""
    context = literal.context
    if context == "model":
        return node not in collector.model_strings and node not in model_positions
    if context == "vendor-model":
        return node not in model_positions
    if context == "env":
        return node not in collector.env_keys
    if context == "value":  # a label, a chat format's or a family's name, a stop string: other rules' or none
        return any(node in strings for strings in collector.positioned.values())
    return context in collector.positioned and node not in collector.positioned[context]


def _first_template(rule: Rule, statement: int, templates: set[tuple[str, int]]) -> bool:
    """Whether a chat-template match is the first of its rule in its statement (other kinds: always)."""
    if rule.kind is not Kind.PROMPT_FORMAT or not statement:
        return True
    if (rule.code, statement) in templates:
        return False
    templates.add((rule.code, statement))
    return True


def _base_urls(
    collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding], nodes: set[int]
) -> None:
    """The base URLs inference requests are built on, where no other rule reports them."""
    if not nodes or not catalog.base_urls:
        return
    for node, text, _ in collector.strings:
        if id(node) in nodes:
            if isinstance(node, cst.FormattedString):  # f"http://{host}:{port}" reads http://{}:{}
                text = "".join(
                    p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts
                )
            findings.append(_finding(catalog.base_urls[0], node, text, {"url": text}, one_line(text)))


def _one_setting_per_env_read(collector: Collector, findings: list[RawFinding], start: int) -> None:
    """``os.getenv("VLLM_BASE_URL") or "http://localhost:8000/v1"`` is one setting: the read's default URL is
    not a second site."""
    statement = collector.string_statements
    reads = {statement.get(id(f.node)) for f in findings[start:] if id(f.node) in collector.env_keys}
    reads.discard(0)
    reads.discard(None)
    if reads:
        findings[start:] = [
            f
            for f in findings[start:]
            if id(f.node) in collector.env_keys
            or f.rule.kind is not Kind.CONFIG
            or statement.get(id(f.node)) not in reads
        ]


def token_integers(
    collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding], reported: set[int]
) -> None:
    """Integers compared or collected that fall in a family's special-token id range."""
    for node in collector.token_ints:
        if id(node) in reported:
            continue
        try:
            number = int(node.value.replace("_", ""), 0)
        except ValueError:
            continue
        for low, high, rule in catalog.token_ranges:
            if low <= number <= high:
                findings.append(_finding(rule, node, str(number), {"token_id": number}))
                break


def attribute_assignments(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """Assignments to attributes of vendor objects (``tok.pad_token = tok.eos_token``)."""
    if not catalog.assigns:
        return
    attributes = {pattern.pattern.rpartition("#")[2].replace("\\", "") for pattern, _ in catalog.assigns}
    for target, _, scope in collector.assignments:
        if not isinstance(target, cst.Attribute) or target.attr.value not in attributes:
            continue
        for value in evaluator.eval(target.value, scope):
            if not isinstance(value, Inst):
                continue
            api = f"{value.type}#{value.path + '.' if value.path else ''}{target.attr.value}"
            rule = next((rule for regex, rule in catalog.assigns if regex.fullmatch(api)), None)
            if rule is not None:
                findings.append(_finding(rule, target, api))
                break


def attribute_reads(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """Reads of attributes of vendor objects (``tok.eos_token_id``, ``llm.llm_engine``): one per rule per function."""
    if not collector.reads:
        return
    targets = {id(target) for target, _, _ in collector.assignments}
    # `tok.pad_token = tok.eos_token`: the read is part of the assignment an Assigns rule reported.
    found = {id(f.node) for f in findings}
    assigned = {id(value) for target, value, _ in collector.assignments if id(target) in found}
    reported: set[tuple[str, int]] = set()
    for node, scope, function in collector.reads:
        if id(node) in targets or id(node) in assigned:
            continue  # an assignment (Assigns rules)
        for value in evaluator.eval(node.value, scope):
            if not isinstance(value, Inst):
                continue
            api = f"{value.type}#{value.path + '.' if value.path else ''}{node.attr.value}"
            rule = next((rule for regex, rule in catalog.reads if regex.fullmatch(api)), None)
            if rule is not None:
                if (rule.code, function) not in reported:
                    reported.add((rule.code, function))
                    findings.append(_finding(rule, node, api))
                break


# Field builders whose ``default=`` is the field's value (pydantic, dataclasses, attrs).
_FIELD_BUILDERS = frozenset(
    {"Field", "pydantic.Field", "field", "dataclasses.field", "attr.ib", "attrs.field"}
)


def client_classes_passed(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """A vendor client class handed to a factory of the project (``_create_client(ollama.Client, key)``) or kept
    as a field's default to be built later (``embedding_callable: type[E] = Field(default=OllamaEmbeddingFunction)``):
    the factory builds the client, and the argument is where the code names which one."""
    for call, scope in collector.calls:
        if not call.args:
            continue
        field_default = dotted_name(call.func) in _FIELD_BUILDERS
        if not field_default and not any(isinstance(v, LocalFunc) for v in evaluator.eval(call.func, scope)):
            continue
        for arg in call.args:
            if not isinstance(arg.value, (cst.Attribute, cst.Name)):
                continue
            if field_default and (arg.keyword is None or arg.keyword.value != "default"):
                continue
            for value in evaluator.eval(arg.value, scope):
                if not isinstance(value, Mod) or not value.name.rpartition(".")[2][:1].isupper():
                    continue
                rule = next(
                    (r for r in catalog.rules_for_call(value.name, None) if r.kind is Kind.CLIENT), None
                )
                if rule is not None:
                    findings.append(_finding(rule, arg.value, value.name))
                    break


def client_wrappers(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """A vendor client wrapped by a library that patches it (``instructor.from_groq(Groq())``,
    ``wrap_openai(OpenAI(base_url=local))``): the wrapping call is a client site of the wrapped vendor, whose
    rule reports the constructor (the result is that same client)."""
    for call, scope in collector.calls:
        if not call.args or not any(
            isinstance(v, Mod) and CLIENT_WRAPPERS.fullmatch(v.name) for v in evaluator.eval(call.func, scope)
        ):
            continue
        for value in evaluator.eval(call.args[0].value, scope):
            rules = catalog.rules_for_call(value.type, value.host) if isinstance(value, Inst) else ()
            rule = next((r for r in rules if r.kind is Kind.CLIENT), None)
            if rule is not None:
                findings.append(_finding(rule, call, value.type))
                break


def provider_configs(collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """Engine settings in a config dict whose model names the engine by prefix (``{"model": "ollama/llama3",
    "format": "json"}`` handed to a wrapper): each key a keyword rule of that engine's API names is a site."""
    reported: set[int] = set()
    values = [value for _target, value, _scope in collector.assignments]
    values += [arg.value for call, _scope in collector.calls for arg in call.args]
    for value in values:
        for config in _dicts(value):
            api = _prefixed_model_api(config)
            if api is None or id(config) in reported:
                continue
            reported.add(id(config))
            for element in config.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                rule = next(
                    (
                        r
                        for rx, r, gate in catalog.keywords.get(key or "", ())
                        if not gate and rx.fullmatch(api)
                    ),
                    None,
                )
                if rule is not None and rule.kind is Kind.COMPLEX:
                    findings.append(_finding(rule, element, api, {"keyword": key}, f"{api}({key}=...)"))


def _dicts(node: cst.BaseExpression) -> Iterator[cst.Dict]:
    """A dict literal and the dict literals nested in its values."""
    if isinstance(node, cst.Dict):
        yield node
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                yield from _dicts(element.value)


def _prefixed_model_api(config: cst.Dict) -> str | None:
    for element in config.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == "model":
            model = string_value(element.value) or ""
            return next(
                (api for prefix, api in PROVIDER_MODEL_PREFIXES.items() if model.startswith(prefix)), None
            )
    return None


def one_line(text: str, limit: int = 120) -> str:
    """A literal as it can stand in one line of a report."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
