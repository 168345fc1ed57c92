"""LangChain messages to the adapter's OpenAI-shaped messages, and the adapter's results back to LangChain's."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, convert_to_openai_messages
from langchain_core.messages.ai import UsageMetadata
from langchain_core.messages.tool import tool_call_chunk
from langchain_core.output_parsers.openai_tools import make_invalid_tool_call, parse_tool_call

__all__ = ["ai_message", "ai_message_chunk", "openai_messages", "usage_metadata"]


def openai_messages(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """The messages as OpenAI chat messages (roles, tool calls and tool results included)."""
    return list(convert_to_openai_messages(list(messages)))


def usage_metadata(usage: Mapping[str, Any] | None) -> UsageMetadata | None:
    """LangChain's token counts from an OpenAI ``usage`` record."""
    if not usage:
        return None
    prompt, completion = usage.get("prompt_tokens") or 0, usage.get("completion_tokens") or 0
    return UsageMetadata(
        input_tokens=prompt,
        output_tokens=completion,
        total_tokens=usage.get("total_tokens") or prompt + completion,
    )


def ai_message(
    message: Mapping[str, Any], metadata: dict[str, Any], usage: Mapping[str, Any] | None
) -> AIMessage:
    """An ``AIMessage`` from a chat completion's ``choices[0]["message"]``, tool calls parsed."""
    tool_calls, invalid = [], []
    for raw in message.get("tool_calls") or ():
        raw = _plain(raw)
        try:
            tool_calls.append(parse_tool_call(raw, return_id=True))
        except Exception as exc:  # noqa: BLE001 - LangChain's own parser raises OutputParserException
            invalid.append(make_invalid_tool_call(raw, str(exc)))
    return AIMessage(
        content=message.get("content") or "",
        tool_calls=[call for call in tool_calls if call],
        invalid_tool_calls=invalid,
        response_metadata=metadata,
        usage_metadata=usage_metadata(usage),
    )


def ai_message_chunk(delta: Mapping[str, Any], usage: Mapping[str, Any] | None) -> AIMessageChunk:
    """An ``AIMessageChunk`` from a streamed chat chunk's ``delta`` (tool-call fragments kept by index)."""
    chunks = [
        tool_call_chunk(
            name=(call.get("function") or {}).get("name"),
            args=(call.get("function") or {}).get("arguments"),
            id=call.get("id"),
            index=call.get("index"),
        )
        for call in delta.get("tool_calls") or ()
    ]
    return AIMessageChunk(
        content=delta.get("content") or "", tool_call_chunks=chunks, usage_metadata=usage_metadata(usage)
    )


def _plain(value: Any) -> Any:
    """A JSON round trip: the adapter's records are dict subclasses; LangChain's parser wants plain data."""
    return json.loads(json.dumps(value))
