"""Differential proof for Meta's Llama API client and Llama Stack's legacy inference API: a program written against
each SDK (its server's address from the environment) and its rewritten form, run as subprocesses against
``python -m llama_cpp.server`` on the tiny model, print the same greedy answers, and the model server receives the
same requests.

- Llama API: the program talks Llama API's own protocol to a stand-in (llama_api_stand_in.py: llama.cpp behind
  Llama API's endpoint and answer shapes, since Llama API cannot be reached from here); the rewritten program
  talks to the stand-in's OpenAI-compatible ``/compat/v1``.
- Llama Stack: a real Llama Stack 0.2.12 server in front of llama.cpp (tests/adapter/llama_stack_server.py); the
  program uses the legacy ``/v1/inference/*`` API, the rewritten one the OpenAI-compatible ``/v1/openai/v1``. What
  llama.cpp receives is the same, the greedy sampling the legacy API defaults to (``temperature`` 0) included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sovmigrate.codemods import hosted

import sovmigrate
from tests.adapter.conftest import gguf, llama_server, tiny  # noqa: F401  (session fixtures)
from tests.adapter.llama_stack_server import LlamaStack, llama_stack  # noqa: F401  (a session fixture)
from tests.codemods.hosted.llama_api_stand_in import LlamaApiStandIn

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

PROGRAMS = Path(__file__).parent / "programs"
STEP = "run .ci/steps/55-llama-sdks.sh"


def run(program: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, str(program)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def as_read(requests: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The bodies as the model server reads them: ``"stream": false`` is no stream."""
    return [{k: v for k, v in body.items() if not (k == "stream" and v is False)} for _, body in requests]


def rewritten(program: str, tmp_path: Path, unsafe: bool) -> tuple[Path, Any]:
    shutil.copy(PROGRAMS / program, tmp_path / program)
    result = sovmigrate.rewrite([tmp_path / program], root=tmp_path, unsafe=unsafe)
    return tmp_path / program, result


def test_llama_api_program_prints_and_sends_what_the_sdk_did(
    tmp_path: Path,
    llama_server: str,  # noqa: F811
) -> None:
    pytest.importorskip("llama_api_client", reason=f"llama-api-client is not installed: {STEP}")
    after, result = rewritten("llama_api_sdk.py", tmp_path, unsafe=False)
    assert {(o.safety.value, o.applied) for o in result.outcomes} == {("safe", True)}
    assert {rule: c.fixed for rule, c in result.counts_by_rule.items()} == {"SOV360": 2, "SOV361": 3}
    new = after.read_text(encoding="utf-8")
    assert "llama_api_client" not in new and new.count("views.llama_api_chat_stream(") == 2
    with LlamaApiStandIn(llama_server) as api:
        env = {"LLAMA_API_CLIENT_BASE_URL": f"{api.url}/v1", "LLAMA_API_KEY": "test-key"}
        before = run(PROGRAMS / "llama_api_sdk.py", env)
        sent_before, api.requests[:] = list(api.requests), []
        assert run(after, env) == before
    assert before.count("event: progress") >= 2 and "event: complete '' length" in before
    assert {path for path, _ in sent_before} == {"/v1/chat/completions"}
    assert {path for path, _ in api.requests} == {"/compat/v1/chat/completions"}
    assert as_read(api.requests) == as_read(sent_before)


def test_llama_stack_legacy_program_prints_and_sends_what_the_sdk_did(
    tmp_path: Path,
    llama_stack: LlamaStack,  # noqa: F811
) -> None:
    after, result = rewritten("llama_stack_sdk.py", tmp_path, unsafe=True)
    assert {(o.safety.value, o.applied) for o in result.outcomes} == {("unsafe", True)}
    assert hosted.LEGACY_ROUTES in result.outcomes[0].reason
    assert {rule: c.fixed for rule, c in result.counts_by_rule.items()} == {"SOV370": 2, "SOV371": 3}
    new = after.read_text(encoding="utf-8")
    assert "llama_stack_client" not in new and new.count("temperature=0") == 3
    env = {"LLAMA_STACK_URL": llama_stack.url}
    llama_stack.upstream.requests.clear()
    before = run(PROGRAMS / "llama_stack_sdk.py", env)
    sent_before = list(llama_stack.upstream.requests)
    llama_stack.upstream.requests.clear()
    assert run(after, env) == before
    assert before.count("event: progress") >= 1 and "event: complete ''" in before
    assert [body["temperature"] for body in as_read(sent_before)] == [0.0, 0.0, 0.0]  # greedy by default
    assert as_read(llama_stack.upstream.requests) == as_read(sent_before)
