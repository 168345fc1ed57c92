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


def test_model_dump_gives_plain_data_with_openai_s_optional_fields() -> None:
    r = Completion(TEXT)
    dump = r.model_dump()
    assert type(dump) is dict and type(dump["choices"][0]) is dict  # plain, not Records
    assert dump == {**TEXT, "system_fingerprint": None, "usage": None}
    assert r.model_dump(exclude_unset=True) == TEXT
    assert r.model_dump(exclude_none=True) == {
        **{k: v for k, v in TEXT.items() if k != "choices"},
        "choices": [{"index": 0, "text": " jumps", "finish_reason": "length"}],
    }
    assert r.model_dump(include={"id", "model"}) == {"id": "cmpl-1", "model": "m"}
    assert "choices" not in r.model_dump(exclude={"choices"})
    dump["choices"][0]["text"] = "changed"
    assert r.text == " jumps"  # a copy


def test_model_dump_json_is_compact_and_keeps_non_ascii() -> None:
    r = Completion({**CHAT, "system_fingerprint": "fp_1"})
    assert r.system_fingerprint == "fp_1"
    text = r.model_dump_json()
    assert json.loads(text) == r and '"system_fingerprint":"fp_1"' in text
    assert "\n" in r.model_dump_json(indent=2)
    assert Completion({**CHAT, "model": "Ünï"}).model_dump_json().count("Ünï") == 1


def test_system_fingerprint_reads_none_when_absent() -> None:
    r = Completion(CHAT)
    assert r.system_fingerprint is None and "system_fingerprint" not in r


def test_nested_records_dump_too() -> None:
    """OpenAI-SDK code appends ``r.choices[0].message.model_dump()`` to its message history."""
    message = Completion(CHAT).choices[0].message.model_dump()
    assert message == {"role": "assistant", "content": "Hi!"} and type(message) is dict


def test_embeddings_vectors_in_input_order() -> None:
    from sovmigrate.adapter.results import Embeddings

    r = Embeddings(
        {
            "object": "list",
            "data": [
                {"object": "embedding", "embedding": [2.0], "index": 1},
                {"object": "embedding", "embedding": [1.0], "index": 0},
            ],
            "model": "m",
            "usage": {"prompt_tokens": 2, "total_tokens": 2},
        }
    )
    assert r.vectors == [[1.0], [2.0]] and r["data"][0]["embedding"] == [2.0] and r.usage.prompt_tokens == 2
