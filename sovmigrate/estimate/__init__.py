"""Effort estimate: engineer-weeks per switching-cost workstream, P10/P50/P90, every figure traceable.

    >>> from sovmigrate.estimate import estimate
    >>> result = estimate("src/", target="qwen2.5-7b-instruct")        # doctest: +SKIP
    >>> result.effort.total.p50, result.calendar.range.p90               # doctest: +SKIP

The model (unit costs, factors, team) is ``sovmigrate/data/effort_model.toml``, overridable in
``[tool.sovmigrate.estimate]`` or with a model file; docs/estimate.md explains every number.
"""

from __future__ import annotations

from sovmigrate.estimate.api import Estimate, estimate, estimate_findings
from sovmigrate.estimate.model import EffortModel, load_model

__all__ = ["EffortModel", "Estimate", "estimate", "estimate_findings", "load_model"]
