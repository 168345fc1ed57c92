"""SOV592: Python code that selects the inference engine or provider by name (convention 20).

A setting whose whole value names an engine (`backend: str = "vllm"`, `{"provider": "groq"}`,
`engine_type="sglang"`) or a registry that maps an engine's name to the project's class for it
(`{"vllm": VllmEmbedding}`) chooses the engine in code; a comparison (`if backend == "vllm":`) only tests which one
was chosen and is not reported. The names of such settings are ``vocabulary.ENGINE_SELECTOR_NAMES``.
"""

from __future__ import annotations

import re

from sovmigrate.rules.model import Kind, Level, Literal, Rule, RuleDocs, lazy

# Engines and the hosted open-weight providers as Python code spells them in a selector, in lower case (`"Groq"`
# is a display name), alone or under a prefix of the project's (`provider = "proxy/ollama"`). Not `huggingface`, `transformers` or `hf` (a tokenizer's or the Hub's backend as often as the
# engine), nor `torch`, `onnx` or `openai`: runtimes or protocols any model runs on.
ENGINE_NAMES = (
    "vllm",
    "vllm_openai",
    "vllm-openai",
    "sglang",
    "lmdeploy",
    "llama.cpp",
    "llama_cpp",
    "llama-cpp",
    "llamacpp",
    "llama_cpp_python",
    "llama-cpp-python",
    "ollama",
    "tgi",
    "text-generation-inference",
    "tensorrt_llm",
    "tensorrt-llm",
    "trtllm",
    "trt-llm",
    "exllamav2",
    "exllama",
    "ktransformers",
    "mlx",
    "mlx_lm",
    "mlx-lm",
    "mlc_llm",
    "mlc-llm",
    "gpt4all",
    "ctransformers",
    "llamafile",
    "localai",
    "lmstudio",
    "lm_studio",
    "lm-studio",
    "koboldcpp",
    "xinference",
    "sentence_transformers",
    "sentence-transformers",
    "groq",
    "together",
    "together_ai",
    "togetherai",
    "fireworks",
    "fireworks_ai",
    "replicate",
    "deepinfra",
    "cerebras",
    "sambanova",
    "watsonx",
    "nvidia_nim",
)
_ENGINE_VALUE = lazy(
    r"\A(?:remote[-_]|[a-z]+/)?(?:" + "|".join(re.escape(name) for name in ENGINE_NAMES) + r")\Z"
)
# The words of the names (a prefilter that already has most of them); the common words only quoted whole, so
# that a file saying "together" in prose is not a candidate.
_QUOTED = (
    r"re:[\"'](?:remote[-_]|[a-z]+/)?(?:tgi|trt-llm|mlx|mlx-lm|mlc-llm|lm[-_]studio|together(?:_?ai)?|replicate|deepinfra"
    r"|nvidia_nim)[\"']"
)
_TRIGGERS = (
    "vllm",
    "sglang",
    "lmdeploy",
    "llama",
    "text-generation-",
    "tensorrt",
    "trtllm",
    "transformers",
    "mlx_lm",
    "mlc_llm",
    "gpt4all",
    "localai",
    "lmstudio",
    "koboldcpp",
    "xinference",
    "sentence_transformers",
    "sentence-transformers",
    "groq",
    "fireworks",
    "cerebras",
    "sambanova",
    "watsonx",
    _QUOTED,
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV592",
        name="engine-selected-in-code",
        kind=Kind.CONFIG,
        vendor="any",
        message="code selects inference engine or provider `{api}` by name",
        matchers=(Literal(_ENGINE_VALUE, context="engine-selector", triggers=_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Python for a value that selects the engine or hosted provider that serves: a parameter "
            'default, field, variable, keyword or dict value named like a selector (`backend: str = "vllm"`, '
            '`{"provider": "groq"}`, `engine_type="sglang"`, `llm_backend = "ollama"`) whose whole value is an '
            "engine's or provider's name; and a registry that maps an engine's name (or a key starting with one: "
            '`"vllm-vlm"`, `"hf-auto"`) to the project\'s class, factory or lazy `"module:Class"` path '
            '(`{"vllm": VllmEmbedding}`, `REGISTRY["sglang"] = SGLangBackend`, `{"vllm": "lm_eval.models.vllm:VLLM"}`), '
            'or a registration decorator naming one (`@register_model("vllm")`, `@Backend.register(["vllm_python"])`, '
            "`@register_provider(LLMType.OLLAMA)`); and the default of a settings getter whose key names a selector "
            '(`get_setting("llm.provider", "ollama")`, `kwargs.get("DEFAULT_MODEL_TYPE", "ollama")`, '
            '`getattr(cfg, "backend", "vllm")`; a getter without a default, or with a key naming something else, is '
            'not one). A comparison (`if backend == "vllm":`) only tests the choice '
            "and is not reported; nor is a selector given to a vendor call that is already reported, a display name "
            '(`provider: str = "Groq"`), a constant or attribute tagging what a class is for (`PROVIDER = "ollama"`), '
            "or a tokenizer's registry.",
            why="The engine is chosen where this value is written: switching engine changes it, and every "
            "branch or class it selects comes with it.",
            example='def serve(model: str, backend: str = "vllm"): ...',
            use_instead='One engine-neutral setting read by the adapter: SOVMIGRATE_MODEL="vllm:Qwen/Qwen2.5-7B-Instruct"',
        ),
    ),
)

# A registry key that names an engine (convention 20): the whole key or its first word (`"vllm-vlm"`,
# `"sglang-generate"`, `"hf-auto"`, `"watsonx_llm"`, `LLMType.OLLAMA_GENERATE`), when the registry maps it to a class,
# a factory or a lazy `"module:Class"` path. Registries also name the runtimes a selector value may not (`hf`,
# `transformers`, `gguf`, `openvino`): the class they map to is that runtime's backend.
REGISTRY_KEY = lazy(
    r"\A(?:remote[-_])?(?:"
    + "|".join(re.escape(name) for name in ENGINE_NAMES)
    + r"|hf|huggingface|transformers|gguf|ggml|openvino|ipex|optimum)(?:[-_.][\w.-]*)?\Z",
    re.IGNORECASE,
)
# Calls that register a class under a name: `@register_model("vllm")`, `@Backend.register([...])`,
# `registry.register("sglang", SGLangBackend)`.
REGISTRATION_CALLS = lazy(r"\A(?:\w*_)?register(?:_\w+)?\Z")
