"""Vendor vocabulary the analysers need besides the rules' own matchers.

This is catalog data like the rules themselves: how vendor objects are built (factory methods), where a
call takes a model or a server address (keywords), how hosted Llama vendors are recognised by host name
or API-key variable, and how a vendor's import root shows in source text (for the byte prefilter).
"""

from __future__ import annotations

import re

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
    }
)

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

# Keyword arguments of client constructors that say where requests go.
URL_KEYWORDS = ("base_url", "openai_api_base", "api_base", "host", "endpoint_url", "api_url")
# Module-level settings and environment variables that point the OpenAI SDK at another server.
OPENAI_BASE_ATTRIBUTES = ("base_url", "api_base")
OPENAI_BASE_ENV = frozenset({"OPENAI_API_BASE", "OPENAI_BASE_URL"})
# Packages whose clients speak the OpenAI protocol to whatever server the base URL names.
OPENAI_COMPATIBLE_ROOTS = ("openai.", "langchain", "llama_index.llms.openai")

# Default ports of local engines: llama-cpp-python / vLLM 8000, llama-server / TGI 8080, Ollama 11434,
# LM Studio 1234, Llama Stack 8321, SGLang 30000.
LOCAL_PORTS = frozenset({8000, 8080, 11434, 1234, 8321, 30000})
HOSTED_LLAMA_HOSTS = re.compile(
    r"(^|\.)(together\.xyz|together\.ai|groq\.com|fireworks\.ai|deepinfra\.com|openrouter\.ai|llama\.com|llama-api\.meta\.com"
    r"|router\.huggingface\.co|api-inference\.huggingface\.co|cerebras\.ai|sambanova\.ai|integrate\.api\.nvidia\.com"
    r"|endpoints\.anyscale\.com|amazonaws\.com|api\.replicate\.com)$"
)
HOSTED_LLAMA_KEYS = re.compile(
    r"^(TOGETHER|GROQ|FIREWORKS|DEEPINFRA|OPENROUTER|LLAMA|LLAMA_API|CEREBRAS|SAMBANOVA|NVIDIA|NVIDIA_NIM|ANYSCALE|HF|HUGGINGFACE)"
    r"(_API)?_(KEY|TOKEN)$"
)
# Placeholder API keys that local OpenAI-compatible servers accept.
LOCAL_SERVER_KEYS = frozenset({"EMPTY", "ollama", "sk-no-key-required", "token-abc123", "lm-studio", "llama"})

# How an import root shows in source text, where the bare root is too common a word to look for
# (``together``) or not the distinctive part (``boto3`` is used for S3 everywhere; Bedrock says "bedrock").
ROOT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "together": ("import together", "from together"),
    "replicate": ("import replicate", "from replicate"),
    "peft": ("import peft", "from peft"),
    "boto3": ("bedrock",),
    "aioboto3": ("bedrock",),
    "google": ("genai",),
}
