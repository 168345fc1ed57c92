"""SOV3xx (and SOV24x): hosted inference SDKs and services that serve Llama and other open-weight models
(Bedrock, Together, Groq, Fireworks, Cerebras, SambaNova...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sovmigrate.rules.model import (
    Calls,
    Fix,
    FixSafety,
    HttpRequests,
    Imports,
    Kind,
    Level,
    Literal,
    Rule,
    RuleDocs,
    lazy,
)
from sovmigrate.rules.servers import OPENAI_CALLS, OPENAI_CLIENTS, OPENAI_COMPATIBLE_PACKAGES, OPENAI_FIX
from sovmigrate.rules.vocabulary import HOSTED_PROVIDER_HOSTS, HOSTED_URL_TRIGGERS

# Router model strings that name the provider before the model: `<prefix>/<model>` (LiteLLM's spelling, which
# instructor's `from_provider`, open-interpreter, ScrapeGraphAI and CrewAI pass on; `together_ai/...`, `ollama_chat/...`)
# and `<prefix>:<model>` (aisuite 0.2.0 `Client.chat.completions.create`, any-llm-sdk 1.40.2
# `AnyLLM.split_model_provider` (both separators), pydantic-ai-slim 2.78.0 `infer_model`). Prefix -> the catalog's
# vendor of the provider that serves the model. SOV598 (idvalues.py) reads a whole string of that shape as a model
# id; SOV306/SOV307 (frameworks.py) make a router call that picks such a provider a client site of it
# (`ROUTER_ENTRY_POINTS`). A router's neutral client (`aisuite.Client()`) is not a site; `litellm.completion` is SOV390.
ROUTER_PROVIDER_PREFIXES: dict[str, str] = {
    "together": "together",
    "together_ai": "together",
    "groq": "groq",
    "fireworks": "fireworks",
    "fireworks_ai": "fireworks",
    "deepinfra": "deepinfra",
    "replicate": "replicate",
    "cerebras": "cerebras",
    "sambanova": "sambanova",
    "nebius": "nebius",
    "novita": "novita",
    "hyperbolic": "hyperbolic",
    "featherless": "featherless",
    "featherless_ai": "featherless",
    "crusoe": "crusoe",
    "ovhcloud": "ovhcloud",
    "anyscale": "anyscale",
    "huggingface": "huggingface-hub",
    "nvidia_nim": "nvidia-nim",
    "meta_llama": "meta-llama-api",
    "watsonx": "watsonx",
    "watsonx_text": "watsonx",
    "bedrock": "bedrock",
    "ollama": "ollama",
    "ollama_chat": "ollama",
    "vllm": "vllm",
    "hosted_vllm": "vllm",
    "llamacpp": "llama-cpp-python",
    "llamafile": "local-engines",
    "lmstudio": "lmstudio",
    "lm_studio": "lmstudio",
    "xinference": "xinference",
}
ROUTER_SEPARATORS = ("/", ":")
# Provider names routers accept only before `:` or as a provider keyword, where `<name>/...` is a Hub owner
# (`nvidia/Llama-3.1-Nemotron-70B-Instruct`, `meta/llama-3-70b`): langchain 1.5.2 `init_chat_model`'s
# `_BUILTIN_PROVIDERS` (langchain/chat_models/base.py: `ibm`, `meta`, `nvidia`) and pydantic-ai-slim 2.78.0's `meta:`.
ROUTER_NAMED_PROVIDERS: dict[str, str] = {"ibm": "watsonx", "meta": "meta-llama-api", "nvidia": "nvidia-nim"}
# Router prefixes of engines a team runs itself (the rest name a hosted provider).
ROUTER_LOCAL_VENDORS = frozenset(
    {"ollama", "vllm", "llama-cpp-python", "local-engines", "lmstudio", "xinference"}
)


def router_provider(model: str, provider: str | None = None) -> str | None:
    """The catalog vendor a router sends ``model`` to: the explicit ``provider`` keyword's (`model_provider="groq"`,
    `provider="ollama"`), else the model string's `<prefix>/` or `<prefix>:` (`"groq/llama-3.1-8b-instant"`,
    `"ollama:llama3.1"`); ``None`` for a neutral or closed provider (`"openai/gpt-4o"`)."""
    if provider is not None:
        name = provider.lower().replace("-", "_")
        return ROUTER_PROVIDER_PREFIXES.get(name) or ROUTER_NAMED_PROVIDERS.get(name)
    for separator in ROUTER_SEPARATORS:
        head, found, rest = model.partition(separator)
        if found and rest and ":" not in head and "/" not in head:
            named = ROUTER_NAMED_PROVIDERS.get(head) if separator == ":" else None
            if head in ROUTER_PROVIDER_PREFIXES or named:
                return ROUTER_PROVIDER_PREFIXES.get(head) or named
    return None


# Router entry points that pick the provider by such a string, from the packages' own sources: the callable ->
# (position of the model argument, its keyword, the keyword naming the provider explicitly or "").
# dspy 3.4.1 `dspy.LM(model, ...)` (dspy/clients/lm.py), crewai 1.15.44 `LLM(model, ...)` (crewai/llm.py),
# instructor 1.17.0 `from_provider(model, ...)` (instructor/v2/auto_client.py), langchain 1.5.2
# `init_chat_model(model, *, model_provider=...)` (langchain/chat_models/base.py), pydantic-ai-slim 2.78.0
# `Agent(model, ...)` and `infer_model(model)` (pydantic_ai/agent/__init__.py, models/__init__.py), any-llm-sdk
# 1.40.2 `completion(model, ..., provider=...)` and its siblings (any_llm/api.py). A method (`Class#path`) is a
# router when its own call names the provider, whatever built the object.
ROUTER_ENTRY_POINTS: dict[str, tuple[int, str, str]] = {
    "dspy.LM": (0, "model", ""),
    "dspy.clients.LM": (0, "model", ""),
    "dspy.clients.lm.LM": (0, "model", ""),
    "crewai.LLM": (0, "model", ""),
    "crewai.llm.LLM": (0, "model", ""),
    "instructor.from_provider": (0, "model", ""),
    "instructor.auto_client.from_provider": (0, "model", ""),
    "instructor.v2.auto_client.from_provider": (0, "model", ""),
    "langchain.chat_models.init_chat_model": (0, "model", "model_provider"),
    "langchain.chat_models.base.init_chat_model": (0, "model", "model_provider"),
    "pydantic_ai.Agent": (0, "model", ""),
    "pydantic_ai.agent.Agent": (0, "model", ""),
    "pydantic_ai.models.infer_model": (0, "model", ""),
    # aisuite 0.2.0 `Client().chat.completions.create(model="groq:...", messages)` (aisuite/client.py).
    "aisuite.Client#chat.completions.create": (0, "model", ""),
    "aisuite.client.Client#chat.completions.create": (0, "model", ""),
    **{
        f"any_llm{module}.{function}": (0, "model", "provider")
        for module in ("", ".api")
        for function in ("completion", "acompletion", "responses", "aresponses", "embedding", "aembedding")
    },
    # mirascope 2.8.2 `llm.register_provider(provider, scope, *, api_key, base_url)` points the model ids a scope
    # prefixes (`"ollama/"`) at a provider (mirascope/llm/providers/provider_registry.py); `llm.use_model(model)`,
    # `llm.model(model_id)` and `llm.Model(model_id)` (llm/models/models.py) pick the registered provider by the id's
    # prefix. Only the registration builds a client (ROUTER_MODEL_SELECTORS); a model object carries the host its
    # calls go to.
    **{
        f"mirascope.llm{module}.register_provider": (1, "scope", "provider")
        for module in ("", ".providers", ".providers.provider_registry")
    },
    **{
        f"mirascope.llm{module}.{name}": (0, keyword, "")
        for module in ("", ".models", ".models.models")
        for name, keyword in (("use_model", "model"), ("model", "model_id"), ("Model", "model_id"))
    },
}
# Router entry points that select a model of an already registered provider: not client sites themselves.
ROUTER_MODEL_SELECTORS = frozenset(
    name for name in ROUTER_ENTRY_POINTS if name.startswith("mirascope.") and "register_provider" not in name
)


# OpenAI-compatible clients of agent frameworks, which send requests to the base URL they are given (besides the
# SDK's, LangChain's and LlamaIndex's in OPENAI_CLIENTS): smolagents `OpenAIServerModel`/`OpenAIModel` (`api_base=`,
# smolagents/models.py), autogen-ext `OpenAIChatCompletionClient` (`base_url=`), pydantic-ai `OpenAIProvider`
# (`base_url=`, pydantic-ai-slim 2.78.0 providers/openai.py). A hosted provider's URL or key variable makes one of
# them that provider's client. Not agno's `OpenAILike`: agno subclasses it for each provider in its own source,
# where the labels count the base URL (config), not the class.
FRAMEWORK_OPENAI_CLIENTS = (
    "smolagents*.OpenAIServerModel",
    "smolagents*.OpenAIModel",
    "autogen_ext.models.openai*.OpenAIChatCompletionClient",
    "pydantic_ai.providers.openai*.OpenAIProvider",
)


_WHY_HOSTED = (
    "A hosted vendor's SDK or endpoint ties the code to one provider's API, model names, pricing and "
    "deprecation schedule. Behind the adapter the provider is configuration; the same code can run "
    "on a self-hosted open-weight model."
)
_NO_FIX = "No automatic fix yet: request and response shapes differ per vendor."


@dataclass(frozen=True)
class _Fix:
    """A vendor SDK rule pair's codemod, its fix safety and the before/after of its rule pages."""

    codemod: str
    safety: FixSafety
    text: str
    before: str = ""
    after: str = ""

    @property
    def fix(self) -> Fix:
        return Fix.NONE if self.safety is FixSafety.MANUAL else Fix.SOMETIMES


@dataclass(frozen=True)
class _Sdk:
    """One hosted vendor's SDK: its import roots, client classes, inference calls and other API calls."""

    vendor: str
    pretty: str
    modules: tuple[str, ...]
    clients: tuple[str, ...]
    inference: tuple[str, ...]
    example: str
    # Other calls on the vendor's objects (models, files, fine-tuning, batches, deployments...).
    platform: tuple[str, ...] = ()
    import_triggers: tuple[str, ...] = ()
    fix: _Fix | None = None  # the codemod of the client and inference rules


def _vendor_sdk(code: str, sdk: _Sdk) -> tuple[Rule, ...]:
    """Four rules for one SDK: client (``code``), inference (+1), import (+2), other API calls (+3)."""
    number = int(code[3:])
    modules = "`, `".join(sdk.modules)
    shown = (
        {"fix_safety": sdk.fix.text, "before": sdk.fix.before, "after": sdk.fix.after}
        if sdk.fix
        else {"fix_safety": _NO_FIX}
    )
    fields = {"codemod": sdk.fix.codemod, "fix": sdk.fix.fix, "fix_safety": sdk.fix.safety} if sdk.fix else {}
    client = Rule(
        code=code,
        name=f"{sdk.vendor}-client",
        kind=Kind.CLIENT,
        vendor=sdk.vendor,
        message=f"`{{api}}` creates a {sdk.pretty} client",
        matchers=(Calls(sdk.clients),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what=f"Checks for {sdk.pretty} client objects from `{modules}`.",
            why=_WHY_HOSTED,
            example=sdk.example,
            use_instead='model = connect("openai:<model>", base_url="<provider OpenAI-compatible URL>")',
            **shown,
        ),
        **fields,
    )
    inference = Rule(
        code=f"SOV{number + 1}",
        name=f"{sdk.vendor}-inference",
        kind=Kind.INFERENCE,
        vendor=sdk.vendor,
        message=f"`{{api}}` runs inference on {sdk.pretty}",
        matchers=(Calls(sdk.inference),),
        effort_driver="call_site",
        docs=RuleDocs(
            what=f"Checks for completion, chat, embedding and other model calls on {sdk.pretty} clients.",
            why=_WHY_HOSTED,
            example=sdk.example,
            use_instead="reply = model.chat(messages, max_tokens=256)",
            **shown,
        ),
        **fields,
    )
    imports = Rule(
        code=f"SOV{number + 2}",
        name=f"{sdk.vendor}-import",
        kind=Kind.IMPORT,
        vendor=sdk.vendor,
        message=f"`{{api}}` imports the {sdk.pretty} SDK",
        matchers=(Imports(sdk.modules, triggers=sdk.import_triggers),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what=f"Checks for imports of the {sdk.pretty} SDK (`{modules}`), its clients and its types.",
            why=f"Every module that imports the {sdk.pretty} SDK depends on that provider's API; the import "
            "marks a file the migration edits and a package the deployment ships.",
            example=f"from {sdk.modules[0]} import {sdk.clients[0].rpartition('.')[2]}",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety="Removed by the codemods once no use of the module is left.",
        ),
    )
    platform = Rule(
        code=f"SOV{number + 3}",
        name=f"{sdk.vendor}-platform-api",
        kind=Kind.CONFIG,
        vendor=sdk.vendor,
        message=f"`{{api}}` uses {sdk.pretty}'s platform API",
        matchers=(Calls(sdk.platform or tuple(f"{c}#*" for c in sdk.clients), exclude=sdk.inference),),
        level=Level.NOTE,
        effort_driver="call_site",
        docs=RuleDocs(
            what=f"Checks for calls on {sdk.pretty} objects other than inference: models, files, fine-tuning, "
            "batches, deployments and other platform resources.",
            why="Model listings, uploaded files, fine-tuning jobs and deployments live on the provider's "
            "platform; each call has to move to the new provider's tooling or to deployment scripts.",
            example=sdk.example,
            use_instead="The target platform's own tooling, outside application code.",
        ),
    )
    return client, inference, imports, platform


def _on(roots: tuple[str, ...], members: tuple[str, ...]) -> tuple[str, ...]:
    """``root#member`` call patterns for every pair."""
    return tuple(f"{root}#{member}" for root in roots for member in members)


# instructor's methods on a client it patched (`instructor.from_groq(Groq())`), next to the SDKs' own.
INSTRUCTOR_METHODS = (
    "chat.completions.create_iterable",
    "chat.completions.create_partial",
    "chat.completions.create_with_completion",
    "create",
    "create_iterable",
    "create_partial",
    "create_with_completion",
)
_STAINLESS_INFERENCE = (
    "chat.completions.create",
    "completions.create",
    "embeddings.create",
    # Every Stainless SDK's raw and streaming-response views of the same calls (`_client.py`, `resources/`).
    "chat.completions.with_raw_response.create",
    "chat.completions.with_streaming_response.create",
    "completions.with_raw_response.create",
    "completions.with_streaming_response.create",
    "embeddings.with_raw_response.create",
    "embeddings.with_streaming_response.create",
    *INSTRUCTOR_METHODS,
)


def _vendor_fix(codemod: str, vendor: str, how: str, before: str, after: str) -> _Fix:
    return _Fix(
        codemod, FixSafety.SAFE, f"{vendor}: {how} " + OPENAI_FIX.replace("SDK", "vendor SDK"), before, after
    )


_TOGETHER_FIX = _vendor_fix(
    "hosted.TogetherCodemod",
    "Together",
    "the connection goes to the SDK's base URL (`base_url=`, else `$TOGETHER_BASE_URL`, else "
    "https://api.together.ai) plus `/v1`, with `$TOGETHER_API_KEY` unless `api_key=` is given (together 3.1.1).",
    "from together import Together\n\nclient = Together()\n"
    'r = client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=msgs, top_k=40)\n'
    "print(r.choices[0].message.content)",
    "from os import getenv\nfrom sovmigrate.adapter import connect\n\n"
    'client = connect(default="openai:meta-llama/Llama-3.3-70B-Instruct-Turbo", '
    'base_url=getenv("TOGETHER_BASE_URL", "https://api.together.ai").rstrip("/") + "/v1", '
    'api_key_env="TOGETHER_API_KEY", param_defaults="engine")\n'
    "r = client.chat(messages=msgs, top_k=40)\n"
    "print(r.choices[0].message.content)",
)
_GROQ_FIX = _vendor_fix(
    "hosted.GroqCodemod",
    "Groq",
    "the connection goes to the SDK's base URL (`base_url=`, else `$GROQ_BASE_URL`, else https://api.groq.com) "
    "plus `/openai/v1`, with `$GROQ_API_KEY` unless `api_key=` is given (groq 1.7.0).",
    "from groq import Groq\n\nclient = Groq()\n"
    'r = client.chat.completions.create(model="llama-3.1-8b-instant", messages=msgs)\n'
    "print(r.choices[0].message.content)",
    "from os import getenv\nfrom sovmigrate.adapter import connect\n\n"
    'client = connect(default="openai:llama-3.1-8b-instant", '
    'base_url=getenv("GROQ_BASE_URL", "https://api.groq.com").rstrip("/") + "/openai/v1", '
    'api_key_env="GROQ_API_KEY", param_defaults="engine")\n'
    "r = client.chat(messages=msgs)\n"
    "print(r.choices[0].message.content)",
)
_FIREWORKS_FIX = _vendor_fix(
    "hosted.FireworksCodemod",
    "Fireworks (1.x)",
    "the connection goes to https://api.fireworks.ai/inference/v1, or to an overridden base URL (`base_url=`, "
    "`$FIREWORKS_BASE_URL`) plus `/v1`, as fireworks-ai 1.2.30 posts, with `$FIREWORKS_API_KEY` unless "
    "`api_key=` is given. The 0.x module API (`fireworks.client.ChatCompletion`) stays manual.",
    "from fireworks import Fireworks\n\nclient = Fireworks()\n"
    'r = client.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=msgs)\n'
    "print(r.choices[0].message.content)",
    "from os import getenv\nfrom sovmigrate.adapter import connect\n\n"
    'client = connect(default="openai:accounts/fireworks/models/llama-v3p1-8b-instruct", '
    'base_url=getenv("FIREWORKS_BASE_URL", "https://api.fireworks.ai/inference").rstrip("/") + "/v1", '
    'api_key_env="FIREWORKS_API_KEY", param_defaults="engine")\n'
    "r = client.chat(messages=msgs)\n"
    "print(r.choices[0].message.content)",
)
_LLAMA_STACK_FIX = _Fix(
    "hosted.LlamaStackCodemod",
    FixSafety.UNSAFE,
    "`LlamaStackClient(base_url=...)` becomes a connection to the server's OpenAI-compatible routes, always "
    "unsafe. OpenAI-compatible calls (`chat.completions.create`, `completions.create`, `embeddings.create`) go to "
    "`<base_url>/v1`, where llama-stack-client >= 0.3 sends them (0.7.5 read; clients <= 0.2 sent them to "
    "`/v1/openai/v1`), with `$LLAMA_STACK_CLIENT_API_KEY`; otherwise as SOV210. The legacy "
    "`inference.chat_completion`/`completion` (llama-stack-client 0.2.12 read) go to `<base_url>/v1/openai/v1`, "
    "which servers have from 0.2.4, with `$LLAMA_STACK_API_KEY`: the server's sampling defaults are written out "
    "(greedy: `temperature=0`; a `top_p` strategy's `top_p=0.95`), `sampling_params` become `max_tokens`, "
    "`temperature`, `top_p`, `stop`, and the answers go through `views.llama_stack_chat`/`llama_stack_completion` "
    "(and their `_stream` forms), which give Llama Stack's shapes (`r.completion_message.content`, "
    "`chunk.event.delta.text`). Unsafe because providers that built Llama prompts with Llama Stack's own formatter "
    "apply the model's chat template on the OpenAI routes, and `completion` loses the `<|begin_of_text|>` Llama "
    "Stack put before its prompt. Manual for agents, tools, `response_format`, `logprobs`, `top_k` strategies, "
    "repetition penalties, content items and clients whose address comes from the environment.",
    'from llama_stack_client import LlamaStackClient\n\nclient = LlamaStackClient(base_url="http://localhost:8321")\n'
    'r = client.inference.chat_completion(model_id="meta-llama/Llama-3.2-3B-Instruct", messages=msgs, '
    'sampling_params={"max_tokens": 256})\n'
    "print(r.completion_message.content)",
    "from sovmigrate.adapter import connect, views\n\n"
    'client = connect(default="openai:meta-llama/Llama-3.2-3B-Instruct", base_url="http://localhost:8321/v1/openai/v1", '
    'api_key_env="LLAMA_STACK_API_KEY", param_defaults="engine")\n'
    "r = views.llama_stack_chat(client.chat(messages=msgs, temperature=0, max_tokens=256))\n"
    "print(r.completion_message.content)",
)
_REPLICATE_FIX = _Fix(
    "hosted.ReplicateCodemod",
    FixSafety.MANUAL,
    "Manual: Replicate runs a model version with its own input schema and returns an iterator of strings; there "
    "is no OpenAI-compatible Replicate endpoint. `--annotate` adds a TODO with the reason.",
)
_LLAMA_API_FIX = _Fix(
    "hosted.LlamaApiCodemod",
    FixSafety.SAFE,
    "`LlamaAPIClient` and its `chat.completions.create` calls become a connection to Llama API's OpenAI-compatible "
    "endpoint on the same host (`<base URL without /v1>/compat/v1`: the SDK's `base_url=`, else "
    "`$LLAMA_API_CLIENT_BASE_URL`, else https://api.llama.com/v1, so https://api.llama.com/compat/v1), with "
    "`$LLAMA_API_KEY` unless `api_key=` is given and the SDK's 600 s timeout (llama-api-client 0.6.0 read); "
    "`max_completion_tokens` becomes `max_tokens`. The answers go through `views.llama_api_chat` (streams: "
    "`views.llama_api_chat_stream`), which give the SDK's shapes: `r.completion_message.content.text`, "
    "`r.completion_message.stop_reason`, `r.metrics`, `chunk.event.event_type`, `chunk.event.delta.text`. Safe "
    "where the program reads only fields the view gives, down to a value; unsafe where an answer is used as a "
    "whole (printed, appended to the messages, `to_dict()`) or read beyond the view, where `top_k`/"
    "`repetition_penalty` are sent, or where a `try` catches the SDK's exceptions. Manual for tools, images, "
    "`user=`, moderations and base URLs that do not end in `/v1`.",
    "from llama_api_client import LlamaAPIClient\n\nclient = LlamaAPIClient()\n"
    'r = client.chat.completions.create(model="Llama-3.3-70B-Instruct", messages=msgs, max_completion_tokens=256)\n'
    "print(r.completion_message.content.text)",
    "from os import getenv\nfrom sovmigrate.adapter import connect, views\n\n"
    'client = connect(default="openai:Llama-3.3-70B-Instruct", '
    'base_url=getenv("LLAMA_API_CLIENT_BASE_URL", "https://api.llama.com/v1").rstrip("/").removesuffix("/v1") '
    '+ "/compat/v1", api_key_env="LLAMA_API_KEY", param_defaults="engine", timeout=600)\n'
    "r = views.llama_api_chat(client.chat(messages=msgs, max_tokens=256))\n"
    "print(r.completion_message.content.text)",
)


_HOSTED_BEFORE = (
    "import os\n"
    "from openai import OpenAI\n"
    "\n"
    'client = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ["GROQ_API_KEY"])\n'
    'r = client.chat.completions.create(model="llama-3.3-70b-versatile", messages=msgs)\n'
    "print(r.choices[0].message.content)"
)
_HOSTED_AFTER = (
    "import os\n"
    "from sovmigrate.adapter import connect\n"
    "\n"
    'client = connect(default="openai:llama-3.3-70b-versatile", base_url="https://api.groq.com/openai/v1", '
    'api_key=os.environ["GROQ_API_KEY"], param_defaults="engine", timeout=600)\n'
    "r = client.chat(messages=msgs)\n"
    "print(r.choices[0].message.content)"
)


_BEDROCK_FIX = (
    "Safe for `converse`/`converse_stream` with literal text turns (`messages`, `system`, `inferenceConfig` "
    "written in the call or assigned once in the function) and for `invoke_model`/"
    "`invoke_model_with_response_stream` with a Meta Llama body (`json.dumps` of a dict of `prompt`, "
    "`max_gen_len`, `temperature`, `top_p`, built in the function): each call gets a connection to the "
    "adapter's `bedrock` backend on the program's own boto3 client (`client=`), which sends the same request "
    '(`param_defaults="engine"`: only the fields the call sent), and the result goes through '
    "`sovmigrate.adapter.views`, which gives Bedrock's response shapes. Unsafe when the response is read "
    "beyond those shapes (`ResponseMetadata`) or a `try` catches botocore's exceptions. Manual for images, "
    "documents, tools, guardrails, `additionalModelRequestFields` and bodies of other model families."
)


_TOGETHER = _Sdk(
    "together",
    "Together AI",
    ("together",),
    ("together.Together", "together.AsyncTogether", "together.Client", "together.AsyncClient"),
    (
        *_on(
            ("together.*",),
            (*_STAINLESS_INFERENCE, "images.generate", "audio.*", "rerank.create", "videos.create"),
        ),
        "together.Complete.create*",
        "together.Embeddings.create",
        "together.Image.create",
    ),
    'client = Together()\nr = client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=msgs)',
    platform=(
        "together.*Together#*",
        "together.*Client#*",
        "together.Models.*",
        "together.Files.*",
        "together.Finetune.*",
    ),
    import_triggers=("import together", "from together"),
    fix=_TOGETHER_FIX,
)
_GROQ = _Sdk(
    "groq",
    "Groq",
    ("groq",),
    ("groq.Groq", "groq.AsyncGroq", "groq.Client", "groq.AsyncClient"),
    _on(("groq.*",), (*_STAINLESS_INFERENCE, "audio.*")),
    'client = Groq()\nr = client.chat.completions.create(model="llama-3.1-8b-instant", messages=msgs)',
    fix=_GROQ_FIX,
)
_FIREWORKS = _Sdk(
    "fireworks",
    "Fireworks AI",
    ("fireworks",),
    (
        "fireworks.Fireworks",
        "fireworks.AsyncFireworks",
        "fireworks.Client",
        "fireworks.AsyncClient",
        "fireworks.client.Fireworks",
        "fireworks.client.AsyncFireworks",
        "fireworks.LLM",
    ),
    (
        *_on(
            ("fireworks.*",),
            (*_STAINLESS_INFERENCE, "chat.completions.acreate", "completions.acreate", "messages.create"),
        ),
        "fireworks.client.ChatCompletion.*create",
        "fireworks.client.Completion.*create",
        "fireworks.client.Embedding.create",
    ),
    'client = Fireworks()\nr = client.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=msgs)',
    platform=("fireworks.*Fireworks#*", "fireworks.*Client#*", "fireworks.LLM#*"),
    fix=_FIREWORKS_FIX,
)
_REPLICATE_OBJECTS = (
    "replicate.prediction.Prediction",
    "replicate.model.Model",
    "replicate.version.Version",
    "replicate.training.Training",
    "replicate.deployment.Deployment",
)
_REPLICATE = _Sdk(
    "replicate",
    "Replicate",
    ("replicate",),
    ("replicate.Client",),
    (
        "replicate.run",
        "replicate.async_run",
        "replicate.stream",
        "replicate.async_stream",
        "replicate.predictions.create",
        "replicate.models.predictions.create",
        "replicate.deployments.predictions.create",
        *_on(
            ("replicate.Client",),
            ("run", "async_run", "stream", "async_stream", "predictions.create", "models.predictions.create"),
        ),
        *_on(
            ("replicate.prediction.Prediction",),
            ("wait", "async_wait", "output_iterator", "async_output_iterator", "stream"),
        ),
        "replicate.deployment.Deployment#predictions.create",
    ),
    'output = replicate.run("meta/meta-llama-3-70b-instruct", input={"prompt": p})\ntext = "".join(output)',
    platform=(
        "replicate.models.*",
        "replicate.predictions.*",
        "replicate.trainings.*",
        "replicate.deployments.*",
        "replicate.files.*",
        "replicate.collections.*",
        "replicate.hardware.*",
        "replicate.webhooks.*",
        "replicate.Client#*",
        *_on(_REPLICATE_OBJECTS, ("cancel", "reload", "versions.*", "predictions.*", "predict")),
    ),
    import_triggers=("import replicate", "from replicate"),
    fix=_REPLICATE_FIX,
)
# Cerebras and SambaNova: Stainless SDKs like Together's and Groq's (cerebras-cloud-sdk 1.91.0 `_client.py` and
# `resources/`; sambanova 1.13.0 `_client.py` and `resources/`), both hosting open-weight models only.
_CEREBRAS = _Sdk(
    "cerebras",
    "Cerebras Inference",
    ("cerebras.cloud.sdk",),
    (
        "cerebras.cloud.sdk.Cerebras",
        "cerebras.cloud.sdk.AsyncCerebras",
        "cerebras.cloud.sdk.Client",
        "cerebras.cloud.sdk.AsyncClient",
    ),
    _on(("cerebras.cloud.sdk.*",), _STAINLESS_INFERENCE),
    'client = Cerebras()\nr = client.chat.completions.create(model="llama3.1-8b", messages=msgs)',
)
_SAMBANOVA = _Sdk(
    "sambanova",
    "SambaNova Cloud",
    ("sambanova",),
    ("sambanova.SambaNova", "sambanova.AsyncSambaNova", "sambanova.Client", "sambanova.AsyncClient"),
    _on(("sambanova.*",), (*_STAINLESS_INFERENCE, "messages.create", "responses.create", "audio.*")),
    'client = SambaNova()\nr = client.chat.completions.create(model="Meta-Llama-3.3-70B-Instruct", messages=msgs)',
)
_LLAMA_API = _Sdk(
    "meta-llama-api",
    "Meta's Llama API",
    ("llama_api_client",),
    (
        "llama_api_client.LlamaAPIClient",
        "llama_api_client.AsyncLlamaAPIClient",
        "llama_api_client.Client",
        "llama_api_client.AsyncClient",
    ),
    _on(("llama_api_client.*",), ("chat.completions.create", "moderations.create")),
    'client = LlamaAPIClient()\nr = client.chat.completions.create(model="Llama-4-Maverick-17B-128E-Instruct-FP8", messages=msgs)\n'
    "text = r.completion_message.content.text",
    fix=_LLAMA_API_FIX,
)
# Llama Stack: the HTTP client, the in-process library client (from the llama_stack server package) and the
# agent helpers that wrap both.
_STACK_CLIENTS = (
    "llama_stack_client.LlamaStackClient",
    "llama_stack_client.AsyncLlamaStackClient",
    "llama_stack_client.Client",
    "llama_stack_client.AsyncClient",
    "llama_stack.*LlamaStackAsLibraryClient",
    "llama_stack.*AsyncLlamaStackAsLibraryClient",
)
_STACK_AGENTS = (
    "llama_stack_client.Agent",
    "llama_stack_client.AsyncAgent",
    "llama_stack_client.lib.agents.*Agent",
    "llama_stack_client.ReActAgent",
    "llama_stack_client.types.*AgentConfig",
    "llama_stack_client.AgentConfig",
)
_LLAMA_STACK = _Sdk(
    "llama-stack",
    "Llama Stack",
    ("llama_stack_client", "llama_stack.distribution.library_client", "llama_stack.core.library_client"),
    (*_STACK_CLIENTS, *_STACK_AGENTS),
    (
        *_on(
            ("llama_stack_client.*", "llama_stack.*LibraryClient"),
            ("inference.*", *_STAINLESS_INFERENCE, "responses.create", "agents.*", "safety.run_shield"),
        ),
        *_on(("llama_stack_client.*Agent",), ("create_turn", "create_session", "resume_turn")),
    ),
    'client = LlamaStackClient(base_url="http://localhost:8321")\n'
    "r = client.inference.chat_completion(model_id=mid, messages=msgs)",
    platform=_on((*_STACK_CLIENTS, "llama_stack_client.*Agent"), ("*",)),
    fix=_LLAMA_STACK_FIX,
)

_WATSONX_MODELS = ("ibm_watsonx_ai.foundation_models.*", "ibm_watson_machine_learning.foundation_models.*")
_WATSONX = _Sdk(
    "watsonx",
    "IBM watsonx.ai",
    ("ibm_watsonx_ai", "ibm_watson_machine_learning"),
    (
        "ibm_watsonx_ai.foundation_models.ModelInference",
        "ibm_watsonx_ai.foundation_models.Model",
        "ibm_watsonx_ai.foundation_models.inference.*ModelInference",
        "ibm_watsonx_ai.foundation_models.Embeddings",
        "ibm_watsonx_ai.foundation_models.Rerank",
        "ibm_watsonx_ai.foundation_models.*.Embeddings",
        "ibm_watsonx_ai.foundation_models.*.Rerank",
        # The Model Gateway: an OpenAI-shaped router over the providers it is given.
        "ibm_watsonx_ai.gateway.*Gateway",
        "ibm_watson_machine_learning.foundation_models.Model*",
        # The platform client and the credentials (they carry the watsonx.ai endpoint URL).
        "ibm_watsonx_ai.APIClient",
        "ibm_watsonx_ai.client.APIClient",
        "ibm_watsonx_ai.Credentials",
        "ibm_watsonx_ai.Credentials.from_dict",
        "ibm_watsonx_ai.credentials.Credentials*",
        "ibm_watson_machine_learning.APIClient",
    ),
    (
        *_on(
            _WATSONX_MODELS,
            ("generate*", "agenerate*", "chat*", "achat*", "embed_*", "aembed_*", "tokenize", "rerank"),
        ),
        *_on(
            ("ibm_watsonx_ai.gateway.*Gateway",),
            ("chat.completions.*create", "completions.*create", "embeddings.*create"),
        ),
    ),
    'model = ModelInference(model_id="meta-llama/llama-3-3-70b-instruct", credentials=creds, project_id=pid)\n'
    'text = model.generate_text(prompt="Hello", params={"max_new_tokens": 64})',
    platform=(
        *_on(_WATSONX_MODELS, ("get_details",)),
        *_on(
            ("ibm_watsonx_ai.gateway.*Gateway",), ("providers.*", "models.*", "policies.*", "rate_limits.*")
        ),
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV300",
        name="bedrock-runtime-client",
        kind=Kind.CLIENT,
        vendor="bedrock",
        message="`{api}` creates an Amazon Bedrock runtime client",
        matchers=(
            Calls(
                (
                    "boto3.client:bedrock-runtime",
                    "boto3.*Session#client:bedrock-runtime",
                    "aioboto3.*#client:bedrock-runtime",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what='Checks for `boto3.client("bedrock-runtime")` and `Session(...).client("bedrock-runtime")`.',
            why=_WHY_HOSTED,
            example='client = boto3.client("bedrock-runtime", region_name="us-east-1")',
            use_instead='model = connect("openai:<model>", base_url="https://bedrock-runtime.<region>.amazonaws.com/openai/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV301",
        name="bedrock-invoke-model",
        kind=Kind.INFERENCE,
        vendor="bedrock",
        message="`{api}` sends a native model body to Amazon Bedrock",
        matchers=(
            Calls(
                (
                    "boto3.client:bedrock-runtime#invoke_model",
                    "boto3.client:bedrock-runtime#invoke_model_with_response_stream",
                    "boto3.*Session#client:bedrock-runtime#invoke_model*",
                ),
                distinctive=("invoke_model", "invoke_model_with_response_stream"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `invoke_model` and `invoke_model_with_response_stream` on a Bedrock runtime client.",
            why="InvokeModel takes a model-family-specific JSON body: for Llama, `prompt` must already hold "
            "the Llama chat template and only `max_gen_len`, `temperature` and `top_p` exist. Both the "
            "template and the body change with the model.",
            example='resp = client.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=json.dumps({"prompt": p, "max_gen_len": 512}))\n'
            'text = json.loads(resp["body"].read())["generation"]',
            use_instead="text = model.complete(p, max_tokens=512).text",
            fix_safety=_BEDROCK_FIX,
            before=(
                "import json\n"
                "import boto3\n"
                "\n"
                'client = boto3.client("bedrock-runtime")\n'
                'body = json.dumps({"prompt": prompt, "max_gen_len": 512, "temperature": 0.5})\n'
                'resp = client.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=body)\n'
                'text = json.loads(resp["body"].read())["generation"]'
            ),
            after=(
                "import json\n"
                "import boto3\n"
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'client = boto3.client("bedrock-runtime")\n'
                'body = json.dumps({"prompt": prompt, "max_gen_len": 512, "temperature": 0.5})\n'
                'resp = views.bedrock_invoke(connect(default="bedrock:meta.llama3-8b-instruct-v1:0", client=client, '
                'param_defaults="engine").complete(prompt, max_tokens=512, temperature=0.5))\n'
                'text = json.loads(resp["body"].read())["generation"]'
            ),
        ),
        codemod="bedrock.BedrockCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    Rule(
        code="SOV302",
        name="bedrock-converse",
        kind=Kind.INFERENCE,
        vendor="bedrock",
        message="`{api}` calls Amazon Bedrock's Converse API",
        matchers=(
            Calls(
                (
                    "boto3.client:bedrock-runtime#converse",
                    "boto3.client:bedrock-runtime#converse_stream",
                    "boto3.*Session#client:bedrock-runtime#converse*",
                ),
                distinctive=("converse", "converse_stream"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `converse` and `converse_stream` on a Bedrock runtime client.",
            why=_WHY_HOSTED + " Converse is model-agnostic inside Bedrock but not outside it.",
            example='resp = client.converse(modelId=mid, messages=[{"role": "user", "content": [{"text": p}]}])',
            use_instead="reply = model.chat([{'role': 'user', 'content': p}])",
            fix_safety=_BEDROCK_FIX,
            before=(
                "import boto3\n"
                "\n"
                'client = boto3.client("bedrock-runtime")\n'
                'resp = client.converse(modelId=model_id, messages=[{"role": "user", "content": [{"text": p}]}])\n'
                'print(resp["output"]["message"]["content"][0]["text"])'
            ),
            after=(
                "import boto3\n"
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'client = boto3.client("bedrock-runtime")\n'
                'resp = views.bedrock_converse(connect(default=f"bedrock:{model_id}", client=client, '
                'param_defaults="engine").chat([{"role": "user", "content": p}]))\n'
                'print(resp["output"]["message"]["content"][0]["text"])'
            ),
        ),
        codemod="bedrock.BedrockCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    Rule(
        code="SOV310",
        name="openai-client-hosted-llama",
        kind=Kind.CLIENT,
        vendor="openai-compatible",
        message="`{api}` points an OpenAI-compatible client at a hosted Llama provider",
        matchers=(Calls((*OPENAI_CLIENTS, *FRAMEWORK_OPENAI_CLIENTS), hosts=("hosted",)),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for OpenAI SDK, `ChatOpenAI` and `OpenAILike` clients whose base URL or API-key "
            "variable names Together, Groq, Fireworks, DeepInfra, Meta's Llama API, the "
            "Hugging Face router, Cerebras, SambaNova, NVIDIA NIM, Hyperbolic, Novita, Nebius, Featherless, Crusoe, "
            "OVHcloud AI Endpoints or Bedrock's OpenAI endpoint (`vocabulary.HOSTED_PROVIDER_DOMAINS`, "
            "`HOSTED_KEY_PROVIDERS`).",
            why=_WHY_HOSTED,
            example='client = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ["GROQ_API_KEY"])',
            use_instead='model = connect("openai:llama-3.3-70b-versatile", base_url="https://api.groq.com/openai/v1")',
            fix_safety=OPENAI_FIX,
            before=_HOSTED_BEFORE,
            after=_HOSTED_AFTER,
        ),
        codemod="openai_compat.OpenAICompatCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    Rule(
        code="SOV312",
        name="openai-import-hosted-llama",
        kind=Kind.IMPORT,
        vendor="openai-compatible",
        message="`{api}` imports an OpenAI-compatible client that this module points at a hosted Llama provider",
        matchers=(Imports(OPENAI_COMPATIBLE_PACKAGES, hosts=("hosted",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of the OpenAI SDK, `langchain_openai` or LlamaIndex's `OpenAI`/`OpenAILike` in "
            "a module where SOV310 finds a client of that package pointed at a hosted Llama provider (a base URL, an "
            "API-key variable, or an `api_base` default of a subclass).",
            why=_WHY_HOSTED,
            example='from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.groq.com/openai/v1")',
            use_instead="from sovmigrate.adapter import connect",
        ),
    ),
    Rule(
        code="SOV311",
        name="openai-hosted-llama-inference",
        kind=Kind.INFERENCE,
        vendor="openai-compatible",
        message="`{api}` runs inference on a hosted Llama provider through an OpenAI-compatible client",
        matchers=(Calls(OPENAI_CALLS, hosts=("hosted",)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `client.chat.completions.create(...)` and friends on a client that SOV310 found.",
            why=_WHY_HOSTED,
            example='r = client.chat.completions.create(model="llama-3.3-70b-versatile", messages=msgs)',
            use_instead="r = model.chat(msgs)",
            fix_safety=OPENAI_FIX,
            before=_HOSTED_BEFORE,
            after=_HOSTED_AFTER,
        ),
        codemod="openai_compat.OpenAICompatCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    *_vendor_sdk("SOV320", _TOGETHER),
    *_vendor_sdk("SOV330", _GROQ),
    *_vendor_sdk("SOV340", _FIREWORKS),
    *_vendor_sdk("SOV350", _REPLICATE),
    *_vendor_sdk("SOV360", _LLAMA_API),
    *_vendor_sdk("SOV370", _LLAMA_STACK),
    *_vendor_sdk("SOV394", _WATSONX),
    *_vendor_sdk("SOV240", _CEREBRAS),
    *_vendor_sdk("SOV244", _SAMBANOVA),
    Rule(
        code="SOV380",
        name="hosted-llama-url",
        kind=Kind.CONFIG,
        vendor="hosted",
        message="URL `{api}` names a hosted Llama provider",
        matchers=(
            Literal(
                lazy(
                    r"^https?://("
                    + "|".join(re.escape(host) for host in HOSTED_PROVIDER_HOSTS)
                    + r"|bedrock-runtime\.[\w-]+\.amazonaws\.com"
                    # Ollama's cloud, as a server address (not its download and docs pages).
                    r"|ollama\.com(?=/?$|/api\b|/v1\b))(/|$)"
                ),
                in_fstrings=True,
                triggers=(
                    "together.xyz",
                    "together.ai",
                    "groq.com",
                    "fireworks.ai",
                    "deepinfra.com",
                    "llama",
                    "huggingface.co",
                    "cerebras.ai",
                    "sambanova.ai",
                    "nvidia.com",
                    "anyscale.com",
                    "replicate.com",
                    "textsynth.com",
                    "bedrock",
                    "ollama.com",
                    *HOSTED_URL_TRIGGERS,
                ),
            ),
        ),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for string literals with the API URL of a hosted open-weight provider wherever they stand: "
            "a client's `base_url=` (the client itself is SOV310), a constant, a default, a `requests.post` URL. "
            "The hosts are `vocabulary.HOSTED_PROVIDER_HOSTS` (Together, Groq, Fireworks, DeepInfra, Meta's Llama "
            "API, the Hugging Face router, Cerebras, SambaNova, NVIDIA, Anyscale, Replicate, TextSynth, Hyperbolic, "
            "Novita, Nebius, Featherless, Crusoe, OVHcloud AI Endpoints), Bedrock's runtime and Ollama's cloud.",
            why=_WHY_HOSTED,
            example='requests.post("https://api.together.xyz/v1/chat/completions", json=body, headers=h)',
            use_instead="connect() with the provider URL in configuration",
        ),
    ),
    Rule(
        code="SOV381",
        name="hosted-llama-http-request",
        kind=Kind.INFERENCE,
        vendor="hosted",
        message="`{api}` calls a hosted Llama provider's HTTP API directly",
        matchers=(HttpRequests(("hosted",)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests made with `requests`, `httpx`, `aiohttp` or `urllib` to a hosted Llama "
            "provider (Together, Groq, Fireworks, DeepInfra, Meta's Llama API, Replicate...), whether "
            "the URL is a literal, an f-string, a concatenation, a module constant or a `self.` field.",
            why=_WHY_HOSTED
            + " Hand-written HTTP also re-implements retries, streaming and the response shape.",
            example='requests.post("https://api.together.xyz/v1/chat/completions", json=body, headers=h)',
            use_instead='connect("openai:<model>", base_url="https://api.together.xyz/v1").chat(msgs)',
        ),
    ),
    Rule(
        code="SOV390",
        name="model-router-sdk",
        kind=Kind.INFERENCE,
        vendor="multi-provider",
        message="`{api}` routes a call through a provider-prefixed model string",
        matchers=(
            Calls(
                (
                    "litellm.completion",
                    "litellm.acompletion",
                    "litellm.text_completion",
                    "litellm.embedding",
                    "mistralai.client.Mistral",
                    "mistralai.Mistral",
                    "mistralai.client.MistralClient",
                    "mistralai.*#chat.complete*",
                    "mistralai.*#chat.stream*",
                    # mistralai 1.x-3.x (client/sdk.py: fim, embeddings, agents) and the 0.x client's methods.
                    "mistralai.*#fim.complete*",
                    "mistralai.*#fim.stream*",
                    "mistralai.*#embeddings.create*",
                    "mistralai.*#agents.complete*",
                    "mistralai.*#agents.stream*",
                    "mistralai.async_client.MistralAsyncClient",
                    "mistralai.*MistralClient#chat",
                    "mistralai.*MistralClient#chat_stream",
                    "mistralai.*MistralClient#embeddings",
                    "mistralai.*MistralAsyncClient#chat",
                    "mistralai.*MistralAsyncClient#chat_stream",
                    "mistralai.*MistralAsyncClient#embeddings",
                    "google.genai.Client",
                    "google.genai.Client#models.generate_content*",
                    "google.genai.Client#aio.models.generate_content*",
                )
            ),
        ),
        level=Level.NOTE,
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for LiteLLM, Mistral's and Google's GenAI SDK calls.",
            why="These SDKs are a second vendor layer: the provider and model live in one string or one "
            "client. They are common migration targets too, which is why this rule is a note.",
            example='litellm.completion(model="groq/llama3-70b-8192", messages=msgs)',
            use_instead='connect("openai:llama3-70b-8192", base_url=...)',
        ),
    ),
    Rule(
        code="SOV476",
        name="hosted-environment-read",
        kind=Kind.CONFIG,
        vendor="hosted",
        message="code reads the address of a hosted open-weight provider `{api}` from the environment",
        matchers=(
            Literal(
                lazy(
                    r"^(TOGETHER|ANYSCALE|GROQ|FIREWORKS|DEEPINFRA|CEREBRAS|SAMBANOVA|RUNPOD|LLAMA_API|NVIDIA_NIM|NIM"
                    r"|REPLICATE|TEXTSYNTH|HF_INFERENCE|HUGGINGFACE_INFERENCE|OLLAMA_CLOUD|SAMBA_NOVA|HYPERBOLIC|NOVITA"
                    r"|NEBIUS|FEATHERLESS|CRUSOE|OVHCLOUD)_(?:[A-Z0-9]+_)*?"
                    r"(HOST|URL|BASE|BASE_URL|API_BASE|API_BASE_URL|API_URL|ENDPOINT|ENDPOINT_URL|SERVER_URL)$"
                ),
                context="env",
                triggers=(
                    "together_",
                    "anyscale_",
                    "groq_",
                    "fireworks_",
                    "deepinfra_",
                    "cerebras_",
                    "sambanova_",
                    "runpod_",
                    "llama_api_",
                    "nim_",
                    "replicate_",
                    "textsynth_",
                    "hf_inference",
                    "huggingface_inference",
                    "ollama_cloud",
                    "samba_nova_",
                    "hyperbolic_",
                    "novita_",
                    "nebius_",
                    "featherless_",
                    "crusoe_",
                    "ovhcloud_",
                ),
            ),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for environment look-ups of a hosted open-weight provider's address: `ANYSCALE_API_BASE`, "
            "`TOGETHER_API_BASE`, `GROQ_API_BASE_URL`, `RUNPOD_BASE_URL`, `HF_INFERENCE_ENDPOINT`... Keys are not "
            "reported (the client they configure is).",
            why=_WHY_HOSTED + " The variable names one provider's endpoint for an OpenAI-compatible client.",
            example='client = OpenAI(base_url=os.environ["ANYSCALE_API_BASE"], api_key=key)',
            use_instead="connect()  # the adapter's base_url setting",
        ),
    ),
)
