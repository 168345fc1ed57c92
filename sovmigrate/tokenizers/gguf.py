"""GGUF vocab files (``tokenizer.ggml.*``) -> ``tokenizers.Tokenizer``, without torch.

The metadata reader is pure Python (the ``gguf`` package takes seconds on large vocabularies). The
builders are transformers', with the fixes that make every llama.cpp reference vector match; see
docs/tokenizers.md, "Loading".
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sovmigrate.tokenizers.errors import TokenizerLoadError
from sovmigrate.tokenizers.quiet import quiet_transformers

__all__ = ["gguf_to_tokenizer", "read_gguf_metadata"]

_SCALAR = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9
_LLAMA3_PRE = ("llama-bpe", "llama3", "llama-v3")
_CONTROL = 3


def read_gguf_metadata(path: Path) -> dict[str, Any]:
    """All key/value metadata of a GGUF file (tensors are not read)."""
    buf = Path(path).read_bytes()
    if buf[:4] != b"GGUF":
        raise TokenizerLoadError("not a GGUF file (bad magic)", path=path)
    try:
        return _parse_kv(buf)
    except (struct.error, KeyError, UnicodeDecodeError, MemoryError) as exc:
        raise TokenizerLoadError(f"truncated or malformed GGUF metadata ({exc})", path=path) from exc


def _parse_kv(buf: bytes) -> dict[str, Any]:
    version, _n_tensors, n_kv = struct.unpack_from("<IQQ", buf, 4)
    if version < 2:
        raise struct.error(f"GGUF version {version} is not supported")
    off = 24

    def string() -> str:
        nonlocal off
        (n,) = struct.unpack_from("<Q", buf, off)
        if off + 8 + n > len(buf):
            raise struct.error("string runs past the end of the file")
        off += 8 + n
        return buf[off - n : off].decode("utf-8", "replace")

    def value(kind: int) -> Any:
        nonlocal off
        if kind == _STRING:
            return string()
        if kind == _ARRAY:
            elem, n = struct.unpack_from("<IQ", buf, off)
            off += 12
            if elem == _STRING:
                return [string() for _ in range(n)]
            fmt = _SCALAR[elem]
            items = list(struct.unpack_from(f"<{n}{fmt}", buf, off))
            off += struct.calcsize(fmt) * n
            return items
        fmt = _SCALAR[kind]
        (item,) = struct.unpack_from("<" + fmt, buf, off)
        off += struct.calcsize(fmt)
        return item

    kv: dict[str, Any] = {}
    for _ in range(n_kv):
        key = string()
        (kind,) = struct.unpack_from("<I", buf, off)
        off += 4
        kv[key] = value(kind)
    return kv


def gguf_to_tokenizer(path: Path, split_regexes: Sequence[str] = ()) -> tuple[Any, dict[str, Any]]:
    """Build the tokenizer a GGUF file describes; returns ``(tokenizer, metadata)``.

    ``split_regexes`` are llama.cpp's pre-tokenizer regexes for ``tokenizer.ggml.pre`` values transformers
    does not know (DeepSeek, Falcon, Command-R...); the family maps carry them byte-exact.
    """
    from tokenizers import Regex, Tokenizer, normalizers, pre_tokenizers

    quiet_transformers()
    from transformers.integrations.gguf.gguf_tokenizer_mapping import (
        GGUF_TOKENIZER_MAPPING,
        convert_gguf_tokenizer,
    )

    meta = read_gguf_metadata(path)
    if "tokenizer.ggml.tokens" not in meta or "general.architecture" not in meta:
        raise TokenizerLoadError("GGUF file has no tokenizer.ggml.tokens (not a vocab file)", path=path)
    if "tokenizer.ggml.precompiled_charsmap" in meta:
        meta["tokenizer.ggml.precompiled_charsmap"] = bytes(meta["tokenizer.ggml.precompiled_charsmap"])
    fields = {
        name: meta[f"tokenizer.{key}"]
        for key, name in GGUF_TOKENIZER_MAPPING["tokenizer"].items()
        if f"tokenizer.{key}" in meta
    }
    kind, pre, arch = (
        meta.get("tokenizer.ggml.model"),
        meta.get("tokenizer.ggml.pre"),
        meta["general.architecture"],
    )
    try:
        tok, _ = convert_gguf_tokenizer(arch, fields)
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenizerLoadError(f"cannot build a tokenizer from this GGUF file ({exc})", path=path) from exc
    if kind == "llama" and arch == "llama":  # Llama 2: HF-legacy normalizer, no Metaspace split
        tok.normalizer = normalizers.Sequence(
            [normalizers.Prepend("\u2581"), normalizers.Replace(" ", "\u2581")]
        )
        tok.pre_tokenizer = None
    if pre in _LLAMA3_PRE:  # Llama 3 follows tiktoken: a pre-token already in the vocab is kept whole
        tok.model.ignore_merges = True
    if split_regexes:
        tok.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Split(Regex(r), behavior="isolated") for r in split_regexes]
            + [pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)]
        )
    tok = _fix_added_tokens(tok, meta, Tokenizer)
    return tok, meta


def _fix_added_tokens(tok: Any, meta: dict[str, Any], tokenizer_cls: Any) -> Any:
    """Drop the builder's extra ``<|endoftext|>`` and restore control tokens spelled outside the byte alphabet."""
    tokens = meta["tokenizer.ggml.tokens"]
    types = meta.get("tokenizer.ggml.token_type") or []
    data = json.loads(tok.to_str())
    changed = False
    if tok.get_vocab_size(True) > len(tokens):
        data["added_tokens"] = [a for a in data["added_tokens"] if a["id"] < len(tokens)]
        changed = True
    if meta.get("tokenizer.ggml.model") == "gpt2":
        vocab = data["model"]["vocab"]
        by_id = {i: t for t, i in vocab.items()}
        have = {a["id"] for a in data["added_tokens"]}
        for i, (text, kind) in enumerate(zip(tokens, types)):
            if kind != _CONTROL or i in have:
                continue
            if by_id.get(i) not in (None, text):
                del vocab[by_id[i]]
                vocab[text] = i
            data["added_tokens"].append(
                {
                    "id": i,
                    "content": text,
                    "single_word": False,
                    "lstrip": False,
                    "rstrip": False,
                    "normalized": False,
                    "special": True,
                }
            )
            changed = True
    return tokenizer_cls.from_str(json.dumps(data)) if changed else tok
