"""The defaults the transformers codemod writes out are transformers' own, read from the installed engine."""

from __future__ import annotations

import pytest
from sovmigrate.codemods._vllm_hf_sampling import GENERATE_DEFAULTS, PIPELINE_DEFAULTS, PIPELINE_SAMPLING_KEYS

transformers = pytest.importorskip(
    "transformers", reason="transformers is not installed: pip install 'sovmigrate[transformers]'"
)


def test_generate_defaults_are_the_generation_configs():
    engine = transformers.GenerationConfig._get_default_generation_params()
    assert {key: engine[key] for key in GENERATE_DEFAULTS} == GENERATE_DEFAULTS


def test_pipeline_defaults_are_the_text_generation_pipelines():
    from transformers.pipelines.text_generation import TextGenerationPipeline

    engine = TextGenerationPipeline._default_generation_config.to_diff_dict()
    engine.pop("transformers_version", None)
    assert engine == PIPELINE_DEFAULTS


def test_pipeline_sampling_keys_are_the_pipelines():
    import inspect

    from transformers.pipelines import base

    source = inspect.getsource(base.Pipeline._prepare_generate_kwargs)
    assert all(f'"{key}"' in source for key in PIPELINE_SAMPLING_KEYS)
