"""The guarantees of every rewrite, checked over the sample codemods and over the catalog's own codemods.

Files without a fixable finding stay byte for byte (and are not even rewritten in place); encoding,
BOM, line endings, indentation, the final newline and ``__future__`` imports survive; a second run
changes nothing; output always parses; a change is only ever made where a finding is.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import libcst as cst
import pytest

from sovmigrate.config import Settings
from sovmigrate.rewrite.registry import catalog_codemods
from sovmigrate.rewrite.runner import rewrite
from sovmigrate.rewrite.transform import Options, transform_source
from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.runner import scan
from tests.conftest import FIXTURES, REPO
from tests.rewrite.conftest import VENDOR, VENDOR_REWRITTEN
from tests.rewrite.sample_codemods import SAMPLES, SampleLlamaCodemod

CODEMOD_SETS = [pytest.param(SAMPLES, id="samples")]
if catalog_codemods():
    CODEMOD_SETS.append(pytest.param(catalog_codemods(), id="catalog"))


def run(paths, codemods, **options):
    return rewrite(paths, codemods=codemods, settings=Settings(cache=False, jobs=1), **options)


def transformed(data: bytes, codemods, *, unsafe: bool = True) -> bytes:
    codes = frozenset(code for codemod in codemods for code in codemod.RULES)
    result = transform_source(data, codemods, Options(codes, unsafe=unsafe, annotate=unsafe), "module.py")
    assert result.error is None, result.error
    assert result.data != data, "the codemods were expected to rewrite this source"
    return result.data


# ---------------------------------------------------------------- untouched files


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_files_without_a_fixable_finding_are_not_touched_at_all(tmp_path, codemods):
    (tmp_path / "app.py").write_text(VENDOR)
    untouched = {
        "plain.py": b"x = 1\n",
        "comment_only.py": b"# we moved off llama_cpp last year\nimport os\n",
        "only_a_model_id.py": b'MODEL = "meta-llama/Llama-3.1-8B-Instruct"\r\n',
        "latin1.py": "# -*- coding: latin-1 -*-\nname = 'Llama café'\n".encode("latin-1"),
        "broken.py": b"from llama_cpp import Llama\nllm = Llama(\n",
        "notebook.ipynb": b'{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["print(1)"]}],'
        b' "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
        "requirements-dev.txt": b"pytest\n",
    }
    for name, data in untouched.items():
        (tmp_path / name).write_bytes(data)
    before = {name: os.stat(tmp_path / name) for name in untouched}
    result = run(tmp_path, codemods, unsafe=True, annotate=True)
    assert [f.path for f in result.changed] == ["app.py"]
    for name, data in untouched.items():
        after = os.stat(tmp_path / name)
        assert (tmp_path / name).read_bytes() == data, name
        assert (after.st_ino, after.st_mtime_ns) == (before[name].st_ino, before[name].st_mtime_ns), name


# ---------------------------------------------------------------- what survives a rewrite


def test_the_sample_rewrite_keeps_every_byte_it_does_not_change():
    crlf = VENDOR.replace("\n", "\r\n").encode()
    assert transformed(crlf, SAMPLES, unsafe=False) == VENDOR_REWRITTEN.replace("\n", "\r\n").encode()
    assert (
        transformed(b"\xef\xbb\xbf" + VENDOR.encode(), SAMPLES, unsafe=False)
        == b"\xef\xbb\xbf" + VENDOR_REWRITTEN.encode()
    )
    assert (
        transformed(VENDOR.rstrip("\n").encode(), SAMPLES, unsafe=False)
        == VENDOR_REWRITTEN.rstrip("\n").encode()
    )


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_byte_order_mark_survives(codemods):
    out = transformed(b"\xef\xbb\xbf" + VENDOR.encode(), codemods)
    assert out.startswith(b"\xef\xbb\xbf") and out.count(b"\xef\xbb\xbf") == 1


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_crlf_line_endings_survive(codemods):
    out = transformed(VENDOR.replace("\n", "\r\n").encode(), codemods)
    assert b"\r\n" in out and re.search(rb"(?<!\r)\n", out) is None


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_tab_indentation_survives(codemods):
    source = "def main():\n" + "".join(f"\t{line}\n" for line in VENDOR.splitlines() if line) + "x = 1\n"
    out = transformed(source.encode(), codemods).decode()
    indented = [line for line in out.splitlines() if line[:1].isspace()]
    assert indented and all(line.startswith("\t") and not line.startswith("\t ") for line in indented)


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_a_missing_final_newline_stays_missing(codemods):
    out = transformed(VENDOR.rstrip("\n").encode(), codemods)
    assert not out.endswith(b"\n")


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_an_encoding_cookie_and_its_encoding_survive(codemods):
    source = "# -*- coding: latin-1 -*-\n" + VENDOR + "greeting = 'héllo'\n"
    out = transformed(source.encode("latin-1"), codemods)
    assert out.startswith(b"# -*- coding: latin-1 -*-\n") and b"greeting = 'h\xe9llo'\n" in out
    assert "héllo" in out.decode("latin-1")


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_future_imports_stay_first(codemods):
    source = '"""Module doc."""\nfrom __future__ import annotations\n\n' + VENDOR
    tree = ast.parse(transformed(source.encode(), codemods))
    assert isinstance(tree.body[0], ast.Expr)
    assert isinstance(tree.body[1], ast.ImportFrom) and tree.body[1].module == "__future__"


# ---------------------------------------------------------------- idempotence, parsing, locality

CORPORA = {
    "rule fixtures": FIXTURES / "rules",
    "legacy chatbot example": REPO / "examples" / "legacy-chatbot",
}


@pytest.fixture(params=sorted(CORPORA), scope="module")
def corpus(request, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("corpus") / "tree"
    shutil.copytree(CORPORA[request.param], copy)
    return copy


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_a_second_run_changes_nothing_and_every_output_parses(corpus, codemods, tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(corpus, tree)
    first = run(tree, codemods, unsafe=True, annotate=True)
    assert not [
        f
        for f in first.files
        if f.status == "error" and f.kind == "python" and not f.error.startswith("SOV9")
    ]
    for path in tree.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    second = run(tree, codemods, unsafe=True, annotate=True, dry_run=True)
    assert second.changed == [], [f.diff for f in second.changed]


@pytest.mark.parametrize("codemods", CODEMOD_SETS)
def test_every_changed_line_is_a_site_an_import_or_a_todo(corpus, codemods):
    findings = scan([corpus], Settings(cache=False, jobs=1)).findings
    result = run(corpus, codemods, unsafe=True, annotate=True, dry_run=True)
    assert result.changed
    for file in result.changed:
        if file.kind != "python":
            continue
        # A site of the codemod's rules, or a call the rewrite of such a site carries along (`llm.n_ctx()`, SOV107,
        # becomes `llm.capabilities.max_context` with the SOV101 engine it is called on).
        sites = [(f.line, f.end_line) for f in findings if f.path == file.path]
        old_imports = _import_lines((corpus / file.path).read_bytes())
        new_imports = _import_lines(file.data)
        for removed, added in _hunks(file.diff):
            for number, text in removed:
                assert not text.strip() or number in old_imports or any(a <= number <= b for a, b in sites), (
                    file.path,
                    number,
                    text,
                )
            if not removed:
                for number, text in added:
                    assert (
                        not text.strip()
                        or number in new_imports
                        or text.lstrip().startswith("# sovmigrate: TODO(")
                    ), (file.path, number, text)


def _import_lines(source: bytes) -> set[int]:
    """Lines of import statements anywhere, a function's own imports included (a codemod removes those too)."""
    return {
        n
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for n in range(node.lineno, node.end_lineno + 1)
    }


def _hunks(diff: str):
    """Per hunk of a unified diff: removed lines with their old numbers, added lines with their new numbers."""
    for hunk in re.split(r"^@@ ", diff, flags=re.MULTILINE)[1:]:
        header, *body = hunk.splitlines()
        old, new = (int(n) for n in re.match(r"-(\d+)(?:,\d+)? \+(\d+)", header).groups())
        removed, added = [], []
        for line in body:
            if line.startswith("-"):
                removed.append((old, line[1:]))
                old += 1
            elif line.startswith("+"):
                added.append((new, line[1:]))
                new += 1
            elif not line.startswith("\\"):
                old, new = old + 1, new + 1
        yield removed, added


# ---------------------------------------------------------------- the runner keeps bad output away


class Breaking(SampleLlamaCodemod):
    """Calls ``lambda(...)`` instead of ``Llama(...)``: libcst prints it, CPython refuses it."""

    def plan(self) -> None:
        for site, rule in self.call_sites("SOV101"):
            if self.fix(site.node, rule, FixSafety.SAFE):
                self.replace(site.node, lambda call: call.with_changes(func=cst.Name(self.name)))

    name = "lambda"


class Crashing(Breaking):
    name = "not valid"


def test_a_fix_that_breaks_syntax_is_not_written(tmp_path):
    (tmp_path / "app.py").write_text(VENDOR)
    result = run(tmp_path, (Breaking,))
    assert (tmp_path / "app.py").read_text() == VENDOR
    [file] = result.files
    assert file.status == "error" and file.error == "fix introduced a syntax error; left as it is"
    assert [(o.rule, o.safety.value, o.applied) for o in file.outcomes if o.rule == "SOV101"] == [
        ("SOV101", "manual", False)
    ]


def test_a_codemod_that_crashes_leaves_the_file_alone_and_the_run_goes_on(tmp_path):
    (tmp_path / "app.py").write_text(VENDOR)
    (tmp_path / "chat.py").write_text("import ollama\nollama.chat(model='m')\n")
    result = run(tmp_path, (Crashing, SAMPLES[1]))
    assert (tmp_path / "app.py").read_text() == VENDOR
    assert (tmp_path / "chat.py").read_text() == "from sample_adapter import chat\n\nchat(model='m')\n"
    errors = {f.path: f.error for f in result.errors}
    assert errors == {
        "app.py": "Crashing failed: CSTValidationError: Name 'not valid' is not a valid identifier."
    }
