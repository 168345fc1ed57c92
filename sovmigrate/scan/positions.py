"""Source positions of a few libcst nodes, without resolving ``PositionProvider`` for the whole tree.

libcst's ``PositionProvider`` tracks line and column for every node while it regenerates the module,
which costs about as much as parsing. The scanner needs positions for a handful of nodes per file,
so this codegen state only records token indexes (cheap list lengths) and turns the few it needs into
line/column pairs in one pass over the tokens at the end. Ranges follow ``PositionProvider``'s
syntactic rules (``record_syntactic_position`` with hoisted start/end nodes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState

Span = tuple[int, int, int, int]  # line, column (0-based), end line, end column


@dataclass(frozen=False)
class _TokenIndexState(CodegenState):
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    _stack: list[int] = field(default_factory=list)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._stack.append(len(self.tokens))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._stack.pop()
        self.spans.setdefault(id(node), (start, len(self.tokens)))

    @contextmanager
    def record_syntactic_position(
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> Iterator[None]:
        start = len(self.tokens)
        try:
            yield
        finally:
            end = len(self.tokens)
            if start_node is not None:
                start = self.spans[id(start_node)][0]
            if end_node is not None:
                end = self.spans[id(end_node)][1]
            self.spans[id(node)] = (start, end)


def node_spans(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, Span]:
    """Map ``id(node)`` to (line, column, end_line, end_column) for each of ``nodes`` (lines 1-based)."""
    wanted = list(nodes)
    if not wanted:
        return {}
    state = _TokenIndexState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    tokens = state.tokens
    indexes = sorted({i for node in wanted for i in state.spans[id(node)]})
    positions: dict[int, tuple[int, int]] = {}
    line, column, cursor = 1, 0, 0
    for index in indexes:
        while cursor < index:
            token = tokens[cursor]
            newlines = token.count("\n") + token.count("\r") - token.count("\r\n")
            if newlines:
                line += newlines
                column = len(token) - max(token.rfind("\n"), token.rfind("\r")) - 1
            else:
                column += len(token)
            cursor += 1
        positions[index] = (line, column)
    spans: dict[int, Span] = {}
    for node in wanted:
        start, end = state.spans[id(node)]
        spans[id(node)] = (*positions[start], *positions[end])
    return spans
