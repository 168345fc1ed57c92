"""``ChatSovmigrate``: a LangChain chat model over the adapter's ``chat`` / ``stream_chat``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from functools import partial
from operator import itemgetter
from typing import Any, Literal

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import LanguageModelInput
from langchain_core.language_models.chat_models import (
    BaseChatModel,
    LangSmithParams,
    agenerate_from_stream,
    generate_from_stream,
)
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import JsonOutputParser, PydanticOutputParser
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableMap, RunnablePassthrough
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_json_schema, convert_to_openai_tool
from langchain_core.utils.pydantic import is_basemodel_subclass
from pydantic import Field

from sovmigrate.adapter import CapabilityError, ChatModel
from sovmigrate.integrations import _serial as serial
from sovmigrate.integrations._params import SamplingFields
from sovmigrate.integrations.langchain._convert import ai_message, ai_message_chunk, openai_messages

__all__ = ["ChatSovmigrate"]

ToolLike = dict[str, Any] | type | Callable[..., Any] | BaseTool
# Backends whose own APIs stream no role-only first chunk: the adapter's synthetic one is not passed on, so a
# stream reads as it did through the vendor's LangChain class (ChatOllama, ChatBedrock).
NO_ROLE_CHUNK = frozenset({"ollama", "bedrock"})


class ChatSovmigrate(BaseChatModel, SamplingFields):
    """A LangChain chat model on any engine the adapter connects to.

    ``client`` is the connected model (``connect(default="llamacpp:model.gguf")``); the generation parameters
    are fields, and keyword arguments of ``invoke``/``bind`` override them for a call. ``bind_tools`` works where
    the connection can call tools (``client.capabilities.tools``); ``with_structured_output`` uses the
    engine's JSON-schema output by default.
    """

    client: ChatModel = Field(exclude=True)
    """The connected model (``sovmigrate.adapter.connect(...)``)."""
    streaming: bool = False
    """Generate through ``stream_chat`` even for ``invoke``, so callbacks see each token."""

    @property
    def _llm_type(self) -> str:
        return "sovmigrate-chat"

    def get_token_ids(self, text: str) -> list[int]:
        """The model's own token ids where the connection can tokenize; else LangChain's default (GPT-2)."""
        if self.client.capabilities.tokenize:
            return serial.call(self.client, self.client.tokenize, text, add_special=False)
        return super().get_token_ids(text)

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"spec": self.client.spec, **self._call_params(None, {})}

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> LangSmithParams:
        params = self._call_params(stop, kwargs)
        ls = LangSmithParams(
            ls_provider=self.client.backend, ls_model_name=self.client.spec, ls_model_type="chat"
        )
        for key in ("temperature", "max_tokens"):
            if params.get(key) is not None:
                ls[f"ls_{key}"] = params[key]  # type: ignore[literal-required]
        if params.get("stop"):
            ls["ls_stop"] = params["stop"]
        return ls

    # -- generation ----------------------------------------------------------------------------------------
    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self.streaming:
            return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))
        params = self._call_params(stop, kwargs)
        return self._chat_result(
            serial.call(self.client, self.client.chat, openai_messages(messages), **params)
        )

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self.streaming:
            return await agenerate_from_stream(self._astream(messages, stop, run_manager, **kwargs))
        return await asyncio.to_thread(self._generate, messages, stop, None, **kwargs)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for generation in self._chunks(messages, stop, kwargs):
            if run_manager:
                run_manager.on_llm_new_token(generation.text, chunk=generation)
            yield generation

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        async for generation in serial.aiterate(self._chunks(messages, stop, kwargs)):
            if run_manager:
                await run_manager.on_llm_new_token(generation.text, chunk=generation)
            yield generation

    def _chunks(
        self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]
    ) -> Iterator[ChatGenerationChunk]:
        params = self._call_params(stop, kwargs)
        start = partial(self.client.stream_chat, openai_messages(messages), **params)
        skip_role = self.client.backend in NO_ROLE_CHUNK
        for chunk in serial.stream(self.client, start):
            generation = self._generation_chunk(chunk)
            if generation is None or (skip_role and _role_only(chunk)):
                continue
            yield generation

    def _chat_result(self, result: Any) -> ChatResult:
        generations = []
        for choice in result["choices"]:
            metadata = {"finish_reason": choice.get("finish_reason"), "model_name": self.client.spec}
            message = ai_message(choice["message"], metadata, result.get("usage"))
            generations.append(
                ChatGeneration(message=message, generation_info={"finish_reason": metadata["finish_reason"]})
            )
        return ChatResult(
            generations=generations,
            llm_output={"token_usage": result.get("usage"), "model_name": self.client.spec},
        )

    def _generation_chunk(self, chunk: Any) -> ChatGenerationChunk | None:
        choices = chunk.get("choices") or []
        if not choices:
            return None
        choice = choices[0]
        message = ai_message_chunk(choice.get("delta") or {}, chunk.get("usage"))
        info = None
        if choice.get("finish_reason"):
            info = {"finish_reason": choice["finish_reason"], "model_name": self.client.spec}
            message.response_metadata = info
        return ChatGenerationChunk(message=message, generation_info=info)

    # -- tools and structured output -----------------------------------------------------------------------
    def bind_tools(
        self,
        tools: Sequence[ToolLike],
        *,
        tool_choice: str | bool | dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools (functions, pydantic models, LangChain tools or OpenAI tool dicts) to every call.

        ``tool_choice``: a tool's name, ``"auto"``, ``"none"``, ``"required"`` (or ``"any"``/``True``).
        Raises ``CapabilityError`` when the connection cannot call tools.
        """
        if not self.client.capabilities.tools:
            raise CapabilityError(
                f"{self.client.spec} cannot call tools; connect to a backend that can "
                "(backend_capabilities(name).tools), or use with_structured_output(method='json_schema')",
                backend=self.client.backend,
            )
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        if tool_choice is not None and tool_choice is not False:
            kwargs["tool_choice"] = _tool_choice(tool_choice)
        return super().bind(tools=formatted, **kwargs)

    def with_structured_output(
        self,
        schema: dict[str, Any] | type,
        *,
        include_raw: bool = False,
        method: Literal["json_schema", "function_calling"] = "json_schema",
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, Any]:
        """Answers parsed into ``schema`` (a pydantic class, a JSON schema or a tool-like object).

        ``method="json_schema"`` constrains the output with the engine's JSON-schema support;
        ``"function_calling"`` goes through ``bind_tools``.
        """
        if method == "function_calling":
            return super().with_structured_output(schema, include_raw=include_raw, **kwargs)
        json_schema = convert_to_json_schema(schema)
        name = json_schema.get("title", "output")
        response_format = {"type": "json_schema", "json_schema": {"name": name, "schema": json_schema}}
        llm = self.bind(response_format=response_format, **kwargs)
        parser: Runnable[Any, Any] = (
            PydanticOutputParser(pydantic_object=schema)
            if isinstance(schema, type) and is_basemodel_subclass(schema)
            else JsonOutputParser()
        )
        if not include_raw:
            return llm | parser
        parsed = RunnablePassthrough.assign(parsed=itemgetter("raw") | parser, parsing_error=lambda _: None)
        unparsed = RunnablePassthrough.assign(parsed=lambda _: None)
        return RunnableMap(raw=llm) | parsed.with_fallbacks([unparsed], exception_key="parsing_error")


def _role_only(chunk: Any) -> bool:
    choice = (chunk.get("choices") or [{}])[0]
    delta = choice.get("delta") or {}
    return not delta.get("content") and not delta.get("tool_calls") and not choice.get("finish_reason")


def _tool_choice(choice: str | bool | dict[str, Any]) -> str | dict[str, Any]:
    """OpenAI's ``tool_choice`` for LangChain's spellings of it."""
    if choice is True or choice == "any":
        return "required"
    if isinstance(choice, str) and choice not in ("auto", "none", "required"):
        return {"type": "function", "function": {"name": choice}}
    return choice
