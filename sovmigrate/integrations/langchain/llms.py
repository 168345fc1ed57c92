"""``SovmigrateLLM``: a LangChain text-completion LLM over the adapter's ``complete`` / ``stream_complete``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from functools import partial
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models.llms import LLM
from langchain_core.outputs import GenerationChunk
from pydantic import Field

from sovmigrate.adapter import ChatModel
from sovmigrate.integrations import _serial as serial
from sovmigrate.integrations._params import SamplingFields

__all__ = ["SovmigrateLLM"]


class SovmigrateLLM(LLM, SamplingFields):
    """A LangChain LLM (string in, string out) on any engine the adapter connects to.

    Prompts are sent as raw text (``complete``), without a chat template; with ``chat_template=True`` each
    prompt is sent as one user message (``chat``), so the model's chat template applies, as Ollama's
    ``/api/generate`` and chat-only hosted APIs do.
    """

    client: ChatModel = Field(exclude=True)
    """The connected model (``sovmigrate.adapter.connect(...)``)."""
    chat_template: bool = False
    """Send each prompt as one user message through the model's chat template."""
    streaming: bool = False
    """Generate through streaming even for ``invoke``, so callbacks see each token."""

    @property
    def _llm_type(self) -> str:
        return "sovmigrate"

    def get_token_ids(self, text: str) -> list[int]:
        """The model's own token ids where the connection can tokenize; else LangChain's default (GPT-2)."""
        if self.client.capabilities.tokenize:
            return serial.call(self.client, self.client.tokenize, text, add_special=False)
        return super().get_token_ids(text)

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"spec": self.client.spec, "chat_template": self.chat_template, **self._call_params(None, {})}

    def _call(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> str:
        if self.streaming:
            return "".join(chunk.text for chunk in self._stream(prompt, stop, run_manager, **kwargs))
        params = self._call_params(stop, kwargs)
        if self.chat_template:
            return serial.call(self.client, self.client.chat, _as_messages(prompt), **params).text or ""
        return serial.call(self.client, self.client.complete, prompt, **params).text or ""

    async def _acall(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> str:
        if self.streaming:
            return "".join([chunk.text async for chunk in self._astream(prompt, stop, run_manager, **kwargs)])
        return await asyncio.to_thread(self._call, prompt, stop, None, **kwargs)

    def _stream(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[GenerationChunk]:
        for generation in self._chunks(prompt, stop, kwargs):
            if run_manager:
                run_manager.on_llm_new_token(generation.text, chunk=generation)
            yield generation

    async def _astream(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[GenerationChunk]:
        async for generation in serial.aiterate(self._chunks(prompt, stop, kwargs)):
            if run_manager:
                await run_manager.on_llm_new_token(generation.text, chunk=generation)
            yield generation

    def _chunks(
        self, prompt: str, stop: list[str] | None, kwargs: dict[str, Any]
    ) -> Iterator[GenerationChunk]:
        params = self._call_params(stop, kwargs)
        if self.chat_template:
            start = partial(self.client.stream_chat, _as_messages(prompt), **params)
        else:
            start = partial(self.client.stream_complete, prompt, **params)
        for chunk in serial.stream(self.client, start):
            generation = _generation_chunk(chunk)
            if generation is not None:
                yield generation


def _as_messages(prompt: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": prompt}]


def _generation_chunk(chunk: Any) -> GenerationChunk | None:
    """A text chunk from a completion chunk (``text``) or a chat chunk (``delta.content``); None when empty
    of both (the role-only first chat chunk)."""
    choices = chunk.get("choices") or []
    if not choices:
        return None
    choice = choices[0]
    text = choice["text"] if "text" in choice else (choice.get("delta") or {}).get("content")
    if text is None:
        return None
    info = {"finish_reason": choice["finish_reason"]} if choice.get("finish_reason") else None
    return GenerationChunk(text=text, generation_info=info)
