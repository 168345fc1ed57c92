"""What a module sends out of the process: HTTP requests to inference routes and engine commands.

Two passes over the module's calls, each driven by catalog matchers:

- :func:`http_requests` finds ``requests``/``httpx``/``aiohttp``/``urllib`` calls (and ``.post``/``.get``/
  ``.stream`` on client objects) whose URL resolves to an inference route or a Llama host. The URL may be a
  literal, an f-string, a ``+`` concatenation, a name bound to any of those, or a ``self.`` field; parts
  that cannot be resolved read as ``{}``. The ``model`` of a literal JSON payload is a model position.
- :func:`commands` finds engine commands started with ``subprocess``, ``os.system`` or ``asyncio``.

Nothing is imported or executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from sovmigrate.rules import Kind, Rule
from sovmigrate.rules.model import HttpRequests, LazyPattern
from sovmigrate.rules.vocabulary import (
    COMMAND_FUNCTIONS,
    DEFERRED_CALLS,
    ENV_LOOKUPS,
    HELPER_URL_KEYWORDS,
    HTTP_BODY_KEYWORDS,
    HTTP_FUNCTIONS,
    HTTP_METHOD_NAMES,
    HTTP_METHODS,
    IN_PROCESS_CLIENT_MODULES,
    REQUESTOR_NAME,
    REQUESTOR_URL_KEYWORDS,
    URL_JOINS,
    URL_KEYWORDS,
    URL_STRING_METHODS,
)
from sovmigrate.scan import hosts
from sovmigrate.scan.bindings import Binding, Collector, Scope, dotted_name, string_value
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.passes import DictKeys, RawFinding, dict_keys, keyword_rule, packed_keywords
from sovmigrate.scan.resolve import Evaluator
from sovmigrate.scan.values import LocalClass, LocalFunc, LocalObj, Mod, Str

Engines = tuple[tuple[str, "re.Pattern[str] | LazyPattern"], ...]
UNKNOWN = "{}"
_MAX_DEPTH = 6
_HELPER_ROUNDS = 3
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrf]")
_FIELD = re.compile(r"\{[^{}]*\}")
_PATH = re.compile(r"^[a-z]+://[^/]*")  # the scheme and authority of a URL
_REQUESTOR = re.compile(REQUESTOR_NAME)
_ROUTE_PATH = re.compile(r"/[a-z0-9_/-]{1,80}")
# `/v1/load_lora_adapter`, `/reset_prefix_cache`: a multi-word route, as a setting's value.
_ROUTE_VALUE = re.compile(r"/(?:v\d+/)?[a-z]+(?:_[a-z]+)+/?")
# Names of settings, parameters and keywords that hold a server's address (`base_url`, `api_base`, `urls`, `server`).
_URL_NAME = re.compile(r"(?i)(?:^|_)(?:urls?|uri|base|host|endpoint|server|address)$")
# A host named with a domain (`http://metrics.internal:{port}`): another service's, not an engine's default address.
_NAMED_HOST = re.compile(r"[a-z]+://(?![\d.]+(?:[:/]|$))[^/:{}]*\.[^/:{}]*(?:[:/]|$)")
# A server address: a scheme and a host (also filled in), a host and port filled in (`{url}:{port}/v1/`), or a local
# host and port; optionally a path.
_ADDRESS = re.compile(
    r"(?:(?:https?|\{\})://[^/\s]+|\{\}:\{\}|(?:localhost|127\.0\.0\.1|0\.0\.0\.0):\d+)(?:/\S*)?"
)


def http_requests(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> tuple[set[int], set[int], set[int]]:
    """HTTP calls to inference routes. Returns ``id()`` of the payloads' ``model`` literals, of the URL
    literals written inside the calls (the call's finding covers them), and of the base URLs written away from
    the calls that their URLs were built on (see :class:`UrlText`)."""
    if not catalog.http:
        return set(), set(), set()
    decorators = {
        id(d.decorator)
        for info, _ in collector.functions
        for d in info.node.decorators
        if isinstance(d.decorator, cst.Call)
    }
    helpers = _url_helpers(collector, evaluator, decorators)
    keys = DictKeys(packed_keywords(collector), evaluator, collector)
    tests_an_app = _imports_a_test_client(collector)
    request = _Request(catalog, evaluator, keys, findings)
    engines = _Engines(collector, evaluator, catalog, helpers)
    generic: list[tuple[cst.Call, Scope, cst.BaseExpression, UrlText, str, HttpRequests, Rule]] = []
    for call, scope in collector.calls:
        url = _request_url(call, scope, evaluator, decorators, helpers)
        if url is None:
            continue
        engines.senders.add(id(scope))
        resolver = UrlText(evaluator)
        text = resolver.of(url, scope)
        if tests_an_app and text.startswith("/"):
            continue  # `client.get("/info")` on a TestClient: the project's own route
        host = host_class(text)
        matched = next(_request_rules(catalog, call, scope, text, host, keys), None)
        if matched is None:
            generic += [
                (call, scope, url, resolver, text, *m) for m in _generic_rules(catalog, text, host)[:1]
            ]
            bound = engines.request(call, scope, text, host)
            if bound is not None:
                request.report(call, scope, url, resolver, text, *bound[:2], engine=bound[2])
            continue
        request.report(call, scope, url, resolver, text, *matched)
    engines.bodies(collector, findings)
    for call, scope, url, resolver, text, matcher, rule in generic:
        if rule.code in request.codes:  # `/models` of the server the module sends completions to
            request.report(call, scope, url, resolver, text, matcher, rule)
    _route_values(collector, catalog, request)
    _server_settings(collector, evaluator, catalog, request)
    return request.payload_models, request.inline_urls, request.bases - request.inline_urls


def _route_values(collector: Collector, catalog: CompiledCatalog, request: _Request) -> None:
    """An engine-only route written as a setting's value, in a module that sends no request to it
    (``load_lora_path: str = "/v1/load_lora_adapter"`` in an endpoint config dataclass): the route is named here
    and requested elsewhere. Only multi-word routes (``reset_prefix_cache``): ``"/sleep"`` may be anything."""
    values = {id(value) for _target, value, _scope in collector.assignments}
    for node, text, is_fstring in collector.strings:
        if is_fstring or id(node) not in values or not _ROUTE_PATH.fullmatch(text):
            continue
        rules = [
            r
            for m, r in catalog.http
            if m.route and not m.engines and "unknown" in m.hosts and m.route.search(text)
        ]
        if rules:
            request.inline_urls.add(id(node))  # a route (`list_models_path = "/v1/models"`), not a model
        if rules and _ROUTE_VALUE.fullmatch(text) and rules[0].code not in request.codes:
            request.findings.append(RawFinding(rules[0], node, text, {"url": text}, f"route {text}"))


def _server_settings(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, request: _Request
) -> None:
    """A local server's address put into keyword arguments a call unpacks (``kwargs.update({"openai_api_base":
    self.ollama_base_url})`` ... ``Agent(**kwargs)``, the address a default of the class): the client is pointed at
    the server here. Literal addresses are the literal rules'."""
    if not catalog.base_urls:
        return
    unpacked = _unpacked_names(collector)
    for call, scope in collector.calls:
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value != "update":
            continue
        if not isinstance(func.value, cst.Name) or (id(scope), func.value.value) not in unpacked:
            continue
        address = next(filter(None, (_local_address(v, scope, evaluator) for v in _url_settings(call))), None)
        if address is not None:
            request.findings.append(
                RawFinding(catalog.base_urls[0], call, address, {"url": address}, address)
            )


def _unpacked_names(collector: Collector) -> set[tuple[int, str]]:
    """(scope, name) of the dicts the module's calls unpack as keyword arguments (``Agent(**agent_kwargs)``)."""
    return {
        (id(scope), arg.value.value)
        for call, scope in collector.calls
        for arg in call.args
        if arg.star == "**" and isinstance(arg.value, cst.Name)
    }


def _url_settings(call: cst.Call) -> Iterator[cst.BaseExpression]:
    """The values an ``update`` call sets under a base-URL key, when they are not literals."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in URL_KEYWORDS:
            yield arg.value
        elif isinstance(arg.value, cst.Dict):
            yield from (e.value for k, e in dict_keys(arg.value) if k in URL_KEYWORDS)


def _local_address(value: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> str | None:
    """The local server address a name or ``self.`` field holds (``None`` for anything else)."""
    if not isinstance(value, (cst.Name, cst.Attribute)):
        return None
    text = UrlText(evaluator).of(value, scope)
    return text if hosts.names_a_host(text) and hosts.classify_url(text) == hosts.LOCAL else None


class _Engines:
    """Requests to the engine a class or module is written for (see ``HttpRequests.engines``): the URL shows no
    route, or only a server probe, and the request is made in a class, module or package named after one engine,
    or in a module that imports its package (``requests.post(self.base_url, json=request.dict())`` in the TGI
    client). A URL helper the module calls (``def _get(self, url): return self.session.get(url)``) is not one:
    its callers name the routes."""

    def __init__(
        self,
        collector: Collector,
        evaluator: Evaluator,
        catalog: CompiledCatalog,
        helpers: dict[int, tuple[str, int | None]],
    ) -> None:
        self.evaluator = evaluator
        self.matchers = [(m, r) for m, r in catalog.http if m.engines]
        self.module_name = collector.module or ""
        called = {
            id(v.info.node)
            for call, scope in collector.calls
            for v in (evaluator.eval(call.func, scope) if self.matchers else ())
            if isinstance(v, LocalFunc) and id(v.info.node) in helpers
        }
        self.helper_bodies = {id(collector.scopes.get(node)) for node in called}
        self.senders: set[int] = set()  # the scopes that make a request
        self.reported: set[str] = set()  # the engines a request was reported for

    def request(
        self, call: cst.Call, scope: Scope, text: str, host: str
    ) -> tuple[HttpRequests, Rule, str] | None:
        if id(scope) in self.helper_bodies:
            return None
        routeless = not _PATH.sub("", text).replace(UNKNOWN, "").strip("/") and _sends(call)
        for matcher, rule in self.matchers:
            probe = (
                matcher.route is not None
                and matcher.route.search(text) is not None
                and self._http(call, scope)
            )
            engine = self.engine(matcher, scope) if host in matcher.hosts and (routeless or probe) else None
            if engine is not None:
                self.reported.add(engine)
                return matcher, rule, engine
        return None

    def bodies(self, collector: Collector, findings: list[RawFinding]) -> None:
        """The engine's native request bodies (keys of ``HttpRequests.native_keys``, two of them or one and a
        ``model``) written as a dict literal in a function that sends no request, in a class or module bound to an
        engine a reported request goes to (``sends = {"model": self.model, "prompt": prompt}`` returned to the
        requestor): sites of their own. A body built where it is sent is the request's."""
        if not self.reported:
            return
        for target, value, scope in collector.assignments:
            if (
                not isinstance(target, cst.Name)
                or not isinstance(value, cst.Dict)
                or id(scope) in self.senders
            ):
                continue
            keys = {key for key, _ in dict_keys(value)}
            for matcher, rule in self.matchers if scope.kind == "function" else ():
                native = keys & set(matcher.native_keys)
                engine = (
                    self.engine(matcher, scope) if native and len(keys & {*native, "model"}) > 1 else None
                )
                if engine in self.reported:
                    findings.append(
                        RawFinding(rule, value, "body", {"engine": engine}, f"{engine} request body")
                    )
                    break

    def engine(self, matcher: HttpRequests, scope: Scope) -> str | None:
        return bound_engine(matcher.engines, scope, self.module_name)

    def _http(self, call: cst.Call, scope: Scope) -> bool:
        """Whether the call is an HTTP client's function (``requests.get``), not ``mapping.get(key)``."""
        return any(
            isinstance(v, Mod) and v.name in HTTP_FUNCTIONS for v in self.evaluator.eval(call.func, scope)
        )


def _sends(call: cst.Call) -> bool:
    """Whether a request sends something of its own: a body, query parameters or a ``url=`` (a bare
    ``httpx.get(image_url)`` in a module of an engine fetches something else)."""
    keywords = {arg.keyword.value for arg in call.args if arg.keyword is not None}
    return not keywords.isdisjoint((*HTTP_BODY_KEYWORDS, *REQUESTOR_URL_KEYWORDS, "params"))


def bound_engine(engines: Engines, scope: Scope, module: str) -> str | None:
    """The engine the class ``scope`` is in, or else its module or package, is named after (``VLLMClient``,
    ``provider/ollama_api.py``)."""
    owner: Scope | None = scope
    while owner is not None and owner.class_info is None:
        owner = owner.parent
    names = [owner.class_info.node.name.value] if owner is not None and owner.class_info else []
    return _engine_named(engines, [*names, module])


def _engine_named(engines: Engines, names: list[str]) -> str | None:
    return next((engine for engine, words in engines for name in names if name and words.search(name)), None)


def engine_bound_addresses(
    collector: Collector, catalog: CompiledCatalog, findings: list[RawFinding]
) -> None:
    """Server addresses in a class or module named after one engine (see ``EngineAddresses``), where no other
    finding is on the same string. A parameter's default is not one when the function builds an address from the
    parameter (``url="http://localhost"`` ... ``self.base_url = f"{url}:{port}/v1/"``): that address is."""
    if not catalog.engine_addresses:
        return
    taken = {id(raw.node) for raw in findings}
    module = collector.module or ""
    built: set[tuple[int, str]] = set()  # (scope, parameter) an address reported in the scope is built from
    for node, name, scope, default in (*_url_settings_of(collector), *_url_defaults(collector)):
        text = _static_text(node)
        if id(node) in taken or (default and (id(scope), name) in built):
            continue
        if (
            not _ADDRESS.fullmatch(text)
            or _NAMED_HOST.match(text)
            or host_class(text) not in ("local", "unknown")
        ):
            continue
        engine = next(
            filter(None, (bound_engine(m.engines, scope, module) for m, _ in catalog.engine_addresses)), None
        )
        if engine is not None:
            taken.add(id(node))
            built.update((id(scope), part) for part in _fields_of(node))
            details = {"url": text, "engine": engine, "setting": name}
            findings.append(RawFinding(catalog.engine_addresses[0][1], node, text, details))


def _url_settings_of(collector: Collector) -> Iterator[tuple[cst.BaseExpression, str, Scope, bool]]:
    """The strings given to a URL-named target or keyword (``self.base_url = f"{url}:{port}"``, ``base_url=...``),
    with the name and the scope they are written in."""
    for target, value, scope in collector.assignments:
        name = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", None)
        if isinstance(name, str) and _URL_NAME.search(name):
            yield from ((item, name, scope, False) for item in _strings(value))
    for call, scope in collector.calls:
        for arg in call.args:
            if arg.keyword is not None and _URL_NAME.search(arg.keyword.value):
                yield from ((item, arg.keyword.value, scope, False) for item in _strings(arg.value))


def _url_defaults(collector: Collector) -> Iterator[tuple[cst.BaseExpression, str, Scope, bool]]:
    """The string defaults of URL-named parameters (``url="http://localhost"``), with the function's scope."""
    for info, _ in collector.functions:
        body = collector.scopes.get(id(info.node))
        for param in (*info.node.params.params, *info.node.params.kwonly_params):
            if body is not None and param.default is not None and _URL_NAME.search(param.name.value):
                yield from ((item, param.name.value, body, True) for item in _strings(param.default))


def _fields_of(node: cst.BaseExpression) -> Iterator[str]:
    """The names an f-string fills in (``f"{url}:{port}"`` -> url, port)."""
    if isinstance(node, cst.FormattedString):
        for part in node.parts:
            if isinstance(part, cst.FormattedStringExpression) and isinstance(part.expression, cst.Name):
                yield part.expression.value


def _strings(value: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """A string or f-string, or those of a list or tuple (``self.urls = [f"{url}:{port}"]``)."""
    if isinstance(value, (cst.SimpleString, cst.FormattedString)):
        yield value
    elif isinstance(value, (cst.List, cst.Tuple)):
        yield from (
            e.value for e in value.elements if isinstance(e.value, (cst.SimpleString, cst.FormattedString))
        )


def _generic_rules(catalog: CompiledCatalog, text: str, host: str) -> list[tuple[HttpRequests, Rule]]:
    return [(m, r) for m, r in catalog.http if m.generic and host in m.hosts and m.generic.search(text)]


class _Request:
    """Reports requests: the request, its native bodies and its engine fields, and what it consumed."""

    def __init__(
        self, catalog: CompiledCatalog, evaluator: Evaluator, keys: DictKeys, findings: list[RawFinding]
    ) -> None:
        self.catalog, self.evaluator, self.keys, self.findings = catalog, evaluator, keys, findings
        self.payload_models: set[int] = set()
        self.inline_urls: set[int] = set()
        self.bases: set[int] = set()
        self.codes: set[str] = set()
        self.fields: set[tuple[str, int]] = set()  # (rule, id of the body field): one body, several requests

    def report(
        self,
        call: cst.Call,
        scope: Scope,
        url: cst.BaseExpression,
        resolver: UrlText,
        text: str,
        matcher: HttpRequests,
        rule: Rule,
        engine: str | None = None,
    ) -> None:
        host = host_class(text)
        self.codes.add(rule.code)
        self.bases.update(id(b) for b in resolver.bases if not matcher.route or not _has_route(b, matcher))
        callee = dotted_name(call.func) or "request"
        details = {"url": text, **({"host": host} if host in ("local", "hosted") else {})}
        details.update({"engine": engine} if engine else {})
        where = _joined_route(call, url, scope, self.evaluator) or call
        self.findings.append(RawFinding(rule, where, text, details, f"{callee}({text})"))
        self.payload_models.update(_payload_models(call))
        self.inline_urls.update(id(n) for n in _string_parts(url))
        for body in _native_bodies(call, scope, self.evaluator, matcher, text):
            if (rule.code, id(body)) not in self.fields:
                self.fields.add((rule.code, id(body)))
                self.findings.append(RawFinding(rule, body, text, details, f"{callee}({text}) body"))
        for body in _helper_bodies(call, scope, self.evaluator):
            if (rule.code, id(body)) not in self.fields:
                self.fields.add((rule.code, id(body)))
                self.findings.append(RawFinding(rule, body, text, details, f"{callee}({text}) body"))
        _payload_keys(call, scope, matcher.payload, self.catalog, self.keys, self.findings, self.fields)


def _joined_route(
    call: cst.Call, url: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> cst.Call | None:
    """Where a request made through the project's own helper names its route: the ``urljoin(base, "/route")``
    the URL variable was assigned in the same function (``load_url = urljoin(self.endpoint,
    "/v1/load_lora_adapter")`` ... ``self._make_request("post", load_url)``). A direct HTTP client call is its
    own site."""
    func = call.func
    direct = isinstance(func, cst.Attribute) and func.attr.value in HTTP_METHODS
    if direct or not isinstance(url, cst.Name):
        return None
    if any(isinstance(v, Mod) and v.name in HTTP_FUNCTIONS for v in evaluator.eval(func, scope)):
        return None
    bindings = [b for b in evaluator.lookup(url.value, scope) if b.scope is scope and b.expr is not None]
    joined = bindings[0].expr if len(bindings) == 1 else None
    if (
        not isinstance(joined, cst.Call)
        or len(joined.args) < 2
        or string_value(joined.args[-1].value) is None
    ):
        return None
    names = {v.name for v in evaluator.eval(joined.func, scope) if isinstance(v, Mod)}
    return joined if names & URL_JOINS else None


def _helper_bodies(call: cst.Call, scope: Scope, evaluator: Evaluator) -> Iterator[cst.Dict]:
    """The request bodies with a ``model`` that a function of the module builds and returns for the request
    (``raw_request = self.convert_to_raw_request(request)`` ... ``requests.post(URL, json=raw_request)``): a
    body built in another function is a site of its own; one built where the request is made is the request's."""
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value not in HTTP_BODY_KEYWORDS:
            continue
        made = arg.value
        if isinstance(made, cst.Name):
            binding = next((b for b in evaluator.lookup(made.value, scope) if b.expr is not None), None)
            made, scope = (binding.expr, binding.scope) if binding is not None else (made, scope)
        if isinstance(made, cst.Call):
            bodies = _returned_dicts(made, scope, evaluator, 0)
            yield from (body for body in bodies if any(key == "model" for key, _ in dict_keys(body)))


def _returned_dicts(call: cst.Call, scope: Scope, evaluator: Evaluator, depth: int) -> Iterator[cst.Dict]:
    """The dict literals a function of the module returns, also through a name of its own, another such function,
    or a function it passes the dict to (``return _rewrite(raw_request, engine)``)."""
    if depth > _MAX_DEPTH:
        return
    for value in evaluator.eval(call.func, scope):
        if not isinstance(value, LocalFunc) or value.info.scope is None:
            continue
        for returned in value.info.returns:
            yield from _dicts_of(returned, value.info.scope, evaluator, depth + 1)


def _dicts_of(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, depth: int) -> Iterator[cst.Dict]:
    if isinstance(node, cst.Dict):
        yield node
    elif isinstance(node, cst.Name):
        for binding in evaluator.lookup(node.value, scope):
            if binding.scope is scope and isinstance(binding.expr, cst.Dict):
                yield binding.expr
    elif isinstance(node, cst.Call):
        yield from _returned_dicts(node, scope, evaluator, depth)
        for arg in node.args:
            if isinstance(arg.value, cst.Name):
                yield from _dicts_of(arg.value, scope, evaluator, depth)


def _imports_a_test_client(collector: Collector) -> bool:
    """Whether the module imports an in-process test client (FastAPI's ``TestClient``, Django's test ``Client``)."""
    return any(
        binding.qualified.startswith(IN_PROCESS_CLIENT_MODULES) for binding in collector.import_bindings
    )


def _request_rules(
    catalog: CompiledCatalog, call: cst.Call, scope: Scope, text: str, host: str, keys: DictKeys
) -> Iterator[tuple[HttpRequests, Rule]]:
    """The HTTP rules a request matches: by its route, or, when the URL shows no path at all (``ENDPOINTS[i]``,
    a bare ``http://gpu:8000``), by the keys of its body."""
    matched = [
        (m, r)
        for m, r in catalog.http
        if host in m.hosts and not m.engines and (m.route is None or m.route.search(text))
    ]
    if matched or _PATH.sub("", text).replace(UNKNOWN, "").strip("/"):
        yield from matched  # a route of no rule (`/chat` of the project's own app) is not guessed from the body
        return
    body = {key for key, _ in _body_keys(call, scope, keys)}
    for matcher, rule in catalog.http:
        if host in matcher.hosts and any(body.issuperset(shape) for shape in matcher.bodies):
            yield matcher, rule


def _url_helpers(
    collector: Collector, evaluator: Evaluator, decorators: set[int]
) -> dict[int, tuple[str, int | None]]:
    """Functions of the module that pass one of their parameters on as the URL of an HTTP call (``def _post(self,
    url, **kw): return self.session.post(url, **kw)``), also through another such function: ``id()`` of the
    function definition -> (the parameter's name, its position in a call)."""
    helpers: dict[int, tuple[str, int | None]] = {}
    for _ in range(_HELPER_ROUNDS):
        found = False
        for call, scope in collector.calls:
            url = _request_url(call, scope, evaluator, decorators, helpers)
            if not isinstance(url, cst.Name) or scope.kind != "function":
                continue
            for binding in scope.bindings.get(url.value, ()):
                parameter = collector.parameters.get(id(binding.target))
                if parameter is not None and id(parameter[0]) not in helpers:
                    helpers[id(parameter[0])] = (url.value, parameter[1])
                    found = True
        if not found:
            break
    return helpers


def _request_url(
    call: cst.Call,
    scope: Scope,
    evaluator: Evaluator,
    decorators: set[int],
    helpers: dict[int, tuple[str, int | None]],
) -> cst.BaseExpression | None:
    """The URL argument of an HTTP client call, of a call of a URL helper (``self._post(f"{base}/generate")``), or
    of either run later (``executor.submit(self._post, url, json=body)``). Route decorators
    (``@app.post("/v1/chat/completions")``) serve requests; they do not make them."""
    if id(call) in decorators:
        return None
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    keywords = [arg for arg in call.args if arg.keyword is not None]
    func: cst.BaseExpression = call.func
    deferred = DEFERRED_CALLS.get(func.attr.value) if isinstance(func, cst.Attribute) else None
    if deferred is not None:
        if len(positional) <= deferred:
            return None
        func, positional = positional[deferred].value, positional[deferred + 1 :]
    slot = (
        _url_slot(func, scope, evaluator, helpers)
        or (_sender_slot(func, keywords) if positional else None)
        or _opaque_helper_slot(func, keywords, scope, evaluator)
    )
    if slot is None:
        return None
    name, index = slot
    names = (name, *REQUESTOR_URL_KEYWORDS) if name == "url" else (name,)
    for arg in keywords:
        if arg.keyword is not None and arg.keyword.value in names:
            return arg.value
    if index is not None and len(positional) > index + 1:
        method = string_value(positional[index].value)
        index += method is not None and method.lower() in HTTP_METHOD_NAMES  # `arequest("post", url)`
    return positional[index].value if index is not None and len(positional) > index else None


def _url_slot(
    func: cst.BaseExpression, scope: Scope, evaluator: Evaluator, helpers: dict[int, tuple[str, int | None]]
) -> tuple[str, int | None] | None:
    """Where a callee takes its URL: (keyword, position). A callee named like a requestor (``arequest``,
    ``apost``, ``fetch``) takes it first, unless it is a vendor's function."""
    values = evaluator.eval(func, scope)
    for value in values:
        if isinstance(value, Mod) and value.name in HTTP_FUNCTIONS:
            return "url", HTTP_FUNCTIONS[value.name]
        if isinstance(value, LocalFunc) and id(value.info.node) in helpers:
            return helpers[id(value.info.node)]
    if isinstance(func, cst.Attribute) and func.attr.value in HTTP_METHODS:
        return "url", HTTP_METHODS[func.attr.value]
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
    vendor = any(isinstance(v, Mod) and evaluator.catalog.is_vendor(v.name) for v in values)
    if isinstance(name, str) and _REQUESTOR.fullmatch(name) and not vendor:
        return "url", 0
    return None


def _sender_slot(func: cst.BaseExpression, keywords: list[cst.Arg]) -> tuple[str, int | None] | None:
    """A helper named as sending a request (``send_hftgi_request_v01_wrapped(url, json=payload, url=base)``) that
    is given a request body and positional arguments: it takes the URL first."""
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
    words = set(name.lower().split("_")) if isinstance(name, str) else set()
    has_body = any(arg.keyword is not None and arg.keyword.value in HTTP_BODY_KEYWORDS for arg in keywords)
    return ("", 0) if has_body and words & {"request", "requests"} and words & {"send", "post"} else None


def _opaque_helper_slot(
    func: cst.BaseExpression, keywords: list[cst.Arg], scope: Scope, evaluator: Evaluator
) -> tuple[str, int | None] | None:
    """A call of a function the module imports from elsewhere in the project (or cannot resolve), with the URL
    and a request body passed by keyword (``post_json_auth_request(uri=URI, json_payload=request)``): where it
    takes its URL. Vendor APIs and the module's own functions are judged by what they are."""
    names = {arg.keyword.value for arg in keywords if arg.keyword is not None}
    url = next((name for name in HELPER_URL_KEYWORDS if name in names), None)
    if url is None or names.isdisjoint(HTTP_BODY_KEYWORDS) or not isinstance(func, (cst.Name, cst.Attribute)):
        return None
    for value in evaluator.eval(func, scope):
        if not isinstance(value, Mod) or evaluator.catalog.is_vendor(value.name):
            return None
    return url, None


def _payload_keys(
    call: cst.Call,
    scope: Scope,
    apis: tuple[str, ...],
    catalog: CompiledCatalog,
    keys: DictKeys,
    findings: list[RawFinding],
    fields: set[tuple[str, int]],
) -> None:
    """Engine-only fields of a request body (``{"logprobs": 5}``, ``payload["structured_outputs"] = ...``), judged
    as the keyword of the same name on the engine APIs the route belongs to: one finding per rule and request,
    and one per field however many requests send the body."""
    if not apis:
        return
    reported: set[str] = set()
    for key, node in _body_keys(call, scope, keys):
        for api in apis:
            rule = keyword_rule(catalog, key, api)
            if rule is None or rule.kind is not Kind.COMPLEX or rule.code in reported:
                continue
            reported.add(rule.code)
            if (rule.code, id(node)) not in fields:
                fields.add((rule.code, id(node)))
                findings.append(RawFinding(rule, node, api, {"keyword": key}, f"{api}({key}=...)"))
            break


def _native_bodies(
    call: cst.Call, scope: Scope, evaluator: Evaluator, matcher: HttpRequests, text: str
) -> Iterator[cst.Dict]:
    """The engine-native request bodies (see ``HttpRequests.native``) written as dict literals away from the
    request: ``data = {"content": text, "add_special": False}`` then ``requests.post(tokenize_url, json=data)``."""
    if matcher.native is None or not matcher.native.search(text):
        return
    for arg in call.args:
        if (
            arg.keyword is None
            or arg.keyword.value not in HTTP_BODY_KEYWORDS
            or not isinstance(arg.value, cst.Name)
        ):
            continue
        for binding in evaluator.lookup(arg.value.value, scope):
            if (
                binding.scope is scope
                and isinstance(binding.target, cst.Name)
                and isinstance(binding.expr, cst.Dict)
            ):
                if any(key in matcher.native_keys for key, _ in dict_keys(binding.expr)):
                    yield binding.expr
                break


def _body_keys(call: cst.Call, scope: Scope, keys: DictKeys) -> Iterator[tuple[str, cst.CSTNode]]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in HTTP_BODY_KEYWORDS:
            yield from keys.of(arg.value, scope)


def _has_route(node: cst.BaseExpression, matcher: HttpRequests) -> bool:
    """A full URL constant (``CHAT_URL = "http://gpu:8000/v1/chat/completions"``) is the request's own URL, not a
    base it was built on."""
    return matcher.route is not None and matcher.route.search(_static_text(node)) is not None


def _static_text(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.FormattedString):
        return "".join(p.value if isinstance(p, cst.FormattedStringText) else UNKNOWN for p in node.parts)
    return string_value(node) or ""


def _string_parts(node: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    if isinstance(node, (cst.SimpleString, cst.FormattedString)):
        yield node
    elif isinstance(node, (cst.ConcatenatedString, cst.BinaryOperation)):
        yield from _string_parts(node.left)
        yield from _string_parts(node.right)


def host_class(url: str) -> str:
    """``local``, ``hosted``, ``public`` (a named public host that is neither) or ``unknown`` (no host in the
    text)."""
    _, sep, rest = url.partition("://")
    authority = rest.split("/", 1)[0] if sep else ""
    if not sep or not authority or UNKNOWN in authority:
        return "unknown"
    name = authority.rpartition("@")[2].split(":", 1)[0]
    # A host name without a dot (`http://tgi-node`, a compose service `http://vllm:8000`) is on the local network.
    return hosts.classify_url(url) or ("local" if name and "." not in name else "public")


def _payload_models(call: cst.Call) -> Iterator[int]:
    for arg in call.args:
        if (
            arg.keyword is not None
            and arg.keyword.value in ("json", "data")
            and isinstance(arg.value, cst.Dict)
        ):
            for element in arg.value.elements:
                is_model = isinstance(element, cst.DictElement) and string_value(element.key) == "model"
                if is_model and isinstance(element.value, cst.SimpleString):
                    yield id(element.value)


class UrlText:
    """The text of a URL expression, with ``{}`` for the parts that cannot be resolved statically.

    ``bases`` collects the URL strings written away from the expression that it was built on (``BASE =
    "http://gpu-box:8000"``, ``def __init__(self, url="http://localhost")``, ``self.base_url = f"http://{host}"``):
    where the code says which server it talks to."""

    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator
        self.bases: list[cst.BaseExpression] = []

    def of(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> str:
        if depth > _MAX_DEPTH:
            return UNKNOWN
        text = string_value(node)
        if text is not None:
            return text
        if isinstance(node, cst.FormattedString):
            return "".join(
                part.value
                if isinstance(part, cst.FormattedStringText)
                else self.of(part.expression, scope, depth + 1)
                for part in node.parts
            )
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self.of(node.left, scope, depth + 1) + self.of(node.right, scope, depth + 1)
        if isinstance(node, (cst.Name, cst.Attribute)):
            return self._named(node, scope, depth)
        if isinstance(node, cst.IfExp):  # f"{base}/api/chat" if chat else f"{base}/api/generate"
            return self._first(node.body, node.orelse, scope, depth)
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            return self._first(node.left, node.right, scope, depth)  # url or os.environ["OLLAMA_HOST"]
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            return _PERCENT.sub(UNKNOWN, self.of(node.left, scope, depth + 1))  # "%s/api/chat" % base
        if isinstance(node, cst.Call):
            return self._called(node, scope, depth)
        return UNKNOWN

    def _called(self, call: cst.Call, scope: Scope, depth: int) -> str:
        """``os.getenv("BASE", "http://localhost:8000")``, ``urljoin(base, "/api/chat")``,
        ``"{}/v1/completions".format(base)``, ``base.rstrip("/")``."""
        func, args = call.func, [arg.value for arg in call.args if not arg.star]
        if isinstance(func, cst.Attribute) and func.attr.value in URL_STRING_METHODS:
            if func.attr.value == "format":
                return _FIELD.sub(UNKNOWN, self.of(func.value, scope, depth + 1))
            return self.of(func.value, scope, depth + 1)
        names = {v.name for v in self.evaluator.eval(func, scope) if isinstance(v, Mod)}
        if names & ENV_LOOKUPS and len(args) >= 2:
            return self.of(args[1], scope, depth + 1)
        if names & URL_JOINS and args:
            parts = [self.of(arg, scope, depth + 1) for arg in args]
            return "/".join(part.strip("/") if i else part.rstrip("/") for i, part in enumerate(parts))
        return UNKNOWN

    def _first(self, one: cst.BaseExpression, other: cst.BaseExpression, scope: Scope, depth: int) -> str:
        text = self.of(one, scope, depth + 1)
        return text if text != UNKNOWN else self.of(other, scope, depth + 1)

    def _named(self, node: cst.Name | cst.Attribute, scope: Scope, depth: int) -> str:
        bindings = self.bindings(node, scope)
        exprs = [_bound_expr(binding) for binding in bindings]
        self.bases += [
            e for e in exprs if e is not None and _static_prefix(e).startswith(("http://", "https://"))
        ]
        for binding, expr in zip(bindings, exprs, strict=True):
            if expr is not None:
                text = self.of(expr, binding.scope, depth + 1)
                if text != UNKNOWN:
                    return text
        strings = [v.value for v in self.evaluator.eval(node, scope) if isinstance(v, Str)]
        return strings[0] if strings and not strings[0].startswith("$env:") else UNKNOWN

    def bindings(self, node: cst.Name | cst.Attribute, scope: Scope) -> list[Binding]:
        """What a name or a ``self.`` attribute was bound to."""
        if isinstance(node, cst.Name):
            return self.evaluator.lookup(node.value, scope)
        found = []
        for base in self.evaluator.eval(node.value, scope):
            if isinstance(base, (LocalObj, LocalClass)):
                found += base.info.attributes.get(node.attr.value, [])
                if base.info.body is not None:
                    found += base.info.body.bindings.get(node.attr.value, [])
        return found


def _bound_expr(binding: Binding) -> cst.BaseExpression | None:
    """What a binding gives its name: the assigned expression or a parameter's default
    (``def __init__(self, url="http://localhost:8080")``)."""
    if binding.expr is None and isinstance(binding.target, cst.Param):
        return binding.target.default
    return binding.expr


def _static_prefix(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.FormattedString):
        first = node.parts[0] if node.parts else None
        return first.value if isinstance(first, cst.FormattedStringText) else ""
    return string_value(node) or ""


def commands(
    collector: Collector, evaluator: Evaluator, catalog: CompiledCatalog, findings: list[RawFinding]
) -> set[int]:
    """Engine commands started from Python (``subprocess.run(["vllm", "serve", ...])``, ``os.system("ollama pull x")``).

    A command built in a variable of the same function (``cmd = ["vllm", "serve", m]`` ... ``Popen(cmd)``) is
    reported where it is written. Returns the nodes of the commands' text, so no string rule reports them again.
    """
    used: set[int] = set()
    if not catalog.commands:
        return used
    for call, scope in collector.calls:
        if not call.args or not _starts_a_command(call, scope, evaluator):
            continue
        parts: list[cst.CSTNode] = []
        text = _command_text(call.args[0].value, scope, evaluator, parts=parts)
        for matcher, rule in catalog.commands:
            match = matcher.regex.search(text)
            if match is not None:
                shown = " ".join(match.group("api").split())
                where = _written_at(call.args[0].value, scope, evaluator) or call
                findings.append(RawFinding(rule, where, shown, {"command": text}))
                used |= {id(node) for part in parts for node in _subtree(part)}
                break
    return used


def _written_at(node: cst.BaseExpression, scope: Scope, evaluator: Evaluator) -> cst.CSTNode | None:
    """The list or string a command variable of the same function, or a ``self.`` attribute, was first assigned
    (``None`` otherwise)."""
    if isinstance(node, cst.Attribute):  # `self._vargs = ["vllm", "serve", ...]` in `__init__`
        bindings = UrlText(evaluator).bindings(node, scope)
    elif isinstance(node, cst.Name):
        bindings = [b for b in evaluator.lookup(node.value, scope) if b.scope is scope]
    else:
        return None
    binding = next((b for b in bindings if b.expr is not None), None)
    if binding is not None:
        expr = binding.expr
        if isinstance(
            expr, (cst.List, cst.Tuple, cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
        ):
            return expr
    return None


def _subtree(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _subtree(child)


def _starts_a_command(call: cst.Call, scope: Scope, evaluator: Evaluator) -> bool:
    return any(isinstance(v, Mod) and v.name in COMMAND_FUNCTIONS for v in evaluator.eval(call.func, scope))


def _command_text(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator, depth: int = 0, parts: list | None = None
) -> str:
    """The text of a command (a list's words joined); ``parts`` collects the expressions it was read from."""
    parts = [] if parts is None else parts
    parts.append(node)
    if isinstance(node, (cst.List, cst.Tuple)):
        return " ".join(_command_text(e.value, scope, evaluator, depth + 1, parts) for e in node.elements)
    pieces = _command_pieces(node)
    if pieces and depth < _MAX_DEPTH:  # `["vllm", "serve", m] + (["--enable-lora"] if lora else [])`
        return " ".join(_command_text(p, scope, evaluator, depth + 1, parts) for p in pieces)
    if isinstance(node, (cst.Name, cst.Attribute)) and depth < _MAX_DEPTH:
        for binding in UrlText(evaluator).bindings(node, scope):
            if binding.expr is not None:
                return _command_text(binding.expr, binding.scope, evaluator, depth + 1, parts)
    return UrlText(evaluator).of(node, scope, depth)


def _command_pieces(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The lists a command built by concatenation is made of: both sides of a ``+`` of lists, both branches of
    a conditional list; ``[]`` otherwise (a string's ``+`` is read as a URL is)."""
    if isinstance(node, cst.IfExp) and isinstance(node.body, (cst.List, cst.Tuple, cst.BinaryOperation)):
        return [node.body, node.orelse]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        sides = (node.left, node.right)
        if any(isinstance(side, (cst.List, cst.Tuple, cst.IfExp)) or _command_pieces(side) for side in sides):
            return list(sides)
    return []


def engine_addresses(collector: Collector, commands_found: set[int]) -> set[int]:
    """In a module that starts an engine command, the local addresses on a port the code fills in
    (``httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}")``): the started server's address, a base URL."""
    if not commands_found:
        return set()
    return {id(node) for node, _text, is_fstring in collector.strings if is_fstring and _local_port(node)}


def _local_port(node: cst.CSTNode) -> bool:
    parts = node.parts if isinstance(node, cst.FormattedString) else ()
    return (
        len(parts) >= 2
        and isinstance(parts[0], cst.FormattedStringText)
        and isinstance(parts[1], cst.FormattedStringExpression)
        and hosts.local_port_prefix(parts[0].value)
    )
