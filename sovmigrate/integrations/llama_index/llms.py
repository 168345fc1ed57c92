"""``SovmigrateLLM``: a LlamaIndex LLM over the adapter's ``chat`` and ``complete``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from llama_index.core.base.llms.generic_utils import (
    completion_response_to_chat_response,
    stream_completion_response_to_chat_response,
)
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseAsyncGen,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.constants import DEFAULT_CONTEXT_WINDOW, DEFAULT_NUM_OUTPUTS
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from llama_index.core.llms.llm import LLM
from pydantic import Field

from sovmigrate.adapter import ChatModel
from sovmigrate.integrations import _serial as serial
from sovmigrate.integrations._params import SamplingFields

__all__ = ["SovmigrateLLM"]

_ASSISTANT_ROLES = {MessageRole.CHATBOT, MessageRole.MODEL}


class SovmigrateLLM(LLM, SamplingFields):
    """A LlamaIndex LLM on any engine the adapter connects to.

    With ``is_chat_model=True`` (the default) ``chat`` uses the model's chat template and ``complete`` sends the
    prompt as one user message. With ``is_chat_model=False`` it works as LlamaIndex's prompt-based LLMs
    (``LlamaCPP``, ``Vllm``): ``chat`` renders the messages with ``messages_to_prompt`` and ``complete`` sends
    raw text (after ``completion_to_prompt`` unless ``formatted=True``).
    """

    client: ChatModel = Field(exclude=True)
    """The connected model (``sovmigrate.adapter.connect(...)``)."""
    is_chat_model: bool = True
    context_window: int | None = None
    """What ``metadata`` reports (LlamaIndex sizes prompts by it); None: the connection's, else 3900."""

    @classmethod
    def class_name(cls) -> str:
        return "Sovmigrate_llm"

    @property
    def metadata(self) -> LLMMetadata:
        capabilities = self.client.capabilities
        return LLMMetadata(
            context_window=self.context_window or capabilities.max_context or DEFAULT_CONTEXT_WINDOW,
            num_output=self.max_tokens or DEFAULT_NUM_OUTPUTS,
            is_chat_model=self.is_chat_model,
            is_function_calling_model=capabilities.tools,
            model_name=self.client.spec,
        )

    # -- chat ------------------------------------------------------------------------------------------------
    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        if not self.is_chat_model:
            prompt = self.messages_to_prompt(messages)
            return completion_response_to_chat_response(self._complete(prompt, kwargs))
        params = self._call_params(None, kwargs)
        result = serial.call(self.client, self.client.chat, _openai_messages(messages), **params)
        return ChatResponse(message=_assistant(result["choices"][0]["message"]), raw=dict(result))

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        if not self.is_chat_model:
            prompt = self.messages_to_prompt(messages)
            return stream_completion_response_to_chat_response(self._stream_complete(prompt, kwargs))
        start = partial(
            self.client.stream_chat, _openai_messages(messages), **self._call_params(None, kwargs)
        )
        return _chat_stream(serial.stream(self.client, start))

    @llm_chat_callback()
    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        return await asyncio.to_thread(self.chat, messages, **kwargs)

    @llm_chat_callback()
    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        return serial.aiterate(self.stream_chat(messages, **kwargs))

    # -- completion ------------------------------------------------------------------------------------------
    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        if self.is_chat_model:
            response = self.chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs)
            return CompletionResponse(text=response.message.content or "", raw=response.raw)
        return self._complete(prompt if formatted else self.completion_to_prompt(prompt), kwargs)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        if self.is_chat_model:
            chats = self.stream_chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs)
            return (CompletionResponse(text=c.message.content or "", delta=c.delta, raw=c.raw) for c in chats)
        return self._stream_complete(prompt if formatted else self.completion_to_prompt(prompt), kwargs)

    @llm_completion_callback()
    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return await asyncio.to_thread(self.complete, prompt, formatted, **kwargs)

    @llm_completion_callback()
    async def astream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseAsyncGen:
        return serial.aiterate(self.stream_complete(prompt, formatted, **kwargs))

    def _complete(self, prompt: str, kwargs: dict[str, Any]) -> CompletionResponse:
        result = serial.call(self.client, self.client.complete, prompt, **self._call_params(None, kwargs))
        return CompletionResponse(text=result["choices"][0]["text"], raw=dict(result))

    def _stream_complete(self, prompt: str, kwargs: dict[str, Any]) -> CompletionResponseGen:
        start = partial(self.client.stream_complete, prompt, **self._call_params(None, kwargs))
        text = ""
        for chunk in serial.stream(self.client, start):
            choices = chunk.get("choices") or []
            delta = choices[0].get("text", "") if choices else ""
            text += delta
            yield CompletionResponse(text=text, delta=delta, raw=dict(chunk))


def _openai_messages(messages: Sequence[ChatMessage]) -> list[dict[str, Any]]:
    """LlamaIndex messages as OpenAI chat messages (text content; tool calls and results kept)."""
    converted = []
    for message in messages:
        role = MessageRole.ASSISTANT if message.role in _ASSISTANT_ROLES else message.role
        item: dict[str, Any] = {"role": role.value, "content": message.content or ""}
        for key in ("name", "tool_calls", "tool_call_id"):
            if message.additional_kwargs.get(key) is not None:
                item[key] = message.additional_kwargs[key]
        converted.append(item)
    return converted


def _assistant(message: Any, content: str | None = None) -> ChatMessage:
    extra = {"tool_calls": message["tool_calls"]} if message.get("tool_calls") else {}
    text = message.get("content") if content is None else content
    return ChatMessage(role=MessageRole.ASSISTANT, content=text or "", additional_kwargs=extra)


def _chat_stream(chunks: Iterator[Any]) -> ChatResponseGen:
    text = ""
    for chunk in chunks:
        choices = chunk.get("choices") or []
        delta = (choices[0].get("delta") or {}) if choices else {}
        piece = delta.get("content") or ""
        text += piece
        yield ChatResponse(message=_assistant(delta, text), delta=piece, raw=dict(chunk))
