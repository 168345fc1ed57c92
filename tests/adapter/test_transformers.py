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


# -- what rewritten transformers code relies on ----------------------------------------------------------------
def test_decode_standalone_equals_tok_decode_of_the_new_tokens(hf_dir: str, direct: tuple[Any, Any]) -> None:
    """decode="standalone" gives what `tok.decode(out[0][n:], skip_special_tokens=True)` printed."""
    tok = direct[0]
    ids = tok(PROMPT).input_ids
    expected = tok.decode(greedy_ids(direct, ids, 16), skip_special_tokens=True)
    with connect(f"transformers:{hf_dir}", decode="standalone") as m:
        r = m.complete(PROMPT, max_tokens=16, temperature=0)
        streamed = "".join(c.text for c in m.stream_complete(PROMPT, max_tokens=16, temperature=0))
    assert r.text == streamed == expected
    assert not expected.startswith(" ")  # the default decoding keeps that space, as llama.cpp does


def test_unknown_decode_mode_is_an_option_error(hf_dir: str) -> None:
    from sovmigrate.adapter import OptionError

    with pytest.raises(OptionError, match="decode='raw' must be one of: context, standalone"):
        connect(f"transformers:{hf_dir}", decode="raw")
    with pytest.raises(OptionError, match="unknown option 'max_new_tokens'"):
        connect(f"transformers:{hf_dir}", max_new_tokens=5)


def test_pipeline_views_equal_the_text_generation_pipeline(hf_dir: str) -> None:
    """`pipe(prompt)` (return_full_text=True by default) and `pipe(messages)` give what the views give, with
    decode="standalone": the pipeline decodes the new tokens on their own (no space after the prompt, U+FFFD kept)."""
    from transformers import pipeline

    from sovmigrate.adapter import views

    pipe = pipeline("text-generation", model=hf_dir)
    model = connect(f"transformers:{hf_dir}", decode="standalone")
    kw = {"max_new_tokens": 12, "do_sample": False}
    full = views.pipeline_output(model.complete(PROMPT, max_tokens=12, temperature=0, echo=True))
    assert full == pipe(PROMPT, **kw)
    assert full[0]["generated_text"].startswith(PROMPT)
    new = views.pipeline_output(model.complete(PROMPT, max_tokens=12, temperature=0))
    assert new == pipe(PROMPT, return_full_text=False, **kw)
    chat = views.pipeline_chat_output(model.chat(MESSAGES, max_tokens=12, temperature=0), MESSAGES)
    assert chat == pipe(MESSAGES, **kw)
    assert chat[0]["generated_text"][-1]["content"] == model.chat(MESSAGES, max_tokens=12, temperature=0).text


@pytest.mark.filterwarnings(
    "ignore:Using the model-agnostic default `max_length`"
)  # the engine default at work
def test_engine_defaults_mode_uses_the_generation_config(hf_dir: str, direct: tuple[Any, Any]) -> None:
    """param_defaults="engine": `model.generate(ids)` with no arguments (greedy, 20 new tokens here)."""
    import torch

    tok, hf = direct
    ids = tok(PROMPT).input_ids
    out = hf.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long))
    new = out[0, len(ids) :].tolist()
    with connect(f"transformers:{hf_dir}", param_defaults="engine") as m:
        r = m.complete(PROMPT)
    assert r.text == spm_text(tok, new) and r.usage.completion_tokens == len(new) == 20


def test_min_p_and_typical_p_reach_generate(model: ChatModel, hf_dir: str, direct: tuple[Any, Any]) -> None:
    import torch

    tok, hf = direct
    ids = tok(PROMPT).input_ids

    def sampled(**kw: Any) -> str:
        torch.manual_seed(5)
        out = hf.generate(
            torch.tensor([ids]),
            attention_mask=torch.ones(1, len(ids), dtype=torch.long),
            do_sample=True,
            temperature=1.5,
            top_k=0,
            top_p=1.0,
            max_new_tokens=20,
            pad_token_id=tok.eos_token_id,
            **kw,
        )
        return spm_text(tok, out[0, len(ids) :].tolist())

    for name, value in (("min_p", 0.3), ("typical_p", 0.4)):
        r = model.complete(PROMPT, max_tokens=20, temperature=1.5, seed=5, **{name: value})
        assert r.text == sampled(**{name: value}) != sampled(), name


def test_tokenize_and_detokenize_equal_the_tokenizer(model: ChatModel, direct: tuple[Any, Any]) -> None:
    tok = direct[0]
    text = "Hello, world! Ünïcödé <s> and code"
    assert model.tokenize(text, parse_special=True) == tok(text).input_ids
    assert (
        model.tokenize(text, add_special=False)
        == tok(text, add_special_tokens=False, split_special_tokens=True).input_ids
    )
    assert model.detokenize(model.tokenize(text, add_special=False)) == text
    assert model.detokenize([1, 15043, 2]) == "Hello"
    assert model.detokenize([1, 15043, 2], render_special=True) == "<s> Hello</s>"
