"""Capability gaps per call site: what a site uses against what the target model and its adapter backend offer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sovmigrate.plan.usage import SiteUse, neutral_name

# The adapter backend that replaces each engine in place; every other vendor (hosted APIs, servers,
# frameworks) moves to an OpenAI-compatible server through the `openai` backend.
VENDOR_BACKENDS = {
    "llama-cpp-python": "llamacpp",
    "vllm": "vllm",
    "transformers": "transformers",
    "ollama": "ollama",
    "bedrock": "bedrock",
}
DEFAULT_BACKEND = "openai"
BOOLEAN_FEATURES = ("streaming", "tools", "json_schema", "logprobs", "embeddings", "lora", "multimodal")
# Backends whose HTTP server, not the adapter, decides (docs/adapter.md, "Capabilities").
SERVER_DECIDES = frozenset({"openai"})
ADVICE = {
    "streaming": "use the openai backend against `vllm serve`, or call chat() without streaming",
    "tools": "serve the model with a tool-capable chat format (llama-server --jinja, vllm serve --tool-call-parser) "
    "and use the openai backend, or describe the tools in the prompt",
    "json_schema": "use response_format with a backend that supports it, or validate the output and retry",
    "logprobs": "use a backend that returns logprobs (llamacpp with logits_all=True, or an openai server)",
    "embeddings": "connect a separate embedding model (llamacpp with embedding=True, ollama or an openai server)",
    "lora": "load the adapter at connect time (lora_path=...) or merge it into the weights; per-call hot-swap has no "
    "neutral form",
    "multimodal": "pick a vision model and a backend that accepts image parts",
}


@dataclass(frozen=True)
class Gap:
    """One thing a site uses that a target cannot give as is: ``gap`` (missing), ``option`` (needs a connect
    option), ``check`` (the server or the model decides; verify)."""

    feature: str
    status: str
    subject: str  # what the site uses: a feature or a keyword (``do_sample``)
    detail: str

    def to_json(self) -> dict[str, str]:
        return {
            "feature": self.feature,
            "status": self.status,
            "subject": self.subject,
            "detail": self.detail,
        }


def backend_for(vendor: str, override: str | None = None) -> str:
    """The adapter backend a site of ``vendor`` moves to (``override``: the one the team chose for all)."""
    return override or VENDOR_BACKENDS.get(vendor, DEFAULT_BACKEND)


def backend_capabilities(name: str) -> dict[str, Any]:
    """A backend's static capabilities as data (``Backend.CAPABILITIES``)."""
    from sovmigrate.adapter.spec import load_backend

    data = load_backend(name).CAPABILITIES.to_dict()
    data["server_decides"] = name in SERVER_DECIDES
    return data


def site_gaps(
    use: SiteUse, backend: Mapping[str, Any], backend_name: str, context_tokens: int | None
) -> list[Gap]:
    """The gaps of one site on one target (context length from the catalog) through one backend."""
    gaps = [g for feature in use.features if (g := _feature_gap(feature, use, backend, backend_name))]
    if use.context_tokens and context_tokens and use.context_tokens > context_tokens:
        gaps.append(
            Gap(
                "context_length",
                "gap",
                "context size",
                f"uses {use.context_tokens} tokens; the target has {context_tokens}",
            )
        )
    gaps += _sampling_gaps(use.sampling, backend, backend_name)
    return gaps


def _feature_gap(feature: str, use: SiteUse, backend: Mapping[str, Any], name: str) -> Gap | None:
    if feature not in BOOLEAN_FEATURES:
        return None
    evidence = use.evidence[feature]
    if not backend.get(feature):
        return Gap(
            feature, "gap", feature, f"{evidence}: the {name} backend has no {feature}; {ADVICE[feature]}"
        )
    if backend.get("server_decides"):
        return Gap(
            feature, "check", feature, f"{evidence}: passed through; check that the server supports {feature}"
        )
    requires = backend.get("requires", {}).get(feature)
    if requires:
        return Gap(feature, "option", feature, f"{evidence}: connect with {requires}")
    return None


def _sampling_gaps(sampling: Sequence[str], backend: Mapping[str, Any], name: str) -> list[Gap]:
    params = set(backend.get("params", ()))
    gaps = []
    for keyword in sampling:
        neutral = neutral_name(keyword)
        if neutral and neutral not in params:
            spelled = keyword if neutral == keyword else f"{keyword} (neutral: {neutral})"
            gaps.append(Gap("sampling", "gap", keyword, f"{spelled}: not honoured by the {name} backend"))
    return gaps
