"""Differential proof against the Ollama stand-in (llama.cpp behind Ollama's API, tests/adapter/fake_ollama.py):
programs written against the ollama client and the same programs after ``sovmigrate rewrite`` print the same
thing, and the server receives the same requests, so its own sampling defaults still apply.

Each run gets a fresh stand-in: the server samples with its default temperature where a program sets none, and
a fresh server starts from the same random state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sovmigrate
from tests.adapter.conftest import gguf, need, tiny  # noqa: F401  (session fixtures: the tiny model)

PROGRAMS = Path(__file__).parent / "programs"


def run(program: Path, model: str) -> tuple[str, list[tuple[str, dict]]]:
    """The program's output and the requests the stand-in received."""
    from tests.adapter.fake_ollama import FakeOllama

    with FakeOllama(model) as server:
        env = {**os.environ, "OLLAMA_HOST": server.url}
        done = subprocess.run(
            [sys.executable, str(program), server.url],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout, [(path, _same_meaning(body)) for path, body in server.requests]


def _same_meaning(body: dict) -> dict:
    """A request as Ollama reads it: the client's ``"tools": []`` is no tools, and /api/embed reads a str input
    as a list of one (the adapter always sends a list)."""
    body = {k: v for k, v in body.items() if not (k == "tools" and v == [])}
    if isinstance(body.get("input"), str):
        body["input"] = [body["input"]]
    return body


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("ollama", "ollama")
    root = tmp_path_factory.mktemp("ollama-programs")
    for program in PROGRAMS.glob("*.py"):
        shutil.copy(program, root / program.name)
    safe = sovmigrate.rewrite([root / "native.py"], root=root)
    assert {(o.safety.value, o.applied) for o in safe.outcomes} == {("safe", True)}
    assert safe.counts_by_rule["SOV201"].fixed == 2 and safe.counts_by_rule["SOV202"].fixed == 7
    unsafe = sovmigrate.rewrite([root / "streaming.py"], root=root, unsafe=True)
    # Streams are safe; the templated generate is the one unsafe fix (and its absence blocks nothing else).
    assert sorted((o.rule, o.safety.value, o.applied) for o in unsafe.outcomes) == [
        ("SOV201", "safe", True),
        *[("SOV202", "safe", True)] * 3,
        ("SOV202", "unsafe", True),
    ]
    return root


def test_safe_rewrite_prints_and_sends_what_the_original_did(rewritten: Path, gguf: str) -> None:  # noqa: F811
    new = (rewritten / "native.py").read_text(encoding="utf-8")
    assert "from sovmigrate.adapter import connect, views" in new
    assert "import ollama" not in new and "from ollama" not in new
    before, sent_before = run(PROGRAMS / "native.py", gguf)
    after, sent_after = run(rewritten / "native.py", gguf)
    assert after == before
    assert sent_after == sent_before  # no option the server did not get before: its defaults still apply


def test_streams_and_the_unsafe_templated_generate_print_the_same(rewritten: Path, gguf: str) -> None:  # noqa: F811
    before, sent_before = run(PROGRAMS / "streaming.py", gguf)
    after, sent_after = run(rewritten / "streaming.py", gguf)
    assert after == before
    # The templated generate is the one request that changes: a user message through the chat template.
    changed = [(b, a) for b, a in zip(sent_before, sent_after, strict=True) if b != a]
    assert [(b[0], a[0]) for b, a in changed] == [("/api/generate", "/api/chat")]
    assert changed[0][1][1]["messages"] == [{"role": "user", "content": changed[0][0][1]["prompt"]}]


def test_without_unsafe_the_templated_generate_is_listed_not_changed(tmp_path: Path) -> None:
    program = tmp_path / "streaming.py"
    shutil.copy(PROGRAMS / "streaming.py", program)
    result = sovmigrate.rewrite([program], root=tmp_path)
    assert "templated = generate(" in program.read_text(encoding="utf-8")
    assert result.counts.skipped_unsafe == 1 and result.counts.fixed == 4
    assert ["TEMPLATE" in o.reason for o in result.outcomes if not o.applied] == [True]
