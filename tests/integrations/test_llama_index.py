"""sovmigrate.integrations.llama_index against the real llama-index-core, on the tiny model: every answer equals
llama-cpp-python's own for the same messages or prompt (greedy)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sovmigrate.adapter import ChatModel
from tests.adapter.conftest import MESSAGES, PROMPT, need
from tests.integrations.conftest import GREEDY

need("llama_index.core", "llama-index")

from llama_index.core import PromptTemplate, Settings
from llama_index.core.base.llms.generic_utils import messages_to_prompt
from llama_index.core.llms import LLM, ChatMessage, MessageRole

from sovmigrate.integrations.llama_index import SovmigrateEmbedding, SovmigrateLLM

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

LI_MESSAGES = [
    ChatMessage(role=MessageRole.SYSTEM, content="You are terse."),
    ChatMessage(content="Say hello"),
]


def direct_chat(llama: Any, messages: list[dict[str, Any]]) -> str:
    return llama.create_chat_completion(messages=messages, **GREEDY)["choices"][0]["message"]["content"]


def direct_complete(llama: Any, prompt: str) -> str:
    return llama.create_completion(prompt, **GREEDY)["choices"][0]["text"]


@pytest.fixture
def chat_llm(tiny_model: ChatModel) -> SovmigrateLLM:
    return SovmigrateLLM(client=tiny_model, **GREEDY)


@pytest.fixture
def prompt_llm(tiny_model: ChatModel) -> SovmigrateLLM:
    return SovmigrateLLM(client=tiny_model, is_chat_model=False, **GREEDY)


def test_chat_model_chats_and_completes_through_the_chat_template(
    chat_llm: SovmigrateLLM, llama_direct: Any
) -> None:
    expected = direct_chat(llama_direct, MESSAGES)
    response = chat_llm.chat(LI_MESSAGES)
    assert response.message.role == MessageRole.ASSISTANT
    assert response.message.content == expected != ""
    assert "".join(r.delta for r in chat_llm.stream_chat(LI_MESSAGES)) == expected
    as_user = direct_chat(llama_direct, [{"role": "user", "content": PROMPT}])
    assert chat_llm.complete(PROMPT).text == as_user
    streamed = list(chat_llm.stream_complete(PROMPT))
    assert streamed[-1].text == "".join(r.delta for r in streamed) == as_user


def test_prompt_model_works_as_llamaindex_prompt_based_llms(
    prompt_llm: SovmigrateLLM, llama_direct: Any
) -> None:
    assert prompt_llm.complete(PROMPT).text == direct_complete(llama_direct, PROMPT)
    streamed = list(prompt_llm.stream_complete(PROMPT))
    assert streamed[-1].text == direct_complete(llama_direct, PROMPT)
    rendered = messages_to_prompt(LI_MESSAGES)  # LlamaIndex's generic rendering, as LlamaCPP and Vllm use it
    assert prompt_llm.chat(LI_MESSAGES).message.content == direct_complete(llama_direct, rendered)
    assert "".join(r.delta for r in prompt_llm.stream_chat(LI_MESSAGES)) == direct_complete(
        llama_direct, rendered
    )


def test_completion_to_prompt_applies_unless_formatted(tiny_model: ChatModel, llama_direct: Any) -> None:
    llm = SovmigrateLLM(
        client=tiny_model, is_chat_model=False, completion_to_prompt=lambda p: f"[INST] {p} [/INST]", **GREEDY
    )
    assert llm.complete("Hi").text == direct_complete(llama_direct, "[INST] Hi [/INST]")
    assert llm.complete("Hi", formatted=True).text == direct_complete(llama_direct, "Hi")


def test_async_methods(chat_llm: SovmigrateLLM, llama_direct: Any) -> None:
    async def run() -> tuple[str, str, str]:
        completion = await chat_llm.acomplete(PROMPT)
        chat = await chat_llm.achat(LI_MESSAGES)
        stream = await chat_llm.astream_chat(LI_MESSAGES)
        return completion.text, chat.message.content, "".join([r.delta async for r in stream])

    expected = direct_chat(llama_direct, MESSAGES)
    as_user = direct_chat(llama_direct, [{"role": "user", "content": PROMPT}])
    assert asyncio.run(run()) == (as_user, expected, expected)


def test_concurrent_async_calls_take_turns_on_the_engine(chat_llm: SovmigrateLLM, llama_direct: Any) -> None:
    async def run() -> list[str]:
        results = await asyncio.gather(*(chat_llm.acomplete(PROMPT) for _ in range(3)))
        return [r.text for r in results]

    assert asyncio.run(run()) == [direct_chat(llama_direct, [{"role": "user", "content": PROMPT}])] * 3


def test_settings_and_predict(
    chat_llm: SovmigrateLLM, llama_direct: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Settings, "_llm", None)
    Settings.llm = chat_llm
    assert isinstance(Settings.llm, LLM)
    answer = Settings.llm.predict(PromptTemplate("Say {word}"), word="hello")
    assert answer == direct_chat(llama_direct, [{"role": "user", "content": "Say hello"}])


def test_metadata(chat_llm: SovmigrateLLM, tiny_model: ChatModel) -> None:
    metadata = chat_llm.metadata
    assert metadata.is_chat_model and not metadata.is_function_calling_model
    assert metadata.num_output == GREEDY["max_tokens"] and metadata.model_name == tiny_model.spec
    assert metadata.context_window == tiny_model.capabilities.max_context
    assert SovmigrateLLM(client=tiny_model, context_window=100).metadata.context_window == 100


def test_embedding_equals_llama_cpp(tiny_embedder: ChatModel, llama_embedder: Any) -> None:
    embedding = SovmigrateEmbedding(client=tiny_embedder)
    assert embedding.get_text_embedding("hello world") == pytest.approx(
        llama_embedder.embed(["hello world"])[0]
    )
    vectors = embedding.get_text_embedding_batch(["a fox", " a dog "])
    expected = llama_embedder.embed(["a fox", "a dog"])  # texts are stripped, as OllamaEmbedding does
    assert all(v == pytest.approx(e) for v, e in zip(vectors, expected, strict=True))
    instructed = SovmigrateEmbedding(
        client=tiny_embedder, query_instruction="query:", text_instruction="passage: "
    )
    assert instructed.get_query_embedding("fox") == pytest.approx(llama_embedder.embed(["query: fox"])[0])
    assert instructed.get_text_embedding("fox") == pytest.approx(llama_embedder.embed(["passage: fox"])[0])
    assert asyncio.run(instructed.aget_query_embedding("fox")) == pytest.approx(
        llama_embedder.embed(["query: fox"])[0]
    )
