"""``transformers:path/or/id``: Hugging Face transformers in-process, ``generate`` with the model's chat template.

Options go to ``AutoModelForCausalLM.from_pretrained`` (``dtype`` defaults to ``"auto"``; ``device`` defaults to
``"cpu"``). By default text is decoded the way llama.cpp decodes it, so the same token ids give the same text on
both engines: the first generated token keeps its leading space, and byte sequences that are not valid UTF-8 are
dropped instead of becoming U+FFFD. ``decode="standalone"`` decodes as ``tok.decode(new_ids,
skip_special_tokens=True)`` does instead (see ``DECODE_MODES``).
"""

from __future__ import annotations

import copy
import dataclasses
import queue
import threading
from collections.abc import Iterator
from typing import Any

from sovmigrate.adapter.backends.base import Backend, Capabilities, Messages, keyword_names, require
from sovmigrate.adapter.errors import BadRequest, CapabilityError, EngineError, OptionError
from sovmigrate.adapter.results import (
    chat_chunk,
    chat_completion,
    stream_base,
    text_chunk,
    text_completion,
)

__all__ = ["DECODE_MODES", "TransformersBackend"]

_EXTRA = {"backend": "transformers", "extra": "transformers"}
# How generated tokens become text: "context" reads them after the prompt, as llama.cpp and the text-generation
# pipeline do (the first word keeps its leading space); "standalone" decodes them alone, as
# tok.decode(out[0][n:], skip_special_tokens=True) and TextStreamer do (that space is dropped, U+FFFD kept).
DECODE_MODES = ("context", "standalone")
# from_pretrained keywords read from **kwargs (transformers 5), on top of its named ones; config overrides
# (any config attribute) are not taken: pass config= instead.
_LOAD_OPTIONS = frozenset(
    {
        "attn_implementation",
        "device_map",
        "dtype",
        "torch_dtype",
        "gguf_file",
        "key_mapping",
        "max_memory",
        "offload_buffers",
        "offload_folder",
        "quantization_config",
        "subfolder",
        "trust_remote_code",
        "variant",
        "tp_plan",
        "tp_size",
        "use_kernels",
        "experts_implementation",
        "generation_config",
        "proxies",
    }
)
# The loading options the tokenizer needs too, so both come from the same place.
_TOKENIZER_OPTIONS = frozenset(
    {
        "cache_dir",
        "force_download",
        "gguf_file",
        "local_files_only",
        "revision",
        "subfolder",
        "token",
        "trust_remote_code",
    }
)
# The samplers: the same names in GenerationConfig; their neutral "off" values (1.0, 0, 0.0, 1.0) turn the warper off.
_SAMPLERS = ("top_p", "top_k", "min_p", "typical_p")


class TransformersBackend(Backend):
    """``AutoModelForCausalLM.generate`` behind the neutral interface."""

    name = "transformers"
    PARAMS = frozenset(
        {
            "max_tokens",
            "temperature",
            "top_p",
            "top_k",
            "min_p",
            "typical_p",
            "stop",
            "seed",
            "repetition_penalty",
        }
    )
    CAPABILITIES = Capabilities(
        streaming=True,
        tools=False,
        json_schema=False,
        embeddings=False,
        logprobs=False,
        max_context=None,
        params=PARAMS,
        tokenize=True,
    )

    @classmethod
    def option_names(cls) -> frozenset[str]:
        transformers = require("transformers", package="transformers", **_EXTRA)
        named = keyword_names(
            transformers.PreTrainedModel.from_pretrained, skip={"pretrained_model_name_or_path"}
        )
        return named | _LOAD_OPTIONS | super().option_names()

    def __init__(self, model: str, *, device: str = "cpu", decode: str = "context", **options: Any) -> None:
        if decode not in DECODE_MODES:
            raise OptionError(
                f"decode={decode!r} must be one of: {', '.join(DECODE_MODES)}", backend=self.name
            )
        self._standalone = decode == "standalone"
        self._torch = require("torch", package="torch", **_EXTRA)
        transformers = require("transformers", package="transformers", **_EXTRA)
        self._transformers = transformers
        self.model = model
        options.setdefault("dtype", "auto")
        tokenizer_options = {k: v for k, v in options.items() if k in _TOKENIZER_OPTIONS}
        try:
            self._tok = transformers.AutoTokenizer.from_pretrained(model, **tokenizer_options)
            self._model = (
                transformers.AutoModelForCausalLM.from_pretrained(model, **options).to(device).eval()
            )
        except (OSError, ValueError) as exc:
            raise EngineError(f"cannot load {model!r}: {exc}", backend=self.name) from exc
        self._device = device
        config = self._model.generation_config
        eos = config.eos_token_id if config.eos_token_id is not None else self._tok.eos_token_id
        self._eos = set(eos if isinstance(eos, list) else [eos]) - {None}
        self._special = set(self._tok.all_special_ids)
        max_context = getattr(self._model.config, "max_position_embeddings", None)
        self.capabilities = dataclasses.replace(self.CAPABILITIES, max_context=max_context)

    # -- prompts and decoding ------------------------------------------------------------------------------
    def _chat_ids(self, messages: Messages) -> list[int]:
        if not self._tok.chat_template:
            raise CapabilityError(f"{self.model!r} has no chat template; use complete()", backend=self.name)
        try:
            text = self._tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        except Exception as exc:  # jinja errors, raise_exception() in templates
            raise BadRequest(f"the chat template rejected the messages: {exc}", backend=self.name) from exc
        return self._tok(text, add_special_tokens=False).input_ids  # the template carries its own specials

    def _prompt_ids(self, prompt: str) -> list[int]:
        return self._tok(prompt).input_ids

    def _decode(self, context: list[int], generated: list[int]) -> str:
        """Text of ``generated`` as it reads after ``context`` (keeps the first token's leading space), or, with
        ``decode="standalone"``, as ``tok.decode(generated, skip_special_tokens=True)`` gives it."""
        kept = [t for t in generated if t not in self._special]
        if self._standalone:
            return self._tok.decode(kept, skip_special_tokens=True)
        kw = {"skip_special_tokens": False, "clean_up_tokenization_spaces": False}
        head = self._tok.decode(context, **kw)
        full = self._tok.decode(context + kept, **kw)
        return full[len(head) :] if full.startswith(head) else self._tok.decode(kept, **kw)

    # -- generation ----------------------------------------------------------------------------------------
    def _config(self, ids: list[int], p: dict[str, Any]) -> Any:
        """The model's generation_config updated with the parameters present in ``p``."""
        limit = self.capabilities.max_context
        room = None if limit is None else limit - len(ids)
        if room is not None and room <= 0:
            raise BadRequest(f"the prompt ({len(ids)} tokens) fills the context ({limit})", backend=self.name)
        cfg = copy.deepcopy(self._model.generation_config)
        pad = cfg.pad_token_id if cfg.pad_token_id is not None else min(self._eos)
        update: dict[str, Any] = {"num_return_sequences": 1, "pad_token_id": pad}
        if "max_tokens" in p:
            update["max_new_tokens"] = self._max_new_tokens(p["max_tokens"], room)
        if "temperature" in p:
            greedy = p["temperature"] == 0
            update.update(do_sample=not greedy, temperature=None if greedy else p["temperature"])
        update.update({name: p[name] for name in _SAMPLERS if name in p})
        if not update.get("do_sample", cfg.do_sample):
            update.update(dict.fromkeys(("temperature", *_SAMPLERS)))  # unused when greedy; avoids warnings
        if "repetition_penalty" in p:
            update["repetition_penalty"] = p["repetition_penalty"]
        if "stop" in p:
            update["stop_strings"] = p["stop"]
        cfg.update(**update)
        return cfg

    def _max_new_tokens(self, wanted: int | None, room: int | None) -> int:
        if wanted is None and room is None:
            raise BadRequest("the model config states no context length: pass max_tokens", backend=self.name)
        if room is None:
            return wanted
        return min(wanted or room, room)

    def _run(self, ids: list[int], p: dict[str, Any], **extra: Any) -> list[int]:
        torch = self._torch
        cfg = self._config(ids, p)
        inputs = torch.tensor([ids], device=self._device)
        with torch.random.fork_rng(devices=[]), torch.inference_mode():
            if p.get("seed") is not None:
                torch.manual_seed(p["seed"])
            out = self._model.generate(
                inputs,
                attention_mask=torch.ones_like(inputs),
                generation_config=cfg,
                tokenizer=self._tok,
                **extra,
            )
        return out[0, len(ids) :].tolist()

    def _finish(self, ids: list[int], generated: list[int], stop: list[str] | None) -> tuple[str, str, int]:
        """Cut at EOS or the first stop string: (text, finish_reason, completion tokens)."""
        reason = "length"
        for i, token in enumerate(generated):
            if token in self._eos:
                generated, reason = generated[:i], "stop"
                break
        text = self._decode(ids[-1:], generated)
        cut = _first_stop(text, stop)
        if cut is not None:
            text, reason = text[:cut], "stop"
        return self._clean(text), reason, len(generated)

    def _clean(self, text: str) -> str:
        """Drop U+FFFD (invalid UTF-8), as llama.cpp does; ``decode="standalone"`` keeps it, as transformers does."""
        return text if self._standalone else text.replace("\ufffd", "")

    def _generate(self, ids: list[int], p: dict[str, Any]) -> tuple[str, str, int]:
        return self._finish(ids, self._run(ids, p), p.get("stop"))

    def chat(self, messages: Messages, params: dict[str, Any]) -> dict[str, Any]:
        ids = self._chat_ids(messages)
        text, reason, n = self._generate(ids, params)
        return chat_completion(self.model, [(text, reason)], len(ids), n)

    def complete(self, prompt: str, params: dict[str, Any]) -> dict[str, Any]:
        ids = self._prompt_ids(prompt)
        text, reason, n = self._generate(ids, params)
        return text_completion(self.model, [(text, reason)], len(ids), n)

    # -- streaming -----------------------------------------------------------------------------------------
    def _stream_text(self, ids: list[int], p: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        """Yield ``(new_text, None)`` pieces, then ``("", finish_reason)``."""
        tokens: queue.Queue[Any] = queue.Queue()
        cancel = threading.Event()
        thread = self._start_generation(ids, p, tokens, cancel)
        try:
            yield from self._pieces(ids, p.get("stop"), self._new_tokens(tokens, cancel), cancel)
        finally:
            cancel.set()
            thread.join()

    def _start_generation(
        self, ids: list[int], p: dict[str, Any], tokens: queue.Queue[Any], cancel: threading.Event
    ) -> threading.Thread:
        """Run ``generate`` in a thread that puts each new token, an error if any, then ``None`` on ``tokens``."""
        stopping = self._transformers.StoppingCriteriaList([_Cancel(cancel)])

        def work() -> None:
            try:
                self._run(ids, p, streamer=_QueueStreamer(tokens), stopping_criteria=stopping)
            except Exception as exc:  # noqa: BLE001 - handed to the consumer, which raises it
                tokens.put(exc)
            tokens.put(None)

        thread = threading.Thread(target=work, name="sovmigrate-transformers-stream", daemon=True)
        thread.start()
        return thread

    def _new_tokens(self, tokens: queue.Queue[Any], cancel: threading.Event) -> Iterator[int]:
        """The generated tokens before EOS (which sets ``cancel``); raises the generation's error."""
        while (item := tokens.get()) is not None:
            if isinstance(item, Exception):
                raise EngineError(f"generate failed: {item}", backend=self.name) from item
            if cancel.is_set():
                continue  # tokens generated after EOS or a stop string
            if item in self._eos:
                cancel.set()
                continue
            yield item

    def _pieces(
        self, ids: list[int], stop: Any, new_tokens: Iterator[int], cancel: threading.Event
    ) -> Iterator[tuple[str, str | None]]:
        """Decode tokens into text pieces, holding back a possible stop string or an incomplete character."""
        generated: list[int] = []
        sent, cut = 0, None
        for token in new_tokens:
            generated.append(token)
            text = self._decode(ids[-1:], generated)
            cut = _first_stop(text, stop)
            if cut is not None:
                cancel.set()
            ready = cut if cut is not None else len(text) - _held_back(text, stop)
            if cut is None and text[:ready].endswith("\ufffd"):
                continue  # an incomplete UTF-8 sequence: wait for its other bytes
            if ready > sent:
                yield self._clean(text[sent:ready]), None
                sent = ready
        if cut is None and generated:  # flush what was held back for a stop string that never came
            rest = self._clean(self._decode(ids[-1:], generated)[sent:])
            if rest:
                yield rest, None
        yield "", "stop" if cancel.is_set() else "length"  # EOS and stop strings set it; nothing else does

    def stream_chat(self, messages: Messages, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        ids = self._chat_ids(messages)
        self._config(ids, params)  # a prompt that fills the context fails here, not at the first chunk
        pieces = self._stream_text(ids, params)
        base = stream_base("chat", self.model)

        def chunks() -> Iterator[dict[str, Any]]:
            yield chat_chunk(base, {"role": "assistant"}, None)
            for text, reason in pieces:
                yield chat_chunk(base, {"content": text} if reason is None else {}, reason)

        return chunks()

    def stream_complete(self, prompt: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        ids = self._prompt_ids(prompt)
        self._config(ids, params)  # a prompt that fills the context fails here, not at the first chunk
        pieces = self._stream_text(ids, params)
        base = stream_base("text", self.model)
        return (text_chunk(base, text, reason) for text, reason in pieces)

    def tokenize(self, text: str, add_special: bool, parse_special: bool) -> list[int]:
        return self._tok(
            text, add_special_tokens=add_special, split_special_tokens=not parse_special
        ).input_ids

    def detokenize(self, ids: list[int], render_special: bool) -> str:
        text = self._tok.decode(
            ids, skip_special_tokens=not render_special, clean_up_tokenization_spaces=False
        )
        return text.replace("\ufffd", "")  # invalid UTF-8 is dropped, as llama.cpp does


def _first_stop(text: str, stop: list[str] | None) -> int | None:
    hits = [i for i in (text.find(s) for s in stop or ()) if i >= 0]
    return min(hits) if hits else None


def _held_back(text: str, stop: list[str] | None) -> int:
    """Length of the longest suffix of ``text`` that could still grow into a stop string."""
    return max((n for s in stop or () for n in range(len(s) - 1, 0, -1) if text.endswith(s[:n])), default=0)


class _QueueStreamer:
    """A transformers streamer that hands generated token ids to a queue (the first ``put`` is the prompt)."""

    def __init__(self, tokens: queue.Queue[Any]) -> None:
        self._tokens = tokens
        self._prompt_seen = False

    def put(self, value: Any) -> None:
        if not self._prompt_seen:
            self._prompt_seen = True
            return
        for token in value.reshape(-1).tolist():
            self._tokens.put(token)

    def end(self) -> None:
        """Nothing to flush: the worker signals the end after ``generate`` returns."""


class _Cancel:
    """A stopping criterion that ends generation once the consumer has what it needs."""

    def __init__(self, event: threading.Event) -> None:
        self._event = event

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full(
            (input_ids.shape[0],), self._event.is_set(), dtype=torch.bool, device=input_ids.device
        )
