"""Vendor vocabulary the analysers need besides the rules' own matchers.

This is catalog data like the rules themselves: how vendor objects are built (factory methods), where a
call takes a model or a server address (keywords), how hosted Llama vendors are recognised by host name
or API-key variable, and how a vendor's import root shows in source text (for the byte prefilter).
"""

from __future__ import annotations

import re

from sovmigrate.rules import families, structured

# Class methods that return an instance of their class (``Llama.from_pretrained(...)``).
FACTORY_METHODS = frozenset(
    {
        "from_pretrained",
        "from_engine_args",
        "from_model_id",
        "build",
        "from_config",
        "from_file",
        "from_string",
        "from_json_schema",
        "from_env",
        "from_cli_args",
        "from_llm",
        "from_quantized",
        "from_dir",
        "from_directory",
        "from_engine",
        "load",
    }
)

# Vendor classes imported from the module that defines them, by the name the package exports and the catalog's
# method patterns use (llama_cpp/__init__.py `from .llama import *`; ollama/__init__.py `from ollama._client
# import AsyncClient, Client`): an object built from either is the same object.
PUBLIC_CLASSES: dict[str, str] = {
    "llama_cpp.llama.Llama": "llama_cpp.Llama",
    "ollama._client.Client": "ollama.Client",
    "ollama._client.AsyncClient": "ollama.AsyncClient",
}

# Vendor functions and methods (``pkg.func``, ``pkg.Class#method``) that return an object of a vendor class,
# so that calls on the result resolve (``replicate.models.get(...).versions.get(...)``).
RETURN_TYPES: dict[str, str] = {
    **structured.RETURN_TYPES,
    **families.RETURN_TYPES,
    # OpenAI's stock encodings (cl100k_base, o200k_base...), apart from `tiktoken.Encoding(...)` built from a
    # model's own BPE file (Llama 3's tokenizer): counting with them is not tied to the model being migrated.
    "tiktoken.get_encoding": "tiktoken.openai_public.Encoding",
    "tiktoken.encoding_for_model": "tiktoken.openai_public.Encoding",
    "lmdeploy.pipeline": "lmdeploy.Pipeline",
    "lmdeploy.api.pipeline": "lmdeploy.Pipeline",
    "lmdeploy.client": "lmdeploy.serve.openai.api_client.APIClient",
    # lmdeploy/api.py `serve()` launches the api_server and returns an `APIClient` on it.
    "lmdeploy.serve": "lmdeploy.serve.openai.api_client.APIClient",
    "lmdeploy.api.serve": "lmdeploy.serve.openai.api_client.APIClient",
    "replicate.models.get": "replicate.model.Model",
    "replicate.Client#models.get": "replicate.model.Model",
    "replicate.model.Model#versions.get": "replicate.version.Version",
    "replicate.predictions.create": "replicate.prediction.Prediction",
    "replicate.predictions.get": "replicate.prediction.Prediction",
    "replicate.models.predictions.create": "replicate.prediction.Prediction",
    "replicate.deployments.get": "replicate.deployment.Deployment",
    "replicate.deployment.Deployment#predictions.create": "replicate.prediction.Prediction",
    "replicate.Client#predictions.create": "replicate.prediction.Prediction",
    "replicate.trainings.create": "replicate.training.Training",
    "gpt4all.GPT4All#chat_session": "gpt4all.GPT4All",
    # mistral-common 1.13 tokens/tokenizers/mistral.py: the class methods that load a `MistralTokenizer`.
    **{
        f"mistral_common.tokens.tokenizers.mistral.MistralTokenizer.{load}": (
            "mistral_common.tokens.tokenizers.mistral.MistralTokenizer"
        )
        for load in ("v1", "v2", "v3", "v7", "from_model", "from_file", "from_hf_hub")
    },
    # mirascope 2.8.2 llm/models/models.py: `use_model(...)` and `model(...)` return an `llm.Model`.
    **{
        f"mirascope.llm{module}.{name}": "mirascope.llm.Model"
        for module in ("", ".models", ".models.models")
        for name in ("use_model", "model")
    },
    # Engines' own tokenizers (a Hugging Face tokenizer the engine loaded and holds).
    "vllm.transformers_utils.tokenizer.get_tokenizer": "vllm.transformers_utils.tokenizer.AnyTokenizer",
    "vllm.LLM#get_tokenizer": "vllm.transformers_utils.tokenizer.AnyTokenizer",
    "vllm.entrypoints.llm.LLM#get_tokenizer": "vllm.transformers_utils.tokenizer.AnyTokenizer",
    "sglang.srt.hf_transformers_utils.get_tokenizer": "sglang.srt.hf_transformers_utils.Tokenizer",
    "sglang.srt.utils.hf_transformers_utils.get_tokenizer": "sglang.srt.hf_transformers_utils.Tokenizer",
    "mlx_lm.load": "mlx_lm.load",
    "mlx_lm.utils.load": "mlx_lm.load",
}

# Functions that wrap a vendor client and return it patched (instructor's structured outputs, tracing wrappers):
# the result is the same vendor's client (``instructor.from_groq(Groq())``), and the wrapping call is a client site.
CLIENT_WRAPPERS = re.compile(
    r"instructor(\.[\w.]+)?\.(from_openai|from_groq|from_fireworks|from_cerebras|from_together|patch|apatch)"
    r"|langsmith\.wrappers(\.[\w.]+)?\.wrap_openai|braintrust(\.[\w.]+)?\.wrap_openai"
    r"|opik\.integrations\.openai(\.[\w.]+)?\.track_openai|agentops\.wrap_openai"
)

# Vendor functions that return a tuple (RETURN_TYPES names the tuple): what each item is, so that
# ``model, tokenizer = mlx_lm.load(path)`` types both names.
TUPLE_TYPES: dict[str, tuple[str, ...]] = {
    "mlx_lm.load": ("mlx_lm.Model", "mlx_lm.tokenizer_utils.TokenizerWrapper"),
}

# Vendor decorators that turn a function into a vendor object: ``@sgl.function def qa(s, q): ...`` makes
# ``qa.run(...)`` and ``qa.run_batch(...)`` SGLang program runs (sglang.lang.api.function -> SglFunction).
DECORATED_TYPES: dict[str, str] = {
    "sglang.function": "sglang.lang.ir.SglFunction",
    "sglang.api.function": "sglang.lang.ir.SglFunction",
    "sglang.lang.api.function": "sglang.lang.ir.SglFunction",
}

# Keyword arguments (and names containing "model") that hold a model identifier.
MODEL_KEYWORDS = frozenset(
    {
        "model",
        "model_id",
        "model_name",
        "modelid",
        "model_path",
        "repo_id",
        "base_model",
        "model_file",
        "pretrained_model_name_or_path",
        "model_url",
        "llm_model",
        "chat_model",
        "embedding_model",
        "served_model_name",
        "tokenizer",
    }
)

# Names that contain "model" but hold something else than a model (``model_type = "llama"``).
NOT_MODEL_SUFFIXES = (
    "_type",
    "_kwargs",
    "_config",
    "_args",
    "_family",
    "_format",
    "_class",
    "_params",
    "_size",
)

# Names that hold a model identifier and nothing else (``MODEL``, ``DEFAULT_MODEL_NAME``, ``embedding_model``,
# ``model_path``, ``SUPPORTED_MODELS``); not ``model_type``, ``model_kwargs`` or ``model_config``.
MODEL_ID_NAMES = re.compile(
    r"^(?:\w+_)?(?:models?|llm|embed_model|embedding_model|draft_model)(?:_(?:ids?|names?|paths?|files?|repo|tags?|dir|list))?$"
    r"|^(?:repo_id|ckpt_dir|model_name_or_path|pretrained_model_name_or_path|served_model_name|provider_model_id|filename)$",
    re.IGNORECASE,
)
# A table of models named for the local engine that serves them (``OLLAMA_MODEL_CLASSIFICATIONS = {"llama3.1": ...}``,
# ``VLLM_MODELS = [...]``): the name binds the table to that engine, so its keys and items are the engine's model
# names (convention 8), in any module.
ENGINE_MODEL_TABLES = re.compile(
    r"^(?:\w+_)?(?:ollama|vllm|llama_?cpp|lm_?studio|sglang|lmdeploy|tgi|localai|llamafile)_(?:\w+_)?models?(?:_\w+)?$",
    re.IGNORECASE,
)
# Keywords of vendor calls that take a model (besides MODEL_KEYWORDS): a weights file name or glob, the base
# model of ``ollama.create``, a draft model, the provider's name for a model.
VENDOR_MODEL_KEYWORDS = frozenset(
    {
        "filename",
        "from_",
        "draft_model",
        "ckpt_dir",
        "model_dir",
        "provider_model_id",
        "model_name_or_path",
        "model_path",
        "lora_path",
        "lora_local_path",
        "adapter_name_or_path",
        "peft_model_id",
        # Agent frameworks' model classes: Semantic Kernel's `ai_model_id=`, Agno's and phidata's `id=`.
        "ai_model_id",
        "id",
    }
)
# Vendor APIs whose n-th positional argument is a model (``ollama.chat("llama3.1", ...)``), as (glob, index).
_OLLAMA_MODEL_CALLS = (
    "chat",
    "generate",
    "embed",
    "embeddings",
    "pull",
    "push",
    "show",
    "delete",
    "create",
    "copy",
)
MODEL_POSITIONS: tuple[tuple[str, int], ...] = (
    *structured.MODEL_POSITIONS,
    *families.MODEL_POSITIONS,
    *((f"ollama.{name}", 0) for name in _OLLAMA_MODEL_CALLS),
    *((f"ollama.*Client#{name}", 0) for name in _OLLAMA_MODEL_CALLS),
    # LoRA adapters: PeftModel.from_pretrained(base, "org/adapter"), LoRARequest("name", 1, "org/adapter").
    ("peft.PeftModel.from_pretrained", 1),
    ("vllm.lora.request.LoRARequest", 2),
    ("vllm.LoRARequest", 2),
    ("transformers.*#load_adapter", 0),
    ("*.from_pretrained", 0),
    ("*.from_quantized", 0),
    ("transformers.pipeline", 1),
    ("llama_cpp.Llama", 0),
    ("vllm.LLM", 0),
    ("gpt4all.GPT4All", 0),
    ("gpt4all.Embed4All", 0),
    ("sentence_transformers.*", 0),
    ("lmdeploy.pipeline", 0),
    ("lmdeploy.serve", 0),
    ("mlx_lm.load", 0),
    ("huggingface_hub.*InferenceClient", 0),
    ("huggingface_hub.*_download", 0),
    ("replicate.run", 0),
    ("replicate.async_run", 0),
    ("replicate.stream", 0),
    ("replicate.models.get", 0),
    ("replicate.models.predictions.create", 0),
    ("exllamav2.ExLlamaV2Config", 0),
    ("ctransformers.LLM", 0),
    ("tensorrt_llm.*LLM", 0),
    ("sglang.Engine", 0),
    # Agent frameworks: pydantic-ai's `GroqModel("llama-3.3-70b-versatile")`, AutoGen's clients take `model=`.
    ("pydantic_ai.models.*Model", 0),
)
# Environment look-ups whose second argument is a default value (``os.getenv("MODEL", "llama3")``).
ENV_LOOKUPS = frozenset({"os.getenv", "os.environ.get"})
# How code reads an environment variable by name, as written (not resolved: the names are the standard library's).
ENV_READERS = frozenset(
    {"os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault", "os.environ.pop"}
    # LangChain's field defaults: `url: SecretStr = Field(default_factory=secret_from_env("WATSONX_URL"))`.
    | {"secret_from_env", "from_env"}
)
ENV_MAPPINGS = frozenset({"os.environ", "environ"})
# Command-line option builders (argparse, click, typer) whose ``default=`` holds a model when the option is one.
OPTION_BUILDERS = frozenset({"add_argument", "option", "Option", "argument", "Argument"})
# Where a closed model id without a date (`"gpt-4o"`, `"o3-mini"`) names a model by place (conventions 2, 8, 32):
# the first argument of a class named for a model (`Chat("gpt-4o")`, `OpenAIEmbeddingModel(...)`), of a
# registration call (`@llm_registry.register("gpt-4")`) or of a class built inside one (`register(Responses("o3"))`).
MODEL_CLASS_WORDS = re.compile(
    r"^(?=[A-Z])\w*?(?:Chat|Model|LLM|Llm|Embedding|Completion)s?(?:[A-Z0-9_]\w*)?$"
)
REGISTRATION_CALLS = re.compile(r"^(?:\w+_)?register(?:_\w+)?$")

# Runtime imports: a call whose callee's name holds one of these words and whose first argument names a vendor
# module yields that module (``importlib.import_module("together")``, ``__import__("ollama")``, a project's
# ``require_dependency("ollama", ...)``, ``lazy_load_dep("transformers")``, ``optional_import("vllm")``); so does
# such a call assigned to a vendor module's own name, whatever its arguments
# (``ollama = safe_import(OptionalPackages.OLLAMA.value[0])``).
RUNTIME_IMPORT_WORDS = ("import", "require", "dependenc", "lazy", "optional", "load_dep")
# Run-time installers (convention 12): a call whose callee is named like one and whose first argument is a package
# or module name declares that dependency (``pm.install("ollama")``, ``_check_pkg("langchain_groq")``, which
# pip-installs what is missing); the guard (``pm.is_installed("ollama")``) is no site. So is a list of names a class
# or module declares as what it needs (``extra_dependency_names = ["ollama"]``).
RUNTIME_INSTALLERS = re.compile(
    r"_*(?:install(?:_(?:package|pkg|dependency|requirement)s?)?|(?:check|ensure)_(?:pkg|package|dependency)s?"
    r"|ensure_installed)"
)
DEPENDENCY_LISTS = re.compile(r"(?:\w+_)?(?:dependency_names|dependencies)")
# Look-ups that return an already imported module by its name (``sys.modules.get("vllm")``).
RUNTIME_MODULE_LOOKUPS = frozenset({"sys.modules.get", "modules.get"})

# Model strings that name the engine by a provider prefix (LiteLLM's spelling, which wrappers such as
# ScrapeGraphAI pass through), with the API whose keywords the same config dict then holds:
# ``{"model": "ollama/llama3", "format": "json"}`` sets Ollama's ``format``.
PROVIDER_MODEL_PREFIXES: dict[str, str] = {"ollama/": "ollama.chat", "ollama_chat/": "ollama.chat"}

# The engine APIs the fields of a request to a self-hosted OpenAI-compatible server are judged as: ``logprobs``,
# ``guided_json`` or ``regex`` in the body or the ``extra_body`` of such a request is that engine's keyword.
ENGINE_SERVER_APIS = ("vllm.entrypoints.openai.api_server", "sglang.srt.server", "llama_cpp.server.app")
# The API string an ``extra_body`` field is judged as besides the engine servers': the fields only a request through
# the OpenAI SDK's escape hatch carries (a raw HTTP body to the same server sends them as plain sampling options).
EXTRA_BODY_API = "openai.extra_body"

# Keyword arguments of client constructors that say where requests go.
URL_KEYWORDS = ("base_url", "openai_api_base", "api_base", "host", "endpoint_url", "api_url")
# Module-level settings and environment variables that point the OpenAI SDK at another server.
OPENAI_BASE_ATTRIBUTES = ("base_url", "api_base")
OPENAI_BASE_ENV = frozenset({"OPENAI_API_BASE", "OPENAI_BASE_URL"})
# Packages whose clients speak the OpenAI protocol to whatever server the base URL names.
OPENAI_COMPATIBLE_ROOTS = ("openai.", "langchain", "llama_index.llms.openai")

# Default ports of local engines: llama-cpp-python / vLLM 8000, llama-server / TGI 8080, Ollama 11434,
# LM Studio 1234, Llama Stack 8321, SGLang 30000, KoboldCpp 5001, LMDeploy 23333, Xinference 9997 (any-llm-sdk
# 1.40.2's and aisuite 0.2.0's local presets, the engines' launchers). Not 5000 (text-generation-webui's API, but
# also every Flask app's).
LOCAL_PORTS = frozenset({8000, 8080, 11434, 1234, 8321, 30000, 5001, 23333, 9997})
# Hosted open-weight providers: the host of each one's inference API (OpenAI-compatible or native). Sources (see
# docs/scan.md, "Hosted providers"): the SDKs' default base URLs (together 3.1.1, groq 1.7.0, fireworks-ai 1.2.30,
# cerebras-cloud-sdk 1.91.0, sambanova 1.13.0, llama-api-client 0.6.0, huggingface_hub 2.5.0), any-llm-sdk 1.40.2
# (providers/registry.py and each provider's API_BASE), aisuite 0.2.0 (providers/*_provider.py) and the providers'
# OpenAI-compatibility docs (Hyperbolic, Novita, Nebius AI Studio / Token Factory, Featherless, Crusoe, OVHcloud AI
# Endpoints). A host here names the provider wherever it stands: a client's base URL, a literal, a config value.
HOSTED_PROVIDER_HOSTS: tuple[str, ...] = (
    "api.together.xyz",
    "api.together.ai",
    "api.groq.com",
    "api.fireworks.ai",
    "api.deepinfra.com",
    "api.llama.com",
    "llama-api.meta.com",
    "router.huggingface.co",
    "api-inference.huggingface.co",
    "api.cerebras.ai",
    "api.sambanova.ai",
    "integrate.api.nvidia.com",
    "api.endpoints.anyscale.com",
    "api.replicate.com",
    "api.textsynth.com",
    "api.hyperbolic.xyz",
    "api.novita.ai",
    "api.studio.nebius.ai",
    "api.studio.nebius.com",
    "api.tokenfactory.nebius.com",
    "api.featherless.ai",
    "api.inference.crusoecloud.com",
    "oai.endpoints.kepler.ai.cloud.ovh.net",
)
# The same providers by registered domain (any subdomain: `llama-3-70b.endpoints.kepler.ai.cloud.ovh.net`), for
# classifying a client's base URL; Bedrock's runtime and Ollama's cloud besides.
HOSTED_PROVIDER_DOMAINS: tuple[str, ...] = (
    "together.xyz",
    "together.ai",
    "groq.com",
    "fireworks.ai",
    "deepinfra.com",
    "llama.com",
    "llama-api.meta.com",
    "router.huggingface.co",
    "api-inference.huggingface.co",
    "cerebras.ai",
    "sambanova.ai",
    "integrate.api.nvidia.com",
    "endpoints.anyscale.com",
    "amazonaws.com",
    "api.replicate.com",
    "api.textsynth.com",
    "ollama.com",
    "hyperbolic.xyz",
    "novita.ai",
    "studio.nebius.ai",
    "studio.nebius.com",
    "tokenfactory.nebius.com",
    "featherless.ai",
    "inference.crusoecloud.com",
    "endpoints.kepler.ai.cloud.ovh.net",
)
# Prefilter words for the hosts added after the first ones (whose words the URL rules list themselves).
HOSTED_URL_TRIGGERS = (
    "hyperbolic.xyz",
    "novita.ai",
    "nebius.",
    "featherless.ai",
    "crusoecloud.com",
    "cloud.ovh.net",
)
HOSTED_LLAMA_HOSTS = re.compile(
    r"(^|\.)(" + "|".join(re.escape(domain) for domain in HOSTED_PROVIDER_DOMAINS) + r")$"
)
# Hosted providers by the environment variable that holds their API key (the SDKs' and routers' names, as above):
# an OpenAI-compatible client built with one (`api_key=os.environ["GROQ_API_KEY"]`) talks to that provider.
HOSTED_KEY_PROVIDERS: tuple[str, ...] = (
    "TOGETHER",
    "TOGETHERAI",
    "GROQ",
    "FIREWORKS",
    "FIREWORKS_AI",
    "FIREWORKSAI",
    "DEEPINFRA",
    "LLAMA",
    "LLAMA_API",
    "CEREBRAS",
    "SAMBANOVA",
    "NVIDIA",
    "NVIDIA_NIM",
    "ANYSCALE",
    "HF",
    "HUGGINGFACE",
    "HUGGINGFACEHUB",
    "REPLICATE",
    "HYPERBOLIC",
    "NOVITA",
    "NEBIUS",
    "FEATHERLESS",
    "FEATHERLESS_AI",
    "CRUSOE",
    "OVHCLOUD",
    "OVH_AI_ENDPOINTS",
)
HOSTED_LLAMA_KEYS = re.compile(r"^(" + "|".join(HOSTED_KEY_PROVIDERS) + r")(_API)?_(KEY|TOKEN|ACCESS_TOKEN)$")
# Placeholder API keys that local OpenAI-compatible servers accept.
LOCAL_SERVER_KEYS = frozenset({"EMPTY", "ollama", "sk-no-key-required", "token-abc123", "lm-studio", "llama"})

# How an import root shows in source text, where the bare root is too common a word to look for
# (``together``) or not the distinctive part (``boto3`` is used for S3 everywhere; Bedrock says "bedrock").
ROOT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "together": ("import together", "from together"),
    "replicate": ("import replicate", "from replicate"),
    "awq": ("import awq", "from awq"),
    "peft": ("import peft", "from peft"),
    "boto3": ("bedrock",),
    "aioboto3": ("bedrock",),
    "google": ("genai",),
    "optimum": ("optimum.",),  # also an English word; the package is always imported by a submodule
    "haystack": ("haystack.components",),  # "a needle in a haystack"; its engine components live there
    "agno": ("agno.",),  # inside words ("diagnostic")
    "phi": ("phi.model", "phi.llm"),  # the Greek letter; phidata's model modules
    "kani": ("kani.engines", "kani.ext", "kani.model_specific"),  # a syllable (the stdlib's locale.py has it)
}

# HTTP client functions (``requests.post(url, ...)``) and the position of their URL argument; method names
# of client objects (``session.post(url)``, ``client.stream("POST", url)``) with the same.
HTTP_FUNCTIONS: dict[str, int] = {
    "requests.post": 0,
    "requests.get": 0,
    "requests.put": 0,
    "requests.request": 1,
    "httpx.post": 0,
    "httpx.get": 0,
    "httpx.stream": 1,
    "httpx.request": 1,
    "aiohttp.request": 1,
    "urllib.request.urlopen": 0,
    "urllib.request.Request": 0,
}
HTTP_METHODS: dict[str, int] = {"post": 0, "get": 0, "put": 0, "request": 1, "stream": 1}
# A project's own HTTP helper the scan cannot see into (defined in another module or package:
# ``post_json_auth_request(uri=URI, json_payload=request)``) is read as a request when it is called with the URL
# under one of these keywords and a request body under one of ``HTTP_BODY_KEYWORDS``.
HELPER_URL_KEYWORDS = ("url", "uri")
HTTP_BODY_KEYWORDS = ("json", "data", "json_payload", "json_data", "payload")
# A project's own requestor, whatever it wraps (``self.client.arequest(method="post", url=...)``, ``await
# apost(COMPLETION_URL, json_data=query)``, ``fetch(url, timeout)``, ``self._post_json(path, body)``): callee names of
# one HTTP verb, optionally async (``a``/``async_``) or with a helper prefix or suffix. Its URL is the ``url``/``uri``/
# ``endpoint`` keyword or the first positional argument (the second after an HTTP method name).
REQUESTOR_NAME = (
    r"_*(?:a|async_)?(?:(?:http|api|make|send|do|safe|secure)_)?(?:request|post|fetch|get|put|stream)"
    r"(?:_(?:json|request|with_retry|retry|async))?"
)
REQUESTOR_URL_KEYWORDS = ("url", "uri", "endpoint")
HTTP_METHOD_NAMES = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
# Modules of in-process test clients: a request to a bare path (``client.get("/info")``) in a module that imports
# one is a call of the project's own app under test, not of an inference server.
IN_PROCESS_CLIENT_MODULES = (
    "fastapi.testclient",
    "starlette.testclient",
    "django.test",
    "rest_framework.test",
    "flask.testing",
    "werkzeug.test",
    "litestar.testing",
    "aiohttp.test_utils",
    "pytest_aiohttp",
    "httpx.ASGITransport",
    "httpx.WSGITransport",
)
# Functions that join a base URL and a route, and string methods whose result keeps the URL's text
# (``urljoin(base, "/api/chat")``, ``"{}/v1/completions".format(base)``, ``base.rstrip("/")``).
URL_JOINS = frozenset({"urllib.parse.urljoin", "posixpath.join", "os.path.join"})
URL_STRING_METHODS = frozenset({"format", "rstrip", "strip", "removesuffix", "lower"})
# Methods that run a function later with the arguments that follow it: the position of the function
# (``executor.submit(session.post, url)``, ``asyncio.to_thread(requests.get, url)``,
# ``loop.run_in_executor(None, requests.post, url)``).
DEFERRED_CALLS: dict[str, int] = {"submit": 0, "to_thread": 0, "run_in_executor": 1}
# Functions that start a command: a string (``os.system``) or an argument list (``subprocess.run``).
COMMAND_FUNCTIONS = frozenset(
    {
        "subprocess.run",
        "subprocess.Popen",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "os.system",
        "os.popen",
        "asyncio.create_subprocess_exec",
        "asyncio.create_subprocess_shell",
    }
)

# Packages real code copies into its own tree instead of installing: Meta's reference `llama` package (the
# llama, llama3 and codellama repositories) sits in projects as `mypkg/llama/generation.py`, imported as
# `from .generation import Llama` or `from mypkg.llama.model import Transformer`. A project name made of such a
# package, one of its modules and one of that module's names is the vendor's name (`mypkg.llama.model.Transformer`
# is `llama.model.Transformer`); a project's own `llama/model.py` with other names is not.
# A project's own generator module over Meta's reference code (Llama Stack's first `meta_reference/generation.py`,
# `class Llama` with `build`, `chat_completion`...): a module named like the key that imports one of the reference
# roots exports these classes as the reference generator, so its users' `Llama.build(...)` calls are found.
REFERENCE_GENERATORS: dict[str, frozenset[str]] = {"generation": frozenset({"Llama", "Llama3", "Llama4"})}
REFERENCE_ROOTS = ("llama", "llama_models", "llama_stack.models.llama")
REFERENCE_GENERATOR_API = "llama.generation.Llama"
VENDORED_COPIES: dict[str, dict[str, frozenset[str]]] = {
    "llama": {
        "generation": frozenset(
            {"Llama", "Dialog", "Message", "ChatPrediction", "CompletionPrediction", "sample_top_p"}
            | {"B_INST", "E_INST", "B_SYS", "E_SYS", "SPECIAL_TAGS"}
        ),
        "model": frozenset(
            {"ModelArgs", "Transformer", "TransformerBlock", "Attention", "FeedForward", "RMSNorm"}
            | {"precompute_freqs_cis", "apply_rotary_emb", "repeat_kv"}
        ),
        "tokenizer": frozenset({"Tokenizer", "ChatFormat", "Dialog", "Message"}),
    },
}

# Engines and SDKs whose objects have no neutral member (flow10): any member the catalog does not list, read,
# set or called on an object resolved to one of these (``client._client.aclose()``, ``llm.scores``,
# ``engine.is_sleeping()``), is one site of the rule that built the object. An OpenAI client counts where that rule
# does (a local or configured server). Not transformers: a model's ``.eval()``, ``.to()``, ``.device`` are neutral.
ENGINE_OBJECT_ROOTS = frozenset(
    {
        "ollama",
        "vllm",
        "llama_cpp",
        "ctransformers",
        "exllamav2",
        "gpt4all",
        "tensorrt_llm",
        "sglang",
        "lmdeploy",
        "mlc_llm",
        "openai",
    }
)
# Members of an object resolved to one of these that are the language's, not the vendor's.
NEUTRAL_MEMBERS = frozenset({"__class__", "__dict__", "__name__", "__doc__", "__module__"})

# torch ``nn.Module`` methods that return the module itself: ``AutoModelForCausalLM.from_pretrained(p).eval()`` and
# ``model = model.to(device)`` are still the model.
SELF_RETURNING_METHODS = frozenset(
    {
        "eval",
        "train",
        "to",
        "cuda",
        "cpu",
        "half",
        "float",
        "double",
        "bfloat16",
        "requires_grad_",
        "to_empty",
    }
)

# Convention 20: names of the settings, parameters, keywords and keys whose value selects the engine or provider
# that serves (`backend: str = "vllm"`, `{"provider": "groq"}`, `engine_type="sglang"`, `llm_backend = "ollama"`).
# The whole name, or its last `_`-separated words: `inference_backend`, `model_provider`, `serving_engine`; not a
# tokenizer's backend, and not `provider_name`, a display name (`provider_name: ClassVar[str] = "Ollama"`).
ENGINE_SELECTOR_NAMES = re.compile(
    r"(?!tokenizer_)(?:\w+_)?(?:backend|engine|provider|engine_type|backend_type|endpoint_type|inference_type"
    r"|infer_backend|inference_backend|serving_backend|llm_backend|llm_provider|model_provider|container_type"
    r"|rolling_batch|module_type|runtime)",
    re.IGNORECASE,
)
# Settings getters whose default is the value the program runs with when the setting is unset (a project's own
# `get_setting_from_snapshot("llm.provider", "ollama")`, `settings.get("llm.model", "llama3.1:8b")`,
# `kwargs.get("DEFAULT_MODEL_TYPE", "ollama")`, configparser's `fallback=`): by the callee's last name.
SETTING_GETTERS = re.compile(
    r"get|getenv|get_env|getattr|get_(?:\w+_)?(?:setting|config|option|param|env|var|value)s?(?:_\w+)?",
    re.IGNORECASE,
)
SETTING_DEFAULT_KEYWORDS = ("default", "fallback")
# A getter's key names an engine selector as a setting name does (ENGINE_SELECTOR_NAMES), or as the project's
# `DEFAULT_MODEL_TYPE` does: a key is judged by its words joined by `_` (`llm.provider` is `llm_provider`).
SETTING_SELECTOR_KEYS = re.compile(r"(?:\w+_)?(?:model_type|llm_type)", re.IGNORECASE)
# Classes that exist only to talk to an OpenAI-compatible server other than OpenAI's: a reference to one (a registry
# value, a deferred construction) is a client of such a server even where no base URL is spelled.
OPENAI_COMPATIBLE_ONLY = frozenset(
    {
        "llama_index.llms.openai_like.OpenAILike",
        "llama_index.embeddings.openai_like.OpenAILikeEmbedding",
        "langchain_community.llms.VLLMOpenAI",
        "langchain_community.llms.vllm.VLLMOpenAI",
    }
)
