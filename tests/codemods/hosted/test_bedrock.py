"""Bedrock rewrites, proven without reaching Bedrock: the program and its rewritten form run against a loopback
endpoint that answers the four operations with recorded response shapes (tests/adapter/test_bedrock.py's, AWS's
event-stream framing for the streams); both must print the same and send the same requests. botocore
serialises and signs the requests in both runs, as it would for Bedrock.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from unittest import mock
from urllib.parse import unquote

import pytest

import sovmigrate
from tests.adapter.test_bedrock import CONVERSE, CONVERSE_EVENTS, LLAMA, LLAMA_CHUNKS, frame
from tests.loopback import serve
from tests.rewrite.helpers import dedent, rewrite_snippet

PROGRAM = Path(__file__).parent / "programs" / "bedrock_app.py"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": ""}


class Bedrock(BaseHTTPRequestHandler):
    """Answers Converse, InvokeModel and both streams with Bedrock's recorded shapes; keeps each request."""

    seen: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        path = unquote(self.path)
        Bedrock.seen.append((path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
        if path.endswith("/converse-stream"):
            data, kind = (
                b"".join(frame(k, p) for k, p in CONVERSE_EVENTS),
                "application/vnd.amazon.eventstream",
            )
        elif path.endswith("/invoke-with-response-stream"):
            chunks = [{"bytes": base64.b64encode(json.dumps(c).encode()).decode()} for c in LLAMA_CHUNKS]
            data, kind = b"".join(frame("chunk", c) for c in chunks), "application/vnd.amazon.eventstream"
        else:
            data, kind = (
                json.dumps(CONVERSE if path.endswith("/converse") else LLAMA).encode(),
                "application/json",
            )
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    pytest.importorskip("boto3", reason="boto3 is not installed: pip install 'sovmigrate[bedrock]'")
    Bedrock.seen = []
    with serve(Bedrock) as url:
        yield url


def run(program: Path, endpoint: str) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    Bedrock.seen = []
    env = {**os.environ, **CREDENTIALS, "BEDROCK_ENDPOINT_URL": endpoint}
    done = subprocess.run(
        [sys.executable, str(program)], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, list(Bedrock.seen)


def test_the_rewritten_program_prints_and_sends_what_boto3_did(endpoint: str, tmp_path: Path) -> None:
    program = tmp_path / PROGRAM.name
    shutil.copy(PROGRAM, program)
    result = sovmigrate.rewrite([program], root=tmp_path, unsafe=True)
    assert sorted((o.rule, o.safety.value, o.applied) for o in result.outcomes) == [
        ("SOV301", "safe", True),
        ("SOV301", "unsafe", True),  # the streamed InvokeModel: see below
        ("SOV302", "safe", True),
        ("SOV302", "safe", True),
        ("SOV521", "manual", False),  # the hand-built Llama 3 prompt ends without the assistant header
    ]
    new = program.read_text(encoding="utf-8")
    assert new.count('connect(default=f"bedrock:{MODEL_ID}", client=client') == 4
    before, sent_before = run(PROGRAM, endpoint)
    after, sent_after = run(program, endpoint)
    assert "answer: Hello there." in before and "chunk: ' over' length" in before
    # The one difference, and the unsafe reason: the adapter's stream ends with its own stop chunk.
    assert after.replace("chunk: ' over' None\nchunk: '' length", "chunk: ' over' length") == before
    assert sent_after == sent_before
    assert [path.rsplit("/", 1)[-1] for path, _ in sent_before] == [
        "converse",
        "invoke",
        "converse-stream",
        "invoke-with-response-stream",
    ]


def load(path: Path) -> ModuleType:
    """Import a program (ours, not scanned code) without running its __main__ part."""
    spec = importlib.util.spec_from_file_location(f"bedrock_program_{id(path)}", path)
    module = importlib.util.module_from_spec(spec)
    env = {k: v for k, v in os.environ.items() if k != "BEDROCK_ENDPOINT_URL"}
    with mock.patch.dict(os.environ, {**env, **CREDENTIALS}, clear=True):
        spec.loader.exec_module(module)
    return module


def test_stubbed_client_receives_the_same_requests_and_the_answers_read_the_same(tmp_path: Path) -> None:
    """botocore's Stubber on the program's own client: each request is checked against the one the original
    made (and against the service model), and the recorded answers are read back the same way."""
    stub_module = pytest.importorskip(
        "botocore.stub", reason="boto3 is not installed: pip install 'sovmigrate[bedrock]'"
    )
    program = tmp_path / PROGRAM.name
    shutil.copy(PROGRAM, program)
    sovmigrate.rewrite([program], root=tmp_path)
    converse = {
        "modelId": "meta.llama3-8b-instruct-v1:0",
        "messages": [{"role": "user", "content": [{"text": "Say hello"}]}],
        "system": [{"text": "You are terse."}],
        "inferenceConfig": {"maxTokens": 64, "temperature": 0.5, "topP": 0.9},
    }
    answers = []
    for path in (PROGRAM, program):
        module = load(path)
        with stub_module.Stubber(module.client) as stub:
            stub.add_response("converse", CONVERSE, converse)
            # (the body's JSON keys come in another order; test_the_rewritten_program... compares its content)
            stub.add_response(
                "invoke_model",
                {"body": _body(LLAMA), "contentType": "application/json"},
                {"modelId": "meta.llama3-8b-instruct-v1:0", "body": stub_module.ANY},
            )
            answers.append((module.ask("Say hello"), module.generate("The quick brown fox")))
            stub.assert_no_pending_responses()
    assert answers[1] == answers[0] == ("Hello there.", (" jumps over", "stop"))


def _body(payload: dict[str, Any]) -> Any:
    from botocore.response import StreamingBody

    data = json.dumps(payload).encode()
    return StreamingBody(io.BytesIO(data), len(data))


def test_converse_turns_and_config_become_messages_and_neutral_parameters() -> None:
    out = rewrite_snippet(
        """
        import boto3

        client = boto3.client("bedrock-runtime")
        system = [{"text": "Be brief."}]
        r = client.converse(
            modelId="meta.llama3-8b-instruct-v1:0",
            messages=[
                {"role": "user", "content": [{"text": "Hi"}]},
                {"role": "assistant", "content": [{"text": "Hello!"}]},
                {"role": "user", "content": [{"text": q}]},
            ],
            system=system,
            inferenceConfig={"maxTokens": 32, "stopSequences": ["\\n"]},
        )
        print(r["output"]["message"]["content"][0]["text"])
        """,
        __import__("sovmigrate.codemods.bedrock", fromlist=["BedrockCodemod"]).BedrockCodemod,
    )
    assert out.summary() == [(5, "SOV302", "safe", True)]
    assert (
        dedent(
            """
        r = views.bedrock_converse(connect(default="bedrock:meta.llama3-8b-instruct-v1:0", client=client, param_defaults="engine").chat([
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Hello!"},
                {"role": "user", "content": q},
            ], max_tokens=32, stop=["\\n"]))
        """
        )
        in out.code
    )


@pytest.mark.parametrize(
    ("call", "reason"),
    [
        ("client.converse(modelId=m, messages=msgs)", "not list literals"),
        (
            'client.converse(modelId=m, messages=[{"role": "user", "content": [{"image": img}]}])',
            "other than plain text",
        ),
        (
            "client.converse(modelId=m, messages=[], toolConfig=tools)",
            "`toolConfig=` has no adapter equivalent",
        ),
        (
            'client.invoke_model(modelId=m, body=json.dumps({"prompt": p, "max_tokens": 5}))',
            "not Meta Llama's",
        ),
        (
            'client.invoke_model(modelId=m, body=json.dumps({"prompt": p}))',
            "cannot tell the body is Meta Llama's",
        ),
        ("client.invoke_model(modelId=m, body=payload)", "not `json.dumps(...)`"),
        ("client.apply_guardrail(guardrailIdentifier=g)", ""),
    ],
)
def test_what_stays_manual(call: str, reason: str) -> None:
    from sovmigrate.codemods.bedrock import BedrockCodemod

    source = f'import json\nimport boto3\n\nclient = boto3.client("bedrock-runtime")\nr = {call}\n'
    out = rewrite_snippet(source, BedrockCodemod, unsafe=True, annotate=True)
    assert all(o.safety.value == "manual" for o in out.outcomes)
    assert all(reason in o.reason for o in out.outcomes)
    assert out.code == source if not out.outcomes else "# sovmigrate: TODO(SOV30" in out.code


def test_a_response_read_beyond_the_view_makes_the_fix_unsafe() -> None:
    from sovmigrate.codemods.bedrock import BedrockCodemod

    source = dedent(
        """
        import boto3

        client = boto3.client("bedrock-runtime")
        r = client.converse(modelId="meta.llama3-8b-instruct-v1:0", messages=[{"role": "user", "content": [{"text": q}]}])
        print(r["ResponseMetadata"]["RequestId"])
        """
    )
    out = rewrite_snippet(source, BedrockCodemod)
    assert out.code == source
    assert [(o.safety.value, o.applied) for o in out.outcomes] == [("unsafe", False)]
    assert "ResponseMetadata" in out.outcomes[0].reason
