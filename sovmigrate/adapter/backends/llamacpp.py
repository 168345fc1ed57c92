"""``llamacpp:path/to/model.gguf``: llama-cpp-python in-process.

Options go to ``llama_cpp.Llama`` (``n_ctx``, ``n_threads``, ``chat_format``...). ``embedding=True`` enables
``embed()``; ``logits_all=True`` enables ``logprobs``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, require
from sovmigrate.adapter.errors import BadRequest, EngineError
from sovmigrate.adapter.params import SAMPLING_PARAMS, json_schema_of

__all__ = ["LlamaCppBackend"]



class LlamaCppBackend(Backend):
    """llama-cpp-python's ``Llama``; results are its own OpenAI-shaped dicts."""

    name = "llamacpp"
    PARAMS = SAMPLING_PARAMS | {"logprobs", "top_logprobs"}

    def __init__(self, model: str, *, embedding: bool = False, **options: Any) -> None:
        llama_cpp = require("llama_cpp", backend=self.name, package="llama-cpp-python", extra="llamacpp")
        self.model = model
        self._grammar_cls = llama_cpp.LlamaGrammar
        options.setdefault("verbose", False)
        if embedding:
            options.setdefault("pooling_type", llama_cpp.LLAMA_POOLING_TYPE_MEAN)
        try:
            self._llm = llama_cpp.Llama(model_path=model, embedding=embedding, **options)
        except (ValueError, RuntimeError, OSError) as exc:
            raise EngineError(f"cannot load {model!r}: {exc}", backend=self.name) from exc
        logprobs = bool(options.get("logits_all"))
        self.PARAMS = self.PARAMS if logprobs else SAMPLING_PARAMS
        self.capabilities = Capabilities(
            streaming=True,
            tools=False,
            json_schema=True,
            embeddings=embedding,
            logprobs=logprobs,
            max_context=self._llm.n_ctx(),
            params=self.PARAMS,
        )

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except ValueError as exc:  # prompt too long, bad grammar, bad argument
            raise BadRequest(str(exc), backend=self.name) from exc
        except RuntimeError as exc:
            raise EngineError(str(exc), backend=self.name) from exc

    def _sampling(self, p: dict[str, Any]) -> dict[str, Any]:
        kw = {
            "max_tokens": p["max_tokens"],
            "temperature": p["temperature"],
            "top_p": p["top_p"],
            "top_k": p["top_k"],
            "min_p": 0.0,
            "stop": p["stop"],
            "seed": p["seed"],
            "presence_penalty": p["presence_penalty"],
            "frequency_penalty": p["frequency_penalty"],
            "repeat_penalty": p["repetition_penalty"],
        }
        schema = json_schema_of(p["response_format"], self.name)
        if schema is not None:
            try:
                kw["grammar"] = self._grammar_cls.from_json_schema(json.dumps(schema), verbose=False)
            except Exception as exc:  # llama.cpp's converter raises bare Exceptions
                raise BadRequest(
                    f"cannot turn the JSON schema into a grammar: {exc}", backend=self.name
                ) from exc
        return kw

    def _chat_kw(self, p: dict[str, Any]) -> dict[str, Any]:
        kw = self._sampling(p)
        if p["logprobs"]:
            kw.update(logprobs=True, top_logprobs=p["top_logprobs"] or 0)
        return kw

    def _complete_kw(self, p: dict[str, Any]) -> dict[str, Any]:
        kw = self._sampling(p)
        if p["logprobs"]:
            kw["logprobs"] = p["top_logprobs"] or 0
        return kw

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        with self._errors():
            return self._llm.create_chat_completion(messages=messages, **self._chat_kw(params))

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        with self._errors():
            return self._llm.create_completion(prompt, **self._complete_kw(params))

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        kw = self._chat_kw(params)
        with self._errors():
            yield from self._llm.create_chat_completion(messages=messages, stream=True, **kw)

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        kw = self._complete_kw(params)
        with self._errors():
            yield from self._llm.create_completion(prompt, stream=True, **kw)

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not self.capabilities.embeddings:
            return super().embed(texts)
        with self._errors():
            return self._llm.embed(texts)

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def close(self) -> None:
        self._llm.close()
