"""Whole-project resolution: what each module exports of vendor objects, and what each module imports of them.

A model loaded in ``app/llm.py`` and used in ``app/api.py`` (``from .llm import model; model.generate(...)``)
is found at the call because the analysis of ``app/api.py`` is given an import table built from what
``app/llm.py`` exports. Exports and tables are *summaries*: small JSON values, so that worker processes can
return them and the cache can keep them:

- ``["inst", type, path, host]``: an instance of a vendor type (``transformers.AutoModelForCausalLM``);
- ``["sym", name]``: a vendor symbol re-exported (``from llama_cpp import Llama`` in a package ``__init__``);
- ``["func", [summaries]]``: a function returning those (a factory);
- ``["class", name, {attribute: [summaries]}, [vendor bases]]`` and ``["obj", class]``: a project class
  holding vendor objects in attributes (``self.client = OpenAI(...)``), and an instance of one;
- ``["module", name]``: a project module; ``["ref", name]``: an import not resolved yet (worker side only).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

# The worker side (summaries <-> values) imports the evaluator's values and the vocabulary on first use: the
# main side (the index) runs in every scan, also when every file is a cache hit.
if TYPE_CHECKING:
    from sovmigrate.scan.values import ExtClass, ExtFunc, LocalClass, LocalFunc, Value

Summary = list[Any]
Exports = dict[str, list[Summary]]
MAX_SUMMARIES = 8  # per name: more alternatives than this say nothing a codemod or a report can use
_MAX_NESTING = 3
_MAX_CHAIN = 40  # modules re-exporting from one another in one chain: deeper ones are cut like a cycle


def module_name(relpath: str) -> tuple[str, bool] | None:
    """``app/llm.py`` -> (``app.llm``, False); ``app/__init__.py`` -> (``app``, True); None if not importable.

    Folders above the last one that is not an identifier cannot be packages, so the name starts below it:
    ``my-repo/app/llm.py`` (a monorepo member, an unpacked ``pkg-1.0`` sdist) is ``app.llm``.
    """
    if not relpath.endswith((".py", ".pyw")) or relpath.startswith("../"):
        return None
    parts = relpath.rsplit(".", 1)[0].split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    if not parts or not parts[-1].isidentifier():
        return None
    start = len(parts)
    while start > 0 and parts[start - 1].isidentifier():
        start -= 1
    return ".".join(parts[start:]), is_package


def absolute_name(qualified: str, module: str, is_package: bool) -> str | None:
    """The absolute name of a (possibly relative) import inside ``module``; None if it leaves the tree."""
    dots = len(qualified) - len(qualified.lstrip("."))
    if not dots:
        return qualified
    package = module if is_package else module.rpartition(".")[0]
    parts = package.split(".") if package else []
    if dots - 1 > len(parts):
        return None
    base = parts[: len(parts) - (dots - 1)]
    rest = qualified[dots:]
    return ".".join([*base, rest] if rest else base) or None


@cache
def _vendored_marks() -> tuple[str, ...]:
    from sovmigrate.rules.vocabulary import VENDORED_COPIES

    return tuple(f".{package}." for package in VENDORED_COPIES)


def vendored_name(name: str) -> str:
    """The vendor's name for a name inside a copy of a vendor package in the project (see
    ``VENDORED_COPIES``): ``mypkg.llama.generation.Llama`` -> ``llama.generation.Llama``; others unchanged."""
    if not any(mark in name for mark in _vendored_marks()):
        return name
    from sovmigrate.rules.vocabulary import VENDORED_COPIES

    parts = name.split(".")
    for index in range(1, len(parts) - 1):
        names = VENDORED_COPIES.get(parts[index], {}).get(parts[index + 1])
        if names is not None and (index + 2 == len(parts) or parts[index + 2] in names):
            return ".".join(parts[index:])
    return name


# ---------------------------------------------------------------- worker side: values <-> summaries


def summarise(values: Iterable[Value], evaluator: Any, depth: int = 0) -> list[Summary]:
    """Summaries of the vendor-valued values among ``values`` (and of imports of project names, as refs)."""
    found: list[Summary] = []
    for value in values:
        summary = _summary(value, evaluator, depth)
        if summary is not None and summary not in found:
            found.append(summary)
    return found[:MAX_SUMMARIES]


def _summary(value: Value, evaluator: Any, depth: int) -> Summary | None:
    from sovmigrate.scan.values import ExtClass, ExtFunc, ExtObj, Inst, LocalClass, LocalFunc, LocalObj, Mod

    if isinstance(value, Inst):
        return ["inst", value.type, value.path, value.host]
    if isinstance(value, Mod):
        return ["sym", value.name] if evaluator.catalog.is_vendor(value.name) else ["ref", value.name]
    if depth >= _MAX_NESTING:
        return None
    if isinstance(value, (LocalFunc, ExtFunc)):
        returns = summarise(_returns(value, evaluator), evaluator, depth + 1)
        return ["func", returns] if returns else None
    if isinstance(value, (LocalClass, ExtClass)):
        return _class_summary(value, evaluator, depth)
    if isinstance(value, (LocalObj, ExtObj)):
        cls = _class_summary(
            LocalClass(value.info) if isinstance(value, LocalObj) else value.cls, evaluator, depth
        )
        return ["obj", cls] if cls else None
    return None


def _returns(value: LocalFunc | ExtFunc, evaluator: Any) -> Iterable[Value]:
    from sovmigrate.scan.values import ExtFunc

    if isinstance(value, ExtFunc):
        return value.returns
    info = value.info
    if info.scope is None:
        return []
    # What the function returns, and what its return annotation says (``def get_client() -> ollama.Client``).
    return list(evaluator.function_result(value, info.scope, 0))


def _class_summary(value: LocalClass | ExtClass, evaluator: Any, depth: int) -> Summary | None:
    from sovmigrate.scan.values import ExtClass

    if isinstance(value, ExtClass):
        attributes = {name: summarise(values, evaluator, depth + 1) for name, values in value.attributes}
        bases = list(value.bases)
        name = value.name
    else:
        info = value.info
        members = dict(info.attributes)
        if info.body is not None:
            for member, bindings in info.body.bindings.items():
                members.setdefault(member, bindings)
        attributes = {
            member: summarise(evaluator.binding_values(bindings, 0), evaluator, depth + 1)
            for member, bindings in members.items()
        }
        bases, name = evaluator.vendor_bases(info, 0), info.node.name.value
    attributes = {k: v for k, v in attributes.items() if v}
    return ["class", name, attributes, bases] if attributes or bases else None


def values_of(summaries: Iterable[Summary], depth: int = 0) -> frozenset[Value]:
    """The evaluator's values for resolved summaries (the import table side)."""
    values: set[Value] = set()
    for summary in summaries:
        value = _value(summary, depth)
        if value is not None:
            values.add(value)
    return frozenset(values)


def _value(summary: Summary, depth: int) -> Value | None:
    from sovmigrate.scan.values import ExtFunc, ExtObj, Inst, Mod

    kind = summary[0]
    if kind == "inst":
        return Inst(summary[1], summary[2], summary[3])
    if kind in ("sym", "module"):
        return Mod(summary[1])
    if depth >= _MAX_NESTING:
        return None
    if kind == "func":
        return ExtFunc(tuple(values_of(summary[1], depth + 1)))
    if kind == "class":
        return _ext_class(summary, depth)
    if kind == "obj":
        cls = _ext_class(summary[1], depth)
        return ExtObj(cls) if cls else None
    return None


def _ext_class(summary: Summary, depth: int) -> ExtClass:
    from sovmigrate.scan.values import ExtClass

    _, name, attributes, bases = summary
    members = tuple(sorted((attr, tuple(values_of(s, depth + 1))) for attr, s in attributes.items()))
    return ExtClass(name, members, tuple(bases))


# ---------------------------------------------------------------- main side: the index


class ProjectIndex:
    """Every analysed module's exports, resolved across modules, and the import tables made from them."""

    def __init__(self) -> None:
        self.raw: dict[str, Exports] = {}
        self._resolved: dict[str, Exports] = {}
        self._suffixes: dict[str, list[str]] | None = None
        self._children: dict[str, list[str]] | None = None
        self.clashes: set[str] = set()

    def claim(self, relpaths: Iterable[str]) -> None:
        """Note the module names several files claim (``a-svc/app/x.py``, ``b-svc/app/x.py``): they export nothing."""
        seen: set[str] = set()
        for relpath in relpaths:
            named = module_name(relpath)
            if named is not None:
                if named[0] in seen:
                    self.clashes.add(named[0])
                seen.add(named[0])

    def add(self, module: str, exports: Exports) -> None:
        self.raw[module] = {} if module in self.clashes else exports
        self._resolved.clear()
        self._suffixes = None
        self._children = None

    def find(self, name: str) -> str | None:
        """The project module ``name`` names: exactly, or by a unique dotted suffix (``src/app`` layouts)."""
        if name in self.raw:
            return name
        if self._suffixes is None:
            self._suffixes = {}
            for module in self.raw:
                parts = module.split(".")
                for start in range(1, len(parts)):
                    self._suffixes.setdefault(".".join(parts[start:]), []).append(module)
        matches = self._suffixes.get(name, [])
        return matches[0] if len(matches) == 1 else None

    def exports(self, module: str, active: frozenset[str] = frozenset()) -> Exports:
        """A module's exports with every ref resolved, each module once (a cycle or a very long chain is cut short).

        The first resolution is kept, whatever path led to it: inside a cycle the result depends on where the walk
        entered it either way, and re-resolving per path costs exponential time on a package whose modules import
        from one another.
        """
        if module in self._resolved:
            return self._resolved[module]
        if module in active or len(active) >= _MAX_CHAIN:
            return {}
        resolved: Exports = {}
        for name, summaries in self.raw.get(module, {}).items():
            values = self._resolve_all(summaries, active | {module})
            if values:
                resolved[name] = values
        self._resolved[module] = resolved
        return resolved

    def _resolve_all(self, summaries: list[Summary], active: frozenset[str]) -> list[Summary]:
        found: list[Summary] = []
        for summary in summaries:
            for item in self._resolve(summary, active):
                if item not in found:
                    found.append(item)
        return found[:MAX_SUMMARIES]

    def _resolve(self, summary: Summary, active: frozenset[str]) -> list[Summary]:
        kind = summary[0]
        if kind == "ref":
            return self.lookup(summary[1], active)
        if kind == "func":
            returns = self._resolve_all(summary[1], active)
            return [["func", returns]] if returns else []
        if kind == "class":
            attributes = {k: self._resolve_all(v, active) for k, v in summary[2].items()}
            attributes = {k: v for k, v in attributes.items() if v}
            return [["class", summary[1], attributes, summary[3]]] if attributes or summary[3] else []
        if kind == "obj":
            cls = self._resolve(summary[1], active)
            return [["obj", cls[0]]] if cls else []
        return [summary]

    def lookup(self, qualified: str, active: frozenset[str] = frozenset()) -> list[Summary]:
        """What an absolute import name means in the project: a module with vendor exports, or an export."""
        module = self.find(qualified)
        if module is not None:
            exports = self.exports(module, active)
            proxied = _proxied(exports)  # a lazy loader's module stands for the vendor module it hands out
            return [["sym", proxied]] if proxied else [["module", module]] if exports else []
        head, _, name = qualified.rpartition(".")
        module = self.find(head) if head else None
        exports = self.exports(module, active) if module is not None else {}
        proxied = _proxied(exports)
        found = list(exports.get(name, [])) or ([["sym", f"{proxied}.{name}"]] if proxied else [])
        return found or (self._re_exported(head, name, active) if head else [])

    def _re_exported(self, package: str, name: str, active: frozenset[str]) -> list[Summary]:
        """``from app.tokenizers import HFTokenizer`` where the package's ``__init__`` (not analysed: it names no
        vendor) re-exports it from one of its modules: the one module directly in the package that exports it."""
        if self._children is None:
            self._children = {}
            for module in self.raw:
                parts = module.split(".")[:-1]
                for start in range(len(parts)):
                    self._children.setdefault(".".join(parts[start:]), []).append(module)
        children = self._children.get(package, [])
        exporting = [
            module for module in children if module not in active and name in self.exports(module, active)
        ]
        return list(self.exports(exporting[0], active)[name]) if len(exporting) == 1 else []

    def table(self, imports: Iterable[str]) -> dict[str, list[Summary]]:
        """The import table of a module: each imported name that means something vendor-related here.

        A module imported whole also brings its exports, under ``module.name``.
        """
        table: dict[str, list[Summary]] = {}
        for qualified in imports:
            summaries = self.lookup(qualified)
            if not summaries:
                continue
            table[qualified] = summaries
            if summaries[0][0] == "module":
                for name, values in self.exports(summaries[0][1]).items():
                    table[f"{qualified}.{name}"] = values
        return table

    def exporters(self) -> list[str]:
        """The modules whose exports mean something vendor-related."""
        return sorted(module for module in self.raw if self.exports(module))

    def signature(self) -> str:
        """A digest of every resolved export: when it changes, import tables may have changed."""
        data = {module: self.exports(module) for module in sorted(self.raw)}
        return table_digest(data)


def _proxied(exports: Exports) -> str | None:
    """The vendor module a module's ``__getattr__`` hands out (see ``passes.proxied_module``)."""
    summaries = exports.get("__getattr__", [])
    return summaries[0][1] if len(summaries) == 1 and summaries[0][0] == "sym" else None


def table_digest(table: dict[str, Any]) -> str:
    """A short stable digest of an import table (empty string for an empty one)."""
    if not table:
        return ""
    text = json.dumps(table, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


_IMPORT_LINE = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([^\n#)]*)|import[ \t]+([\w. ,]+))", re.MULTILINE
)


def imported_names(data: bytes, module: str, is_package: bool) -> list[str]:
    """The absolute names a module's import statements bind, read with a regular expression (no parse).

    Used to decide whether a file without any vendor word imports a project module that exports a
    vendor object; the file is then analysed in full.
    """
    names: list[str] = []
    for source, items, plain in _IMPORT_LINE.findall(data):
        if plain:
            names.extend(part.split()[0].decode("latin-1") for part in plain.split(b",") if part.strip())
            continue
        base = absolute_name(source.decode("latin-1"), module, is_package)
        if base is None:
            continue
        for item in items.split(b","):
            word = item.split()[0].decode("latin-1") if item.split() else ""
            if word.isidentifier():
                names.append(f"{base}.{word}" if not base.endswith(".") else base + word)
    return names
