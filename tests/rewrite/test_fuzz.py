"""Property tests on generated Python (hypothesmith): never a crash, never a change without vendor code.

Generated modules are parsed and analysed only, never executed.
"""

from __future__ import annotations

import re

import hypothesmith
import libcst as cst
from hypothesis import HealthCheck, assume, given, settings

from sovmigrate.rewrite.registry import catalog_codemods
from sovmigrate.rewrite.transform import Options, parses, transform_source
from tests.rewrite.conftest import VENDOR
from tests.rewrite.sample_codemods import SAMPLES

CODEMODS = (*SAMPLES, *catalog_codemods())
OPTIONS = Options(
    frozenset(code for codemod in CODEMODS for code in codemod.RULES), unsafe=True, annotate=True
)
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)


@FUZZ
@given(hypothesmith.from_node())
def test_a_module_without_vendor_code_comes_back_unchanged(source):
    data = source.encode("utf-8")
    result = transform_source(data, CODEMODS, OPTIONS)
    assert result.error is None
    assert result.data == data and result.outcomes == []


@FUZZ
@given(hypothesmith.from_node())
def test_vendor_code_after_any_module_is_rewritten_to_code_that_parses_and_settles(source):
    data = (source if source.endswith("\n") or not source else source + "\n").encode(
        "utf-8"
    ) + VENDOR.encode()
    assume(parses(data))  # hypothesmith's module and the snippet may not combine (an open line continuation)
    # libcst cannot add an import to a module indented with a form feed; such a file is reported, not rewritten.
    assume(re.fullmatch(r"[ \t]+", cst.parse_module(data).default_indent))
    result = transform_source(data, CODEMODS, OPTIONS)
    assert result.error is None, result.error
    assert parses(result.data)
    assert transform_source(result.data, CODEMODS, OPTIONS).data == result.data
