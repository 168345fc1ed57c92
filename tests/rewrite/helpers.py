"""Helpers for codemod tests: run codemods on a snippet and check the guarantees every rewrite keeps.

    out = rewrite_snippet('''
        from llama_cpp import Llama
        llm = Llama("m.gguf")
    ''', LlamaCppCodemod, unsafe=True)
    assert out.code == dedent('''...''')
    assert [(o.rule, o.safety, o.applied) for o in out.outcomes] == [...]

Every call also checks that the output parses and that a second run changes nothing (two cycles, as
OpenRewrite's tests do), so each positive test is an idempotence test too.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass

from sovmigrate.codemods._base import SovmigrateCodemod

from sovmigrate.rewrite.result import Outcome
from sovmigrate.rewrite.transform import Options, transform_source


@dataclass
class Snippet:
    """The rewritten code and the outcome of each site."""

    code: str
    outcomes: list[Outcome]

    def summary(self) -> list[tuple[int, str, str, bool]]:
        """``(line, rule, safety, applied)`` per site, for compact assertions."""
        return [(o.line, o.rule, o.safety.value, o.applied) for o in self.outcomes]


def rewrite_snippet(
    source: str | bytes,
    *codemods: type[SovmigrateCodemod],
    unsafe: bool = False,
    annotate: bool = False,
    select: tuple[str, ...] | None = None,
) -> Snippet:
    """Run ``codemods`` over ``source`` (dedented when a str) with every code they declare (or ``select``)."""
    data = textwrap.dedent(source).lstrip("\n").encode() if isinstance(source, str) else source
    codes = (
        frozenset(select)
        if select is not None
        else frozenset(c for codemod in codemods for c in codemod.RULES)
    )
    options = Options(codes, unsafe=unsafe, annotate=annotate)
    first = transform_source(data, codemods, options, "snippet.py")
    assert first.error is None, first.error
    ast.parse(first.data)
    second = transform_source(first.data, codemods, options, "snippet.py")
    assert second.error is None, second.error
    assert second.data == first.data, "a second run changed the code again:\n" + second.data.decode(
        errors="replace"
    )
    return Snippet(first.data.decode("utf-8"), first.outcomes)


def dedent(code: str) -> str:
    """``code`` as ``rewrite_snippet`` sees a str: dedented, leading blank lines dropped."""
    return textwrap.dedent(code).lstrip("\n")
