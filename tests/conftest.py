"""Shared test helpers. Each area keeps its own fixtures in its folder's conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Generated examples are the same on every run (Hypothesis' advice for CI), so a result never turns on a draw.
# `pytest --hypothesis-profile=fuzz` draws new examples each run, to look for new failing inputs.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("fuzz", derandomize=False)
settings.load_profile("deterministic")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# Registry-package fixtures are downloaded once by .ci/steps (never by a test).
CACHE = Path(os.environ.get("SOVMIGRATE_FIXTURES", REPO / ".fixtures"))


def require_fixture(path: Path, how: str) -> Path:
    """Skip (locally) or fail (in CI) when a cached registry fixture is missing."""
    if path.exists():
        return path
    message = f"missing fixture {path}; run {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's environment out of the tests."""
    for name in [n for n in os.environ if n.startswith("SOVMIGRATE_") and n != "SOVMIGRATE_FIXTURES"]:
        monkeypatch.delenv(name)
