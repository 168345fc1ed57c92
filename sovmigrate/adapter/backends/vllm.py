"""``vllm:path/or/id``: vLLM in-process (``vllm.LLM``).

Options go to ``vllm.LLM`` (``dtype``, ``max_model_len``, ``enforce_eager``...). ``vllm.LLM`` has no streaming
API, so this backend does not stream (``capabilities.streaming`` is False): serve the model with
``vllm serve`` and use the ``openai`` backend to stream. As on the other in-process backends, byte sequences
that are not valid UTF-8 are dropped from the text (vLLM itself renders them as U+FFFD).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, keyword_names, require
from sovmigrate.adapter.errors import BadRequest, EngineError
from sovmigrate.adapter.params import SAMPLING_PARAMS, json_schema_of
from sovmigrate.adapter.results import chat_completion, text_completion

__all__ = ["VLLMBackend"]


_NAMES = (
    "max_tokens",
    "temperature",
    "top_p",
    "top_k",
    "min_p",
    "presence_penalty",
    "frequency_penalty",
    "repetition_penalty",
    "stop",
    "seed",
    "n",
)  # the same names in SamplingParams


class VLLMBackend(Backend):
    """``LLM.generate`` / ``LLM.chat`` with ``SamplingParams`` built from the neutral parameters."""

    name = "vllm"
    PARAMS = SAMPLING_PARAMS | {"n"}
    CAPABILITIES = Capabilities(
        streaming=False,
        tools=False,
        json_schema=True,
        embeddings=False,
        logprobs=False,
        max_context=None,
        params=PARAMS,
        tokenize=True,
    )

    @classmethod
    def option_names(cls) -> frozenset[str]:
        vllm = require("vllm", backend=cls.name, package="vllm", extra="vllm")
        engine_args = {f.name for f in dataclasses.fields(vllm.EngineArgs)}
        return (keyword_names(vllm.LLM.__init__) | engine_args) - {"model"}

    def __init__(self, model: str, **options: Any) -> None:
        self._vllm = require("vllm", backend=self.name, package="vllm", extra="vllm")
        self.model = model
        try:
            self._llm = self._vllm.LLM(model=model, **options)
        except (OSError, ValueError, RuntimeError) as exc:
            raise EngineError(f"cannot load {model!r}: {exc}", backend=self.name) from exc
        self._tok = self._llm.get_tokenizer()
        max_context = self._llm.llm_engine.model_config.max_model_len
        self.capabilities = dataclasses.replace(self.CAPABILITIES, max_context=max_context)

    def _engine_defaults(self, p: dict[str, Any]) -> dict[str, Any]:
        """vLLM's own defaults for a call without sampling_params (the model's generation_config), when the
        model was connected with param_defaults="engine" (then ``p`` holds only what the call gave)."""
        if self.PARAMS <= p.keys():
            return {}
        diff = getattr(self._llm.llm_engine.model_config, "get_diff_sampling_param", dict)
        return dict(diff())

    def _sampling(self, p: dict[str, Any]) -> Any:
        kw = {**self._engine_defaults(p), **{k: p[k] for k in _NAMES if k in p}}
        schema = json_schema_of(p.get("response_format"), self.name)
        if schema is not None:
            params_mod = self._vllm.sampling_params
            if hasattr(params_mod, "StructuredOutputsParams"):
                kw["structured_outputs"] = params_mod.StructuredOutputsParams(json=schema)
            else:
                kw["guided_decoding"] = params_mod.GuidedDecodingParams(json=schema)
        try:
            return self._vllm.SamplingParams(**kw)
        except (ValueError, TypeError) as exc:
            raise BadRequest(str(exc), backend=self.name) from exc

    def _run(self, call: Any, arg: Any, params: dict[str, Any]) -> tuple[list[tuple[str, str]], int, int]:
        try:
            out = call([arg], self._sampling(params), use_tqdm=False)[0]
        except ValueError as exc:  # prompt longer than max_model_len and similar
            raise BadRequest(str(exc), backend=self.name) from exc
        except RuntimeError as exc:
            raise EngineError(str(exc), backend=self.name) from exc
        # like llama.cpp, drop byte sequences that are not valid UTF-8 (vLLM renders them as U+FFFD)
        texts = [(o.text.replace("\ufffd", ""), o.finish_reason or "stop") for o in out.outputs]
        return texts, len(out.prompt_token_ids), sum(len(o.token_ids) for o in out.outputs)

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        return chat_completion(self.model, *self._run(self._llm.chat, messages, params))

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        return text_completion(self.model, *self._run(self._llm.generate, prompt, params))

    def tokenize(self, text: str, add_special: bool, parse_special: bool) -> list[int]:
        return self._tok.encode(text, add_special_tokens=add_special, split_special_tokens=not parse_special)

    def detokenize(self, ids: list[int], render_special: bool) -> str:
        text = self._tok.decode(ids, skip_special_tokens=not render_special)
        return text.replace("\ufffd", "")  # invalid UTF-8 is dropped, as llama.cpp does

    def close(self) -> None:
        engine_core = getattr(
            self._llm.llm_engine, "engine_core", None
        )  # vLLM v1 runs EngineCore in a process
        if engine_core is not None:
            engine_core.shutdown()
