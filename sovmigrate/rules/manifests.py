"""SOV8xx: dependency manifests, container images and configuration files outside Python code."""

from __future__ import annotations

import re

from sovmigrate.rules.model import Dependency, Kind, Level, Line, Rule, RuleDocs

ENGINE_PACKAGES = (
    "llama-cpp-python", "llama-cpp-python-*", "vllm", "vllm-*", "ollama", "transformers", "text-generation",
    "huggingface-hub", "together", "groq", "fireworks-ai", "replicate", "llama-api-client", "llama-stack",
    "llama-stack-client", "llama-models", "llama-recipes", "llama-cookbook", "langchain-community", "langchain-ollama",
    "langchain-huggingface", "langchain-groq", "langchain-together", "langchain-fireworks", "langchain-aws",
    "llama-index-llms-*", "llama-index-embeddings-ollama", "llama-index-embeddings-huggingface", "ctransformers",
    "gpt4all", "exllamav2", "mlx-lm", "mlc-llm", "mlc-llm-*", "litellm", "mistralai", "google-genai", "tiktoken",
    "sentencepiece", "peft", "trl", "unsloth", "axolotl", "torchtune", "auto-gptq", "autoawq", "bitsandbytes",
)
CONFIG_FILES = ("yaml", "toml", "env", "json", "ini", "dockerfile", "shell")
_IMAGE = re.compile(
    r"(?:^\s*FROM\s+|\bimage:\s*[\"']?)(?P<api>[\w./-]*(?:ollama/ollama|vllm/vllm-openai|vllm/vllm-[\w-]+|ggerganov/llama\.cpp"
    r"|ggml-org/llama\.cpp|huggingface/text-generation-inference|llamastack/[\w-]+|localai/localai)[\w.:@-]*)",
    re.IGNORECASE,
)
_ENGINE_CLI = re.compile(
    r"(?P<api>\bollama\s+(?:pull|run|create|serve)\b[^\n#]*|\bvllm[\"',\s]+serve\b[^\n#]*"
    r"|\bpython3?[\"',\s]+-m[\"',\s]+(?:llama_cpp\.server|vllm\.entrypoints\.[\w.]+)[^\n#]*"
    r"|\bllama-server\b[^\n#]*|\btext-generation-launcher\b[^\n#]*|\bllama-cli\b[^\n#]*|\bllama-quantize\b[^\n#]*|\bconvert_hf_to_gguf\.py\b[^\n#]*)"
)
_MODEL_VALUE = re.compile(
    r"(?P<api>(?<![\w/.-])(?:meta-llama|codellama|TheBloke|bartowski|unsloth|NousResearch|lmstudio-community|hugging-quants)/[\w.\-]*llama[\w.\-]*"
    r"|(?:(?:us|eu|apac)\.)?meta\.llama[\w\-]*-v\d+(?::\d+)?"
    r"|(?<![\w/.-])[\w./\-]*llama[\w.\-]*\.gguf"
    r"|(?<![\w-])(?:code|tiny)?llama\d(?:\.\d+)?(?:-[a-z]+)?:[\w.\-]+"
    r"|accounts/[\w\-]+/models/llama[\w\-]*)",
    re.IGNORECASE,
)
_ENGINE_ENV = re.compile(
    r"(?P<api>\b(?:OLLAMA_HOST|OLLAMA_BASE_URL|OLLAMA_MODELS|VLLM_[A-Z_]+|LLAMA_API_KEY|LLAMA_API_CLIENT_BASE_URL|TOGETHER_API_KEY"
    r"|GROQ_API_KEY|FIREWORKS_API_KEY|REPLICATE_API_TOKEN|DEEPINFRA_API_KEY|DEEPINFRA_TOKEN|LLAMA_STACK_[A-Z_]+|TGI_[A-Z_]+)\b"
    r"|https?://[\w.-]+:11434\b[^\s\"']*)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV800",
        name="engine-dependency",
        kind=Kind.DEPENDENCY,
        vendor="any",
        message="dependency `{api}` ties the project to one inference engine or vendor",
        matchers=(Dependency(ENGINE_PACKAGES),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks `requirements*.txt`, `*.in`, `pyproject.toml` (PEP 621 and Poetry), `setup.cfg`, "
            "`Pipfile` and conda `environment.yml` files for engine, vendor-SDK, tokenizer and fine-tuning packages.",
            why="The dependency is what a deployment ships and what CI installs; after the migration only "
            "the adapter's extra for the chosen engine should remain.",
            example="llama-cpp-python==0.2.90",
            use_instead="sovmigrate[llamacpp]  # or [transformers], [openai], [ollama]",
        ),
    ),
    Rule(
        code="SOV850",
        name="engine-container-image",
        kind=Kind.CONFIG,
        vendor="any",
        message="container image `{api}` runs one inference engine",
        matchers=(Line(_IMAGE, ("dockerfile", "yaml"), triggers=("ollama", "vllm", "llama", "text-generation-inference", "localai")),),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles and compose/Kubernetes YAML for engine images (`ollama/ollama`, "
            "`vllm/vllm-openai`, `ghcr.io/ggml-org/llama.cpp`, TGI).",
            why="The deployment model (one engine, its ports, its model store) changes with the engine; TGI is "
            "archived upstream.",
            example="FROM ollama/ollama:0.3.12",
            use_instead="An image of the target engine; the application reads the engine's address from configuration.",
        ),
    ),
    Rule(
        code="SOV851",
        name="engine-command",
        kind=Kind.CONFIG,
        vendor="any",
        message="command `{api}` runs or prepares one inference engine",
        matchers=(Line(_ENGINE_CLI, ("dockerfile", "shell", "yaml", "toml", "json"), triggers=("ollama", "vllm", "llama", "text-generation-launcher", "gguf")),),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles, shell scripts, CI and compose files for `ollama pull/run`, `vllm serve`, "
            "`python -m llama_cpp.server`, `llama-server`, `llama-quantize` and `convert_hf_to_gguf.py`.",
            why="Deployment and CI scripts encode the engine, its flags and the model they fetch.",
            example="RUN ollama pull llama3.1:8b",
            use_instead="Fetch and serve the target model with its engine's tooling.",
        ),
    ),
    Rule(
        code="SOV852",
        name="config-model-reference",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="configuration names Llama model `{api}`",
        matchers=(Line(_MODEL_VALUE, CONFIG_FILES, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks YAML, TOML, JSON, INI, `.env`, Dockerfiles and shell scripts for Llama model ids, "
            "Bedrock ids, Ollama tags and GGUF file names (fine-tuning configs with `base_model: meta-llama/...` included).",
            why="Configuration is the right place for a model id, but each one still has to change, and "
            "fine-tuning configs mean re-training.",
            example="base_model: meta-llama/Llama-3.1-8B-Instruct",
            use_instead="base_model: Qwen/Qwen2.5-7B-Instruct",
        ),
    ),
    Rule(
        code="SOV853",
        name="engine-environment",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration sets `{api}` for one engine or provider",
        matchers=(Line(_ENGINE_ENV, CONFIG_FILES, triggers=(
            "ollama", "vllm_", "llama", "together_api_key", "groq", "fireworks", "replicate_api_token", "deepinfra", "tgi_", "11434",
        )),),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration and environment files for engine and provider variables "
            "(`OLLAMA_HOST`, `VLLM_*`, `TOGETHER_API_KEY`, `GROQ_API_KEY`, `LLAMA_API_KEY`) and Ollama URLs.",
            why="Secrets and addresses of the old provider must be replaced, and removed when no code reads them.",
            example="OLLAMA_HOST=http://ollama:11434",
            use_instead='SOVMIGRATE_MODEL="openai:my-model"',
        ),
    ),
)
