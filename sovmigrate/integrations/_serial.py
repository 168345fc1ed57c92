"""One call at a time on an in-process engine: the frameworks call models from thread pools (LangChain's
``batch``, LlamaIndex's async methods), and llama.cpp, transformers and vLLM models are not thread-safe.

HTTP backends (ollama, openai, bedrock) take concurrent calls and are not serialized.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from sovmigrate.adapter import ChatModel

__all__ = ["IN_PROCESS", "aiterate", "call", "engine_lock", "stream"]

T = TypeVar("T")
IN_PROCESS = frozenset({"llamacpp", "transformers", "vllm"})
_LOCKS: weakref.WeakKeyDictionary[ChatModel, threading.Lock] = weakref.WeakKeyDictionary()
_GUARD = threading.Lock()
_DONE = object()


def engine_lock(client: ChatModel) -> AbstractContextManager[Any]:
    """The lock every call on ``client`` holds (shared by all the objects using that connection)."""
    if client.backend not in IN_PROCESS:
        return nullcontext()
    with _GUARD:
        return _LOCKS.setdefault(client, threading.Lock())


def call(client: ChatModel, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``method(*args, **kwargs)`` (a method of ``client``) holding the engine's lock."""
    with engine_lock(client):
        return method(*args, **kwargs)


def stream(client: ChatModel, start: Callable[[], Iterator[T]]) -> Iterator[T]:
    """The chunks of ``start()``, holding the engine's lock until the stream ends or is closed."""
    with engine_lock(client):
        yield from start()


async def aiterate(items: Iterator[T]) -> AsyncIterator[T]:
    """An async iterator over a blocking one, each step in a worker thread; closed when left early."""
    try:
        while (item := await asyncio.to_thread(next, items, _DONE)) is not _DONE:
            yield item  # type: ignore[misc]
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            await asyncio.to_thread(close)
