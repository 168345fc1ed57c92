"""``vllm:path/or/id``: vLLM in-process (``vllm.LLM``).

Options go to ``vllm.LLM`` (``dtype``, ``max_model_len``, ``enforce_eager``...). ``vllm.LLM`` has no streaming
API, so this backend does not stream (``capabilities.streaming`` is False): serve the model with
``vllm serve`` and use the ``openai`` backend to stream. As on the other in-process backends, byte sequences
that are not valid UTF-8 are dropped from the text (vLLM itself renders them as U+FFFD).
"""

from __future__ import annotations

from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, require
from sovmigrate.adapter.errors import BadRequest, EngineError
from sovmigrate.adapter.params import SAMPLING_PARAMS, json_schema_of
from sovmigrate.adapter.results import chat_completion, text_completion

__all__ = ["VLLMBackend"]


class VLLMBackend(Backend):
    """``LLM.generate`` / ``LLM.chat`` with ``SamplingParams`` built from the neutral parameters."""

    name = "vllm"
    PARAMS = SAMPLING_PARAMS | {"n"}

    def __init__(self, model: str, **options: Any) -> None:
        self._vllm = require("vllm", backend=self.name, package="vllm", extra="vllm")
        self.model = model
        try:
            self._llm = self._vllm.LLM(model=model, **options)
        except (OSError, ValueError, RuntimeError) as exc:
            raise EngineError(f"cannot load {model!r}: {exc}", backend=self.name) from exc
        self._tok = self._llm.get_tokenizer()
        self.capabilities = Capabilities(
            streaming=False,
            tools=False,
            json_schema=True,
            embeddings=False,
            logprobs=False,
            max_context=self._llm.llm_engine.model_config.max_model_len,
            params=self.PARAMS,
        )

    def _sampling(self, p: dict[str, Any]) -> Any:
        kw: dict[str, Any] = {
            "n": p["n"],
            "max_tokens": p["max_tokens"],
            "temperature": p["temperature"],
            "top_p": p["top_p"],
            "top_k": p["top_k"],
            "min_p": 0.0,
            "presence_penalty": p["presence_penalty"],
            "frequency_penalty": p["frequency_penalty"],
            "repetition_penalty": p["repetition_penalty"],
            "stop": p["stop"],
            "seed": p["seed"],
        }
        schema = json_schema_of(p["response_format"], self.name)
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

    def count_tokens(self, text: str) -> int:
        return len(self._tok.encode(text, add_special_tokens=False))

    def close(self) -> None:
        engine_core = getattr(
            self._llm.llm_engine, "engine_core", None
        )  # vLLM v1 runs EngineCore in a process
        if engine_core is not None:
            engine_core.shutdown()
