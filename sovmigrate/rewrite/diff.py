"""Unified diffs of rewritten files, decoded the way Python itself decodes them."""

from __future__ import annotations

import difflib
import io
import tokenize


def decode_python(data: bytes) -> str:
    """Source text as CPython reads it (BOM or PEP 263 cookie, else UTF-8); undecodable bytes escaped."""
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        encoding = "utf-8"
    return data.decode(encoding, errors="backslashreplace")


def unified_diff(old: str, new: str, path: str, label: str = "") -> str:
    """The change from ``old`` to ``new`` as ``--- a/path`` / ``+++ b/path`` hunks (empty when equal)."""
    if old == new:
        return ""
    where = f"{path}:{label}" if label else path
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{where}",
        tofile=f"b/{where}",
    )
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines
    )
