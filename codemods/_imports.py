"""Add and remove imports after a codemod's edits, the way libcst's import visitors do, at a fraction of the cost.

libcst's ``AddImportsVisitor`` and ``RemoveImportsVisitor`` walk the whole tree through the matcher
machinery, and the remover runs full scope analysis on it: together several times the cost of parsing
the file. Both only ever touch import statements, so here the same edits are made directly:

- adding: new ``from module import name`` statements go after the import block at the top of the module
  (after a docstring), with one empty line before the code that follows; names for a module already
  imported at the top are put in front of that statement's names. This is libcst's layout, and a test
  compares the two.
- removing: an import counts as used when its name appears anywhere outside import statements (a read,
  a store, an attribute base, ``__all__`` or a string annotation). A shadowed name keeps an import that
  scope analysis would drop, never the other way round. Comments after a removed name move to the name
  before it, as libcst does.

Imports scheduled through libcst's own ``add_needed_import``/``remove_unused_import`` still work: libcst's
visitors then run as usual (imported only then: ``libcst.codemod`` is slow to import).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import libcst as cst

from sovmigrate.scan.walk import walk

if TYPE_CHECKING:
    from sovmigrate.codemods._command import CodemodContext

ADD = "sovmigrate.imports.add"  # scratch: {module: {(name, asname or None)}}
REMOVE = "sovmigrate.imports.remove"  # scratch: [(module, name or None, asname or None)]
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# A string that may name something: `__all__` entries, string annotations ("Llama", "Optional[Llama] | None").
_NAMING_STRING = re.compile(r"[\w.\[\]]+(?:\s*[|,]\s*[\w.\[\]]+)*")

# Where libcst's AddImportsVisitor and RemoveImportsVisitor keep the imports scheduled through them.
LIBCST_ADD, LIBCST_REMOVE = "AddImportsVisitor", "RemoveImportsVisitor"
ImportStatement = cst.Import | cst.ImportFrom


def update_imports(tree: cst.Module, context: CodemodContext) -> cst.Module:
    """Make the import changes scheduled in ``context.scratch``: additions first, then removals."""
    if context.scratch.get(ADD):
        tree = add_imports(tree, context.scratch[ADD])
    if LIBCST_ADD in context.scratch:
        from libcst.codemod.visitors import AddImportsVisitor

        tree = tree.visit(AddImportsVisitor(context))
    if context.scratch.get(REMOVE):
        tree = remove_unused_imports(tree, context.scratch[REMOVE])
    if LIBCST_REMOVE in context.scratch:
        from libcst.codemod.visitors import RemoveImportsVisitor

        tree = cst.MetadataWrapper(tree).visit(RemoveImportsVisitor(context))
    return tree


def names_in(module: cst.Module) -> set[str]:
    """Every identifier a module binds or reads (attribute and keyword names aside): names an import must not take."""
    names = _Names()
    walk(module, names)
    return names.used | {_local(alias) for alias, _ in names.aliases}


# ---------------------------------------------------------------- adding


def add_imports(module: cst.Module, wanted: dict[str, set[tuple[str, str | None]]]) -> cst.Module:
    """``module`` with ``from m import name [as asname]`` for each wanted entry not already imported at the top."""
    body = list(module.body)
    start = 1 if _docstring_first(module) else 0
    end = start
    while end < len(body) and _is_import_line(body[end]):
        end += 1
    missing = {m: items - _imported_at_top(body[start:end], m) for m, items in wanted.items()}
    missing = {m: items for m, items in missing.items() if items}
    for index in range(start, end):
        statement = body[index].body[0]
        target = _from_module(statement)
        if target in missing:
            names = [*_aliases(missing.pop(target)), *statement.names]
            body[index] = body[index].with_changes(body=[statement.with_changes(names=names)])
    if not missing:
        return module.with_changes(body=body)
    # libcst's order: modules with an aliased name first, each group in the order asked for.
    ordered = sorted(missing.items(), key=lambda entry: all(asname is None for _, asname in entry[1]))
    new = [
        cst.SimpleStatementLine(body=[cst.ImportFrom(module=_dotted_expr(m), names=_aliases(items))])
        for m, items in ordered
    ]
    return module.with_changes(body=[*body[:end], *new, *_empty_line_before(body[end:])])


def _docstring_first(module: cst.Module) -> bool:
    if not module.body or not isinstance(module.body[0], cst.SimpleStatementLine):
        return False
    first = module.body[0].body
    if len(first) != 1:
        return False
    statement = first[0]
    if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.SimpleString):
        return True
    return (
        isinstance(statement, cst.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0].target, cst.Name)
        and statement.targets[0].target.value == "__strict__"
    )


def _is_import_line(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], (cst.Import, cst.ImportFrom))
    )


def _from_module(statement: cst.BaseSmallStatement) -> str | None:
    """``m`` for an absolute ``from m import a, b`` (not ``*``), else None."""
    absolute = (
        isinstance(statement, cst.ImportFrom) and not statement.relative and statement.module is not None
    )
    return _dotted(statement.module) if absolute and not isinstance(statement.names, cst.ImportStar) else None


def _imported_at_top(statements: list[cst.SimpleStatementLine], module: str) -> set[tuple[str, str | None]]:
    """What ``from module import ...`` statements at the top already bring in (everything, for ``*``)."""
    found: set[tuple[str, str | None]] = set()
    for line in statements:
        statement = line.body[0]
        if (
            isinstance(statement, cst.ImportFrom)
            and not statement.relative
            and statement.module is not None
            and _dotted(statement.module) == module
        ):
            if isinstance(statement.names, cst.ImportStar):
                return _Everything()
            found.update((_dotted(a.name), _asname(a)) for a in statement.names)
    return found


class _Everything(set):
    """What a star import brings in: every name, though not under another name."""

    def __contains__(self, item: object) -> bool:
        return isinstance(item, tuple) and item[1] is None

    def __rsub__(self, other: set) -> set:
        return {item for item in other if item not in self}


def _aliases(items: Iterable[tuple[str, str | None]]) -> list[cst.ImportAlias]:
    """Plain names first, then aliased ones, each group sorted (libcst's order)."""
    plain = sorted(name for name, asname in items if asname is None)
    aliased = sorted((name, asname) for name, asname in items if asname is not None)
    return [cst.ImportAlias(name=cst.Name(n)) for n in plain] + [
        cst.ImportAlias(name=cst.Name(n), asname=cst.AsName(name=cst.Name(a))) for n, a in aliased
    ]


def _empty_line_before(statements: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """At least one empty line between the new imports and the code after them."""
    if not statements:
        return statements
    first = statements[0]
    if first.leading_lines and first.leading_lines[0].comment is None:
        return statements
    return [first.with_changes(leading_lines=(cst.EmptyLine(), *first.leading_lines)), *statements[1:]]


def _dotted_expr(dotted: str) -> cst.Name | cst.Attribute:
    head, _, last = dotted.rpartition(".")
    return cst.Attribute(value=_dotted_expr(head), attr=cst.Name(last)) if head else cst.Name(last)


# ---------------------------------------------------------------- removing


def remove_unused_imports(
    module: cst.Module, candidates: Iterable[tuple[str, str | None, str | None]]
) -> cst.Module:
    """Drop each candidate import whose local name nothing uses any more."""
    names = _Names()
    walk(module, names)
    wanted = set(candidates)
    doomed: dict[int, set[int]] = {}
    for alias, statement in names.aliases:
        if _local(alias) in names.used or _describe(alias, statement) not in wanted:
            continue
        doomed.setdefault(id(statement), set()).add(id(alias))
    if not doomed:
        return module
    return module.visit(_DropAliases(doomed))


def _describe(
    alias: cst.ImportAlias, statement: ImportStatement
) -> tuple[str, str | None, str | None] | None:
    if isinstance(statement, cst.Import):
        return (_dotted(alias.name), None, _asname(alias))
    target = _from_module(statement)
    return (target, _dotted(alias.name), _asname(alias)) if target else None


class _DropAliases(cst.CSTTransformer):
    """Remove the given aliases from their import statements (the statement goes when none is left).

    Unlike libcst, the blank lines above a removed statement stay, above the statement that follows it:
    removing ``import ollama`` from its group keeps the group apart from ``from __future__ import ...``.
    """

    def __init__(self, doomed: dict[int, set[int]]) -> None:
        super().__init__()
        self.doomed = doomed
        self.blocks: list[list[cst.EmptyLine]] = []  # per open body: blank lines of a removed statement

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Imports are statements: never enter expressions or other small statements.
        if isinstance(node, (cst.Module, cst.IndentedBlock)):
            self.blocks.append([])
        return not isinstance(node, (cst.BaseExpression, cst.BaseSmallStatement))

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        if isinstance(original_node, (cst.Module, cst.IndentedBlock)):
            self.blocks.pop()
        elif isinstance(original_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return self._statement(original_node, updated_node)
        doomed = self.doomed.get(id(original_node))
        if not doomed:
            return updated_node
        kept, lpar = _kept_aliases(updated_node, doomed)
        if not kept:
            return cst.RemoveFromParent()
        if kept[-1] is not updated_node.names[-1]:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)  # no trailing comma left behind
        changes = {"names": kept}
        if lpar is not None:
            changes["lpar"] = lpar
        return updated_node.with_changes(**changes)

    def _statement(self, original, updated):  # type: ignore[no-untyped-def]
        carried = self.blocks[-1]
        if isinstance(updated, cst.SimpleStatementLine) and not updated.body:  # every import in it went
            if not carried:
                carried.extend(_leading_blanks(original.leading_lines))
            return cst.RemoveFromParent()
        if carried and not _leading_blanks(updated.leading_lines):
            updated = updated.with_changes(leading_lines=(*carried, *updated.leading_lines))
        carried.clear()
        return updated


def _leading_blanks(lines: Iterable[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """The blank lines (no comment) at the start of ``lines``."""
    blanks = []
    for line in lines:
        if line.comment is not None:
            break
        blanks.append(line)
    return blanks


def _kept_aliases(
    statement: ImportStatement, doomed: set[int]
) -> tuple[list[cst.ImportAlias], cst.LeftParen | None]:
    """The aliases left, a removed one's end-of-line comment moved to the alias before it (or to ``(``)."""
    kept: list[cst.ImportAlias] = []
    lpar = getattr(statement, "lpar", None)
    for alias in statement.names:
        if id(alias) not in doomed:
            kept.append(alias)
            continue
        comma = alias.comma
        if not isinstance(comma, cst.Comma):
            continue
        if kept and isinstance(kept[-1].comma, cst.Comma):
            merged = _merge_whitespace(kept[-1].comma.whitespace_after, comma.whitespace_after)
            kept[-1] = kept[-1].with_changes(comma=kept[-1].comma.with_changes(whitespace_after=merged))
        elif kept:
            kept[-1] = kept[-1].with_changes(comma=comma)
        elif isinstance(lpar, cst.LeftParen):
            lpar = lpar.with_changes(
                whitespace_after=_merge_whitespace(lpar.whitespace_after, comma.whitespace_after)
            )
    return kept, lpar


def _merge_whitespace(
    left: cst.BaseParenthesizableWhitespace, right: cst.BaseParenthesizableWhitespace
) -> cst.BaseParenthesizableWhitespace:
    """libcst's rule: comment lines after the removed name stay, after the name before it."""
    if not isinstance(right, cst.ParenthesizedWhitespace):
        return left
    if not isinstance(left, cst.ParenthesizedWhitespace):
        return right
    return left.with_changes(
        empty_lines=tuple(line for line in right.empty_lines if line.comment is not None)
    )


class _Names:
    """Names used outside import statements, and every import alias with its statement."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.aliases: list[tuple[cst.ImportAlias, ImportStatement]] = []

    def visit_Import(self, node: cst.Import) -> bool:
        self.aliases.extend((alias, node) for alias in node.names)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            self.aliases.extend((alias, node) for alias in node.names)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.used.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        walk(node.value, self)  # `x.chat` uses x, not a name `chat`
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        walk(node.value, self)  # `f(chat=1)` uses no name `chat`
        return False

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = node.raw_value
        if _NAMING_STRING.fullmatch(text):
            self.used.update(_IDENTIFIER.findall(text))


def _local(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    name = alias.name
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value if isinstance(name, cst.Name) else ""


def _asname(alias: cst.ImportAlias) -> str | None:
    return (
        alias.asname.name.value
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
        else None
    )


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    raise ValueError(f"not a dotted name: {type(node).__name__}")
