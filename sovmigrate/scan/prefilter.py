"""The byte-level prefilter: a file that contains none of the trigger words cannot match any rule.

The words come from the rule catalog: each matcher's module roots (or the words the vocabulary says a
root shows as in source, such as ``bedrock`` for ``boto3``) and the trigger words (or ``re:`` patterns)
that literal and line matchers declare. The check runs on every file, so it uses RE2 (google-re2, a linear-time DFA, about
500 MB/s here) and falls back to Python's ``re`` where RE2 is not installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from sovmigrate.rules import CATALOG, Calls, Imports, Line, Literal, TokenIds
from sovmigrate.rules.model import Matcher
from sovmigrate.rules.vocabulary import ROOT_TRIGGERS

_ROOT_END = re.compile(r"[.*#:]")


def root_of(pattern: str) -> str:
    """The module root of an API pattern or module name (``langchain*`` -> ``langchain``)."""
    return _ROOT_END.split(pattern, maxsplit=1)[0]


def matcher_triggers(matcher: Matcher) -> tuple[str, ...]:
    """The words one of which every text this matcher can match contains (empty: needs none of its own)."""
    if matcher.__class__ in (Literal, Line) or getattr(matcher, "triggers", ()):
        return tuple(matcher.triggers)
    if isinstance(matcher, (Imports, Calls)):
        names = matcher.modules if isinstance(matcher, Imports) else matcher.patterns
        return tuple(word for name in names for word in ROOT_TRIGGERS.get(root_of(name), (root_of(name),)))
    if isinstance(matcher, TokenIds):
        return matcher.keywords
    return ()


def _minimal(words: Iterable[str]) -> list[str]:
    """Lower-cased words without those that contain another word (``llama`` makes ``llama_cpp`` redundant)."""
    unique = sorted({w.lower() for w in words if w and not w.startswith("re:")}, key=len)
    kept: list[str] = []
    for word in unique:
        if not any(shorter in word for shorter in kept):
            kept.append(word)
    return sorted(kept)


def _pattern(words: list[str]) -> str:
    literal = _minimal(words)
    regexes = sorted({word[3:] for word in words if word.startswith("re:")})
    return "(?i)(?:" + "|".join([*(re.escape(word) for word in literal), *regexes]) + ")"


def _triggers(files: str) -> list[str]:
    """Trigger words of the matchers that can match in Python sources (``python``) or in other files (``text``)."""
    return [
        word
        for rule in CATALOG
        for matcher in rule.matchers
        if (files == "text") == isinstance(matcher, Line)
        for word in matcher_triggers(matcher)
    ]


_FAMILY = {"python": "python", "notebook": "any"}


def family_pattern(family: str) -> str:
    """The prefilter's pattern for ``python``, ``text`` or ``any`` files. Words only text matchers need (``model``
    for `model: ...` keys) do not make Python files candidates."""
    if family == "any":
        return _pattern(
            [word for rule in CATALOG for matcher in rule.matchers for word in matcher_triggers(matcher)]
        )
    return _pattern(_triggers(family))


@cache
def _search(family: str = "any") -> Callable[[bytes], object]:
    """The compiled prefilter of a file family, built on first use: a fully cached scan never needs it."""
    pattern = family_pattern(family)
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency; exotic platforms may lack it
        return python_search(pattern)
    options = re2.Options()
    options.case_sensitive = False
    return re2.compile(pattern[4:].encode(), options).search


def python_search(pattern: str) -> Callable[[bytes], object]:
    """The prefilter with Python's ``re``, where google-re2 cannot be installed. ``re`` accepts a global ``(?i)`` only
    at the start, and the combined pattern is case-insensitive as a whole, so the triggers' own ones are dropped."""
    return re.compile(("(?i)" + pattern[4:].replace("(?i)", "")).encode()).search


def is_candidate(data: bytes, kind: str | None = None) -> bool:
    """Whether ``data`` (a file of ``kind``, any kind when ``None``) may contain something a rule matches."""
    family = "any" if kind is None else _FAMILY.get(kind, "text")
    return _search(family)(data) is not None
