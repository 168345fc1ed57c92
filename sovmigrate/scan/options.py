"""Request options only one vendor takes, as string keys in code the analysis ties to that vendor.

A key such as ``"ignore_eos"`` or ``"num_predict"`` is vLLM's or Ollama's only where the code around it talks to
that engine: the function or class it stands in holds a finding of one of the vendor's rules (an import, a client,
a call), or the module imports the vendor. The catalog's :class:`~sovmigrate.rules.model.Options` name the keys.
Its :class:`~sovmigrate.rules.model.Flags` name the flags of engine commands (``"--enable-lora"``) that are sites
where a function builds a command another rule reports.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from sovmigrate.rules.model import Kind
from sovmigrate.scan.bindings import string_value
from sovmigrate.scan.matching import CompiledCatalog
from sovmigrate.scan.passes import DICT_COPIES, RawFinding

_MODULE = 0
_TRIMS = ("pop", "setdefault")  # `params.pop("logprobs", None)`, `params.setdefault("ignore_eos", True)`


class _Places(cst.CSTVisitor):
    """Where each node of interest stands: its function, its class and its statement (``id()``s; 0 for none)."""

    def __init__(self, wanted: set[int]) -> None:
        self.wanted = wanted
        self.function: list[int] = [_MODULE]
        self.klass: list[int] = [_MODULE]
        self.statement: list[int] = [_MODULE]
        self.places: dict[int, tuple[int, int, int]] = {}
        self.keys: list[tuple[str, cst.CSTNode, tuple[int, int, int], str]] = []
        # Strings that may be flags, with their place and the list they stand in (the statement's id otherwise).
        self.words: list[tuple[str, cst.CSTNode, int, int]] = []
        self.lists: list[int] = []
        # Dicts that are no request options: a function's result (`return {"logprobs": lp}`), or handed as a plain
        # argument to a call no rule reports (`requests.post(url, json={"logprobs": 1})` to another service); the
        # names of the dicts handed so, by function; the names dict literals are assigned to.
        self.elsewhere: set[int] = set()
        self.handed: set[tuple[int, str]] = set()
        self.named: dict[int, str] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        for stack, kinds in self._stacks():
            if isinstance(node, kinds):
                stack.append(id(node))
        if id(node) in self.wanted:
            self.places[id(node)] = self._here()
        self._note_dicts(node)
        if id(node) not in self.elsewhere:
            self.keys.extend(
                (key, where, self._here(), self._holder(node)) for key, where in _option_keys(node)
            )
        if isinstance(node, (cst.List, cst.Tuple)):
            self.lists.append(id(node))
        elif isinstance(node, cst.SimpleString) and node.value.lstrip("rRbBuU")[1:3] == "--":
            word = (string_value(node) or "").partition("=")[0]
            group = self.lists[-1] if self.lists else self.statement[-1]
            self.words.append((word, node, self.function[-1], group))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        for stack, kinds in self._stacks():
            if isinstance(original_node, kinds):
                stack.pop()
        if isinstance(original_node, (cst.List, cst.Tuple)):
            self.lists.pop()

    def _stacks(self) -> tuple[tuple[list[int], tuple[type[cst.CSTNode], ...]], ...]:
        """The enclosing function, class and statement stacks, each with the node types that open it."""
        return (
            (self.function, (cst.FunctionDef, cst.Lambda)),
            (self.klass, (cst.ClassDef,)),
            (self.statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)),
        )

    def _note_dicts(self, node: cst.CSTNode) -> None:
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Dict):
            self.elsewhere.update(id(element) for element in node.value.elements)
        elif isinstance(node, cst.Call) and id(node) not in self.wanted and not _copies(node):
            for arg in node.args:
                if not arg.star and isinstance(arg.value, cst.Dict):
                    self.elsewhere.update(id(element) for element in arg.value.elements)
                elif not arg.star and isinstance(arg.value, cst.Name):
                    self.handed.add((self.function[-1], arg.value.value))
        elif isinstance(node, cst.Assign) and isinstance(node.value, cst.Dict) and len(node.targets) == 1:
            target = node.targets[0].target
            if isinstance(target, cst.Name):
                self.named.update((id(element), target.value) for element in node.value.elements)

    def _holder(self, node: cst.CSTNode) -> str:
        """The local name of the dict ``node`` stores a key into (``""`` for none)."""
        if isinstance(node, cst.DictElement):
            return self.named.get(id(node), "")
        holder = node.target if isinstance(node, (cst.AssignTarget, cst.Del)) else None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            holder = node.func.value
        holder = holder.value if isinstance(holder, cst.Subscript) else holder
        return holder.value if isinstance(holder, cst.Name) else ""

    def _here(self) -> tuple[int, int, int]:
        return self.function[-1], self.klass[-1], self.statement[-1]


def _copies(call: cst.Call) -> bool:
    """``options.model_copy(update={...})``, ``dict(base, k=v)``, ``d.update({...})``: the dict stays options."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value == "dict"
    return isinstance(func, cst.Attribute) and func.attr.value in (*DICT_COPIES, "update", "setdefault")


def _option_keys(node: cst.CSTNode) -> Iterator[tuple[str, cst.CSTNode]]:
    """The option names ``node`` writes or trims: a dict literal's key, ``d["k"] = v`` and ``del d["k"]``, ``.pop``
    and ``.setdefault`` of a key, ``dict(k=v)``. Reads (``d["k"]``, ``d.get("k")``) are not."""
    if isinstance(node, cst.DictElement):
        key = string_value(node.key)
        if key is not None:
            yield key, node
    elif isinstance(node, cst.AssignTarget):
        yield from _stored(node.target, node.target)
    elif isinstance(node, cst.Del):
        yield from _stored(node.target, node)
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.args:
        key = string_value(node.args[0].value) if node.func.attr.value in _TRIMS else None
        if key is not None:
            yield key, node
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict":
        yield from ((a.keyword.value, a) for a in node.args if a.keyword is not None)


def _stored(target: cst.BaseExpression, node: cst.CSTNode) -> Iterator[tuple[str, cst.CSTNode]]:
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        key = string_value(index.value) if isinstance(index, cst.Index) else None
        if key is not None:
            yield key, node


def vendor_options(module: cst.Module, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """One finding per statement for the option keys of vendor-tied code (see the module's docstring): a statement
    setting several options is one edit, reported under the first rule of the catalog its keys match (a sampling
    dict with `best_of` and `logprobs` is SOV704's), and none where a complex rule reports the statement already."""
    if not catalog.options and not catalog.flags:
        return
    places = _Places({id(f.node) for f in findings})
    module.visit(places)
    ties = _ties(findings, places.places)
    _flags(places, catalog, findings)
    taken = {places.places.get(id(f.node), (0, 0, 0))[2] for f in findings if f.rule.kind is Kind.COMPLEX}
    chosen: dict[int, RawFinding] = {}
    for key, node, (function, klass, statement), holder in places.keys:
        if (function, holder) in places.handed or statement in taken:
            continue
        vendors = ties.get(function, set()) | ties.get(klass, set()) | ties.get(_MODULE, set())
        for vendor, rule in catalog.options.get(key, ()):
            held = chosen.get(statement)
            if vendor in vendors and (held is None or rule.code < held.rule.code):
                chosen[statement] = RawFinding(rule, node, key, {"keyword": key}, f"{key} ({vendor})")
    findings.extend(chosen.values())


def _ties(findings: list[RawFinding], places: dict[int, tuple[int, int, int]]) -> dict[int, set[str]]:
    """The vendors each function and class holds a finding of; under ``_MODULE``, those the module imports."""
    ties: dict[int, set[str]] = {}
    for finding in findings:
        if finding.rule.kind is Kind.COMPLEX or id(finding.node) not in places:
            continue
        function, klass, _ = places[id(finding.node)]
        for scope in (function, klass):
            if scope != _MODULE:
                ties.setdefault(scope, set()).add(finding.rule.vendor)
        if finding.rule.kind is Kind.IMPORT and function == _MODULE and klass == _MODULE:
            ties.setdefault(_MODULE, set()).add(finding.rule.vendor)
    return ties


def _flags(places: _Places, catalog: CompiledCatalog, findings: list[RawFinding]) -> None:
    """Non-portable flags of engine commands built in a function that holds the command's own finding."""
    beside: dict[int, set[str]] = {}
    for finding in findings:
        if id(finding.node) in places.places:
            beside.setdefault(places.places[id(finding.node)][0], set()).add(finding.rule.code)
    taken: set[tuple[str, int]] = set()
    for word, node, function, group in places.words:
        for codes, rule in catalog.flags.get(word, ()):
            if beside.get(function, set()) & set(codes) and (rule.code, group) not in taken:
                taken.add((rule.code, group))
                findings.append(RawFinding(rule, node, word))
