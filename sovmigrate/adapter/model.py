"""``ChatModel``: the facade migrated code calls (like ``httpx.Client`` over a transport)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sovmigrate.adapter.backends.base import Backend, Capabilities
from sovmigrate.adapter.errors import BadRequest, UnsupportedParameter
from sovmigrate.adapter.params import check_params
from sovmigrate.adapter.results import Completion, CompletionChunk

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["ChatModel"]

_DONE = object()


class ChatModel:
    """A connected model. Streaming has its own methods (``stream_chat``...); async methods mirror the sync ones.

    Async methods run the sync call in a worker thread. In-process engines are not thread-safe: make one call at
    a time on an in-process model (HTTP backends take concurrent calls).
    """

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def __repr__(self) -> str:
        return f"<ChatModel {self.spec}>"

    @property
    def spec(self) -> str:
        """The ``backend:model`` spec this model was connected with."""
        return f"{self._backend.name}:{self._backend.model}"

    @property
    def backend(self) -> str:
        """The backend's name."""
        return self._backend.name

    @property
    def capabilities(self) -> Capabilities:
        """What this model can do, before any call."""
        return self._backend.capabilities

    def _params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return check_params(params, self._backend.PARAMS, self._backend.name)

    def _messages(self, messages: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if isinstance(messages, (str, bytes)) or not messages:
            raise BadRequest(
                "messages must be a non-empty list of {'role': ..., 'content': ...}", backend=self.backend
            )
        if not all(isinstance(m, Mapping) and "role" in m for m in messages):
            raise BadRequest("every message must be a mapping with a 'role'", backend=self.backend)
        return [dict(m) for m in messages]

    def _prompt(self, prompt: str, params: Mapping[str, Any]) -> str:
        if not isinstance(prompt, str):
            raise BadRequest(f"prompt must be a str, not {type(prompt).__name__}", backend=self.backend)
        if params.get("tools") or params.get("tool_choice"):
            raise UnsupportedParameter("tools work with chat(), not with complete()", backend=self.backend)
        return prompt

    def chat(self, messages: Sequence[Mapping[str, Any]], **params: Any) -> Completion:
        """Generate an assistant reply to ``messages`` (OpenAI chat format)."""
        return Completion(self._backend.chat(self._messages(messages), self._params(params)))

    def complete(self, prompt: str, **params: Any) -> Completion:
        """Continue ``prompt`` as raw text, without a chat template."""
        return Completion(self._backend.complete(self._prompt(prompt, params), self._params(params)))

    def stream_chat(self, messages: Sequence[Mapping[str, Any]], **params: Any) -> Iterator[CompletionChunk]:
        """Like ``chat`` but yields ``chat.completion.chunk`` records; arguments are checked before returning."""
        chunks = self._backend.stream_chat(self._messages(messages), self._params(params))
        return (CompletionChunk(c) for c in chunks)

    def stream_complete(self, prompt: str, **params: Any) -> Iterator[CompletionChunk]:
        """Like ``complete`` but yields ``text_completion`` chunks; arguments are checked before returning."""
        chunks = self._backend.stream_complete(self._prompt(prompt, params), self._params(params))
        return (CompletionChunk(c) for c in chunks)

    def embed(self, texts: str | Sequence[str]) -> list[list[float]]:
        """One embedding vector per text (a single str gives a list with one vector)."""
        return self._backend.embed([texts] if isinstance(texts, str) else list(texts))

    def count_tokens(self, text: str) -> int:
        """How many tokens ``text`` is for this model, without BOS or other added special tokens."""
        return self._backend.count_tokens(text)

    async def achat(self, messages: Sequence[Mapping[str, Any]], **params: Any) -> Completion:
        """Async ``chat``."""
        return await asyncio.to_thread(self.chat, messages, **params)

    async def acomplete(self, prompt: str, **params: Any) -> Completion:
        """Async ``complete``."""
        return await asyncio.to_thread(self.complete, prompt, **params)

    async def astream_chat(
        self, messages: Sequence[Mapping[str, Any]], **params: Any
    ) -> AsyncIterator[CompletionChunk]:
        """Async ``stream_chat``."""
        async for chunk in _aiter(self.stream_chat(messages, **params)):
            yield chunk

    async def astream_complete(self, prompt: str, **params: Any) -> AsyncIterator[CompletionChunk]:
        """Async ``stream_complete``."""
        async for chunk in _aiter(self.stream_complete(prompt, **params)):
            yield chunk

    async def aembed(self, texts: str | Sequence[str]) -> list[list[float]]:
        """Async ``embed``."""
        return await asyncio.to_thread(self.embed, texts)

    def close(self) -> None:
        """Release the engine or connection."""
        self._backend.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _aiter(chunks: Iterator[CompletionChunk]) -> AsyncIterator[CompletionChunk]:
    while (chunk := await asyncio.to_thread(next, chunks, _DONE)) is not _DONE:
        yield chunk
