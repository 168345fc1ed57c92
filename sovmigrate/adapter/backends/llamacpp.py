"""``llamacpp:path/to/model.gguf``: llama-cpp-python in-process.

Options go to ``llama_cpp.Llama`` (``n_ctx``, ``n_threads``, ``chat_format``...). ``n_ctx`` defaults to the
model's trained context (its GGUF ``<arch>.context_length``) capped at ``DEFAULT_MAX_CONTEXT``, not to
llama-cpp-python's 512; ``n_ctx=0`` takes the whole trained context. ``embedding=True`` enables ``embed()``;
``logits_all=True`` enables ``logprobs``. ``llamacpp:hf://<owner>/<repo>/<file or glob>`` loads a GGUF from the
Hugging Face Hub cache (fetching it when online), as ``Llama.from_pretrained`` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sovmigrate.adapter.backends._gguf import trained_context
from sovmigrate.adapter.backends._hub import HF_PREFIX, hub_file
from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, keyword_names, require
from sovmigrate.adapter.errors import BadRequest, EngineError
from sovmigrate.adapter.params import MIROSTAT_PARAMS, SAMPLING_PARAMS, json_schema_of

__all__ = ["DEFAULT_MAX_CONTEXT", "LlamaCppBackend"]

# The KV cache grows with n_ctx: Llama-3.1-8B (f16 cache) needs 1 GiB at 8192 tokens but 16 GiB at its trained
# 131072. 8192 is Llama 3's original context and twice the default of llama-server and Ollama.
DEFAULT_MAX_CONTEXT = 8192
_EXTRA = {"backend": "llamacpp", "package": "llama-cpp-python", "extra": "llamacpp"}
_BASE_PARAMS = SAMPLING_PARAMS | MIROSTAT_PARAMS | {"typical_p"}
# neutral name -> llama-cpp-python keyword (the same unless listed)
_NAMES = {"repetition_penalty": "repeat_penalty", "mirostat": "mirostat_mode"}
_SAMPLERS = _BASE_PARAMS - {"response_format"}


class LlamaCppBackend(Backend):
    """llama-cpp-python's ``Llama``; results are its own OpenAI-shaped dicts."""

    name = "llamacpp"
    PARAMS = _BASE_PARAMS | {"logprobs", "top_logprobs"}
    CAPABILITIES = Capabilities(
        streaming=True,
        tools=False,
        json_schema=True,
        embeddings=True,
        logprobs=True,
        max_context=None,
        params=PARAMS,
        tokenize=True,
        lora=True,
        requires={"embeddings": "embedding=True", "logprobs": "logits_all=True", "lora": "lora_path='...'"},
    )

    @classmethod
    def option_names(cls) -> frozenset[str]:
        return keyword_names(require("llama_cpp", **_EXTRA).Llama.__init__, skip={"model_path"})

    def __init__(self, model: str, *, embedding: bool = False, **options: Any) -> None:
        llama_cpp = require("llama_cpp", **_EXTRA)
        self.model = model
        path = hub_file(model, self.name, "llamacpp") if model.startswith(HF_PREFIX) else model
        self._grammar_cls = llama_cpp.LlamaGrammar
        options.setdefault("verbose", False)
        if "n_ctx" not in options:
            options["n_ctx"] = min(trained_context(path) or DEFAULT_MAX_CONTEXT, DEFAULT_MAX_CONTEXT)
        if embedding:
            options.setdefault("pooling_type", llama_cpp.LLAMA_POOLING_TYPE_MEAN)
        try:
            self._llm = llama_cpp.Llama(model_path=path, embedding=embedding, **options)
        except (ValueError, RuntimeError, OSError) as exc:
            raise EngineError(f"cannot load {model!r}: {exc}", backend=self.name) from exc
        self._bos = self._llm.token_bos()
        self._space_prefix = self._llm.detokenize(self._llm.tokenize(b"a", add_bos=False)) == b" a"
        logprobs = bool(options.get("logits_all"))
        self.PARAMS = self.PARAMS if logprobs else _BASE_PARAMS
        self.capabilities = Capabilities(
            streaming=True,
            tools=False,
            json_schema=True,
            embeddings=embedding,
            logprobs=logprobs,
            max_context=self._llm.n_ctx(),
            params=self.PARAMS,
            tokenize=True,
            lora=bool(options.get("lora_path")),
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
        kw = {_NAMES.get(k, k): v for k, v in p.items() if k in _SAMPLERS}
        schema = json_schema_of(p.get("response_format"), self.name)
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
        if p.get("logprobs"):
            kw.update(logprobs=True, top_logprobs=p.get("top_logprobs") or 0)
        return kw

    def _complete_kw(self, p: dict[str, Any]) -> dict[str, Any]:
        kw = self._sampling(p)
        if p.get("logprobs"):
            kw["logprobs"] = p.get("top_logprobs") or 0
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

    def embeddings(self, texts: list[str]) -> dict[str, Any]:
        if not self.capabilities.embeddings:
            return super().embeddings(texts)
        with self._errors():
            return self._llm.create_embedding(texts)

    def tokenize(self, text: str, add_special: bool, parse_special: bool) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=add_special, special=parse_special)

    def detokenize(self, ids: list[int], render_special: bool) -> str:
        data = self._llm.detokenize(ids, special=render_special)
        if self._space_prefix and ids and ids[0] != self._bos and data.startswith(b" "):
            data = data[
                1:
            ]  # the space SentencePiece puts before the first word (llama.cpp drops it after BOS)
        return data.decode("utf-8", errors="ignore")

    def close(self) -> None:
        self._llm.close()
