"""SOV441-449 and SOV461: Outlines and Guidance, structured generation over an engine the project picks
(transformers, llama.cpp, vLLM, Ollama, SGLang, TGI, mlx-lm).

Outlines wraps an engine object (`outlines.from_transformers(model, tokenizer)`, 0.x `outlines.models.transformers(
"repo/id")`) and constrains its output with a generator over an output type (`outlines.Generator(model, Schema)`,
0.x `outlines.generate.json(model, Schema)`) or with logits processors handed to the engine. The wrapped engine, the
output types and the processors all change when the engine does; the adapter's structured output (`response_format`)
covers JSON schemas on any OpenAI-compatible server, not regexes or grammars.
"""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Dependency, Imports, Keywords, Kind, Level, Rule, RuleDocs

_VENDOR = "outlines"
_WHY = (
    "Outlines drives one engine object through its own wrapper, and its constraints are compiled for that engine's "
    "tokenizer; changing the engine means changing the wrapper, the generator and the constraints."
)
_NO_FIX = "No automatic fix: the adapter has no counterpart for Outlines' generators and regex or grammar constraints."
# Model wrappers over an engine: 1.x `from_*` constructors and classes, 0.x lower-case constructors. Closed hosted
# APIs (`from_openai`, `from_anthropic`, `from_gemini`, `from_dottxt`, 0.x `openai`/`azure_openai`) are not engines.
_ENGINES = ("transformers", "llamacpp", "vllm", "vllm_offline", "ollama", "sglang", "tgi", "mlxlm")
_MODEL_CLASSES = (
    "Transformers",
    "TransformersMultiModal",
    "TransformersVision",
    "LlamaCpp",
    "VLLM",
    "AsyncVLLM",
    "VLLMOffline",
    "Ollama",
    "AsyncOllama",
    "SGLang",
    "AsyncSGLang",
    "TGI",
    "AsyncTGI",
    "MLXLM",
    "ExLlamaV2Model",
    "Mamba",
)
_MODELS = (
    *(f"outlines.from_{name}" for name in _ENGINES),
    *(f"outlines.models.from_{name}" for name in _ENGINES),
    *(f"outlines.models.*.from_{name}" for name in _ENGINES),
    *(f"outlines.models.{name}" for name in (*_ENGINES, "exl2", "mamba", "transformers_vision")),
    *(f"outlines.models.*.{name}" for name in (*_ENGINES, "exl2", "mamba", "transformers_vision")),
    *(f"outlines.models.{cls}" for cls in _MODEL_CLASSES),
    *(f"outlines.models.*.{cls}" for cls in _MODEL_CLASSES),
)
# Generators: 1.x `Generator(model, output_type)`, 0.x `outlines.generate.json/regex/cfg/choice/format/fsm/text`.
_GENERATE_FUNCTIONS = ("json", "regex", "cfg", "choice", "format", "fsm", "text")
_GENERATORS = (
    "outlines.Generator",
    "outlines.generator.*Generator",
    *(f"outlines.generate.{name}" for name in _GENERATE_FUNCTIONS),
    *(f"outlines.generate.{name}.{name}" for name in _GENERATE_FUNCTIONS),
)
# Output types and the logits processors that enforce them inside an engine's sampling loop.
_CONSTRAINTS = (
    "outlines.json_schema",
    "outlines.regex",
    "outlines.cfg",
    "outlines.types.json_schema",
    "outlines.types.regex",
    "outlines.types.cfg",
    "outlines.types.JsonSchema",
    "outlines.types.Regex",
    "outlines.types.CFG",
    "outlines.types.Choice",
    "outlines.types.dsl.*",
    "outlines.*processors.*LogitsProcessor",
    "outlines.integrations.*LogitsProcessor",
    "outlines.integrations.*PrefixAllowedTokens",
    "outlines.serve.vllm.*LogitsProcessor",
)
# Calling a model or a generator: `model(prompt, output_type)`, `generator(prompt)`, `.stream`, `.batch`.
_CALLED = (*_MODELS, "outlines.Generator", "outlines.generator.*Generator", "outlines.generate.*Generator*")
_INFERENCE = tuple(
    f"{api}#{method}"
    for api in _CALLED
    for method in ("__call__", "stream", "batch", "generate*", "__aiter__")
)

# Guidance (`from guidance import models, gen, select`): programs appended to an engine-bound model state
# (`lm = models.LlamaCpp(path); lm += "Q: " + gen("answer", stop="\\n")`). "guidance" is an English word: the
# prefilter looks for its imports.
_GUIDANCE_TRIGGERS = ("import guidance", "from guidance")
_GUIDANCE_MODELS = ("LlamaCpp", "LlamaCppChat", "Transformers", "TransformersChat", "SglangModel")
_GUIDANCE_WHY = (
    "A Guidance program runs against one engine-bound model object (llama.cpp or transformers in-process, or a "
    "server it drives token by token); its grammar functions compile against that engine's tokenizer."
)
_GUIDANCE_CONSTRAINTS = (
    "select",
    "json",
    "regex",
    "lark",
    "gbnf_to_lark",
    "substring",
    "one_or_more",
    "zero_or_more",
    "at_most_n_repeats",
    "exactly_n_repeats",
    "sequence",
    "optional",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV441",
        name="outlines-model",
        kind=Kind.CLIENT,
        vendor=_VENDOR,
        message="`{api}` wraps an engine in an Outlines model",
        matchers=(Calls(_MODELS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Outlines' model constructors over an engine: `outlines.from_transformers`, "
            "`from_llamacpp`, `from_vllm`, `from_vllm_offline`, `from_ollama`, `from_sglang`, `from_tgi`, "
            "`from_mlxlm`, their classes, and 0.x `outlines.models.transformers(...)`, `llamacpp`, `vllm`, `exl2`, "
            "`mlxlm`. The engine object inside is a site of its own rule.",
            why=_WHY,
            example='model = outlines.from_llamacpp(Llama("./mistral-7b-instruct-v0.2.Q5_K_M.gguf"))',
            use_instead='model = connect("llamacpp:./mistral-7b-instruct-v0.2.Q5_K_M.gguf")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV442",
        name="outlines-generator",
        kind=Kind.COMPLEX,
        vendor=_VENDOR,
        message="`{api}` builds an Outlines generator",
        matchers=(Calls(_GENERATORS),),
        effort_driver="complex",
        docs=RuleDocs(
            what="Checks for `outlines.Generator(model, output_type)` and 0.x `outlines.generate.json`, `regex`, "
            "`cfg`, `choice`, `format`, `fsm` and `text` (unconstrained, but an Outlines object all the same).",
            why=_WHY + " A generator compiles its constraint against the wrapped engine's vocabulary.",
            example="generator = outlines.Generator(model, Character)",
            use_instead="reply = model.chat(messages, response_format=Character.model_json_schema())",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV443",
        name="outlines-constraint",
        kind=Kind.COMPLEX,
        vendor=_VENDOR,
        message="`{api}` constrains generation with an Outlines output type or logits processor",
        matchers=(Calls(_CONSTRAINTS),),
        effort_driver="complex",
        docs=RuleDocs(
            what="Checks for Outlines' output types (`outlines.json_schema`, `regex`, `cfg`, `outlines.types.*`) "
            "and its logits processors (`JSONLogitsProcessor`, `RegexLogitsProcessor`, `CFGLogitsProcessor`, "
            "0.x `outlines.integrations.*`, `JSONPrefixAllowedTokens`).",
            why="A logits processor runs inside one engine's sampling loop with that engine's tokenizer; a regex "
            "or grammar constraint has no portable counterpart on OpenAI-compatible servers.",
            example="processor = JSONLogitsProcessor(schema=Person, tokenizer=tokenizer)",
            use_instead="reply = model.chat(messages, response_format=Person.model_json_schema())",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV444",
        name="outlines-generate",
        kind=Kind.INFERENCE,
        vendor=_VENDOR,
        message="`{api}` generates through Outlines",
        matchers=(Calls(_INFERENCE),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for calls of an Outlines model or generator: `model(prompt, output_type)`, "
            "`generator(prompt)`, `.stream(...)`, `.batch(...)`.",
            why="The call takes the engine's own sampling arguments (`max_tokens`, `seed`, `max_new_tokens`...) "
            "and returns parsed objects or raw engine output depending on the wrapper.",
            example="character = generator(prompt, max_tokens=512)",
            use_instead="reply = model.chat(messages, max_tokens=512)",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV445",
        name="outlines-tokenizer",
        kind=Kind.TOKENIZER,
        vendor=_VENDOR,
        message="`{api}` adapts an engine tokenizer for Outlines",
        matchers=(
            Calls(
                (
                    "outlines.*adapt_tokenizer",
                    "outlines.models.*TransformerTokenizer",
                    "outlines.models.*LlamaCppTokenizer",
                    "outlines.models.*ExLlamaV2Tokenizer",
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `adapt_tokenizer(...)` and Outlines' tokenizer wrappers (`TransformerTokenizer`, "
            "`LlamaCppTokenizer`).",
            why="The wrapper maps one engine's tokenizer onto Outlines' vocabulary index; it is rebuilt for every "
            "model and engine.",
            example="tokenizer = adapt_tokenizer(AutoTokenizer.from_pretrained(MODEL_ID))",
            use_instead="model = connect(...)  # the adapter tokenizes on the server",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV446",
        name="outlines-dependency",
        kind=Kind.DEPENDENCY,
        vendor=_VENDOR,
        message="dependency `{api}` ties the project to Outlines' engine wrappers",
        matchers=(Dependency(("outlines", "outlines-core")),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks requirement files, `pyproject.toml`, `setup.cfg` and the other manifests for `outlines` and "
            "its grammar engine `outlines-core` (convention 14).",
            why=_WHY,
            example="outlines==0.0.37",
            use_instead="sovmigrate[openai]  # JSON-schema output through response_format",
        ),
    ),
    Rule(
        code="SOV447",
        name="guidance-import",
        kind=Kind.IMPORT,
        vendor="guidance",
        message="`{api}` imports Guidance",
        matchers=(Imports(("guidance",), triggers=_GUIDANCE_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of Guidance (`import guidance`, `from guidance import models, gen, select`).",
            why=_GUIDANCE_WHY + " The import marks a file the migration rewrites.",
            example="from guidance import gen, models, select",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV448",
        name="guidance-model",
        kind=Kind.CLIENT,
        vendor="guidance",
        message="`{api}` loads an engine-bound Guidance model",
        matchers=(
            Calls(
                tuple(f"guidance.models.{name}" for name in _GUIDANCE_MODELS)
                + tuple(f"guidance.models.*.{name}" for name in _GUIDANCE_MODELS),
                triggers=_GUIDANCE_TRIGGERS,
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Guidance's engine-bound models: `models.LlamaCpp(path)`, `models.Transformers(repo)` "
            "(and their `...Chat` variants), the SGLang model.",
            why=_GUIDANCE_WHY,
            example='lm = models.LlamaCpp("models/llama-2-7b.Q4_K_M.gguf", n_gpu_layers=-1)',
            use_instead='model = connect("llamacpp:models/llama-2-7b.Q4_K_M.gguf")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV449",
        name="guidance-constraint",
        kind=Kind.COMPLEX,
        vendor="guidance",
        message="`{api}` constrains generation with a Guidance grammar",
        matchers=(
            Calls(
                tuple(f"guidance.{name}" for name in _GUIDANCE_CONSTRAINTS)
                + tuple(f"guidance.library.{name}" for name in _GUIDANCE_CONSTRAINTS),
                triggers=_GUIDANCE_TRIGGERS,
            ),
            Keywords(("regex", "stop_regex", "tools"), calls=("guidance.gen", "guidance.library.gen")),
        ),
        effort_driver="complex",
        docs=RuleDocs(
            what="Checks for Guidance's grammar functions (`select`, `json`, `regex`, `lark`, `substring`, repeats) "
            "and `gen(regex=...)`, `gen(stop_regex=...)`, `gen(tools=...)`.",
            why="Guidance enforces the grammar token by token inside the engine; OpenAI-compatible servers take JSON "
            "schemas at most.",
            example='lm += select(["yes", "no"], name="answer")',
            use_instead='reply = model.chat(messages, response_format={"type": "json_schema", ...})',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV461",
        name="guidance-generate",
        kind=Kind.INFERENCE,
        vendor="guidance",
        message="`{api}` generates text in a Guidance program",
        matchers=(Calls(("guidance.gen", "guidance.library.gen"), triggers=_GUIDANCE_TRIGGERS),),
        effort_driver="call_site",
        docs=RuleDocs(
            what='Checks for `gen(...)` in a Guidance program (`lm += prompt + gen("answer", max_tokens=64)`).',
            why="Generation happens when the program is appended to the engine-bound model state; results are read "
            'back by name (`lm["answer"]`).',
            example='lm += "Q: What is 2+2?\\nA: " + gen("answer", stop="\\n")',
            use_instead='answer = model.complete("Q: What is 2+2?\\nA: ", stop=["\\n"]).text',
            fix_safety=_NO_FIX,
        ),
    ),
)

# What Outlines' lower-case constructors return, so that calls on the result resolve (vocabulary.RETURN_TYPES).
_CLASS_OF = {
    "transformers": "Transformers",
    "llamacpp": "LlamaCpp",
    "vllm": "VLLM",
    "vllm_offline": "VLLMOffline",
    "ollama": "Ollama",
    "sglang": "SGLang",
    "tgi": "TGI",
    "mlxlm": "MLXLM",
}
_LEGACY_CLASS_OF = {
    **{name: _CLASS_OF[name] for name in ("transformers", "llamacpp", "vllm", "mlxlm")},
    "exl2": "ExLlamaV2Model",
    "mamba": "Mamba",
    "transformers_vision": "TransformersVision",
}
RETURN_TYPES: dict[str, str] = {
    **{
        f"{prefix}from_{name}": f"outlines.models.{cls}"
        for name, cls in _CLASS_OF.items()
        for prefix in ("outlines.", "outlines.models.", f"outlines.models.{name}.")
    },
    **{f"outlines.models.{name}": f"outlines.models.{cls}" for name, cls in _LEGACY_CLASS_OF.items()},
    **{f"outlines.models.{name}.{name}": f"outlines.models.{cls}" for name, cls in _LEGACY_CLASS_OF.items()},
    **{
        f"outlines.generate{module}.{name}": "outlines.generate.SequenceGeneratorAdapter"
        for name in _GENERATE_FUNCTIONS
        for module in ("", f".{name}")
    },
}

# Constructors that take the model id first (`outlines.models.transformers("repo/id")`, Guidance's models):
# vocabulary.MODEL_POSITIONS.
MODEL_POSITIONS: tuple[tuple[str, int], ...] = (
    *(
        (f"outlines.models.{name}", 0)
        for name in ("transformers", "llamacpp", "vllm", "mlxlm", "mamba", "transformers_vision")
    ),
    *((f"guidance.models.{name}", 0) for name in _GUIDANCE_MODELS),
)
