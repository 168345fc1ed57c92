"""Vendor objects the call passes do not see as calls, made into findings of the rule they stand for.

- A vendor callable referenced, not called: handed to a call the analysis cannot follow
  (``retry(func=client.chat.completions.create)``, mmengine's ``dict(type=AutoTokenizer.from_pretrained, ...)``)
  or kept under a name no call of the module goes through (``self.generator = self.client.chat.completions``, used
  by a base class elsewhere). It is reported as the call it stands for.
- A call of a member of an object resolved to an engine or SDK (``ENGINE_OBJECT_ROOTS``) that the catalog does not
  list, private ones included (``client._client.aclose()``, ``engine.is_sleeping()``): one site per statement, of
  the client rule that built the object.
- A project's subclass of a host-gated client class that is pointed at its server by
  ``super().__init__(base_url=...)``: that call is the client's site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import libcst as cst

from sovmigrate.rules import Kind, Literal, Rule
from sovmigrate.rules.selectors import REGISTRATION_CALLS, REGISTRY_KEY
from sovmigrate.rules.vocabulary import (
    ENGINE_OBJECT_ROOTS,
    NEUTRAL_MEMBERS,
    OPENAI_COMPATIBLE_ONLY,
    OPENAI_COMPATIBLE_ROOTS,
    URL_KEYWORDS,
)
from sovmigrate.scan import hosts
from sovmigrate.scan.bindings import ClassInfo, Collector, Scope, dotted_name, string_value
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.passes import RawFinding
from sovmigrate.scan.resolve import Evaluator, api_of
from sovmigrate.scan.values import ExtClass, ExtFunc, Inst, LocalClass, LocalFunc, Mod

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import CallSite

# Builtins that take a callable or a class without calling it.
_NOT_RUNNERS = frozenset(
    {
        "print",
        "getattr",
        "hasattr",
        "setattr",
        "isinstance",
        "issubclass",
        "callable",
        "id",
        "repr",
        "str",
        "type",
    }
)
Found = tuple[Rule, str, str | None]  # the rule, the API, the host


def referenced_callables(
    collector: Collector,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    sites: Sequence[CallSite],
    findings: list[RawFinding],
) -> None:
    """Vendor callables handed to calls no call site covers, and those kept under a name nothing here calls."""
    covered = {id(site.node) for site in sites if site.rules}
    for call, scope in collector.calls:
        if id(call) in covered or dotted_name(call.func) in _NOT_RUNNERS:
            continue
        arguments = [a.value for a in call.args if not a.star and isinstance(a.value, cst.Attribute)]
        if not arguments or passes_into_local_function(call, scope, evaluator):
            continue  # a function of the module: its call of the parameter is the site
        for value in arguments:
            _report(findings, value, reference(value, scope, evaluator, catalog))
    called: set[str] | None = None
    for target, value, scope in collector.assignments:
        name = dotted_name(target) if isinstance(value, cst.Attribute) else None
        found = reference(value, scope, evaluator, catalog, resources=True) if name else None
        if found is not None:
            called = _called_names(collector) if called is None else called
            if name not in called:
                _report(findings, value, found)


def passes_into_local_function(call: cst.Call, scope: Scope, evaluator: Evaluator) -> bool:
    """A function of the module called by its own name (``_call(client.chat, **kw)``, ``self._call(...)``): its
    parameters take what the call passes, so its call of the parameter is the site. A function reached under
    another name (``self.retry_wrapper(func=...)``, a property returning a nested ``_retry_wrapper``) is not
    followed, and the call handing the vendor callable is the site."""
    name = _last_name(call.func)
    return any(
        isinstance(v, LocalFunc) and v.info.node.name.value == name for v in evaluator.eval(call.func, scope)
    )


def reference(
    node: cst.BaseExpression,
    scope: Scope,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    *,
    resources: bool = False,
) -> Found | None:
    """The rule of the call a referenced vendor method, factory or (with ``resources``) resource stands for."""
    for value in sorted(evaluator.eval(node, scope), key=lambda v: api_of(v) or ""):
        if isinstance(value, Inst) and value.path:
            api, host = api_of(value) or "", value.host
        elif (
            isinstance(value, Mod)
            and catalog.is_vendor(value.name)
            and value.name.rpartition(".")[2][:1].islower()
        ):
            # a function or a factory method (`AutoTokenizer.from_pretrained`), not a class handed on
            api = value.name
            host = evaluator.module_host if api.startswith(OPENAI_COMPATIBLE_ROOTS) else None
        else:
            continue
        kinds = _METHOD_KINDS if isinstance(value, Inst) else _FACTORY_KINDS
        rules = [r for r in catalog.rules_for_call(api, host) if r.kind in kinds]
        if not rules and resources and isinstance(value, Inst):
            rules = list(_resource_rules(api, host, catalog))
        if rules:
            return rules[0], api, host
    return None


# What a referenced vendor method stands for: running the model, or encoding with its tokenizer (not a hook of a
# patch, `self.model._get_logits_warper = self.old_warper`); a referenced factory also builds clients and configs.
_METHOD_KINDS = (Kind.INFERENCE, Kind.TOKENIZER)
_FACTORY_KINDS = (Kind.INFERENCE, Kind.TOKENIZER, Kind.CLIENT, Kind.CONFIG)


def _resource_rules(api: str, host: str | None, catalog: CompiledCatalog) -> tuple[Rule, ...]:
    """The inference rules of the methods of a vendor resource (``client.chat.completions`` -> ``.create``)."""
    owner, _, path = api.partition("#")
    root = owner.split(".", 1)[0]
    entries = [*catalog.calls_by_root.get(root, ())]
    entries += [e for prefix, group in catalog.calls_by_prefix if root.startswith(prefix) for e in group]
    for _, _, matcher in entries:
        for pattern in matcher.patterns:
            member = pattern.partition("#")[2]
            rest = member[len(path) + 1 :] if member.startswith(path + ".") else ""
            if rest and "." not in rest and "*" not in rest:
                rules = tuple(
                    r for r in catalog.rules_for_call(f"{api}.{rest}", host) if r.kind is Kind.INFERENCE
                )
                if rules:
                    return rules
    return ()


def _called_names(collector: Collector) -> set[str]:
    """Every dotted callee of the module and its prefixes (``self.gen.create`` -> ``self.gen``, ``self``)."""
    names: set[str] = set()
    for call, _ in collector.calls:
        name = dotted_name(call.func)
        while name:
            names.add(name)
            name = name.rpartition(".")[0]
    return names


def _report(findings: list[RawFinding], node: cst.CSTNode, found: Found | None) -> None:
    if found is not None:
        rule, api, host = found
        findings.append(RawFinding(rule, node, api, {"host": host} if host else {}))


def engine_members(
    collector: Collector,
    catalog: CompiledCatalog,
    sites: Sequence[CallSite],
    findings: list[RawFinding],
) -> None:
    """Calls of members the catalog does not list on objects resolved to an engine or SDK, one site per statement.

    Only calls: reading or setting an engine object's state (``chatbot._session.status = 1``) is part of the
    statement's own work, not a site of its own. Only resolved receivers: a name rebound to something else
    (``config = copy.deepcopy(cfg)``) or a parameter given several clients is not one engine's object."""
    done = {collector.call_statements.get(id(site.node)) for site in sites if site.rules}
    for site in sites:
        statement = collector.call_statements.get(id(site.node)) or id(site.node)
        if site.rules or statement in done or not _engine_member(site.api):
            continue
        owner = _owning_rule(site.api, site.host, catalog)
        if owner is not None and site.resolution == "resolved":
            findings.append(RawFinding(owner, site.node, site.api, {"host": site.host} if site.host else {}))
            done.add(statement)


def _engine_member(api: str) -> bool:
    owner, _, path = api.partition("#")
    return (
        bool(path)
        and path != "__call__"
        and owner.split(".", 1)[0] in ENGINE_OBJECT_ROOTS
        and path.split(".", 1)[0] not in NEUTRAL_MEMBERS
    )


def _owning_rule(api: str, host: str | None, catalog: CompiledCatalog) -> Rule | None:
    """The client rule of the constructor that built the object; None for values (``ollama.Options``, a response
    type), whose members are a mapping's or a model's."""
    return next(
        (r for r in catalog.rules_for_call(api.partition("#")[0], host) if r.kind is Kind.CLIENT), None
    )


def vendor_patches(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """An assignment to an attribute of a vendor module or class: a module-level SDK setting (``together.api_key =
    key``) or a monkey-patch (``vllm_logging.init_logger = f``, ``CTransformersTokenizer._add_tokens = patched``).
    It is a site of the class's own client or tokenizer rule, or of the client rule of the vendor's package."""
    reported = {id(f.node) for f in findings}
    for target, value, scope in collector.assignments:
        if not isinstance(target, cst.Attribute) or not _patches(target, value, scope, evaluator, reported):
            continue
        for owner in evaluator.eval(target.value, scope):
            rule = _patched_rule(owner.name, catalog) if isinstance(owner, Mod) else None
            if rule is not None:
                findings.append(RawFinding(rule, target, f"{owner.name}.{target.attr.value}"))
                break


def _patches(
    target: cst.Attribute, value: cst.BaseExpression, scope: Scope, evaluator: Evaluator, reported: set[int]
) -> bool:
    """Whether an attribute assignment may patch or configure a vendor: not a library's own flag
    (``constants.HF_HUB_ENABLE_HF_TRANSFER = True``), not a key (``together.api_key``), not a vendor object stored
    in a framework's setting (``Settings.llm = Ollama(...)``, ``Settings.llm = llm``: the object is the site). A
    patch assigns a function or class defined here, or a lambda; a setting assigns a literal."""
    if (
        {id(target), id(value)} & reported
        or target.attr.value.isupper()
        or _CREDENTIAL.search(target.attr.value)
    ):
        return False
    if isinstance(value, (cst.Lambda, cst.BaseNumber, cst.SimpleString, cst.ConcatenatedString)):
        return True  # a patch (`init_logger = lambda name: None`) or a setting (`together.log = "debug"`)
    if isinstance(value, cst.Name) and value.value in ("True", "False", "None"):
        return True
    # A function or class defined here is a patch; any other object (`Settings.llm = llm`, whatever built it) is not.
    return any(isinstance(v, (LocalFunc, LocalClass)) for v in evaluator.eval(value, scope))


_PATCH_KINDS = (Kind.CLIENT, Kind.TOKENIZER)
# API keys and tokens are not sites (evaluation.md's judgment calls: API-key variables are not labelled).
_CREDENTIAL = re.compile(r"(?i)(?:^|_)(?:api_?key|key|token|secret|password)$")


def _patched_rule(name: str, catalog: CompiledCatalog) -> Rule | None:
    """The client or tokenizer rule of a vendor class, else the first unconditional client rule of its package."""
    if not catalog.is_vendor(name):
        return None
    own = next((r for r in catalog.rules_for_call(name, None) if r.kind in _PATCH_KINDS), None)
    if own is not None:
        return own
    kinds = (Kind.TOKENIZER, Kind.CLIENT) if "Tokenizer" in name.rpartition(".")[2] else (Kind.CLIENT,)
    entries = catalog.calls_by_root.get(name.split(".", 1)[0], ())
    for kind in kinds:
        rule = next((r for _, r, matcher in entries if r.kind is kind and not matcher.hosts), None)
        if rule is not None:
            return rule
    return None


def subclass_initialisers(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> set[int]:
    """``super().__init__(base_url=..., api_key="EMPTY")`` in a project's subclass of a client class that is a site
    only on some hosts: the client's site, unless the class is already reported for a URL default of its own.
    Returns the ids of the base-URL arguments such a site consumes (a local server's address is the client's site).
    """
    reported = {id(f.node) for f in findings}
    consumed: set[int] = set()
    for call, scope in collector.calls:
        info = _initialised_class(call, scope)
        if info is None or id(info.node.name) in reported:
            continue
        vendors = evaluator.vendor_bases(info, 0)
        for vendor in vendors or _openai_style(call):
            host = evaluator.call_host(vendor, call, scope, 0)
            rule = next((r for r in catalog.rules_for_call(vendor, host) if r.kind is Kind.CLIENT), None)
            if (host is not None if vendors else host in _NAMED_HOSTS) and rule is not None:
                findings.append(
                    RawFinding(rule, call, vendor, {"host": host, "subclass": info.node.name.value})
                )
                if host != hosts.HOSTED:
                    consumed.update(
                        id(a.value) for a in call.args if a.keyword and a.keyword.value in URL_KEYWORDS
                    )
                break
    return consumed


# Where a base class the module cannot see is pointed by a literal URL or a local server's dummy key.
_NAMED_HOSTS = (hosts.LOCAL, hosts.HOSTED)


def _openai_style(call: cst.Call) -> tuple[str, ...]:
    """``super().__init__(api_key="EMPTY", base_url=base_url, ...)`` of a base class from another module: an OpenAI
    client (the project's own wrapper over it, crfm-helm's ``OpenAIClient``) given a server, judged as one when the
    subclass writes the server down itself (a literal key, a literal URL or a URL constant), not when it passes on
    what it was given (``api_key=api_key or "ollama"``, ``base_url=base_url``)."""
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    urls = [keywords[k] for k in _BASE_URL_KEYWORDS if k in keywords]
    if "api_key" not in keywords or not urls:
        return ()
    written = isinstance(keywords["api_key"], cst.SimpleString) or any(
        isinstance(url, (cst.SimpleString, cst.FormattedString, cst.Attribute)) for url in urls
    )
    return ("openai.OpenAI",) if written else ()


_BASE_URL_KEYWORDS = ("base_url", "api_base", "openai_api_base")


def _initialised_class(call: cst.Call, scope: Scope) -> ClassInfo | None:
    """The class whose method makes ``call`` when it is ``super().__init__(...)``."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value == "__init__"
        and isinstance(func.value, cst.Call)
        and dotted_name(func.value.func) == "super"
    ):
        return None
    owner = scope.parent
    return owner.class_info if owner is not None and owner.kind == "class" else None


# Calls that take a class to look at it, not to build it: type tests, casts, introspection, mocks, logging.
_NOT_BUILDERS = frozenset(
    {
        *_NOT_RUNNERS,
        "cast",
        "super",
        "vars",
        "dir",
        "object",
        "signature",
        "getmembers",
        "getsource",
        "getfile",
        "getdoc",
        "get_type_hints",
        "get_args",
        "get_origin",
        "isclass",
        "getmro",
        "fields",
        "TypeVar",
        "NewType",
        "TypeAdapter",
        "create_autospec",
        "MagicMock",
        "Mock",
        "AsyncMock",
        "patch",
        "debug",
        "info",
        "warning",
        "error",
        "exception",
        "log",
        "format",
        "append",
        "add",
        "extend",
        "raises",
        "skipif",
        "Field",
        "field",
    }
)
_SPEC_KEYWORDS = frozenset({"spec", "spec_set", "bound", "default", "default_factory"})
Construction = tuple[tuple[str, "str | None"], Sequence[cst.Arg]]
LAZY_CLASS_PATH = re.compile(r"[A-Za-z_][\w.]*:[A-Z]\w*")  # `"lm_eval.models.vllm_causallms:VLLM"`


def deferred_construction(
    call: cst.Call, scope: Scope, evaluator: Evaluator, catalog: CompiledCatalog
) -> Construction | None:
    """A vendor client class handed to a call that builds it later (``partial(Llama, model_path=p)``,
    ``LazyInit(HuggingFaceEmbedding, model_name="BAAI/bge-m3")``, ``register("ollama", Ollama)``): the call
    stands for the client's construction, and the arguments after the class are the constructor's."""
    if _last_name(call.func) in _NOT_BUILDERS:
        return None
    for index, arg in enumerate(call.args):
        if arg.star or (arg.keyword is not None and arg.keyword.value in _SPEC_KEYWORDS):
            continue
        found = vendor_class(arg.value, scope, evaluator, catalog, call)
        if found is not None:
            return (found[1], found[2]), call.args[index + 1 :]
    return None


def vendor_class(
    node: cst.BaseExpression,
    scope: Scope,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    call: cst.Call | None = None,
) -> Found | None:
    """The client rule of the vendor class ``node`` names without calling it, with the class and its host."""
    if not isinstance(node, (cst.Name, cst.Attribute)):
        return None
    for value in sorted(evaluator.eval(node, scope), key=lambda v: api_of(v) or ""):
        if not (
            isinstance(value, Mod)
            and catalog.is_vendor(value.name)
            and value.name.rpartition(".")[2][:1].isupper()
        ):
            continue
        host = _reference_host(value.name, evaluator, call, scope)
        rule = next((r for r in catalog.rules_for_call(value.name, host) if r.kind is Kind.CLIENT), None)
        if rule is not None:
            return rule, value.name, host
    return None


def _reference_host(name: str, evaluator: Evaluator, call: cst.Call | None, scope: Scope) -> str | None:
    """Where a referenced client class will send requests: what the call handing it on says
    (``partial(OpenAI, base_url=...)``), the module's setting, or, for a class made only for OpenAI-compatible
    servers (``OpenAILike``), a server the project configures."""
    host = evaluator.call_host(name, call, scope, 0) if call is not None else None
    if host is None and name.startswith(OPENAI_COMPATIBLE_ROOTS):
        host = evaluator.module_host
    if host is None and name in OPENAI_COMPATIBLE_ONLY:
        host = hosts.CONFIGURED
    return host


def _last_name(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


def registered_classes(
    collector: Collector,
    evaluator: Evaluator,
    catalog: CompiledCatalog,
    sites: Sequence[CallSite],
    findings: list[RawFinding],
) -> None:
    """Classes kept in a registry to be built later: a vendor client class as a dict value or a subscript-assigned
    value (``{"ollama": OllamaEmbedding}``, ``MODELS["ollama"] = Ollama``) is the client's site; the project's own
    class or factory registered under an engine's name (``{"vllm": VllmEmbedding}``) is where the code selects
    that engine (convention 20)."""
    covered = {id(site.node) for site in sites}
    reported = {id(f.node) for f in findings}
    selector = _engine_selector(catalog)
    for value, key, scope in _registered(collector):
        if id(value) in reported or id(value) in covered:
            continue
        found = vendor_class(value, scope, evaluator, catalog)
        if found is not None:
            _report(findings, value, found)
        elif key is not None and selector is not None and _selects_engine(key, value, scope, evaluator):
            text = string_value(key) or ""
            findings.append(RawFinding(selector[1], key, text.lower()))
    if selector is not None:
        _registration_decorators(collector, selector[1], findings)


def _registration_decorators(collector: Collector, rule: Rule, findings: list[RawFinding]) -> None:
    """``@register_model("vllm", "vllm-vlm")``, ``@Backend.register(["vllm_python"])``,
    ``@register_provider(LLMType.OLLAMA)`` on a class or function: one site per decorator naming an engine."""
    nodes = [info.node for info in collector.classes] + [info.node for info, _ in collector.functions]
    for node in nodes:
        for decorator in node.decorators:
            call = decorator.decorator
            if _registration(call):
                key = next((k for arg in call.args for k in _keys(arg.value) if _registry_key(k)), None)
                if key is not None:
                    findings.append(RawFinding(rule, key, _key_text(key).lower()))


def _registration(node: cst.BaseExpression) -> bool:
    """A call registering under a name, not in a tokenizer's registry (``@TokenizerRegistry.register("hf")``)."""
    if not isinstance(node, cst.Call) or not REGISTRATION_CALLS.search(_last_name(node.func) or ""):
        return False
    return "token" not in (dotted_name(node.func) or "").lower()


def _keys(node: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The names a registration gives: a string, the strings of a list, an enum member (``LLMType.OLLAMA``)."""
    if isinstance(node, (cst.List, cst.Tuple)):
        yield from (element.value for element in node.elements)
    else:
        yield node


def _key_text(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return (string_value(node) if isinstance(node, cst.SimpleString) else None) or ""


def _registry_key(node: cst.BaseExpression) -> bool:
    text = _key_text(node)
    return bool(text) and REGISTRY_KEY.search(text) is not None


def _registered(
    collector: Collector,
) -> Iterator[tuple[cst.BaseExpression, cst.BaseExpression | None, Scope]]:
    """Values stored under a key: dict values (in assignments, arguments and returns) and subscript assignments."""
    roots: list[tuple[cst.BaseExpression, Scope]] = []
    for target, value, scope in collector.assignments:
        if isinstance(target, cst.Subscript):
            yield value, _index(target), scope
        roots.append((value, scope))
    roots += [(arg.value, scope) for call, scope in collector.calls for arg in call.args]
    roots += [(node, info.scope) for info, _ in collector.functions if info.scope for node in info.returns]
    for root, scope in roots:
        for mapping in _dicts(root):
            for element in mapping.elements:
                if isinstance(element, cst.DictElement):
                    yield element.value, element.key, scope


def _dicts(node: cst.BaseExpression) -> Iterator[cst.Dict]:
    """A dict literal and the dict literals nested in its values."""
    if isinstance(node, cst.Dict):
        yield node
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                yield from _dicts(element.value)


def _index(target: cst.Subscript) -> cst.BaseExpression | None:
    if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
        return target.slice[0].slice.value
    return None


def _engine_selector(catalog: CompiledCatalog) -> tuple[Literal, Rule] | None:
    return next(((lit, rule) for lit, rule in catalog.literals if lit.context == "engine-selector"), None)


def _selects_engine(
    key: cst.BaseExpression,
    value: cst.BaseExpression,
    scope: Scope,
    evaluator: Evaluator,
) -> bool:
    """``"vllm": VllmEmbedding`` / ``"vllm": LazyInit(VllmEmbedding)`` / ``"vllm": "pkg.vllm_lm:VLLM"``: an engine's
    name keying a class, a factory or a lazy path to one."""
    if not isinstance(key, cst.SimpleString) or not _registry_key(key):
        return False
    text = string_value(value) if isinstance(value, cst.SimpleString) else None
    if text is not None:
        return LAZY_CLASS_PATH.fullmatch(text) is not None
    if isinstance(value, cst.Call):  # a class handed to a lazy builder; not a config object built here
        first = next((a.value for a in value.args if a.keyword is None and not a.star), None)
        return first is not None and _class_like(first, scope, evaluator)
    return _class_like(value, scope, evaluator)


def _class_like(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> bool:
    """A class or function named, not called: the project's own, or a name spelled like a class (``VllmEmbedding``)."""
    if not isinstance(node, (cst.Name, cst.Attribute)):
        return False
    values = evaluator.eval(node, scope)
    if any(isinstance(v, (LocalClass, ExtClass, LocalFunc, ExtFunc)) for v in values):
        return True
    name = _last_name(node) or ""
    return name[:1].isupper() and any(c.islower() for c in name)


def selectors_beside_sites(sites: Sequence[CallSite], findings: list[RawFinding]) -> None:
    """An engine selector given to a reported vendor call (``init_chat_model(m, model_provider="ollama")``,
    ``completion(**{"provider": "groq", ...})`` written inline) is part of that site, not a second one."""
    inside: set[int] = set()
    for site in sites:
        if site.rules:
            inside.update(id(node) for arg in site.node.args for node in _strings(arg.value))
    findings[:] = [f for f in findings if not (id(f.node) in inside and _is_selector(f.rule))]


def _strings(node: cst.BaseExpression) -> Iterator[cst.CSTNode]:
    """The string literals of an argument: itself, or the values of the dicts it spells."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        yield node
    for mapping in _dicts(node):
        for element in mapping.elements:
            if isinstance(element, cst.DictElement):
                yield from _strings(element.value) if not isinstance(element.value, cst.Dict) else ()


def _is_selector(rule: Rule) -> bool:
    return any(getattr(matcher, "context", None) == "engine-selector" for matcher in rule.matchers)
