"""Routers that pick the provider by a prefixed model string: every prefix and every entry point is covered.

The prefixes are LiteLLM's, aisuite's, any-llm's, pydantic-ai's and langchain's spellings (docs/scan.md, "Router
model strings and router clients"); which of them name an engine a team runs itself is written out here, not
read from the catalog. A prefix or entry point the catalog drops makes one case fail.
"""

from __future__ import annotations

import pytest

from sovmigrate.rules.hosted import ROUTER_PROVIDER_PREFIXES
from tests.scan.helpers import scan_source

LOCAL_PREFIXES = {
    "ollama",
    "ollama_chat",
    "vllm",
    "hosted_vllm",
    "llamacpp",
    "llamafile",
    "lmstudio",
    "lm_studio",
    "xinference",
}

# (import line, call with the model string `{m}`) per router entry point.
ENTRY_POINTS = [
    ("import dspy", "dspy.LM({m}, temperature=0.2)"),
    ("from dspy.clients.lm import LM", "LM(model={m})"),
    ("from crewai import LLM", "LLM(model={m}, temperature=0.1)"),
    ("import instructor", "instructor.from_provider({m}, async_client=True)"),
    ("from langchain.chat_models import init_chat_model", "init_chat_model({m}, temperature=0)"),
    ("from pydantic_ai import Agent", "Agent({m}, system_prompt='Be brief.')"),
    ("from pydantic_ai.models import infer_model", "infer_model({m})"),
    ("import any_llm", "any_llm.completion({m}, messages=[])"),
    ("from any_llm import acompletion", "acompletion(model={m}, messages=[])"),
    ("import aisuite as ai", "ai.Client().chat.completions.create(model={m}, messages=[])"),
]


def _codes(tmp_path, source: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.kind) for f in scan_source(tmp_path, source).findings]


@pytest.mark.parametrize("prefix", sorted(ROUTER_PROVIDER_PREFIXES))
def test_each_prefix_makes_a_router_call_a_client_and_its_string_one_model_id(tmp_path, prefix):
    found = _codes(tmp_path, f'import dspy\n\nlm = dspy.LM("{prefix}/mistralai/Mistral-7B-Instruct-v0.3")\n')
    client = "SOV307" if prefix in LOCAL_PREFIXES else "SOV306"
    assert (3, client, "client") in found
    assert len([c for c in found if c[2] == "model_id"]) == 1
    value = _codes(tmp_path, f'FAST = ["{prefix}/mistralai/Mistral-7B-Instruct-v0.3"]\n')
    assert value == [(1, "SOV598", "model_id")]


@pytest.mark.parametrize(("imports", "call"), ENTRY_POINTS, ids=lambda v: v.split("(")[0])
def test_each_entry_point_is_a_client_of_the_provider_its_string_names(tmp_path, imports, call):
    hosted = _codes(tmp_path, f"{imports}\n\nx = {call.format(m=repr('groq/qwen-qwq-32b'))}\n")
    local = _codes(tmp_path, f"{imports}\n\nx = {call.format(m=repr('ollama:qwen2.5:7b'))}\n")
    closed = _codes(tmp_path, f"{imports}\n\nx = {call.format(m=repr('openai/gpt-4o-mini'))}\n")
    assert (3, "SOV306", "client") in hosted
    assert (3, "SOV307", "client") in local
    assert not [c for c in closed if c[2] == "client"]


def test_a_provider_keyword_names_the_provider(tmp_path):
    source = (
        "import any_llm\nfrom langchain.chat_models import init_chat_model\n\n"
        'a = init_chat_model(name, model_provider="together")\n'
        'b = any_llm.completion(model=name, provider="ollama", messages=[])\n'
        'c = init_chat_model(name, model_provider="anthropic")\n'
    )
    clients = [(line, code) for line, code, kind in _codes(tmp_path, source) if kind == "client"]
    assert clients == [(4, "SOV306"), (5, "SOV307")]
