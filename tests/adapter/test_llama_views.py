"""The Llama API and Llama Stack views: the adapter's answers rendered in each SDK's own response shapes.

Rewritten Llama API and legacy Llama Stack code keeps its consumers (``r.completion_message.content.text``,
``chunk.event.delta.text``); these tests check the views against the SDKs' own pydantic types (llama-api-client
0.6.0, llama-stack-client 0.2.12 and the llama-stack 0.2.12 server's), field by field, on real answers of the tiny
model. Meta's Llama API cannot be reached from here; Llama Stack runs for real (tests/adapter/llama_stack_server.py),
so its views are also compared with what its server answers to the legacy calls.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import ChatModel, connect, views
from tests.adapter.conftest import MESSAGES, PROMPT
from tests.adapter.llama_stack_server import MODEL, LlamaStack, llama_stack  # noqa: F401  (a session fixture)

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]
STACK_FOR = "llama-stack-client is not installed: run .ci/steps/55-llama-sdks.sh"


@pytest.fixture(scope="module")
def model(llama_server: str) -> Iterator[ChatModel]:
    with connect("openai:tiny", base_url=llama_server) as m:
        yield m


def keys(value: Any) -> Any:
    """The field names at every level (list items by their first element), to compare two shapes."""
    if isinstance(value, dict):
        return {k: keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [keys(value[0])] if value else []
    return None


def same_shape(view: Any, sdk_type: type) -> Any:
    """The SDK's own model of the view (validated by pydantic), after checking they have the same fields."""
    parsed = sdk_type.model_validate(view.model_dump())
    assert keys(view.model_dump()) == keys(parsed.model_dump()), sdk_type.__name__
    return parsed


# -- Meta's Llama API ------------------------------------------------------------------------------------------
def test_llama_api_chat_view_is_the_sdk_s_response(model: ChatModel) -> None:
    types = pytest.importorskip("llama_api_client.types", reason="llama-api-client is not installed")
    r = model.chat(MESSAGES, max_tokens=8, temperature=0)
    view = views.llama_api_chat(r)
    sdk = same_shape(view, types.CreateChatCompletionResponse)
    assert isinstance(sdk.completion_message.content, types.MessageTextContentItem)
    assert view.completion_message.content.text == sdk.completion_message.content.text == r.text != ""
    assert view["completion_message"]["content"]["text"] == r.text
    assert (sdk.completion_message.role, sdk.completion_message.stop_reason) == ("assistant", "length")
    assert sdk.completion_message.tool_calls == [] and sdk.id == r.id
    usage = r.usage
    assert [(m.metric, m.value, m.unit) for m in sdk.metrics] == [
        ("num_completion_tokens", 8.0, "tokens"),
        ("num_prompt_tokens", float(usage.prompt_tokens), "tokens"),
        ("num_total_tokens", float(usage.total_tokens), "tokens"),
    ]


def test_llama_api_stream_view_is_the_sdk_s_event_stream(model: ChatModel) -> None:
    types = pytest.importorskip("llama_api_client.types", reason="llama-api-client is not installed")
    text = model.chat(MESSAGES, max_tokens=8, temperature=0).text
    events = list(views.llama_api_chat_stream(model.stream_chat(MESSAGES, max_tokens=8, temperature=0)))
    parsed = [same_shape(e, types.CreateChatCompletionResponseStreamChunk) for e in events]
    kinds = [p.event.event_type for p in parsed]
    assert kinds[0] == "start" and kinds[-1] == "complete" and set(kinds[1:-1]) == {"progress"}
    assert (
        "".join(p.event.delta.text for p in parsed) == text
    )  # every event has a text delta, as SDK loops read
    assert [p.event.stop_reason for p in parsed] == [None] * (len(parsed) - 1) + ["length"]
    assert all(
        isinstance(p.event.delta, types.create_chat_completion_response_stream_chunk.EventDeltaTextDelta)
        for p in parsed
    )

    async def collect() -> list[str]:
        stream = views.llama_api_chat_stream(model.astream_chat(MESSAGES, max_tokens=8, temperature=0))
        return [e.event.delta.text async for e in stream]

    assert asyncio.run(collect()) == [p.event.delta.text for p in parsed]


def test_llama_api_stream_ends_with_metrics_when_the_counts_come() -> None:
    """A server that streams usage (``stream_options``) gets Llama API's ``metrics`` event at the end."""
    types = pytest.importorskip("llama_api_client.types", reason="llama-api-client is not installed")
    from sovmigrate.adapter.results import CompletionChunk, chat_chunk, stream_base

    base = stream_base("chat", "m")
    usage = {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}
    chunks = [
        CompletionChunk(chat_chunk(base, {"role": "assistant"}, None)),
        CompletionChunk(chat_chunk(base, {"content": "Hi"}, None)),
        CompletionChunk({**chat_chunk(base, {}, "stop"), "usage": usage}),
    ]
    parsed = [
        same_shape(e, types.CreateChatCompletionResponseStreamChunk)
        for e in views.llama_api_chat_stream(chunks)
    ]
    assert [(p.event.event_type, p.event.delta.text, p.event.stop_reason) for p in parsed] == [
        ("start", "", None),
        ("progress", "Hi", None),
        ("complete", "", "stop"),
        ("metrics", "", None),
    ]
    assert [(m.metric, m.value) for m in parsed[-1].event.metrics] == [
        ("num_completion_tokens", 1.0),
        ("num_prompt_tokens", 5.0),
        ("num_total_tokens", 6.0),
    ]


# -- Llama Stack's legacy inference API ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stack_model(llama_stack: LlamaStack) -> Iterator[ChatModel]:  # noqa: F811
    """A connection to the Llama Stack server's OpenAI-compatible routes, as the rewrite makes."""
    with connect(f"openai:{MODEL}", base_url=f"{llama_stack.url}/v1/openai/v1") as m:
        yield m


@pytest.fixture(scope="module")
def legacy(llama_stack: LlamaStack) -> Any:  # noqa: F811
    """llama-stack-client 0.2.12 on the same server: the legacy API the views stand in for."""
    client = pytest.importorskip("llama_stack_client", reason=STACK_FOR)
    return client.LlamaStackClient(base_url=llama_stack.url)


def server_types() -> Any:
    return pytest.importorskip("llama_stack.apis.inference", reason="llama-stack is not installed")


def test_llama_stack_chat_view_reads_like_the_legacy_answer(stack_model: ChatModel, legacy: Any) -> None:
    from llama_stack_client.types.shared import ChatCompletionResponse

    official = legacy.inference.chat_completion(
        model_id=MODEL, messages=MESSAGES, sampling_params={"max_tokens": 8}
    )
    view = views.llama_stack_chat(stack_model.chat(MESSAGES, max_tokens=8, temperature=0))
    same_shape(view, ChatCompletionResponse)
    same_shape(view, server_types().ChatCompletionResponse)
    assert keys(view.model_dump()) == keys(official.model_dump())
    assert view.completion_message.content == official.completion_message.content != ""
    assert (
        view.completion_message.stop_reason,
        view.completion_message.role,
        view.completion_message.tool_calls,
    ) == (
        official.completion_message.stop_reason,
        official.completion_message.role,
        official.completion_message.tool_calls,
    )
    assert [(m.metric, m.unit) for m in view.metrics] == [(m.metric, m.unit) for m in official.metrics]


def test_llama_stack_chat_stream_view_yields_the_legacy_events(stack_model: ChatModel, legacy: Any) -> None:
    from llama_stack_client.types import ChatCompletionResponseStreamChunk

    official = list(
        legacy.inference.chat_completion(
            model_id=MODEL, messages=MESSAGES, sampling_params={"max_tokens": 8}, stream=True
        )
    )
    ours = list(views.llama_stack_chat_stream(stack_model.stream_chat(MESSAGES, max_tokens=8, temperature=0)))
    for event in ours:
        same_shape(event, ChatCompletionResponseStreamChunk)
        same_shape(event, server_types().ChatCompletionResponseStreamChunk)

    def events(chunks: list[Any]) -> list[tuple[str, str, str | None]]:
        return [(c.event.event_type, c.event.delta.text, c.event.stop_reason) for c in chunks]

    assert events(ours) == events(official)
    assert events(ours)[0] == ("start", "", None) and events(ours)[-1] == ("complete", "", "out_of_tokens")

    async def collect() -> list[tuple[str, str, str | None]]:
        stream = views.llama_stack_chat_stream(
            stack_model.astream_chat(MESSAGES, max_tokens=8, temperature=0)
        )
        return [(c.event.event_type, c.event.delta.text, c.event.stop_reason) async for c in stream]

    assert asyncio.run(collect()) == events(official)


def test_llama_stack_completion_views_and_the_prompt_prefix(stack_model: ChatModel, legacy: Any) -> None:
    """The legacy ``completion`` prefixes the prompt with ``<|begin_of_text|>`` (its Llama formatter) before the
    provider sees it; the OpenAI-compatible route sends the prompt as it is. With the prefix written out the answers
    are the same, which is why the rewrite of ``completion`` is unsafe."""
    from llama_stack_client.types import CompletionResponse

    official = legacy.inference.completion(model_id=MODEL, content=PROMPT, sampling_params={"max_tokens": 8})
    prefixed = "<|begin_of_text|>" + PROMPT
    view = views.llama_stack_completion(stack_model.complete(prefixed, max_tokens=8, temperature=0))
    same_shape(view, CompletionResponse)
    same_shape(view, server_types().CompletionResponse)
    assert (
        (view.content, view.stop_reason)
        == (official.content, official.stop_reason)
        == (view.content, "out_of_tokens")
    )
    assert stack_model.complete(PROMPT, max_tokens=8, temperature=0).text != official.content

    streamed = list(
        legacy.inference.completion(
            model_id=MODEL, content=PROMPT, sampling_params={"max_tokens": 8}, stream=True
        )
    )
    ours = list(
        views.llama_stack_completion_stream(
            stack_model.stream_complete(prefixed, max_tokens=8, temperature=0)
        )
    )
    for chunk in ours:
        same_shape(chunk, server_types().CompletionResponseStreamChunk)
    assert [(c.delta, c.stop_reason) for c in ours] == [(c.delta, c.stop_reason) for c in streamed]


def test_llama_api_view_gives_tool_calls_in_its_shape() -> None:
    types = pytest.importorskip("llama_api_client.types", reason="llama-api-client is not installed")
    from sovmigrate.adapter.results import Completion, chat_completion

    payload = chat_completion("m", [("", "tool_calls")], 9, 7)
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
    payload["choices"][0]["message"] = {"role": "assistant", "content": None, "tool_calls": [call]}
    sdk = same_shape(views.llama_api_chat(Completion(payload)), types.CreateChatCompletionResponse)
    assert sdk.completion_message.stop_reason == "tool_calls"
    assert [(c.id, c.function.name, c.function.arguments) for c in sdk.completion_message.tool_calls] == [
        ("call_1", "get_weather", '{"city": "Paris"}')
    ]
