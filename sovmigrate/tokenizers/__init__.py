"""Tokenizer compatibility: load real tokenizers offline and report what breaks when a model family changes.

Absolute imports only: inside this package ``import tokenizers`` must still mean the Hugging Face library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["LoadedTokenizer", "check_compatibility", "families", "load_tokenizer"]

if TYPE_CHECKING:
    from sovmigrate.tokenizers.check import check_compatibility
    from sovmigrate.tokenizers.load import load_tokenizer
    from sovmigrate.tokenizers.loaded import LoadedTokenizer
    from sovmigrate.tokenizers.maps import families

_LAZY = {
    "check_compatibility": "sovmigrate.tokenizers.check",
    "load_tokenizer": "sovmigrate.tokenizers.load",
    "LoadedTokenizer": "sovmigrate.tokenizers.loaded",
    "families": "sovmigrate.tokenizers.maps",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
