"""The one way the Python analysis resolves an expression: a lazy, memoised evaluator over the bindings.

``from llama_cpp import Llama as L; llm = L(...); llm.create_chat_completion(...)``: the callee evaluates
to ``Inst("llama_cpp.Llama", "create_chat_completion", origin=id(<the L(...) call>))``. Resolution is
flow-insensitive and stays inside the module: factory functions, wrapper classes, ``self.`` attributes and
subclasses of vendor classes in the same file are followed. Nothing is imported or executed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import libcst as cst

from sovmigrate.rules.hosted import ROUTER_ENTRY_POINTS, ROUTER_LOCAL_VENDORS, router_provider
from sovmigrate.rules.tokenizer import ANNOTATED_TYPES
from sovmigrate.rules.vocabulary import (
    CLIENT_WRAPPERS,
    DECORATED_TYPES,
    FACTORY_METHODS,
    OPENAI_BASE_ENV,
    OPENAI_COMPATIBLE_ROOTS,
    PUBLIC_CLASSES,
    RETURN_TYPES,
    SELF_RETURNING_METHODS,
    TUPLE_TYPES,
    URL_KEYWORDS,
)
from sovmigrate.scan import hosts
from sovmigrate.scan.bindings import (
    Binding,
    ClassInfo,
    Collector,
    Scope,
    runtime_import,
    string_value,
)
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.project import vendored_name
from sovmigrate.scan.values import (
    ExtClass,
    ExtFunc,
    ExtObj,
    Inst,
    LocalClass,
    LocalFunc,
    LocalObj,
    Mod,
    Str,
    Value,
)

MAX_DEPTH = 40
_BOTO_CLIENTS = ("boto3.client", "aioboto3.client")
_PIPELINES = ("transformers.pipeline", "transformers.pipelines.pipeline")


def api_of(value: Value) -> str | None:
    """The catalog API string of a called value (``pkg.func``, ``pkg.Class#method``)."""
    if isinstance(value, Mod):
        return value.name
    if isinstance(value, Inst):
        return f"{value.type}#{value.path or '__call__'}"
    return None


class Evaluator:
    """Lazily resolve expressions to abstract values, memoised, with a recursion guard."""

    def __init__(
        self,
        collector: Collector,
        catalog: CompiledCatalog,
        project: dict[str, frozenset[Value]] | None = None,
    ) -> None:
        self.collector = collector
        self.catalog = catalog
        # What names imported from other project modules mean (absolute name -> values); see scan.project.
        self.project = project or {}
        self._memo: dict[tuple[int, int], frozenset[Value]] = {}
        self._active: set[tuple[int, int]] = set()
        # Where the module configures the OpenAI SDK to send requests (set by the settings pass).
        self.module_host: str | None = None
        # id() of each call that built a vendor object -> the call.
        self.origins: dict[int, cst.Call] = {}
        self._calls_by_name: dict[str, list[tuple[cst.Call, Scope]]] | None = None
        self._named_packages: frozenset[str] | None = None

    # ------------------------------------------------------------ names

    def lookup(self, name: str, scope: Scope) -> list[Binding]:
        """The bindings ``name`` may refer to in ``scope`` (Python's LEGB rule, classes not enclosing)."""
        current: Scope | None = self.collector.module_scope if name in scope.globals else scope
        first = True
        while current is not None:
            if current.kind != "class" or first:
                found = current.bindings.get(name)
                if found:
                    return found
            first = False
            current = current.parent
        for module in self.collector.module_scope.star_imports:
            if self.catalog.is_vendor(module):
                return [Binding(self.collector.module_scope, value=Mod(f"{module}.{name}"))]
        return []

    def binding_values(self, bindings: Iterable[Binding], depth: int) -> frozenset[Value]:
        values: set[Value] = set()
        for binding in bindings:
            values |= self.binding_value(binding, depth)
        return frozenset(values)

    def binding_value(self, binding: Binding, depth: int) -> frozenset[Value]:
        decorated = frozenset(self._decorated(binding, depth)) if binding.decorators else frozenset()
        if decorated:
            return decorated
        if binding.value is not None:
            return self.imported(binding.value)
        if binding.expr is not None:
            return self.eval(binding.expr, binding.scope, depth + 1)
        if binding.annotation is not None:
            types: set[Value] = set()
            for annotation in _annotated_types(binding.annotation):
                types |= self.eval(annotation, binding.scope, depth + 1)
            annotated = frozenset(_annotated(v) for v in self.instances_of(types, None, depth))
            if annotated:
                return annotated
        if isinstance(binding.target, cst.Param) and id(binding.target) in self.collector.parameters:
            return frozenset(self._passed(binding.target, depth))
        return frozenset()

    def _passed(self, param: cst.Param, depth: int) -> Iterator[Value]:
        """The vendor values the module's calls of a function pass a parameter (``self._build(ollama.Client)``
        makes ``cls`` in ``def _build(self, cls): return cls(**kw)`` the Ollama client class)."""
        function, position = self.collector.parameters[id(param)]
        owner = self.collector.initialisers.get(id(function))
        name = owner.node.name.value if owner is not None else function.name.value
        for call, scope in self._calls_named().get(name, ()):
            arg = _argument(call, param.name.value, position)
            if arg is None or not any(
                (isinstance(v, LocalFunc) and v.info.node is function)
                or (isinstance(v, LocalClass) and v.info is owner)
                for v in self.eval(call.func, scope, depth + 1)
            ):
                continue
            for value in self.eval(arg, scope, depth + 1):
                if isinstance(value, (Inst, LocalObj)) or (
                    isinstance(value, Mod) and self.catalog.is_vendor(value.name)
                ):
                    yield value

    def _calls_named(self) -> dict[str, list[tuple[cst.Call, Scope]]]:
        """The module's calls by the callee's last name (``f(...)``, ``self.f(...)``), built once."""
        if self._calls_by_name is None:
            self._calls_by_name = {}
            for call, scope in self.collector.calls:
                func = call.func
                name = (
                    func.value
                    if isinstance(func, cst.Name)
                    else getattr(getattr(func, "attr", None), "value", None)
                )
                if name is not None:
                    self._calls_by_name.setdefault(name, []).append((call, scope))
        return self._calls_by_name

    def _decorated(self, binding: Binding, depth: int) -> Iterator[Value]:
        """A function a vendor decorator turns into a vendor object (``DECORATED_TYPES``: ``@sgl.function``)."""
        for decorator in binding.decorators:
            for value in self.eval(decorator, binding.scope, depth + 1):
                # `@sgl.function` is the vendor symbol; `@sgl.function(...)` an instance of it, with no path.
                name = value.name if isinstance(value, Mod) else value.type if isinstance(value, Inst) else ""
                built = DECORATED_TYPES.get(name) if not getattr(value, "path", "") else None
                if built is not None:
                    yield Inst(built)

    # ------------------------------------------------------------ expressions

    def eval(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> frozenset[Value]:
        key = (id(node), id(scope))
        if key in self._memo:
            return self._memo[key]
        if key in self._active or depth > MAX_DEPTH:
            return frozenset()
        self._active.add(key)
        try:
            result = frozenset(self._eval(node, scope, depth))
        finally:
            self._active.discard(key)
        self._memo[key] = result
        return result

    def _eval(self, node: cst.BaseExpression, scope: Scope, depth: int) -> Iterator[Value]:
        handler = _EXPRESSIONS.get(type(node))
        return handler(self, node, scope, depth) if handler is not None else iter(())

    def _name(self, node: cst.Name, scope: Scope, depth: int) -> Iterator[Value]:
        yield from self.binding_values(self.lookup(node.value, scope), depth)

    def _attribute(self, node: cst.Attribute, scope: Scope, depth: int) -> Iterator[Value]:
        for base in self.eval(node.value, scope, depth + 1):
            yield from self.attribute(base, node.attr.value, depth)

    def _call(self, node: cst.Call, scope: Scope, depth: int) -> Iterator[Value]:
        module = runtime_import(node, self.collector.call_targets.get(id(node)))
        if module is not None and (
            self.catalog.import_rule(module) is not None or self.catalog.is_vendor(module)
        ):
            # `ollama = require_dependency("ollama")`, `import_optional_dependency("huggingface_hub").InferenceClient`
            yield Mod(module)
            return
        cast_type = _cast_type(node)
        # `typing.cast(SparseEncoder, self._model)`: an instance of the type it names
        if cast_type is not None:
            yield from self.instances_of(self.eval(cast_type, scope, depth + 1), None, depth)
            return
        member = _getattr_name(node)
        if member is not None:  # `getattr(module, "HuggingFaceEmbedding")`
            for base in self.eval(node.args[0].value, scope, depth + 1):
                yield from self.attribute(base, member, depth)
            return
        for callee in self.eval(node.func, scope, depth + 1):
            yield from self.call_result(callee, node, scope, depth)

    def _await(self, node: cst.Await, scope: Scope, depth: int) -> Iterator[Value]:
        yield from self.eval(node.expression, scope, depth + 1)

    def _string(self, node: cst.BaseString, scope: Scope, depth: int) -> Iterator[Value]:
        if isinstance(node, cst.FormattedString):
            parts = node.parts
            yield Str(parts[0].value if parts and isinstance(parts[0], cst.FormattedStringText) else "")
            return
        text = string_value(node)
        if text is not None:
            yield Str(text)

    def _subscript(self, node: cst.Subscript, scope: Scope, depth: int) -> Iterator[Value]:
        if isinstance(node.value, cst.Attribute) and node.value.attr.value == "environ":
            yield from _env_value(node)
            return
        index = _integer_index(node)
        if index is None:
            return
        for base in self.eval(node.value, scope, depth + 1):
            # A vendor function returning a tuple: `model, tokenizer = mlx_lm.load(path)`.
            types = TUPLE_TYPES.get(base.type, ()) if isinstance(base, Inst) and not base.path else ()
            if index < len(types):
                yield Inst(types[index], origin=base.origin)
        if isinstance(node.value, cst.Call):
            yield from self._returned_item(node.value, index, scope, depth)
            member = self._loaded_member(node.value) if index == 0 else None
            if member is not None:
                yield Mod(
                    member
                )  # `LLM, _ = optional_import("vllm", "LLM")`: the member and whether it loaded

    def _loaded_member(self, call: cst.Call) -> str | None:
        """The member a run-time loader of a vendor module is asked for by name (``optional_import("vllm", "LLM")``)."""
        module = runtime_import(call, None)
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        member = string_value(positional[1]) if module is not None and len(positional) > 1 else None
        if member is None or not member.isidentifier() or not self.catalog.is_vendor(module):
            return None
        return f"{module}.{member}"

    def _returned_item(self, call: cst.Call, index: int, scope: Scope, depth: int) -> Iterator[Value]:
        """Item ``index`` of the tuples a local function returns (``return self._model, self._tokenizer``)."""
        for callee in self.eval(call.func, scope, depth + 1):
            if isinstance(callee, LocalFunc) and callee.info.scope is not None:
                for returned in callee.info.returns:
                    if isinstance(returned, cst.Tuple) and index < len(returned.elements):
                        yield from self.eval(returned.elements[index].value, callee.info.scope, depth + 1)

    def _boolean(self, node: cst.BooleanOperation, scope: Scope, depth: int) -> Iterator[Value]:
        yield from self.eval(node.left, scope, depth + 1)
        yield from self.eval(node.right, scope, depth + 1)

    def _conditional(self, node: cst.IfExp, scope: Scope, depth: int) -> Iterator[Value]:
        """``ModelRunnerCpp if cpp else ModelRunner``: either branch."""
        yield from self.eval(node.body, scope, depth + 1)
        yield from self.eval(node.orelse, scope, depth + 1)

    def imported(self, value: Value) -> frozenset[Value]:
        """A module symbol, or what it means when it names an export of another project module."""
        if isinstance(value, Mod) and value.name in self.project:
            return self.project[value.name]
        if isinstance(value, Mod):
            return frozenset((Mod(vendored_name(value.name)),))
        return frozenset((value,))

    def attribute(self, base: Value, name: str, depth: int) -> Iterator[Value]:
        if isinstance(base, Mod):
            yield from self.imported(Mod(f"{base.name}.{name}"))
        elif isinstance(base, ExtObj):
            yield from base.cls.member(name)
            yield from (Inst(vendor, name) for vendor in base.cls.bases if not base.cls.member(name))
        elif isinstance(base, ExtClass):
            yield from base.member(name)
        elif isinstance(base, Inst):
            yield Inst(base.type, f"{base.path}.{name}" if base.path else name, base.host, base.origin)
        elif isinstance(base, (LocalObj, LocalClass)):
            yield from self._member(base, name, depth)

    def _member(self, base: LocalObj | LocalClass, name: str, depth: int) -> Iterator[Value]:
        info = base.info
        found = self.binding_values(info.attributes.get(name, []), depth)
        if info.body is not None and name in info.body.bindings:
            found |= self.binding_values(info.body.bindings[name], depth)
        if isinstance(base, LocalObj):
            found = self.read(found, depth)
        found = found or self._inherited(base, name, depth)
        yield from found
        vendors = self.vendor_bases(info, depth) if not found else []
        for vendor in vendors:
            yield Inst(vendor, name) if isinstance(base, LocalObj) else Mod(f"{vendor}.{name}")
        unset = name not in info.attributes and not (info.body is not None and name in info.body.bindings)
        if not found and not vendors and unset and isinstance(base, LocalObj) and self._loaded_package(name):
            yield Mod(name)

    def _loaded_package(self, name: str) -> bool:
        """``self.ollama`` that no class here sets, in a module naming the package in a string: a base class's
        run-time loader put the module there (garak's ``extra_dependency_names = ["ollama"]``)."""
        if self._named_packages is None:
            self._named_packages = frozenset(
                text for _, text, formatted in self.collector.strings if not formatted and text.isidentifier()
            )
        return name in self._named_packages and name in self.catalog.vendor_roots

    def read(self, values: frozenset[Value], depth: int) -> frozenset[Value]:
        """Values read as an instance's attribute: a property gives what its method returns
        (``@lazy_property def client(self): return ollama.Client(...)``)."""
        if not any(isinstance(v, LocalFunc) and v.info.is_property for v in values):
            return values
        read: set[Value] = set()
        for value in values:
            if isinstance(value, LocalFunc) and value.info.is_property:
                if value.info.scope is not None and depth < MAX_DEPTH:
                    read.update(self.function_result(value, value.info.scope, depth + 1))
            else:
                read.add(value)
        return frozenset(read)

    def _inherited(self, base: LocalObj | LocalClass, name: str, depth: int) -> frozenset[Value]:
        """``name`` as a project base class holds it (``self.client`` a base class's ``__init__`` or fields set)."""
        if depth > MAX_DEPTH:
            return frozenset()
        found: set[Value] = set()
        for arg in base.info.node.bases:
            for parent in self.eval(arg.value, base.info.scope, depth + 1):
                if isinstance(parent, LocalClass) and parent.info is not base.info:
                    inner = LocalObj(parent.info) if isinstance(base, LocalObj) else parent
                    found.update(self._member(inner, name, depth + 1))
                elif isinstance(parent, ExtClass):
                    found.update(parent.member(name))
        return frozenset(found)

    def vendor_bases(self, info: ClassInfo, depth: int) -> list[str]:
        """The vendor classes a local class derives from, directly or through other local classes."""
        bases: list[str] = []
        for arg in info.node.bases:
            for value in self.eval(arg.value, info.scope, depth + 1):
                if isinstance(value, Mod) and self.catalog.is_vendor(value.name):
                    bases.append(value.name)
                elif isinstance(value, LocalClass) and value.info is not info:
                    bases.extend(self.vendor_bases(value.info, depth + 1))
                elif isinstance(value, ExtClass):
                    bases.extend(value.bases)
        return bases

    # ------------------------------------------------------------ calls

    def call_result(self, callee: Value, node: cst.Call, scope: Scope, depth: int) -> Iterator[Value]:
        """What calling ``callee`` returns."""
        if isinstance(callee, Mod) and node.args and CLIENT_WRAPPERS.fullmatch(callee.name):
            yield from self.eval(
                node.args[0].value, scope, depth + 1
            )  # instructor.from_groq(client): the client
        elif isinstance(callee, Mod):
            host = self.call_host(callee.name, node, scope, depth)
            yield from self.instances_of([callee], host, depth, node, scope)
        elif isinstance(callee, Inst):
            yield from self._method_result(callee, node, scope, depth)
        elif isinstance(callee, (LocalClass, ExtClass)):
            yield LocalObj(callee.info) if isinstance(callee, LocalClass) else ExtObj(callee)
            bases = self.vendor_bases(callee.info, depth) if isinstance(callee, LocalClass) else callee.bases
            for vendor in bases:
                yield self._built(vendor, self.call_host(vendor, node, scope, depth), node)
        elif isinstance(callee, LocalFunc) and callee.info.scope is not None:
            yield from self.function_result(callee, scope, depth)
        elif isinstance(callee, ExtFunc):
            yield from callee.returns

    def function_result(self, callee: LocalFunc, scope: Scope, depth: int) -> Iterator[Value]:
        """What a local function returns, and what its return annotation says (``def client() -> Groq:``)."""
        info = callee.info
        for returned in info.returns:
            yield from self.eval(returned, info.scope, depth + 1)
        if info.node.returns is not None:
            annotation = self.eval(info.node.returns.annotation, info.scope or scope, depth + 1)
            yield from self.instances_of(annotation, None, depth)

    def _method_result(self, callee: Inst, node: cst.Call, scope: Scope, depth: int) -> Iterator[Value]:
        """Vendor methods that build vendor objects: a boto3 session's ``client(...)``, vLLM's ``get_tokenizer()``,
        and those the vocabulary's ``RETURN_TYPES`` name (``replicate.model.Model#versions.get``)."""
        service = self.service_arg(node, scope, depth) if callee.path == "client" else None
        if service is not None:
            yield self._built(f"boto3.client:{service}", None, node)
        elif f"{callee.type}#{callee.path}" in RETURN_TYPES:
            yield self._built(RETURN_TYPES[f"{callee.type}#{callee.path}"], None, node)
        elif callee.path == "get_tokenizer":
            yield self._built("transformers.PreTrainedTokenizer", None, node)
        elif callee.path.rpartition(".")[2] in SELF_RETURNING_METHODS and not self.catalog.rules_for_call(
            f"{callee.type}#{callee.path}", callee.host
        ):  # not a vendor method of that name (llama-cpp-python's `Llama.eval(tokens)`)
            # `from_pretrained(path).eval()`, `model = model.to(device)`: the object itself
            yield Inst(callee.type, callee.path.rpartition(".")[0], callee.host, callee.origin)

    def _built(self, type_name: str, host: str | None, node: cst.Call | None) -> Inst:
        if node is None:
            return Inst(type_name, host=host)
        self.origins[id(node)] = node
        return Inst(type_name, host=host, origin=id(node))

    def instances_of(
        self,
        values: Iterable[Value],
        host: str | None,
        depth: int,
        node: cst.Call | None = None,
        scope: Scope | None = None,
    ) -> Iterator[Value]:
        """What calling a vendor symbol returns: an instance of a class, or of a factory's class."""
        for value in values:
            if isinstance(value, LocalClass):
                yield LocalObj(value.info)
            elif isinstance(value, ExtClass):
                yield ExtObj(value)
            elif isinstance(value, Mod) and self.catalog.is_vendor(value.name):
                built = self._instance_type(value.name, node, scope, depth)
                if built is not None:
                    yield self._built(built, None if built.startswith("boto3.client:") else host, node)

    def _instance_type(self, name: str, node: cst.Call | None, scope: Scope | None, depth: int) -> str | None:
        head, _, last = name.rpartition(".")
        if name in _BOTO_CLIENTS:
            service = self.service_arg(node, scope, depth) if node is not None and scope is not None else None
            return f"boto3.client:{service}" if service is not None else None
        if last[:1].isupper():
            return PUBLIC_CLASSES.get(name, name)
        if last in FACTORY_METHODS and head.rpartition(".")[2][:1].isupper():
            return PUBLIC_CLASSES.get(head, head)
        if name in _PIPELINES:
            return name
        return RETURN_TYPES.get(name)

    def service_arg(self, node: cst.Call, scope: Scope, depth: int) -> str | None:
        """The AWS service a ``client("bedrock-runtime")`` call names."""
        for index, arg in enumerate(node.args):
            if (arg.keyword is None and index == 0) or (
                arg.keyword is not None and arg.keyword.value == "service_name"
            ):
                for value in self.eval(arg.value, scope, depth + 1):
                    if isinstance(value, Str):
                        return value.value
        return None

    def call_host(self, name: str, node: cst.Call, scope: Scope, depth: int) -> str | None:
        """For OpenAI-compatible constructors: where the client sends requests (local, hosted, unknown).

        A project's subclass of the client class is pointed where its ``super().__init__(base_url=...)`` says."""
        given = [(arg.keyword.value if arg.keyword else None, arg.value, scope) for arg in node.args]
        verdict, configured = self._keywords_host(given, depth)
        if verdict is None and not configured:
            verdict, configured = self._keywords_host(
                list(self._subclass_keywords(node, scope, depth)), depth
            )
        if verdict is None and name in ROUTER_ENTRY_POINTS:
            return self._router_host(ROUTER_ENTRY_POINTS[name], node, scope, depth)
        if verdict is None and name.startswith(OPENAI_COMPATIBLE_ROOTS):
            return self.module_host or (hosts.CONFIGURED if configured else None)
        return verdict

    def _router_host(
        self, where: tuple[int, str, str], node: cst.Call, scope: Scope, depth: int
    ) -> str | None:
        """A router call's host class: of the provider its model string's prefix or its provider keyword names
        (``dspy.LM("ollama_chat/llama3.2")``, ``init_chat_model("llama3.1", model_provider="ollama")``)."""
        index, keyword, provider_keyword = where
        texts: dict[str, list[str]] = {"model": [], "provider": []}
        for position, arg in enumerate(node.args):
            name = arg.keyword.value if arg.keyword is not None else None
            slot = "model" if name == keyword or (name is None and position == index) else None
            slot = "provider" if provider_keyword and name == provider_keyword else slot
            if slot is not None and not arg.star:
                texts[slot] += [v.value for v in self.eval(arg.value, scope, depth + 1) if isinstance(v, Str)]
        providers = [router_provider("", p) for p in texts["provider"]]
        vendor = next((v for v in providers or map(router_provider, texts["model"]) if v), None)
        if vendor is None:
            return None
        return hosts.LOCAL if vendor in ROUTER_LOCAL_VENDORS else hosts.HOSTED

    def _keywords_host(
        self, keywords: list[tuple[str | None, cst.BaseExpression, Scope]], depth: int
    ) -> tuple[str | None, bool]:
        """The host the URL and API-key keywords of a constructor name, and whether a URL is configured."""
        verdict: str | None = None
        configured = False
        for keyword, value, scope in keywords:
            if keyword in URL_KEYWORDS:
                literals = [v.value for v in self.eval(value, scope, depth + 1) if isinstance(v, Str)]
                for text in literals:
                    if not text.startswith("$env:"):
                        verdict = verdict or hosts.classify_url(text)
                configured = configured or _configured_url(value, literals)
            elif keyword in ("api_key", "openai_api_key"):
                verdict = verdict or self.key_host(value, scope, depth)
        return verdict, configured

    def _subclass_keywords(
        self, node: cst.Call, scope: Scope, depth: int
    ) -> Iterator[tuple[str, cst.BaseExpression, Scope]]:
        """The URL and key keywords a local class called by ``node`` gives its vendor base's initialiser."""
        for callee in self.eval(node.func, scope, depth + 1):
            if isinstance(callee, LocalClass):
                for keyword in (*URL_KEYWORDS, "api_key", "openai_api_key"):
                    for binding in callee.info.attributes.get(keyword, ()):
                        if binding.expr is not None and isinstance(binding.target, cst.Name):
                            yield keyword, binding.expr, binding.scope

    def key_host(self, node: cst.BaseExpression, scope: Scope, depth: int) -> str | None:
        if isinstance(node, cst.Call) and node.args:
            callee = {v.name for v in self.eval(node.func, scope, depth + 1) if isinstance(v, Mod)}
            if callee & {"os.getenv", "os.environ.get"}:
                name = string_value(node.args[0].value)
                return hosts.classify_key(name, is_env_name=True) if name else None
        for value in self.eval(node, scope, depth + 1):
            if isinstance(value, Str):
                if value.value.startswith("$env:"):
                    return hosts.classify_key(value.value[5:], is_env_name=True)
                return hosts.classify_key(value.value, is_env_name=False)
        return None

    # ------------------------------------------------------------ certainty

    def fully_known(self, node: cst.BaseExpression, scope: Scope) -> bool:
        """Whether every binding the receiver ``node`` may come from resolves to something.

        Resolution is flow-insensitive: ``llm = Llama(...)`` followed by ``llm = wrap(llm)`` resolves ``llm``
        to the Llama only. Such a receiver is not fully known, and no codemod may rely on it.
        """
        if isinstance(node, cst.Name):
            bindings = self.lookup(node.value, scope)
            return bool(bindings) and all(self._known(b) for b in bindings)
        if isinstance(node, cst.Attribute):
            for base in self.eval(node.value, scope):
                if isinstance(base, LocalObj) and not all(
                    self._known(b) for b in base.info.attributes.get(node.attr.value, [])
                ):
                    return False
            return self.fully_known(node.value, scope)
        if isinstance(node, cst.Call):
            return self.fully_known(node.func, scope)
        return True

    def _known(self, binding: Binding) -> bool:
        """A binding that resolves to something, or to ``None`` (``self.llm = None`` before it is loaded)."""
        is_none = isinstance(binding.expr, cst.Name) and binding.expr.value == "None"
        return is_none or bool(self.binding_value(binding, 0))


_EXPRESSIONS = {
    cst.Name: Evaluator._name,
    cst.Attribute: Evaluator._attribute,
    cst.Call: Evaluator._call,
    cst.Await: Evaluator._await,
    cst.SimpleString: Evaluator._string,
    cst.ConcatenatedString: Evaluator._string,
    cst.FormattedString: Evaluator._string,
    cst.Subscript: Evaluator._subscript,
    cst.BooleanOperation: Evaluator._boolean,
    cst.IfExp: Evaluator._conditional,
}


def _argument(call: cst.Call, keyword: str, position: int | None) -> cst.BaseExpression | None:
    """The argument a call passes for a parameter: by keyword, or at its position before any ``*args``."""
    positional = 0
    for arg in call.args:
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                return arg.value
        elif arg.star:
            return None
        elif positional == position:
            return arg.value
        else:
            positional += 1
    return None


def _configured_url(node: cst.BaseExpression, literals: list[str]) -> bool:
    """A base URL whose host the code does not spell (a parameter, a setting, an environment variable,
    ``f"{base}/v1"``): the client talks to whichever server it is configured with.

    Not when the expression spells a host anywhere (``os.environ.get("X", "https://api.openai.com/v1")``) or
    reads the SDK's own variable (``os.getenv("OPENAI_BASE_URL")`` is where the SDK looks anyway)."""
    if isinstance(node, cst.Name) and node.value == "None":
        return False
    spelled = [*literals, *(string_value(s) or "" for s in _simple_strings(node))]
    return not any(
        text in OPENAI_BASE_ENV or hosts.names_a_host(text)
        for text in spelled
        if not text.startswith("$env:")
    )


def _simple_strings(node: cst.CSTNode) -> Iterator[cst.SimpleString]:
    """The plain string literals inside an expression (``libcst.matchers`` costs half a second to import)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.SimpleString):
            yield current
        else:
            stack.extend(current.children)


def _integer_index(node: cst.Subscript) -> int | None:
    """The index of ``x[0]``; None for anything else."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    return int(value.value) if isinstance(value, cst.Integer) and value.value.isdigit() else None


def _env_value(node: cst.Subscript) -> Iterator[Value]:
    """``os.environ["GROQ_API_KEY"]`` evaluates to a marker naming the variable."""
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        name = string_value(node.slice[0].slice.value)
        if name is not None:
            yield Str(f"$env:{name}")


def _annotated(value: Value) -> Value:
    """An instance an annotation names, as far as the type says what it is (``ANNOTATED_TYPES``)."""
    if isinstance(value, Inst) and value.type in ANNOTATED_TYPES:
        return Inst(ANNOTATED_TYPES[value.type], value.path, value.host, value.origin)
    return value


def _annotated_types(annotation: cst.BaseExpression, depth: int = 0) -> Iterator[cst.BaseExpression]:
    """The types an annotation names: ``Client``, ``"Client"``, ``Client | None``, ``Optional[Client]``."""
    annotation = _forward_reference(annotation)
    if depth > 4:
        return
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        yield from _annotated_types(annotation.left, depth + 1)
        yield from _annotated_types(annotation.right, depth + 1)
    elif isinstance(annotation, cst.Subscript) and _last(annotation.value) == "Optional":
        for element in annotation.slice:
            if isinstance(element.slice, cst.Index):
                yield from _annotated_types(element.slice.value, depth + 1)
    else:
        yield annotation


def _last(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def _forward_reference(annotation: cst.BaseExpression) -> cst.BaseExpression:
    """A string annotation (``client: "Client"``, the class imported under ``TYPE_CHECKING``) as the expression
    it names; other annotations as they are."""
    text = string_value(annotation) if isinstance(annotation, cst.SimpleString) else None
    if text is None or not text.translate(_ANNOTATION_PUNCTUATION).isidentifier():
        return annotation
    return _parsed_annotation(text) or annotation


_ANNOTATION_PUNCTUATION = str.maketrans("", "", ".|[], ")


@functools.lru_cache(maxsize=1024)
def _parsed_annotation(text: str) -> cst.BaseExpression | None:
    """One node per annotation text, so that evaluating it twice hits the evaluator's memo."""
    try:
        return cst.parse_expression(text)
    except cst.ParserSyntaxError:
        return None


def _getattr_name(node: cst.Call) -> str | None:
    """The literal member name of a builtin ``getattr(obj, "name"[, default])`` call."""
    if not isinstance(node.func, cst.Name) or node.func.value != "getattr" or len(node.args) < 2:
        return None
    name = string_value(node.args[1].value)
    return name if name is not None and name.isidentifier() else None


def _cast_type(node: cst.Call) -> cst.BaseExpression | None:
    """The type of a ``cast(Type, value)`` / ``typing.cast(Type, value)`` call (its first argument)."""
    if _last(node.func) != "cast" or len(node.args) != 2 or any(a.keyword or a.star for a in node.args):
        return None
    return _forward_reference(node.args[0].value)
