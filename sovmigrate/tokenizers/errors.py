"""Errors raised while loading tokenizers and checking their compatibility."""

from __future__ import annotations

from pathlib import Path

from sovmigrate.errors import SovmigrateError

__all__ = [
    "ChatTemplateError",
    "CorpusError",
    "FetchError",
    "TokenizerError",
    "TokenizerLoadError",
    "TokenizerNotFound",
]


class TokenizerError(SovmigrateError):
    """Base class of tokenizer errors; names the file (or spec) concerned."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class TokenizerLoadError(TokenizerError):
    """A tokenizer file is malformed, truncated or of an unsupported kind."""


class TokenizerNotFound(TokenizerError):
    """A family, model id or path does not lead to tokenizer files on this machine."""


class ChatTemplateError(TokenizerError):
    """A chat template cannot be parsed or rendered."""


class CorpusError(TokenizerError):
    """A corpus file cannot be read or has no usable samples."""


class FetchError(TokenizerError):
    """A registry package could not be downloaded, or a file in it is not the one the family map pins."""
