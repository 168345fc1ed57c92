"""Manifests that list an engine gain sovmigrate with the backend's extra, written like their neighbours."""

from __future__ import annotations

import pytest

from sovmigrate.rewrite.manifests import add_sovmigrate

CASES = [
    pytest.param(
        "requirements",
        "llama-cpp-python==0.3.2\r\nrequests",
        ["llamacpp"],
        "llama-cpp-python==0.3.2\r\nrequests\r\nsovmigrate[llamacpp]>=0.1.0\r\n",
        id="requirements, CRLF, no final newline",
    ),
    pytest.param(
        "requirements",
        "llama-cpp-python\nsovmigrate[openai]>=0.1 ; python_version>'3.9'\n",
        ["llamacpp"],
        "llama-cpp-python\nsovmigrate[openai,llamacpp]>=0.1 ; python_version>'3.9'\n",
        id="requirements, extra merged",
    ),
    pytest.param(
        "setupcfg",
        "[options]\ninstall_requires =\n    groq>=0.9\n    click\n\n[options.extras_require]\nx = y\n",
        ["openai"],
        "[options]\ninstall_requires =\n    groq>=0.9\n    click\n    sovmigrate[openai]>=0.1.0\n\n[options.extras_require]\nx = y\n",
        id="setup.cfg, one per line",
    ),
    pytest.param(
        "setupcfg",
        "[options]\ninstall_requires = groq>=0.9; click\n",
        ["openai"],
        "[options]\ninstall_requires = groq>=0.9; click; sovmigrate[openai]>=0.1.0\n",
        id="setup.cfg, one line",
    ),
    pytest.param(
        "conda",
        "dependencies:\n  - pip\n  - pip:\n      - llama-cpp-python==0.3.2\n  - numpy\n",
        ["llamacpp"],
        "dependencies:\n  - pip\n  - pip:\n      - llama-cpp-python==0.3.2\n      - sovmigrate[llamacpp]>=0.1.0\n  - numpy\n",
        id="environment.yml with a pip list",
    ),
    pytest.param(
        "conda",
        "name: demo\ndependencies:\n  - python=3.11\n  - llama-cpp-python\n",
        ["llamacpp"],
        "name: demo\ndependencies:\n  - python=3.11\n  - llama-cpp-python\n  - pip\n  - pip:\n      - sovmigrate[llamacpp]>=0.1.0\n",
        id="environment.yml without one",
    ),
    pytest.param(
        "pyproject",
        '[project]\nname = "demo"\ndependencies = [\n    "ollama>=0.3",  # the client\n    "httpx",\n]\n\n[tool.x]\ny = 1\n',
        ["ollama"],
        '[project]\nname = "demo"\ndependencies = [\n    "ollama>=0.3",  # the client\n    "httpx",\n    "sovmigrate[ollama]>=0.1.0",\n]\n\n[tool.x]\ny = 1\n',
        id="PEP 621",
    ),
    pytest.param(
        "pyproject",
        '[project]\nname = "demo"\n[project.optional-dependencies]\nlocal = ["llama-cpp-python", "gguf"]\n',
        ["llamacpp"],
        '[project]\nname = "demo"\n[project.optional-dependencies]\nlocal = ["llama-cpp-python", "gguf", "sovmigrate[llamacpp]>=0.1.0"]\n',
        id="PEP 621 extra that holds the engine",
    ),
    pytest.param(
        "pyproject",
        '[tool.poetry.dependencies]\npython = "^3.11"\ntogether = "^1.2"\n\n[tool.x]\ny = 1\n',
        ["openai"],
        '[tool.poetry.dependencies]\npython = "^3.11"\ntogether = "^1.2"\nsovmigrate = {version = ">=0.1.0", extras = ["openai"]}\n\n[tool.x]\ny = 1\n',
        id="Poetry",
    ),
    pytest.param(
        "pyproject",
        '[tool.poetry.dependencies]\ntogether = "^1.2"\nsovmigrate = "^0.1"\n',
        ["openai"],
        '[tool.poetry.dependencies]\ntogether = "^1.2"\nsovmigrate = {version = "^0.1", extras = ["openai"]}\n',
        id="Poetry, pin kept",
    ),
    pytest.param(
        "pipfile",
        '[packages]\nvllm = "*"\n\n[requires]\npython_version = "3.11"\n',
        ["vllm"],
        '[packages]\nvllm = "*"\nsovmigrate = {version = ">=0.1.0", extras = ["vllm"]}\n\n[requires]\npython_version = "3.11"\n',
        id="Pipfile",
    ),
]


@pytest.mark.parametrize(("kind", "text", "extras", "expected"), CASES)
def test_sovmigrate_is_added_where_the_engine_is_declared(kind, text, extras, expected):
    assert add_sovmigrate(kind, text, extras) == expected
    assert add_sovmigrate(kind, expected, extras) == expected  # a second run adds nothing


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("pyproject", '[project]\nname = "demo"\ndependencies = ["httpx"]\n'),
        ("pyproject", '[build-system]\nrequires = ["setuptools", "transformers"]\n'),
        ("setupcfg", "[metadata]\nname = demo\n"),
        ("conda", "name: demo\n"),
    ],
)
def test_a_manifest_without_an_engine_dependency_is_left_alone(kind, text):
    assert add_sovmigrate(kind, text, ["llamacpp"]) == text
