"""Fixtures for the framework integration tests: the adapter's tiny model and loopback servers, the frameworks.

The tiny model, llama-cpp-python's own ``Llama`` (the reference every answer is compared with), the
``llama_cpp.server`` and the Ollama stand-in come from tests/adapter/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import ChatModel, connect
from tests.adapter.conftest import (  # noqa: F401 - fixtures used by the tests in this folder
    N_CTX,
    fake_ollama,
    gguf,
    llama_direct,
    llama_server,
    need,
    serve_llama_cpp,
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
    need("httpx", "openai")
    need("uvicorn", "llamacpp")
    with serve_llama_cpp(gguf, "--chat_format", "chatml-function-calling") as base:
        yield base
