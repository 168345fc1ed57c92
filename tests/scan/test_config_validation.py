"""[tool.sovmigrate] validation: the messages a user sees, and a scan that does not pay for jsonschema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovmigrate.config import load_settings, settings_from_table
from sovmigrate.errors import ConfigError
from sovmigrate.schemas import load_schema

CODE_PATTERN = "'^(SOV[0-9]{0,3}|ALL)$'"


@pytest.mark.parametrize(
    ("table", "key", "message"),
    [
        pytest.param(
            'selectt = ["SOV1"]', "selectt", "unknown key 'selectt' in [tool.sovmigrate]", id="unknown key"
        ),
        pytest.param(
            "[tool.sovmigrate.rewrite]\nunsafe-fixes = true",
            "unsafe-fixes",
            "unknown key 'unsafe-fixes' in [tool.sovmigrate.rewrite]",
            id="unknown key in a nested table",
        ),
        pytest.param(
            '"a.b" = 1', "a.b", "unknown key 'a.b' in [tool.sovmigrate]", id="unknown key holding a dot"
        ),
        pytest.param('select = "SOV1"', "select", "'SOV1' is not of type 'array'", id="wrong type"),
        pytest.param("cache = 1", "cache", "1 is not of type 'boolean'", id="integer for a boolean"),
        pytest.param("jobs = true", "jobs", "True is not of type 'integer'", id="boolean for an integer"),
        pytest.param(
            'ignore = ["SOV1", "E501"]', "ignore.1", f"'E501' does not match {CODE_PATTERN}", id="bad code"
        ),
        pytest.param(
            '[tool.sovmigrate.rewrite]\nselect = ["SOV1", "F401"]',
            "rewrite.select.1",
            f"'F401' does not match {CODE_PATTERN}",
            id="bad code in a nested table",
        ),
        pytest.param(
            'per-file-ignores = { "tests/*.py" = ["E501"] }',
            "per-file-ignores.tests/*.py.0",
            f"'E501' does not match {CODE_PATTERN}",
            id="bad code under a glob holding a dot",
        ),
        pytest.param(
            'per-file-ignores = { "src/[ab]/*.py" = "SOV1" }',
            "per-file-ignores.src/[ab]/*.py",
            "'SOV1' is not of type 'array'",
            id="wrong type under a glob holding brackets",
        ),
        pytest.param(
            'extend-exclude = ["legacy", ""]', "extend-exclude.1", "'' should be non-empty", id="empty glob"
        ),
        pytest.param("jobs = 0", "jobs", "0 is less than the minimum of 1", id="below the minimum"),
    ],
)
def test_a_bad_table_names_the_file_the_key_and_the_problem(tmp_path, table, key, message):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.sovmigrate]\n{table}\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path)
    assert str(raised.value) == f"{path}: [{key}] {message}"
    assert raised.value.key == key and raised.value.path == path


def test_a_table_that_is_no_table_is_a_clear_error():
    with pytest.raises(ConfigError, match=r"^pyproject.toml: 3 is not of type 'object'$"):
        settings_from_table(3, Path("pyproject.toml"))


def test_the_config_schema_uses_only_keywords_that_mean_the_same_in_draft_07():
    # fastjsonschema implements drafts 4 to 7 (and part of 2019-09); config.v1.json says 2020-12. A keyword whose
    # meaning changed (items as a list, prefixItems, unevaluated*, $dynamicRef...) would be checked differently.
    common = {"$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties", "enum"}
    common |= {"additionalProperties", "items", "pattern", "minLength", "maxLength", "minimum", "maximum"}
    assert _keywords(load_schema("config")) <= common


def _keywords(schema: dict) -> set[str]:
    found = set(schema)
    for keyword in ("properties", "$defs"):
        for child in schema.get(keyword, {}).values():
            found |= _keywords(child)
    for keyword in ("additionalProperties", "items"):
        if isinstance(schema.get(keyword), dict):
            found |= _keywords(schema[keyword])
    return found


_CODES = st.sampled_from(["SOV", "SOV1", "SOV120", "ALL", "E501", "SOV1234", "", "sov1"])
_SCALARS = st.one_of(st.booleans(), st.integers(-1, 3), st.sampled_from(["", "x", "tests/*.py"]))
_VALUES = st.one_of(
    _SCALARS,
    st.lists(st.one_of(_CODES, _SCALARS), max_size=3),
    st.dictionaries(st.sampled_from(["tests/*.py", "a.b", "src/[ab].py", "x"]), st.lists(_CODES, max_size=2)),
    st.dictionaries(st.sampled_from(["select", "ignore", "unsafe", "annotate", "unsafe-fixes"]), _SCALARS),
)
_KEYS = st.sampled_from(
    ["select", "ignore", "per-file-ignores", "exclude", "max-file-size", "jobs", "cache", "target", "rewrite"]
    + ["adapter", "estimate", "selectt", "a.b"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _VALUES, max_size=3))
def test_the_verdict_and_the_key_agree_with_jsonschema(table):
    errors = list(jsonschema.Draft202012Validator(load_schema("config")).iter_errors(table))
    if not errors:
        settings_from_table(table)
        return
    with pytest.raises(ConfigError) as raised:
        settings_from_table(table)
    if len(errors) == 1:
        assert raised.value.key == _key_named_by(errors[0])


def _key_named_by(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return min(set(error.instance) - set(error.schema["properties"]))
    return ".".join(map(str, error.path))


_PROBE = """
import json, sys
from sovmigrate.cli import main
code = main(["scan", sys.argv[1], "--no-cache", "-q", "--output-format", "concise"])
print(json.dumps({"exit": code, "modules": sorted({"jsonschema", "fastjsonschema"} & set(sys.modules))}))
"""


def _scan_in_a_fresh_process(project: Path) -> tuple[dict, list[str], str]:
    command = [sys.executable, "-c", _PROBE, str(project)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    *lines, last = run.stdout.splitlines()
    return json.loads(last), lines, run.stderr


def test_a_configured_scan_does_not_import_jsonschema(tmp_path):
    # Where jsonschema's format extras are installed (our receipts extra, any Jupyter environment), importing it
    # takes ~1 s; every scan of a configured project paid that to validate a table of a dozen keys.
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sovmigrate]\nper-file-ignores = { "tests/*.py" = ["SOV1"] }\n'
    )
    for name in ("app.py", "tests/test_app.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("import vllm\n")
    outcome, lines, _ = _scan_in_a_fresh_process(tmp_path)
    assert outcome == {"exit": 1, "modules": ["fastjsonschema"]}
    assert [line.split(":")[0] for line in lines if "SOV120" in line] == ["app.py"]


def test_a_bad_table_still_stops_the_scan_with_one_line_naming_the_file(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.sovmigrate]\nper-file-ignores = { "tests/*.py" = ["E501"] }\n')
    (tmp_path / "app.py").write_text("import vllm\n")
    outcome, _, err = _scan_in_a_fresh_process(tmp_path)
    assert outcome == {"exit": 2, "modules": ["fastjsonschema"]}
    assert err == f"Error: {path}: [per-file-ignores.tests/*.py.0] 'E501' does not match {CODE_PATTERN}\n"
