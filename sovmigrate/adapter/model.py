"""``ChatModel``: the facade migrated code calls (like ``httpx.Client`` over a transport)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Generator, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sovmigrate.adapter.backends.base import Backend, Capabilities
from sovmigrate.adapter.errors import BadRequest, ClosedError, UnsupportedParameter
from sovmigrate.adapter.params import check_params
from sovmigrate.adapter.results import Completion, CompletionChunk, Embeddings

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["ChatModel"]

_DONE = object()


class ChatModel:
    """A connected model. Streaming has its own methods (``stream_chat``...); async methods mirror the sync ones.

    Async methods run the sync call in a worker thread. In-process engines are not thread-safe: make one call at
    a time on an in-process model (HTTP backends take concurrent calls). After ``close()`` every call raises
    ``ClosedError``; closing again does nothing.
    """

    def __init__(
        self, backend: Backend, *, param_defaults: str = "neutral", source: str = "connect()"
    ) -> None:
        self._backend = backend
        self._fill_defaults = param_defaults == "neutral"
        self._param_defaults = param_defaults
        self._closed = False
        self._streams: weakref.WeakSet[Iterator[dict[str, Any]]] = weakref.WeakSet()
        self.source = source
        """Where the spec came from: ``connect()``, ``SOVMIGRATE_MODEL``, a pyproject.toml table, ``default``."""

    def __repr__(self) -> str:
        state = " closed" if self._closed else ""
        return f"<ChatModel {self.spec}{state}>"

    @property
    def spec(self) -> str:
        """The ``backend:model`` spec this model was connected with."""
        return f"{self._backend.name}:{self._backend.model}"

    @property
    def backend(self) -> str:
        """The backend's name."""
        return self._backend.name

    @property
    def param_defaults(self) -> str:
        """``"neutral"`` (parameters a call leaves out take the neutral defaults) or ``"engine"``."""
        return self._param_defaults

    @property
    def capabilities(self) -> Capabilities:
        """What this model can do, before any call."""
        return self._backend.capabilities

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._closed

    # -- argument checks ---------------------------------------------------------------------------------------
    def _live(self) -> Backend:
        if self._closed:
            raise ClosedError(
                f"{self.spec} was closed (close() or the end of its `with` block); connect again to use it",
                backend=self.backend,
            )
        return self._backend

    def _params(self, params: Mapping[str, Any], *, echo_ok: bool = False) -> tuple[dict[str, Any], bool]:
        backend = self._live()
        if params.get("echo") and not echo_ok:
            raise UnsupportedParameter(
                "echo works with complete() and stream_complete()", backend=self.backend
            )
        p = check_params(params, backend.PARAMS | {"echo"}, backend.name, fill_defaults=self._fill_defaults)
        return p, bool(p.pop("echo", False))

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

    def _texts(self, texts: str | Sequence[str]) -> list[str]:
        self._live()
        items = [texts] if isinstance(texts, str) else list(texts)
        if not items or not all(isinstance(t, str) for t in items):
            raise BadRequest("texts must be a str or a non-empty list of str", backend=self.backend)
        return items

    def _stream(self, chunks: Iterator[dict[str, Any]], echo: str = "") -> Iterator[CompletionChunk]:
        """Wrap a backend stream: close() closes the engine's stream first; reading on raises ClosedError."""
        try:
            self._streams.add(chunks)
        except TypeError:  # not weak-referenceable: nothing of the engine's to close
            pass
        return self._chunks(chunks, echo)

    def _chunks(self, chunks: Iterator[dict[str, Any]], echo: str) -> Generator[CompletionChunk, None, None]:
        try:
            while True:
                self._live()
                chunk = next(chunks, _DONE)
                if chunk is _DONE:
                    return
                if echo:
                    chunk = _echoed(chunk, echo)
                    echo = ""
                yield CompletionChunk(chunk)
        finally:
            _close(chunks)

    # -- generation --------------------------------------------------------------------------------------------
    def chat(self, messages: Sequence[Mapping[str, Any]], **params: Any) -> Completion:
        """Generate an assistant reply to ``messages`` (OpenAI chat format)."""
        p, _ = self._params(params)
        return Completion(self._backend.chat(self._messages(messages), p))

    def complete(self, prompt: str, **params: Any) -> Completion:
        """Continue ``prompt`` as raw text, without a chat template; ``echo=True`` puts the prompt first."""
        prompt = self._prompt(prompt, params)
        p, echo = self._params(params, echo_ok=True)
        result = self._backend.complete(prompt, p)
        return Completion(_echoed(result, prompt) if echo else result)

    def stream_chat(self, messages: Sequence[Mapping[str, Any]], **params: Any) -> Iterator[CompletionChunk]:
        """Like ``chat`` but yields ``chat.completion.chunk`` records; arguments are checked before returning."""
        p, _ = self._params(params)
        return self._stream(self._backend.stream_chat(self._messages(messages), p))

    def stream_complete(self, prompt: str, **params: Any) -> Iterator[CompletionChunk]:
        """Like ``complete`` but yields ``text_completion`` chunks; arguments are checked before returning.

        With ``echo=True`` the first chunk starts with the prompt."""
        prompt = self._prompt(prompt, params)
        p, echo = self._params(params, echo_ok=True)
        chunks = self._backend.stream_complete(prompt, p)
        return self._stream(chunks, prompt if echo else "")

    # -- embeddings and tokens ---------------------------------------------------------------------------------
    def embed(self, texts: str | Sequence[str]) -> list[list[float]]:
        """One embedding vector per text (a single str gives a list with one vector)."""
        return self._backend.embed(self._texts(texts))

    def embeddings(self, texts: str | Sequence[str]) -> Embeddings:
        """The OpenAI / llama-cpp-python ``create_embedding`` shape: ``r["data"][0]["embedding"]``, ``r.usage``."""
        return Embeddings(self._backend.embeddings(self._texts(texts)))

    def tokenize(self, text: str | bytes, add_special: bool = True, parse_special: bool = False) -> list[int]:
        """Token ids of ``text``. ``add_special`` adds BOS (and what else the model adds); ``parse_special`` reads
        special-token text such as ``<|eot_id|>`` as the special token instead of as plain text."""
        backend = self._live()
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BadRequest(f"text is not valid UTF-8: {exc}", backend=self.backend) from exc
        if not isinstance(text, str):
            raise BadRequest(f"text must be a str or bytes, not {type(text).__name__}", backend=self.backend)
        return backend.tokenize(text, add_special=add_special, parse_special=parse_special)

    def detokenize(self, ids: Sequence[int], render_special: bool = False) -> str:
        """The text of ``ids``; special tokens (BOS, EOS...) are left out unless ``render_special``.

        ``detokenize(tokenize(s, add_special=False)) == s`` for ordinary text."""
        backend = self._live()
        if isinstance(ids, (str, bytes)) or not all(isinstance(i, int) for i in ids):
            raise BadRequest("ids must be a list of int", backend=self.backend)
        return backend.detokenize(list(ids), render_special=render_special)

    def count_tokens(self, text: str) -> int:
        """How many tokens ``text`` is for this model, without BOS or other added special tokens."""
        return self._live().count_tokens(text)

    # -- async twins -------------------------------------------------------------------------------------------
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

    async def aembeddings(self, texts: str | Sequence[str]) -> Embeddings:
        """Async ``embeddings``."""
        return await asyncio.to_thread(self.embeddings, texts)

    # -- lifetime ----------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Release the engine or connection: open streams are closed first. Closing twice does nothing."""
        if self._closed:
            return
        self._closed = True
        for stream in list(self._streams):
            try:
                _close(stream)
            except (
                ValueError
            ):  # being read in another thread; the wrapper raises ClosedError at its next chunk
                pass
        self._backend.close()

    def __enter__(self) -> Self:
        self._live()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _close(chunks: Iterator[Any]) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        close()


def _echoed(result: dict[str, Any], prompt: str) -> dict[str, Any]:
    """``result`` with ``prompt`` put before each choice's text."""
    choices = [{**c, "text": prompt + c.get("text", "")} for c in result["choices"]]
    return {**result, "choices": choices}


async def _aiter(chunks: Iterator[CompletionChunk]) -> AsyncIterator[CompletionChunk]:
    while (chunk := await asyncio.to_thread(next, chunks, _DONE)) is not _DONE:
        yield chunk
