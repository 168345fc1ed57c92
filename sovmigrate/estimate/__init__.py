"""Effort estimate: engineer-weeks per switching-cost workstream, P10/P50/P90, every figure traceable.

    >>> from sovmigrate.estimate import estimate
    >>> result = estimate("src/", target="qwen2.5-7b-instruct")        # doctest: +SKIP
    >>> result.effort.total.p50, result.calendar.range.p90               # doctest: +SKIP

The model (unit costs, factors, team) is ``sovmigrate/data/effort_model.toml``, overridable in
``[tool.sovmigrate.estimate]`` or with a model file; docs/estimate.md explains every number.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from sovmigrate.estimate.api import Estimate, estimate, estimate_findings
from sovmigrate.estimate.model import EffortModel, load_model

__all__ = ["EffortModel", "Estimate", "estimate", "estimate_findings", "load_model"]


class _Callable(types.ModuleType):
    """``sovmigrate.estimate(...)`` works whether it names this package or the function (see sovmigrate/__init__.py)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return estimate(*args, **kwargs)


sys.modules[__name__].__class__ = _Callable
