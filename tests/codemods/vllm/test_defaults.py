"""The defaults the vLLM codemod writes out are vLLM's own (skipped where vLLM is not installed, as in CI)."""

from __future__ import annotations

import inspect

import pytest
from sovmigrate.codemods._vllm_hf_sampling import (
    VLLM_GENERATION_CONFIG_KEYS,
    VLLM_INERT_DEFAULTS,
    VLLM_SAMPLING_DEFAULTS,
)

vllm = pytest.importorskip(
    "vllm",
    reason="vLLM is not installed (CI has no vLLM: its CPU build is a 3.4 GB venv; see docs/migrate/vllm.md)",
)


def _normalised(value: object) -> object:
    return None if value == [] else value  # SamplingParams() turns stop=None into []


def test_sampling_params_defaults_are_vllms():
    params = vllm.SamplingParams()
    assert {k: _normalised(getattr(params, k)) for k in VLLM_SAMPLING_DEFAULTS} == VLLM_SAMPLING_DEFAULTS
    assert {k: _normalised(getattr(params, k)) for k in VLLM_INERT_DEFAULTS} == VLLM_INERT_DEFAULTS


def test_generation_config_keys_are_the_ones_vllm_reads():
    from vllm.config.model import ModelConfig

    source = inspect.getsource(ModelConfig.get_diff_sampling_param)
    assert all(f'"{key}"' in source for key in VLLM_GENERATION_CONFIG_KEYS)
