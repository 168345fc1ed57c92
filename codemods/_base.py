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
"""

from __future__ import annotations

import argparse
import re
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from sovmigrate.rewrite.result import Outcome
from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.suppression import is_suppressed, suppressions

if TYPE_CHECKING:
    from sovmigrate.scan.analysis import CallSite, ImportBinding, ModuleAnalysis, RawFinding

OUTCOMES = "sovmigrate.outcomes"  # scratch key: list[Outcome] of every transform in this context
EDITED = "sovmigrate.edited"  # scratch key: true once a transform had edits or comments to make
TODO_PREFIX = "# sovmigrate: TODO"
UNRESOLVED = {
    "ambiguous": "the receiver may be one of several objects (or rebound); rewrite it by hand",
    "inferred": "the receiver is not traceable here (matched by the method name); rewrite it by hand",
}
UNHANDLED = "no automatic rewrite for this form of the call"

Build = Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel]


class SovmigrateCodemod(VisitorBasedCodemodCommand):
    """A libcst codemod command acting on the sites the sovmigrate analysis resolved, and on no others."""

    #: The rule codes this codemod handles; the catalog names this class for each of them.
    RULES: ClassVar[tuple[str, ...]] = ()
    #: The sovmigrate extra rewritten code needs (the adapter backend it now runs on), e.g. ``"llamacpp"``.
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

    def findings(self, *codes: str) -> Iterator[RawFinding]:
        """Unsuppressed findings of the handled rules (or of ``codes``) that are not calls: imports, keywords..."""
        wanted = self.codes & frozenset(codes) if codes else self.codes
        for finding in self.analysis.findings:
            if finding.rule.code in wanted and not self._suppressed(finding.node, finding.rule.code):
                yield finding

    def fix(
        self, node: cst.CSTNode, rule: str, safety: FixSafety, reason: str = "", *, extra: str | None = None
    ) -> bool:
        """Record the outcome of fixing ``node`` for ``rule``; return whether to make the fix now.

        Safe fixes are made, unsafe ones only with ``unsafe=True``, manual ones never (with ``annotate=True``
        a TODO comment is added above the statement instead). Unsafe and manual outcomes need a ``reason``.
        """
        if rule not in self.RULES:
            raise ValueError(f"{type(self).__name__} does not declare {rule} in RULES")
        if safety is not FixSafety.SAFE and not reason:
            raise ValueError(f"a {safety.value} outcome needs a reason ({rule})")
        key = (id(node), rule)
        if key in self._decided:
            return self._decided[key][1]
        if rule not in self.codes or self._suppressed(node, rule):
            self._decided[key] = (node, False, safety, reason, "")
            return False
        applied = safety is FixSafety.SAFE or (safety is FixSafety.UNSAFE and self.unsafe)
        self._decided[key] = (
            node,
            applied,
            safety,
            " ".join(reason.split()),
            (extra if extra is not None else self.EXTRA) if applied else "",
        )
        if safety is FixSafety.MANUAL and self.annotate:
            self._todo_nodes.append((node, rule, " ".join(reason.split())))
        self._publish.append(key)
        return applied

    def manual(self, node: cst.CSTNode, rule: str, reason: str) -> None:
        """Leave ``node`` as it is and report why (an annotation with ``annotate=True``)."""
        self.fix(node, rule, FixSafety.MANUAL, reason)

    def replace(self, node: cst.CSTNode, build: Build) -> None:
        """Replace ``node`` (of the analysed tree) by ``build(updated_node)`` during the transform."""
        if not any(self._decided[key][1] for key in self._publish):
            raise RuntimeError(
                "replace() is part of a fix: call fix() first and edit only when it returns True"
            )
        self._edits.setdefault(id(node), []).append(build)

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
            AddImportsVisitor.add_needed_import(self.context, module, name, None if local == name else local)
            self._imported[key] = local
        return self._imported[key]

    def remove_import_if_unused(self, binding: ImportBinding) -> None:
        """Remove the import behind ``binding`` after the transform, if nothing uses its name any more."""
        statement, alias = binding.statement, binding.alias
        if alias is None:
            return
        asname = (
            alias.asname.name.value
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
            else None
        )
        if isinstance(statement, cst.ImportFrom):
            if statement.module is None or statement.relative:
                return
            RemoveImportsVisitor.remove_unused_import(
                self.context, _dotted(statement.module), _dotted(alias.name), asname
            )
        else:
            RemoveImportsVisitor.remove_unused_import(self.context, _dotted(alias.name), None, asname)

    # ------------------------------------------------------------------ the libcst side

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        from sovmigrate.scan.analysis import analyse

        self.analysis: ModuleAnalysis = analyse(tree)
        self._decided: dict[tuple[int, str], tuple[cst.CSTNode, bool, FixSafety, str, str]] = {}
        self._publish: list[tuple[int, str]] = []
        self._edits: dict[int, list[Build]] = {}
        self._todo_nodes: list[tuple[cst.CSTNode, str, str]] = []
        self._imported: dict[tuple[str, str], str] = {}
        self._names: set[str] | None = None
        findings = [f for f in self.analysis.findings if f.rule.code in self.codes]
        if not findings:
            return tree
        self._spans = self.analysis.spans([f.node for f in findings])
        self._suppressions = suppressions(tree.code)
        self.plan()
        for finding in findings:
            if (id(finding.node), finding.rule.code) not in self._decided and not self._suppressed(
                finding.node, finding.rule.code
            ):
                self.manual(finding.node, finding.rule.code, UNHANDLED)
        self._report()
        self._todos = self._todo_statements()
        if not self._edits and not self._todos:
            return tree
        self._first_statement = tree.body[0] if tree.body else None
        self._header = tree.header
        self.context.scratch[EDITED] = True
        return tree.visit(self)

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        updated_node = super().on_leave(original_node, updated_node)
        for build in self._edits.get(id(original_node), ()):
            if not isinstance(updated_node, cst.CSTNode):
                break
            updated_node = build(updated_node)
        todos = self._todos.get(id(original_node))
        if todos and isinstance(updated_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            updated_node = self._with_todos(original_node, updated_node, todos)
        return updated_node

    # ------------------------------------------------------------------ internals

    def _parser_config(self) -> cst.PartialParserConfig:
        """The module's parsing config; an indent libcst cannot reuse (a form feed in it) becomes 4 spaces."""
        module = self.module
        indent = module.default_indent if re.fullmatch(r"[ \t]+", module.default_indent) else "    "
        return cst.PartialParserConfig(default_indent=indent, default_newline=module.default_newline)

    def _suppressed(self, node: cst.CSTNode, rule: str) -> bool:
        if not self._suppressions:
            return False
        span = self._spans.get(id(node)) or self.analysis.spans([node])[id(node)]
        return is_suppressed(self._suppressions, rule, span[0], span[2])

    def _report(self) -> None:
        nodes = [self._decided[key][0] for key in self._publish]
        missing = [n for n in nodes if id(n) not in self._spans]
        spans = {**self._spans, **(self.analysis.spans(missing) if missing else {})}
        outcomes = self.context.scratch.setdefault(OUTCOMES, [])
        for key in self._publish:
            node, applied, safety, reason, extra = self._decided[key]
            line, column = spans[id(node)][:2]
            outcome = Outcome(
                self.context.filename or "", line, column + 1, key[1], safety, applied, reason, extra=extra
            )
            outcomes.append(outcome)
            if not applied:
                label = "unsafe fix not applied (use --unsafe)" if safety is FixSafety.UNSAFE else "manual"
                self.warn(f"{line}:{column + 1}: {key[1]} {label}: {reason}")

    def _todo_statements(self) -> dict[int, list[str]]:
        """TODO comment lines keyed by ``id`` of the statement each manual site sits in."""
        todos: dict[int, list[str]] = {}
        for node, rule, reason in self._todo_nodes:
            statement = self._enclosing_statement(node)
            if statement is not None:
                text = f"{TODO_PREFIX}({rule}): {reason}"
                lines = todos.setdefault(id(statement), [])
                if text not in lines:
                    lines.append(text)
        return todos

    def _enclosing_statement(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The innermost statement line or compound statement (they carry comment lines) holding ``node``."""
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(
            current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)
        ):
            current = self.analysis.parent(current)
        return current

    def _with_todos(self, original: cst.CSTNode, statement, todos: list[str]):  # type: ignore[no-untyped-def]
        existing = [line.comment.value for line in statement.leading_lines if line.comment is not None]
        if original is self._first_statement:
            existing += [line.comment.value for line in self._header if line.comment is not None]
        # One TODO per rule and statement survives re-runs even if a reason's wording changes.
        marked = {text.split(":", 2)[1] for text in existing if text.startswith(TODO_PREFIX)}
        new = [
            cst.EmptyLine(comment=cst.Comment(text)) for text in todos if text.split(":", 2)[1] not in marked
        ]
        if not new:
            return statement
        return statement.with_changes(leading_lines=(*statement.leading_lines, *new))

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
            collector = _NameCollector()
            self.module.visit(collector)
            self._names = collector.names
        taken = self._names | set(self._imported.values())
        if name not in taken:
            return name
        base = f"{module.rsplit('.', 1)[-1]}_{name}"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}_{number}", number + 1
        return candidate


class _NameCollector(cst.CSTVisitor):
    """Every identifier bound or read in a module (attribute names and keyword names excluded)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    raise ValueError(f"not a dotted name: {type(node).__name__}")
