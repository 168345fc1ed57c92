"""Analyse one Python module with libcst: resolve names to vendor APIs and report catalog matches.

One visitor pass records scopes, bindings (imports, assignments, ``self.x`` attributes, parameters,
returns, classes) and the sites worth checking. A small lazy evaluator then resolves each site:
``from llama_cpp import Llama as L; llm = L(...); llm.create_chat_completion(...)`` is the API
``llama_cpp.Llama#create_chat_completion``. Resolution is flow-insensitive and stays inside the module
(factory functions, wrapper classes and subclasses of vendor classes in the same file are followed).
Nothing is imported or executed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Union

import libcst as cst

from sovmigrate.rules import Kind, Rule
from sovmigrate.scan import hosts
from sovmigrate.scan.matching import CompiledCatalog, compiled_catalog
from sovmigrate.scan.positions import node_spans
from sovmigrate.scan.walk import walk

# Class methods that return an instance of their class.
FACTORY_METHODS = frozenset({
    "from_pretrained", "from_engine_args", "from_model_id", "build", "from_config", "from_file", "from_string",
    "from_json_schema", "from_env", "from_cli_args", "from_llm",
})
MODEL_KEYS = frozenset({
    "model", "model_id", "model_name", "modelid", "model_path", "repo_id", "base_model", "model_file", "pretrained_model_name_or_path",
    "model_url", "llm_model", "chat_model", "embedding_model", "served_model_name", "tokenizer",
})
URL_KEYWORDS = ("base_url", "openai_api_base", "api_base", "host", "endpoint_url", "api_url")
MAX_DEPTH = 40


# ---------------------------------------------------------------- abstract values


@dataclass(frozen=True)
class Mod:
    """A module or vendor symbol with a qualified name."""

    name: str


@dataclass(frozen=True)
class Inst:
    """An instance of a vendor type; ``path`` is an attribute chain on it (``chat.completions``)."""

    type: str
    path: str = ""
    host: str | None = None


@dataclass(frozen=True)
class LocalClass:
    info: ClassInfo


@dataclass(frozen=True)
class LocalObj:
    info: ClassInfo


@dataclass(frozen=True)
class LocalFunc:
    info: FuncInfo
    bound_to: ClassInfo | None = None


@dataclass(frozen=True)
class Str:
    value: str


Value = Union[Mod, Inst, LocalClass, LocalObj, LocalFunc, Str]


# ---------------------------------------------------------------- scopes and bindings


@dataclass(eq=False)
class Scope:
    kind: str  # module | class | function
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    star_imports: list[str] = field(default_factory=list)
    class_info: ClassInfo | None = None

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


@dataclass(eq=False)
class ClassInfo:
    node: cst.ClassDef
    scope: Scope  # the scope the class statement runs in
    body: Scope | None = None
    attributes: dict[str, list[Binding]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return id(self)


@dataclass(eq=False)
class FuncInfo:
    node: cst.FunctionDef
    scope: Scope | None = None
    returns: list[cst.BaseExpression] = field(default_factory=list)

    def __hash__(self) -> int:
        return id(self)


@dataclass(eq=False)
class Binding:
    """How a name got its value: ``value`` is an expression evaluated in ``scope``, or a ready value."""

    scope: Scope
    expr: cst.BaseExpression | None = None
    value: Value | None = None
    annotation: cst.BaseExpression | None = None


@dataclass
class RawFinding:
    rule: Rule
    node: cst.CSTNode
    api: str
    details: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the collecting pass


class _Collector:
    """Record scopes, bindings and the sites to check, in one pass."""

    def __init__(self) -> None:
        self.module_scope = Scope("module", None)
        self.stack: list[Scope] = [self.module_scope]
        self.functions: list[tuple[FuncInfo, ClassInfo | None]] = []
        self.calls: list[tuple[cst.Call, Scope]] = []
        self.imports: list[tuple[cst.CSTNode, str]] = []
        self.classes: list[ClassInfo] = []
        self.strings: list[tuple[cst.CSTNode, str, bool]] = []  # node, text, is f-string
        self.model_strings: set[int] = set()
        self.assignments: list[tuple[cst.BaseExpression, cst.BaseExpression, Scope]] = []  # target, value
        self.token_ints: list[cst.Integer] = []
        self._func_stack: list[tuple[FuncInfo, ClassInfo | None]] = []

    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if dotted is None:
                continue
            self.imports.append((node, dotted))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(alias.asname.name.value, Binding(self.scope, value=Mod(dotted)))
            else:
                root = dotted.split(".")[0]
                self.scope.bind(root, Binding(self.scope, value=Mod(root)))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            return
        module = _dotted(node.module)
        if module is None:
            return
        self.imports.append((node, module))
        if isinstance(node.names, cst.ImportStar):
            self.scope.star_imports.append(module)
            return
        for alias in node.names:
            name = _dotted(alias.name)
            if name is None:
                continue
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.scope.bind(local, Binding(self.scope, value=Mod(f"{module}.{name}")))

    # definitions
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        info = ClassInfo(node, self.scope)
        self.classes.append(info)
        self.scope.bind(node.name.value, Binding(self.scope, value=LocalClass(info)))
        body = Scope("class", self.scope, class_info=info)
        info.body = body
        self.stack.append(body)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        info = FuncInfo(node)
        owner = self.scope.class_info if self.scope.kind == "class" else None
        self.scope.bind(node.name.value, Binding(self.scope, value=LocalFunc(info, owner)))
        if owner is not None:
            owner.attributes.setdefault(node.name.value, []).append(Binding(self.scope, value=LocalFunc(info, owner)))
        scope = Scope("function", self.scope)
        info.scope = scope
        is_static = any(_dotted(d.decorator) in ("staticmethod", "classmethod") for d in node.decorators)
        params = [*node.params.posonly_params, *node.params.params]
        for index, param in enumerate([*params, *node.params.kwonly_params]):
            if index == 0 and owner is not None and not is_static and param in params:
                scope.bind(param.name.value, Binding(scope, value=LocalObj(owner)))
            else:
                annotation = param.annotation.annotation if param.annotation is not None else None
                scope.bind(param.name.value, Binding(self.scope, annotation=annotation))
        self.functions.append((info, owner))
        self._func_stack.append((info, owner))
        self.stack.append(scope)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()
        self._func_stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        scope = Scope("function", self.scope)
        for param in node.params.params:
            scope.bind(param.name.value, Binding(scope))
        self.stack.append(scope)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> None:
        self.scope.globals.update(item.name.value for item in node.names)

    def visit_Return(self, node: cst.Return) -> None:
        if self._func_stack and node.value is not None:
            self._func_stack[-1][0].returns.append(node.value)

    # assignments
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, node.value)
        elif isinstance(node.target, cst.Name):
            self.scope.bind(node.target.value, Binding(self.scope, annotation=node.annotation.annotation))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._assign(node.target, node.value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._assign(node.asname.name, node.item)

    def visit_For(self, node: cst.For) -> None:
        self._shadow(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._shadow(node.target)

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        self.assignments.append((target, value, self.scope))
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, Binding(self.scope, expr=value))
            if "model" in target.value.lower():
                self._mark_model(value)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            owner = self._self_class(target.value.value)
            if owner is not None:
                owner.attributes.setdefault(target.attr.value, []).append(Binding(self.scope, expr=value))
            if "model" in target.attr.value.lower():
                self._mark_model(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = value.elements if isinstance(value, (cst.Tuple, cst.List)) else None
            for index, element in enumerate(target.elements):
                if values is not None and len(values) == len(target.elements):
                    self._assign(element.value, values[index].value)
                else:
                    self._shadow(element.value)

    def _shadow(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, Binding(self.scope))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._shadow(element.value)

    def _self_class(self, name: str) -> ClassInfo | None:
        if not self._func_stack:
            return None
        info, owner = self._func_stack[-1]
        if owner is None:
            return None
        for binding in info.scope.bindings.get(name, []) if info.scope else []:
            if isinstance(binding.value, LocalObj):
                return owner
        return None

    # sites
    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append((node, self.scope))
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value.lower() in MODEL_KEYS:
                self._mark_model(arg.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if isinstance(node.key, cst.Integer):
            self.token_ints.append(node.key)
        key = _string_value(node.key)
        if key is not None and "model" in key.lower():
            self._mark_model(node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = _string_value(node)
        if text is not None:
            self.strings.append((node, text, False))

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        text = "".join(part.value if isinstance(part, cst.FormattedStringText) else "0" for part in node.parts)
        self.strings.append((node, text, True))
        return True

    def visit_Expr(self, node: cst.Expr) -> bool:
        # A bare string statement is a docstring or a comment: prose, not a prompt.
        return not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString))

    # Integers where a token id would be compared or collected (not `max_tokens=128000`).
    def visit_Comparison(self, node: cst.Comparison) -> None:
        for operand in (node.left, *(target.comparator for target in node.comparisons)):
            if isinstance(operand, cst.Integer):
                self.token_ints.append(operand)

    def visit_Element(self, node: cst.Element) -> None:
        if isinstance(node.value, cst.Integer):
            self.token_ints.append(node.value)

    def _mark_model(self, value: cst.BaseExpression) -> None:
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            self.model_strings.add(id(value))
            if isinstance(value, cst.ConcatenatedString):
                for part in (value.left, value.right):
                    self._mark_model(part)


def _dotted(node: cst.CSTNode) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def _string_value(node: cst.CSTNode | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # malformed escapes in odd code: not a literal we can read
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value
    if isinstance(node, cst.ConcatenatedString):
        left, right = _string_value(node.left), _string_value(node.right)
        return left + right if left is not None and right is not None else None
    return None


# ---------------------------------------------------------------- evaluation


def _env_value(node: cst.Subscript) -> Iterator[Value]:
    """``os.environ["GROQ_API_KEY"]`` evaluates to a marker naming the variable."""
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        name = _string_value(node.slice[0].slice.value)
        if name is not None:
            yield Str(f"$env:{name}")


class _Evaluator:
    """Lazily resolve expressions to abstract values, memoised, with a recursion guard."""

    def __init__(self, collector: _Collector, catalog: CompiledCatalog) -> None:
        self.collector = collector
        self.catalog = catalog
        self._memo: dict[tuple[int, int], frozenset[Value]] = {}
        # Where the module configures the OpenAI SDK to send requests (see analyse_module).
        self.module_host: str | None = None
        self._active: set[tuple[int, int]] = set()

    def lookup(self, name: str, scope: Scope) -> list[Binding]:
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
            if binding.value is not None:
                values.add(binding.value)
            elif binding.expr is not None:
                values |= self.eval(binding.expr, binding.scope, depth + 1)
            elif binding.annotation is not None:
                values.update(self.instances_of(self.eval(binding.annotation, binding.scope, depth + 1), None, depth))
        return frozenset(values)

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
        if isinstance(node, cst.Name):
            yield from self.binding_values(self.lookup(node.value, scope), depth)
        elif isinstance(node, cst.Attribute):
            for base in self.eval(node.value, scope, depth + 1):
                yield from self.attribute(base, node.attr.value, depth)
        elif isinstance(node, cst.Call):
            for callee in self.eval(node.func, scope, depth + 1):
                yield from self.call_result(callee, node, scope, depth)
        elif isinstance(node, cst.Await):
            yield from self.eval(node.expression, scope, depth + 1)
        elif isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            text = _string_value(node)
            if text is not None:
                yield Str(text)
        elif isinstance(node, cst.FormattedString):
            parts = node.parts
            prefix = parts[0].value if parts and isinstance(parts[0], cst.FormattedStringText) else ""
            yield Str(prefix)
        elif isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) and node.value.attr.value == "environ":
            yield from _env_value(node)
        elif isinstance(node, cst.BooleanOperation):
            yield from self.eval(node.left, scope, depth + 1)
            yield from self.eval(node.right, scope, depth + 1)

    def attribute(self, base: Value, name: str, depth: int) -> Iterator[Value]:
        if isinstance(base, Mod):
            yield Mod(f"{base.name}.{name}")
        elif isinstance(base, Inst):
            yield Inst(base.type, f"{base.path}.{name}" if base.path else name, base.host)
        elif isinstance(base, (LocalObj, LocalClass)):
            info = base.info
            found = self.binding_values(info.attributes.get(name, []), depth)
            if info.body is not None and name in info.body.bindings:
                found |= self.binding_values(info.body.bindings[name], depth)
            yield from found
            if not found:
                for vendor in self.vendor_bases(info, depth):
                    yield Inst(vendor, name) if isinstance(base, LocalObj) else Mod(f"{vendor}.{name}")

    def vendor_bases(self, info: ClassInfo, depth: int) -> list[str]:
        bases: list[str] = []
        for arg in info.node.bases:
            for value in self.eval(arg.value, info.scope, depth + 1):
                if isinstance(value, Mod) and self.catalog.is_vendor(value.name):
                    bases.append(value.name)
                elif isinstance(value, LocalClass) and value.info is not info:
                    bases.extend(self.vendor_bases(value.info, depth + 1))
        return bases

    def call_result(self, callee: Value, node: cst.Call, scope: Scope, depth: int) -> Iterator[Value]:
        if isinstance(callee, Mod):
            yield from self.instances_of([callee], self.call_host(callee.name, node, scope, depth), depth, node, scope)
        elif isinstance(callee, Inst):
            service = self.service_arg(node, scope, depth) if callee.path == "client" else None
            if service is not None:
                yield Inst(f"boto3.client:{service}")
            elif callee.path == "get_tokenizer":
                yield Inst("transformers.PreTrainedTokenizer")
        elif isinstance(callee, LocalClass):
            yield LocalObj(callee.info)
            for vendor in self.vendor_bases(callee.info, depth):
                yield Inst(vendor, host=self.call_host(vendor, node, scope, depth))
        elif isinstance(callee, LocalFunc):
            info = callee.info
            if info.scope is not None:
                for returned in info.returns:
                    yield from self.eval(returned, info.scope, depth + 1)

    def instances_of(self, values: Iterable[Value], host: str | None, depth: int,
                     node: cst.Call | None = None, scope: Scope | None = None) -> Iterator[Value]:
        """What calling a vendor symbol returns: an instance of a class, or of a factory's class."""
        for value in values:
            if isinstance(value, LocalClass):
                yield LocalObj(value.info)
                continue
            if not isinstance(value, Mod) or not self.catalog.is_vendor(value.name):
                continue
            name = value.name
            head, _, last = name.rpartition(".")
            if name in ("boto3.client", "aioboto3.client") and node is not None and scope is not None:
                service = self.service_arg(node, scope, depth)
                if service is not None:
                    yield Inst(f"boto3.client:{service}")
            elif last[:1].isupper():
                yield Inst(name, host=host)
            elif last in FACTORY_METHODS and head.rpartition(".")[2][:1].isupper():
                yield Inst(head, host=host)
            elif name in ("transformers.pipeline", "transformers.pipelines.pipeline"):
                yield Inst(name)
            elif name == "tiktoken.get_encoding":
                yield Inst("tiktoken.Encoding")

    def service_arg(self, node: cst.Call, scope: Scope, depth: int) -> str | None:
        for index, arg in enumerate(node.args):
            if (arg.keyword is None and index == 0) or (arg.keyword is not None and arg.keyword.value == "service_name"):
                for value in self.eval(arg.value, scope, depth + 1):
                    if isinstance(value, Str):
                        return value.value
        return None

    def call_host(self, name: str, node: cst.Call, scope: Scope, depth: int) -> str | None:
        """For OpenAI-compatible constructors: where the client sends requests (local, hosted, unknown)."""
        verdict: str | None = None
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in URL_KEYWORDS:
                for value in self.eval(arg.value, scope, depth + 1):
                    if isinstance(value, Str) and not value.value.startswith("$env:"):
                        verdict = verdict or hosts.classify_url(value.value)
            elif keyword == "api_key":
                verdict = verdict or self.key_host(arg.value, scope, depth)
        if verdict is None and name.startswith(("openai.", "langchain", "llama_index.llms.openai")):
            return self.module_host
        return verdict

    def key_host(self, node: cst.BaseExpression, scope: Scope, depth: int) -> str | None:
        if isinstance(node, cst.Call) and node.args:
            callee = {v.name for v in self.eval(node.func, scope, depth + 1) if isinstance(v, Mod)}
            if callee & {"os.getenv", "os.environ.get"}:
                name = _string_value(node.args[0].value)
                return hosts.classify_key(name, is_env_name=True) if name else None
        for value in self.eval(node, scope, depth + 1):
            if isinstance(value, Str):
                if value.value.startswith("$env:"):
                    return hosts.classify_key(value.value[5:], is_env_name=True)
                return hosts.classify_key(value.value, is_env_name=False)
        return None


# ---------------------------------------------------------------- reporting


def api_of(value: Value) -> tuple[str, str | None] | None:
    """The catalog API string of a called value, with the client's host class."""
    if isinstance(value, Mod):
        return value.name, None
    if isinstance(value, Inst):
        return f"{value.type}#{value.path or '__call__'}", value.host
    return None


def analyse_module(module: cst.Module, catalog: CompiledCatalog | None = None) -> list[RawFinding]:
    """Every catalog match in a parsed module (positions not yet attached)."""
    catalog = catalog or compiled_catalog()
    collector = _Collector()
    walk(module, collector)
    evaluator = _Evaluator(collector, catalog)
    findings: list[RawFinding] = []
    reported: set[int] = set()

    for node, module_name in collector.imports:
        rule = catalog.import_rule(module_name)
        if rule is not None:
            findings.append(RawFinding(rule, node, module_name))

    consumed_strings: set[int] = set()
    imported_roots = {name.split(".")[0] for _, name in collector.imports}
    # Module-level configuration of the OpenAI SDK (`openai.base_url = ...`, `openai.api_base = ...`,
    # `os.environ["OPENAI_API_BASE"] = ...`): clients built without a base URL in this module go there.
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
                findings.append(RawFinding(rule, target, setting, {"host": host}))
        consumed_strings.add(id(value))

    for call, scope in collector.calls:
        apis: list[tuple[str, str | None]] = []
        for callee in evaluator.eval(call.func, scope):
            api = api_of(callee)
            if isinstance(callee, Mod):
                if callee.name in ("boto3.client", "aioboto3.client"):
                    service = evaluator.service_arg(call, scope, 0)
                    api = (f"{callee.name}:{service}", None) if service else api
                else:
                    api = (callee.name, evaluator.call_host(callee.name, call, scope, 0))
            elif isinstance(callee, Inst) and callee.path == "client":
                service = evaluator.service_arg(call, scope, 0)
                if service:
                    api = (f"{callee.type}#client:{service}", callee.host)
            elif isinstance(callee, LocalClass):
                for vendor in evaluator.vendor_bases(callee.info, 0):
                    apis.append((vendor, evaluator.call_host(vendor, call, scope, 0)))
            if api is not None:
                apis.append(api)
        inferred = not apis and _distinctive_api(call, scope, evaluator, imported_roots)
        if inferred:
            apis.append((inferred, None))
        for api, host in dict.fromkeys(apis):
            rules = catalog.rules_for_call(api, host)
            for rule in rules:
                details = {"host": host} if host else {}
                if inferred:
                    details["receiver"] = "inferred from the method name"
                findings.append(RawFinding(rule, call, api, details))
            if any(rule.kind is Kind.CLIENT for rule in rules) and host:
                consumed_strings.update(id(arg.value) for arg in call.args if arg.keyword and arg.keyword.value in URL_KEYWORDS)
            if catalog.is_vendor(api):
                _keyword_findings(call, api, catalog, findings)
        _token_id_findings(call, catalog, findings, reported)

    for info in collector.classes:
        for vendor in evaluator.vendor_bases(info, 0):
            for rule in catalog.rules_for_call(vendor, None):
                if rule.kind is Kind.CLIENT:
                    findings.append(RawFinding(rule, info.node.name, vendor, {"subclass": info.node.name.value}))

    for node, text, is_fstring in collector.strings:
        if id(node) in consumed_strings:
            continue
        for literal, rule in catalog.literals:
            if is_fstring and not literal.in_fstrings:
                continue
            if literal.context == "model" and id(node) not in collector.model_strings:
                continue
            match = literal.regex.search(text)
            if match is not None:
                shown = text if rule.kind is Kind.MODEL_ID or literal.regex.pattern.startswith("^https?") else match.group(0)
                shown = _one_line(shown)
                details = {"model_id": text} if rule.kind is Kind.MODEL_ID else {}
                findings.append(RawFinding(rule, node, shown, details))
                if rule.kind is Kind.MODEL_ID:
                    break  # one id, one finding: the most specific rule comes first

    for node in collector.token_ints:
        if id(node) in reported:
            continue
        try:
            number = int(node.value.replace("_", ""), 0)
        except ValueError:
            continue
        for low, high, rule in catalog.token_ranges:
            if low <= number <= high:
                findings.append(RawFinding(rule, node, str(number), {"token_id": number}))
                break

    return findings


def _one_line(text: str, limit: int = 120) -> str:
    """A literal as it can stand in one line of a report."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Methods that exist on one vendor's objects only: a call on a receiver the analysis cannot resolve
# (a parameter, an item of a list) is that vendor's API when the module imports the vendor.
DISTINCTIVE_METHODS = {
    "create_chat_completion": ("llama_cpp", "llama_cpp.Llama#create_chat_completion"),
    "create_completion": ("llama_cpp", "llama_cpp.Llama#create_completion"),
    "create_embedding": ("llama_cpp", "llama_cpp.Llama#create_embedding"),
    "invoke_model": ("boto3", "boto3.client:bedrock-runtime#invoke_model"),
    "invoke_model_with_response_stream": ("boto3", "boto3.client:bedrock-runtime#invoke_model_with_response_stream"),
    "converse": ("boto3", "boto3.client:bedrock-runtime#converse"),
    "converse_stream": ("boto3", "boto3.client:bedrock-runtime#converse_stream"),
}


def _distinctive_api(call: cst.Call, scope: Scope, evaluator: _Evaluator, imported: set[str]) -> str | None:
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in DISTINCTIVE_METHODS:
        return None
    root, api = DISTINCTIVE_METHODS[func.attr.value]
    if root not in imported or evaluator.eval(func.value, scope):
        return None
    return api


_OPENAI_ENV = frozenset({"OPENAI_API_BASE", "OPENAI_BASE_URL"})


def _openai_base_setting(target: cst.BaseExpression, scope: Scope, evaluator: _Evaluator) -> str | None:
    """``openai.base_url``/``openai.api_base`` or ``os.environ["OPENAI_API_BASE"]`` as an assignment target."""
    if isinstance(target, cst.Attribute) and target.attr.value in ("base_url", "api_base"):
        if Mod("openai") in evaluator.eval(target.value, scope):
            return f"openai.{target.attr.value}"
    elif isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
        key = _string_value(target.slice[0].slice.value)
        if key in _OPENAI_ENV and Mod("os.environ") in evaluator.eval(target.value, scope):
            return f'os.environ["{key}"]'
    return None


def _keyword_findings(call: cst.Call, api: str, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    for arg in call.args:
        if arg.keyword is None:
            continue
        for regex, rule in catalog.keywords.get(arg.keyword.value, ()):
            if regex.fullmatch(api):
                findings.append(RawFinding(rule, arg, f"{api}({arg.keyword.value}=...)"))
                break


def _token_id_findings(call: cst.Call, catalog: CompiledCatalog, findings: list[RawFinding], reported: set[int]) -> None:
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value not in catalog.token_keywords:
            continue
        value = arg.value
        integers = [value] if isinstance(value, cst.Integer) else [
            e.value for e in getattr(value, "elements", ()) if isinstance(getattr(e, "value", None), cst.Integer)
        ]
        if integers:
            rule = catalog.token_keywords[arg.keyword.value]
            ids = ", ".join(i.value for i in integers)
            findings.append(RawFinding(rule, arg, f"{arg.keyword.value}={ids}", {"token_ids": [int(i.value, 0) for i in integers]}))
            reported.update(id(i) for i in integers)


def positioned(module: cst.Module, raw: list[RawFinding]) -> list[tuple[RawFinding, tuple[int, int, int, int]]]:
    """Attach (line, column, end_line, end_column) to each finding; columns 0-based as libcst gives them."""
    spans = node_spans(module, [f.node for f in raw])
    return [(f, spans[id(f.node)]) for f in raw]
