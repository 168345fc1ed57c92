"""transformers generation keywords → neutral parameters, with the defaults the original call relied on.

The rewritten connection passes ``param_defaults="engine"``, so on transformers whatever the call leaves out
still comes from the model's ``generation_config`` exactly as before. What is known besides the call's own
keywords (the model's ``generation_config.json`` when the model is a local folder, and transformers' own
defaults behind it) is written out too, so the call keeps its settings when configuration moves it to
another engine. The text-generation pipeline adds defaults of its own (256 new tokens, sampling at 0.7)
that ``generate`` does not: where the model's config is not readable they are written out and the fix is
unsafe, since the model may set them itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import libcst as cst
from sovmigrate.codemods._vllm_hf_flow import literal
from sovmigrate.codemods._vllm_hf_sampling import (
    GENERATE_DEFAULTS,
    PIPELINE_DEFAULTS,
    TRANSFORMERS_INERT,
    TRANSFORMERS_NEUTRAL,
    Params,
    is_greedy_temperature,
)

UNKNOWN = object()
SAMPLERS = ("temperature", "top_k", "top_p", "min_p", "typical_p")
#: Keywords the caller handles itself (``echo``, a streamer...): not generation parameters.
NOT_GENERATION = frozenset({"return_full_text", "streamer"})


class _Layers:
    """Where each generation parameter's value comes from: the call, the model's config, the defaults."""

    def __init__(
        self, given: Mapping[str, cst.BaseExpression], config: Mapping[str, object] | None, pipeline: bool
    ):
        self.given = given
        self.config = config
        self.pipeline = pipeline

    def value(self, key: str) -> object:
        """The literal value (or the expression) ``key`` has in the original call, or UNKNOWN."""
        if key in self.given:
            found = literal(self.given[key])
            return self.given[key] if found is NotImplemented else found
        if self.config is None:
            return UNKNOWN
        if self.config.get(key) is not None:
            return self.config[key]
        if self.pipeline and key in PIPELINE_DEFAULTS and self._pipeline_default_applies(key):
            return PIPELINE_DEFAULTS[key]
        return GENERATE_DEFAULTS.get(key)

    def _pipeline_default_applies(self, key: str) -> bool:
        set_keys = set(self.given) | {k for k, v in (self.config or {}).items() if v is not None}
        return not (key == "max_new_tokens" and "max_length" in set_keys)

    def pipeline_guess(self, key: str) -> object:
        """For the pipeline with an unreadable model config: its own default, which the model may override."""
        return PIPELINE_DEFAULTS.get(key, UNKNOWN)


def generation_params(
    given: Mapping[str, cst.BaseExpression],
    config: Mapping[str, object] | None,
    code_of: Callable[[cst.CSTNode], str],
    *,
    pipeline: bool,
) -> Params:
    """Neutral keywords for a ``generate``/pipeline call passing ``given`` (merged keywords, no ``**``)."""
    params = Params()
    for key in given:
        if key not in TRANSFORMERS_NEUTRAL and key not in _HANDLED and key not in TRANSFORMERS_INERT:
            params.manual.append(f"`{key}=` has no neutral equivalent")
    layers = _Layers(given, config, pipeline)
    _counts(layers, params)
    _length(layers, params, code_of)
    sampling = _sampling(layers, params)
    if sampling:
        for key in SAMPLERS:
            _write(layers, params, key, code_of, pipeline and key == "temperature")
    _write(layers, params, "repetition_penalty", code_of, False)
    return params


_HANDLED = frozenset(
    {"max_new_tokens", "max_length", "do_sample", "num_beams", "num_return_sequences", *NOT_GENERATION}
)


def _counts(layers: _Layers, params: Params) -> None:
    for key in ("num_beams", "num_return_sequences"):
        value = layers.value(key)
        if value is not UNKNOWN and value != 1:
            params.manual.append(f"{key}={_show(value)} has no neutral equivalent")


def _length(layers: _Layers, params: Params, code_of: Callable[[cst.CSTNode], str]) -> None:
    value = layers.value("max_new_tokens")
    if value is None:
        if "max_length" in layers.given or (layers.config or {}).get("max_length") is not None:
            params.unsafe.append(
                "the length limit is max_length, which counts the prompt; it is left to the engine"
            )
        elif layers.config is not None:
            params.unsafe.append(
                "transformers stops at 20 tokens in all (prompt included) when nothing sets a limit; "
                "that limit is left to the engine"
            )
        return
    if value is UNKNOWN:
        if not layers.pipeline:
            return  # the engine applies the model's own limit, as before
        value = layers.pipeline_guess("max_new_tokens")
        params.unsafe.append(
            "the pipeline's default of 256 new tokens applies unless the model's generation_config.json "
            "(not readable here) sets a limit; 256 is written out"
        )
    params.values["max_tokens"] = _code(value, code_of)


def _sampling(layers: _Layers, params: Params) -> bool:
    """Whether the call samples; writes ``temperature=0`` for greedy decoding."""
    value = layers.value("do_sample")
    if value is UNKNOWN and layers.pipeline:
        value = layers.pipeline_guess("do_sample")
        params.unsafe.append(
            "the pipeline samples (do_sample=True, temperature=0.7) unless the model's generation_config.json "
            "(not readable here) says otherwise"
        )
    if value is UNKNOWN:
        params.unsafe.append(
            "the model's generation_config.json (not readable here) decides whether it samples"
        )
        return False
    if value is False or value is None:
        params.values["temperature"] = "0"
        return False
    if value is not True:
        params.manual.append("do_sample is not a literal True or False")
        return False
    temperature = layers.value("temperature")
    if not is_greedy_temperature(temperature):
        params.unsafe.append("sampling is random; the adapter draws its own random numbers")
    return True


def _write(layers: _Layers, params: Params, key: str, code_of, guess: bool) -> None:
    value = layers.value(key)
    if value is UNKNOWN and guess:
        value = layers.pipeline_guess(key)
    if value is UNKNOWN or value is None:
        return
    if key in layers.given or value != _neutral(key):
        params.values[TRANSFORMERS_NEUTRAL[key]] = _code(value, code_of)


def _neutral(key: str) -> object:
    from sovmigrate.adapter.params import DEFAULTS

    return DEFAULTS.get(TRANSFORMERS_NEUTRAL[key])


def _code(value: object, code_of: Callable[[cst.CSTNode], str]) -> str:
    return code_of(value) if isinstance(value, cst.CSTNode) else repr(value)


def _show(value: object) -> str:
    return "…" if isinstance(value, cst.CSTNode) else repr(value)
