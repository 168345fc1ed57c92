"""Notebooks are scanned like source files: cells, magics, cross-cell names, malformed files."""

from __future__ import annotations

import json

import pytest

from sovmigrate.report import renderer
from sovmigrate.report.json_report import findings_document
from sovmigrate.report.sarif import sarif_document
from sovmigrate.schemas import validate
from tests.conftest import CACHE, require_fixture
from tests.scan.helpers import scan_paths


def notebook(*cells: tuple[str, str], **top) -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": kind,
                "metadata": {},
                "source": source.splitlines(keepends=True),
                **({"outputs": [], "execution_count": None} if kind == "code" else {}),
            }
            for kind, source in cells
        ],
        **top,
    }


def scan_notebook(tmp_path, nb: dict | str | bytes, **settings):
    path = tmp_path / "nb.ipynb"
    if isinstance(nb, dict):
        nb = json.dumps(nb)
    path.write_bytes(nb if isinstance(nb, bytes) else nb.encode())
    return scan_paths(path, **settings)


def where(result) -> list[tuple[int, int, int, str]]:
    return [(f.cell, f.line, f.column, f.rule) for f in result.findings]


def test_names_flow_across_cells(tmp_path):
    result = scan_notebook(
        tmp_path,
        notebook(
            ("markdown", "# Setup"),
            ("code", "from llama_cpp import Llama"),
            ("code", "x = 1\nllm = Llama(model_path=path)"),
            ("markdown", "Now ask"),
            ("code", "out = llm.create_chat_completion(messages=msgs)"),
        ),
    )
    assert where(result) == [(2, 1, 1, "SOV100"), (3, 2, 7, "SOV101"), (5, 1, 7, "SOV103")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("%pip install -q llama-cpp-python==0.3.2 requests", [(1, 17, "SOV800")]),
        ("!pip install vllm 'ollama>=0.3'", [(1, 14, "SOV800"), (1, 20, "SOV800")]),
        ("!ollama pull llama3.1:8b", [(1, 2, "SOV851"), (1, 14, "SOV852")]),
        ("%%bash\nvllm serve Qwen/Qwen2.5-7B-Instruct", [(2, 1, "SOV851"), (2, 12, "SOV854")]),
        ("%%time\nimport vllm", [(2, 1, "SOV120")]),
        ("%%html\n<p>import vllm</p>", []),
        ("for x in xs:\n    !echo {x}\nimport ollama", [(3, 1, "SOV200")]),
        ("files = !ls\nllm?\nimport ollama", [(3, 1, "SOV200")]),
        ("%matplotlib inline\nimport transformers", [(2, 1, "SOV140")]),
        ("!pip install requests", []),
        (
            "!pip install --upgrade \\\n  requests \\\n  llama-cpp-python\nimport ollama",
            [(3, 3, "SOV800"), (4, 1, "SOV200")],
        ),
    ],
    ids=[
        "pip-magic",
        "shell-pip",
        "shell-engine",
        "bash-cell",
        "python-cell-magic",
        "html-cell",
        "indented-escape",
        "assign-and-help",
        "line-magic",
        "unrelated-install",
        "continued-install",
    ],
)
def test_magics_never_break_parsing_and_engine_magics_are_findings(tmp_path, source, expected):
    result = scan_notebook(tmp_path, notebook(("code", source)))
    assert result.errors == []
    assert [(f.line, f.column, f.rule) for f in result.findings] == expected
    assert {f.cell for f in result.findings} <= {1}


def test_outputs_are_not_code_and_markdown_only_on_request(tmp_path):
    nb = notebook(
        ("markdown", "We use meta-llama/Llama-3.1-8B-Instruct with [INST] tags."), ("code", "print(1)")
    )
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["import vllm\n"]}]
    assert scan_notebook(tmp_path, nb).findings == []
    noted = scan_notebook(tmp_path, nb, notebook_markdown=True).findings
    assert [(f.cell, f.rule, f.api, f.level) for f in noted] == [
        (1, "SOV501", "meta-llama/Llama-3.1-8B-Instruct", "note"),
        (1, "SOV520", "[INST]", "note"),
    ]


def test_text_json_and_sarif_carry_the_cell(tmp_path):
    result = scan_notebook(tmp_path, notebook(("markdown", "x"), ("code", "a = 1\nimport vllm")))
    assert renderer("concise")(result) == "nb.ipynb:cell 2:2:1: SOV120 `vllm` imports vLLM\n"
    document = findings_document(result)
    validate(document, "findings", 2)
    assert document["findings"][0]["cell"] == 2
    sarif = sarif_document(result)
    validate(sarif, "sarif")
    assert sarif["runs"][0]["results"][0]["properties"]["cell"] == 2


def test_a_cell_with_a_syntax_error_does_not_hide_the_others(tmp_path):
    result = scan_notebook(
        tmp_path, notebook(("code", "import vllm"), ("code", "def broken(:"), ("code", "import ollama"))
    )
    assert [(e.cell, e.code) for e in result.errors] == [(2, "SOV901")]
    assert [(f.cell, f.rule) for f in result.findings] == [(1, "SOV120"), (3, "SOV200")]


def test_suppression_inside_a_cell(tmp_path):
    result = scan_notebook(
        tmp_path, notebook(("code", "import vllm  # sovmigrate: ignore[SOV120]\nimport ollama"))
    )
    assert [f.rule for f in result.findings] == ["SOV200"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"cells": [', "not valid notebook JSON"),
        (
            json.dumps({"nbformat": 3, "worksheets": [{"cells": []}], "metadata": {}}).encode(),
            "nbformat 3 notebook is not supported",
        ),
        (b'["import vllm"]', "not a Jupyter notebook"),
        (json.dumps({"nbformat": 4, "metadata": {}}).encode(), "no 'cells' list"),
    ],
    ids=["invalid-json", "nbformat-3", "not-an-object", "no-cells"],
)
def test_malformed_notebooks_are_reported_and_the_scan_goes_on(tmp_path, content, message):
    (tmp_path / "good.py").write_text("import vllm\n")
    (tmp_path / "bad.ipynb").write_bytes(content)
    result = scan_paths(tmp_path)
    [error] = result.errors
    assert (error.path, error.code) == ("bad.ipynb", "SOV906") and message in error.message
    assert [f.path for f in result.findings] == ["good.py"]


def test_missing_source_names_the_cell(tmp_path):
    nb = notebook(("code", "import vllm"), ("code", "import ollama"))
    del nb["cells"][0]["source"]
    result = scan_notebook(tmp_path, nb)
    assert [(e.cell, e.code) for e in result.errors] == [(1, "SOV906")]
    assert [(f.cell, f.rule) for f in result.findings] == [(2, "SOV200")]


def test_huge_notebook_is_reported(tmp_path):
    nb = notebook(("code", "import vllm"))
    nb["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x" * 5000]}]
    result = scan_notebook(tmp_path, nb, max_file_size=2000)
    assert [e.code for e in result.errors] == ["SOV903"]


@pytest.mark.fixtures
def test_real_notebooks_from_llama_cpp_python():
    root = require_fixture(
        CACHE / "scan" / "llama-cpp-python" / "examples" / "notebooks", "python .ci/scan_fixtures.py"
    )
    result = scan_paths(root)
    assert [e for e in result.errors if e.code == "SOV900"] == []
    found = {(f.path, f.cell, f.line, f.rule) for f in result.findings}
    # Clients.ipynb, cell 1: `openai.api_base = "http://100.64.159.73:8000/v1"` then `openai.Completion.create(...)`.
    assert {("Clients.ipynb", 1, 4, "SOV210"), ("Clients.ipynb", 1, 6, "SOV211")} <= found
    # Functions.ipynb: the client from cell 2 is patched by instructor in cell 4 and called there.
    assert ("Functions.ipynb", 4, 13, "SOV211") in found
    # OpenHermesFunctionCalling.ipynb: `llama = llama_cpp.Llama(...)` in cell 5, used in cell 6.
    assert {
        ("OpenHermesFunctionCalling.ipynb", 5, 3, "SOV101"),
        ("OpenHermesFunctionCalling.ipynb", 6, 10, "SOV102"),
    } <= found
