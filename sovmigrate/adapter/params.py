"""The neutral, OpenAI-named generation parameters and their defaults.

Every backend states which parameters it honours. A parameter it cannot honour raises
``UnsupportedParameter``; it is never dropped. Passing a parameter at its neutral default (``n=1``,
``presence_penalty=0``...) is always accepted, because every backend honours "off".

The neutral defaults are OpenAI's (and "off" for the samplers OpenAI lacks). In-process backends and the Ollama
backend send them to the engine explicitly, so an engine's own silent defaults (llama.cpp's
``temperature=0.8``, ``top_k=40``, ``min_p=0.05``, ``max_tokens=16``; Ollama's ``repeat_penalty=1.1``...) never
apply. A model connected with ``param_defaults="engine"`` sends only the parameters a call gives, so the
engine's or server's own defaults apply to the rest (see ``PARAM_DEFAULTS``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sovmigrate.adapter.errors import BadRequest, UnsupportedParameter

__all__ = [
    "DEFAULTS",
    "NEUTRAL_PARAMS",
    "PARAM_DEFAULTS",
    "SAMPLING_PARAMS",
    "check_params",
    "json_schema_of",
]

DEFAULTS: dict[str, Any] = {
    "max_tokens": None,  # until a stop condition or the end of the context
    "temperature": 1.0,  # 0 means greedy
    "top_p": 1.0,
    "top_k": 0,  # 0 means off
    "stop": None,
    "seed": None,
    "presence_penalty": 0.0,
    "frequency_penalty": 0.0,
    "repetition_penalty": 1.0,
    "min_p": 0.0,  # 0 means off
    "typical_p": 1.0,  # 1 means off
    "mirostat": 0,  # 0 means off; 1 or 2 picks Mirostat v1 or v2 (then top_k/top_p/min_p are not used)
    "mirostat_tau": 5.0,
    "mirostat_eta": 0.1,
    "n": 1,
    "echo": False,  # complete() only: the text starts with the prompt
    "response_format": None,
    "tools": None,
    "tool_choice": None,
    "logprobs": False,
    "top_logprobs": None,
}
NEUTRAL_PARAMS = frozenset(DEFAULTS)
# What the llama.cpp, Ollama and vLLM backends all map: sampling, stops, penalties and JSON output.
SAMPLING_PARAMS = frozenset(
    {
        "max_tokens",
        "temperature",
        "top_p",
        "top_k",
        "min_p",
        "stop",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "repetition_penalty",
        "response_format",
    }
)
MIROSTAT_PARAMS = frozenset({"mirostat", "mirostat_tau", "mirostat_eta"})
# Where the value of a parameter that a call leaves out comes from (the ``param_defaults`` connect option).
PARAM_DEFAULTS = ("neutral", "engine")

_HINTS = {
    "stream": "use stream_chat()/stream_complete() (or their async twins) to stream",
    "max_new_tokens": "use max_tokens",
    "num_predict": "use max_tokens",
    "repeat_penalty": "use repetition_penalty",
    "temp": "use temperature",
    "stop_sequences": "use stop",
    "max_completion_tokens": "use max_tokens",
    "mirostat_mode": "use mirostat",
    "return_full_text": "use complete(..., echo=True)",
}


def check_params(
    params: Mapping[str, Any], supported: Collection[str], backend: str, *, fill_defaults: bool = True
) -> dict[str, Any]:
    """Return ``params`` (``None`` values left out), merged over the neutral defaults when ``fill_defaults``;
    raise for names the backend cannot honour."""
    for name, value in params.items():
        if name not in NEUTRAL_PARAMS:
            hint = _HINTS.get(name, f"the neutral parameters are: {', '.join(sorted(NEUTRAL_PARAMS))}")
            raise UnsupportedParameter(f"unknown parameter {name!r}; {hint}", backend=backend)
        if name not in supported and value != DEFAULTS[name] and value is not None:
            raise UnsupportedParameter(
                f"cannot honour {name}={value!r}; this backend honours: {', '.join(sorted(supported))}",
                backend=backend,
            )
    given = {k: v for k, v in params.items() if v is not None}
    merged = {**DEFAULTS, **given} if fill_defaults else given
    if isinstance(merged.get("stop"), str):
        merged["stop"] = [merged["stop"]]
    return merged


def json_schema_of(response_format: Mapping[str, Any] | None, backend: str) -> dict[str, Any] | None:
    """The JSON schema an OpenAI ``response_format`` asks for: ``{}`` for any JSON object, None for text."""
    if response_format is None:
        return None
    kind = response_format.get("type")
    if kind == "text":
        return None
    if kind == "json_object":
        return dict(response_format.get("schema") or {"type": "object"})
    if kind == "json_schema":
        spec = response_format.get("json_schema") or {}
        schema = spec.get("schema")
        if not isinstance(schema, Mapping):
            raise BadRequest(
                "response_format json_schema needs {'json_schema': {'schema': {...}}}", backend=backend
            )
        return dict(schema)
    raise BadRequest(
        f"unknown response_format type {kind!r}; use text, json_object or json_schema", backend=backend
    )
