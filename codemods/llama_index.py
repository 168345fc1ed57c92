"""LlamaIndex's engine classes → ``sovmigrate.integrations.llama_index`` classes over ``connect(...)`` (SOV410/SOV411).

    Settings.llm = LlamaCPP(model_path="m.gguf", messages_to_prompt=messages_to_prompt)
    →  Settings.llm = SovmigrateLLM(client=connect(default="llamacpp:m.gguf", n_ctx=3900),
                                    messages_to_prompt=messages_to_prompt, is_chat_model=False, temperature=0.1,
                                    max_tokens=256, top_p=0.95, top_k=40, min_p=0.05)

Defaults are read from llama-index-core 0.14.25 and the integrations llama-index-llms-llama-cpp 0.7.0,
llama-index-llms-ollama 0.11.0, llama-index-llms-vllm 0.8.0, llama-index-llms-groq 0.6.1 (over openai 0.8.3) and
llama-index-embeddings-ollama 0.10.0, and of the engine call they make (llama-cpp-python 0.3.36). The new object is
a LlamaIndex ``LLM`` / ``BaseEmbedding``, so ``Settings.llm = ...``, query engines and ``complete``/``chat`` keep
working; the calls on it (SOV411) are left as they are.
"""

from __future__ import annotations

from sovmigrate.codemods._frameworks import Construction, FrameworkCodemod, Recipe, code, dict_items, literal
from sovmigrate.codemods.langchain import LLAMA_INERT, LLAMA_MANUAL, LLAMA_OPTIONS

from sovmigrate.rules.model import FixSafety
from sovmigrate.scan.analysis import Argument, CallSite

__all__ = ["LlamaIndexCodemod"]

MODULE = "sovmigrate.integrations.llama_index"
KEPT = frozenset({"callback_manager", "system_prompt", "output_parser", "pydantic_program_mode"})
LLM_API = frozenset(
    {
        "complete",
        "acomplete",
        "stream_complete",
        "astream_complete",
        "chat",
        "achat",
        "stream_chat",
        "astream_chat",
        "predict",
        "apredict",
        "stream",
        "astream",
        "structured_predict",
        "astructured_predict",
        "stream_structured_predict",
        "astream_structured_predict",
        "as_structured_llm",
        "metadata",
        "callback_manager",
        "system_prompt",
        "messages_to_prompt",
        "completion_to_prompt",
        "output_parser",
        "pydantic_program_mode",
        "class_name",
        "to_dict",
        "to_json",
        "dict",
        "json",
        "model_dump",
        "temperature",
    }
)
EMBEDDING_API = frozenset(
    {
        "get_text_embedding",
        "get_query_embedding",
        "get_text_embedding_batch",
        "aget_text_embedding",
        "aget_query_embedding",
        "aget_text_embedding_batch",
        "get_agg_embedding_from_queries",
        "similarity",
        "embed_batch_size",
        "callback_manager",
        "class_name",
        "to_dict",
        "to_json",
        "query_instruction",
        "text_instruction",
    }
)
NEUTRAL_NAMES = {
    "temperature": "temperature",
    "top_p": "top_p",
    "top_k": "top_k",
    "min_p": "min_p",
    "seed": "seed",
    "stop": "stop",
    "max_tokens": "max_tokens",
    "num_predict": "max_tokens",
    "repeat_penalty": "repetition_penalty",
    "repetition_penalty": "repetition_penalty",
    "presence_penalty": "presence_penalty",
    "frequency_penalty": "frequency_penalty",
    "typical_p": "typical_p",
    "mirostat": "mirostat",
    "mirostat_tau": "mirostat_tau",
    "mirostat_eta": "mirostat_eta",
}


def _generate_kwargs(argument: Argument, built: Construction) -> str | None:
    """LlamaCPP's ``generate_kwargs``: sampling parameters of every completion (its own temperature and
    max_new_tokens replace the dict's, as LlamaCPP does)."""
    items = dict_items(argument.value)
    if items is None:
        return "`generate_kwargs=` is not a literal dict the rewrite can read"
    for key, value in items:
        if key in ("temperature", "max_tokens"):
            continue
        if key not in NEUTRAL_NAMES:
            return f"`generate_kwargs` key {key!r} has no counterpart in the adapter"
        built.field(NEUTRAL_NAMES[key], value)
    built.dropped.append(argument.node)
    return None


def _spread(known: tuple[str, ...], *, into_server_options: bool = False):
    """A dict of engine options (``model_kwargs``, ``vllm_kwargs``, Ollama's ``additional_kwargs``...)."""

    def handle(argument: Argument, built: Construction) -> str | None:
        items = dict_items(argument.value)
        if items is None:
            return f"`{argument.keyword}=` is not a literal dict the rewrite can read"
        for key, value in items:
            if into_server_options and key in NEUTRAL_NAMES:
                built.field(NEUTRAL_NAMES[key], value)
            elif into_server_options and key != "num_ctx":
                built.server_options.append((key, code(value)))
            elif key in known or key == "num_ctx":
                built.option(key, value)
            else:
                return f"`{argument.keyword}` key {key!r} has no counterpart in the adapter"
        built.dropped.append(argument.node)
        return None

    return handle


def _json_mode(argument: Argument, built: Construction) -> str | None:
    value = literal(argument.value)
    if value is True:
        built.field("response_format", '{"type": "json_object"}')
    elif value is not False:
        return "`json_mode=` is decided at run time"
    built.dropped.append(argument.node)
    return None


def _context_window(argument: Argument, built: Construction) -> str | None:
    if literal(argument.value) == -1:
        built.unsafe.append(OLLAMA_CONTEXT)
    else:
        built.option("num_ctx", argument.value)
    built.dropped.append(argument.node)
    return None


LLAMA_CPP = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="llamacpp",
    model=("model_path",),
    fields={
        "temperature": "temperature",
        "max_new_tokens": "max_tokens",
        "messages_to_prompt": "messages_to_prompt",
        "completion_to_prompt": "completion_to_prompt",
    },
    options={"context_window": "n_ctx"},
    # LlamaCPP: Llama(model_path, n_ctx=context_window=3900), completions with temperature=0.1 and
    # max_tokens=256; llama-cpp-python 0.3.36 adds top_p=0.95, top_k=40, min_p=0.05.
    pinned_options={"n_ctx": "3900"},
    pinned_fields={
        "temperature": "0.1",
        "max_tokens": "256",
        "top_p": "0.95",
        "top_k": "40",
        "min_p": "0.05",
    },
    fixed_fields={"is_chat_model": "False"},
    kept=KEPT,
    inert={**LLAMA_INERT, "model_url": (None,), "verbose": (True, False)},
    manual={
        **LLAMA_MANUAL,
        "model_url": "LlamaCPP downloads the model from `model_url=`; download it once and "
        "connect to its path",
    },
    handlers={"generate_kwargs": _generate_kwargs, "model_kwargs": _spread(LLAMA_OPTIONS)},
    attributes=LLM_API | {"max_tokens"},
)
OLLAMA_CONTEXT = (
    "LlamaIndex's Ollama sent the model's whole context length (read from /api/show) as num_ctx; the rewrite "
    "leaves num_ctx to the server: pass context_window= to keep a size"
)
OLLAMA = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="ollama",
    model=("model",),
    model_position=0,
    fields={"temperature": "temperature"},
    options={
        "base_url": "host",
        "request_timeout": "timeout",
        "keep_alive": "keep_alive",
        "headers": "headers",
    },
    fixed_options={"param_defaults": '"engine"'},
    pinned_options={"host": '"http://localhost:11434"', "timeout": "30.0"},
    kept=KEPT,
    inert={
        "prompt_key": ("prompt",),
        "thinking": (None,),
        "is_function_calling_model": (True, False),
        "client": (None,),
        "async_client": (None,),
        "keep_alive": (None,),
    },
    manual={
        "thinking": "thinking mode has no adapter equivalent",
        "client": "an existing ollama Client is passed in; rewrite it by hand",
    },
    handlers={
        "json_mode": _json_mode,
        "context_window": _context_window,
        "additional_kwargs": _spread((), into_server_options=True),
    },
    absent={"context_window": OLLAMA_CONTEXT},
    attributes=LLM_API,
    safety=FixSafety.UNSAFE,
    reason="LlamaIndex's Ollama calls tools (is_function_calling_model); the adapter's ollama backend cannot, so "
    "agents and structured_predict take their text-only paths",
)
VLLM = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="vllm",
    model=("model",),
    model_position=0,
    default_model='"facebook/opt-125m"',
    fields={
        "temperature": "temperature",
        "max_new_tokens": "max_tokens",
        "top_p": "top_p",
        "stop": "stop",
        "presence_penalty": "presence_penalty",
        "frequency_penalty": "frequency_penalty",
        "messages_to_prompt": "messages_to_prompt",
    },
    options={
        "tensor_parallel_size": "tensor_parallel_size",
        "trust_remote_code": "trust_remote_code",
        "dtype": "dtype",
        "download_dir": "download_dir",
    },
    pinned_fields={"max_tokens": "512"},  # Vllm: max_new_tokens=512
    fixed_fields={"is_chat_model": "False"},
    kept=KEPT,
    inert={
        "n": (1,),
        "best_of": (None,),
        "top_k": (-1,),
        "ignore_eos": (False,),
        "logprobs": (None,),
        "api_url": ("", None),
        "is_chat_model": (False,),
        "completion_to_prompt": (None,),
    },
    manual={
        "api_url": "Vllm with `api_url=` talks to a server (use VllmServer's rewrite by hand)",
        "completion_to_prompt": "Vllm ignores completion_to_prompt in complete(); the new class applies it",
        "is_chat_model": "Vllm with is_chat_model=True still renders prompts itself; port by hand",
    },
    handlers={
        "vllm_kwargs": _spread(
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
    attributes=LLM_API | {"max_tokens"},
)
GROQ = Recipe(
    target="SovmigrateLLM",
    module=MODULE,
    backend="openai",
    model=("model",),
    model_position=0,
    fields={"temperature": "temperature", "max_tokens": "max_tokens"},
    options={
        "api_key": "api_key",
        "api_base": "base_url",
        "max_retries": "max_retries",
        "timeout": "timeout",
    },
    fixed_options={"param_defaults": '"engine"'},
    # llama-index-llms-groq over OpenAILike: GROQ_API_KEY, the Groq base URL, temperature=0.1, max_retries=3,
    # timeout=60.
    pinned_options={
        "api_key": '$environ.get("GROQ_API_KEY")',
        "base_url": '"https://api.groq.com/openai/v1"',
        "max_retries": "3",
        "timeout": "60.0",
    },
    pinned_fields={"temperature": "0.1"},
    kept=KEPT,
    inert={"is_chat_model": (True,), "is_function_calling_model": (True, False), "context_window": (3900,)},
    handlers={"additional_kwargs": _spread(())},
    attributes=LLM_API | {"max_tokens"},
)
OLLAMA_EMBEDDING = Recipe(
    target="SovmigrateEmbedding",
    module=MODULE,
    backend="ollama",
    model=("model_name",),
    model_position=0,
    fields={"query_instruction": "query_instruction", "text_instruction": "text_instruction"},
    options={"base_url": "host", "keep_alive": "keep_alive"},
    fixed_options={"param_defaults": '"engine"', "timeout": "None"},
    pinned_options={"host": '"http://localhost:11434"'},
    kept=KEPT | {"embed_batch_size"},
    inert={"client_kwargs": (None, {}), "keep_alive": (None,)},
    manual={"client_kwargs": "httpx client options have no adapter equivalent"},
    handlers={"ollama_additional_kwargs": _spread((), into_server_options=True)},
    attributes=EMBEDDING_API,
)
RECIPES = {
    "LlamaCPP": LLAMA_CPP,
    "Ollama": OLLAMA,
    "Vllm": VLLM,
    "Groq": GROQ,
    "OllamaEmbedding": OLLAMA_EMBEDDING,
}


class LlamaIndexCodemod(FrameworkCodemod):
    """Rewrite LlamaIndex engine classes to ``sovmigrate.integrations.llama_index`` classes over the adapter."""

    DESCRIPTION = (
        "Rewrite LlamaIndex engine classes (LlamaCPP, Ollama, Vllm, Groq, OllamaEmbedding) to the adapter."
    )
    RULES = ("SOV410", "SOV411")
    CONSTRUCTION = "SOV410"
    CALLS = "SOV411"
    EXTRA = "llama-index"

    def recipe(self, site: CallSite) -> Recipe | str:
        name = site.api.rsplit(".", 1)[-1]
        return RECIPES.get(name, f"no automatic rewrite for `{name}`; port it by hand to the adapter")
