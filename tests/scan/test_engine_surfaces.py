"""The catalog covers the engines' Python API surfaces as their registry packages define them (rules/surfaces.py)."""

from __future__ import annotations

import pytest

from sovmigrate.rules import Kind
from sovmigrate.rules.surfaces import ENGINE_PYTHON_SURFACES, LEFT_OUT
from sovmigrate.scan.matching import compiled_catalog

# Kinds whose rules span engines (one tokenizer rule, one LoRA rule): their vendor is not the engine's.
SHARED_KINDS = (Kind.TOKENIZER, Kind.COMPLEX, Kind.PROMPT_FORMAT)
SURFACE = [(vendor, api) for vendor, apis in ENGINE_PYTHON_SURFACES.items() for api in apis]


@pytest.mark.parametrize(("vendor", "api"), SURFACE, ids=[api for _, api in SURFACE])
def test_a_rule_of_the_engine_reports_every_public_api(vendor: str, api: str) -> None:
    rules = compiled_catalog().rules_for_call(api, None)
    owners = {rule.vendor for rule in rules if rule.kind not in SHARED_KINDS}
    assert vendor in owners or (rules and not owners), f"{api}: {[r.code for r in rules]}"


@pytest.mark.parametrize("api", sorted(LEFT_OUT))
def test_apis_left_out_are_not_reported_as_engine_use(api: str) -> None:
    rules = compiled_catalog().rules_for_call(api, None)
    assert not [rule.code for rule in rules if rule.kind in (Kind.CLIENT, Kind.INFERENCE)]
