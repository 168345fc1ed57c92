"""No catalog pattern can backtrack catastrophically: a structural check, no timings.

A repetition inside an unbounded repetition (`(?:[\\w-]+[._])*`) is exponential on a line that almost matches when
one stretch of text splits into iterations in more than one way; that made a line of `a_a_a_..._a!` (30 segments)
take minutes in SOV860's key. The nested form is allowed only when every iteration holds a character (or a run of them)
that nothing else repeated in it can match (`\\w+(?:-\\w+)*`, `(?:[a-z0-9-]*[._])*`): one way to split.
Lookarounds and possessive or atomic parts are not re-entered by backtracking and are checked on their own.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import pytest

import sovmigrate.rules
from sovmigrate.rules import CATALOG
from sovmigrate.rules.model import LazyPattern

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
# The characters a class is tested on: ASCII and a few others (enough to tell `\w`, `\s`, `.` and ranges apart).
_ALPHABET = [chr(c) for c in range(1, 128)] + ["é", "ß", "\u00a0", "\u2028"]


def _patterns(value: object) -> Iterator[tuple[str, int]]:
    if isinstance(value, LazyPattern) or isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value.pattern, value.flags
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _patterns(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _patterns(item)


def catalog_patterns() -> dict[str, tuple[str, int]]:
    """Every pattern of the catalog's matchers and of the rule modules' globals, by where it is defined."""
    found: dict[str, tuple[str, int]] = {}
    for rule in CATALOG:
        for number, matcher in enumerate(rule.matchers):
            for index, pattern in enumerate(_patterns(matcher)):
                found[f"{rule.code}[{number}.{index}]"] = pattern
    for info in pkgutil.iter_modules(sovmigrate.rules.__path__):
        module = importlib.import_module(f"sovmigrate.rules.{info.name}")
        for name, value in vars(module).items():
            for index, pattern in enumerate(
                _patterns(value) if isinstance(value, (re.Pattern, LazyPattern)) else ()
            ):
                found[f"{info.name}.{name}[{index}]"] = pattern
    return found


def _chars(op: object, av: object, flags: int) -> set[str]:
    """The characters one single-character item matches (all of them for anything else)."""
    items = [(op, av)] if op != sre.IN else av
    pattern = "".join(_item_source(o, a) for o, a in items)
    if op == sre.IN or op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.CATEGORY):
        compiled = re.compile(f"[{pattern}]" if op != sre.ANY else ".", flags & (re.IGNORECASE | re.DOTALL))
        return {c for c in _ALPHABET if compiled.fullmatch(c)}
    return set(_ALPHABET)


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _item_source(op: object, av: object) -> str:
    if op == sre.NEGATE:
        return "^"
    if op == sre.LITERAL:
        return re.escape(chr(av))  # type: ignore[arg-type]
    if op == sre.RANGE:
        low, high = av  # type: ignore[misc]
        return f"{re.escape(chr(low))}-{re.escape(chr(high))}"
    if op == sre.CATEGORY:
        return _CATEGORIES[av]
    if op == sre.NOT_LITERAL:
        return "^" + re.escape(chr(av))  # type: ignore[arg-type]
    return ""


def _inner_repeated(items: list, flags: int) -> set[str]:
    """Characters that unbounded repetitions inside ``items`` (outside lookarounds) can match."""
    chars: set[str] = set()
    for op, av in items:
        if op in _REPEATS:
            _, high, sub = av
            if high == sre.MAXREPEAT:
                chars |= _first_chars(list(sub), flags) | _all_chars(list(sub), flags)
            chars |= _inner_repeated(list(sub), flags)
        elif op == sre.SUBPATTERN:
            chars |= _inner_repeated(list(av[-1]), flags)
        elif op == sre.BRANCH:
            for branch in av[1]:
                chars |= _inner_repeated(list(branch), flags)
    return chars


def _all_chars(items: list, flags: int) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
            chars |= _all_chars(list(av[2]), flags)
        elif op == sre.SUBPATTERN:
            chars |= _all_chars(list(av[-1]), flags)
        elif op == sre.BRANCH:
            for branch in av[1]:
                chars |= _all_chars(list(branch), flags)
        elif op in (sre.IN, sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.CATEGORY):
            chars |= _chars(op, av, flags)
        elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS):
            chars |= set(_ALPHABET)
    return chars


def _first_chars(items: list, flags: int) -> set[str]:
    return _all_chars(items[:1], flags) if items else set()


_SINGLE = (sre.IN, sre.LITERAL, sre.NOT_LITERAL, sre.CATEGORY, sre.ANY)


def _delimited(body: list, flags: int) -> bool:
    """Whether every iteration of ``body`` holds a character that nothing repeated in it can match, or a run of
    characters that nothing else in it can match next to one such character: the text then fixes where one
    iteration ends and the next begins. An alternation is delimited when each of its branches is."""
    if len(body) == 1 and body[0][0] == sre.BRANCH:
        return all(_delimited(list(branch), flags) for branch in body[0][1][1])
    for index, (op, av) in enumerate(body):
        others = body[:index] + body[index + 1 :]
        if op in _SINGLE and not _chars(op, av, flags) & _inner_repeated(others, flags):
            return True
        run = list(av[2]) if op in _REPEATS and av[0] >= 1 else []
        if (
            len(run) == 1
            and run[0][0] in _SINGLE
            and any(o in _SINGLE for o, _ in others)
            and not _chars(run[0][0], run[0][1], flags) & _all_chars(others, flags)
        ):
            return True
    return False


def ambiguous_repeats(items: list, flags: int) -> list[str]:
    """Unbounded repetitions that contain another one without a delimiter between iterations."""
    found: list[str] = []
    for op, av in items:
        if op in _REPEATS:
            _, high, sub = av
            body = list(sub)
            if len(body) == 1 and body[0][0] == sre.SUBPATTERN:
                body = list(body[0][1][-1])
            inner = _inner_repeated(body, flags)
            if high == sre.MAXREPEAT and inner and not _delimited(body, flags):
                found.append(str(sub)[:120])
            found += ambiguous_repeats(list(sub), flags)
        elif op == sre.SUBPATTERN:
            found += ambiguous_repeats(list(av[-1]), flags)
        elif op == sre.BRANCH:
            for branch in av[1]:
                found += ambiguous_repeats(list(branch), flags)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += ambiguous_repeats(list(av[1]), flags)
        elif op == sre.ATOMIC_GROUP:
            found += ambiguous_repeats(list(av), flags)
        elif op == sre.POSSESSIVE_REPEAT:
            found += ambiguous_repeats(list(av[2]), flags)
    return found


PATTERNS = catalog_patterns()


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_no_repetition_splits_one_text_in_many_ways(where: str) -> None:
    pattern, flags = PATTERNS[where]
    assert ambiguous_repeats(list(_parser.parse(pattern, flags)), flags) == []


@pytest.mark.parametrize(
    ("pattern", "ambiguous"),
    [
        (r"^(?:[\w-]+[._])*backend$", True),  # SOV860's key before round 8
        (r"^(a+)+$", True),
        (r"^(?:\w+\s?)*$", True),
        (r"^(?:[a-z0-9-]*[._])*backend$", False),
        (r"^llama(?:[-_](?:chat|tool\w*|\d+b))*$", True),  # SOV862's template name before round 8
        (r"^llama(?:[-_](?:chat|tool\w*+|\d+b))*$", False),
        (r"^(?:sudo\s+|[A-Z_][A-Z0-9_]*=\S*\s+)*run", False),  # each iteration ends in a run of spaces
        (r"^\w+(?:-\w+)*$", False),
        (r"^(?:a|b)*c$", False),
        (r"^(?=(?:\w+\s?)*)x", True),  # a lookahead is checked on its own
        (r"^(?>(?:\w+)*)x", True),
    ],
)
def test_the_check_tells_ambiguous_from_delimited_repetitions(pattern: str, ambiguous: bool) -> None:
    assert bool(ambiguous_repeats(list(_parser.parse(pattern, 0)), 0)) is ambiguous
