"""CallEdit: arguments added, dropped and renamed the way a person would, comments kept with their argument."""

from __future__ import annotations

import libcst as cst
import pytest
from sovmigrate.codemods._calls import CallEdit

TWO = cst.parse_expression("2")


def edited(source: str, change) -> str:
    module = cst.parse_module(source)
    call = module.body[0].body[0].value
    return module.code_for_node(change(CallEdit(call)).build())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("f(a, b)", "f(a, b, x=2)", id="one line"),
        pytest.param("f()", "f(x=2)", id="no arguments"),
        pytest.param("f(a, b,)", "f(a, b, x=2,)", id="trailing comma kept"),
        pytest.param(
            "f(\n    a,\n    b=1,  # one\n)",
            "f(\n    a,\n    b=1,  # one\n    x=2,\n)",
            id="one per line, comment stays",
        ),
        pytest.param(
            "f(\n    a,\n    b=1  # one\n)", "f(\n    a,\n    b=1,  # one\n    x=2\n)", id="no trailing comma"
        ),
        pytest.param("f(\n    a\n)", "f(\n    a,\n    x=2\n)", id="single argument on its own line"),
        pytest.param("f(a,\n  b)", "f(a,\n  b,\n  x=2)", id="hanging indent"),
    ],
)
def test_an_added_keyword_is_formatted_like_its_neighbours(source, expected):
    assert edited(source + "\n", lambda e: e.set("x", TWO)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("f(a, b=1)", "f(a)", id="last"),
        pytest.param("f(b=1)", "f()", id="only"),
        pytest.param(
            "f(\n    a,  # keep\n    b=1,  # one\n)", "f(\n    a,  # keep\n)", id="last, one per line"
        ),
        pytest.param(
            "f(\n    a,  # keep\n    b=1  # one\n)", "f(\n    a  # keep\n)", id="last, no trailing comma"
        ),
        pytest.param("f(\n    b=1,  # x\n    c=2,\n)", "f(\n    c=2,\n)", id="first"),
        pytest.param("f(a, b=1, c=2)", "f(a, c=2)", id="middle"),
        pytest.param(
            "f(\n    a,\n    b=1,  # one\n    # about c\n    c=2,\n)",
            "f(\n    a,\n    # about c\n    c=2,\n)",
            id="middle, the next argument's comment line stays",
        ),
        pytest.param(
            "f(\n    b=1,\n    # about c\n\n    c=2,\n)",
            "f(\n    # about c\n\n    c=2,\n)",
            id="first, the next argument's comment line stays",
        ),
        pytest.param(
            "f(a, b=1,\n  # about c\n  c=2)", "f(a,\n  # about c\n  c=2)", id="hanging, comment line stays"
        ),
        pytest.param(
            "f(\n    a,  # keep\n    b=1,\n    # closing remark\n)",
            "f(\n    a,  # keep\n    # closing remark\n)",
            id="last, a comment line before the parenthesis stays",
        ),
    ],
)
def test_a_dropped_argument_takes_its_own_comment_and_nothing_else(source, expected):
    assert edited(source + "\n", lambda e: e.drop("b")) == expected


def test_rename_and_replace_keep_position_and_spacing():
    assert edited("f(a, b = 1,  c=3)\n", lambda e: e.rename("b", "z").set("c", TWO)) == "f(a, z = 1,  c=2)"


def test_insert_first_argument():
    assert (
        edited("f(\n    a,\n    b,\n)\n", lambda e: e.insert(0, cst.Arg(cst.Name("llm"))))
        == "f(\n    llm,\n    a,\n    b,\n)"
    )
    assert edited("f(a)\n", lambda e: e.insert(0, cst.Arg(cst.Name("llm")))) == "f(llm, a)"


def test_positional_and_keyword_lookup():
    edit = CallEdit(cst.parse_expression("f(p, *rest, k=1, **kw)"))
    assert edit.positional(0).value.value == "p" and edit.positional(1) is None
    assert edit.keyword("k").value.value == "1" and edit.keyword("missing") is None
