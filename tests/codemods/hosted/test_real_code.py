"""The hosted, Bedrock and prompt codemods on real code from registry packages, none of it written here: the
vendors' own examples (together, openai, llama-stack-client via .ci/steps/50-hosted-sdks.sh; groq, the Meta Llama
API client, llama-cpp-python via .ci/scan_fixtures.py) and library code (langchain-community, langchain-huggingface,
llama-models, llama-index, openllm via the evaluation corpus).

Every output parses (the runner refuses anything else, so no file may end in error), a second run over the
rewritten files changes nothing, and the outcomes per rule are asserted. The counts were checked by reading the
files: each safe fix is a client built in the file whose every call is a chat/completion/embedding with one literal
model; each manual site has its reason asserted below where it is the point of the case.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sovmigrate.codemods import hosted
from sovmigrate.codemods.bedrock import BedrockCodemod
from sovmigrate.codemods.openai_compat import OpenAICompatCodemod
from sovmigrate.codemods.prompts import PromptsCodemod

import sovmigrate
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures

CODEMODS = [
    OpenAICompatCodemod,
    hosted.TogetherCodemod,
    hosted.GroqCodemod,
    hosted.FireworksCodemod,
    hosted.HuggingFaceCodemod,
    hosted.LlamaApiCodemod,
    hosted.LlamaStackCodemod,
    hosted.ReplicateCodemod,
    BedrockCodemod,
    PromptsCodemod,
]
SAFE, UNSAFE, MANUAL = "safe", "unsafe", "manual"
CORPORA = {  # folder under the fixtures -> {(rule, safety): count}
    # images.generate: an inference call with no adapter equivalent
    "hosted/together": {
        ("SOV320", SAFE): 2,
        ("SOV321", SAFE): 2,
        ("SOV320", MANUAL): 8,
        ("SOV321", MANUAL): 1,
    },
    "hosted/openai": {},  # OpenAI's own examples talk to api.openai.com: nothing to do, nothing touched
    # two clients, and an agent (Agent(...), create_session, create_turn): manual
    "hosted/llama_stack_client": {("SOV370", MANUAL): 3, ("SOV371", MANUAL): 2},
    "scan/groq": {("SOV330", SAFE): 5, ("SOV331", SAFE): 5, ("SOV330", MANUAL): 1, ("SOV331", MANUAL): 1},
    "scan/llama-api-client": {  # async_chat.py safe; chat.py prints its answer: unsafe; the rest manual
        ("SOV360", SAFE): 1,
        ("SOV361", SAFE): 1,
        ("SOV360", UNSAFE): 1,
        ("SOV361", UNSAFE): 2,
        ("SOV360", MANUAL): 4,
        ("SOV361", MANUAL): 6,
    },
    "scan/llama-cpp-python": {
        ("SOV210", SAFE): 1,
        ("SOV211", SAFE): 1,
        ("SOV210", MANUAL): 7,  # instructor.patch(OpenAI(...)) in Functions.ipynb is a client site too
        ("SOV211", MANUAL): 11,
    },
    "scan/langchain-community": {
        ("SOV220", MANUAL): 5,
        ("SOV221", MANUAL): 9,  # InferenceClient/TGI calls through self.client, with **kwargs or post()
        ("SOV301", MANUAL): 3,
        ("SOV341", MANUAL): 5,  # fireworks 0.x module-level Completion.create/acreate
        ("SOV351", MANUAL): 4,  # Replicate predictions, waits and output iterators
        ("SOV520", MANUAL): 2,
    },
    "eval/langchain-huggingface": {("SOV220", MANUAL): 4, ("SOV221", MANUAL): 6},
    "eval/llama-models": {("SOV521", MANUAL): 13},  # one site per template statement (tail2)
    "eval/llama-index-llms-llama-cpp": {
        ("SOV520", MANUAL): 2,
        ("SOV521", MANUAL): 4,
    },  # B_INST, E_INST = "[INST]", "[/INST]": one site
    "eval/openllm": {
        ("SOV210", MANUAL): 1,
        ("SOV211", MANUAL): 2,
    },  # the chat call and `client.models.list()`
}
# One reason per corpus that is the point of its manual sites (the rest are asserted as counts).
REASONS = {
    "hosted/together": ("examples/models.py", "`client.models.list(...)` has no adapter equivalent"),
    "hosted/llama_stack_client": (
        "examples/mcp_agent.py",
        "uses the client outside the calls the adapter has",
    ),
    "scan/groq": ("examples/embedding.py", "`user=` has no adapter equivalent"),
    "scan/llama-api-client": ("examples/tool_call.py", "tool calling"),
    "scan/llama-cpp-python": (
        "examples/gradio_chat/server.py",
        "`model` is assigned after the client is built",
    ),
    "scan/langchain-community": ("llms/fireworks.py", "fireworks 0.x module-level API"),
    "eval/langchain-huggingface": ("", "`provider=` routes"),
    "eval/llama-models": ("", "not sent to an adapter completion call"),
    "eval/openllm": ("", "`client.models.list(...)` has no adapter equivalent"),
}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_real_code(corpus: str, tmp_path: Path) -> None:
    how = (
        ".ci/steps/50-hosted-sdks.sh"
        if corpus.startswith("hosted")
        else ".ci/steps/10-scan-fixtures.sh, 40-eval-corpus.sh"
    )
    source = require_fixture(CACHE / corpus, how)
    tree = tmp_path / "tree"
    shutil.copytree(source, tree)
    first = sovmigrate.rewrite([tree], codemods=CODEMODS, unsafe=True, root=tree)
    assert [f.path for f in first.files if f.error] == []
    assert Counter((o.rule, o.safety.value) for o in first.outcomes) == CORPORA[corpus]
    assert all(o.applied == (o.safety.value != MANUAL) for o in first.outcomes)
    changed = [f.path for f in first.files if f.status == "changed"]
    assert bool(changed) == any(o.applied for o in first.outcomes)
    if corpus in REASONS:
        where, why = REASONS[corpus]
        assert any(where in o.path and why in o.reason for o in first.outcomes if not o.applied)
    if changed:
        second = sovmigrate.rewrite(
            [tree / path for path in changed], codemods=CODEMODS, unsafe=True, root=tree
        )
        assert [f.path for f in second.files if f.status != "unchanged"] == []
