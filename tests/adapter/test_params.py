"""The neutral parameters: names, defaults, refusals (no engine needed)."""

from __future__ import annotations

import pytest

from sovmigrate.adapter import BadRequest, UnsupportedParameter
from sovmigrate.adapter.params import check_params, json_schema_of

HONOURED = {"max_tokens", "temperature"}


def test_defaults_are_openai_s() -> None:
    p = check_params({}, HONOURED, "b")
    assert (p["temperature"], p["top_p"], p["top_k"], p["max_tokens"], p["n"]) == (1.0, 1.0, 0, None, 1)
    assert (p["presence_penalty"], p["frequency_penalty"], p["repetition_penalty"]) == (0.0, 0.0, 1.0)


def test_a_parameter_the_backend_cannot_honour_is_refused() -> None:
    with pytest.raises(
        UnsupportedParameter, match=r"b: cannot honour top_k=5; this backend honours: max_tokens"
    ):
        check_params({"top_k": 5}, HONOURED, "b")


@pytest.mark.parametrize("name, value", [("n", 1), ("presence_penalty", 0.0), ("top_k", 0), ("seed", None)])
def test_a_parameter_at_its_neutral_default_is_accepted_everywhere(name: str, value: object) -> None:
    assert check_params({name: value}, HONOURED, "b")[name] == value


@pytest.mark.parametrize(
    "name, hint",
    [
        ("stream", "stream_chat"),
        ("max_new_tokens", "use max_tokens"),
        ("repeat_penalty", "use repetition_penalty"),
        ("banana", "the neutral parameters are:"),
    ],
)
def test_unknown_names_are_refused_with_a_hint(name: str, hint: str) -> None:
    with pytest.raises(UnsupportedParameter, match=f"unknown parameter '{name}'") as info:
        check_params({name: 1}, HONOURED, "b")
    assert hint in str(info.value)


def test_stop_string_becomes_a_list() -> None:
    assert check_params({"stop": "\n"}, {"stop"}, "b")["stop"] == ["\n"]


def test_response_format_schemas() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    assert (
        json_schema_of({"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}, "b") == schema
    )
    assert json_schema_of({"type": "json_object"}, "b") == {"type": "object"}
    assert json_schema_of({"type": "text"}, "b") is None
    with pytest.raises(BadRequest, match="unknown response_format type 'xml'"):
        json_schema_of({"type": "xml"}, "b")


def test_samplers_beyond_openai_default_to_off() -> None:
    p = check_params({}, HONOURED, "b")
    assert (p["min_p"], p["typical_p"], p["mirostat"], p["echo"]) == (0.0, 1.0, 0, False)


@pytest.mark.parametrize("name, value", [("min_p", 0.05), ("typical_p", 0.9), ("mirostat", 2)])
def test_new_samplers_are_refused_where_not_honoured(name: str, value: object) -> None:
    with pytest.raises(UnsupportedParameter, match=f"cannot honour {name}={value}"):
        check_params({name: value}, HONOURED, "b")


def test_engine_defaults_mode_keeps_only_what_the_call_gives() -> None:
    """param_defaults="engine": nothing is filled in, and None means "leave it to the engine"."""
    p = check_params(
        {"max_tokens": 5, "temperature": None, "stop": "x"}, HONOURED | {"stop"}, "b", fill_defaults=False
    )
    assert p == {"max_tokens": 5, "stop": ["x"]}


@pytest.mark.parametrize("name, hint", [("mirostat_mode", "use mirostat"), ("return_full_text", "echo=True")])
def test_engine_names_get_a_hint(name: str, hint: str) -> None:
    with pytest.raises(UnsupportedParameter, match=hint):
        check_params({name: 1}, HONOURED, "b")
