"""Notebooks: code cells rewritten in place; magics, outputs, metadata, other cells and the JSON layout kept."""

from __future__ import annotations

import json

from sovmigrate.config import Settings
from sovmigrate.rewrite.runner import rewrite
from tests.rewrite.sample_codemods import SAMPLES


def notebook(*cells: dict, indent: int = 1) -> str:
    document = {
        "cells": list(cells),
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=indent, sort_keys=True, ensure_ascii=False) + "\n"


def code(source, number: int, outputs: list | None = None, **metadata) -> dict:
    return {
        "cell_type": "code",
        "execution_count": number,
        "id": f"c{number}",
        "metadata": metadata,
        "outputs": outputs or [],
        "source": source,
    }


def run(path, **options):
    return rewrite(path, codemods=SAMPLES, settings=Settings(cache=False), **options)


def test_code_cells_are_rewritten_in_place_and_nothing_else_moves(tmp_path):
    output = {"name": "stdout", "output_type": "stream", "text": ['llm("Q")\n']}
    original = notebook(
        {"cell_type": "markdown", "metadata": {}, "source": ["# Llama demo\n", "Uses `llama_cpp`."]},
        code(["%pip install llama-cpp-python\n", "from llama_cpp import Llama"], 1, tags=["setup"]),
        code(
            ['llm = Llama(model_path="m.gguf")\n', 'out = llm("Q: héllo", max_tokens=8)\n', "print(out)"],
            2,
            [output],
        ),
        code("print(1)", 3),
        code(["%%bash\n", "echo llama"], 4),
        code(
            ["for i in range(2):\n", "    !echo {i}\n", "    r = llm.create_chat_completion(messages=[])"], 5
        ),
    )
    path = tmp_path / "demo.ipynb"
    path.write_text(original, encoding="utf-8")
    result = run(tmp_path, annotate=True)

    expected = (
        original.replace(
            '    "%pip install llama-cpp-python\\n",\n    "from llama_cpp import Llama"\n',
            '    "from sample_adapter import complete, load\\n",\n    "\\n",\n    "%pip install llama-cpp-python"\n',
        )
        .replace(
            '    "llm = Llama(model_path=\\"m.gguf\\")\\n",', '    "llm = load(model_path=\\"m.gguf\\")\\n",'
        )
        .replace(
            '"out = llm(\\"Q: héllo\\", max_tokens=8)\\n"',
            '"out = complete(llm, \\"Q: héllo\\", max_tokens=8)\\n"',
        )
        .replace(
            '    "    !echo {i}\\n",\n',
            '    "    !echo {i}\\n",\n    "    # sovmigrate: TODO(SOV103): chat completions are not handled by the sample codemod\\n",\n',
        )
    )
    assert expected != original
    assert path.read_text(encoding="utf-8") == expected
    [file] = result.files
    assert [(o.cell, o.line, o.column, o.rule, o.applied) for o in file.outcomes] == [
        (3, 1, 7, "SOV101", True),
        (3, 2, 7, "SOV102", True),
        (6, 3, 9, "SOV103", False),
    ]
    assert file.diff.startswith("--- a/demo.ipynb:cell 2\n+++ b/demo.ipynb:cell 2\n")
    assert "--- a/demo.ipynb:cell 3\n" in file.diff and "cell 4" not in file.diff


def test_a_source_written_as_one_string_stays_one_string(tmp_path):
    original = notebook(code("from llama_cpp import Llama\nllm = Llama('m.gguf')\n", 1), indent=2)
    path = tmp_path / "one.ipynb"
    path.write_text(original)
    run(tmp_path)
    expected = original.replace(
        '"source": "from llama_cpp import Llama\\nllm = Llama(\'m.gguf\')\\n"',
        '"source": "from sample_adapter import load\\n\\nllm = load(\'m.gguf\')\\n"',
    )
    assert expected != original and path.read_text() == expected


def test_cells_that_do_not_parse_together_leave_the_notebook_alone(tmp_path):
    original = notebook(
        code(["from llama_cpp import Llama\n", "llm = Llama('m.gguf')"], 1), code(["def broken(:\n"], 2)
    )
    path = tmp_path / "bad.ipynb"
    path.write_text(original)
    result = run(tmp_path)
    assert path.read_text() == original
    [file] = result.files
    assert file.status == "error" and file.error.startswith("SOV901 invalid syntax")
