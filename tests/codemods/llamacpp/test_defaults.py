"""The defaults the codemod writes out are llama-cpp-python's own, read from the installed engine's signatures.

For every sampling parameter the adapter knows, the codemod must write out llama-cpp-python's default exactly
when it differs from the adapter's neutral default (else the move would change behaviour), and nothing else.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from sovmigrate.codemods import llama_cpp as codemod

from sovmigrate.adapter.params import DEFAULTS
from tests.adapter.conftest import need


def engine_defaults(method: Any) -> dict[str, str]:
    """``{adapter name: repr(default)}`` for the parameters of ``method`` whose default is not the neutral one."""
    differing = {}
    for name, parameter in inspect.signature(method).parameters.items():
        neutral_name = codemod.RENAMED.get(name, name)
        if neutral_name not in DEFAULTS or parameter.default is inspect.Parameter.empty:
            continue
        default, neutral = parameter.default, DEFAULTS[neutral_name]
        if default != neutral and not (_off(default) and _off(neutral)):
            differing[neutral_name] = repr(default)
    return differing


def _off(value: Any) -> bool:
    """``None``, ``False`` and ``[]`` all mean "not used" (no stop strings, no logprobs)."""
    return value is None or value is False or value == []


@pytest.mark.parametrize(
    ("method", "table"),
    [
        ("create_completion", "COMPLETION_DEFAULTS"),
        ("__call__", "COMPLETION_DEFAULTS"),
        ("create_chat_completion", "CHAT_DEFAULTS"),
    ],
)
def test_written_defaults_are_the_engines(method: str, table: str) -> None:
    llama_cpp = need("llama_cpp", "llamacpp")
    assert engine_defaults(getattr(llama_cpp.Llama, method)) == getattr(codemod, table)


def test_model_options_pinned_are_the_engines() -> None:
    llama_cpp = need("llama_cpp", "llamacpp")
    init = inspect.signature(llama_cpp.Llama.__init__).parameters
    assert repr(init["n_ctx"].default) == codemod.N_CTX_DEFAULT
    assert (
        init["pooling_type"].default
        == llama_cpp.LLAMA_POOLING_TYPE_UNSPECIFIED
        == int(codemod.POOLING_UNSPECIFIED)
    )


def test_every_passed_parameter_is_one_the_engine_and_the_adapter_have() -> None:
    llama_cpp = need("llama_cpp", "llamacpp")
    completion = set(inspect.signature(llama_cpp.Llama.create_completion).parameters)
    assert codemod.SAMPLING <= completion
    assert {codemod.RENAMED.get(name, name) for name in codemod.SAMPLING} <= set(DEFAULTS)
