"""transformers backend: greedy outputs equal `model.generate` called directly on the safetensors copy."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import BadRequest, ChatModel, UnsupportedParameter, connect
from tests.adapter.conftest import MESSAGES, N_CTX, PROMPT, spm_text

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]


@pytest.fixture(scope="module")
def model(hf_dir: str) -> Iterator[ChatModel]:
    with connect(f"transformers:{hf_dir}") as m:
        yield m


@pytest.fixture(scope="module")
def direct(hf_dir: str) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(hf_dir), AutoModelForCausalLM.from_pretrained(hf_dir).eval()


def greedy_ids(direct: tuple[Any, Any], ids: list[int], n: int) -> list[int]:
    import torch

    tok, hf = direct
    out = hf.generate(
        torch.tensor([ids]),
        attention_mask=torch.ones(1, len(ids), dtype=torch.long),
        do_sample=False,
        max_new_tokens=n,
        pad_token_id=tok.eos_token_id,
    )
    return out[0, len(ids) :].tolist()


def chat_ids(tok: Any) -> list[int]:
    return tok(
        tok.apply_chat_template(MESSAGES, add_generation_prompt=True, tokenize=False),
        add_special_tokens=False,
    ).input_ids


def test_chat_equals_generate(model: ChatModel, direct: tuple[Any, Any]) -> None:
    tok = direct[0]
    ids = greedy_ids(direct, chat_ids(tok), 16)
    r = model.chat(MESSAGES, max_tokens=16, temperature=0)
    assert r.choices[0].message.content == r.text == spm_text(tok, ids)
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.finish_reason) == (
        len(chat_ids(tok)),
        16,
        "length",
    )


def test_complete_equals_generate(model: ChatModel, direct: tuple[Any, Any]) -> None:
    tok = direct[0]
    prompt_ids = tok(PROMPT).input_ids
    r = model.complete(PROMPT, max_tokens=16, temperature=0)
    assert r.choices[0].text == spm_text(tok, greedy_ids(direct, prompt_ids, 16))
    assert r.usage.prompt_tokens == len(prompt_ids)


def test_streams_equal_non_streamed(model: ChatModel) -> None:
    chunks = list(model.stream_chat(MESSAGES, max_tokens=16, temperature=0))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert (
        "".join(c.choices[0].delta.content or "" for c in chunks)
        == model.chat(MESSAGES, max_tokens=16, temperature=0).text
    )
    assert chunks[-1].finish_reason == "length"
    assert len([c for c in chunks if c.text]) > 8  # really incremental
    text = "".join(c.choices[0].text for c in model.stream_complete(PROMPT, max_tokens=16, temperature=0))
    assert text == model.complete(PROMPT, max_tokens=16, temperature=0).text


def test_async_variants(model: ChatModel) -> None:
    async def run() -> tuple[str, str]:
        r = await model.achat(MESSAGES, max_tokens=6, temperature=0)
        s = "".join([c.text async for c in model.astream_complete(PROMPT, max_tokens=6, temperature=0)])
        return r.text, s

    chat, streamed = asyncio.run(run())
    assert chat == model.chat(MESSAGES, max_tokens=6, temperature=0).text
    assert streamed == model.complete(PROMPT, max_tokens=6, temperature=0).text


def test_stop_string_cuts_text_and_stream(model: ChatModel) -> None:
    full = model.complete(PROMPT, max_tokens=16, temperature=0).text
    stop = full.split()[3]
    r = model.complete(PROMPT, max_tokens=16, temperature=0, stop=[stop])
    assert r.text == full[: full.index(stop)] and r.finish_reason == "stop"
    chunks = list(model.stream_complete(PROMPT, max_tokens=16, temperature=0, stop=[stop]))
    assert "".join(c.text for c in chunks) == r.text
    assert chunks[-1].finish_reason == "stop"


def test_seeded_sampling_is_reproducible(model: ChatModel) -> None:
    a = model.complete(PROMPT, max_tokens=12, temperature=1.0, seed=3).text
    assert a == model.complete(PROMPT, max_tokens=12, temperature=1.0, seed=3).text
    assert a != model.complete(PROMPT, max_tokens=12, temperature=0).text


def test_no_max_tokens_means_until_the_context_ends(model: ChatModel) -> None:
    r = model.complete(PROMPT, temperature=0)  # generation_config alone would stop at 20 tokens
    assert r.usage.total_tokens == N_CTX and r.finish_reason == "length"


def test_count_tokens_equals_the_tokenizer(model: ChatModel, direct: tuple[Any, Any]) -> None:
    text = "Hello, world! def f(x): return x"
    assert model.count_tokens(text) == len(direct[0](text, add_special_tokens=False).input_ids) > 0


@pytest.mark.parametrize(
    "params, match",
    [
        ({"presence_penalty": 0.5}, "presence_penalty"),
        ({"response_format": {"type": "json_object"}}, "response_format"),
        ({"n": 3}, "n=3"),
        ({"logprobs": True}, "logprobs"),
    ],
)
def test_refused_parameters(model: ChatModel, params: dict[str, Any], match: str) -> None:
    with pytest.raises(UnsupportedParameter, match=match):
        model.chat(MESSAGES, **params)
    assert not model.capabilities.json_schema and not model.capabilities.embeddings


def test_prompt_that_fills_the_context_is_a_bad_request(model: ChatModel) -> None:
    long_prompt = "word " * N_CTX
    with pytest.raises(BadRequest, match="fills the context"):
        model.complete(long_prompt)
    with pytest.raises(BadRequest, match="fills the context"):
        model.stream_complete(long_prompt)  # raised by the call, before any chunk is read
