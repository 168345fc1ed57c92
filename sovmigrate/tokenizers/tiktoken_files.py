"""tiktoken rank files (Llama 3/4 ``tokenizer.model``) and Mistral ``tekken.json`` -> ``tokenizers.Tokenizer``."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sovmigrate.tokenizers.errors import TokenizerLoadError
from sovmigrate.tokenizers.quiet import quiet_transformers

__all__ = ["expand_special_tokens", "is_tiktoken_file", "tekken_to_tokenizer", "tiktoken_to_tokenizer"]

_RANK_LINE = re.compile(rb"^[A-Za-z0-9+/=]+ \d+$")


def is_tiktoken_file(path: Path) -> bool:
    """True if the file starts like a tiktoken rank file (``<base64> <rank>`` lines)."""
    with open(path, "rb") as f:
        head = f.read(4096).split(b"\n")[:-1] or [b""]
    return all(_RANK_LINE.match(line) for line in head[:20] if line)


def count_ranks(path: Path) -> int:
    """Number of ranks in a tiktoken file; raises TokenizerLoadError on a malformed or truncated line."""
    n = 0
    with open(path, "rb") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip(b"\n")
            if not line:
                continue
            parts = line.split()
            try:
                if len(parts) != 2 or int(parts[1]) != n:
                    raise ValueError("expected '<base64> <rank>' with consecutive ranks")
                base64.b64decode(parts[0], validate=True)
            except (ValueError, binascii.Error) as exc:
                raise TokenizerLoadError(
                    f"line {lineno}: malformed tiktoken rank ({exc})", path=path
                ) from exc
            n += 1
    if n == 0:
        raise TokenizerLoadError("empty tiktoken rank file", path=path)
    return n


def expand_special_tokens(layout: dict[str, Any]) -> list[str]:
    """The special-token strings, in id order, from a family map's ``tiktoken.special_tokens`` layout."""
    out: list[str] = []
    for item in layout["segments"]:
        if isinstance(item, str):
            out.append(item)
        else:
            out.extend(
                item["format"].format(i=i) for i in range(item["start"], item["start"] + item["count"])
            )
    fill = layout.get("fill")
    if fill:
        out.extend(fill["format"].format(i=fill["start"] + k) for k in range(layout["total"] - len(out)))
    return out


def tiktoken_to_tokenizer(path: Path, pattern: str, special_tokens: Sequence[str]) -> Any:
    """Convert a tiktoken rank file; specials get the ids right after the ranks (as llama_models does)."""
    quiet_transformers()
    from transformers.convert_slow_tokenizer import TikTokenConverter

    count_ranks(path)
    try:
        return TikTokenConverter(
            vocab_file=str(path), pattern=pattern, extra_special_tokens=list(special_tokens)
        ).converted()
    except (ValueError, KeyError) as exc:
        raise TokenizerLoadError(f"cannot convert tiktoken file ({exc})", path=path) from exc


def tekken_to_tokenizer(path: Path) -> tuple[Any, dict[str, Any]]:
    """Convert a Mistral tekken.json (needs mistral-common for files without a ``special_tokens`` key)."""
    quiet_transformers()
    from transformers.integrations.mistral.tokenizer import MistralConverter

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        config = raw["config"]
        if not isinstance(raw.get("vocab"), list):
            raise KeyError("vocab")
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenizerLoadError(f"not a tekken.json file or truncated ({exc})", path=path) from exc
    try:
        tok = MistralConverter(vocab_file=str(path)).converted()
    except ImportError as exc:
        raise TokenizerLoadError(
            "this tekken file needs mistral-common: pip install mistral-common", path=path
        ) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenizerLoadError(f"cannot convert tekken file ({exc})", path=path) from exc
    return tok, config
