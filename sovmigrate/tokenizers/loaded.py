"""``LoadedTokenizer``: a ``tokenizers.Tokenizer`` plus what a migration needs to know about it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

__all__ = ["LoadedTokenizer"]

_BYTE_PIECE = re.compile(r"^<0x[0-9A-F]{2}>$")


@dataclass
class LoadedTokenizer:
    """A tokenizer ready to use, with its special tokens, chat template and context length."""

    spec: str
    tokenizer: Any
    source: str
    format: str
    family: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
    chat_template: str | None = None
    context_length: int | None = None
    context_source: str | None = None  # "GGUF metadata", "config.json", "family map <name>"
    add_bos: bool = False
    stop_sequences: list[str] = field(default_factory=list)

    @cached_property
    def vocab_size(self) -> int:
        """Number of token ids (highest id + 1), added tokens included."""
        return max(self.tokenizer.get_vocab(with_added_tokens=True).values()) + 1

    @cached_property
    def specials(self) -> dict[str, int]:
        """Special (control) tokens: text -> id."""
        return {t.content: i for i, t in self.tokenizer.get_added_tokens_decoder().items() if t.special}

    @cached_property
    def added(self) -> dict[str, int]:
        """Every added token (special or user-defined): text -> id."""
        return {t.content: i for i, t in self.tokenizer.get_added_tokens_decoder().items()}

    @cached_property
    def base_vocab(self) -> dict[str, int]:
        """The model's vocabulary without added tokens: text -> id."""
        return self.tokenizer.get_vocab(with_added_tokens=False)

    @cached_property
    def byte_fallback_ids(self) -> frozenset[int]:
        """Ids of SentencePiece byte pieces (``<0x41>``); empty for byte-level BPE."""
        if self.algorithm == "bpe-byte-level":
            return frozenset()
        return frozenset(i for t, i in self.base_vocab.items() if _BYTE_PIECE.match(t))

    @cached_property
    def surface(self) -> dict[bytes, int]:
        """Ordinary tokens as the bytes they stand for (see ``metrics.surface_forms``)."""
        from sovmigrate.tokenizers.metrics import surface_forms

        return surface_forms(self)

    @cached_property
    def structure(self) -> dict[str, Any]:
        """Normaliser, pre-tokeniser, decoder (their JSON) and the model kind, without serialising the vocab."""
        tok = self.tokenizer

        def state(component: Any) -> Any:
            return None if component is None else json.loads(component.__getstate__())

        model = {"type": type(tok.model).__name__}
        model.update(
            {k: getattr(tok.model, k) for k in ("byte_fallback", "ignore_merges") if hasattr(tok.model, k)}
        )
        return {
            "normalizer": state(tok.normalizer),
            "pre_tokenizer": state(tok.pre_tokenizer),
            "decoder": state(tok.decoder),
            "model": model,
        }

    @property
    def algorithm(self) -> str:
        """``bpe-byte-level``, ``bpe-sentencepiece``, ``unigram``, ``wordpiece`` or ``wordlevel``."""
        kind = self.structure["model"].get("type", "").lower()
        if kind != "bpe":
            return kind or "unknown"
        text = json.dumps([self.structure["pre_tokenizer"], self.structure["decoder"]])
        return "bpe-byte-level" if "ByteLevel" in text else "bpe-sentencepiece"

    @property
    def normalization(self) -> str:
        """A short description of what happens to text before splitting."""
        norm = self.structure["normalizer"]
        if not norm:
            return "none"
        steps = norm.get("normalizers", [norm])
        return " + ".join(_describe(s) for s in steps)

    def token_id(self, role: str) -> int | None:
        token = self.roles.get(role)
        return None if token is None else self.tokenizer.token_to_id(token)


def _describe(step: dict[str, Any]) -> str:
    if step.get("type") == "Replace":
        return f"Replace({step['pattern'].get('String', step['pattern'])!r}->{step['content']!r})"
    if step.get("type") == "Prepend":
        return f"Prepend({step['prepend']!r})"
    return str(step.get("type"))
