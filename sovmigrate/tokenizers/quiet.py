"""Import transformers for its converters without its advice that PyTorch is missing.

The converters need no torch, so "PyTorch was not found. Models won't be available..." on every
``sovmigrate tokens`` run would only alarm users. Only that one record is dropped; transformers' other
warnings still show.
"""

from __future__ import annotations

import logging

__all__ = ["quiet_transformers"]

_ADVICE = "PyTorch was not found"


class _DropTorchAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_ADVICE)


def quiet_transformers() -> None:
    """Call before the first transformers import (idempotent)."""
    logger = logging.getLogger("transformers")
    if not any(isinstance(f, _DropTorchAdvice) for f in logger.filters):
        logger.addFilter(_DropTorchAdvice())
