"""What each call site uses: streaming, tools, constrained decoding, logprobs, embeddings, LoRA, images,
context length and sampling parameters, read from its arguments (the scanner's analysis; nothing is run).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sovmigrate.findings import Finding

# Keyword names, across engines and SDKs, that mean a site relies on a capability (the adapter's neutral
# names first). A keyword in none of these sets is not a capability the target must offer.
FEATURE_KEYWORDS: dict[str, frozenset[str]] = {
    "streaming": frozenset({"stream", "streamer"}),
    "tools": frozenset({"tools", "tool_choice", "functions", "function_call", "toolConfig"}),
    "json_schema": frozenset(
        {
            "response_format",
            "grammar",
            "format",
            "guided_json",
            "guided_grammar",
            "guided_regex",
            "guided_choice",
            "guided_decoding",
            "structured_outputs",
            "json_schema",
        }
    ),
    "logprobs": frozenset({"logprobs", "top_logprobs", "n_probs", "output_scores", "output_logits"}),
    "lora": frozenset({"lora_request", "lora_path", "lora_base", "lora_scale", "adapter_name", "adapters"}),
    "multimodal": frozenset(
        {
            "images",
            "image",
            "image_url",
            "pixel_values",
            "multi_modal_data",
            "chat_handler",
            "clip_model_path",
        }
    ),
}
CONTEXT_KEYWORDS = frozenset(
    {"n_ctx", "max_model_len", "num_ctx", "max_seq_len", "context_length", "max_position_embeddings"}
)
# Other spellings of the adapter's neutral sampling parameters.
SAMPLING_ALIASES = {
    "max_new_tokens": "max_tokens",
    "num_predict": "max_tokens",
    "max_gen_len": "max_tokens",
    "max_completion_tokens": "max_tokens",
    "maxTokens": "max_tokens",
    "repeat_penalty": "repetition_penalty",
    "temp": "temperature",
    "stop_sequences": "stop",
    "stopSequences": "stop",
    "topP": "top_p",
    "topK": "top_k",
}
# Sampling controls with no neutral name in every version of the adapter (kept, and flagged if unsupported).
OTHER_SAMPLING = frozenset(
    {
        "min_p",
        "typical_p",
        "mirostat",
        "mirostat_mode",
        "mirostat_tau",
        "mirostat_eta",
        "tfs_z",
        "do_sample",
        "num_beams",
        "logit_bias",
        "best_of",
        "use_beam_search",
        "length_penalty",
        "stop_token_ids",
        "eos_token_id",
        "ignore_eos",
        "min_tokens",
        "repeat_last_n",
        "penalize_newline",
    }
)
# Keyword values that are dicts of options (Ollama's options=, HF generation kwargs): their keys count too.
OPTION_DICTS = frozenset(
    {"options", "generation_kwargs", "model_kwargs", "sampling_params", "extra_body", "inferenceConfig"}
)


@dataclass
class SiteUse:
    """What one call site uses; ``evidence`` maps each feature to the argument that shows it."""

    finding: Finding
    evidence: dict[str, str] = field(default_factory=dict)
    sampling: list[str] = field(default_factory=list)
    context_tokens: int | None = None

    @property
    def features(self) -> list[str]:
        return list(self.evidence)


def neutral_name(keyword: str) -> str | None:
    """The adapter's name for a sampling keyword (``num_predict`` -> ``max_tokens``), or None if not sampling."""
    from sovmigrate.adapter.params import NEUTRAL_PARAMS

    name = SAMPLING_ALIASES.get(keyword, keyword)
    features = {k for names in FEATURE_KEYWORDS.values() for k in names}
    if keyword in features or name in ("response_format", "tools", "tool_choice", "logprobs", "top_logprobs"):
        return None
    if name in NEUTRAL_PARAMS or name in OTHER_SAMPLING:
        return name
    return None


def read_usage(
    root: Path,
    findings: Sequence[Finding],
    kinds: Iterable[str] = ("call_site", "complex_site", "api_surface"),
) -> list[SiteUse]:
    """The usage of every call finding of the given effort drivers, outermost sites only, in source order."""
    wanted = set(kinds)
    prints = {f.fingerprint for f in findings if f.effort_driver in wanted}
    sites = [
        f for f in findings if f.effort_driver in wanted and f.enclosing not in prints and f.cell is None
    ]
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in sites:
        by_path[f.path].append(f)
    uses = []
    for path, found in sorted(by_path.items()):
        calls = _calls_by_position(root / path)
        uses += [_use(f, calls.get((f.line, f.column))) for f in found]
    return [u for u in uses if u.evidence or u.sampling]


def _calls_by_position(path: Path) -> dict[tuple[int, int], object]:
    """Call sites of one file keyed by (line, column) as findings count them; empty if it cannot be parsed."""
    if path.suffix != ".py":
        return {}
    try:
        import libcst

        from sovmigrate.scan.analysis import analyse

        analysis = analyse(libcst.parse_module(path.read_bytes()))
    except Exception:  # noqa: BLE001 - unparsable or unreadable: the scan already reported it; no usage known
        return {}
    spans = analysis.spans([c.node for c in analysis.calls])
    return {
        (spans[id(c.node)][0], spans[id(c.node)][1] + 1): c for c in analysis.calls if id(c.node) in spans
    }


def _use(finding: Finding, call) -> SiteUse:
    use = SiteUse(finding)
    method = (getattr(call, "method", None) or finding.api).lower()
    if "embed" in method:
        use.evidence["embeddings"] = method
    if "stream" in method:
        use.evidence["streaming"] = method
    for keyword, value in _keywords(call):
        _classify(use, keyword, value)
    return use


def _keywords(call) -> list[tuple[str, object]]:
    """(keyword, value node) of a call, with the keys of option dicts (``options={"num_predict": 200}``)."""
    if call is None:
        return []
    import libcst

    out = []
    for arg in call.arguments:
        if not arg.keyword:
            continue
        out.append((arg.keyword, arg.value))
        if arg.keyword in OPTION_DICTS and isinstance(arg.value, libcst.Dict):
            for element in arg.value.elements:
                key = getattr(element, "key", None)
                if isinstance(key, libcst.SimpleString):
                    out.append((key.evaluated_value, element.value))
    return out


def _classify(use: SiteUse, keyword: str, value) -> None:
    import libcst

    if keyword == "stream" and isinstance(value, libcst.Name) and value.value == "False":
        return
    for feature, names in FEATURE_KEYWORDS.items():
        if keyword in names:
            use.evidence.setdefault(feature, f"{keyword}=")
            return
    if keyword in CONTEXT_KEYWORDS:
        use.evidence.setdefault("context_length", f"{keyword}=")
        if isinstance(value, libcst.Integer):
            use.context_tokens = int(value.evaluated_value)
        return
    name = neutral_name(keyword)
    if name is not None and keyword not in use.sampling:
        use.sampling.append(keyword)
