"""Use after close (issue 13, item 1): a clear ClosedError on every backend, never a crash; closing twice is harmless.

llama.cpp freed its model on close() and the next call read freed memory (exit 139), so the llama.cpp cases run
in a subprocess, where a segfault is a failed assertion instead of a dead test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sovmigrate.adapter import ChatModel, ClosedError, connect
from tests.adapter.conftest import MESSAGES, N_CTX, PROMPT

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

REPO = Path(__file__).resolve().parents[2]

CALLS = {
    "chat": lambda m: m.chat(MESSAGES, max_tokens=2),
    "complete": lambda m: m.complete(PROMPT, max_tokens=2),
    "stream_chat": lambda m: m.stream_chat(MESSAGES, max_tokens=2),
    "stream_complete": lambda m: m.stream_complete(PROMPT, max_tokens=2),
    "count_tokens": lambda m: m.count_tokens("hi"),
    "tokenize": lambda m: m.tokenize("hi"),
    "detokenize": lambda m: m.detokenize([1]),
    "embed": lambda m: m.embed("hi"),
    "embeddings": lambda m: m.embeddings("hi"),
}

SCRIPT = """
import asyncio, sys
from sovmigrate.adapter import connect, ClosedError
from tests.adapter.conftest import MESSAGES, PROMPT
from tests.adapter.test_lifetime import CALLS

m = connect(sys.argv[1], n_ctx={n_ctx}, embedding=True)
{setup}
m.close()
m.close()  # twice: harmless
for name, call in [*CALLS.items(), ("achat", lambda m: asyncio.run(m.achat(MESSAGES)))]:
    try:
        call(m)
    except ClosedError as exc:
        print(name, "ClosedError", exc)
    else:
        print(name, "no error")
"""


def run_script(gguf: str, setup: str = "", tail: str = "") -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(SCRIPT).format(n_ctx=N_CTX, setup=setup) + textwrap.dedent(tail)
    return subprocess.run(
        [sys.executable, "-c", code, f"llamacpp:{gguf}"],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_llamacpp_use_after_close_is_a_closed_error_not_a_crash(gguf: str) -> None:
    out = run_script(gguf)
    assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-2000:]}"
    lines = out.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[name, "ClosedError"] for name in [*CALLS, "achat"]]
    assert "was closed (close() or the end of its `with` block); connect again" in lines[0]


def test_llamacpp_stream_left_open_raises_at_its_next_chunk(gguf: str) -> None:
    """close() ends the engine's stream before freeing the engine; reading the stream on is a ClosedError."""
    tail = """
        try:
            next(s)
        except Exception as exc:
            print("stream", type(exc).__name__)
    """
    out = run_script(gguf, setup="s = m.stream_complete(PROMPT, max_tokens=8); next(s)", tail=tail)
    assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-2000:]}"
    assert out.stdout.splitlines()[-1] == "stream ClosedError"


def test_with_block_closes_and_reports(gguf: str) -> None:
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX) as m:
        assert not m.closed
    assert m.closed and "closed" in repr(m)
    with pytest.raises(ClosedError, match="connect again"):
        m.count_tokens("hi")
    with pytest.raises(ClosedError):
        m.__enter__()  # a closed model cannot be re-entered


def closed_everywhere(m: ChatModel) -> None:
    m.close()
    m.close()
    for name, call in CALLS.items():
        with pytest.raises(ClosedError, match="was closed"):
            call(m)
        assert name


def test_transformers_use_after_close(hf_dir: str) -> None:
    closed_everywhere(connect(f"transformers:{hf_dir}"))


def test_http_backends_use_after_close(llama_server: str, fake_ollama: Any) -> None:
    closed_everywhere(connect("openai:tiny", base_url=llama_server))
    closed_everywhere(connect("ollama:tiny:latest", host=fake_ollama.url))
