"""The trained context length a GGUF file states (``<arch>.context_length``), read from its header only.

Architecture keys come before the vocabulary in every GGUF llama.cpp writes, so the reader stops long before
the token arrays; a file with the key after them is still read correctly, just further.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

__all__ = ["trained_context"]

_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_INTS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 10: "Q", 11: "q"}
_STRING, _ARRAY = 8, 9


def _read(f: BinaryIO, fmt: str) -> tuple:
    size = struct.calcsize(fmt)
    data = f.read(size)
    if len(data) != size:
        raise struct.error("the file ends inside its metadata")
    return struct.unpack(fmt, data)


def _string(f: BinaryIO) -> str:
    (n,) = _read(f, "<Q")
    data = f.read(n)
    if len(data) != n:
        raise struct.error("the file ends inside its metadata")
    return data.decode("utf-8", "replace")


def _skip(f: BinaryIO, kind: int) -> None:
    if kind == _STRING:
        (n,) = _read(f, "<Q")
        f.seek(n, 1)
    elif kind == _ARRAY:
        elem, n = _read(f, "<IQ")
        if elem in (_STRING, _ARRAY):
            for _ in range(n):
                _skip(f, elem)
        else:
            f.seek(_SIZES[elem] * n, 1)
    else:
        f.seek(_SIZES[kind], 1)


def trained_context(path: str | Path) -> int | None:
    """``<general.architecture>.context_length`` of a GGUF file, or None if it does not state it (or is unreadable:
    the engine then reports the file)."""
    try:
        with open(path, "rb") as f:
            return _scan(f)
    except OSError:
        return None


def _scan(f: BinaryIO) -> int | None:
    if f.read(4) != b"GGUF":
        return None
    try:
        _version, _tensors, n_kv = _read(f, "<IQQ")
        arch, lengths = None, {}
        for _ in range(n_kv):
            key = _string(f)
            (kind,) = _read(f, "<I")
            if key == "general.architecture" and kind == _STRING:
                arch = _string(f)
            elif key.endswith(".context_length") and kind in _INTS:
                (lengths[key],) = _read(f, "<" + _INTS[kind])
            else:
                _skip(f, kind)
            if arch is not None and f"{arch}.context_length" in lengths:
                return int(lengths[f"{arch}.context_length"])
    except (struct.error, KeyError):
        return None
    return None
