"""The fast import edits write what libcst's own AddImportsVisitor and RemoveImportsVisitor write."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from sovmigrate.codemods._imports import add_imports, remove_unused_imports

MODULES = [
    "",
    '"""Doc."""\n',
    '"""Doc."""\nimport os\n\nx = 1\n',
    "import os\n# a comment about x\nx = 1\n",
    "import os\n\n# a comment about x\nx = 1\n",
    "from sovmigrate.adapter import Completion\nx = 1\n",
    "__strict__ = True\nimport os\n",
    "from __future__ import annotations\nimport os\nx = 1\n",
    "x = 1\nimport os\n",
    "from sovmigrate.adapter import *\nx = 1\n",
    "from sovmigrate.adapter import connect\nx = 1\n",
    "import os\r\nx = 1\r\n",
]
WANTED = [
    {"sovmigrate.adapter": {("connect", None)}},
    {"sovmigrate.adapter": {("connect", "adapter_connect"), ("ChatModel", None)}, "json": {("dumps", None)}},
]


@pytest.mark.parametrize("source", MODULES)
@pytest.mark.parametrize("wanted", WANTED, ids=["one name", "names, alias, two modules"])
def test_adding_imports_matches_libcst(source, wanted):
    module = cst.parse_module(source)
    context = CodemodContext()
    for name, items in wanted.items():
        for obj, alias in items:
            AddImportsVisitor.add_needed_import(context, name, obj, alias)
    expected = AddImportsVisitor(context).transform_module(module).code
    assert add_imports(module, wanted).code == expected


REMOVALS = [
    ("from llama_cpp import Llama\nx = 1\n", ("llama_cpp", "Llama", None)),
    ("from llama_cpp import Llama, LlamaGrammar\ng = LlamaGrammar\n", ("llama_cpp", "Llama", None)),
    (
        "from llama_cpp import (\n    Llama,  # the model\n    LlamaGrammar,\n)\ng = LlamaGrammar\n",
        ("llama_cpp", "Llama", None),
    ),
    (
        "from llama_cpp import (\n    LlamaGrammar,  # grammars\n    Llama,  # the model\n)\ng = LlamaGrammar\n",
        ("llama_cpp", "Llama", None),
    ),
    (
        "from llama_cpp import (  # engine\n    Llama,\n    # more\n    LlamaGrammar,\n)\ng = LlamaGrammar\n",
        ("llama_cpp", "Llama", None),
    ),
    ("import llama_cpp\nimport os\nos.sep\n", ("llama_cpp", None, None)),
    ("import os, llama_cpp\nos.sep\n", ("llama_cpp", None, None)),
    ("import llama_cpp as lc\n", ("llama_cpp", None, "lc")),
    ("from llama_cpp import Llama as L\nL\n", ("llama_cpp", "Llama", "L")),
    ("def f():\n    from llama_cpp import Llama\n    return 1\n", ("llama_cpp", "Llama", None)),
    ('__all__ = ["Llama"]\nfrom llama_cpp import Llama\n', ("llama_cpp", "Llama", None)),
    ("from llama_cpp import Llama\nx: 'Llama' = None\n", ("llama_cpp", "Llama", None)),
]


@pytest.mark.parametrize(("source", "candidate"), REMOVALS)
def test_removing_imports_matches_libcst(source, candidate):
    module = cst.parse_module(source)
    expected = RemoveImportsVisitor(CodemodContext(), [candidate]).transform_module(module).code
    assert remove_unused_imports(module, [candidate]).code == expected


def test_a_name_that_is_only_shadowed_keeps_its_import():
    """Where scope analysis would see a local shadowing the import, the name scan keeps the import: safe."""
    source = "from llama_cpp import Llama\ndef f(Llama):\n    return Llama\n"
    assert remove_unused_imports(cst.parse_module(source), [("llama_cpp", "Llama", None)]).code == source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from __future__ import annotations\n\nimport ollama\nimport requests\n\nx = requests\n",
            "from __future__ import annotations\n\nimport requests\n\nx = requests\n",
            id="group kept apart",
        ),
        pytest.param(
            '"""Doc."""\n\nimport ollama\n\nx = 1\n', '"""Doc."""\n\nx = 1\n', id="no doubled blank line"
        ),
        pytest.param(
            "import os\n\n# the engine\nimport ollama\nx = os\n",
            "import os\n\nx = os\n",
            id="its comment goes with it",
        ),
    ],
)
def test_blank_lines_above_a_removed_import_stay(source, expected):
    """Where libcst drops them with the statement (its comment lines go, as in libcst)."""
    assert remove_unused_imports(cst.parse_module(source), [("ollama", None, None)]).code == expected
