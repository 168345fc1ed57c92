"""A real Llama Stack server (llama-stack 0.2.12) in front of ``python -m llama_cpp.server`` on the tiny model.

The server runs its ``remote::vllm`` inference provider (an OpenAI-compatible client) against the llama.cpp server,
with the tiny model registered as ``tiny``; it serves both the legacy ``/v1/inference/*`` API and the
OpenAI-compatible ``/v1/openai/v1/*`` routes. Between the two sits a recording proxy (``upstream.requests``: what
reached llama.cpp), which also joins the text parts the provider makes of every message's content: llama.cpp's
server refuses parts in a system message, and joined parts are the same text.

    with LlamaStack(llama_server_url) as stack:
        LlamaStackClient(base_url=stack.url).inference.chat_completion(model_id="tiny", messages=m)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

import pytest

from tests.adapter.conftest import free_port
from tests.codemods.hosted.proxy import RecordingProxy

MODEL = "tiny"
RUN_YAML = """\
version: '2'
image_name: sovmigrate-tests
apis: [inference]
providers:
  inference:
  - provider_id: llamacpp
    provider_type: remote::vllm
    config: {{url: "{upstream}", api_token: none, tls_verify: false}}
metadata_store: {{type: sqlite, db_path: "{root}/registry.db"}}
models:
- {{model_id: {model}, provider_id: llamacpp, provider_model_id: {model}, model_type: llm, metadata: {{}}}}
server: {{host: 127.0.0.1}}
"""


def join_text_parts(body: dict[str, Any]) -> dict[str, Any]:
    """Content given as text parts only, as one string (the same text)."""
    for message in body.get("messages") or ():
        parts = message.get("content")
        if isinstance(parts, list) and all(isinstance(p, dict) and p.get("type") == "text" for p in parts):
            message["content"] = "".join(p["text"] for p in parts)
    return body


class LlamaStack:
    """Start the server on a free loopback port (``url``); ``upstream`` records what it sends llama.cpp."""

    def __init__(self, llama_cpp_server: str) -> None:
        self.upstream = RecordingProxy(llama_cpp_server, adjust=join_text_parts)
        self._root = tempfile.TemporaryDirectory(prefix="llama-stack-")
        self._process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def __enter__(self) -> Self:
        self.upstream.__enter__()
        root = Path(self._root.name)
        port = free_port()
        config = root / "run.yaml"
        config.write_text(
            RUN_YAML.format(upstream=f"{self.upstream.url}/v1", root=root, model=MODEL, port=port)
        )
        log = (root / "server.log").open("wb")
        env = {**os.environ, "LLAMA_STACK_CONFIG_DIR": str(root)}
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_stack.distribution.server.server",
                "--config",
                str(config),
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.url = f"http://127.0.0.1:{port}"
        self._wait(root / "server.log")
        return self

    def _wait(self, log: Path) -> None:
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                break
            try:
                if httpx.get(f"{self.url}/v1/models", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        output = log.read_text(errors="replace")[-3000:]
        self.__exit__()
        raise RuntimeError(f"the Llama Stack server did not start:\n{output}")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        self.upstream.__exit__()
        self._root.cleanup()


@pytest.fixture(scope="session")
def llama_stack(llama_server: str) -> Iterator[LlamaStack]:
    """The Llama Stack server on loopback, in front of the llama.cpp server (skips without llama-stack).

    ``llama_server`` comes from tests/adapter/conftest.py (modules elsewhere import it with this fixture)."""
    pytest.importorskip("llama_stack", reason="llama-stack is not installed: run .ci/steps/55-llama-sdks.sh")
    pytest.importorskip(
        "llama_stack_client", reason="llama-stack-client is not installed: run .ci/steps/55-llama-sdks.sh"
    )
    with LlamaStack(llama_server) as stack:
        yield stack
