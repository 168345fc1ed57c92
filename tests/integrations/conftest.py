"""Fixtures for the framework integration tests: the adapter's tiny model and loopback servers, the frameworks.

The tiny model, llama-cpp-python's own ``Llama`` (the reference every answer is compared with), the
``llama_cpp.server`` and the Ollama stand-in come from tests/adapter/conftest.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import ChatModel, connect
from tests.adapter.conftest import (  # noqa: F401 - fixtures used by the tests in this folder
    N_CTX,
    fake_ollama,
    free_port,
    gguf,
    llama_direct,
    llama_server,
    need,
    tiny,
)

GREEDY = {"temperature": 0, "max_tokens": 12}


@pytest.fixture(scope="session")
def tiny_model(gguf: str) -> Iterator[ChatModel]:  # noqa: F811 - the session fixture imported above
    """The adapter's connection to the tiny GGUF (one for the session: loading takes a second)."""
    with connect(default=f"llamacpp:{gguf}", n_ctx=N_CTX) as model:
        yield model


@pytest.fixture(scope="session")
def tiny_embedder(gguf: str) -> Iterator[ChatModel]:  # noqa: F811 - the session fixture imported above
    with connect(default=f"llamacpp:{gguf}", name="embedder", n_ctx=N_CTX, embedding=True) as model:
        yield model


@pytest.fixture(scope="session")
def llama_embedder(gguf: str) -> Iterator[Any]:  # noqa: F811 - the session fixture imported above
    """llama-cpp-python embedding the tiny model with mean pooling (the adapter's default for embeddings)."""
    import llama_cpp

    llm = llama_cpp.Llama(
        model_path=gguf,
        n_ctx=N_CTX,
        embedding=True,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
        verbose=False,
    )
    yield llm
    llm.close()


@pytest.fixture(scope="session")
def tool_server(gguf: str) -> Iterator[str]:  # noqa: F811 - the session fixture imported above
    """``llama_cpp.server`` with the function-calling chat format (grammar-forced tool calls); its base URL."""
    need("uvicorn", "llamacpp")
    import httpx

    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", gguf, "--model_alias", "tiny"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(N_CTX)]
    command += ["--chat_format", "chatml-function-calling"]
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
