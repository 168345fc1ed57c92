"""Differential proof on a real server: each vendor SDK program and its rewritten form, run as subprocesses
against ``python -m llama_cpp.server`` on the tiny model (through a recording proxy that accepts every vendor's
URL layout), print the same greedy answers and send the server the same requests.

Each SDK's base URL comes from an environment variable (the SDK's own, or the program's), as in production
code; the rewritten program reads the same variable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sovmigrate
from tests.adapter.conftest import gguf, llama_server, tiny  # noqa: F401  (session fixtures)
from tests.codemods.hosted.proxy import RecordingProxy

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

PROGRAMS = Path(__file__).parent / "programs"
# program -> (the SDK module it needs, its environment, vendor import gone after the rewrite, (rule, fixed) counts)
VENDORS: dict[str, tuple[str, dict[str, str], str, dict[str, int]]] = {
    "openai_sdk.py": ("openai", {"LLAMA_SERVER_URL": "{url}/v1"}, "openai", {"SOV210": 2, "SOV211": 5}),
    "together_sdk.py": (
        "together",
        {"TOGETHER_BASE_URL": "{url}", "TOGETHER_API_KEY": "test-key"},
        "together",
        {"SOV320": 1, "SOV321": 3},
    ),
    "groq_sdk.py": (
        "groq",
        {"GROQ_BASE_URL": "{url}", "GROQ_API_KEY": "test-key"},
        "groq",
        {"SOV330": 2, "SOV331": 2},
    ),
    "fireworks_sdk.py": (
        "fireworks",
        {"FIREWORKS_BASE_URL": "{url}", "FIREWORKS_API_KEY": "test-key"},
        "fireworks",
        {"SOV340": 1, "SOV341": 2},
    ),
    "huggingface_sdk.py": (
        "huggingface_hub",
        {"TGI_URL": "{url}", "HF_TOKEN": "hf_test"},
        "huggingface_hub",
        {"SOV220": 1, "SOV221": 2},
    ),
}


def run(program: Path, upstream: str, env: dict[str, str]) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    """The program's output and the requests it sent (path, body as the server reads it)."""
    with RecordingProxy(upstream) as proxy:
        environment = {**os.environ, **{k: v.format(url=proxy.url) for k, v in env.items()}}
        # InferenceClient refuses every URL in hub offline mode, loopback too; these programs reach only the proxy.
        environment.pop("HF_HUB_OFFLINE", None)
        done = subprocess.run(
            [sys.executable, str(program)],
            capture_output=True,
            text=True,
            timeout=300,
            env=environment,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout, [(path, _as_read(body)) for path, body in proxy.requests]


def _as_read(body: dict[str, Any]) -> dict[str, Any]:
    """A request as an OpenAI-compatible server reads it: ``"stream": false`` is no stream, a str input a list of one."""
    body = {k: v for k, v in body.items() if not (k == "stream" and v is False)}
    if isinstance(body.get("input"), str):
        body["input"] = [body["input"]]
    return body


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vendor-programs")
    for program in PROGRAMS.glob("*.py"):
        shutil.copy(program, root / program.name)
    return root


@pytest.mark.parametrize("program", sorted(VENDORS))
def test_the_rewritten_program_prints_and_sends_what_the_vendor_sdk_did(
    program: str,
    rewritten: Path,
    llama_server: str,  # noqa: F811
) -> None:
    module, env, vendor, fixed = VENDORS[program]
    pytest.importorskip(module, reason=f"{module} is not installed: run .ci/steps/50-hosted-sdks.sh")
    result = sovmigrate.rewrite([rewritten / program], root=rewritten)
    assert {(o.safety.value, o.applied) for o in result.outcomes} == {("safe", True)}
    assert {rule: counts.fixed for rule, counts in result.counts_by_rule.items()} == fixed
    new = (rewritten / program).read_text(encoding="utf-8")
    assert "from sovmigrate.adapter import connect" in new
    assert f"import {vendor}" not in new and f"from {vendor} " not in new
    before, sent_before = run(PROGRAMS / program, llama_server, env)
    after, sent_after = run(rewritten / program, llama_server, env)
    assert before.count("\n") >= 2
    assert after == before
    assert sent_after == sent_before
