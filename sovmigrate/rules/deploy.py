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

from sovmigrate.rules.engine_options import ENGINE_OPTIONS
from sovmigrate.rules.model import Kind, Level, Line, Rule, RuleDocs, lazy

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
# Keys of serving, benchmark and pipeline configs whose value selects the engine (convention 20 of
# docs/evaluation.md): fmbench's `container_type: vllm_gpu`, DJL Serving's `option.rolling_batch=vllm`, AutoRAG's
# `module_type: vllm`, `llm: ollama`, alpaca-eval's `fn_completions: vllm_local_completions`.
_SELECTOR_KEYS = r"|container_type|rolling_batch|module_type|llm|fn_completions|completions_fn|decoder_type"
# What a tool appends to an engine's name for one way of running it (`vllm_gpu`, `huggingface_local_completions`).
_ENGINE_VARIANT = (
    r"(?:[-_](?:gpu|cpu|neuron|local|api|remote|server|openai|chat|completions?|inference|offline|online|async"
    r"|python|docker|container))*"
)
# `backend: vllm`, `infer_backend: huggingface`, `- override backend: tensorrt-llm` (Hydra defaults),
# `INFERENCE_ENGINE=sglang`, `--infer_backend vllm`, `provider: together`, `use: groq`. The whole value must be an
# engine's or a hosted provider's name.
_BACKEND = lazy(
    r"^\s*(?:-\s+)?(?:override\s+)?[\"']?(?:(?:[^\W_]|-)*[._])*(?:backend|engine|runtime|server|provider|use|deploy_type"
    r"|infer_type|inference_type|endpoint_type|provider_name|engine_type|backend_type"
    + _SELECTOR_KEYS
    + r")[\"']?\s*[:=]\s*"
    # `engine: REMOTE_VLLM`: an engine's server reached remotely; `vllm_gpu`, `vllm_local_completions`: its variant
    r"[\"']?(?P<api>(?:remote[-_])?(?:" + _ENGINES + r")" + _ENGINE_VARIANT + r")[\"']?\s*,?\s*$"
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
# `chat_template: llama3`, `template: qwen3_nothink`, `llm_family: 'mixtral'`, `--template llama3`, a prompt
# formatter or wrapper chosen by name (`default_prompt_formatter: chatml`, `"model_wrapper": "chatml"`): the whole
# value is the name of one family's chat template (a file path or `tokenizer_default` is not).
_TEMPLATE_KEY = (
    r"^\s*(?:-\s+)?[\"']?(?:[\w-]+[._])?(?:chat_template|template|template_name|prompt_template|conv_template"
    r"|conversation_template|chat_format|prompt_format|prompt_formatter|model_wrapper|llm_family|model_family)"
    r"[\"']?\s*[:=]\s*[\"']?"
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

# The same choice in Python: a setting named like a template key (`prompt_template = PROMPT_TEMPLATE.llama2_chat`,
# `default_prompt_formatter: str = Field(default="chatml")`, `add_argument("--model-family", default="mixtral")`)
# whose value is a family's template name, as a string or a registry's attribute (rules SOV862 and SOV863).
TEMPLATE_SETTINGS = lazy(
    r"(?:\w+_)?(?:chat_template|prompt_template|template_name|conv_template|conversation_template|prompt_format"
    r"|prompt_formatter|model_wrapper|llm_family|model_family)",
    re.IGNORECASE,
)
FAMILY_TEMPLATE_VALUE = lazy(rf"(?P<llama>{_LLAMA_TEMPLATES})|{_OTHER_TEMPLATES}", re.IGNORECASE)
LLAMA_TEMPLATE_RULE, FAMILY_TEMPLATE_RULE = "SOV862", "SOV863"


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
# One engine's own routes at a self-hosted address with its port (`curl localhost:8080/completion`,
# `curl 127.0.0.1:30000/generate`, `curl http://$HOST:8080/tokenize`): TGI's and SGLang's `/generate`,
# llama.cpp server's `/completion`, `/infill`, `/embedding`, `/tokenize`, `/detokenize`, TEI's `/embed` and
# `/rerank` (llama.cpp tools/server/README.md b5000, TGI docs 3.x, TEI docs 1.x).
_CURL_ENGINE = lazy(
    _CLIENTS + r"(?<![\w/.-])(?:https?://)?[\w.${}-]+:\d+(?:/[\w.-]+)*/"
    r"(?<!/api/)(?:generate(?:_stream)?|completion|infill|embedding|tokenize|detokenize|embed|rerank)(?![\w/-])",
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

# An engine's server arguments given without a program, as an engine image's entrypoint takes them: a compose
# `command: --model x --max-model-len 8192`, a Kubernetes `args:` list (`- --tensor-parallel-size`), a Dockerfile
# `CMD ["--n-gpu-layers", "99"]`. The line starts with an option, after a `command:`/`args:` key, a list item or
# `CMD`/`ENTRYPOINT`; at least one of its options is one only an engine's server takes (engine_options.py).
# Whether the line heads its own command (not a continuation of another program's) is textfiles.py's to check.
ENGINE_ARGUMENTS_RULE = "SOV890"
_ARGUMENTS_KEY = r"[\w-]*(?:args|arguments|command|cmd|entrypoint|flags|options)"
BARE_ARGUMENTS_START = (
    r"^[ \t]*(?:-[ \t]+)?(?:[\"']?" + _ARGUMENTS_KEY + r"[\"']?[ \t]*[:=][ \t]*(?:[>|][-+]?[ \t]*)?)?"
    r"(?:(?:CMD|ENTRYPOINT)[ \t]+)?\[?[ \t]*[\"']?"
)


# vLLM, SGLang and llama-cpp-python take `--max_model_len` for `--max-model-len`: either spelling, either list.
# The names are one trie of their words (`max[-_](?:model[-_]len|num[-_]seqs|...)`): it compiles and matches faster
# than a thousand alternatives.
def _words_trie(names: list[list[str]]) -> str:
    """A pattern matching exactly the ``names`` (lists of one word or more), with `-` or `_` between words."""
    groups: dict[str, list[list[str]]] = {}
    for words in names:
        groups.setdefault(words[0], []).append(words[1:])
    branches = []
    for word in sorted(groups, key=lambda w: (-len(w), w)):
        longer = [rest for rest in groups[word] if rest]
        tail = r"[-_]" + _words_trie(longer) if longer else ""
        if tail and len(longer) < len(groups[word]):  # the word also ends a name: `n-gpu-layers(-draft)?`
            tail = "(?:" + tail + ")?"
        branches.append(re.escape(word) + tail)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_OPTION_NAMES = _words_trie(
    [re.split(r"[-_]", o) for o in sorted({o for options in ENGINE_OPTIONS.values() for o in options})]
)
_BARE_ARGUMENTS = lazy(
    BARE_ARGUMENTS_START
    + r"(?P<api>--[A-Za-z][^\n#]*?(?<![\w-])--(?:"
    + _OPTION_NAMES
    + r")(?![\w-])[^\n#]*|--(?:"
    + _OPTION_NAMES
    + r")(?![\w-])[^\n#]*)"
)
# Where the arguments start: a line's start, a list item, a `command:`/`args:` value, `CMD`/`ENTRYPOINT`; not an
# option in the middle of a line (Python's argparse strings).
_BARE_TRIGGERS = (
    r"re:(?m:^)[ \t]*(?:-[ \t]+)?\[?[ \t]*[\"']?--[a-z]",
    r"re:(?:args|arguments|command|cmd|entrypoint|flags|options)[\"']?[ \t]*[:=][ \t]*(?:[>|][-+]?[ \t]*)?\[?[ \t]*[\"']?--[a-z]",
    r"re:(?:CMD|ENTRYPOINT)[ \t]+\[?[ \t]*[\"']?--[a-z]",
)

# Engine programs and subcommands that SOV851 (ENGINE_CLI) does not list, from the engines' own command lines:
# vLLM 0.34's subcommands (vllm/entrypoints/cli/), `sglang serve|generate` (sglang 0.5.23 sglang/cli/main.py),
# LMDeploy 0.18's `chat`/`lite` (lmdeploy/cli/), llama.cpp's programs (CMake targets of tools/ and examples/ in
# llama-cpp-python 0.3.36's vendored llama.cpp), mlx-lm 0.32's console scripts, MLC's `mlc_llm` subcommands, TGI's
# Python server and router (text-generation-inference server/cli.py, router/Cargo.toml) and TEI's router,
# TensorRT-LLM's `trtllm-*` tools, Ollama's CLI reference (`ollama --help`), koboldcpp, llamafile, LM Studio's `lms`,
# Docker Model Runner, RamaLama, LocalAI, Xinference's local server, OpenLLM and TabbyML.
_LLAMA_CPP_PROGRAMS = (
    "batched-bench|completion|convert-llama2c-to-ggml|cvector-generator|diffusion-cli|eval-callback|export-lora"
    "|finetune|fit-params|gguf|gguf-hash|lookahead|lookup|lookup-create|lookup-merge|lookup-stats|parallel|passkey"
    "|retrieval|simple-chat|speculative-simple|tokenize|tts|minicpmv-cli|qwen2vl-cli|gemma3-cli|rpc-server"
)
_SEP = r"[\"', \t]+"
ENGINE_PROGRAMS = lazy(
    r"(?P<api>\bvllm" + _SEP + r"(?:chat|complete|bench|run-batch|launch|preload)\b[^\n#]*"
    r"|\bsglang" + _SEP + r"(?:serve|generate)\b[^\n#]*"
    r"|\blmdeploy" + _SEP + r"(?:chat|lite|convert)\b[^\n#]*"
    r"|\bllama-(?:" + _LLAMA_CPP_PROGRAMS + r")\b(?![.\w-])[^\n#]*|\bggml-rpc-server\b[^\n#]*"
    r"|\bmlx_lm(?:\.|"
    + _SEP
    + r")(?:server|generate|chat|convert|lora|fuse|awq|dwq|gptq|dynamic_quant|cache_prompt"
    r"|benchmark|evaluate|perplexity|manage)\b[^\n#]*"
    r"|\bmlc_llm" + _SEP + r"(?:chat|compile|convert_weight|gen_config|package|bench)\b[^\n#]*"
    r"|\btext-generation-server" + _SEP + r"(?:serve|download-weights|quantize)\b[^\n#]*"
    r"|\b(?:text-generation-router|text-embeddings-router)\b[^\n#]*"
    r"|\btrtllm-(?:bench|eval|llmapi-launch|prune|refit)\b[^\n#]*"
    r"|\bollama" + _SEP + r"(?:push|show|list|ls|ps|stop|cp|rm|launch)\b[^\n#]*"
    r"|(?:\bkoboldcpp(?:[\w.-]*)|\bllamafile|[\w./-]+\.llamafile)(?=" + _SEP + r"-)[^\n#]*"
    r"|\blms" + _SEP + r"(?:server" + _SEP + r"start|load|get|import)\b[^\n#]*"
    r"|\b(?:docker" + _SEP + r"model|ramalama)" + _SEP + r"(?:run|pull|serve)\b[^\n#]*"
    r"|\blocal-ai" + _SEP + r"(?:run|models)\b[^\n#]*|\bxinference-local\b[^\n#]*"
    # BentoML's OpenLLM 0.6 (`openllm serve|run|deploy X`), TabbyML's server (`tabby serve --model X`)
    r"|\bopenllm" + _SEP + r"(?:serve|run|deploy|hello)\b[^\n#]*|\btabby" + _SEP + r"serve\b[^\n#]*)"
)
ENGINE_PROGRAM_TRIGGERS = (
    "vllm",
    "sglang",
    "lmdeploy",
    "llama-",
    "ggml-rpc",
    "mlx_lm",
    "mlc_llm",
    "text-generation-",
    "text-embeddings-router",
    "trtllm-",
    "ollama",
    "koboldcpp",
    "llamafile",
    r"re:\blms[\"', \t]",
    r"re:docker[\"', \t]+model",
    "ramalama",
    "local-ai",
    "xinference-local",
    "openllm",
    r"re:\btabby[\"', \t]+serve",
)

# The model an engine program handles by argument, where SOV854 does not read it: `ollama show|stop|rm|cp|push X`,
# `docker model run X`, `ramalama run X`, `lms load X`, a llamafile (weights and engine in one file), and llama.cpp
# server's model variables (`LLAMA_ARG_HF_REPO`, from the `set_env` names in common/arg.cpp; `LLAMA_ARG_MODEL` ends in
# `_MODEL` and is SOV854's).
_ENGINE_MODEL_ID = r"[\"']?(?!-)(?P<api>[A-Za-z0-9][\w.:/@-]*[\w])"
_ENGINE_MODEL = lazy(
    r"(?:\bollama" + _SEP + r"(?:show|stop|rm|cp|push)|\bdocker" + _SEP + r"model" + _SEP + r"(?:run|pull)"
    r"|\bramalama"
    + _SEP
    + r"(?:run|pull|serve)|\blms"
    + _SEP
    + r"(?:load|get))"
    + _SEP
    + _ENGINE_MODEL_ID
    + r"|(?<![\w./-])(?P<llamafile>[\w./-]+\.llamafile)\b"
    r"|\bLLAMA_ARG_(?:HF_REPO|HF_FILE|HFD_REPO|HF_REPO_DRAFT|SPEC_DRAFT_HF_REPO|MODEL_URL|MODEL_DRAFT|MMPROJ|MMPROJ_URL)"
    r"[\"']?\s*[:=]\s*[\"']?(?P<variable>[A-Za-z0-9_.~/][\w.:/@+~-]*[\w])"
)

# Engine images that SOV850 does not list: any image whose name names an engine (`myorg/llm-vllm-server`,
# `huggingface/tgi-gaudi`, `nvcr.io/nvidia/tensorrt-llm/release`, `ghcr.io/huggingface/text-embeddings-inference`,
# `koboldai/koboldcpp`, `ghcr.io/predibase/lorax`, `intelanalytics/ipex-llm-serving-xpu`, `kserve/huggingfaceserver`,
# AWS's `huggingface-pytorch-tgi-inference` and `djl-inference:...-lmi...`), and Triton's TensorRT-LLM and vLLM
# builds (`nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3`), under `image_uri:` too. Web front-ends (`ollama-webui`) are not engines.
_IMAGE_CONTEXT = (
    # `image:`, a Helm `repository:`, a benchmark's or SageMaker config's `image_uri:`
    r"(?:^\s*FROM\s+(?:--platform=\S+\s+)?|\b(?:image|repository|image_uri|image_url):\s*[\"']?"
    r"|\b(?:docker|podman)\s+(?:run|pull|create)\b[^\n#]*?\s[\"']?)"
)
_ENGINE_IMAGE_WORD = (
    r"vllm|sglang|ollama|lmdeploy|llama[.-]?cpp|tgi|text-generation-inference|text-embeddings-inference|tensorrt-llm"
    r"|trtllm|koboldcpp|llamafile|lorax|llama-swap|ipex-llm|huggingfaceserver|exllama|aphrodite|mlc-llm"
)
_OTHER_ENGINE_IMAGE = lazy(
    _IMAGE_CONTEXT
    + r"(?P<api>(?:[\w.-]+/)*(?![\w.-]*webui)[\w.-]*?(?<![a-z])(?:"
    + _ENGINE_IMAGE_WORD
    + r")(?![a-z])"
    r"[\w.-]*(?:/[\w.-]+)*(?::[\w.-]+)?(?:@sha256:\w+)?"
    r"|(?:[\w.-]+/)*(?:tritonserver:[\w.-]*(?:trtllm|vllm)|djl-inference:[\w.-]*lmi)[\w.-]*)",
    re.IGNORECASE,
)
# A server named after its engine in an address (`LLM_ENDPOINT=http://vllm:8000`, `http://tgi-llama:80/generate`):
# compose and Kubernetes services reach the engine by its service name. Ollama's port is SOV853's.
_ENGINE_HOST = lazy(
    r"(?P<api>https?://(?:vllm|sglang|tgi|text-generation-inference|text-embeddings-inference|tei|llama[-_]?cpp"
    r"|llama-server|lmdeploy|localai|local-ai|llamafile|koboldcpp|tabbyapi|xinference|aphrodite|ollama|trtllm"
    r"|lmstudio)(?:[-_][A-Za-z0-9-]+)?(?::\d+)?(?=[/\s\"'},]|$)[^\s\"'},]*)",
    re.IGNORECASE,
)

# The Hub's command line downloading a model (huggingface_hub's console scripts `huggingface-cli` and `hf`):
# `hf download meta-llama/Llama-3.1-8B-Instruct --exclude original/*`. A dataset download is not a model's.
_HUB_DOWNLOAD = lazy(
    r"(?P<api>\b(?:huggingface-cli|hf)"
    + _SEP
    + r"download\b(?![^\n#]*--repo[-_]type[= ]+[\"']?(?:dataset|space))[^\n#]*)"
)
# An engine's own HTTP route in a configured address (`api_url: "http://127.0.0.1:6864/generate"`): TGI's and
# SGLang's `/generate`, llama.cpp's `/completion` and `/infill`, Ollama's `/api/generate|embed` (an app's `/api/chat` is its own); the address has a
# port, as a self-hosted server's has (OpenAI-compatible `/v1` addresses are SOV856's).
_ENGINE_ROUTE_URL = lazy(
    r"(?P<api>https?://[\w.-]+:\d+(?:/[\w.-]+)*/(?:generate(?:_stream)?|completion|infill"
    r"|api/(?:generate|embed|embeddings))(?![\w/-])[^\s\"'},]*)"
)

# A model family chosen by a config's model section (convention 7): levanter's and similar trainers'
# `model:` / `  type: llama`, HF-style `model_type: mistral` under a model block; the key must sit under a
# `model`-named parent (a `data: type: jsonl` is not a family).
_FAMILY_PARENT = lazy(r"^\s*(?:-\s+)?(?:[\w-]+[._])?model(?:_config|_args|_cfg)?\s*:\s*$")
_FAMILY_TYPE_KEY = r"^\s*(?:-\s+)?(?:type|model_type|arch|architecture|family)\s*:\s*[\"']?"
_LLAMA_FAMILY_TYPE = lazy(
    _FAMILY_TYPE_KEY + r"(?P<api>(?:code)?llama[_-]?\d*(?:\.\d)?)[\"']?\s*$", re.IGNORECASE
)
_OTHER_FAMILY_TYPE = lazy(
    _FAMILY_TYPE_KEY
    + r"(?P<api>(?:mpt|gpt2|gpt_?neox|gptj|gpt_bigcode|backpack|mistral|mixtral|gemma\d*|qwen\d*"
    r"(?:_moe)?|olmo\d*|phi\d*|falcon|deepseek(?:_v\d)?|starcoder\d*|bloom|internlm\d*|chatglm|baichuan|granite"
    r"|cohere\d*|stablelm|mamba\d*))[\"']?\s*$",
    re.IGNORECASE,
)
_OTHER_FAMILY_TRIGGERS = (
    "mpt",
    "gpt",
    "backpack",
    "mistral",
    "mixtral",
    "gemma",
    "qwen",
    "olmo",
    "phi",
    "falcon",
    "deepseek",
    "starcoder",
    "bloom",
    "internlm",
    "chatglm",
    "baichuan",
    "granite",
    "cohere",
    "stablelm",
    "mamba",
)
_CLASS_TRIGGERS = (
    "forcausallm",
    "forconditionalgeneration",
    "forvision2seq",
    "forimagetexttotext",
    "forseq2seqlm",
    "forsequenceclassification",
    "fortokenclassification",
    "formaskedlm",
    "forquestionanswering",
)
# A model class of one family named in a config (`model_class: Qwen3VLForConditionalGeneration`,
# `architectures: [LlamaForCausalLM]`): transformers' `<Family>For<Task>` class names.
_FAMILY_CLASS = lazy(
    r"^\s*(?:-\s+)?[\"']?(?:model_class|model_cls|model_class_name|auto_class|architectures?|model_arch)[\"']?\s*:"
    r"\s*\[?\s*[\"']?(?P<api>[A-Z][A-Za-z0-9]*For(?:CausalLM|ConditionalGeneration|Vision2Seq|ImageTextToText"
    r"|Seq2SeqLM|SequenceClassification|TokenClassification|MaskedLM|QuestionAnswering))\b"
)
# A serving packager's engine section: truss's `trt_llm:` block builds and serves the model with TensorRT-LLM.
_ENGINE_SECTION = lazy(
    r"^(?P<api>\s*(?:trt_llm|tensorrt_llm|trtllm_config|vllm_config|sglang_config"
    r"|vllmConfig|lmcacheConfig)\s*:)\s*$"  # vLLM production-stack's Helm values (`modelSpec[].vllmConfig`)
)
# A serving platform's setting that picks the engine or the LLM runtime: KServe's model format (`modelFormat:` /
# `name: huggingface`, the Hugging Face runtime that serves with vLLM by default, a ServingRuntime's
# `supportedModelFormats:` / `- name: vllm`; kserve.github.io 0.15 "Hugging Face LLM Serving Runtime"), Ray Serve
# LLM's application builders (`import_path: ray.serve.llm:build_openai_app`; docs.ray.io serve/api/llm: builders
# `build_openai_app`, `build_llm_deployment`, the older `ray.serve.llm.builders.build_vllm_deployment`), llm-d's
# modelservice chart (`modelCommand: vllmServe`, of `vllmServe | imageDefault | custom`; its values.yaml).
_RUNTIME_FORMAT = lazy(r"^\s*(?:-\s+)?name\s*:\s*[\"']?(?P<api>huggingface|vllm)[\"']?\s*$", re.IGNORECASE)
_FORMAT_PARENT = lazy(r"^\s*(?:-\s+)?(?:modelFormat|supportedModelFormats)\s*:\s*$")
_RUNTIME_BUILDER = lazy(
    r"(?P<api>\bray\.serve\.llm(?:\.[\w.]+)?:(?:build_openai_app|build_llm_deployment|build_vllm_deployment)\b"
    r"|\bmodelCommand\s*:\s*[\"']?vllmServe)"
)
# vLLM's guided-decoding request fields written in a YAML/JSON request config (`extra_body:` /
# `  guided_choice: [...]`): fields only vLLM's OpenAI-compatible server takes (complex.py's list, SOV706).
_GUIDED_FIELD = lazy(
    r"^\s*(?:-\s+)?[\"']?(?P<api>guided_(?:choice|json|regex|grammar|decoding_backend|whitespace_pattern))[\"']?\s*:"
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV820",
        name="llama-family-config-type",
        kind=Kind.CONFIG,
        vendor="meta-llama",
        message="model configuration chooses the Llama family `{api}`",
        matchers=(Line(_LLAMA_FAMILY_TYPE, ("yaml",), triggers=("llama",), parent=_FAMILY_PARENT),),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks YAML configs for a model section whose `type:` (`model_type:`, `arch:`) names the Llama "
            "family (`model:` / `  type: llama`), as trainers such as levanter choose the architecture to build.",
            why="The family decides the architecture, the tokenizer and the chat format; the migration changes it.",
            example="model:\n  type: llama\n  hidden_dim: 4096",
            use_instead="The target model's family, named once in the configuration the adapter reads.",
        ),
    ),
    Rule(
        code="SOV821",
        name="family-config-type",
        kind=Kind.CONFIG,
        vendor="any",
        message="model configuration chooses the model family `{api}`",
        matchers=(
            Line(_OTHER_FAMILY_TYPE, ("yaml",), triggers=_OTHER_FAMILY_TRIGGERS, parent=_FAMILY_PARENT),
        ),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks YAML configs for a model section whose `type:` (`model_type:`, `arch:`) names another "
            "model family (`mpt`, `gpt2`, `mistral`, `qwen2`, `backpack`...); Llama is SOV820. The key must sit "
            "under a `model`-named parent (`data: type: jsonl` is not reported).",
            why="The family decides the architecture, the tokenizer and the chat format; the migration changes it.",
            example="model:\n  type: mpt",
            use_instead="The target model's family, named once in the configuration the adapter reads.",
        ),
    ),
    Rule(
        code="SOV822",
        name="family-model-class-config",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration loads the model with the family class `{api}`",
        matchers=(Line(_FAMILY_CLASS, ("yaml", "json", "toml"), triggers=_CLASS_TRIGGERS),),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration files for a transformers model class of one family named as a setting "
            "(`model_class: Qwen3VLForConditionalGeneration`, `architectures: [LlamaForCausalLM]`).",
            why="The class is one family's architecture; it changes with the model.",
            example="model_class: Qwen3VLForConditionalGeneration",
            use_instead="An Auto class (`AutoModelForCausalLM`) that follows the model's own config.",
        ),
    ),
    Rule(
        code="SOV823",
        name="packager-engine-section",
        kind=Kind.CONFIG,
        vendor="tensorrt-llm",
        message="serving configuration section `{api}` builds the model for one engine",
        matchers=(
            Line(
                _ENGINE_SECTION,
                ("yaml",),
                triggers=("trt", "tensorrt", "vllm_config", "sglang_config", "vllmconfig", "lmcacheconfig"),
            ),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks serving packagers' YAML configs for an engine section (truss's `trt_llm:` block, which "
            "builds and serves the model with TensorRT-LLM; `vllm_config:`, `sglang_config:`; the vLLM "
            "production-stack Helm chart's `vllmConfig:` and `lmcacheConfig:`).",
            why="The section configures one engine's build and runtime; the deployment changes with the engine.",
            example="trt_llm:\n  build:\n    base_model: llama",
            use_instead="An engine-neutral server (OpenAI-compatible) the application reaches by address.",
        ),
    ),
    Rule(
        code="SOV827",
        name="serving-platform-runtime",
        kind=Kind.CONFIG,
        vendor="any",
        message="serving platform setting `{api}` runs the model on one engine's runtime",
        matchers=(
            Line(_RUNTIME_FORMAT, ("yaml", "json"), triggers=("huggingface", "vllm"), parent=_FORMAT_PARENT),
            Line(
                _RUNTIME_BUILDER,
                ("yaml", "json", "toml"),
                triggers=("ray.serve.llm", "vllmserve"),
            ),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks serving platforms' YAML for the setting that picks the LLM runtime: KServe's model format "
            "(`modelFormat:` / `name: huggingface`, the Hugging Face runtime that serves with vLLM; a "
            "ServingRuntime's `supportedModelFormats:` / `- name: vllm`), Ray Serve LLM's application builders "
            "(`import_path: ray.serve.llm:build_openai_app`, `build_llm_deployment`) and llm-d's "
            "`modelCommand: vllmServe`. Other model formats (`sklearn`, `onnx`) and a `name:` elsewhere are not "
            "reported.",
            why="The runtime decides the engine, its arguments and its protocol; the deployment changes with it.",
            example="predictor:\n  model:\n    modelFormat:\n      name: huggingface",
            use_instead="An engine-neutral OpenAI-compatible server the application reaches by address.",
        ),
    ),
    Rule(
        code="SOV824",
        name="guided-decoding-config",
        kind=Kind.COMPLEX,
        vendor="vllm",
        message="request configuration sets vLLM's guided-decoding field `{api}`",
        matchers=(Line(_GUIDED_FIELD, ("yaml", "json", "toml"), triggers=("guided_",)),),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks YAML, JSON and TOML request configs for vLLM's guided-decoding fields (`guided_choice`, "
            "`guided_json`, `guided_regex`, `guided_grammar`, `guided_decoding_backend`), as a pipeline's "
            "`extra_body:` passes them to the server. In Python these are SOV706.",
            why="Only vLLM's server takes these fields; other engines ignore or reject them.",
            example="extra_body:\n  guided_choice: [yes, no]",
            use_instead="`response_format` with a JSON schema, which OpenAI-compatible servers share.",
        ),
    ),
    Rule(
        code="SOV895",
        name="hub-download-command",
        kind=Kind.INFERENCE,
        vendor="huggingface-hub",
        message="`{api}` downloads a model from the Hugging Face Hub",
        matchers=(
            Line(
                _HUB_DOWNLOAD,
                ("dockerfile", "shell", "yaml", "toml", "json", "ini"),
                triggers=(r"re:(?:huggingface-cli|\bhf)[\"', \t]+download",),
            ),
        ),
        effort_driver="config_site",  # a download step to re-point, not an API the code calls
        docs=RuleDocs(
            what="Checks scripts, Dockerfiles, CI and job configs for the Hub's command line downloading a model "
            "(`hf download X`, `huggingface-cli download X`); the model it names is SOV854's. Dataset and Space "
            "downloads (`--repo-type dataset`) are not reported.",
            why="The Hub is where the weights come from; a sovereign deployment mirrors or re-points the download "
            "to the target model.",
            example="hf download meta-llama/Llama-3.1-8B-Instruct --exclude 'original/*'",
            use_instead="Fetch the target model from a store the deployment controls.",
        ),
    ),
    Rule(
        code="SOV896",
        name="engine-route-address",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration points at the engine route `{api}`",
        matchers=(
            Line(
                _ENGINE_ROUTE_URL,
                _FILES,
                triggers=("/generate", "/completion", "/infill", "/api/embed"),
            ),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration files for a self-hosted server's address that ends in one engine's own "
            "route: TGI's and SGLang's `/generate`, llama.cpp's `/completion` and `/infill`, Ollama's "
            "`/api/generate` and `/api/embed` (`api_url: http://127.0.0.1:6864/generate`; an application's own "
            "`/api/chat` is not reported). "
            "OpenAI-compatible `/v1` addresses are SOV856; `curl` requests to these routes are SOV865/SOV866.",
            why="The route and its JSON shape belong to one engine; the address changes with the engine.",
            example='api_url: "http://127.0.0.1:30000/generate"',
            use_instead='SOVMIGRATE_MODEL="openai:my-model" and base_url in [tool.sovmigrate.adapter]',
        ),
    ),
    Rule(
        code="SOV893",
        name="engine-image-by-name",
        kind=Kind.CONFIG,
        vendor="any",
        message="container image `{api}` runs one inference engine",
        matchers=(
            Line(
                _OTHER_ENGINE_IMAGE,
                ("dockerfile", "yaml", "shell"),
                triggers=(
                    "vllm",
                    "sglang",
                    "ollama",
                    "lmdeploy",
                    "llama",
                    r"re:(?:^|[^a-z])tgi(?:$|[^a-z])",
                    "text-generation-inference",
                    "text-embeddings-inference",
                    "tensorrt-llm",
                    "trtllm",
                    "koboldcpp",
                    "lorax",
                    "ipex-llm",
                    "huggingfaceserver",
                    "exllama",
                    "aphrodite",
                    "mlc-llm",
                    "tritonserver",
                    "djl-inference",
                ),
            ),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles, compose/Kubernetes YAML, Helm values and `docker run` commands for engine "
            "images SOV850 does not list: an image whose name names an engine (`myorg/llm-vllm-server`, "
            "`huggingface/tgi-gaudi`, `nvcr.io/nvidia/tensorrt-llm/release`, `ghcr.io/huggingface/"
            "text-embeddings-inference`, `koboldai/koboldcpp`, `ghcr.io/predibase/lorax`, IPEX-LLM, KServe's "
            "`huggingfaceserver`, AWS's TGI and LMI images) and Triton's TensorRT-LLM and vLLM builds "
            "(`nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3`). Web front-ends (`ollama-webui`) are not "
            "reported.",
            why="The deployment model (one engine, its ports, its model store) changes with the engine.",
            example="image: nvcr.io/nvidia/tritonserver:24.08-trtllm-python-py3",
            use_instead="An image of the target engine; the application reads the engine's address from configuration.",
        ),
    ),
    Rule(
        code="SOV894",
        name="engine-service-address",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration reaches the engine server `{api}` by its service name",
        matchers=(
            Line(
                _ENGINE_HOST,
                _FILES,
                triggers=(
                    "://vllm",
                    "://sglang",
                    "://tgi",
                    "://text-",
                    "://tei",
                    "://llama",
                    "://lmdeploy",
                    "://localai",
                    "://local-ai",
                    "://koboldcpp",
                    "://tabbyapi",
                    "://xinference",
                    "://aphrodite",
                    "://ollama",
                    "://trtllm",
                    "://lmstudio",
                ),
            ),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks compose files, Kubernetes YAML, `.env` files and other configuration for an engine "
            "server's address whose host is the engine's service name (`http://vllm:8000`, `http://tgi-llama/`, "
            "`http://llama-server:8080`, `http://sglang:30000`). Ollama on its port is SOV853; other "
            "OpenAI-compatible URLs ending in `/v1` are SOV856.",
            why="The address of the engine changes with it; it belongs in the adapter's configuration.",
            example="LLM_ENDPOINT=http://vllm:8000",
            use_instead='SOVMIGRATE_MODEL="openai:my-model" and base_url in [tool.sovmigrate.adapter]',
        ),
    ),
    Rule(
        code="SOV892",
        name="engine-program-model",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="engine command or variable names model `{api}`",
        matchers=(
            Line(
                _ENGINE_MODEL,
                _FILES,
                triggers=(
                    "ollama",
                    r"re:docker[\"', \t]+model",
                    "ramalama",
                    r"re:\blms[\"', \t]",
                    ".llamafile",
                    "llama_arg_",
                ),
            ),
        ),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks scripts, Dockerfiles, CI, compose files and `.env` files for the model an engine command "
            "handles by argument where SOV854 does not read it (`ollama show|stop|rm|cp|push X`, `docker model run X`, "
            "`ramalama run X`, `lms load X`), llamafiles (`./Meta-Llama-3-8B.Q4_0.llamafile`), and llama.cpp server's "
            "model variables (`LLAMA_ARG_HF_REPO`, `LLAMA_ARG_HF_FILE`, `LLAMA_ARG_MODEL_URL`, `LLAMA_ARG_MMPROJ`, "
            "Kubernetes `- name:`/`value:` pairs included).",
            why="The migration re-pins every model the deployment names; the dependency receipts need each one.",
            example="LLAMA_ARG_HF_REPO=bartowski/Qwen2.5-7B-Instruct-GGUF",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV891",
        name="engine-program",
        kind=Kind.CONFIG,
        vendor="any",
        message="command `{api}` runs one inference engine's program",
        matchers=(
            Line(
                ENGINE_PROGRAMS,
                ("dockerfile", "shell", "yaml", "toml", "json", "ini"),
                triggers=ENGINE_PROGRAM_TRIGGERS,
            ),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles, scripts, Makefiles, CI, compose and service files for the engine programs "
            "and subcommands SOV851 does not cover, from the engines' own command lines: `vllm chat|complete|bench|"
            "run-batch`, `sglang serve`, `lmdeploy chat|lite`, llama.cpp's other programs (`llama-tokenize`, "
            "`llama-finetune`, `llama-export-lora`, `llama-completion`...), mlx-lm's scripts (`mlx_lm.server`, "
            "`mlx_lm.generate`, `mlx_lm.convert`), `mlc_llm chat|compile|convert_weight`, TGI's "
            "`text-generation-server` and router, TEI's `text-embeddings-router`, `trtllm-bench`, Ollama's model "
            "commands (`ollama show|list|ps|rm|cp|push|stop`), koboldcpp, llamafile, LM Studio's `lms`, "
            "`docker model run`, RamaLama, LocalAI and `xinference-local`. Engine commands started from Python are "
            "SOV234.",
            why="Deployment and CI scripts encode the engine, its flags and the models it handles.",
            example="mlx_lm.server --model mlx-community/Qwen2.5-7B-Instruct-4bit --port 8080",
            use_instead="Serve the target model with its engine's tooling; the application reads only its address.",
        ),
    ),
    Rule(
        code=ENGINE_ARGUMENTS_RULE,
        name="engine-server-arguments",
        kind=Kind.CONFIG,
        vendor="any",
        message="arguments `{api}` configure one inference engine's server",
        matchers=(Line(_BARE_ARGUMENTS, ("yaml", "json", "dockerfile", "shell"), triggers=_BARE_TRIGGERS),),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks compose files, Kubernetes and Helm YAML, JSON manifests, Dockerfiles and scripts for an "
            "engine server's arguments given without a program, as an engine image's entrypoint takes them: "
            "`command: --model x --max-model-len 8192`, an `args:` list (`- --tensor-parallel-size`), "
            '`CMD ["--n-gpu-layers", "99"]`. One of the options must be one that only an engine\'s server takes: '
            "the long options of vLLM, SGLang, TGI's launcher, llama.cpp's `llama-server`, llama-cpp-python's "
            "server and LMDeploy, read from their own argument parsers (`--port` or `--log-level` alone are not "
            "reported). One site per command: the arguments that continue an engine command already reported "
            "(`vllm serve \\` / `  --max-model-len 8192`) are part of it, and those of another program "
            "(`python train.py \\` / `  --tensor-parallel-size 2`) are not reported.",
            why="The options are the engine's: another engine names them differently or has none (KV-cache "
            "fractions, tensor parallelism, context length), so the deployment is rewritten with the engine.",
            example="command: --model ${MODEL} --max-model-len 8192 --gpu-memory-utilization 0.9",
            use_instead="The target engine's own options, next to its image; the application reads only its address.",
        ),
    ),
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
            "harness's `--launcher_args \"name=sglang ...\"`, fmbench's `container_type: vllm_gpu`, DJL Serving's "
            "`option.rolling_batch=vllm`, AutoRAG's `module_type: vllm`, `llm: ollama`, alpaca-eval's "
            "`fn_completions: vllm_local_completions`) or a hosted Llama provider (`use: groq`, "
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
            "template (`chat_template: llama3`, `template: llama2`, `--template llama3`), and Python settings named "
            "like those keys (`prompt_template = PROMPT_TEMPLATE.llama2_chat`).",
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
            "`--template mistral`, `default_prompt_formatter: chatml`), and Python settings named like those keys "
            '(`prompt_template = PROMPT_TEMPLATE.mixtral`, `Field(default="chatml")`, the '
            "`default=` of an option); Llama templates are SOV862.",
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
        code="SOV826",
        name="shell-engine-request",
        kind=Kind.INFERENCE,
        vendor="any",
        message="`{api}` calls one engine's own HTTP route from a script",
        matchers=(
            Line(
                _CURL_ENGINE,
                _CURL_FILES,
                triggers=(
                    "/generate",
                    "/completion",
                    "/infill",
                    "/embed",
                    "/tokenize",
                    "/detokenize",
                    "/rerank",
                ),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks shell scripts, CI and compose files and Dockerfiles for `curl`/`wget` (and PowerShell's "
            "`Invoke-RestMethod`) requests to one engine's own routes at a self-hosted address with a port, with "
            "or without a scheme: TGI's and SGLang's `/generate` and `/generate_stream`, llama.cpp server's "
            "`/completion`, `/infill`, `/embedding`, `/tokenize` and `/detokenize`, TEI's `/embed` and `/rerank` "
            "(`curl localhost:8080/completion -d '{\"prompt\": ...}'`). The URL in the request is part of this "
            "site; an application's own routes at a host without a port are not reported.",
            why=_WHY_CURL,
            example='curl 127.0.0.1:8080/generate -X POST -d \'{"inputs": "What is Deep Learning?"}\'',
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
