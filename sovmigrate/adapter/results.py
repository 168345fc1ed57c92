"""OpenAI-shaped results that read both ways: ``r.choices[0].message.content`` and
``r["choices"][0]["message"]["content"]``.

A result is a plain ``dict`` (so code written for llama-cpp-python's dicts, ``json.dumps`` and ``==`` keep
working) whose keys are also attributes. Optional OpenAI fields that a payload omits (``delta.content`` on a
role-only chunk, ``message.tool_calls``...) read as ``None`` by attribute, as on OpenAI's objects, and stay
absent by key, as in llama-cpp-python's dicts. ``model_dump()`` / ``model_dump_json()`` give plain data, as on
pydantic and openai-python objects.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Collection
from typing import Any, ClassVar, Literal

__all__ = [
    "Completion",
    "CompletionChunk",
    "Embeddings",
    "Record",
    "chat_chunk",
    "chat_completion",
    "stream_base",
    "text_chunk",
    "text_completion",
]

_OPTIONAL = frozenset(
    {
        "content",
        "role",
        "tool_calls",
        "function_call",
        "logprobs",
        "refusal",
        "name",
        "usage",
        "system_fingerprint",
    }
)


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Record(dict):
    """A dict whose keys read as attributes too; nested dicts and lists are wrapped on construction."""

    __slots__ = ()
    # Fields that model_dump() shows as None when a payload leaves them out (as pydantic shows unset fields).
    _DUMP_DEFAULTS: ClassVar[dict[str, None]] = {}

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        super().__init__({k: _wrap(v) for k, v in (data or {}).items()})

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        include: Collection[str] | None = None,
        exclude: Collection[str] | None = None,
        exclude_none: bool = False,
        exclude_unset: bool = False,
    ) -> dict[str, Any]:
        """A deep copy as plain dicts and lists (both modes give JSON-ready data); ``include``/``exclude`` name
        top-level fields. Unless ``exclude_unset``, OpenAI fields the payload left out read as None."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")
        data = _plain(dict(self)) if exclude_unset else {**self._DUMP_DEFAULTS, **_plain(dict(self))}
        if include is not None:
            data = {k: v for k, v in data.items() if k in include}
        if exclude is not None:
            data = {k: v for k, v in data.items() if k not in exclude}
        return _without_none(data) if exclude_none else data

    def model_dump_json(self, *, indent: int | None = None, **options: Any) -> str:
        """``model_dump()`` as JSON text (compact unless ``indent``; non-ASCII kept); same options."""
        separators = (",", ":") if indent is None else None
        return json.dumps(
            self.model_dump(mode="json", **options), indent=indent, ensure_ascii=False, separators=separators
        )

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            if name in _OPTIONAL:
                return None
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


class _Shortcuts(Record):
    __slots__ = ()
    _DUMP_DEFAULTS: ClassVar[dict[str, None]] = {"system_fingerprint": None}

    @property
    def finish_reason(self) -> str | None:
        """The first choice's finish reason (``stop``, ``length``, ``tool_calls``...)."""
        return self["choices"][0].get("finish_reason") if self.get("choices") else None


class Completion(_Shortcuts):
    """A chat or text completion (``chat.completion`` / ``text_completion``)."""

    __slots__ = ()
    _DUMP_DEFAULTS: ClassVar[dict[str, None]] = {"system_fingerprint": None, "usage": None}

    @property
    def text(self) -> str:
        """The first choice's text: ``message.content`` for chat, ``text`` for completions."""
        choice = self["choices"][0]
        message = choice.get("message")
        return (message.get("content") or "") if message is not None else choice.get("text", "")


class CompletionChunk(_Shortcuts):
    """One streamed chunk (``chat.completion.chunk`` / ``text_completion``)."""

    __slots__ = ()

    @property
    def text(self) -> str:
        """The text this chunk adds: ``delta.content`` for chat, ``text`` for completions."""
        if not self.get("choices"):
            return ""
        choice = self["choices"][0]
        delta = choice.get("delta")
        return (delta.get("content") or "") if delta is not None else choice.get("text", "")


class Embeddings(Record):
    """Embedding vectors in OpenAI's ``list`` shape (llama-cpp-python's ``create_embedding`` result)."""

    __slots__ = ()

    @property
    def vectors(self) -> list[list[float]]:
        """The vectors in input order."""
        return [d["embedding"] for d in sorted(self["data"], key=lambda d: d["index"])]


def _envelope(kind: str, prefix: str, model: str) -> dict[str, Any]:
    return {"id": f"{prefix}-{uuid.uuid4().hex}", "object": kind, "created": int(time.time()), "model": model}


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def chat_completion(
    model: str, texts: list[tuple[str, str]], prompt_tokens: int, completion_tokens: int
) -> dict:
    """Build a ``chat.completion`` payload from ``(text, finish_reason)`` per choice."""
    choices = [
        {"index": i, "message": {"role": "assistant", "content": t}, "logprobs": None, "finish_reason": f}
        for i, (t, f) in enumerate(texts)
    ]
    return {
        **_envelope("chat.completion", "chatcmpl", model),
        "choices": choices,
        "usage": _usage(prompt_tokens, completion_tokens),
    }


def text_completion(
    model: str, texts: list[tuple[str, str]], prompt_tokens: int, completion_tokens: int
) -> dict:
    """Build a ``text_completion`` payload from ``(text, finish_reason)`` per choice."""
    choices = [
        {"index": i, "text": t, "logprobs": None, "finish_reason": f} for i, (t, f) in enumerate(texts)
    ]
    return {
        **_envelope("text_completion", "cmpl", model),
        "choices": choices,
        "usage": _usage(prompt_tokens, completion_tokens),
    }


def chat_chunk(base: dict[str, Any], delta: dict[str, Any], finish_reason: str | None) -> dict:
    """A ``chat.completion.chunk`` sharing ``base``'s id/created/model."""
    return {
        **base,
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }


def text_chunk(base: dict[str, Any], text: str, finish_reason: str | None) -> dict:
    """A streamed ``text_completion`` chunk sharing ``base``'s id/created/model."""
    return {
        **base,
        "object": "text_completion",
        "choices": [{"index": 0, "text": text, "logprobs": None, "finish_reason": finish_reason}],
    }


def stream_base(kind: str, model: str) -> dict[str, Any]:
    """The id/created/model envelope every chunk of one stream shares."""
    return _envelope(kind, "chatcmpl" if kind == "chat" else "cmpl", model)
