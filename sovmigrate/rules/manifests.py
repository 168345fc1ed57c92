"""SOV8xx: dependency manifests, container images and configuration files outside Python code."""

from __future__ import annotations

import re

from sovmigrate.rules.model import Dependency, Kind, Level, Line, Rule, RuleDocs, lazy
from sovmigrate.rules.vocabulary import HOSTED_PROVIDER_HOSTS, HOSTED_URL_TRIGGERS

# Engines, vendor SDKs, their framework integrations and Meta's Llama packages. Tokenizer, fine-tuning and
# quantisation helpers (tiktoken, sentencepiece, peft, trl, bitsandbytes), hub clients and umbrella packages
# (huggingface-hub, langchain-community, llama-index-llms-openai*) are not engines or vendors, nor are neutral
# gateways (litellm: any provider behind one call) and hosted-API SDKs of other vendors (google-genai, mistralai:
# their calls are SOV390 where they matter; the package alone ties no deployment to an engine).
ENGINE_PACKAGES = (
    "llama-cpp-python",
    "llama-cpp-python-*",
    "vllm",
    "vllm-*",
    "ollama",
    "transformers",
    "text-generation",
    "together",
    "groq",
    "fireworks-ai",
    "replicate",
    "llama-api-client",
    "llama-stack",
    "llama-stack-client",
    "llama-models",
    "llama-recipes",
    "llama-cookbook",
    "langchain-ollama",
    "langchain-huggingface",
    "langchain-groq",
    "langchain-together",
    "langchain-fireworks",
    "langchain-ibm",
    "langchain-nvidia-ai-endpoints",
    *(
        f"llama-index-llms-{name}"
        for name in (
            "llama-cpp",
            "vllm",
            "ollama",
            "huggingface",
            "huggingface-api",
            "groq",
            "together",
            "fireworks",
            "replicate",
            "bedrock",
            "bedrock-converse",
            "llama-api",
            "deepinfra",
            "ibm",
            "nvidia",
            "lmstudio",
            "gpt4all",
            "llamafile",
            "text-generation-inference",
            "sagemaker-endpoint",
            "cerebras",
            "sambanovasystems",
            "openrouter",
        )
    ),
    "llama-index-embeddings-ollama",
    "llama-index-embeddings-huggingface",
    "llama-index-embeddings-huggingface-api",
    "ctransformers",
    "gpt4all",
    "exllamav2",
    "exllamav3",
    "mlx-lm",
    "mlc-llm",
    "mlc-llm-*",
    "mlc-ai-*",
    "lmstudio",
    "auto-gptq",
    "gptqmodel",
    "autoawq",
    "tensorrt-llm",
    "sglang",
    "sglang-*",
    "lmdeploy",
    "ktransformers",
    "py-txi",
    "ibm-watsonx-ai",
    "ibm-watson-machine-learning",
    # hosted clouds that serve Llama and other open models through their own SDKs
    "cerebras-cloud-sdk",
    "sambanova",
    "langchain-cerebras",
    "langchain-sambanova",
    "sentence-transformers",
    # Xinference's server and client, llama.cpp's server wrappers, ModelScope's hub (convention 14)
    "xinference",
    "xinference-client",
    "llama-cpp-server-py",
    "llama-cpp-server-py-core",
    "modelscope",
    # optimum's runtimes, installed by its extras (convention 35); plain `optimum` is no site
    "optimum[onnxruntime]",
    "optimum[onnxruntime-gpu]",
    "optimum[openvino]",
    "optimum[ipex]",
)
# The Hub client a project declares itself: where it downloads, queries or serves models (a migration re-points it).
HUB_PACKAGES = ("huggingface-hub",)
# Extras groups named after an engine or a hosted provider (`[project.optional-dependencies] vllm = ["openai"]`):
# the group's name is no site, but the generic OpenAI client it installs is that engine's client (SOV879).
ENGINE_GROUP = lazy(
    r"(?:vllm|sglang|tgi|text-generation-inference|llama[-_.]?cpp|llamacpp|llamafile|lmstudio|lm-studio|localai"
    r"|ollama|together|groq|fireworks|deepinfra|nim|nvidia|cerebras|sambanova|trtllm|tensorrt[-_]llm"
    r"|lmdeploy|xinference|vllm[-_]\w+)",
    re.IGNORECASE,
)
# A framework's extra that installs an engine's or vendor's client (`semantic-kernel[hugging_face]`,
# `llama-index[llama_cpp]`), spelled as extras are rather than as package names.
ENGINE_EXTRA = lazy(
    r"(?:hugging[-_]?face|hf|transformers|sentence[-_]transformers|llama[-_.]?cpp|llamacpp|vllm|sglang|ollama|tgi"
    r"|lmstudio|lm[-_]studio|gpt4all|ctransformers|mlx[-_]lm|together|groq|fireworks|replicate|watsonx|ibm"
    r"|nvidia[-_]ai[-_]endpoints|nim|cerebras|sambanova|deepinfra)",
    re.IGNORECASE,
)
ENGINE_DEPENDENCY_RULE = "SOV800"
# Engines' source repositories, as a script clones them to build or install the engine (convention 24).
ENGINE_REPOSITORIES = (
    r"vllm-project/vllm|ggerganov/llama\.cpp|ggml-org/llama\.cpp|ollama/ollama|sgl-project/sglang|InternLM/lmdeploy"
    r"|huggingface/text-generation-inference|NVIDIA/TensorRT-LLM|abetlen/llama-cpp-python|turboderp/exllamav2"
    r"|mlc-ai/mlc-llm|ml-explore/mlx-lm|vllm-project/vllm-[\w-]+|HabanaAI/vllm-fork"
    r"|triton-inference-server/(?:vllm_backend|tensorrtllm_backend)"
)
ENGINE_CLONE_RULE = "SOV859"
_ENGINE_CLONE = lazy(
    r"\bgit\s+clone\b[^\n#]*?(?P<api>(?:https?://|git@)github\.com[/:](?:"
    + ENGINE_REPOSITORIES
    + r")(?:\.git)?)"
    r"(?![\w.-])",
    re.IGNORECASE,
)
# What a script does with a source tree it builds or installs from: `pip install .`/`-e <dir>`/`-r <file>`, CMake,
# make, `setup.py install`, `go build`.
SOURCE_BUILD = lazy(
    r"\b(?:pip3?|uv\s+pip)\s+install\s+(?:--?[\w-]+\s+)*(?:\.|\$|/|-r\b|-e\b)|\bcmake\b|\bmake\b"
    r"|setup\.py\s+(?:install|build|develop)|\bgo\s+build\b|\bcp\s+-r\b",
)
CONFIG_FILES = ("yaml", "toml", "env", "json", "ini", "dockerfile", "shell", "modelfile")
_IMAGE = lazy(
    # `FROM x`, `image: x`, a Helm chart's `repository: x`, `docker run [options] x`; SkyPilot's
    # `image_id: docker:x`, Cerebrium's `docker_base_image_url = "x"`, truss's/Beam's `base_image`
    r"(?:^\s*FROM\s+|\b(?:[\w-]*_)?(?:image(?:_id|_url|_uri)?|repository)\s*[:=]\s*[\"']?(?:docker:)?|\b(?:docker|podman)\s+(?:run|pull|create)\b[^\n#]*?\s[\"']?)"
    r"(?P<api>[\w./-]*(?:ollama/ollama|vllm/vllm-openai|vllm/vllm-[\w-]+|ggerganov/llama\.cpp"
    r"|ggml-org/llama\.cpp|huggingface/text-generation-inference|llamastack/[\w-]+|localai/localai"
    r"|[\w.-]+/(?:vllm(?:-[\w-]+)?|sglang|lmdeploy|llama\.cpp|text-generation-inference|tabbyapi|aphrodite(?:-[\w-]+)?"
    r"|xinference|local-ai)(?=[:@\s\"']|$)|nvcr\.io/nim/[\w.-]+/[\w.-]+)[\w.:@-]*)",
    re.IGNORECASE,
)
# A compose or Kubernetes `image:` named by a variable named for the engine: `image: ${HARBOR_LLAMACPP_IMAGE}:server`
# (convention 23). Not a Dockerfile's `FROM ${X_IMAGE}`, whose `ARG X_IMAGE=<image>` names it, nor build args.
_IMAGE_VARIABLE = lazy(
    r"^\s*(?:-\s+)?image\s*:\s*[\"']?(?P<api>\$\{?[A-Z0-9_]*(?:OLLAMA|VLLM|LLAMACPP|LLAMA_CPP|TGI|SGLANG|LMDEPLOY"
    r"|TABBYAPI|APHRODITE|XINFERENCE|LOCALAI)[A-Z0-9_]*_IMAGE(?![A-Z0-9_])\}?(?::[\w.${}-]+)?)"
)
ENGINE_CLI = lazy(
    r"(?P<api>\bollama\s+(?:pull|run|create|serve)\b[^\n#]*|\bvllm[\"',\s]+serve\b(?!\.)[^\n#]*"
    # `python -m ...`, `$PYTHON -m ...`, Make's `$(PYTHON) -m ...`
    r"|(?:\bpython3?(?:\.\d+)?|\$\{?\w*PYTHON\w*\}?|\$\(\w*PY\w*\))(?:[\"',\s]+-[A-Za-z]+)*[\"',\s]+-m[\"',\s]+"
    r"(?:llama_cpp\.server|vllm\.entrypoints\.[\w.]+|sglang\.launch_server|sglang_router\.launch_server|llama_stack\.[\w.]+"
    r"|lmdeploy|mlc_llm|mlx_lm\.(?:server|generate|chat)|aphrodite\.endpoints\.[\w.]+|fastchat\.serve\.[\w.]+)[^\n#]*"
    r"|\bllama-(?:server|cli|quantize|bench|simple|embedding|speculative|perplexity|run|gguf-split|imatrix|mtmd-cli"
    r"|llava-cli|batched)\b[^\n#]*|\btext-generation-launcher\b[^\n#]*|\baphrodite[\"',\s]+run\b[^\n#]*"
    # llama.cpp's programs before their `llama-` names: `./main -m model.gguf`, `./build/bin/server -m ...`
    r"|\./(?:[\w.-]+/)*(?:main|server)\b(?=[^\n#]*\s-m\s)[^\n#]*|\bxinference[\"',\s]+launch\b[^\n#]*"
    r"|https?://ollama\.(?:com|ai)/install\.sh\b[^\n#]*"  # Ollama's installer
    # the service its installer sets up: `systemctl stop ollama.service`, `service ollama restart`
    r"|\bsystemctl\s+(?:--\w+\s+)*(?:start|stop|restart|reload|enable|disable)\s+(?:--now\s+)?ollama(?:\.service)?\b[^\n#]*"
    r"|\bservice\s+ollama\s+(?:start|stop|restart)\b[^\n#]*"
    r"|\bconvert_hf_to_gguf\.py\b[^\n#]*|\bllama_cpp\.server\.app:create_app\b[^\n#]*|\blmdeploy[\"',\s]+serve\b[^\n#]*"
    r"|\btrtllm-(?:serve|build)\b[^\n#]*|\bmlc_llm[\"',\s]+serve\b[^\n#]*|\bllama[\"',\s]+stack[\"',\s]+(?:run|build)\b[^\n#]*)"
)
# A command whose program is an engine's server, as code that starts one spells it (`["ollama", "server", ...]`):
# only where the text is certainly a command (the argv of `subprocess`), not in messages ("vllm server started").
ENGINE_ARGV = lazy(r"^\s*(?P<api>(?:vllm|ollama)\s+server?\b.*)")
# `docker run ... <engine image> ...`: the command that starts an engine's container.
ENGINE_CONTAINER = lazy(
    r"(?P<api>\b(?:docker|podman)[\"',\s]+run\b[^\n#]*?[\s\"',]"
    r"[\w./-]*(?:ollama/ollama|vllm/vllm-openai|huggingface/text-generation-inference|ggml-org/llama\.cpp"
    r"|ggerganov/llama\.cpp|lmsysorg/sglang|openmmlab/lmdeploy|nvcr\.io/nim/)[^\n#]*)",
    re.IGNORECASE,
)
ENGINE_CONTAINER_TRIGGERS = (
    "ollama/ollama",
    "vllm-openai",
    "text-generation-inference",
    "llama.cpp",
    "lmsysorg/sglang",
    "openmmlab/lmdeploy",
    "nvcr.io/nim",
)
ENGINE_CLI_TRIGGERS = (
    "ollama",
    "vllm",
    "llama",
    "text-generation-launcher",
    "gguf",
    "sglang",
    "lmdeploy",
    "trtllm",
    "mlc_llm",
    "mlx_lm",
    "aphrodite",
    "fastchat",
    "xinference",
)
# Old llama.cpp programs (`./main -m`) only in text files: in Python sources "/main" and "/server" are too common
# for the byte prefilter (each extra candidate module is a full parse).
_TEXT_CLI_TRIGGERS = (*ENGINE_CLI_TRIGGERS, "/main", "/server")
# A GitHub Action that installs an engine in CI: `uses: ai-action/setup-ollama@v1`.
_ENGINE_ACTION = lazy(
    r"\buses:\s*[\"']?(?P<api>[\w.-]+/[\w.-]*(?:ollama|vllm|llama[.-]?cpp)[\w.-]*(?:/[\w./-]+)?@[\w.-]+)",
    re.IGNORECASE,
)
_MODEL_VALUE = lazy(
    r"(?P<api>(?:(?<![\w/.-])|(?<=models/)|(?<=hf://)|(?<=hf\.co/)|(?<=huggingface\.co/))(?:meta-llama|meta|codellama|TheBloke|bartowski|unsloth|NousResearch|lmstudio-community|hugging-quants)/[\w.\-]*llama[\w.\-]*"
    r"|(?:(?:us|eu|apac)\.)?meta\.llama[\w\-]*-v\d+(?::\d+)?"
    r"|(?<![\w/.-])[\w./\-]*llama[\w.\-]*\.gguf"
    r"|(?<![\w-])(?:code|tiny)?llama\d(?:\.\d+)?(?:-[a-z]+)?:[\w.\-]+"
    r"|accounts/[\w\-]+/models/llama[\w\-]*)",
    re.IGNORECASE,
)
# vLLM's own tuning variables (`VLLM_WORKER_MULTIPROC_METHOD`, `VLLM_USE_V1`) are not: only its address, model and
# build switches. A provider's API-key variable (`GROQ_API_KEY`) is a secret, not a setting of the deployment: the
# client that reads it is the site. Build switches also count as CMake definitions (`CMAKE_ARGS="-DGGML_CUDA=on"`).
_ENGINE_ENV = lazy(
    r"(?P<api>(?:\b|(?<=-D))(?:OLLAMA_HOST|OLLAMA_BASE_URL|OLLAMA_MODELS|LLAMA_API_CLIENT_BASE_URL"
    r"|VLLM_(?:TARGET_DEVICE|USE_PRECOMPILED|(?:[A-Z]+_)*(?:URL|HOST|BASE_URL|API_BASE|ENDPOINTS?|SERVER|ADDRESS"
    r"|MODEL(?:_NAME|_ID|_PATH)?))"
    r"|LLAMA_STACK_(?![A-Z_]*(?:API_KEY|TOKEN)\b)[A-Z_]+|TGI_[A-Z_]+"
    r"|GGML_[A-Z0-9_]+|LLAMA_(?:CUBLAS|CUDA|METAL|BLAS|HIPBLAS|CLBLAST|VULKAN)"
    # an engine's address under a project's own prefix: `${HARBOR_OLLAMA_INTERNAL_URL}/v1`, `APP_VLLM_ENDPOINT`
    r"|(?:[A-Z][A-Z0-9]*_)+(?:OLLAMA|VLLM|LLAMACPP|LLAMA_CPP|SGLANG)_(?:[A-Z0-9]+_)*"
    r"(?:URL|HOST|BASE_URL|API_BASE|ENDPOINTS?|SERVER|ADDRESS))\b"
    r"|https?://[\w.-]+:11434\b[^\s\"']*)"
)
# Where a configuration names a model by key or flag (any family): `model: ...`, `model_id: ...`,
# `MODEL="..."`, `"repo_id": "..."`, `--model ...`, `--served-model-name ...`, and weight files.
# The value must look like a model id (a digit, `/`, `:`, `-` or `.`), not a plain word (`model: openai`).
# A folder that holds models (`/nvme/models`, `~/.cache/huggingface/hub`, `/data/`) names none of them.
# Placeholders (`/path/to/model_dir`) neither.
_MODEL_FOLDER = (
    r"(?!/?path/to/|(?:[\w.~-]*/)*(?:[\w-]*[_-])?(?:models?|weights|checkpoints?|ckpts?|hub|cache|data|outputs?)"
    r"/?(?![\w.:/@+~-]))"
)
# Bare family names are model ids where a model is expected (`model: mistral`, `OLLAMA_MODEL=gemma`), alone
# and with a version (`llama3`, `gemma2`). Other values need a digit, `/`, `:`, `.` or `-`; after a flag, a digit is
# not enough: `--model qwen2_5_vl` names an evaluation harness's model class.
_FAMILY_WORD = (
    r"(?:(?:code|tiny)?llama|mistral|mixtral|gemma|qwen|phi|falcon|vicuna|zephyr|openchat|llava|starcoder|wizardlm"
    r"|deepseek|granite|gpt2)(?:\d+(?:\.\d+)?)?(?![\w.:/@+~-])"
)
_ID = r"[A-Za-z0-9_.~/][\w.:/@+~-]*[\w/]"
# What an earlier training step wrote (LLaMA-Factory's `saves/qwen3-4b/lora/sft`, `outputs/...`) is the project's
# own artefact, not a model it depends on.
OWN_OUTPUT = r"(?!(?:\./)?(?:saves?|outputs?|runs|exps?|experiments|results)/)"
# A dotted Python or Django name (`"model": "auth.group"` in a Django fixture, `AUTH_USER_MODEL = "auth.User"`) is a
# model class's label, not a model id; a weights file (`model.gguf`) is still a model.
_DOTTED_NAME = r"(?![A-Za-z_][A-Za-z0-9_]*\.(?!(?:gguf|ggml|bin|safetensors|pt|pth|onnx)\b)[A-Za-z_][A-Za-z0-9_]*(?![\w.:/@+~-]))"
_MODEL_ID_VALUE = (
    OWN_OUTPUT + _DOTTED_NAME + _MODEL_FOLDER + r"(?:(?=[\w.~/]*[\d/:.-])" + _ID + "|" + _FAMILY_WORD + ")"
)
_FLAG_ID_VALUE = OWN_OUTPUT + _MODEL_FOLDER + r"(?:(?=[\w.~]*[/:.-])" + _ID + "|" + _FAMILY_WORD + ")"
_MODEL_KEY = (
    r"(?<![\w.$-])[\"']?(?:[A-Za-z_][\w-]*\.)*(?:model|model_id|model_name|model_path|model_name_or_path"
    r"|MODEL|MODEL_ID|MODEL_NAME|MODEL_PATH|(?:[a-z][a-z0-9]*_)+model(?:_id|_name|_path|_name_or_path)?"
    r"|[A-Z][A-Z0-9_]*_MODEL(?:_ID|_NAME|_PATH)?|[A-Z][A-Z0-9_]*_GGUF_REPO|repo_id|served_model_name"
    # Helm values and JSON configs in camelCase (`modelURL:`, vLLM production-stack; `modelName:`, `baseModel:`),
    # Ray Serve LLM's `model_source:` (its `model_id:` is the name clients ask for, an id when it names one)
    r"|model(?:Id|ID|Name|Path|URL|Url|Uri|URI|Source)|[a-z][a-z0-9]*Model(?:Id|ID|Name|Path)?|model_source"
    r"|(?:[a-z][a-z0-9]*_)*judge"  # `judge: ...`, `phased_mt_bench_judge: ...` (a judge model)
    r"|(?:[a-z][a-z0-9]*_)*from_hf)[\"']?"  # levanter's `initialize_from_hf: "mosaicml/mpt-7b@<rev>"` (not `true`)
    # `model: x`, `MODEL=x`, Make's `MODEL ?= x` / `MODEL := x`, a YAML anchor or tag before the value
    r"\s*(?:[:?+]?=|:)\s*(?:&[\w-]+\s+)?(?:!!\w+\s+)?[\"']?(?:\$\{(?!oc\.)[\w.]+:-?)?"
)
# Container images built in Python by serverless GPU platforms' SDKs, whose methods and arguments list packages,
# shell commands and base images: Modal 1.6.4 (`modal/_image.py`: `Image.pip_install`, `uv_pip_install`,
# `run_commands`, `dockerfile_commands`, `from_registry`), Beam (beam-client 0.2.233 runs beta9 0.1.291,
# `beta9/abstractions/image.py`: `Image(python_packages=[...], commands=[...], base_image=...)`,
# `add_python_packages`, `add_commands`, `run_commands`, `from_registry`). Each string inside is a requirement, a
# shell command or an image name.
IMAGE_BUILDER_PACKAGES = ("pip_install", "uv_pip_install", "add_python_packages", "python_packages")
IMAGE_BUILDER_COMMANDS = ("run_commands", "dockerfile_commands", "add_commands", "commands")
IMAGE_BUILDER_BASES = ("from_registry", "base_image")
# A router's alias for a deployment (LiteLLM proxy's `model_list:` / `- model_name: gpt-4o` beside
# `litellm_params:` / `model: ollama/llama3`; litellm docs proxy/configs): the name clients ask for, not a model id.
# The model the alias routes to (`litellm_params.model`) is SOV854's.
ROUTER_ALIAS_KEY = re.compile(r"^(?P<item>\s*-\s+|\s*)model_name\s*:")
ROUTER_PARAMS_KEY = re.compile(r"^\s*(?:-\s+)?litellm_params\s*:")
# Keys of a YAML/JSON mapping that name things, not models (conventions 16 and 26 of docs/evaluation.md): a display
# name is never a model id; `name:`/`model_name:` are names when their mapping, or for `model_name:` the document,
# has a model-id key with an id (fmbench's `model_id:` beside `model_name:`, an experiment's `- name:`).
DISPLAY_NAME_KEYS = frozenset({"pretty_name", "display_name", "displayname", "title", "label", "alias"})
NAME_KEYS = frozenset({"name", "model_name", "modelname"})
MODEL_ID_KEYS = frozenset(
    {
        "model",
        "model_id",
        "modelid",
        "repo_id",
        "model_path",
        "model_name_or_path",
        "pretrained_model_name_or_path",
    }
)
DOCUMENT_ID_KEYS = frozenset({"model_id", "modelid"})
# A sibling that holds the model's settings makes `model_name:` an alias (a LiteLLM router's model list, in JSON too).
ALIAS_SIBLING_KEYS = frozenset({"litellm_params"})
# Web pages about a model (leaderboard and model-card metadata: `link: https://huggingface.co/<id>`), not downloads.
LINK_KEYS = frozenset(
    {"link", "links", "homepage", "home_page", "website", "model_card", "card", "paper", "page"}
)
# Open model families by name (the catalog's family words), and a release of one named with its size or variant:
# `Llama-2-7b-hf`, `Meta-Llama-3.1-8B-Instruct`, `Qwen2-0.5B-Instruct`, `gemma-2b`, `Phi-3-mini-4k-instruct`.
LLAMA_FAMILY = r"(?:code_?|tiny_?|open_?)?llama"
OPEN_FAMILIES = (
    r"mistral|mixtral|ministral|codestral|gemma|codegemma|qwen|qwq|phi|deepseek|falcon|granite|olmo|starcoder"
    r"|smollm|internlm|baichuan|chatglm|glm|gpt_?oss|gpt-oss|exaone|nemotron|jamba|llava|vicuna|zephyr|yi"
    r"|stablelm|pythia|bloomz?|mpt|gpt2|gpt-?neox|gpt-?j|cerebras-gpt|dolly|redpajama|openchat|orca"
)


def model_release(names: str) -> str:
    """A name (no `/`) of a released model of one of the ``names`` families, with its size or variant."""
    return (
        r"[\w.-]*?(?<![A-Za-z])(?i:"
        + names
        + r")(?![a-z])(?:[\w.-]*?(?<![A-Za-z0-9.])\d+(?:\.\d+)?[BbMm](?![A-Za-z])"  # a size: `-7b`, `-0.5B`
        + r"|[-_.]?v?\d[\w.-]*?[-_](?i:instruct|chat|it|hf|base|mini|small|medium|vision|coder))[\w.-]*"  # `Phi-3-mini`
    )


# `model_type: qwen2-7b-instruct` (evalscope, swift): a model by its release name; an architecture class
# (`model_type: LlamaForCausalLM`) or a format in capitals (`model_type: LLAMA3_VISION`) is not.
_TYPED_MODEL = (
    r"(?<![\w.-])[\"']?model_type[\"']?\s*[:=]\s*[\"']?(?P<typed>(?=[\w.-]*\d)(?=[\w.-]*[a-z])"
    + model_release(LLAMA_FAMILY + "|" + OPEN_FAMILIES)
    + r")[\"']?\s*,?\s*$"
)
# A flag and its value: `--model X`, `--model=X`, and in JSON/YAML lists `"--model", "X"` or `[--model, X]`.
_FLAG_VALUE = r"(?:[\"']?\s*,\s*|[= ]+)[\"']?"
_MODEL_FLAG = (
    # `--model`, `--model-path`, `--model_name_or_path`, `--base-model`, `--speculative-model`, `--draft_model`...
    r"(?:--(?:[a-z]+[-_])*model(?:[-_](?:path|id|name|name[-_]or[-_]path|repo))?"
    r"|--(?:served[-_]model[-_]name|model[-_]draft|hf[-_]repo|hf[-_]file|hf[-_]repo[-_]draft|repo[-_]id|lora[-_]modules)"
    # llama.cpp's short flags: `-hf owner/repo-GGUF`, `-hfr`, `-hff`, `-md draft.gguf`
    r"|(?<![\w-])-(?:hf|hfr|hff|hfd|md))"
    + _FLAG_VALUE
    + r"(?:[\w.-]+=)?"  # `--lora-modules name=owner/adapter`
)
# `-m X` after a llama.cpp program (`llama-cli -m X`, `./main -m X`, `./server -m X`), not `python -m module`.
_SHORT_MODEL_FLAG = r"(?:\bllama-[\w-]+|/(?:main|server))\b[^\n#;|&]*?\s-m" + _FLAG_VALUE
# The model an engine command takes as its argument: `vllm serve X`, `ollama pull X`, `huggingface-cli download X`.
_COMMAND_MODEL = (
    r"(?:\bvllm[\"',\s]+serve|\blmdeploy[\"',\s]+(?:serve[\"',\s]+(?:api_server|gradio)|chat)"
    r"|\bmlc_llm[\"',\s]+(?:serve|chat)|\btrtllm-serve|\baphrodite[\"',\s]+run"
    r"|\b(?:huggingface-cli|hf)[\"',\s]+download)[\"',\s]+"
)
_OLLAMA_MODEL = r"\bollama[\"',\s]+(?:pull|run)[\"',\s]+(?P<ollama>[A-Za-z0-9][\w.:/-]*[\w])"
# A model on the Hub by URL: `hf://owner/repo` (KServe, vLLM), `hf.co/owner/repo` (Ollama),
# `https://huggingface.co/owner/repo` (git clone), Replicate's `r8.im/owner/model` (Cog's `image:`, `cog push`);
# not the Hub's own pages (`/docs/`, `/datasets/`...).
_HUB_MODEL = (
    r"(?:\bhf://|(?<![\w.-])(?:hf\.co|r8\.im)/|(?<![\w-])huggingface\.co/)(?!(?:docs|spaces|datasets|blog|join|settings|api|learn"
    r"|papers|models|tasks|organizations|collections|pricing|login|new)\b)(?P<hub>[\w.-]+/[\w.-]*[\w])"
)

# A Hub checkpoint's generic file name (`pytorch_model.bin`, a shard `model-00001-of-00004.safetensors`) names no
# model: its folder does.
_SHARD = (
    r"(?!(?:[\w.~-]*/)*(?:(?:pytorch|tf|flax)_model(?:-\d+-of-\d+)?|model-\d+-of-\d+)\.(?:bin|safetensors)\b)"
)
_WEIGHTS = (
    r"(?<![\w/.~-])"
    + _SHARD
    + r"(?P<weights>[\w./~-]*(?:\.gguf|\.ggml|ggml[\w.-]*\.bin|model[\w.-]*\.bin))\b"
)
# A tokenizer named by its Hub repository (`tokenizer: "EleutherAI/gpt-neox-20b"`, `tokenizer_name: owner/name`): the
# tokenizer is the model's (convention 7). Only `owner/name`: a local folder (`./tok`, `data/tokenizer`) is not one.
_TOKENIZER_REPO = (
    r"(?<![\w.$-])[\"']?(?:[a-z][a-z0-9]*_)*tokenizer(?:_name|_id|_name_or_path|_repo)?[\"']?\s*[:=]\s*[\"']?"
    r"(?P<tokenizer>(?!(?:data|models?|checkpoints?|outputs?|tokenizers?|tmp|path|configs?|assets|resources|local"
    r"|cache|artifacts|weights|src|scripts)/)[A-Za-z0-9][\w.-]*/[\w.-]*[A-Za-z0-9])(?:@[\w.-]+)?[\"']?\s*,?\s*$"
)
_TOKENIZER_SETTING = lazy(_TOKENIZER_REPO)
_MODEL_SETTING = lazy(
    _MODEL_KEY
    + "(?P<api>"
    + _MODEL_ID_VALUE
    + ")|"
    + _MODEL_FLAG
    + "(?P<flag>"
    + _FLAG_ID_VALUE
    + ")|"
    + _WEIGHTS
    + "|"
    + _SHORT_MODEL_FLAG
    + "(?P<short>"
    + _MODEL_ID_VALUE
    + ")|"
    + _COMMAND_MODEL
    + "(?P<command>"
    + _MODEL_ID_VALUE
    + ")|"
    + _OLLAMA_MODEL
    + "|"
    + _HUB_MODEL
    + "|"
    + _TYPED_MODEL
)
# Llama Stack provider types: `provider_type: remote::together`, `- remote::ollama`.
_STACK_PROVIDER = lazy(
    r"(?P<api>\b(?:remote::(?:together|ollama|vllm|groq|fireworks|tgi|hf::[\w-]+|bedrock|cerebras|nvidia|sambanova|runpod"
    r"|databricks|watsonx|llama-openai-compat|passthrough|sglang)|inline::(?:llama-guard|prompt-guard|vllm))(?![\w-]))"
)
# Inference server addresses: hosted Llama providers, and OpenAI-compatible local servers.
_SERVER_URL = lazy(
    r"(?P<api>https?://(?:"
    + "|".join(re.escape(host) for host in HOSTED_PROVIDER_HOSTS)
    + r"|openrouter\.ai)\b[^\s\"'}]*"
    r"|https?://[\w.-]+(?::(?:8321|30000|23333)\b|:\d+/v1\b)[^\s\"'}]*)"
)

# The same addresses in a web source's string literals (a settings page's default, a `fetch` URL).
_SERVER_URL_TRIGGERS = (
    "together.xyz",
    "together.ai",
    "groq.com",
    "fireworks.ai",
    "deepinfra.com",
    "openrouter.ai",
    "llama.com",
    "huggingface.co",
    "cerebras.ai",
    "sambanova.ai",
    "nvidia.com",
    "replicate.com",
    ":8321",
    ":30000",
    ":23333",
    "/v1",
    *HOSTED_URL_TRIGGERS,
)
_WEB_SERVER_URL = lazy(_SERVER_URL.pattern.replace("'}]", "'`}]"))
_WEB_OLLAMA_URL = lazy(r"(?<![\w.-])(?P<api>(?:https?://)?[\w.-]+:11434\b[^\s\"'`]*)")

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
            what="Checks `requirements*.txt`, `*.in`, `pyproject.toml` (PEP 621 and Poetry), `setup.cfg`, `setup.py` "
            "(`install_requires`, `extras_require` and the lists they are built from), `Pipfile` and conda "
            "`environment.yml` files for engine, vendor-SDK, hosted open-weight cloud and sentence-transformers "
            "packages, and for framework requirements whose extras install one (`semantic-kernel[ollama]`, "
            '`optimum[onnxruntime]`). In Python, a run-time installer call (`pm.install("ollama")`, '
            '`_check_pkg("langchain_groq")`) and a declared list of needed packages (`extra_dependency_names = '
            '["ollama"]`) count too (convention 12).',
            why="The dependency is what a deployment ships and what CI installs; after the migration only "
            "the adapter's extra for the chosen engine should remain.",
            example="llama-cpp-python==0.2.90",
            use_instead="sovmigrate[llamacpp]  # or [transformers], [openai], [ollama]",
        ),
    ),
    Rule(
        code="SOV878",
        name="hub-dependency",
        kind=Kind.DEPENDENCY,
        vendor="huggingface-hub",
        message="dependency `{api}`: the project downloads or serves models from the Hugging Face Hub",
        matchers=(Dependency(HUB_PACKAGES, declared_only=True),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks dependency manifests (requirements files, `pyproject.toml` dependencies and extras, "
            "`setup.py`/`setup.cfg`, Pipfile, conda) for the `huggingface-hub` client the project declares itself. "
            "A Hub pulled in only by transformers is not declared, so not reported, nor is its transitive pin in a "
            "lock file (pip-compile's `# via tokenizers, transformers`).",
            why="The Hub is where the project's weights come from; a sovereign deployment mirrors or re-points "
            "those downloads to the target model.",
            example='dependencies = ["huggingface-hub>=0.30"]',
            use_instead="A model store the deployment controls (a mirror, or local files the adapter reads).",
        ),
    ),
    Rule(
        code="SOV879",
        name="engine-client-extra",
        kind=Kind.DEPENDENCY,
        vendor="openai-compatible",
        message="dependency `{api}` is the client of the engine its extras group is named after",
        matchers=(Dependency(("openai",), groups=ENGINE_GROUP),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks extras groups named after an engine or provider (`[project.optional-dependencies] "
            'vllm = ["openai"]`, `extras_require={"sglang": ["openai"]}`) for the generic OpenAI client they '
            "install to talk to that engine. The group's name is not reported; engine packages in any group are "
            "SOV800.",
            why="The extra exists to reach one engine; after the migration the adapter's extra for the target "
            "engine replaces it.",
            example='[project.optional-dependencies]\nvllm = ["openai>=1.0"]',
            use_instead="sovmigrate[openai]",
        ),
    ),
    Rule(
        code="SOV850",
        name="engine-container-image",
        kind=Kind.CONFIG,
        vendor="any",
        message="container image `{api}` runs one inference engine",
        matchers=(
            Line(
                _IMAGE,
                ("dockerfile", "yaml", "toml"),
                triggers=(
                    "ollama",
                    "vllm",
                    "llama",
                    "text-generation-inference",
                    "localai",
                    "sglang",
                    "lmdeploy",
                    "tabbyapi",
                    "aphrodite",
                    "xinference",
                    "local-ai",
                    "nvcr.io/nim",
                ),
            ),
            Line(_IMAGE_VARIABLE, ("yaml",), triggers=("_image",)),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles, compose/Kubernetes YAML, Helm values (`repository: ...`), serving platforms' "
            "image settings (SkyPilot's `image_id: docker:...`, Cerebrium's `docker_base_image_url = ...` in TOML, "
            "`base_image:`) and `docker run` commands for engine images (`ollama/ollama`, `vllm/vllm-openai`, `ghcr.io/ggml-org/llama.cpp`, TGI, "
            "SGLang, LMDeploy, Aphrodite, TabbyAPI, Xinference, LocalAI), and images named by a variable named for the "
            "engine (`image: ${HARBOR_LLAMACPP_IMAGE}:server`).",
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
        matchers=(
            Line(
                ENGINE_CLI,
                ("dockerfile", "shell", "yaml", "toml", "json", "ini"),
                triggers=_TEXT_CLI_TRIGGERS,
            ),
            Line(_ENGINE_ACTION, ("yaml",), triggers=("ollama", "vllm", "llama")),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Dockerfiles, shell scripts (Makefiles and Windows launchers too), CI and compose files and "
            "systemd/supervisor units for `ollama pull/run`, `vllm serve`, `python -m llama_cpp.server` (and the "
            "other engines' `python -m` servers: SGLang, LMDeploy, MLC, mlx-lm, Aphrodite, FastChat), `llama-server` "
            "and the other llama.cpp programs (`./main -m ...` of old builds), `llama-quantize`, "
            "`convert_hf_to_gguf.py`, `lmdeploy serve`, `trtllm-serve`, `xinference launch`, Ollama's install script and "
            "GitHub Actions that set up an engine (`uses: ai-action/setup-ollama@v1`).",
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
        matchers=(
            Line(
                _ENGINE_ENV,
                CONFIG_FILES,
                triggers=(
                    "ollama",
                    "vllm_",
                    "llama",
                    "tgi_",
                    "11434",
                ),
            ),
            Line(_WEB_OLLAMA_URL, ("web",), triggers=("11434",)),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration and environment files for engine and provider variables "
            "(`OLLAMA_HOST`, vLLM's address and model variables, Llama Stack's and TGI's variables, "
            "an engine's address under a project's prefix such as `${HARBOR_OLLAMA_INTERNAL_URL}/v1`), "
            'llama.cpp build switches (`GGML_CUDA=1`, `CMAKE_ARGS="-DGGML_CUDA=on"`) and Ollama URLs (in web sources\' '
            "string literals too: `'http://localhost:11434'`). vLLM's "
            "tuning variables (`VLLM_USE_V1`, `VLLM_WORKER_MULTIPROC_METHOD`) and providers' API keys (`GROQ_API_KEY`: "
            "a secret, read by a client that is itself a site) are not reported.",
            why="Secrets and addresses of the old provider must be replaced, and removed when no code reads them.",
            example="OLLAMA_HOST=http://ollama:11434",
            use_instead='SOVMIGRATE_MODEL="openai:my-model"',
        ),
    ),
    Rule(
        code="SOV854",
        name="config-model-setting",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names model `{api}`",
        matchers=(
            Line(
                _MODEL_SETTING,
                CONFIG_FILES,
                triggers=(
                    "model",
                    "from_hf",
                    "repo_id",
                    "repo-id",
                    "hf-repo",
                    "hf-file",
                    "gguf",
                    "ggml",
                    "-hf",
                    "-md",
                    "llama-",
                    "/main",
                    "/server",
                    "vllm",
                    "lmdeploy",
                    "mlc_llm",
                    "trtllm-serve",
                    "aphrodite",
                    "huggingface-cli",
                    r"re:\bhf[\"',\s]+download",
                    "ollama",
                    "hf://",
                    "hf.co/",
                    "huggingface.co/",
                    "r8.im/",
                ),
            ),
            # after the family rules: a Llama tokenizer repository is SOV852's
            Line(_TOKENIZER_SETTING, CONFIG_FILES, triggers=("tokenizer",), last=True),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files, `.env` files, Dockerfiles, Makefiles and shell scripts for a model of "
            'any family named by key or flag (`model: ...`, `model_id: ...`, `MODEL=...`, `MODEL ?= ...`, `"repo_id": '
            '...`, `--model ...`, `"--model", "..."` in JSON/YAML lists, `--served-model-name ...`, draft and '
            "speculative models, `--lora-modules name=...`, llama.cpp's `-m`, `-hf`, `-md`), by the argument of an "
            "engine command (`vllm serve X`, `ollama pull X`, `lmdeploy serve api_server X`, `huggingface-cli "
            "download X`), by a Hub URL (`hf://owner/repo`, `hf.co/owner/repo`, `https://huggingface.co/owner/repo`), "
            "and for GGUF/GGML weight files, a checkpoint to initialise from (`initialize_from_hf: owner/name@rev`) "
            "and a tokenizer named by its Hub repository (`tokenizer: owner/name`; not a local folder). A flag, a "
            "Kubernetes `- name: MODEL_ID` or a Render `- key: LLM_MODEL` whose value is on the next line (`- --model` "
            "/ `- Qwen/...`, `value: ...`) counts too, and so does a JSON template variable's default "
            '(`"LLM_MODEL": {"default": ...}`). Folders of models '
            "(`/srv/models`, `~/.cache/huggingface/hub`), placeholders (`/path/to/model`) and what an earlier training "
            "step wrote (`saves/...`, `outputs/...`) are not models; closed models (`model: gpt-4o`, a judge model) "
            "are: the migration re-checks every model a deployment names. "
            "Names are not models: a display name (`pretty_name:`), a `name:`/`model_name:` beside a `model_id:` "
            "that holds the id (a benchmark's experiment and report names), a link to a model's web page "
            "(`link: https://huggingface.co/...`), the lone top-level key titling an evaluation entry "
            "(`llama-2-7b-chat-hf:` over its settings) and a provider prefix before a variable (`openai/${MODEL}`). "
            "Llama ids are SOV852.",
            why="The migration re-pins every model the deployment names; the dependency receipts need each one.",
            example="vllm serve --model Qwen/Qwen2.5-7B-Instruct --served-model-name chat",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV855",
        name="llama-stack-provider",
        kind=Kind.CONFIG,
        vendor="llama-stack",
        message="Llama Stack provider `{api}` is configured",
        matchers=(Line(_STACK_PROVIDER, ("yaml", "toml", "json"), triggers=("remote::", "inline::")),),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Llama Stack run and build configurations for provider types (`remote::together`, "
            "`remote::ollama`, `inline::llama-guard`).",
            why="Each provider ties the stack to one inference service or safety model; the distribution is "
            "rebuilt around the target engine.",
            example="provider_type: remote::together",
            use_instead="The target engine's own deployment, addressed by the adapter's configuration.",
        ),
    ),
    Rule(
        code="SOV856",
        name="config-server-url",
        kind=Kind.CONFIG,
        vendor="any",
        message="configuration points at inference server `{api}`",
        matchers=(
            Line(_SERVER_URL, CONFIG_FILES, triggers=_SERVER_URL_TRIGGERS),
            Line(_WEB_SERVER_URL, ("web",), triggers=_SERVER_URL_TRIGGERS),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks configuration files for the API URL of a hosted Llama provider and for OpenAI-compatible "
            "server URLs (`http://vllm:8000/v1`, Llama Stack on 8321, SGLang on 30000, LMDeploy on 23333). "
            "Ollama URLs are SOV853. Web sources' string literals count too (`fetch(`http://vllm:8000/v1/...`)`).",
            why="The address of the engine changes with it; it belongs in the adapter's configuration.",
            example="url: https://api.together.xyz/v1",
            use_instead='SOVMIGRATE_MODEL="openai:my-model" and base_url in [tool.sovmigrate.adapter]',
        ),
    ),
    Rule(
        code=ENGINE_CLONE_RULE,
        name="engine-source-clone",
        kind=Kind.DEPENDENCY,
        vendor="any",
        message="`{api}`: the script builds or installs an inference engine from its source",
        matchers=(Line(_ENGINE_CLONE, ("shell", "dockerfile", "yaml"), triggers=("clone",)),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks scripts, Dockerfiles and CI YAML for `git clone` of an engine's repository (vLLM and its "
            "forks, llama.cpp, Ollama, SGLang, LMDeploy, TGI, TensorRT-LLM, llama-cpp-python, ExLlamaV2, MLC LLM, "
            "mlx-lm, Triton's vLLM and TensorRT-LLM backends) in a file that builds or installs from a source tree "
            "(`pip install .`, `-e`, `-r`, CMake, make, `setup.py install`, `cp -r`). A clone that is only read "
            "(examples, benchmarks) in a file that builds nothing is not reported.",
            why="A source build pins the engine as surely as a requirement does, and usually a patched one.",
            example="git clone https://github.com/vllm-project/vllm.git && cd vllm && pip install -e .",
            use_instead="The target engine's released package or image.",
        ),
    ),
)
