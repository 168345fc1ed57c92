"""Results read like OpenAI objects and like llama-cpp-python dicts at once."""

from __future__ import annotations

import json

import pytest

from sovmigrate.adapter.results import Completion, CompletionChunk

CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hi!"},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
}
TEXT = {
    "id": "cmpl-1",
    "object": "text_completion",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "text": " jumps", "logprobs": None, "finish_reason": "length"}],
}


def test_chat_completion_reads_both_ways() -> None:
    r = Completion(CHAT)
    assert r.choices[0].message.content == r["choices"][0]["message"]["content"] == r.text == "Hi!"
    assert r.finish_reason == "stop"
    assert r.usage.total_tokens == r["usage"]["total_tokens"] == 7


def test_text_completion_reads_both_ways() -> None:
    r = Completion(TEXT)
    assert r.choices[0].text == r["choices"][0]["text"] == r.text == " jumps"
    assert r.finish_reason == "length"
    assert r.usage is None  # absent optional field reads as None, like OpenAI's objects
    assert "usage" not in r  # and stays absent as a key, like llama-cpp-python's dicts


def test_result_is_a_plain_dict_for_json_and_equality() -> None:
    r = Completion(CHAT)
    assert r == CHAT
    assert json.loads(json.dumps(r)) == CHAT


def test_role_only_chunk_has_none_content_by_attribute_and_no_key() -> None:
    c = CompletionChunk(
        {
            "id": "x",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}],
        }
    )
    assert c.choices[0].delta.content is None
    assert c["choices"][0]["delta"].get("content", "") == ""
    assert c.text == ""
    assert c.finish_reason is None


def test_unknown_field_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="choises"):
        Completion(CHAT).choises  # noqa: B018
