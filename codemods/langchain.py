"""LangChain's engine wrappers → ``sovmigrate.integrations.langchain`` classes over ``connect(...)`` (SOV400/SOV401).

    llm = LlamaCpp(model_path="m.gguf", temperature=0)
    →  llm = SovmigrateLLM(client=connect(default="llamacpp:m.gguf", n_ctx=512, n_batch=8, rope_freq_base=10000.0,
                          rope_freq_scale=1.0), temperature=0, max_tokens=256, top_p=0.95, top_k=40,
                          repetition_penalty=1.1, min_p=0.05)

Every default of the wrapper (read from langchain-community 0.4.2, langchain-ollama 1.1.0, langchain-groq 1.1.3,
langchain-together 0.4.0, langchain-fireworks 1.7.1, langchain-aws 1.9.1, langchain-huggingface 1.2.3) and of the
engine call it makes (llama-cpp-python 0.3.36) that the adapter would change is written out. The new object is a
LangChain LLM, chat model or embeddings like the old one, so ``invoke``, ``stream``, ``batch``, ``|`` pipes and
chains keep working; the calls on it (SOV401) are left as they are.
"""

from __future__ import annotations

import libcst as cst
from sovmigrate.codemods._frameworks import (
    NOT_LITERAL,
    Construction,
    FrameworkCodemod,
    Recipe,
    code,
    dict_items,
    literal,
)

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import Argument, CallSite

__all__ = ["LangChainCodemod"]

MODULE = "sovmigrate.integrations.langchain"
# Keywords every LangChain model takes the same way (BaseLanguageModel / Runnable fields).
KEPT = frozenset(
    {"callbacks", "callback_manager", "tags", "metadata", "cache", "verbose", "name", "rate_limiter"}
)
# What a LangChain model offers whatever its class: the Runnable and language-model API, and their fields.
RUNNABLE = frozenset(
    {
        "invoke",
        "ainvoke",
        "stream",
        "astream",
        "batch",
        "abatch",
        "batch_as_completed",
        "abatch_as_completed",
        "astream_events",
        "astream_log",
        "transform",
        "atransform",
        "bind",
        "with_config",
        "with_retry",
        "with_fallbacks",
        "with_listeners",
        "with_alisteners",
        "with_types",
        "assign",
        "pick",
        "pipe",
        "map",
        "get_name",
        "get_input_schema",
        "get_output_schema",
        "config_schema",
        "get_graph",
        "input_schema",
        "output_schema",
        "InputType",
        "OutputType",
        "get_num_tokens",
        "get_token_ids",
        "get_num_tokens_from_messages",
        "generate",
        "agenerate",
        "generate_prompt",
        "agenerate_prompt",
        "predict",
        "apredict",
        "predict_messages",
        "apredict_messages",
        "save",
        "dict",
        "to_json",
        "model_dump",
        "model_copy",
        "copy",
        "callbacks",
        "verbose",
        "tags",
        "metadata",
        "cache",
        "name",
    }
)
EMBEDDINGS = frozenset({"embed_documents", "embed_query", "aembed_documents", "aembed_query"})
SAMPLING = frozenset({"max_tokens", "temperature", "top_p", "top_k", "stop", "streaming"})

# ---------------------------------------------------------------------------------------------- llama.cpp
LLAMA_OPTIONS = (
    "n_ctx",
    "n_batch",
    "n_threads",
    "n_gpu_layers",
    "seed",
    "use_mlock",
    "use_mmap",
    "vocab_only",
    "logits_all",
    "last_n_tokens_size",
    "rope_freq_scale",
    "rope_freq_base",
    "lora_base",
    "lora_path",
    "chat_format",
    "chat_handler",
    "split_mode",
    "main_gpu",
    "tensor_split",
    "flash_attn",
    "offload_kqv",
    "type_k",
    "type_v",
)
LLAMA_INERT = {
    "f16_kv": (True, False),  # passed to Llama(), which llama-cpp-python 0.3 no longer reads
    "n_parts": (-1,),
    "suffix": (None,),
    "logprobs": (None,),
    "echo": (False,),
    "grammar": (None,),
    "grammar_path": (None,),
    "client": (None,),
    "n_gpu_layers": (None,),
    "n_threads": (None,),
    "lora_base": (None,),
    "lora_path": (None,),
}
LLAMA_MANUAL = {
    "grammar": "GBNF grammars have no neutral equivalent (use response_format with a JSON schema)",
    "grammar_path": "GBNF grammars have no neutral equivalent (use response_format with a JSON schema)",
    "suffix": "fill-in-the-middle (`suffix=`) has no adapter equivalent",
    "logprobs": "log-probabilities have another shape in the adapter",
    "echo": "llama.cpp echoes the prompt as it detokenizes it; the adapter echoes the prompt string",
    "client": "an existing Llama object is passed in; rewrite its construction instead",
}
# langchain-community 0.4.2 LlamaCpp / ChatLlamaCpp: Llama(model_path, n_ctx=512, n_batch=8, rope_freq_base=1e4,
# rope_freq_scale=1.0, ...) and a completion with max_tokens=256, temperature=0.8, top_p=0.95, top_k=40,
# repeat_penalty=1.1; llama-cpp-python 0.3.36 adds min_p=0.05 (create_completion / create_chat_completion).
LLAMA_PINNED_OPTIONS = {"n_ctx": "512", "n_batch": "8", "rope_freq_base": "10000.0", "rope_freq_scale": "1.0"}
LLAMA_PINNED_FIELDS = {
    "max_tokens": "256",
    "temperature": "0.8",
    "top_p": "0.95",
    "top_k": "40",
    "repetition_penalty": "1.1",
    "min_p": "0.05",
}


def _model_kwargs(known: tuple[str, ...]):
    """``model_kwargs={...}``: each key a connect option the engine knows, else manual."""

    def handle(argument: Argument, built: Construction) -> str | None:
        items = dict_items(argument.value)
        if items is None:
            return "`model_kwargs=` is not a literal dict the rewrite can read"
        for key, value in items:
            if key not in known:
                return f"`model_kwargs` key {key!r} has no counterpart in the adapter"
            built.option(key, value)
        built.dropped.append(argument.node)
        return None

    return handle


def _llama(target: str, tools: bool) -> Recipe:
    return Recipe(
        target=target,
        module=MODULE,
        backend="llamacpp",
        model=("model_path",),
        fields={
            "max_tokens": "max_tokens",
            "temperature": "temperature",
            "top_p": "top_p",
            "top_k": "top_k",
            "stop": "stop",
            "repeat_penalty": "repetition_penalty",
            "streaming": "streaming",
        },
        options={name: name for name in LLAMA_OPTIONS},
        pinned_fields=LLAMA_PINNED_FIELDS,
        pinned_options=LLAMA_PINNED_OPTIONS,
        kept=KEPT,
        inert=LLAMA_INERT,
        manual=LLAMA_MANUAL,
        handlers={"model_kwargs": _model_kwargs(LLAMA_OPTIONS)},
        attributes=RUNNABLE | SAMPLING | {"bind_tools", "with_structured_output"},
        tools=tools,
    )


LLAMA_CPP_EMBEDDINGS = Recipe(
    target="SovmigrateEmbeddings",
    module=MODULE,
    backend="llamacpp",
    model=("model_path",),
    options={name: name for name in LLAMA_OPTIONS},
    # LlamaCppEmbeddings: Llama(model_path, embedding=True, n_ctx=512, n_batch=512) and the model's own pooling.
    fixed_options={"embedding": "True", "pooling_type": "-1"},
    pinned_options={"n_ctx": "512", "n_batch": "512"},
    inert={**LLAMA_INERT, "verbose": (True, False), "device": (None,)},
    manual={"device": "`device=` has no counterpart in the adapter's llamacpp backend"},
    attributes=EMBEDDINGS,
    safety=FixSafety.UNSAFE,
    reason="for a model without pooling (a chat model's GGUF) LlamaCppEmbeddings returned one vector per "
    "token; the adapter pools with the model's own pooling and returns one vector per text",
)

# ---------------------------------------------------------------------------------------------- Ollama
OLLAMA_FIELDS = {
    "temperature": "temperature",
    "top_k": "top_k",
    "top_p": "top_p",
    "seed": "seed",
    "stop": "stop",
    "mirostat": "mirostat",
    "mirostat_eta": "mirostat_eta",
    "mirostat_tau": "mirostat_tau",
    "repeat_penalty": "repetition_penalty",
    "num_predict": "max_tokens",
}
OLLAMA_INERT = {
    "reasoning": (None,),
    "validate_model_on_init": (False,),
    "client_kwargs": ({}, None),
    "sync_client_kwargs": ({}, None),
    "async_client_kwargs": ({}, None),
    "logprobs": (None, False),
    "top_logprobs": (None,),
    "format": ("", None),
    "system": (None,),
    "template": (None,),
    "raw": (None, False),
    "auth": (None,),
    "show_progress": (False,),
}
OLLAMA_MANUAL = {
    "reasoning": "thinking mode (`reasoning=`) has no adapter equivalent",
    "client_kwargs": "httpx client options have no adapter equivalent (headers= and timeout= do)",
    "sync_client_kwargs": "httpx client options have no adapter equivalent",
    "async_client_kwargs": "httpx client options have no adapter equivalent",
    "logprobs": "log-probabilities have no adapter equivalent on Ollama",
    "top_logprobs": "log-probabilities have no adapter equivalent on Ollama",
    "system": "a per-model system prompt (`system=`) has no adapter equivalent; put it in the messages",
    "template": "a per-request template (`template=`) has no adapter equivalent",
    "auth": "`auth=` has no adapter equivalent (pass headers=)",
}
GENERATE_REASON = (
    "Ollama renders a generate prompt with the model's TEMPLATE; the new class sends it as one user message "
    "through the chat template, the same template for models whose TEMPLATE is a chat template"
)
LOCALHOST = '"http://localhost:11434"'


def _format(argument: Argument, built: Construction) -> str | None:
    """``format="json"`` or a JSON schema → ``response_format``."""
    value = literal(argument.value)
    if value == "json":
        built.field("response_format", '{"type": "json_object"}')
    elif isinstance(argument.value, cst.Dict) or value is NOT_LITERAL:
        built.field(
            "response_format",
            f'{{"type": "json_schema", "json_schema": {{"schema": {code(argument.value)}}}}}',
        )
    else:
        return f"`format={code(argument.value)}` is not a format the adapter knows"
    built.dropped.append(argument.node)
    return None


def _raw(argument: Argument, built: Construction) -> str | None:
    """Community ``Ollama(raw=True)`` sends prompts as they are: no chat template then."""
    value = literal(argument.value)
    if value is True:
        built.fields.append(("chat_template", "False"))
    elif value not in (None, False):
        return "`raw=` is decided at run time"
    built.dropped.append(argument.node)
    return None


def _ollama(target: str, *, community: bool, tools: bool = False, generate: bool = False) -> Recipe:
    return Recipe(
        target=target,
        module=MODULE,
        backend="ollama",
        model=("model",),
        default_model='"llama2"' if community else None,
        fields=OLLAMA_FIELDS,
        options={
            "base_url": "host",
            "num_ctx": "num_ctx",
            "keep_alive": "keep_alive",
            "headers": "headers",
            "timeout": "timeout",
        },
        server_options=frozenset({"num_gpu", "num_thread", "repeat_last_n", "tfs_z"}),
        # The Ollama wrappers send only the options they are given: the server and the Modelfile decide the rest.
        fixed_options={"param_defaults": '"engine"', "timeout": "None"},
        pinned_options={"host": LOCALHOST} if community else {},
        fixed_fields={"chat_template": "True"} if generate else {},
        kept=KEPT,
        inert=OLLAMA_INERT,
        manual=OLLAMA_MANUAL,
        handlers={"format": _format, **({"raw": _raw} if generate and community else {})},
        attributes=RUNNABLE | SAMPLING | {"bind_tools", "with_structured_output"},
        tools=tools,
        safety=FixSafety.UNSAFE if generate else FixSafety.SAFE,
        reason=GENERATE_REASON if generate else "",
    )


OLLAMA_EMBEDDINGS = Recipe(
    target="SovmigrateEmbeddings",
    module=MODULE,
    backend="ollama",
    model=("model",),
    options={"base_url": "host", "num_ctx": "num_ctx", "keep_alive": "keep_alive"},
    server_options=frozenset({"num_gpu", "num_thread"}),
    fixed_options={"param_defaults": '"engine"', "timeout": "None"},
    inert={**OLLAMA_INERT, "dimensions": (None,)},
    manual={**OLLAMA_MANUAL, "dimensions": "`dimensions=` has no adapter equivalent"},
    attributes=EMBEDDINGS,
)
COMMUNITY_OLLAMA_EMBEDDINGS = Recipe(
    target="SovmigrateEmbeddings",
    module=MODULE,
    backend="ollama",
    model=("model",),
    default_model='"llama2"',
    fields={"embed_instruction": "document_prefix", "query_instruction": "query_prefix"},
    options={"base_url": "host", "num_ctx": "num_ctx", "headers": "headers"},
    server_options=frozenset({"num_gpu", "num_thread"}),
    fixed_options={"param_defaults": '"engine"', "timeout": "None"},
    pinned_options={"host": LOCALHOST},
    pinned_fields={"document_prefix": '"passage: "', "query_prefix": '"query: "'},
    inert={**OLLAMA_INERT, "model_kwargs": (None, {})},
    manual=OLLAMA_MANUAL,
    attributes=EMBEDDINGS,
    safety=FixSafety.UNSAFE,
    reason="this class used Ollama's legacy /api/embeddings (one text per request); the adapter uses /api/embed, "
    "whose vectors Ollama normalises",
)

# ---------------------------------------------------------------------------------------------- vLLM
VLLM = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="vllm",
    model=("model",),
    fields={
        "temperature": "temperature",
        "top_p": "top_p",
        "presence_penalty": "presence_penalty",
        "frequency_penalty": "frequency_penalty",
        "stop": "stop",
        "max_new_tokens": "max_tokens",
    },
    options={
        "tensor_parallel_size": "tensor_parallel_size",
        "trust_remote_code": "trust_remote_code",
        "dtype": "dtype",
        "download_dir": "download_dir",
    },
    pinned_fields={"max_tokens": "512"},  # langchain-community's VLLM: max_new_tokens=512
    kept=KEPT,
    inert={
        "n": (1,),
        "best_of": (None, 1),
        "use_beam_search": (False,),
        "ignore_eos": (False,),
        "logprobs": (None,),
        "top_k": (-1,),
        "client": (None,),
    },
    manual={
        "top_k": "`top_k=` other than -1 (off): pass top_k to the new class by hand (the adapter's 0 is off)",
        "n": "`n=` several samples per prompt: LangChain's LLM returns the first only; port by hand",
    },
    handlers={
        "vllm_kwargs": _model_kwargs(
            (
                "gpu_memory_utilization",
                "max_model_len",
                "enforce_eager",
                "seed",
                "quantization",
                "revision",
                "tokenizer",
                "max_num_seqs",
            )
        )
    },
    attributes=RUNNABLE | SAMPLING,
)
VLLM_OPENAI = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="openai",
    model=("model_name", "model"),
    default_model='"gpt-3.5-turbo-instruct"',
    fields={
        "temperature": "temperature",
        "max_tokens": "max_tokens",
        "top_p": "top_p",
        "frequency_penalty": "frequency_penalty",
        "presence_penalty": "presence_penalty",
        "streaming": "streaming",
    },
    options={
        "openai_api_base": "base_url",
        "base_url": "base_url",
        "openai_api_key": "api_key",
        "api_key": "api_key",
        "max_retries": "max_retries",
        "request_timeout": "timeout",
        "timeout": "timeout",
    },
    fixed_options={"dialect": '"vllm"', "param_defaults": '"engine"'},
    # langchain-community's BaseOpenAI sends these with every request.
    pinned_fields={
        "max_tokens": "256",
        "temperature": "0.7",
        "top_p": "1",
        "frequency_penalty": "0",
        "presence_penalty": "0",
    },
    kept=KEPT,
    inert={"n": (1,), "best_of": (1,), "logprobs": (None,), "batch_size": (20,)},
    attributes=RUNNABLE | SAMPLING,
)


# ---------------------------------------------------------------------------------------------- Hugging Face
def _pipeline_kwargs(argument: Argument, built: Construction) -> str | None:
    items = dict_items(argument.value)
    if items is None:
        return "`pipeline_kwargs=` is not a literal dict the rewrite can read"
    names = {
        "max_new_tokens": "max_tokens",
        "temperature": "temperature",
        "top_p": "top_p",
        "top_k": "top_k",
        "repetition_penalty": "repetition_penalty",
    }
    for key, value in items:
        if key == "return_full_text":
            if literal(value) not in (True, False):
                return "`return_full_text` is decided at run time"
            built.given.add("model_kwargs")
            if literal(value):
                built.field("model_kwargs", '{"echo": True}')
        elif key in names:
            built.field(names[key], value)
        else:
            return f"`pipeline_kwargs` key {key!r} has no counterpart in the adapter"
    built.dropped.append(argument.node)
    return None


def _task(argument: Argument, built: Construction) -> str | None:
    if literal(argument.value) != "text-generation":
        return f"task {code(argument.value)} is not text generation"
    built.dropped.append(argument.node)
    return None


HUGGING_FACE_PIPELINE = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="transformers",
    model=("model_id",),
    options={"device_map": "device_map"},
    # The text-generation pipeline decodes the new tokens on their own and returns the prompt before them.
    fixed_options={"decode": '"standalone"', "param_defaults": '"engine"'},
    pinned_fields={"model_kwargs": '{"echo": True}'},
    kept=KEPT,
    inert={"device": (None, -1), "backend": ("default",), "batch_size": (4,)},
    manual={"device": "`device=` is a CUDA index; the adapter's transformers backend takes device='cuda:N'"},
    handlers={
        "task": _task,
        "pipeline_kwargs": _pipeline_kwargs,
        "model_kwargs": _model_kwargs(
            (
                "revision",
                "trust_remote_code",
                "attn_implementation",
                "dtype",
                "torch_dtype",
                "token",
                "subfolder",
            )
        ),
    },
    attributes=RUNNABLE | SAMPLING,
    safety=FixSafety.UNSAFE,
    reason="the model loads through the adapter (dtype='auto') instead of the pipeline's own loading",
)


# ---------------------------------------------------------------------------------------------- hosted APIs
def _hosted(
    env_key: str, base: str, *, default_model: str | None = None, temperature: str | None = None
) -> Recipe:
    """A vendor chat model with an OpenAI-compatible endpoint → ChatSovmigrate on the openai backend."""
    return Recipe(
        target="ChatSovmigrate",
        module=MODULE,
        backend="openai",
        model=("model", "model_name"),
        default_model=default_model,
        fields={
            "temperature": "temperature",
            "max_tokens": "max_tokens",
            "stop": "stop",
            "stop_sequences": "stop",
            "top_p": "top_p",
            "seed": "seed",
            "streaming": "streaming",
        },
        options={
            "api_key": "api_key",
            "max_retries": "max_retries",
            "timeout": "timeout",
            "request_timeout": "timeout",
        },
        fixed_options={"base_url": base, "param_defaults": '"engine"'},
        pinned_options={"api_key": f'$environ.get("{env_key}")'},
        pinned_fields={"temperature": temperature} if temperature else {},
        kept=KEPT,
        inert={"n": (1,), "base_url": (None,), "model_kwargs": ({}, None)},
        manual={"base_url": "a custom base URL: set base_url= on the connection by hand"},
        attributes=RUNNABLE | SAMPLING | {"bind_tools", "with_structured_output"},
        tools=True,
    )


GROQ = _hosted(
    "GROQ_API_KEY", '$environ.get("GROQ_API_BASE", "https://api.groq.com") + "/openai/v1"', temperature="0.7"
)
TOGETHER = _hosted(
    "TOGETHER_API_KEY",
    '$environ.get("TOGETHER_API_BASE", "https://api.together.xyz/v1/")',
    default_model='"Qwen/Qwen2.5-7B-Instruct-Turbo"',
)
FIREWORKS = _hosted(
    "FIREWORKS_API_KEY", '$environ.get("FIREWORKS_API_BASE", "https://api.fireworks.ai/inference") + "/v1"'
)


def _bedrock(target: str) -> Recipe:
    return Recipe(
        target=target,
        module=MODULE,
        backend="bedrock",
        model=("model_id", "model"),
        options={
            "client": "client",
            "region_name": "region_name",
            "region": "region_name",
            "credentials_profile_name": "profile_name",
            "endpoint_url": "endpoint_url",
        },
        fixed_options={"param_defaults": '"engine"'},
        fields={"streaming": "streaming", "temperature": "temperature", "max_tokens": "max_tokens"},
        kept=KEPT,
        inert={"provider": (None, "meta"), "beta_use_converse_api": (None, False, True)},
        handlers={"model_kwargs": _bedrock_kwargs},
        attributes=RUNNABLE | SAMPLING,
        safety=FixSafety.UNSAFE if target == "ChatSovmigrate" else FixSafety.SAFE,
        reason="ChatBedrock rendered Llama prompts itself for InvokeModel; the new class chats through Bedrock's "
        "Converse API, which applies the model's template"
        if target == "ChatSovmigrate"
        else "",
    )


def _bedrock_kwargs(argument: Argument, built: Construction) -> str | None:
    """``model_kwargs`` of a Llama body: temperature, top_p, max_gen_len."""
    items = dict_items(argument.value)
    if items is None:
        return "`model_kwargs=` is not a literal dict the rewrite can read"
    names = {
        "temperature": "temperature",
        "top_p": "top_p",
        "max_gen_len": "max_tokens",
        "max_tokens": "max_tokens",
    }
    for key, value in items:
        if key not in names:
            return f"`model_kwargs` key {key!r} has no counterpart in the adapter's bedrock backend"
        built.field(names[key], value)
    built.dropped.append(argument.node)
    return None


RECIPES = {
    "LlamaCpp": _llama("SovmigrateLLM", tools=False),
    "ChatLlamaCpp": _llama("ChatSovmigrate", tools=True),
    "LlamaCppEmbeddings": LLAMA_CPP_EMBEDDINGS,
    "VLLM": VLLM,
    "VLLMOpenAI": VLLM_OPENAI,
    "HuggingFacePipeline.from_model_id": HUGGING_FACE_PIPELINE,
    "ChatGroq": GROQ,
    "ChatTogether": TOGETHER,
    "ChatFireworks": FIREWORKS,
    "BedrockLLM": _bedrock("SovmigrateLLM"),
    "ChatBedrock": _bedrock("ChatSovmigrate"),
}
# Classes whose langchain-ollama and langchain-community versions differ.
OLLAMA_RECIPES = {
    ("langchain_ollama", "ChatOllama"): _ollama("ChatSovmigrate", community=False, tools=True),
    ("langchain_ollama", "OllamaLLM"): _ollama("SovmigrateLLM", community=False, generate=True),
    ("langchain_ollama", "OllamaEmbeddings"): OLLAMA_EMBEDDINGS,
    ("community", "ChatOllama"): _ollama("ChatSovmigrate", community=True),
    ("community", "Ollama"): _ollama("SovmigrateLLM", community=True, generate=True),
    ("community", "OllamaEmbeddings"): COMMUNITY_OLLAMA_EMBEDDINGS,
}
NO_REWRITE = {
    "HuggingFacePipeline": "the pipeline object is built elsewhere; use HuggingFacePipeline.from_model_id(...) or "
    "rewrite the pipeline with the transformers codemod, then this by hand",
}


class LangChainCodemod(FrameworkCodemod):
    """Rewrite LangChain engine wrappers to ``sovmigrate.integrations.langchain`` classes over the adapter."""

    DESCRIPTION = (
        "Rewrite LangChain engine wrappers (LlamaCpp, ChatOllama, VLLM, ChatGroq...) to the neutral adapter."
    )
    RULES = ("SOV400", "SOV401")
    CONSTRUCTION = "SOV400"
    CALLS = "SOV401"
    EXTRA = "langchain"

    def recipe(self, site: CallSite) -> Recipe | str:
        parts = site.api.split(".")
        name = ".".join(parts[-2:]) if parts[-1] == "from_model_id" else parts[-1]
        if name in ("ChatOllama", "OllamaLLM", "OllamaEmbeddings", "Ollama"):
            family = "langchain_ollama" if parts[0] == "langchain_ollama" else "community"
            return OLLAMA_RECIPES.get((family, name), f"no automatic rewrite for `{name}` from {parts[0]}")
        if name in RECIPES:
            return RECIPES[name]
        return NO_REWRITE.get(name, f"no automatic rewrite for `{name}`; port it by hand to the adapter")
