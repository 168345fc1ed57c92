"""The neutral generation parameters the framework classes hold as fields, and how a call's parameters are made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["FIELDS", "SamplingFields"]

# Neutral adapter parameters (sovmigrate.adapter.params) that the classes take as fields; others go in
# ``model_kwargs``. A field left at None is not sent, so the connection's mode decides its value.
FIELDS = (
    "max_tokens",
    "temperature",
    "top_p",
    "top_k",
    "min_p",
    "typical_p",
    "repetition_penalty",
    "presence_penalty",
    "frequency_penalty",
    "mirostat",
    "mirostat_tau",
    "mirostat_eta",
    "seed",
    "stop",
    "response_format",
)


class SamplingFields(BaseModel):
    """Generation parameters sent with every call (a call's own keyword arguments override them)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, protected_namespaces=())

    max_tokens: int | None = None
    """Most tokens to generate; None: until a stop condition (or the engine's default with
    ``param_defaults="engine"``)."""
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    typical_p: float | None = None
    repetition_penalty: float | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    mirostat: int | None = None
    mirostat_tau: float | None = None
    mirostat_eta: float | None = None
    seed: int | None = None
    stop: list[str] | None = None
    response_format: dict[str, Any] | None = None
    """An OpenAI ``response_format``: ``{"type": "json_object"}`` or ``{"type": "json_schema", ...}``."""
    model_kwargs: dict[str, Any] = Field(default_factory=dict)
    """Other neutral parameters sent with every call (``{"echo": True}``, ``{"n": 2}``...)."""

    def _call_params(self, stop: list[str] | None, overrides: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters of one call: the fields that are set, ``model_kwargs``, ``stop``, then ``overrides``."""
        params = {name: getattr(self, name) for name in FIELDS if getattr(self, name) is not None}
        params.update(self.model_kwargs)
        if stop is not None:
            params["stop"] = stop
        params.update(overrides)
        return params
