"""Bad files become error entries naming the file; the scan of everything else completes."""

from __future__ import annotations

import os

import pytest

from tests.scan.helpers import scan_paths

GOOD = "from llama_cpp import Llama\nllm = Llama(model_path=p)\n"


def _errors(result):
    return {(e.path, e.code) for e in result.errors}


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "good.py").write_text(GOOD)
    return tmp_path


def test_syntax_error_is_reported_with_position_and_the_rest_is_scanned(tree):
    (tree / "broken.py").write_text("import vllm\ndef f(:\n    pass\n")
    result = scan_paths(tree)
    [error] = result.errors
    assert (error.path, error.code, error.line) == ("broken.py", "SOV901", 2)
    assert {f.path for f in result.findings} == {"good.py"}


def test_python2_file_gets_a_hint(tree):
    (tree / "old.py").write_text('import llama_cpp\nprint "hello"\n')
    [error] = scan_paths(tree).errors
    assert error.code == "SOV901" and "Python 2" in error.message


def test_undecodable_bytes(tree):
    (tree / "latin.py").write_bytes(b"import vllm\nname = '\xe9t\xe9'\n")
    result = scan_paths(tree)
    assert _errors(result) == {("latin.py", "SOV902")}
    assert "good.py" in {f.path for f in result.findings}


def test_pep263_cookie_is_honoured_and_columns_count_characters(tree):
    source = (
        "# -*- coding: latin-1 -*-\nname = 'caf\xe9'; llm = __import__('x'); m = 'meta-llama/Llama-2-7b-hf'\n"
    )
    (tree / "cookie.py").write_bytes(source.encode("latin-1"))
    result = scan_paths(tree / "cookie.py")
    assert result.errors == []
    [finding] = result.findings
    assert finding.rule == "SOV501"
    assert finding.column == source.splitlines()[1].index("'meta-llama") + 1


def test_nul_bytes(tree):
    (tree / "blob.py").write_bytes(b"import vllm\x00\x01\x02")
    assert _errors(scan_paths(tree)) == {("blob.py", "SOV905")}


def test_huge_file_is_skipped_and_reported(tree):
    (tree / "huge.py").write_text("import vllm\n" + "x = 1\n" * 2000)
    result = scan_paths(tree, max_file_size=1000)
    assert _errors(result) == {("huge.py", "SOV903")}
    assert "over the 1000-byte limit" in result.errors[0].message


def test_broken_symlink_and_symlink_loop(tree):
    os.symlink(tree / "missing.py", tree / "dangling.py")
    os.symlink(tree / "loop.py", tree / "loop.py")
    result = scan_paths(tree)
    messages = {e.path: e.message for e in result.errors}
    assert "broken symlink" in messages["dangling.py"]
    assert messages["loop.py"] == "symlink loop"
    assert {f.path for f in result.findings} == {"good.py"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tree):
    path = tree / "secret.py"
    path.write_text(GOOD)
    path.chmod(0)
    assert _errors(scan_paths(tree)) == {("secret.py", "SOV904")}


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    result = scan_paths(tmp_path / "nope")
    assert [(e.code, e.message) for e in result.errors] == [("SOV904", "no such file or directory")]


def test_malformed_pyproject_still_reports_dependencies(tree):
    (tree / "pyproject.toml").write_text('[project]\ndependencies = ["vllm",\n')
    result = scan_paths(tree)
    assert ("pyproject.toml", "SOV906") in _errors(result)
    assert ("pyproject.toml", "SOV800") in {(f.path, f.rule) for f in result.findings}


def test_deeply_nested_code_does_not_crash(tree):
    (tree / "deep.py").write_text("import vllm\nx = " + "(" * 3000 + ")" * 3000 + "\n")
    result = scan_paths(tree)
    assert all(e.code in ("SOV901", "SOV900") for e in result.errors)
    assert "good.py" in {f.path for f in result.findings}
