"""sovmigrate.integrations.langchain against the real langchain-core, on the tiny model: every answer equals
llama-cpp-python's own for the same messages or prompt (greedy)."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Literal

import pytest

from sovmigrate.adapter import CapabilityError, ChatModel, connect
from tests.adapter.conftest import MESSAGES, PROMPT, need
from tests.integrations.conftest import GREEDY

need("langchain_core", "langchain")

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from langchain_core.tools import tool
from pydantic import BaseModel

from sovmigrate.integrations.langchain import ChatSovmigrate, SovmigrateEmbeddings, SovmigrateLLM

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

LC_MESSAGES = [SystemMessage(MESSAGES[0]["content"]), HumanMessage(MESSAGES[1]["content"])]


def direct_chat(llama: Any, messages: list[dict[str, Any]], **params: Any) -> str:
    return llama.create_chat_completion(messages=messages, **{**GREEDY, **params})["choices"][0]["message"][
        "content"
    ]


def direct_complete(llama: Any, prompt: str, **params: Any) -> str:
    return llama.create_completion(prompt, **{**GREEDY, **params})["choices"][0]["text"]


def same_vectors(got: list[list[float]], expected: list[list[float]]) -> bool:
    return len(got) == len(expected) and all(g == pytest.approx(e) for g, e in zip(got, expected))


@pytest.fixture
def chat(tiny_model: ChatModel) -> ChatSovmigrate:
    return ChatSovmigrate(client=tiny_model, **GREEDY)


@pytest.fixture
def llm(tiny_model: ChatModel) -> SovmigrateLLM:
    return SovmigrateLLM(client=tiny_model, **GREEDY)


class Tokens(BaseCallbackHandler):
    def __init__(self) -> None:
        self.tokens: list[str] = []

    def on_llm_new_token(self, token: str, **kwargs: Any) -> None:
        self.tokens.append(token)


# -- chat model ------------------------------------------------------------------------------------------------
def test_chat_invoke_equals_llama_cpp(chat: ChatSovmigrate, llama_direct: Any) -> None:
    answer = chat.invoke(LC_MESSAGES)
    assert isinstance(answer, AIMessage)
    assert answer.content == direct_chat(llama_direct, MESSAGES) != ""
    assert answer.response_metadata["finish_reason"] == "length"
    assert answer.usage_metadata["output_tokens"] == GREEDY["max_tokens"]


def test_chat_stream_yields_the_same_text_in_pieces(chat: ChatSovmigrate, llama_direct: Any) -> None:
    pieces = [chunk.content for chunk in chat.stream(LC_MESSAGES)]
    assert len([p for p in pieces if p]) > 1
    assert "".join(pieces) == direct_chat(llama_direct, MESSAGES)


def test_chat_in_a_pipe_with_a_prompt_template(chat: ChatSovmigrate, llama_direct: Any) -> None:
    prompt = ChatPromptTemplate.from_messages([("system", "You are terse."), ("user", "Say {word}")])
    chain = prompt | chat | StrOutputParser()
    assert chain.invoke({"word": "hello"}) == direct_chat(llama_direct, MESSAGES)


def test_chat_batch_and_async_give_the_single_answers(chat: ChatSovmigrate, llama_direct: Any) -> None:
    other = [{"role": "user", "content": "Name a colour"}]
    expected = [direct_chat(llama_direct, MESSAGES), direct_chat(llama_direct, other)]
    assert [m.content for m in chat.batch([LC_MESSAGES, "Name a colour"])] == expected

    async def run() -> tuple[str, str]:
        answer = await chat.ainvoke(LC_MESSAGES)
        streamed = "".join([chunk.content async for chunk in chat.astream(LC_MESSAGES)])
        return answer.content, streamed

    assert asyncio.run(run()) == (expected[0], expected[0])


def test_call_arguments_override_fields(chat: ChatSovmigrate, llama_direct: Any) -> None:
    assert chat.invoke(LC_MESSAGES, max_tokens=3).content == direct_chat(llama_direct, MESSAGES, max_tokens=3)
    bound = chat.bind(max_tokens=5)
    assert bound.invoke(LC_MESSAGES).content == direct_chat(llama_direct, MESSAGES, max_tokens=5)
    full = direct_chat(llama_direct, MESSAGES)
    word = full.split()[2]
    stopped = chat.invoke(LC_MESSAGES, stop=[word]).content
    assert stopped == direct_chat(llama_direct, MESSAGES, stop=[word]) == full[: full.index(word)]


def test_streaming_field_feeds_callbacks_token_by_token(tiny_model: ChatModel, llama_direct: Any) -> None:
    handler = Tokens()
    chat = ChatSovmigrate(client=tiny_model, streaming=True, callbacks=[handler], **GREEDY)
    answer = chat.invoke(LC_MESSAGES)
    assert answer.content == "".join(handler.tokens) == direct_chat(llama_direct, MESSAGES)
    assert len([t for t in handler.tokens if t]) > 1


def test_a_history_with_an_assistant_turn_reaches_the_chat_template(
    chat: ChatSovmigrate, llama_direct: Any
) -> None:
    history = [*MESSAGES, {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Again"}]
    messages = [*LC_MESSAGES, AIMessage("Hello."), HumanMessage("Again")]
    assert chat.invoke(messages).content == direct_chat(llama_direct, history)


def test_bind_tools_where_the_backend_cannot_call_tools(chat: ChatSovmigrate) -> None:
    with pytest.raises(CapabilityError, match="cannot call tools"):
        chat.bind_tools([get_weather])


@tool
def get_weather(unit: Literal["C", "F"]) -> str:
    """The weather where the user is, in the unit asked for."""
    return f"20 {unit}"


def test_bind_tools_on_an_openai_compatible_server(tool_server: str) -> None:
    import httpx

    model = connect(default="openai:tiny", base_url=tool_server, dialect="llama-cpp-python")
    chat = ChatSovmigrate(client=model, temperature=0, max_tokens=40)
    answer = chat.bind_tools([get_weather], tool_choice="get_weather").invoke("What is the weather?")
    body = {
        "model": "tiny",
        "messages": [{"role": "user", "content": "What is the weather?"}],
        "tools": [json.loads(json.dumps(_openai_tool()))],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
        "temperature": 0,
        "max_tokens": 40,
    }
    direct = httpx.post(f"{tool_server}/chat/completions", json=body, timeout=60).json()
    call = direct["choices"][0]["message"]["tool_calls"][0]["function"]
    assert [(c["name"], c["args"]) for c in answer.tool_calls] == [
        (call["name"], json.loads(call["arguments"]))
    ]
    assert answer.tool_calls[0]["args"]["unit"] in ("C", "F")
    # The tool's result goes back as a tool message the server accepts.
    result = ToolMessage(
        get_weather.invoke(answer.tool_calls[0]["args"]), tool_call_id=answer.tool_calls[0]["id"]
    )
    follow_up = chat.invoke([HumanMessage("What is the weather?"), answer, result])
    assert isinstance(follow_up.content, str)
    model.close()


def _openai_tool() -> dict[str, Any]:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    return convert_to_openai_tool(get_weather)


class Verdict(BaseModel):
    answer: Literal["yes", "no"]


def test_structured_output_with_the_engines_json_schema(tiny_model: ChatModel) -> None:
    chat = ChatSovmigrate(client=tiny_model, temperature=0, max_tokens=40)
    result = chat.with_structured_output(Verdict).invoke("Is the sky blue?")
    assert isinstance(result, Verdict) and result.answer in ("yes", "no")
    raw = chat.with_structured_output(Verdict, include_raw=True).invoke("Is the sky blue?")
    assert raw["parsed"] == result and raw["parsing_error"] is None
    assert json.loads(raw["raw"].content) == result.model_dump()


# -- text-completion LLM ----------------------------------------------------------------------------------------
def test_llm_invoke_stream_batch_and_pipe(llm: SovmigrateLLM, llama_direct: Any) -> None:
    expected = direct_complete(llama_direct, PROMPT)
    assert llm.invoke(PROMPT) == expected != ""
    pieces = list(llm.stream(PROMPT))
    assert len([p for p in pieces if p]) > 1 and "".join(pieces) == expected
    assert llm.batch([PROMPT, "Once upon a time"]) == [
        expected,
        direct_complete(llama_direct, "Once upon a time"),
    ]
    assert (PromptTemplate.from_template("The quick {colour} fox") | llm).invoke(
        {"colour": "brown"}
    ) == expected
    assert asyncio.run(llm.ainvoke(PROMPT)) == expected


def test_llm_with_the_chat_template(tiny_model: ChatModel, llama_direct: Any) -> None:
    llm = SovmigrateLLM(client=tiny_model, chat_template=True, **GREEDY)
    expected = direct_chat(llama_direct, [{"role": "user", "content": PROMPT}])
    assert llm.invoke(PROMPT) == expected
    assert "".join(llm.stream(PROMPT)) == expected


def test_llm_echo_and_stop(tiny_model: ChatModel, llama_direct: Any) -> None:
    echo = SovmigrateLLM(client=tiny_model, model_kwargs={"echo": True}, **GREEDY)
    assert echo.invoke(PROMPT) == PROMPT + direct_complete(llama_direct, PROMPT)
    full = direct_complete(llama_direct, PROMPT)
    word = full.split()[1]
    llm = SovmigrateLLM(client=tiny_model, stop=[word], **GREEDY)
    assert llm.invoke(PROMPT) == full[: full.index(word)]


def test_token_counts_use_the_models_tokenizer(
    chat: ChatSovmigrate, llm: SovmigrateLLM, llama_direct: Any
) -> None:
    expected = llama_direct.tokenize(b"The quick brown fox", add_bos=False)
    assert chat.get_token_ids("The quick brown fox") == llm.get_token_ids("The quick brown fox") == expected
    assert llm.get_num_tokens("The quick brown fox") == len(expected)


# -- embeddings -------------------------------------------------------------------------------------------------
def test_embeddings_equal_llama_cpp(tiny_embedder: ChatModel, llama_embedder: Any) -> None:
    embeddings = SovmigrateEmbeddings(client=tiny_embedder)
    texts = ["hello world", "the quick brown fox"]
    expected = llama_embedder.embed(texts)
    assert same_vectors(embeddings.embed_documents(texts), expected)
    assert embeddings.embed_query("hello world") == pytest.approx(expected[0])
    assert same_vectors(asyncio.run(embeddings.aembed_documents(texts)), expected)
    assert embeddings.embed_documents([]) == []


def test_embedding_prefixes(tiny_embedder: ChatModel, llama_embedder: Any) -> None:
    embeddings = SovmigrateEmbeddings(
        client=tiny_embedder, document_prefix="passage: ", query_prefix="query: "
    )
    assert same_vectors(embeddings.embed_documents(["fox"]), llama_embedder.embed(["passage: fox"]))
    assert embeddings.embed_query("fox") == pytest.approx(llama_embedder.embed(["query: fox"])[0])
