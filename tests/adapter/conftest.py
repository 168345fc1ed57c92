"""Fixtures for the adapter tests: the tiny model, direct engine handles and loopback servers.

Everything runs offline: the vocab GGUF was extracted by .ci/steps/20-engines.sh, and the tiny model is built
from it once (tests/adapter/tinymodel.py). Engine tests skip, with the reason, only when the engine package is
missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.adapter import tinymodel
from tests.conftest import CACHE, require_fixture

FIXTURES = CACHE / "adapter"
MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hello"}]
PROMPT = "The quick brown fox"
N_CTX = 256

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # model hubs are never reached; this makes it explicit


def need(module: str, extra: str) -> Any:
    """Import an engine or skip: the only reason an engine test may skip."""
    return pytest.importorskip(module, reason=f"{module} is not installed: pip install 'sovmigrate[{extra}]'")


def spm_text(tok: Any, ids: list[int]) -> str:
    """The text llama.cpp gives for these ids: SentencePiece pieces with '▁' as a space, byte pieces as bytes,
    invalid UTF-8 dropped."""
    out = b"".join(
        bytes([int(p[3:5], 16)]) if p.startswith("<0x") and len(p) == 6 else p.replace("\u2581", " ").encode()
        for p in tok.convert_ids_to_tokens(ids)
    )
    return out.decode("utf-8", errors="ignore")


@pytest.fixture(scope="session")
def tiny() -> tuple[Path, Path]:
    """``(gguf_path, hf_dir)`` of the tiny random llama model (built once, cached under .fixtures/)."""
    pytest.importorskip(
        "gguf", reason="gguf, the GGUF writer the tiny model needs, is not installed: pip install gguf"
    )
    require_fixture(FIXTURES / tinymodel.VOCAB_NAME, ".ci/steps/20-engines.sh")
    return tinymodel.build(FIXTURES)


@pytest.fixture(scope="session")
def gguf(tiny: tuple[Path, Path]) -> str:
    need("llama_cpp", "llamacpp")
    return str(tiny[0])


@pytest.fixture(scope="session")
def hf_dir(tiny: tuple[Path, Path]) -> str:
    need("torch", "transformers")
    need("transformers", "transformers")
    return str(tiny[1])


@pytest.fixture(scope="session")
def llama_direct(gguf: str) -> Iterator[Any]:
    """llama-cpp-python's own ``Llama`` on the tiny model: the reference the adapter must match."""
    import llama_cpp

    llm = llama_cpp.Llama(model_path=gguf, n_ctx=N_CTX, seed=0, verbose=False)
    yield llm
    llm.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_llama_cpp(gguf: str, *options: str) -> Iterator[str]:
    """``python -m llama_cpp.server`` on the tiny model on loopback, with extra ``options``; its OpenAI base URL."""
    import httpx

    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", gguf, "--model_alias", "tiny"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(N_CTX), *options]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not answer within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def llama_server(gguf: str) -> Iterator[str]:
    """``python -m llama_cpp.server`` on loopback; yields its OpenAI base URL."""
    need("httpx", "openai")
    need("uvicorn", "llamacpp")  # the [server] extra of llama-cpp-python
    with serve_llama_cpp(gguf) as base:
        yield base


@pytest.fixture(scope="session")
def fake_ollama(gguf: str) -> Iterator[Any]:
    """The Ollama stand-in (llama.cpp behind Ollama's API) on loopback; see fake_ollama.py."""
    need("httpx", "ollama")
    from tests.adapter.fake_ollama import FakeOllama

    with FakeOllama(gguf) as server:
        yield server
