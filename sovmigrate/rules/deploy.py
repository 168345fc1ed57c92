"""SOV86x: deployment and tool configuration that chooses an inference engine or a model family's chat template.

Ollama's Modelfiles name the model they build on (`FROM llama3.2`, `FROM ./model.gguf`) and its LoRA adapter
(`ADAPTER ./lora.gguf`).

Training, evaluation and serving tools (LLaMA-Factory, axolotl, optimum-benchmark, InstructLab, TRL) name the
engine they run on (`infer_backend: vllm`, `- override backend: llama_cpp`, `use_vllm: true`) and the chat
template of one model family (`template: llama3`, `chat_template: qwen3`) in YAML, TOML, `.env` files and
shell flags. Each is a setting the migration changes with the engine or the model.
"""

from __future__ import annotations

import re

from sovmigrate.rules.model import Kind, Line, Rule, RuleDocs, lazy

_FILES = ("yaml", "toml", "env", "ini", "json", "shell", "dockerfile")

# Engine names as tools spell them in a backend setting. `pytorch`, `hf`, `onnxruntime` and `openvino` are not
# here: they name runtimes of any model, not an inference engine a deployment is tied to.
_ENGINES = (
    r"vllm|sglang|lmdeploy|llama[._-]?cpp(?:[._-]python)?|llamacpp|llama-server|ollama|tgi|py-?txi"
    r"|text-generation-inference|tensorrt[._-]?llm|trt[._-]?llm|trtllm|exllamav[23]|exllama|ktransformers"
    r"|mlx[._-]lm|mlc[._-]?llm|gpt4all|ctransformers|llamafile|localai|huggingface|transformers"
    # hosted Llama providers chosen the same way (`use: groq`, `provider: together`)
    r"|groq|together(?:ai)?|fireworks(?:ai)?|replicate|deepinfra|openrouter|cerebras|sambanova|watsonx|bedrock"
    r"|llama[-_]api"
    # NVIDIA NIM and the engine names NeMo Guardrails' `engine:` takes
    r"|nim|nvidia[-_]nim|nvidia[-_]ai[-_]endpoints|vllm[-_]openai|trt[-_]llm|huggingface[-_](?:hub|pipeline|endpoint)"
    r"|(?:hf|huggingface)[-_]pipeline[-_]\w+"  # a pipeline registered under a name: `engine: hf_pipeline_llama2_13b`
    r"|(?:ms[-_])?swift"  # ModelScope's ms-swift deployment (`deploy_type: swift`)
    r"|lmstudio|lm[-_]studio|koboldcpp|xinference"  # local servers chosen by name (`"model_endpoint_type": "lmstudio"`)
)
_ENGINE_TRIGGERS = (
    "vllm",
    "sglang",
    "lmdeploy",
    "llama",
    "ollama",
    "tgi",
    "txi",
    "text-generation-inference",
    "tensorrt",
    "trt",
    "exllama",
    "ktransformers",
    "mlx",
    "mlc",
    "gpt4all",
    "ctransformers",
    "localai",
    "huggingface",
    "transformers",
    "groq",
    "together",
    "fireworks",
    "replicate",
    "deepinfra",
    "openrouter",
    "cerebras",
    "sambanova",
    "watsonx",
    "bedrock",
    "swift",
    r"re:hf[-_]pipeline",
    r"re:\bnim\b",
    "nvidia-",
    "nvidia_",
    "lmstudio",
    "lm_studio",
    "lm-studio",
    "koboldcpp",
    "xinference",
)
# `backend: vllm`, `infer_backend: huggingface`, `- override backend: tensorrt-llm` (Hydra defaults),
# `INFERENCE_ENGINE=sglang`, `--infer_backend vllm`, `provider: together`, `use: groq`. The whole value must be an
# engine's or a hosted provider's name.
_BACKEND = lazy(
    r"^\s*(?:-\s+)?(?:override\s+)?[\"']?(?:(?:[^\W_]|-)*[._])*(?:backend|engine|runtime|server|provider|use|deploy_type"
    r"|infer_type|inference_type|endpoint_type|provider_name|engine_type|backend_type)[\"']?\s*[:=]\s*"
    # `engine: REMOTE_VLLM`: an engine's server reached remotely
    r"[\"']?(?P<api>(?:remote[-_])?(?:" + _ENGINES + r"))[\"']?\s*,?\s*$"
    r"|--(?:[\w]+[-_])?(?:backend|engine)[= ]+[\"']?(?P<flag>" + _ENGINES + r")[\"']?(?:\s|$)"
    # an evaluation harness's launcher arguments: `--launcher_args "name=sglang host=$HOST model=$MODEL_PATH"`
    r"|--(?:[\w]+[-_])?(?:launcher|server|engine)[-_]args[= ]+[\"']?[^\"'\n]*?\b(?:name|engine|backend)="
    r"(?P<launcher>" + _ENGINES + r")(?![\w-])",
    re.IGNORECASE,
)
# A client that generates on an engine server: `use_vllm: true`, `vllm_server_host: localhost`,
# `sglang_base_url: http://...`. Upper-case environment variables (`VLLM_HOST`) are SOV853.
_SERVER = lazy(
    r"^\s*[\"']?(?:(?P<api>use_(?:vllm|sglang|lmdeploy|tgi|ollama|llama_cpp))[\"']?\s*[:=]\s*[\"']?(?:true|yes|on|1)\b"
    r"|(?P<address>(?:vllm|sglang|lmdeploy|tgi|ollama|llama_cpp|llamacpp|trtllm|nim)_(?:server_)?"
    r"(?:host|url|base_url|api_base|endpoint|address))[\"']?\s*[:=](?!\s*[\"']?/)"  # a route alone is not an address
    # flags handed to one engine's server: `vllm_args: [--max-model-len, 8192]`, `sglang_server_args: ...`
    r"|(?P<arguments>(?:vllm|sglang|lmdeploy|tgi|llama_cpp|llamacpp|trtllm)_(?:server_|engine_|extra_)?(?:args|kwargs))"
    r"[\"']?\s*[:=])"
)
# `chat_template: llama3`, `template: qwen3_nothink`, `llm_family: 'mixtral'`, `--template llama3`: the whole
# value is the name of one family's chat template (a file path or `tokenizer_default` is not).
_TEMPLATE_KEY = (
    r"^\s*(?:-\s+)?[\"']?(?:[\w-]+[._])?(?:chat_template|template|template_name|prompt_template|conv_template"
    r"|conversation_template|chat_format|prompt_format|llm_family|model_family)[\"']?\s*[:=]\s*[\"']?"
)
_TEMPLATE_FLAG = r"--(?:chat[-_])?(?:template|format)[= ]+[\"']?"
_LLAMA_TEMPLATES = (
    r"(?:code)?llama[-_]?(?:\d(?:[._]\d)*)?(?:[-_](?:chat|instruct|vision|json|tool\w*+|\d+b))*"
)
_OTHER_TEMPLATES = (
    r"(?:mistral|mixtral|ministral|qwen|qwq|gemma|phi[-_]?[0-9]|chatml|vicuna|alpaca|deepseek|zephyr|falcon|granite"
    r"|cohere|command[-_]r|baichuan|chatglm|glm|internlm|openchat|orca|metharme|olmo|exaone|jamba|nemotron"
    r"|starchat|gpt[-_]?oss|harmony)[\w.-]*"
)


def _template_name(names: str) -> re.Pattern[str]:
    value = r"(?P<api>" + names + r")[\"']?\s*,?\s*$"
    flag = r"(?P<flag>" + names + r")[\"']?(?:\s|$)"
    return lazy(_TEMPLATE_KEY + value + "|" + _TEMPLATE_FLAG + flag, re.IGNORECASE)


_OTHER_TRIGGERS = (
    "mistral",
    "mixtral",
    "ministral",
    "qwen",
    "qwq",
    "gemma",
    r"re:phi[-_]?[0-9]",
    "chatml",
    "vicuna",
    "alpaca",
    "deepseek",
    "zephyr",
    "falcon",
    "granite",
    "cohere",
    "command-r",
    "command_r",
    "baichuan",
    "glm",
    "internlm",
    "openchat",
    "orca",
    "metharme",
    "olmo",
    "exaone",
    "jamba",
    "nemotron",
    "starchat",
    "gpt-oss",
    "gpt_oss",
    "gptoss",
    "harmony",
)
# `FROM llama3.2`, `FROM ./model.gguf`, `ADAPTER ./lora.gguf` at the start of a Modelfile instruction.
# Upper case, as Ollama's documentation writes them (the byte prefilter needs a case-sensitive word here: every
# Python file has a `from` at the start of a line).
_MODELFILE_MODEL = lazy(r"^[ \t]*(?:FROM|ADAPTER)[ \t]+[\"']?(?P<api>[^\s\"']+)")
# A request to an inference route from a shell (`curl http://localhost:8000/v1/chat/completions -d ...`).
_CLIENTS = r"\b(?:curl|wget|Invoke-RestMethod|Invoke-WebRequest)\b[^\n#|;&]*?"
_CURL_OPENAI = lazy(
    _CLIENTS + r"/(?:v1/(?:chat/completions|completions|embeddings)|chat/completions)\b", re.IGNORECASE
)
# Ollama's routes; `/api/chat` only with Ollama's port or name on the line (applications have their own).
_CURL_OLLAMA = lazy(
    _CLIENTS + r"(?:/api/(?:generate|embed|embeddings|pull)\b|(?:11434|ollama)[^\n#|;&]*?/api/chat\b)",
    re.IGNORECASE,
)
_CURL_FILES = ("shell", "yaml", "dockerfile", "json", "toml")
_WHY_CURL = (
    "The request speaks one server's protocol (its route, its JSON shape, its address); scripts, health checks and "
    "CI smoke tests that call it break or keep testing the old engine when the engine changes."
)
_WHY_TEMPLATE = (
    "A chat template belongs to one model family: when the model changes, a template named here keeps "
    "formatting prompts for the old family, silently. The target model's tokenizer ships its own template."
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV860",
        name="engine-backend-setting",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration runs on inference engine or provider `{api}`",
        matchers=(Line(_BACKEND, _FILES, triggers=_ENGINE_TRIGGERS),),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks YAML, TOML, INI, JSON, `.env` files, Dockerfiles and shell scripts for a setting whose "
            "whole value names an inference engine (`backend: vllm`, `infer_backend: huggingface`, Hydra's "
            "`- override backend: llama_cpp`, `--infer_backend sglang`, ms-swift's `deploy_type: swift`, an evaluation "
            'harness\'s `--launcher_args "name=sglang ..."`) or a hosted Llama provider (`use: groq`, '
            '`provider: together`, `"model_endpoint_type": "ollama"`, `provider_name: vllm`, `engine: REMOTE_VLLM`). `pytorch`, `onnxruntime` and '
            "`openvino` backends, and other values of such keys (`backend: nccl`), are not reported.",
            why="The engine a tool runs on decides its flags, model formats and deployment; switching engine "
            "starts with this setting.",
            example="infer_backend: vllm",
            use_instead='One engine-neutral setting read by the adapter: SOVMIGRATE_MODEL="vllm:Qwen/Qwen2.5-7B-Instruct"',
        ),
    ),
    Rule(
        code="SOV861",
        name="engine-server-setting",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration generates on an engine server (`{api}`)",
        matchers=(
            Line(
                _SERVER,
                _FILES,
                triggers=(
                    "use_vllm",
                    "use_sglang",
                    "use_lmdeploy",
                    "use_tgi",
                    "use_ollama",
                    "use_llama_cpp",
                    "vllm_",
                    "sglang_",
                    "lmdeploy_",
                    "tgi_",
                    "ollama_",
                    "llama_cpp_",
                    "llamacpp_",
                    "trtllm_",
                    "nim_",
                ),
            ),
        ),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration files for settings that send generation to one engine's server: "
            "`use_vllm: true` (TRL, axolotl), the server's address under an engine-named key "
            "(`vllm_server_host`, `sglang_base_url`) and the flags handed to it (`vllm_args: [...]`, "
            "`sglang_server_args`). Upper-case environment variables are SOV853.",
            why="The setting ties the tool to one engine's server protocol and address.",
            example="trl:\n  use_vllm: true\n  vllm_server_host: localhost",
            use_instead="An OpenAI-compatible base URL read by the adapter, whichever engine serves it.",
        ),
    ),
    Rule(
        code="SOV862",
        name="llama-chat-template-name",
        kind=Kind.PROMPT_FORMAT,
        vendor="meta-llama",
        message="configuration formats prompts with the Llama chat template `{api}`",
        matchers=(Line(_template_name(_LLAMA_TEMPLATES), _FILES, triggers=("llama",)),),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks configuration files and shell flags for a chat template chosen by the name of a Llama "
            "template (`chat_template: llama3`, `template: llama2`, `--template llama3`).",
            why=_WHY_TEMPLATE,
            example="chat_template: llama3",
            use_instead="chat_template: tokenizer_default  # the target model's own template",
        ),
    ),
    Rule(
        code="SOV863",
        name="family-chat-template-name",
        kind=Kind.PROMPT_FORMAT,
        vendor="any",
        message="configuration formats prompts with the chat template `{api}` of one model family",
        matchers=(Line(_template_name(_OTHER_TEMPLATES), _FILES, triggers=_OTHER_TRIGGERS),),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks configuration files and shell flags for a chat template chosen by the name of another "
            "family's template (`template: qwen3_nothink`, `chat_template: chatml`, `llm_family: mixtral`, "
            "`--template mistral`); Llama templates are SOV862.",
            why=_WHY_TEMPLATE,
            example="template: qwen3_nothink",
            use_instead="chat_template: tokenizer_default  # the target model's own template",
        ),
    ),
    Rule(
        code="SOV864",
        name="ollama-modelfile-model",
        kind=Kind.MODEL_ID,
        vendor="ollama",
        message="Ollama Modelfile builds on model `{api}`",
        matchers=(
            Line(
                _MODELFILE_MODEL,
                ("modelfile",),
                triggers=(r"re:(?m:^)[ \t]*(?-i:FROM|ADAPTER)[ \t]",),
            ),
        ),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks Ollama Modelfiles (`Modelfile`, `*.modelfile`) for the model they build on (`FROM llama3.2`, "
            "`FROM hf.co/owner/repo-GGUF`, `FROM ./weights.gguf`) and the LoRA adapter they apply (`ADAPTER ...`). "
            "Chat markup in `TEMPLATE` and `PARAMETER stop` lines is reported by the chat-template rules.",
            why="A Modelfile packages one model, its chat template and its stop tokens for Ollama; the migration "
            "re-pins the model and replaces the template with the target model's own.",
            example="FROM llama3.2\nPARAMETER temperature 0.7",
            use_instead='The target model served by any engine, named once: SOVMIGRATE_MODEL="ollama:qwen2.5:7b"',
        ),
    ),
    Rule(
        code="SOV865",
        name="shell-ollama-request",
        kind=Kind.INFERENCE,
        vendor="ollama",
        message="`{api}` calls Ollama's HTTP API from a script",
        matchers=(
            Line(
                _CURL_OLLAMA, _CURL_FILES, triggers=("/api/generate", "/api/embed", "/api/pull", "/api/chat")
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks shell scripts, CI and compose files and Dockerfiles for `curl`/`wget` (and PowerShell's "
            "`Invoke-RestMethod`) requests to Ollama's routes (`/api/generate`, `/api/embed`, `/api/pull`, and "
            "`/api/chat` where Ollama's port or name is on the line). The URL in the request is part of this site.",
            why=_WHY_CURL,
            example='curl http://localhost:11434/api/generate -d \'{"model": "llama3", "prompt": "hi"}\'',
            use_instead="An OpenAI-compatible route any engine serves (`/v1/chat/completions`), at an address read "
            "from configuration.",
        ),
    ),
    Rule(
        code="SOV866",
        name="shell-inference-request",
        kind=Kind.INFERENCE,
        vendor="openai-compatible",
        message="`{api}` calls an inference server's HTTP API from a script",
        matchers=(Line(_CURL_OPENAI, _CURL_FILES, triggers=("completions", "/v1/embeddings")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks shell scripts, CI and compose files and Dockerfiles for `curl`/`wget` (and PowerShell's "
            "`Invoke-RestMethod`) requests to OpenAI-compatible inference routes (`/v1/chat/completions`, "
            "`/v1/completions`, `/v1/embeddings`) of vLLM, llama.cpp, SGLang, TGI or a hosted provider. The URL "
            "in the request is part of this site; `/v1/models` and health checks are not reported.",
            why=_WHY_CURL,
            example='curl http://localhost:8000/v1/chat/completions -H "Content-Type: application/json" -d @req.json',
            use_instead="The same route at an address read from configuration (`$SOVMIGRATE_BASE_URL`), with the "
            "model named once.",
        ),
    ),
)
