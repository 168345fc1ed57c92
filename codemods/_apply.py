"""Apply a codemod's planned edits and TODO comments to the tree, visiting only the paths down to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst

TODO_PREFIX = "# sovmigrate: TODO"

Build = Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel]
Statement = cst.SimpleStatementLine | cst.BaseCompoundStatement


def todo_text(rule: str, reason: str) -> str:
    return f"{TODO_PREFIX}({rule}): {reason}"


class Apply(cst.CSTTransformer):
    """Replace nodes by identity (``edits``) and add comment lines above statements (``todos``).

    Edits run bottom-up, so an edit of an outer node receives its children already edited. Subtrees
    that hold no target are not entered (``paths``: ids of the targets and all their ancestors).
    """

    def __init__(
        self, module: cst.Module, edits: dict[int, list[Build]], todos: dict[int, list[str]], paths: set[int]
    ) -> None:
        super().__init__()
        self.edits = edits
        self.todos = todos
        self.paths = paths
        self.first = module.body[0] if module.body else None
        self.header = module.header

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.paths

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        for build in self.edits.get(id(original_node), ()):
            if not isinstance(updated_node, cst.CSTNode):
                break
            updated_node = build(updated_node)
        todos = self.todos.get(id(original_node))
        if todos and isinstance(updated_node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            updated_node = self._with_todos(original_node, updated_node, todos)
        return updated_node

    def _with_todos(self, original: cst.CSTNode, statement: Statement, todos: list[str]) -> Statement:
        lines: Iterable[cst.EmptyLine] = statement.leading_lines
        if original is self.first:  # libcst keeps comments above the first statement in the module header
            lines = (*self.header, *lines)
        # One TODO per rule and statement survives re-runs, even if a reason's wording changed.
        marked = {_rule_of(line.comment.value) for line in lines if line.comment is not None}
        new = [cst.EmptyLine(comment=cst.Comment(text)) for text in todos if _rule_of(text) not in marked]
        if not new:
            return statement
        return statement.with_changes(leading_lines=(*statement.leading_lines, *new))


def _rule_of(comment: str) -> str | None:
    """``SOV103`` for a ``# sovmigrate: TODO(SOV103): ...`` comment, else None."""
    if not comment.startswith(TODO_PREFIX + "("):
        return None
    return comment[len(TODO_PREFIX) + 1 :].split(")", 1)[0]
