"""The collecting pass of the Python analysis: scopes, bindings and the sites worth resolving.

One walk over a libcst module records every scope (module, class, function, lambda), how each name got
its value (imports, assignments, ``self.x`` attributes, parameters, returns, classes), and the nodes the
later passes look at (calls, imports, string and integer literals, assignments). Nothing is resolved here;
:mod:`sovmigrate.scan.resolve` evaluates the recorded expressions lazily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from sovmigrate.rules.idvalues import LABEL_NAMES, names_a_model
from sovmigrate.rules.literals import CHAT_FORMAT_NAMES, FAMILY_KEYWORDS, MODEL_NAME_WORDS, STOP_NAMES
from sovmigrate.rules.vocabulary import (
    ENGINE_SELECTOR_NAMES,
    ENV_MAPPINGS,
    ENV_READERS,
    MODEL_ID_NAMES,
    MODEL_KEYWORDS,
    NOT_MODEL_SUFFIXES,
    RUNTIME_IMPORT_WORDS,
    RUNTIME_MODULE_LOOKUPS,
    SETTING_DEFAULT_KEYWORDS,
    SETTING_GETTERS,
    SETTING_SELECTOR_KEYS,
)
from sovmigrate.scan.project import absolute_name, vendored_name
from sovmigrate.scan.values import LocalClass, LocalFunc, LocalObj, Mod, Value

ImportStatement = cst.Import | cst.ImportFrom
# Methods that take a mapping's key first (``options.get("num_ctx", 2048)``): the key is an option name.
_MAPPING_KEY_METHODS = frozenset({"get", "pop", "setdefault"})
# The dict a pydantic validator (``@root_validator``, ``@model_validator(mode="before")``, LangChain's
# ``@pre_init``) fills with the model's field values.
_VALIDATOR_ARGS = frozenset({"values", "data"})


@dataclass(eq=False)
class Scope:
    """A module, class or function body with the names bound in it."""

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
    # A method read as an attribute (``@property``, ``@cached_property``, ``@lazy_property()``): reading it
    # gives what it returns.
    is_property: bool = False

    def __hash__(self) -> int:
        return id(self)


@dataclass(eq=False)
class Binding:
    """How a name got its value: ``expr`` evaluated in ``scope``, a ready ``value``, or an ``annotation``.

    ``target`` is the node that bound the name (an assignment target, an import alias, a parameter).
    """

    scope: Scope
    expr: cst.BaseExpression | None = None
    value: Value | None = None
    annotation: cst.BaseExpression | None = None
    target: cst.CSTNode | None = None
    # A function's decorators: a vendor decorator may turn it into a vendor object (``@sgl.function``).
    decorators: tuple[cst.BaseExpression, ...] = ()


@dataclass(frozen=True, eq=False)
class ImportBinding:
    """One name an import statement binds.

    ``local`` is the name bound (``L`` for ``from llama_cpp import Llama as L``, ``os`` for ``import os.path``),
    ``qualified`` what it names (``llama_cpp.Llama``; relative imports keep their leading dots), ``module``
    the module the statement imports from.
    """

    local: str
    qualified: str
    module: str
    alias: cst.ImportAlias | None
    statement: ImportStatement
    module_level: bool
    binding: Binding | None = None


class Collector:
    """Record scopes, bindings and the sites to check, in one pass (driven by :func:`~sovmigrate.scan.walk.walk`)."""

    def __init__(
        self,
        module: str | None = None,
        is_package: bool = False,
        read_attributes: frozenset[str] = frozenset(),
    ) -> None:
        # The module's dotted name in the project, for relative imports (None: analysed on its own).
        self.module = module
        self.is_package = is_package
        self.module_scope = Scope("module", None)
        self.stack: list[Scope] = [self.module_scope]
        self.scopes: dict[int, Scope] = {}  # id(FunctionDef | ClassDef | Lambda) -> the scope of its body
        self.functions: list[tuple[FuncInfo, ClassInfo | None]] = []
        self.calls: list[tuple[cst.Call, Scope]] = []
        self.imports: list[tuple[ImportStatement, str]] = []  # statement, imported module
        self.import_bindings: list[ImportBinding] = []
        self.classes: list[ClassInfo] = []
        self.strings: list[tuple[cst.CSTNode, str, bool]] = []  # node, text, is f-string
        # id() of each string -> id() of the statement it is written in (a simple statement, or an if/while test).
        self.string_statements: dict[int, int] = {}
        self._statements: list[int] = [0]
        self.model_strings: set[int] = set()
        # id() of the strings in positions some literal rules require (a Literal's ``context``): stop strings and
        # special-token markup (``stop``), a chat format's name (``chat-format``), a model family tested by name
        # (``family-test``).
        self._format_tests: set[int] = set()
        self.positioned: dict[str, set[int]] = {
            "stop": set(),
            "chat-format": set(),
            "family-test": set(),
            "family-name": set(),
            # the project's own names for things: dict keys, `abbr=`/`name=` values, the bare label next to an
            # `owner/name` id in a tuple (``("llama-7b-vllm", "huggyllama/llama-7b", 1)``)
            "label": set(),
            "option-key": set(),  # keys of dicts and mappings: `{"num_ctx": n}`, `opts["num_ctx"]`, `.get("num_ctx")`
            "engine-selector": set(),  # the value of a setting that selects the engine (`backend: str = "vllm"`)
        }
        # id() of the string keys of environment look-ups (`os.getenv("OLLAMA_HOST")`, `os.environ["VLLM_URL"]`).
        self.env_keys: set[int] = set()
        self.assignments: list[tuple[cst.BaseExpression, cst.BaseExpression, Scope]] = []  # target, value
        self.token_ints: list[cst.Integer] = []
        self.awaited: set[int] = set()  # id() of awaited calls
        # id() of each call -> how many import bindings precede it in the source (the nearest import of a name).
        self.imports_before: dict[int, int] = {}
        # Reads of the attributes the catalog's Reads patterns name: node, scope, id() of the enclosing function.
        self._read_attributes = read_attributes
        self.reads: list[tuple[cst.Attribute, Scope, int]] = []
        # id() of each call -> id() of its statement (0 outside a simple statement or a test).
        self.call_statements: dict[int, int] = {}
        self._func_stack: list[tuple[FuncInfo, ClassInfo | None]] = []
        # id() of each parameter without a value of its own -> (its function, its position in a call or None
        # when keyword-only): a parameter takes the values the module's calls of the function pass it.
        self.parameters: dict[int, tuple[cst.FunctionDef, int | None]] = {}
        # id() of each ``__init__`` -> its class: the class's calls pass its parameters (``Wrapper(model=m)``).
        self.initialisers: dict[int, ClassInfo] = {}
        # The call a module's ``__getattr__`` comes from (a lazy loader's ``attach(__name__, package="vllm")``).
        self.module_getattr: cst.Call | None = None
        # id() of each call assigned to a plain name -> that name (``ollama = safe_import(...)``).
        self.call_targets: dict[int, str] = {}
        # Expressions made for evaluation only (a field's ``default_factory=Client`` called), kept alive.
        self._made: list[cst.BaseExpression] = []

    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name)
            if dotted is None:
                continue
            self.imports.append((node, dotted))
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._bind_import(
                    alias.asname.name.value, dotted, dotted, alias, node, value_name=vendored_name(dotted)
                )
            else:
                root = dotted.split(".")[0]
                self._bind_import(root, root, dotted, alias, node, value_name=root)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        dots = "." * len(node.relative)
        module = dotted_name(node.module) if node.module is not None else ""
        if module is None:
            return
        if not dots:
            self.imports.append((node, module))
        if isinstance(node.names, cst.ImportStar):
            if not dots:
                self.scope.star_imports.append(module)
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is None:
                continue
            local = (
                alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            )
            qualified = f"{dots}{module}.{name}" if module else f"{dots}{name}"
            self._bind_import(
                local, qualified, dots + module, alias, node, value_name=self.absolute(qualified)
            )

    def absolute(self, qualified: str) -> str | None:
        """The absolute name of an import; relative ones only when the module's own name is known."""
        if not qualified.startswith("."):
            return vendored_name(qualified)
        if self.module is None:
            return None
        absolute = absolute_name(qualified, self.module, self.is_package)
        return vendored_name(absolute) if absolute else None

    def _bind_import(
        self,
        local: str,
        qualified: str,
        module: str,
        alias: cst.ImportAlias,
        statement: ImportStatement,
        *,
        value_name: str | None,
    ) -> None:
        binding = Binding(self.scope, value=Mod(value_name) if value_name else None, target=alias)
        self.scope.bind(local, binding)
        self.import_bindings.append(
            ImportBinding(
                local, qualified, module, alias, statement, self.scope is self.module_scope, binding
            )
        )

    # definitions
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        info = ClassInfo(node, self.scope)
        self.classes.append(info)
        self.scope.bind(node.name.value, Binding(self.scope, value=LocalClass(info), target=node))
        body = Scope("class", self.scope, class_info=info)
        info.body = body
        self.scopes[id(node)] = body
        self.stack.append(body)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        owner = self.scope.class_info if self.scope.kind == "class" else None
        info = FuncInfo(node, is_property=owner is not None and any(map(_is_property, node.decorators)))
        decorators = tuple(d.decorator for d in node.decorators) if owner is None else ()
        self.scope.bind(
            node.name.value,
            Binding(self.scope, value=LocalFunc(info, owner), target=node, decorators=decorators),
        )
        if owner is not None:
            owner.attributes.setdefault(node.name.value, []).append(
                Binding(self.scope, value=LocalFunc(info, owner))
            )
        scope = Scope("function", self.scope)
        info.scope = scope
        self.scopes[id(node)] = scope
        self._bind_parameters(node, scope, owner)
        if owner is not None and node.name.value == "__init__":
            self.initialisers[id(node)] = owner
        self.functions.append((info, owner))
        self._func_stack.append((info, owner))
        self.stack.append(scope)

    def _enclosing_class(self) -> ClassInfo | None:
        """The class of the method a nested function is written in (its ``self`` is that method's instance)."""
        return next((owner for _, owner in reversed(self._func_stack) if owner is not None), None)

    def _bind_parameters(self, node: cst.FunctionDef, scope: Scope, owner: ClassInfo | None) -> None:
        decorators = {dotted_name(d.decorator) for d in node.decorators}
        is_static = bool(decorators & {"staticmethod", "classmethod"})
        params = [*node.params.posonly_params, *node.params.params]
        bound = owner is not None and not is_static  # the caller does not pass the first parameter
        if owner is None and params and params[0].name.value == "self":
            owner, is_static = self._enclosing_class(), False  # `def run(self, prompt)` nested in a method
        for index, param in enumerate([*params, *node.params.kwonly_params]):
            if index == 0 and owner is not None and not is_static and param in params:
                scope.bind(param.name.value, Binding(scope, value=LocalObj(owner), target=param))
            elif index == 0 and owner is not None and "classmethod" in decorators and param in params:
                scope.bind(param.name.value, Binding(scope, value=LocalClass(owner), target=param))  # `cls`
            else:
                annotation = param.annotation.annotation if param.annotation is not None else None
                scope.bind(param.name.value, Binding(self.scope, annotation=annotation, target=param))
                if param.default is not None and _holds_model(param.name.value):
                    self._mark_model(param.default)  # `def __init__(self, model: str = "llama2")`
                if param.default is not None:
                    self._mark_named(param.name.value, param.default)
                position = index - bound if param in params else None
                self.parameters[id(param)] = (node, position)
        for star in (node.params.star_arg, node.params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.bind(star.name.value, Binding(scope, target=star))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()
        self._func_stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        scope = Scope("function", self.scope)
        for param in node.params.params:
            scope.bind(param.name.value, Binding(scope, target=param))
        self.scopes[id(node)] = scope
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
            if self.scope is self.module_scope and _sets_module_getattr(target.target, node.value):
                self.module_getattr = node.value  # `__getattr__, __dir__, __all__ = lazy.attach(...)`

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, node.value)
            if self.scope.kind == "class" and isinstance(node.target, cst.Name):
                self._bind_field(node.target, node.annotation.annotation, node.value)
        elif isinstance(node.target, cst.Name):
            self.scope.bind(
                node.target.value,
                Binding(self.scope, annotation=node.annotation.annotation, target=node.target),
            )

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
            self.scope.bind(target.value, Binding(self.scope, expr=value, target=target))
            if isinstance(value, cst.Call):
                self.call_targets[id(value)] = target.value
            if _holds_model(target.value):
                self._mark_model(value)
            self._mark_named(target.value, value)
        elif isinstance(target, cst.Attribute):
            self._assign_attribute(target, value)
        elif isinstance(target, cst.Subscript):
            self._assign_validated_field(target, value)
            key = (
                string_value(target.slice[0].slice.value)
                if isinstance(target.slice[0].slice, cst.Index)
                else None
            )
            self._mark_named(key or "", value)  # `kwargs["chat_format"] = "gemma"`, `params["stop"] = [...]`
        elif isinstance(target, (cst.Tuple, cst.List)):
            self._assign_unpacked(target, value)

    def _assign_attribute(self, target: cst.Attribute, value: cst.BaseExpression) -> None:
        """``self.x = ...`` in a method sets the attribute ``x`` of the class."""
        owner = self._self_class(target.value.value) if isinstance(target.value, cst.Name) else None
        if owner is not None:
            owner.attributes.setdefault(target.attr.value, []).append(
                Binding(self.scope, expr=value, target=target)
            )
        if _holds_model(target.attr.value):  # `self.model = ...`, `self.config.model = ...`
            self._mark_model(value)
        self._mark_named(target.attr.value, value, selects=False)  # `self.provider = "ollama"` tags the class

    def _assign_unpacked(self, target: cst.Tuple | cst.List, value: cst.BaseExpression) -> None:
        """``a, b = x, y`` binds item by item; ``model, tokenizer = load(path)`` binds each name to that item."""
        values = value.elements if isinstance(value, (cst.Tuple, cst.List)) else None
        starred = any(isinstance(element, cst.StarredElement) for element in target.elements)
        for index, element in enumerate(target.elements):
            if values is not None and len(values) == len(target.elements):
                self._assign(element.value, values[index].value)
            elif values is None and not starred:
                self._assign(element.value, _item(value, index))
            else:
                self._shadow(element.value)

    def _bind_field(
        self, target: cst.Name, annotation: cst.BaseExpression, value: cst.BaseExpression
    ) -> None:
        """A pydantic/attrs/dataclass field with a default: its annotation says what it holds
        (``client: Client = Field(default=None)``), and so do its default and factory
        (``Field(default_factory=lambda: ollama.Client(...))``, ``field(default=Factory(lambda self: ...))``)."""
        self.scope.bind(target.value, Binding(self.scope, annotation=annotation, target=target))
        for default in self._field_defaults(value):
            self.scope.bind(target.value, Binding(self.scope, expr=default, target=target))

    def _field_defaults(self, value: cst.BaseExpression, depth: int = 0) -> list[cst.BaseExpression]:
        if not isinstance(value, cst.Call) or _last_name(value.func) not in FIELD_SPECS or depth > 2:
            return []
        found: list[cst.BaseExpression] = []
        for index, arg in enumerate(value.args):
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword is None and index == 0 and _last_name(value.func) == "Factory":
                keyword = "factory"
            elif keyword is None and index == 0:
                keyword = "default"
            if keyword == "default":
                found += self._field_defaults(arg.value, depth + 1) or [arg.value]
            elif keyword in ("default_factory", "factory"):
                found.append(self._factory_result(arg.value))
        return found

    def _factory_result(self, factory: cst.BaseExpression) -> cst.BaseExpression:
        """What a factory makes: a lambda's body, or the factory called (``default_factory=Client``)."""
        if isinstance(factory, cst.Lambda):
            return factory.body
        made = cst.Call(func=factory)
        self._made.append(made)
        return made

    def _constructor_keywords(self, node: cst.Call) -> None:
        """``super().__init__(generator=pipeline(...))`` in a method, ``cls(client=Client())`` in a classmethod:
        the keywords set the fields of the same name (pydantic, attrs, dataclasses and most ``__init__``s)."""
        owner = self._func_stack[-1][1] if self._func_stack else None
        func = node.func
        is_super = (
            isinstance(func, cst.Attribute)
            and func.attr.value == "__init__"
            and isinstance(func.value, cst.Call)
            and _last_name(func.value.func) == "super"
        )
        if owner is None or not (is_super or (isinstance(func, cst.Name) and func.value == "cls")):
            return
        for arg in node.args:
            if arg.keyword is not None:
                owner.attributes.setdefault(arg.keyword.value, []).append(
                    Binding(self.scope, expr=arg.value, target=arg.keyword)
                )

    def _assign_validated_field(self, target: cst.Subscript, value: cst.BaseExpression) -> None:
        """``values["client"] = Llama(...)`` in a pydantic validator of a class sets the field ``self.client``."""
        if (
            not self._func_stack
            or not isinstance(target.value, cst.Name)
            or target.value.value not in _VALIDATOR_ARGS
        ):
            return
        owner = self._func_stack[-1][1]
        key = (
            string_value(target.slice[0].slice.value)
            if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index)
            else None
        )
        if owner is not None and key is not None and key.isidentifier():
            owner.attributes.setdefault(key, []).append(Binding(self.scope, expr=value, target=target))

    def _shadow(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, Binding(self.scope, target=target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._shadow(element.value)

    def _self_class(self, name: str) -> ClassInfo | None:
        if not self._func_stack:
            return None
        info, owner = self._func_stack[-1]
        if owner is None or info.scope is None:
            return None
        for binding in info.scope.bindings.get(name, []):
            if isinstance(binding.value, LocalObj):
                return owner
        return None

    # sites
    def visit_Await(self, node: cst.Await) -> None:
        if isinstance(node.expression, cst.Call):
            self.awaited.add(id(node.expression))

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append((node, self.scope))
        self.call_statements[id(node)] = self._statements[-1]
        self._constructor_keywords(node)
        self.imports_before[id(node)] = len(self.import_bindings)
        if node.args and _last_name(node.func) in _ENV_READER_NAMES and dotted_name(node.func) in ENV_READERS:
            self.env_keys.add(id(node.args[0].value))
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value.lower() in MODEL_KEYWORDS:
                self._mark_model(arg.value)
            if arg.keyword is not None:
                self._mark_named(arg.keyword.value, arg.value)
            if arg.keyword is not None and arg.keyword.value in FAMILY_KEYWORDS:
                self._mark("family-name", arg.value)  # `ModelMeta(org="meta-llama", base_name="Llama", ...)`
        self._mark_setting_default(node)
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _MAPPING_KEY_METHODS and node.args:
            self.positioned["option-key"].add(id(node.args[0].value))  # `options.get("num_ctx", 2048)`
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("startswith", "endswith")
            and node.args
            and _names_a_model(func.value)
        ):
            self._mark("family-test", node.args[0].value)  # `repo_id.startswith("llama-3")`

    def _mark_setting_default(self, node: cst.Call) -> None:
        """The default of a settings getter whose key names the engine or the model
        (``get_setting("llm.provider", "ollama")``, ``kwargs.get("DEFAULT_MODEL", "mistral")``): the value used when
        nothing is configured, as if written to a setting of that name."""
        found = _setting_default(node)
        if found is None:
            return
        key, default = found
        if ENGINE_SELECTOR_NAMES.fullmatch(key) or SETTING_SELECTOR_KEYS.fullmatch(key):
            self._mark("engine-selector", default)
        elif MODEL_ID_NAMES.fullmatch(key):
            self._mark_model(default)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in self._read_attributes:
            function = id(self._func_stack[-1][0]) if self._func_stack else 0
            self.reads.append((node, self.scope, function))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        index = node.slice[0].slice if len(node.slice) == 1 else None
        if not isinstance(index, cst.Index):
            return
        if dotted_name(node.value) in ENV_MAPPINGS:
            self.env_keys.add(id(index.value))
        elif isinstance(index.value, cst.SimpleString):
            self.positioned["option-key"].add(id(index.value))

    def visit_Tuple(self, node: cst.Tuple) -> None:
        texts = [(element.value, string_value(element.value)) for element in node.elements]
        if any(text and "/" in text for _, text in texts):
            for value, text in texts:
                if text and "/" not in text:
                    self._mark("label", value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if isinstance(node.key, cst.Integer):
            self.token_ints.append(node.key)
        key = string_value(node.key)
        if key is not None and names_a_model(key) and not names_a_model(string_value(node.value) or ""):
            # a per-model table's key (`{"llama-65b": 2048}`) is a model id, not the project's label; an alias
            # table's key (`{"groq-llama3-70b": "llama3-70b-8192"}`) is the project's name for the id it maps to
            return
        if key is not None:
            self._mark("label", node.key)
        if key is not None and "model" in key.lower():
            self._mark_model(node.value)
        self._mark_named(key or "", node.value)
        if isinstance(node.key, cst.SimpleString) and not self._passes_on_a_parameter(key, node.value):
            self.positioned["option-key"].add(id(node.key))

    def _passes_on_a_parameter(self, key: str | None, value: cst.BaseExpression) -> bool:
        """``{"num_ctx": num_ctx}`` in a function that takes ``num_ctx``: the option is the parameter's, set by
        the caller, not a value written here."""
        if not isinstance(value, cst.Name) or value.value != key:
            return False
        return any(id(b.target) in self.parameters for b in self.scope.bindings.get(key, ()))

    # statements (one chat template spelled over several literals of one statement is one site)
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._statements.append(id(node))

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self._statements.pop()

    def visit_If(self, node: cst.If) -> None:
        self._statements.append(id(node))
        if isinstance(node.test, cst.Comparison) and _picks_chat_format(node.body):
            # `if "llama-3" in repo_id: kwargs["chat_format"] = "llama-3"`: one decision, the format's site.
            self._format_tests.add(id(node.test))

    def leave_If(self, original_node: cst.If) -> None:
        self._statements.pop()

    def visit_While(self, node: cst.While) -> None:
        self._statements.append(id(node))

    def leave_While(self, original_node: cst.While) -> None:
        self._statements.pop()

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = string_value(node)
        if text is not None:
            self.strings.append((node, text, False))
            self.string_statements[id(node)] = self._statements[-1]

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        text = "".join(
            part.value if isinstance(part, cst.FormattedStringText) else "0" for part in node.parts
        )
        self.strings.append((node, text, True))
        self.string_statements[id(node)] = self._statements[-1]
        return True

    def visit_Expr(self, node: cst.Expr) -> bool:
        # A bare string statement is a docstring or a comment: prose, not a prompt.
        return not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString))

    # Integers where a token id would be compared or collected (not `max_tokens=128000`).
    def visit_Comparison(self, node: cst.Comparison) -> None:
        first = node.comparisons[0]
        if (
            isinstance(first.operator, (cst.In, cst.NotIn))
            and id(node) not in self._format_tests
            and _names_a_model(first.comparator)
        ):
            self._mark("family-test", node.left)  # `if "gemma" in model_name.lower():`
        for operand in (node.left, *(target.comparator for target in node.comparisons)):
            if isinstance(operand, cst.Integer):
                self.token_ints.append(operand)

    def visit_Element(self, node: cst.Element) -> None:
        if isinstance(node.value, cst.Integer):
            self.token_ints.append(node.value)

    def _mark_named(self, name: str, value: cst.BaseExpression, *, selects: bool = True) -> None:
        """Strings given to a name, keyword or key that holds stop strings, a chat format's name or the engine's
        (not a constant's: ``PROVIDER = "ollama"`` names what a module is for)."""
        if name in LABEL_NAMES:
            self._mark("label", value)
        elif selects and not name.isupper() and ENGINE_SELECTOR_NAMES.fullmatch(name):
            self._mark("engine-selector", value)
        if name in CHAT_FORMAT_NAMES:
            self._mark("chat-format", value)
        elif name and STOP_NAMES.search(name):
            self._mark("stop", value)

    def _mark(self, position: str, value: cst.BaseExpression, depth: int = 0) -> None:
        """The strings ``value`` spells: itself, the items of a list, either side of ``or``, a ``.get`` default, and
        for stop strings the values of a per-model table."""
        if depth > 3:
            return
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            self.positioned[position].add(id(value))
        elif isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            for element in value.elements:
                self._mark(position, element.value, depth + 1)
        elif isinstance(value, (cst.BooleanOperation, cst.IfExp)):
            sides = (
                (value.left, value.right)
                if isinstance(value, cst.BooleanOperation)
                else (value.body, value.orelse)
            )
            for side in sides:
                self._mark(position, side, depth + 1)
        elif isinstance(value, cst.Call) and _last_name(value.func) == "get" and len(value.args) == 2:
            self._mark(position, value.args[1].value, depth + 1)  # `args.get("until", ["</s>"])`
        elif isinstance(value, cst.Dict) and position == "stop":
            for element in value.elements:  # `_MODEL_TO_EOS_TOKEN = {"alpaca-7b": "</s>"}`
                if isinstance(element, cst.DictElement):
                    self._mark(position, element.value, depth + 1)

    def _mark_model(self, value: cst.BaseExpression) -> None:
        if isinstance(value, cst.BooleanOperation):  # `config.model or "mixtral-8x7b-32768"`: the default
            self._mark_model(value.left)
            self._mark_model(value.right)
        elif isinstance(value, cst.IfExp):
            self._mark_model(value.body)
            self._mark_model(value.orelse)
        elif isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            self.model_strings.add(id(value))
            if isinstance(value, cst.ConcatenatedString):
                for part in (value.left, value.right):
                    self._mark_model(part)


# Field specifiers whose default or factory gives a field's value (pydantic, attrs, dataclasses, msgspec).
FIELD_SPECS = frozenset({"Field", "field", "Factory", "attrib", "ib", "PrivateAttr"})


def _setting_default(node: cst.Call) -> tuple[str, cst.BaseExpression] | None:
    """The key (its words joined by ``_``) and the default of a settings getter's call with a literal key."""
    name = _last_name(node.func)
    if name is None or not SETTING_GETTERS.fullmatch(name) or not node.args or node.args[0].keyword:
        return None
    first = 1 if name != "getattr" else 2
    key = string_value(node.args[first - 1].value) if len(node.args) > first - 1 else None
    positional = [a.value for a in node.args[first:] if a.keyword is None and not a.star]
    named = [a.value for a in node.args if a.keyword and a.keyword.value in SETTING_DEFAULT_KEYWORDS]
    default = (positional or named or [None])[0]
    if key is None or default is None:
        return None
    return "_".join(_SETTING_KEY_WORDS.findall(key)), default


_SETTING_KEY_WORDS = re.compile(r"[A-Za-z0-9]+")


def _names_a_model(node: cst.BaseExpression) -> bool:
    """Whether an expression reads a model's name (``model_name.lower()``, ``self.repo_id``, ``args.pretrained``)."""
    while isinstance(node, (cst.Call, cst.Subscript)):
        node = node.func if isinstance(node, cst.Call) else node.value
    while isinstance(node, cst.Attribute) and node.attr.value in ("lower", "upper", "casefold", "strip"):
        node = node.value
    name = _last_name(node)
    return name is not None and MODEL_NAME_WORDS.search(name) is not None


def _picks_chat_format(body: cst.BaseSuite) -> bool:
    """Whether a block's statements give a chat format by name (``kwargs["chat_format"] = "gemma"``)."""
    for statement in getattr(body, "body", ()):
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else []
            for target in targets:
                key = _subscript_key(target) if isinstance(target, cst.Subscript) else _last_name(target)
                if key in CHAT_FORMAT_NAMES:
                    return True
    return False


def _subscript_key(target: cst.Subscript) -> str | None:
    element = target.slice[-1].slice
    return string_value(element.value) if isinstance(element, cst.Index) else None


def _is_property(decorator: cst.Decorator) -> bool:
    """``@property``, ``@functools.cached_property``, ``@lazy_property()``: a method read as an attribute."""
    expr = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
    name = _last_name(expr) or ""
    return name == "property" or name.endswith("_property")


def _holds_model(name: str) -> bool:
    lower = name.lower()
    return "model" in lower and not lower.endswith(NOT_MODEL_SUFFIXES)


_ENV_READER_NAMES = frozenset(name.rpartition(".")[2] for name in ENV_READERS)


def _last_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def dotted_name(node: cst.CSTNode | None) -> str | None:
    """``a.b.c`` for a Name or an Attribute chain of Names, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def runtime_import(call: cst.Call, target: str | None = None) -> str | None:
    """The module a runtime import names (``importlib.import_module("together")``, ``__import__("ollama")``,
    ``require_dependency("ollama", ...)``, ``lazy_load_dep("transformers")``, ``sys.modules.get("vllm")``): the
    callee's name holds an importing word and the first positional argument is a dotted module name. A call
    with an importing word whose module is not a literal names the module it is assigned to (``target``:
    ``ollama = safe_import(OptionalPackages.OLLAMA.value[0])``). Whether that module is a vendor's is the
    catalog's question."""
    callee = dotted_name(call.func) or ""
    if callee not in RUNTIME_MODULE_LOOKUPS and not any(
        word in callee.rpartition(".")[2].lower() for word in RUNTIME_IMPORT_WORDS
    ):
        return None
    first = call.args[0] if call.args else None
    literal = string_value(first.value) if first and first.keyword is None and not first.star else None
    module = literal if literal is not None or callee in RUNTIME_MODULE_LOOKUPS else target
    if module is None or not all(part.isidentifier() for part in module.split(".")):
        return None
    return module


def _sets_module_getattr(target: cst.BaseExpression, value: cst.BaseExpression) -> bool:
    names = target.elements if isinstance(target, (cst.Tuple, cst.List)) else [cst.Element(target)]
    named = any(isinstance(e.value, cst.Name) and e.value.value == "__getattr__" for e in names)
    return named and isinstance(value, cst.Call)


def lazy_module_names(call: cst.Call) -> list[str]:
    """The dotted module names a lazy loader's call is given as string literals, in order
    (``lazy.attach_extras(__name__, package="vllm")``): the modules a module's ``__getattr__`` may hand out."""
    names = (string_value(arg.value) for arg in call.args)
    return [n for n in names if n and all(part.isidentifier() for part in n.split("."))]


def string_value(node: cst.CSTNode | None) -> str | None:
    """The value of a plain or implicitly concatenated string literal (bytes read as latin-1), else None."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # noqa: BLE001 - malformed escapes in odd code: not a literal we can read
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value
    if isinstance(node, cst.ConcatenatedString):
        left, right = string_value(node.left), string_value(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _item(value: cst.BaseExpression, index: int) -> cst.Subscript:
    """``value[index]``: a node made for evaluation only (it is not in the module)."""
    return cst.Subscript(value, [cst.SubscriptElement(cst.Index(cst.Integer(str(index))))])
