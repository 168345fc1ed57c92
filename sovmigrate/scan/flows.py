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

from collections.abc import Sequence
from typing import TYPE_CHECKING

import libcst as cst

from sovmigrate.rules import Kind, Rule
from sovmigrate.rules.vocabulary import (
    ENGINE_OBJECT_ROOTS,
    NEUTRAL_MEMBERS,
    OPENAI_COMPATIBLE_ROOTS,
    URL_KEYWORDS,
)
from sovmigrate.scan import hosts
from sovmigrate.scan.bindings import ClassInfo, Collector, Scope, dotted_name
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.passes import RawFinding
from sovmigrate.scan.resolve import Evaluator, api_of
from sovmigrate.scan.values import Inst, LocalFunc, Mod

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
    covered = {id(site.node) for site in sites}
    for call, scope in collector.calls:
        if id(call) in covered or dotted_name(call.func) in _NOT_RUNNERS:
            continue
        arguments = [a.value for a in call.args if not a.star and isinstance(a.value, cst.Attribute)]
        if not arguments or any(isinstance(v, LocalFunc) for v in evaluator.eval(call.func, scope)):
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
        for vendor in evaluator.vendor_bases(info, 0):
            host = evaluator.call_host(vendor, call, scope, 0)
            rule = next((r for r in catalog.rules_for_call(vendor, host) if r.kind is Kind.CLIENT), None)
            if host is not None and rule is not None:
                findings.append(
                    RawFinding(rule, call, vendor, {"host": host, "subclass": info.node.name.value})
                )
                if host != hosts.HOSTED:
                    consumed.update(
                        id(a.value) for a in call.args if a.keyword and a.keyword.value in URL_KEYWORDS
                    )
                break
    return consumed


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
