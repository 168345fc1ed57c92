"""A non-editable install ships every data file, and keeps codemods/tokenizer maps inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("sovmigrate-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_schemas_catalogs_and_maps(wheel_names):
    schemas = {p.name for p in (REPO / "sovmigrate" / "schemas").glob("*.json")}
    assert {"findings.v1.json", "sarif.v1.json", "config.v1.json"} <= schemas
    assert {f"sovmigrate/schemas/{name}" for name in schemas} <= wheel_names
    maps = {f"sovmigrate/tokenizer_maps/{p.name}" for p in (REPO / "tokenizer_maps").glob("*.json")}
    assert maps and maps <= wheel_names
    data = {f"sovmigrate/data/{p.name}" for p in (REPO / "sovmigrate" / "data").glob("*.json")}
    assert data and data <= wheel_names
    assert "sovmigrate/codemods/__init__.py" in wheel_names


def test_wheel_puts_no_generic_top_level_module(wheel_names):
    top_level = {name.split("/")[0] for name in wheel_names}
    assert {t for t in top_level if not t.endswith(".dist-info")} == {"sovmigrate"}


def test_wheel_ships_every_module(wheel_names):
    modules = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "sovmigrate").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    codemods = {f"sovmigrate/codemods/{p.name}" for p in (REPO / "codemods").glob("*.py")}
    assert modules | codemods <= wheel_names
