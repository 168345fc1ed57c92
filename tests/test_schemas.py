"""The schemas checked at run time (sovmigrate.schemas.fast): jsonschema's verdicts and words, without jsonschema.

Where jsonschema's format extras are installed (our receipts extra, any Jupyter environment), importing it takes
~1 s (rfc3987_syntax builds Lark grammars, python-jsonschema/jsonschema#1428): more than a whole ``plan``.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovmigrate.schemas import load_schema, validate
from sovmigrate.schemas.fast import RUNTIME_KEYWORDS, SchemaViolation, check, compiled
from tests.conftest import REPO, require_fixture
from tests.tokenizers.conftest import FETCHED, HINT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Every schema a command checks while it runs (the output schemas are checked by tests, with jsonschema).
RUNTIME = ("config", "effort_model", "model_catalog", "tokenizer_map", "tokens_report")
EXAMPLE = REPO / "examples" / "legacy-chatbot"


def _subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(schema, dict):
        return
    yield schema
    for keyword in ("properties", "$defs", "patternProperties"):
        for child in schema.get(keyword, {}).values():
            yield from _subschemas(child)
    for keyword in ("additionalProperties", "items", "propertyNames", "not"):
        yield from _subschemas(schema.get(keyword))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for child in schema.get(keyword, []):
            yield from _subschemas(child)


@pytest.mark.parametrize("name", RUNTIME)
def test_a_runtime_schema_keeps_to_keywords_both_validators_read_alike(name):
    # fastjsonschema reads a 2020-12 schema as 2019-09 (and a $ref's siblings as draft 7 would, which
    # sovmigrate.schemas.fast rewrites to allOf); a keyword outside this set may be checked differently or
    # worded differently from jsonschema.
    used = {keyword for schema in _subschemas(load_schema(name)) for keyword in schema}
    assert used <= RUNTIME_KEYWORDS, used - RUNTIME_KEYWORDS
    assert not any(isinstance(s.get("items"), list) for s in _subschemas(load_schema(name)))


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [("date", ["2025-02-28", "2024-02-29"], ["2025-02-30", "2025-2-3", "yesterday", "2025-02-28T00:00:00Z"])]
    + [
        (
            "uri",
            ["https://example.com/a?b=c#d", "mailto:x@example.com"],
            ["not a uri", "https://exa mple.com"],
        )
    ],
)
def test_every_format_of_a_runtime_schema_is_checked_as_jsonschema_checks_it(fmt, good, bad):
    # fastjsonschema passes over a format it does not know: each one our schemas use must really be checked.
    used = {s["format"] for name in RUNTIME for s in _subschemas(load_schema(name)) if "format" in s}
    assert used <= {"date", "uri"}
    if fmt == "uri":
        pytest.importorskip("rfc3986_validator")  # without it jsonschema checks no uri at all
    from sovmigrate.schemas.fast import _compile

    fast = _compile({"format": fmt})
    reference = jsonschema.Draft202012Validator({"format": fmt}, format_checker=jsonschema.FormatChecker())
    for value in good:
        fast(value)
        assert reference.is_valid(value), value
    for value in bad:
        with pytest.raises(ValueError):
            fast(value)
        assert not reference.is_valid(value), value


def test_each_schema_is_compiled_once_per_process():
    assert compiled("effort_model") is compiled("effort_model")


def test_the_public_validator_is_still_jsonschema():
    # sovmigrate.schemas.validate is what tests and users call on outputs: jsonschema, formats checked.
    with pytest.raises(jsonschema.ValidationError) as raised:
        validate({**_valid("tokenizer_map"), "context_length": 0}, "tokenizer_map")
    assert raised.value.message == "0 is less than the minimum of 1"


def _valid(name: str) -> Any:
    files = resources.files("sovmigrate")
    if name == "effort_model":
        return tomllib.loads(files.joinpath("data", "effort_model.toml").read_text(encoding="utf-8"))
    if name == "model_catalog":
        return json.loads(files.joinpath("data", "model_catalog.json").read_text(encoding="utf-8"))
    return json.loads(resources.files("sovmigrate.tokenizer_maps").joinpath("gpt-oss.json").read_text())


_VALUES = st.sampled_from(
    [None, True, 0, -1, 1.5, 3, "", "x", "Bad_Name", "2025-02-30", "E1", [], ["a", "a"], [1, 2], {}, {"x": 1}]
)


@st.composite
def _mutated(draw: st.DrawFn, instance: Any) -> Any:
    """``instance`` with one value replaced, one key removed or one key added, somewhere in it."""
    instance = copy.deepcopy(instance)
    parent, key = None, None
    node = instance
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 3)):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, draw(st.sampled_from(keys))
        node = node[key]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(["extra", "Bad_Name"]))] = draw(_VALUES)
    elif action == "remove" and isinstance(parent, dict):
        del parent[key]
    elif parent is not None:
        parent[key] = draw(_VALUES)
    return instance


@pytest.mark.parametrize("name", ["effort_model", "model_catalog", "tokenizer_map"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_verdict_and_the_words_agree_with_jsonschema(name, data):
    if name == "model_catalog":
        pytest.importorskip("rfc3986_validator")  # jsonschema checks uri only with it
    instance = data.draw(_mutated(_valid(name)))
    schema = load_schema(name)
    reference = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    expected = [(e.message, tuple(e.absolute_path), e.validator) for e in reference.iter_errors(instance)]
    if not expected:
        check(instance, name)
        return
    with pytest.raises(SchemaViolation) as raised:
        check(instance, name)
    found = (raised.value.message, raised.value.path, raised.value.keyword)
    # One problem: the same words; several: one of jsonschema's (it may have named another first).
    assert found == expected[0] if len(expected) == 1 else found in expected


_PROBE = """
import json, sys
from sovmigrate.cli import main
code = main(sys.argv[1:])
print(json.dumps({"exit": code, "modules": sorted({"jsonschema", "fastjsonschema"} & set(sys.modules))}))
"""


def _run_in_a_fresh_process(args: list[str], env: dict[str, str] | None = None) -> dict:
    command = [sys.executable, "-c", _PROBE, *args]
    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        pytest.param(["estimate", str(EXAMPLE)], 0, id="estimate"),
        pytest.param(["plan", str(EXAMPLE), "--target", "mistral-7b-instruct", "-o", "{tmp}"], 0, id="plan"),
        pytest.param(["receipts", str(EXAMPLE)], 1, id="receipts"),  # 1: a model the catalog does not know
        pytest.param(["tokens", "list"], 0, id="tokens list"),
    ],
)
def test_the_commands_check_their_data_without_importing_jsonschema(tmp_path, args, exit_code):
    outcome = _run_in_a_fresh_process([arg.format(tmp=tmp_path) for arg in args])
    assert outcome == {"exit": exit_code, "modules": ["fastjsonschema"]}


def test_tokens_check_validates_its_report_without_importing_jsonschema(tmp_path):
    require_fixture(FETCHED, HINT)
    args = ["tokens", "check", "--source", "llama-2", "--target", "mistral-v1", "--format", "json"]
    env = {"SOVMIGRATE_TOKENIZER_FILES": str(FETCHED), "HF_HUB_OFFLINE": "1"}
    outcome = _run_in_a_fresh_process([*args, "-o", str(tmp_path / "report.json")], env)
    assert outcome == {"exit": 0, "modules": ["fastjsonschema"]}
    validate(json.loads((tmp_path / "report.json").read_text()), "tokens_report")
