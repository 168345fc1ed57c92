"""Resolve model identifiers from any ecosystem to a catalog line, or report them as unknown.

An identifier is first reduced to a *key* (lower-case model name without vendor wrappers, quantisation
tags or file extensions); the catalog lines' ``match`` patterns are then tried in catalog order and the
first line that matches wins. Nothing is guessed: an identifier no pattern matches is unknown, and
only *suggests* close catalog lines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sovmigrate.receipts.catalog import Catalog, ModelLine

BEDROCK_VENDORS = frozenset(
    {"meta", "mistral", "anthropic", "amazon", "cohere", "deepseek", "openai", "qwen", "ai21", "writer"}
)
_ARN = re.compile(r"^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:[\w-]+/(?P<rest>.+)$", re.IGNORECASE)
_BEDROCK = re.compile(
    r"^(?:(?:us|eu|apac|us-gov|global)\.)?(?P<vendor>[a-z0-9]+)\.(?P<name>[a-z0-9][\w.\-:]*)$", re.IGNORECASE
)
_BEDROCK_VERSION = re.compile(r"-(?:v\d+(?::\d+)?|\d+:\d+)$")
_MODEL_FILE = re.compile(r"\.(?:gguf|bin)$", re.IGNORECASE)
_QUANT = re.compile(
    r"[.\-_](?:i?q[1-8](?:_(?:k(?:_[sml]|_xs|_xl)?|[01]|xxs|xs|s|m|nl))?|f16|bf16|f32|ggmlv\d+|fp16)$",
    re.IGNORECASE,
)
_SHARD = re.compile(r"-\d{5}-of-\d{5}$")
_FIREWORKS = re.compile(r"^accounts/[^/]+/models/(?P<name>.+)$")
_TAG_DROPPED = re.compile(
    r"^(?:latest|free|nitro|beta|extended|floor|online|thinking|[0-9a-f]{64})$", re.IGNORECASE
)
_HOST_PREFIX = re.compile(
    r"^(?:https?://)?(?:huggingface\.co/|hf\.co/|@cf/|@hf/|ollama\.com/library/)", re.IGNORECASE
)


@dataclass(frozen=True)
class Resolution:
    """What an identifier resolved to: a catalog line, or nothing plus close suggestions."""

    query: str
    key: str
    ecosystem: str
    line: ModelLine | None
    suggestions: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether a catalog line matched."""
        return self.line is not None


def normalize(identifier: str) -> tuple[str, str]:
    """Reduce ``identifier`` to ``(ecosystem, key)``; the key is what catalog patterns match."""
    text = identifier.strip().strip("'\"")
    arn = _ARN.match(text)
    if arn:
        return "bedrock", _bedrock_key(arn["rest"]) or _key(arn["rest"])
    if _MODEL_FILE.search(text):
        return "gguf", _key(_model_file_stem(text))
    bedrock = _bedrock_key(text)
    if bedrock:
        return "bedrock", bedrock
    via_ollama_hf = text.lower().startswith("hf.co/")
    text = _HOST_PREFIX.sub("", text)
    fireworks = _FIREWORKS.match(text)
    if fireworks:
        return "fireworks", _key(re.sub(r"(\d)p(\d)", r"\1.\2", fireworks["name"]))
    ecosystem = "hub" if "/" in text else "name"
    name = text.rsplit("/", 1)[-1]
    if ":" in name:
        name, tag = name.split(":", 1)
        ecosystem = "ollama" if ecosystem == "name" or via_ollama_hf else ecosystem
        tag = _QUANT.sub("", "." + tag).lstrip(".")  # "7b-instruct-q4_K_M" -> "7b-instruct"
        if tag and not _TAG_DROPPED.match(tag):
            name = f"{name}-{tag}"
    return ecosystem, _key(name)


def _bedrock_key(text: str) -> str | None:
    match = _BEDROCK.match(text)
    if not match or match["vendor"].lower() not in BEDROCK_VENDORS:
        return None
    # Bedrock spells Mistral 7B v0.2 "mistral-7b-instruct-v0:2": keep that model version.
    name = re.sub(r"-v0:(\d+)$", r"-v0.\1", match["name"].lower())
    vendor, name = match["vendor"].lower(), _BEDROCK_VERSION.sub("", name)
    name = re.sub(r"^llama(\d)-(\d)(?=-)", r"llama\1.\2", name)  # Bedrock writes llama3-1 for Llama 3.1
    if vendor == "deepseek" and not name.startswith("deepseek"):
        name = f"deepseek-{name}"
    return _key(name)


def _model_file_stem(text: str) -> str:
    stem = _MODEL_FILE.sub("", re.split(r"[\\/]", text)[-1])
    previous = None
    while previous != stem:
        previous = stem
        stem = _QUANT.sub("", _SHARD.sub("", stem))
    return stem


def _key(name: str) -> str:
    key = re.sub(r"[\s_]+", "-", name.strip().lower())
    return re.sub(r"^meta-(?=llama|muse)", "", key)


def resolve(identifier: str, catalog: Catalog) -> Resolution:
    """Resolve one identifier against ``catalog``: a catalog line id as written (``mistral-7b``, as the
    reports and ``--compare`` name lines), else the first line whose patterns match its key."""
    as_written = identifier.strip().lower()
    for line in catalog.lines:
        if line.id == as_written:
            return Resolution(identifier, as_written, "name", line)
    ecosystem, key = normalize(identifier)
    for line in catalog.lines:
        if key and any(pattern.search(key) for pattern in line.patterns):
            return Resolution(identifier, key, ecosystem, line)
    return Resolution(identifier, key, ecosystem, None, suggest(key, catalog))


def suggest(key: str, catalog: Catalog, limit: int = 3) -> tuple[str, ...]:
    """Up to ``limit`` catalog line ids whose names or example ids are close to ``key``."""
    candidates: dict[str, str] = {}
    for line in catalog.lines:
        candidates.setdefault(line.id, line.id)
        for example in line.examples:
            candidates.setdefault(normalize(example)[1], line.id)
    found: list[str] = []
    for close in difflib.get_close_matches(key, list(candidates), n=10, cutoff=0.6):
        if candidates[close] not in found:
            found.append(candidates[close])
    return tuple(found[:limit])
