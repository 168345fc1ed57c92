"""The one-command migration plan: scan, rewrite classification, receipts, tokenizer checks, estimates and
capability gaps for one or more target models, written as plan.json, plan.md and a self-contained plan.html.

    >>> from sovmigrate.plan import plan
    >>> result = plan("src/", ["mistral-7b-instruct", "qwen2.5-7b-instruct"], output_dir="plan")   # doctest: +SKIP
    >>> result.files                                                                           # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sovmigrate.plan.build import Plan, Step, build_plan

__all__ = ["Plan", "PlanResult", "build_plan", "plan"]


@dataclass(frozen=True)
class PlanResult:
    """The analysis, its JSON document and the files written."""

    plan: Plan
    document: dict[str, Any]
    files: list[Path]


def plan(
    path: str | os.PathLike[str],
    targets: Sequence[str],
    *,
    output_dir: str | os.PathLike[str] = "sovmigrate-plan",
    step: Step | None = None,
    **options: Any,
) -> PlanResult:
    """Build the plan for ``path`` against ``targets`` and write it into ``output_dir``.

    ``options`` go to :func:`build_plan` (``model_file``, ``team_size``, ``jurisdiction``, ``commercial``,
    ``backend``).
    """
    from sovmigrate.plan.document import plan_document
    from sovmigrate.plan.write import write_plan

    built = build_plan(path, targets, step=step, **options)
    if step:
        step("writing plan.json, plan.md and plan.html")
    document = plan_document(built)
    return PlanResult(built, document, write_plan(document, Path(output_dir)))


class _Callable(types.ModuleType):
    """``sovmigrate.plan(...)`` works whether it names this package or the function (see sovmigrate/__init__.py)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return plan(*args, **kwargs)


sys.modules[__name__].__class__ = _Callable
