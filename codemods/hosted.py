"""Hosted Llama vendors' SDKs → the adapter's ``openai`` backend at each vendor's OpenAI-compatible URL.

    client = Together()
    r = client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=msgs)
    →
    client = connect(default="openai:meta-llama/Llama-3.3-70B-Instruct-Turbo",
                     base_url=getenv("TOGETHER_BASE_URL", "https://api.together.ai").rstrip("/") + "/v1",
                     api_key_env="TOGETHER_API_KEY", param_defaults="engine")
    r = client.chat(messages=msgs)

Each vendor's base URL, its environment variables and its timeout come from the SDK's own source (the
version and file are in each :class:`Client`); the connection reads the same variables the SDK read, so the
program reaches the same server. Together, Groq, Fireworks, Hugging Face's ``InferenceClient`` and Llama
Stack's OpenAI-compatible ``chat.completions`` answer in OpenAI's shape, which the adapter's records read
like. Meta's Llama API client and Llama Stack's legacy ``inference`` API answer in their own shape: their calls
go to the same server's OpenAI-compatible endpoint and their answers through a view that gives that shape back
(:class:`ViewedClientCodemod`). Replicate's ``run`` and Llama Stack's agents have no adapter equivalent: those
stay manual, with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

import libcst as cst
from sovmigrate.codemods._exprs import code, literal
from sovmigrate.codemods._llama_stack_legacy import plan_legacy
from sovmigrate.codemods._openai_compat_calls import CHAT, COMPLETE, EMBED, CallPlan, CallShape
from sovmigrate.codemods._openai_compat_client import Client, ClientCodemod
from sovmigrate.codemods._openai_compat_exprs import concat, env_name, method, string
from sovmigrate.codemods._viewed_client import ViewedClientCodemod

from sovmigrate.scan.analysis import CallSite

__all__ = [
    "FireworksCodemod",
    "GroqCodemod",
    "HuggingFaceCodemod",
    "LlamaApiCodemod",
    "LlamaStackCodemod",
    "ReplicateCodemod",
    "TogetherCodemod",
]

_STAINLESS = {
    "api_key": "api_key",
    "timeout": "timeout",
    "max_retries": "max_retries",
    "default_headers": "headers",
}
_EXTENSIONS = frozenset({"top_k", "min_p", "typical_p", "repetition_penalty"})


def _both(sync: str, asynchronous: str, client: Client) -> dict[str, Client]:
    return {sync: client, asynchronous: replace(client, is_async=True)}


TOGETHER = Client(
    vendor="Together",
    source="together 3.1.1 src/together/_client.py (base URL), resources/chat/completions.py (/v1/chat/completions)",
    base_env="TOGETHER_BASE_URL",
    default_base="https://api.together.ai",
    key_env="TOGETHER_API_KEY",
    timeout=60.0,
    path="/v1",
    calls={
        "chat.completions.create": replace(CHAT, same=frozenset({"top_k", "min_p", "repetition_penalty"})),
        "completions.create": replace(COMPLETE, same=frozenset({"top_k", "min_p", "repetition_penalty"})),
        "embeddings.create": EMBED,
    },
    options=_STAINLESS,
)
GROQ = Client(
    vendor="Groq",
    source="groq 1.7.0 src/groq/_client.py (base URL), resources/chat/completions.py (/openai/v1/chat/completions)",
    base_env="GROQ_BASE_URL",
    default_base="https://api.groq.com",
    key_env="GROQ_API_KEY",
    timeout=60.0,
    path="/openai/v1",
    calls={"chat.completions.create": CHAT, "embeddings.create": EMBED},
    options=_STAINLESS,
)
# Fireworks posts to https://api.fireworks.ai/inference/v1/... unless the base URL is overridden, then to
# <base>/v1/...: "https://api.fireworks.ai/inference" as the default base gives both.
FIREWORKS = Client(
    vendor="Fireworks",
    source="fireworks-ai 1.2.30 src/fireworks/_client.py, resources/chat/completions.py (inference/v1 unless overridden)",
    base_env="FIREWORKS_BASE_URL",
    default_base="https://api.fireworks.ai/inference",
    key_env="FIREWORKS_API_KEY",
    timeout=60.0,
    path="/v1",
    calls={
        "chat.completions.create": replace(CHAT, same=_EXTENSIONS),
        "completions.create": replace(COMPLETE, same=_EXTENSIONS),
    },
    options=_STAINLESS,
)


class TogetherCodemod(ClientCodemod):
    """``Together``/``AsyncTogether`` → ``connect("openai:<model>")`` at Together's OpenAI-compatible URL."""

    DESCRIPTION = "Rewrite Together SDK clients to the adapter's openai backend at Together's /v1."
    RULES = ("SOV320", "SOV321")
    CLIENT_RULES = ("SOV320",)
    CLIENTS: ClassVar[Mapping[str, Client]] = {
        **_both("together.Together", "together.AsyncTogether", TOGETHER),
        **_both("together.Client", "together.AsyncClient", TOGETHER),
    }
    VENDOR_MODULE = "together"

    def orphan_reason(self, site: CallSite) -> str:
        if site.api.startswith("together.Complete"):
            return "the legacy module-level `together.Complete` API (gone in together 1.x) has no client to rewrite"
        return super().orphan_reason(site)


class GroqCodemod(ClientCodemod):
    """``Groq``/``AsyncGroq`` → ``connect("openai:<model>")`` at Groq's OpenAI-compatible URL."""

    DESCRIPTION = "Rewrite Groq SDK clients to the adapter's openai backend at Groq's /openai/v1."
    RULES = ("SOV330", "SOV331")
    CLIENT_RULES = ("SOV330",)
    CLIENTS: ClassVar[Mapping[str, Client]] = _both("groq.Groq", "groq.AsyncGroq", GROQ)
    VENDOR_MODULE = "groq"


class FireworksCodemod(ClientCodemod):
    """``Fireworks``/``AsyncFireworks`` (fireworks-ai 1.x) → ``connect("openai:<model>")`` at Fireworks' URL."""

    DESCRIPTION = "Rewrite Fireworks SDK clients to the adapter's openai backend at Fireworks' inference/v1."
    RULES = ("SOV340", "SOV341")
    CLIENT_RULES = ("SOV340",)
    CLIENTS: ClassVar[Mapping[str, Client]] = _both(
        "fireworks.Fireworks", "fireworks.AsyncFireworks", FIREWORKS
    )
    VENDOR_MODULE = "fireworks"

    def orphan_reason(self, site: CallSite) -> str:
        return self.constructor_problem(site, None) or super().orphan_reason(site)

    def constructor_problem(self, site: CallSite, profile: Client | None) -> str:
        if site.api.startswith("fireworks.client."):
            return "the fireworks 0.x module-level API (`fireworks.client.ChatCompletion`) is gone; port it by hand"
        if profile is None:
            return "the Fireworks build SDK (`fireworks.LLM`) manages deployments; port it by hand"
        return ""


# ---------------------------------------------------------------------------------------------- Hugging Face

ROUTER = "https://router.huggingface.co/v1"  # AutoRouterConversationalTask + BaseConversationalTask's route
HUGGING_FACE = Client(
    vendor="Hugging Face",
    source="huggingface_hub 2.4.0 src/huggingface_hub/inference/_client.py, _providers/_common.py, hf_inference.py",
    base_env="",
    default_base=ROUTER,
    key_env="HF_TOKEN",
    timeout=None,  # InferenceClient waits forever
    calls={
        "chat_completion": replace(CHAT, positional=True),
        "chat.completions.create": CHAT,
        "text_generation": CallShape(
            "complete",
            positional=True,
            renames={"max_new_tokens": "max_tokens"},
            same=frozenset({"top_k", "repetition_penalty", "typical_p"}),
            note=(
                "`text_generation` (TGI's own /generate, greedy unless sampling is asked for) is sent to the "
                "server's OpenAI-compatible /v1/completions, where the server's defaults apply; the text is "
                "read as `.text`"
            ),
            text=True,
        ),
    },
    options={"token": "api_key", "api_key": "api_key", "timeout": "timeout", "headers": "headers"},
)


class HuggingFaceCodemod(ClientCodemod):
    """``InferenceClient`` → ``connect("openai:<model>")`` at its endpoint's (or the HF router's) ``/v1``.

    A client with ``base_url=`` (or a URL as ``model=``: a TGI or OpenAI-compatible server) posts chat
    completions to that URL plus ``/v1/chat/completions`` (``/v1`` added unless it ends the URL); a client with a
    model id goes to the Hugging Face router, whose OpenAI-compatible URL is ``https://router.huggingface.co/v1``.
    """

    DESCRIPTION = (
        "Rewrite huggingface_hub InferenceClient chat and text generation to the adapter's openai backend."
    )
    RULES = ("SOV220", "SOV221")
    CLIENT_RULES = ("SOV220",)
    CLIENTS: ClassVar[Mapping[str, Client]] = _both(
        "huggingface_hub.InferenceClient", "huggingface_hub.AsyncInferenceClient", HUGGING_FACE
    )
    VENDOR_MODULE = "huggingface_hub"

    def orphan_reason(self, site: CallSite) -> str:
        if site.api.startswith("text_generation."):
            return "the archived TGI client (`text_generation`) speaks TGI's own API; port it by hand"
        return super().orphan_reason(site)

    def base_keywords(self, profile: Client) -> tuple[str, ...]:
        return ("base_url", "model", "provider")

    def constructor_problem(self, site: CallSite, profile: Client) -> str:
        provider = site.argument("provider")
        if provider is not None and literal(provider.value) not in (None, "auto", "hf-inference"):
            return "`provider=` routes through the provider's own API with a model id mapped on the Hub"
        model = site.argument("model")
        if model is not None and self._url_kind(model.value) is None:
            return "`model=` may be a URL or a model id (decided at run time)"
        return ""

    def _url_kind(self, value: cst.BaseExpression) -> bool | None:
        """Whether a ``model=`` value is a URL (True), a model id (False), or cannot be told (None)."""
        text = literal(value)
        if isinstance(text, str):
            return text.startswith(("http://", "https://"))
        name = env_name(value) or ""
        if any(word in name.upper() for word in ("URL", "HOST", "ENDPOINT", "BASE")):
            return True
        return None

    def _endpoint(self, site: CallSite) -> cst.BaseExpression | None:
        """The server URL the client was given (``base_url=``, or a URL as ``model=``), if any."""
        given = {a.keyword: a.value for a in site.arguments}
        if "base_url" in given:
            return given["base_url"]
        model = given.get("model")
        return model if model is not None and self._url_kind(model) else None

    def default_model(self, origin: CallSite) -> cst.BaseExpression | None:
        """The model a call that names none sends: "dummy" to an endpoint URL (hf_inference.py), else the
        client's ``model=``."""
        if self._endpoint(origin) is not None:
            return string("dummy")
        return origin.argument("model").value if origin.argument("model") else None

    def plan_member(self, call: CallSite, shape: CallShape, profile: Client) -> CallPlan | str:
        plan = super().plan_member(call, shape, profile)
        if isinstance(plan, CallPlan) and call.argument("response_format") is not None:
            plan.unsafe.append("InferenceClient sent a `json_schema` response format in TGI's own form")
        return plan

    def base_url(self, profile: Client, given: dict[str | None, cst.BaseExpression]) -> cst.BaseExpression:
        endpoint = given.get("base_url")
        if endpoint is None and "model" in given and self._url_kind(given["model"]):
            endpoint = given["model"]
        if endpoint is None:
            return string(ROUTER)
        value = literal(endpoint)
        if isinstance(value, str):
            path = value.rstrip("/").removesuffix("/chat/completions")
            return string(path if path.endswith("/v1") else path + "/v1")
        trimmed = method(method(endpoint, "rstrip", string("/")), "removesuffix", string("/v1"))
        return cst.BinaryOperation(trimmed, cst.Add(), string("/v1"))

    def client_notes(self, site: CallSite, profile: Client) -> list[str]:
        notes = []
        if site.argument("token") is None and site.argument("api_key") is None:
            notes.append("the token is read from $HF_TOKEN only, not from a stored `hf auth login`")
        return notes


# ---------------------------------------------------------------------------------------------- own answer shapes

# Llama API serves its own API at https://api.llama.com/v1 and the OpenAI-compatible one beside it, at /compat/v1.
LLAMA_API_COMPAT = "/compat/v1"
LLAMA_API = Client(
    vendor="Meta Llama API",
    source="llama-api-client 0.6.0 llama_api_client/_client.py (base URL, key), _constants.py (600 s), "
    "resources/chat/completions.py",
    base_env="LLAMA_API_CLIENT_BASE_URL",
    default_base="https://api.llama.com/v1",
    key_env="LLAMA_API_KEY",
    timeout=600.0,
    calls={
        "chat.completions.create": replace(
            CHAT,
            renames={"max_completion_tokens": "max_tokens"},
            same=frozenset({"top_k", "repetition_penalty"}),
        )
    },
    options=_STAINLESS,
)
LLAMA_API_TOOLS = (
    "tool calling: Llama API streams tool calls as its own `tool_call` deltas; port the call and its tool loop "
    "by hand"
)
LLAMA_API_IMAGES = "image content (`image_url` items): port multimodal calls by hand"
LLAMA_API_EXTRAS = (
    "`top_k`/`repetition_penalty` are Llama API's own parameters; the OpenAI-compatible endpoint gets them as "
    "extra body fields"
)


class LlamaApiCodemod(ViewedClientCodemod):
    """Meta's ``LlamaAPIClient`` → ``connect("openai:<model>")`` at Llama API's OpenAI-compatible endpoint, its
    answers through ``views.llama_api_chat`` (``r.completion_message.content.text``, ``chunk.event.delta.text``).

    The SDK posts to ``<base>/chat/completions``, base ``$LLAMA_API_CLIENT_BASE_URL`` or
    ``https://api.llama.com/v1``; the connection goes to the same host's ``/compat/v1``.
    """

    DESCRIPTION = "Rewrite Meta Llama API clients to the adapter's openai backend at Llama API's /compat/v1."
    RULES = ("SOV360", "SOV361")
    CLIENT_RULES = ("SOV360",)
    CLIENTS: ClassVar[Mapping[str, Client]] = {
        **_both("llama_api_client.LlamaAPIClient", "llama_api_client.AsyncLlamaAPIClient", LLAMA_API),
        **_both("llama_api_client.Client", "llama_api_client.AsyncClient", LLAMA_API),
    }
    VENDOR_MODULE = "llama_api_client"
    VIEWS: ClassVar[Mapping[str, str]] = {"chat.completions.create": "llama_api_chat"}

    def constructor_problem(self, site: CallSite, profile: Client | None) -> str:
        base = literal(site.argument("base_url").value) if site.argument("base_url") else None
        if isinstance(base, str) and not base.rstrip("/").endswith("/v1"):
            return f"a base URL ({base}) not ending in /v1: where its OpenAI-compatible endpoint is cannot be told"
        return ""

    def plan_member(self, call: CallSite, shape: CallShape, profile: Client) -> CallPlan | str:
        if call.argument("tools") is not None or call.argument("tool_choice") is not None:
            return LLAMA_API_TOOLS
        messages = call.argument("messages")
        if messages is not None and '"image_url"' in code(messages.value).replace("'", '"'):
            return LLAMA_API_IMAGES
        plan = super().plan_member(call, shape, profile)
        if isinstance(plan, CallPlan) and any(
            call.argument(name) for name in ("top_k", "repetition_penalty")
        ):
            plan.unsafe.append(LLAMA_API_EXTRAS)
        return plan

    def base_url(self, profile: Client, given: dict[str | None, cst.BaseExpression]) -> cst.BaseExpression:
        """``<the SDK's base, without /v1>/compat/v1``."""
        base = super().base_url(profile, given)
        value = literal(base)
        if isinstance(value, str):
            return string(value.rstrip("/").removesuffix("/v1") + LLAMA_API_COMPAT)
        return concat(
            method(method(base, "rstrip", string("/")), "removesuffix", string("/v1")), LLAMA_API_COMPAT
        )


LLAMA_STACK_AGENTS = (
    "Llama Stack agents (sessions, tools, memory) run on the Llama Stack server; the adapter has no agent "
    "runtime: keep the agent, or move its loop into the application"
)
LLAMA_STACK_OTHER_LEGACY = (
    "the legacy `inference` API's batch and embedding calls have no rewrite; port them to the server's "
    "OpenAI-compatible routes by hand"
)
LEGACY_CALLS = ("inference.chat_completion", "inference.completion")
LLAMA_STACK = Client(
    vendor="Llama Stack",
    source="llama-stack-client 0.7.5 src/llama_stack_client/_client.py, resources/chat/completions.py (/v1/chat/completions)",
    base_env="",
    default_base="",
    key_env="LLAMA_STACK_CLIENT_API_KEY",
    timeout=60.0,
    path="/v1",
    calls={
        "chat.completions.create": CHAT,
        "completions.create": COMPLETE,
        "embeddings.create": EMBED,
        "inference.chat_completion": CHAT,
        "inference.completion": COMPLETE,
    },
    options=_STAINLESS,
)
# A client with legacy calls is llama-stack-client <= 0.2.12, whose server has the OpenAI-compatible routes under
# /v1/openai/v1 (from 0.2.4) and which reads its key from $LLAMA_STACK_API_KEY.
LLAMA_STACK_LEGACY = replace(
    LLAMA_STACK,
    source="llama-stack-client 0.2.12 llama_stack_client/_client.py, resources/inference.py, resources/chat/completions.py",
    key_env="LLAMA_STACK_API_KEY",
    path="/v1/openai/v1",
)
LEGACY_ROUTES = (
    "Llama Stack's legacy `inference` API moves to the server's OpenAI-compatible routes (`<base_url>/v1/openai/v1`, "
    "Llama Stack 0.2.4 to 0.2.x): older servers have none, and providers that built Llama prompts with Llama Stack's "
    "own formatter for the legacy API (together, fireworks, ollama...) apply the model's chat template there"
)


class LlamaStackCodemod(ViewedClientCodemod):
    """``LlamaStackClient`` → ``connect("openai:<model>")`` at the server's OpenAI-compatible routes.

    OpenAI-compatible calls go to ``<base_url>/v1`` (llama-stack-client >= 0.3). The legacy
    ``inference.chat_completion``/``completion`` go to ``<base_url>/v1/openai/v1`` (0.2.x servers), with the
    server's greedy default written out (``temperature=0``) and the answers through ``views.llama_stack_chat`` /
    ``llama_stack_completion``; always unsafe (see ``LEGACY_ROUTES``). Agents stay manual.
    """

    DESCRIPTION = "Rewrite Llama Stack chat/completion calls (OpenAI-compatible and legacy) to the adapter."
    RULES = ("SOV370", "SOV371")
    CLIENT_RULES = ("SOV370",)
    CLIENTS: ClassVar[Mapping[str, Client]] = _both(
        "llama_stack_client.LlamaStackClient", "llama_stack_client.AsyncLlamaStackClient", LLAMA_STACK
    )
    VENDOR_MODULE = "llama_stack_client"
    VIEWS: ClassVar[Mapping[str, str]] = {
        "inference.chat_completion": "llama_stack_chat",
        "inference.completion": "llama_stack_completion",
    }

    def profile(self, site: CallSite) -> Client | None:
        profile = super().profile(site)
        calls = self.analysis.references(site.node).calls
        if profile is not None and any(c.api.partition("#")[2] in LEGACY_CALLS for c in calls):
            return replace(LLAMA_STACK_LEGACY, is_async=profile.is_async)
        return profile

    def call_problem(self, site: CallSite) -> str:
        chain = site.api.partition("#")[2]
        if chain.startswith("agents"):
            return LLAMA_STACK_AGENTS
        if chain.startswith("inference") and chain not in LEGACY_CALLS:
            return LLAMA_STACK_OTHER_LEGACY
        return ""

    def plan_member(self, call: CallSite, shape: CallShape, profile: Client) -> CallPlan | str:
        if call.api.partition("#")[2] in LEGACY_CALLS:
            return plan_legacy(call, shape, profile.is_async)
        return super().plan_member(call, shape, profile)

    def constructor_problem(self, site: CallSite, profile: Client) -> str:
        if site.argument("base_url") is None:
            return (
                "the server address comes from an environment variable whose name depends on the "
                "llama-stack-client version (LLAMA_STACK_BASE_URL, LLAMA_STACK_CLIENT_BASE_URL); pass `base_url=`"
            )
        return ""

    def client_notes(self, site: CallSite, profile: Client) -> list[str]:
        if profile.path == LLAMA_STACK_LEGACY.path:
            return [LEGACY_ROUTES]
        return [
            "llama-stack-client <= 0.2 sent these calls to <base_url>/v1/openai/v1; the connection uses /v1 (>= 0.3)"
        ]


REPLICATE = (
    "Replicate runs a model version with its own input schema (`prompt`, `system_prompt`, `prompt_template`, "
    "`max_new_tokens` or `max_tokens`...) and returns an iterator of strings; there is no OpenAI-compatible "
    "Replicate endpoint to point the adapter at: port the call and its input to the target model by hand"
)


class ReplicateCodemod(ClientCodemod):
    """Replicate: reported manual with the reason (and a TODO with ``--annotate``)."""

    DESCRIPTION = "Report Replicate calls for a manual port."
    RULES = ("SOV350", "SOV351")
    CLIENT_RULES = ("SOV350",)

    def orphan_reason(self, site: CallSite) -> str:
        return REPLICATE

    def constructor_problem(self, site: CallSite, profile: Client | None) -> str:
        return REPLICATE
