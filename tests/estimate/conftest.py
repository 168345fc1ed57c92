"""Findings built by hand for the estimator's tests (shaped like the scanner's findings v2)."""

from __future__ import annotations

import itertools

import pytest

from sovmigrate.estimate.model import EffortModel, load_model
from sovmigrate.findings import Finding
from sovmigrate.rules import get_rule

_PRINTS = itertools.count(1)


def finding(
    rule: str,
    path: str = "app.py",
    line: int = 1,
    column: int = 1,
    *,
    end_line: int | None = None,
    enclosing: Finding | None = None,
    model_id: str | None = None,
    vendor: str | None = None,
    text: str = "",
) -> Finding:
    """A finding of ``rule`` with the rule's own kind, vendor and effort driver."""
    r = get_rule(rule)
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=end_line or line,
        end_column=column + 10,
        rule=rule,
        kind=r.kind.value,
        vendor=vendor or r.vendor,
        api=model_id or text or r.name,
        message=r.message,
        fixable=r.fixable,
        name=r.name,
        details={"model_id": model_id} if model_id else {},
        text=text or model_id or r.name,
        effort_driver=r.effort_driver,
        fingerprint=f"fp{next(_PRINTS)}",
        enclosing=enclosing.fingerprint if enclosing else None,
    )


@pytest.fixture(scope="session")
def model() -> EffortModel:
    return load_model()
