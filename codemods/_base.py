"""The base class of every sovmigrate codemod, and the helpers codemod authors build fixes with.

A codemod subclasses :class:`SovmigrateCodemod`, names the rule codes it handles in ``RULES`` and
implements :meth:`~SovmigrateCodemod.plan`. ``plan`` runs on the public module analysis
(``self.analysis``, from :func:`sovmigrate.scan.analysis.analyse` on the very tree being transformed) and
decides each site's outcome before anything is edited::

    class LlamaCppCodemod(SovmigrateCodemod):
        DESCRIPTION = "Rewrite llama-cpp-python calls to the neutral adapter."
        RULES = ("SOV102",)
        EXTRA = "llamacpp"

        def plan(self) -> None:
            for site, rule in self.call_sites():
                if site.argument("grammar"):
                    self.manual(site.node, rule, "grammars have no neutral equivalent")
                elif self.fix(site.node, rule, FixSafety.UNSAFE, "writes out the 16-token default"):
                    connect = self.import_name("sovmigrate.adapter", "connect")
                    self.replace(site.node, lambda call: CallEdit(call).set("max_tokens", self.expr("16")).build())

Edits are matched to the tree by node identity and applied bottom-up, so an edit of an outer node sees
the edits of the nodes inside it. Every site of a handled rule gets exactly one outcome: sites ``plan``
leaves undecided, and sites the analysis could not resolve, are reported as manual. Outcomes go to
``context.scratch[OUTCOMES]`` for the runner, and to ``warn()`` for ``python -m libcst.tool codemod``.
A line suppressed with ``# sovmigrate: ignore[...]`` or ``# noqa: SOV...`` is neither reported nor edited.

The class is a libcst codemod command without importing ``libcst.codemod`` (see ``_command``): that
import alone costs about as much as libcst itself, and only libcst's own runner needs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from abc import abstractmethod
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

import libcst as cst
from sovmigrate.codemods._apply import Apply, Build, todo_text
from sovmigrate.codemods._command import CodemodContext, Command, register_with_libcst
from sovmigrate.codemods._imports import ADD, REMOVE, names_in, update_imports

from sovmigrate.rewrite.result import Outcome
from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.suppression import is_suppressed, suppressions

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import CallSite, ImportBinding, ModuleAnalysis, RawFinding
    from sovmigrate.scan.positions import Span

OUTCOMES = "sovmigrate.outcomes"  # scratch key: list[Outcome] of every transform in this context
EDITED = "sovmigrate.edited"  # scratch key: true once a transform had edits or comments to make
UNRESOLVED = {
    "ambiguous": "the receiver may be one of several objects (or rebound); rewrite it by hand",
    "inferred": "the receiver is not traceable here (matched by the method name); rewrite it by hand",
}
UNHANDLED = "no automatic rewrite for this form of the call"


@dataclasses.dataclass(frozen=True)
class _Decision:
    node: cst.CSTNode
    rule: str
    safety: FixSafety
    applied: bool
    reason: str
    extra: str


class SovmigrateCodemod(Command):
    """A libcst codemod command acting on the sites the sovmigrate analysis resolved, and on no others."""

    #: The rule codes this codemod handles; the catalog names this class for each of them.
    RULES: ClassVar[tuple[str, ...]] = ()
    #: The sovmigrate extra(s) rewritten code needs: ``"llamacpp"``, ``"langchain,llamacpp"``; ``fix(extra=)`` overrides.
    EXTRA: ClassVar[str] = ""
    #: Run order among codemods (lower first); by default the number of the lowest code in ``RULES``.
    ORDER: ClassVar[int | None] = None

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--unsafe", action="store_true", help="Also apply fixes that may change behaviour."
        )
        arg_parser.add_argument(
            "--annotate",
            action="store_true",
            help="Add a `# sovmigrate: TODO(SOVxxx): reason` comment above each site left for manual work.",
        )

    def __init__(
        self,
        context: CodemodContext,
        unsafe: bool = False,
        annotate: bool = False,
        select: Iterable[str] | None = None,
    ) -> None:
        super().__init__(context)
        self.unsafe = unsafe
        self.annotate = annotate
        self.codes = frozenset(self.RULES) if select is None else frozenset(self.RULES) & frozenset(select)
        self._run_codes = None if select is None else frozenset(select)

    @classmethod
    def order(cls) -> tuple[int, str]:
        """The sort key that puts codemods in their deterministic run order."""
        first = min((int(code[3:]) for code in cls.RULES), default=0)
        return (cls.ORDER if cls.ORDER is not None else first, f"{cls.__module__}.{cls.__qualname__}")

    # ------------------------------------------------------------------ for codemod authors

    @abstractmethod
    def plan(self) -> None:
        """Decide every site of ``self.codes``: call :meth:`fix` or :meth:`manual`, then :meth:`replace`."""

    def call_sites(self, *codes: str) -> Iterator[tuple[CallSite, str]]:
        """Resolved, unsuppressed call sites of the handled rules (or of ``codes``), with the rule code.

        Sites the analysis resolved ambiguously or inferred are reported as manual, and not yielded.
        """
        wanted = self.codes & frozenset(codes) if codes else self.codes
        for site in self.analysis.calls:
            for rule in site.rules:
                if rule.code not in wanted or self._suppressed(site.node, rule.code):
                    continue
                if site.resolution != "resolved":
                    self.manual(site.node, rule.code, UNRESOLVED.get(site.resolution, UNHANDLED))
                    continue
                yield site, rule.code

    def claimed_elsewhere(self, site: CallSite) -> bool:
        """Whether another codemod of this run handles a rule of ``site`` (that codemod then decides the site).

        Known only when the run says which codes it selected (``select``); a codemod run alone claims its sites.
        """
        if self._run_codes is None:
            return False
        return any(r.code in self._run_codes and r.code not in self.RULES for r in site.rules)

    def findings(self, *codes: str) -> Iterator[RawFinding]:
        """Unsuppressed findings of the handled rules (or of ``codes``): imports, keywords, literals, calls."""
        wanted = self.codes & frozenset(codes) if codes else self.codes
        for finding in self.analysis.findings:
            if finding.rule.code in wanted and not self._suppressed(finding.node, finding.rule.code):
                yield finding

    def fix(
        self, node: cst.CSTNode, rule: str, safety: FixSafety, reason: str = "", *, extra: str | None = None
    ) -> bool:
        """Record the outcome of fixing ``node`` for ``rule``; return whether to make the fix now.

        Safe fixes are made, unsafe ones only with ``unsafe=True``, manual ones never (with ``annotate=True``
        a TODO comment is added above the statement instead). Unsafe and manual outcomes need a ``reason``,
        which names code, not positions (a TODO line moves the lines below it).
        """
        if rule not in self.RULES:
            raise ValueError(f"{type(self).__name__} does not declare {rule} in RULES")
        if safety is not FixSafety.SAFE and not reason:
            raise ValueError(f"a {safety.value} outcome needs a reason ({rule})")
        key = (id(node), rule)
        if key in self._decided:
            return self._decided[key].applied
        reason = " ".join(reason.split())
        if rule not in self.codes or self._suppressed(node, rule):
            self._decided[key] = _Decision(node, rule, safety, False, reason, "")
            return False
        applied = safety is FixSafety.SAFE or (safety is FixSafety.UNSAFE and self.unsafe)
        extra = (self.EXTRA if extra is None else extra) if applied else ""
        self._decided[key] = decision = _Decision(node, rule, safety, applied, reason, extra)
        self._published.append(decision)
        return applied

    def manual(self, node: cst.CSTNode, rule: str, reason: str) -> None:
        """Leave ``node`` as it is and report why (a TODO comment above its statement with ``annotate=True``)."""
        self.fix(node, rule, FixSafety.MANUAL, reason)

    def defer(self, node: cst.CSTNode, rule: str) -> None:
        """Leave ``node`` to the other codemod of this run that handles it: no outcome and no TODO from this one."""
        self._decided.setdefault((id(node), rule), _Decision(node, rule, FixSafety.MANUAL, False, "", ""))

    def replace(self, node: cst.CSTNode, build: Build) -> None:
        """Replace ``node`` (of the analysed tree) by ``build(updated_node)`` when the tree is transformed."""
        if not any(decision.applied for decision in self._published):
            raise RuntimeError(
                "replace() is part of a fix: call fix() first and edit only when it returns True"
            )
        self._edits.setdefault(id(node), []).append(build)
        self._targets.append(node)

    def expr(self, code: str) -> cst.BaseExpression:
        """An expression parsed with this module's line endings and indentation."""
        return cst.parse_expression(code, config=self._parser_config())

    def statement(self, code: str) -> cst.BaseStatement:
        """A statement parsed with this module's line endings and indentation."""
        return cst.parse_statement(code, config=self._parser_config())

    def import_name(self, module: str, name: str) -> str:
        """Make ``name`` from ``module`` available (once) and return the local name to use.

        An existing ``from module import name [as x]`` is reused; if ``name`` is already used for something
        else anywhere in the file, the import gets an alias (``adapter_connect``).
        """
        key = (module, name)
        if key not in self._imported:
            local = self._existing_import(module, name) or self._free_name(module, name)
            self.context.scratch.setdefault(ADD, {}).setdefault(module, set()).add(
                (name, None if local == name else local)
            )
            self._imported[key] = local
        return self._imported[key]

    def remove_import_if_unused(self, binding: ImportBinding) -> None:
        """Remove the import behind ``binding`` after the transform, if nothing uses its name any more."""
        statement, alias = binding.statement, binding.alias
        if alias is None or (
            isinstance(statement, cst.ImportFrom) and (statement.module is None or statement.relative)
        ):
            return
        asname = (
            alias.asname.name.value
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
            else None
        )
        if isinstance(statement, cst.ImportFrom):
            entry = (_dotted(statement.module), _dotted(alias.name), asname)
        else:
            entry = (_dotted(alias.name), None, asname)
        self.context.scratch.setdefault(REMOVE, []).append(entry)

    # ------------------------------------------------------------------ the libcst side

    def transform_module(self, tree: cst.Module) -> cst.Module:
        """libcst's entry point, minus its tree copy, then the import updates.

        ``self.context.wrapper`` wraps the tree itself (so libcst metadata a codemod resolves, such as scopes,
        refers to the nodes the analysis hands out) and is shared by codemods given the same tree.
        """
        outer = self.context
        self.context = dataclasses.replace(outer, wrapper=_wrapper_of(tree))
        try:
            return update_imports(self.transform_module_impl(tree), self.context)
        finally:
            self.context = dataclasses.replace(self.context, wrapper=outer.wrapper)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        self.analysis: ModuleAnalysis = _analysis_of(tree)
        findings = [f for f in self.analysis.findings if f.rule.code in self.codes]
        self._decided: dict[tuple[int, str], _Decision] = {}
        self._published: list[_Decision] = []
        self._edits: dict[int, list[Build]] = {}
        self._targets: list[cst.CSTNode] = []
        self._imported: dict[tuple[str, str], str] = {}
        self._names: set[str] | None = None
        if not findings:
            return tree
        self._positions = _positions_of(self.analysis)
        self._suppressions = self._positions.suppressions()
        self.plan()
        for finding in findings:
            if (id(finding.node), finding.rule.code) not in self._decided:
                self.manual(finding.node, finding.rule.code, UNHANDLED)
        self._report()
        todos = self._todos() if self.annotate else {}
        if not self._edits and not todos:
            return tree
        self.context.scratch[EDITED] = True
        return tree.visit(Apply(tree, self._edits, todos, self._paths_to(self._targets)))

    # ------------------------------------------------------------------ internals

    def _parser_config(self) -> cst.PartialParserConfig:
        """The module's parsing config; an indent libcst cannot reuse (a form feed in it) becomes 4 spaces."""
        module = self.module
        indent = module.default_indent if re.fullmatch(r"[ \t]+", module.default_indent) else "    "
        return cst.PartialParserConfig(default_indent=indent, default_newline=module.default_newline)

    def _suppressed(self, node: cst.CSTNode, rule: str) -> bool:
        if not self._suppressions:
            return False
        span = self._positions.spans([node])[id(node)]
        return is_suppressed(self._suppressions, rule, span[0], span[2])

    def _report(self) -> None:
        """Outcomes to the context's scratch (for runners) and unapplied ones to warn() (for libcst.tool)."""
        spans = self._positions.spans(d.node for d in self._published)
        outcomes = self.context.scratch.setdefault(OUTCOMES, [])
        for decision in self._published:
            line, column = spans[id(decision.node)][:2]
            outcomes.append(
                Outcome(
                    self.context.filename or "",
                    line,
                    column + 1,
                    decision.rule,
                    decision.safety,
                    decision.applied,
                    decision.reason,
                    extra=decision.extra,
                )
            )
            if not decision.applied:
                label = (
                    "unsafe fix not applied (use --unsafe)"
                    if decision.safety is FixSafety.UNSAFE
                    else "manual"
                )
                self.warn(f"{line}:{column + 1}: {decision.rule} {label}: {decision.reason}")

    def _todos(self) -> dict[int, list[str]]:
        """TODO comment lines keyed by ``id`` of the statement each manual site sits in."""
        todos: dict[int, list[str]] = {}
        for decision in self._published:
            statement = self._statement_of(decision.node) if decision.safety is FixSafety.MANUAL else None
            if statement is None:
                continue
            lines = todos.setdefault(id(statement), [])
            if not lines:
                self._targets.append(statement)
            if (text := todo_text(decision.rule, decision.reason)) not in lines:
                lines.append(text)
        return todos

    def _statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost statement line or compound statement (they carry comment lines) holding ``node``."""
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(
            current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)
        ):
            current = self.analysis.parent(current)
        return current

    def _paths_to(self, targets: list[cst.CSTNode]) -> set[int]:
        """``id`` of every node on the way from the module down to the ``targets`` (themselves included)."""
        paths = {id(self.analysis.module)}
        for node in targets:
            while node is not None and id(node) not in paths:
                paths.add(id(node))
                node = self.analysis.parent(node)
        return paths

    def _existing_import(self, module: str, name: str) -> str | None:
        for binding in self.analysis.imports:
            if (
                binding.module_level
                and binding.qualified == f"{module}.{name}"
                and isinstance(binding.statement, cst.ImportFrom)
            ):
                return binding.local
        return None

    def _free_name(self, module: str, name: str) -> str:
        if self._names is None:
            self._names = names_in(self.analysis.module)
        taken = self._names | set(self._imported.values())
        if name not in taken:
            return name
        base = f"{module.rsplit('.', 1)[-1]}_{name}"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}_{number}", number + 1
        return candidate


register_with_libcst(SovmigrateCodemod)


class _Positions:
    """Node positions and suppression comments of one analysed tree, for every codemod given that tree.

    Finding positions means generating the module's code once; the first request asks for every finding
    and call site of the analysis too, so later requests (other codemods, other passes) rarely need more.
    """

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.known: dict[int, Span] = {}
        self._suppressions: dict[int, frozenset[str]] | None = None

    def spans(self, nodes: Iterable[cst.CSTNode]) -> dict[int, Span]:
        wanted = list(nodes)
        missing = [node for node in wanted if id(node) not in self.known]
        if missing:
            likely = (*(f.node for f in self.analysis.findings), *(s.node for s in self.analysis.calls))
            batch = {id(node): node for node in (*missing, *likely) if id(node) not in self.known}
            self.known.update(self.analysis.spans(batch.values()))
        return {id(node): self.known[id(node)] for node in wanted}

    def suppressions(self) -> dict[int, frozenset[str]]:
        if self._suppressions is None:
            self._suppressions = suppressions(self.analysis.module.code)
        return self._suppressions


# The last tree's analysis (with its positions) and metadata wrapper: the next codemod, given the same
# (unchanged) tree object, reuses them instead of analysing it again or resolving libcst metadata again.
_last_analysis: list[tuple[ModuleAnalysis, _Positions]] = []
_last_wrapper: list[cst.MetadataWrapper] = []


def _analysis_of(tree: cst.Module) -> ModuleAnalysis:
    from sovmigrate.scan.analysis import analyse

    if not (_last_analysis and _last_analysis[0][0].module is tree):
        analysis = analyse(tree)
        _last_analysis[:] = [(analysis, _Positions(analysis))]
    return _last_analysis[0][0]


def _positions_of(analysis: ModuleAnalysis) -> _Positions:
    if not (_last_analysis and _last_analysis[0][0] is analysis):
        _last_analysis[:] = [(analysis, _Positions(analysis))]
    return _last_analysis[0][1]


def _wrapper_of(tree: cst.Module) -> cst.MetadataWrapper:
    if not (_last_wrapper and _last_wrapper[0].module is tree):
        _last_wrapper[:] = [cst.MetadataWrapper(tree, unsafe_skip_copy=True)]
    return _last_wrapper[0]


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    raise ValueError(f"not a dotted name: {type(node).__name__}")
