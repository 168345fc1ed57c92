"""The effort model file: defaults, overrides from pyproject.toml and --model-file, and clear errors."""

from __future__ import annotations

import json

import pytest

from sovmigrate.cli import main
from sovmigrate.errors import ConfigError
from sovmigrate.estimate import estimate
from sovmigrate.estimate.model import load_model


def project(tmp_path, table: str = "") -> None:
    (tmp_path / "app.py").write_text("import ollama\nollama.chat(model='llama3.1:8b', messages=[])\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n" + table)


def test_the_default_model_is_valid_and_every_driver_is_explained():
    model = load_model()
    assert model.layers == ("default",)
    for driver in model.drivers.values():
        assert driver.label and driver.basis in "VSA"
        assert driver.hours.o <= driver.hours.m <= driver.hours.p


def test_pyproject_overrides_unit_costs_team_and_inputs(tmp_path):
    project(tmp_path)
    before = estimate(tmp_path)
    project(
        tmp_path,
        "[tool.sovmigrate.estimate]\nhours-per-week = 35\n"
        "[tool.sovmigrate.estimate.drivers.call-site-manual]\nhours = [1, 3, 8]\n"
        "[tool.sovmigrate.estimate.team]\nengineers = 1\n"
        "[tool.sovmigrate.estimate.project]\nsafety-filters = 2\n",
    )
    after = estimate(tmp_path)
    assert after.model.hours_per_week == 35
    assert after.counted["safety-filter"].count == 2
    assert after.counted["call-site-manual"].driver.hours.m == 3
    assert after.effort.total.mean > before.effort.total.mean
    assert after.calendar.engineers == 1
    assert not any("safety-filters" in a for a in after.assumptions)  # set by the user, so no longer assumed


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_model_file_wins_over_pyproject(tmp_path, suffix):
    project(tmp_path, "[tool.sovmigrate.estimate.team]\nengineers = 5\n")
    model_file = tmp_path / f"model{suffix}"
    data = {"team": {"engineers": 2, "allocation": 0.5, "max-per-workstream": 1}}
    if suffix == ".json":
        model_file.write_text(json.dumps(data))
    else:
        model_file.write_text("[team]\nengineers = 2\nallocation = 0.5\nmax-per-workstream = 1\n")
    result = estimate(tmp_path, model_file=model_file)
    assert (result.calendar.engineers, result.calendar.allocation) == (2, 0.5)
    assert result.model.layers[-1] == str(model_file)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("[drivers.discovery]\nhours = [10, 5, 30]\n", "drivers.discovery.hours"),
        ("[team]\nengineerz = 3\n", "team.engineerz"),
        ("[project]\neval-harness = 'some'\n", "project.eval-harness"),
        ("[drivers.discovery]\nworkstream = 'nowhere'\n", "drivers.discovery.workstream"),
        ("correlation = 2\n", "correlation"),
    ],
)
def test_a_bad_model_file_is_one_clear_line_naming_the_file_and_key(tmp_path, capsys, content, key):
    project(tmp_path)
    model_file = tmp_path / "effort.toml"
    model_file.write_text(content)
    with pytest.raises(ConfigError) as raised:
        load_model(model_file=model_file)
    assert str(model_file) in str(raised.value) and f"[{key}]" in str(raised.value)
    assert main(["estimate", str(tmp_path), "--model-file", str(model_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and key in err


@pytest.mark.parametrize(
    ("content", "key", "message"),
    [
        ("[drivers.discovery]\nhours = [10, 20]\n", "drivers.discovery.hours", "[10, 20] is too short"),
        (
            "[drivers.discovery]\nhours = [1, 2, 'x']\n",
            "drivers.discovery.hours.2",
            "'x' is not of type 'number'",
        ),
        ("[team]\nengineerz = 3\n", "team.engineerz", "unknown key"),
        ("extra = 1\n", "extra", "unknown key"),
        ("correlation = 2\n", "correlation", "2 is greater than the maximum of 1"),
        ("version = 2\n", "version", "1 was expected"),
        ("hours-per-week = 0\n", "hours-per-week", "0 is less than or equal to the minimum of 0"),
        ("[team]\nengineers = true\n", "team.engineers", "True is not of type 'integer'"),
        (
            "[project]\neval-harness = -1\n",
            "project.eval-harness",
            "-1 is not valid under any of the given schemas",
        ),
        (
            "[drivers.discovery]\ncount = 'nope'\n",
            "drivers.discovery.count",
            (
                "'nope' is not one of ['fixed', 'sites', 'vendors', 'models', 'model-files', 'files', 'input', "
                "'target-licence']"
            ),
        ),
        (
            "[drivers.new-one]\nworkstream = 'discovery'\nlabel = 'x'\ncount = 'fixed'\nhours = [1, 2, 3]\n",
            "drivers.new-one",
            "'basis' is a required property",
        ),
        (
            (
                "[drivers.Bad_Name]\nworkstream = 'discovery'\nlabel = 'x'\ncount = 'fixed'\nhours = [1, 2, 3]\n"
                "basis = 'A'\n"
            ),
            "drivers",
            "'Bad_Name' does not match '^[a-z0-9][a-z0-9-]*$'",
        ),
        (
            "[drivers.discovery]\nrules = ['E1']\n",
            "drivers.discovery.rules.0",
            "'E1' does not match '^SOV[0-9]{3}$'",
        ),
        ("[factors.x]\n", "factors.x", "{} should be non-empty"),
        (
            "[workstreams.discovery]\nfactors = ['a', 'a']\n",
            "workstreams.discovery.factors",
            "['a', 'a'] has non-unique elements",
        ),
    ],
)
def test_a_schema_error_is_worded_as_jsonschema_words_it(tmp_path, content, key, message):
    # The model is checked with fastjsonschema (jsonschema costs ~1 s to import where its format extras are
    # installed); these are the messages jsonschema gave, kept word for word.
    model_file = tmp_path / "effort.toml"
    model_file.write_text(content)
    with pytest.raises(ConfigError) as raised:
        load_model(model_file=model_file)
    assert str(raised.value) == f"effort model ({model_file}): [{key}] {message}"


def test_a_missing_or_unparsable_model_file_is_a_usage_error(tmp_path, capsys):
    project(tmp_path)
    assert main(["estimate", str(tmp_path), "--model-file", str(tmp_path / "nope.toml")]) == 2
    assert "model file not found" in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text("[team\n")
    assert main(["estimate", str(tmp_path), "--model-file", str(broken)]) == 2
    assert "broken.toml" in capsys.readouterr().err


def test_a_missing_tokenizer_names_the_command_that_brings_it():
    from sovmigrate.estimate.target import fetch_hint

    shipped = fetch_hint("llama-3", "llama-3", "mistral-tekken")
    assert "`sovmigrate tokens fetch llama-3`" in shipped and "llama-models" in shipped
    not_shipped = fetch_hint("gemma-3", "llama-3", "gemma-3")
    assert "no registry package ships it" in not_shipped
    assert "`sovmigrate tokens check --source llama-3 --target gemma-3 --download`" in not_shipped
