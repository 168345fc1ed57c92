"""SOV5xx: model identifiers, hard-coded chat templates and special-token ids in string and int literals."""

from __future__ import annotations

import re

from sovmigrate.rules.model import Fix, FixSafety, Kind, Level, Line, Literal, Rule, RuleDocs, TokenIds, lazy

_WHY_ID = (
    "A hard-coded model id pins the code to one model family and one host's naming scheme. The "
    "target model, its tokenizer and its licence all follow from this string, so it belongs in one "
    "configuration value; `sovmigrate receipts` reads these ids to say what each model lets you do."
)
_WHY_TEMPLATE = (
    "A chat template written by hand fixes the prompt format of one model family. Another family "
    "reads these markers as plain text (or as different special tokens), so answers degrade silently. "
    "Engines apply the model's own template when given `messages`."
)
_USE_MESSAGES = (
    'messages = [{"role": "system", "content": system}, {"role": "user", "content": question}]\n'
    "reply = model.chat(messages)"
)

_I = re.IGNORECASE
HF_LLAMA = lazy(
    r"^(?:meta-llama|codellama|huggyllama|facebook|[\w.\-]+)/[\w.\-]*(?<![a-z])(?:code|tiny)?llama(?!_index|_cpp|-cpp|-index)[\w.\-]*(?<!\.gguf)(?<!\.bin)$",
    _I,
)
OLLAMA_LLAMA_TAG = lazy(r"^(?:code|tiny)?llama(?:-guard)?\d*(?:\.\d+)?(?:-[a-z]+)?(?::[\w.\-]+)?$", _I)
OLLAMA_LLAMA_TAG_STRONG = lazy(r"^(?:code|tiny)?llama(?:-guard)?\d*(?:\.\d+)?(?:-[a-z]+)?:[\w.\-]+$", _I)
BEDROCK_LLAMA = lazy(
    r"^(?:arn:aws[\w-]*:bedrock:[^\s]*?/)?(?:(?:us|eu|apac|us-gov|global)\.)?meta\.llama[\w\-]*-v\d+(?::\d+)?$",
    _I,
)
# Every other vendor's Bedrock model id, in AWS's documented shape `vendor.model-vN[:M]` (optional inference-profile
# region prefix, ARN, and a context-window or modality suffix `:200k`, `:mm`), vendors from the Bedrock model table
# (docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html): `anthropic.claude-v2:1:200k`,
# `cohere.command-r-v1:0`, `mistral.mixtral-8x7b-instruct-v0:1`, `openai.gpt-oss-20b-1:0`.
BEDROCK_VENDORS = "ai21|amazon|anthropic|cohere|deepseek|google|minimax|mistral|moonshot|moonshotai|nvidia|openai|qwen|writer"
BEDROCK_MODEL = lazy(
    r"^(?:arn:aws[\w-]*:bedrock:[^\s]*?/)?(?:(?:us|eu|apac|us-gov|global|jp|au|ca)\.)?(?:"
    + BEDROCK_VENDORS
    + r")\.[a-z0-9][\w.-]*?(?:-v\d+(?::\d+)?|-\d+:\d+)(?::\d+k|:mm)?$",
    _I,
)
HOSTED_LLAMA = lazy(
    r"^(?:accounts/[\w\-]+/models/llama[\w\-]*"  # Fireworks
    r"|llama-?3(?:\.\d)?-\d+b-(?:instant|versatile|specdec|8192)|llama3-\d+b-8192"  # Groq
    r"|meta/(?:meta-)?llama[\w.\-]*(?::[0-9a-f]{64})?"  # Replicate, NVIDIA NIM
    r"|@cf/meta/llama[\w.\-]*"  # Cloudflare
    r"|(?:Meta-)?Llama-\d(?:\.\d)?-[\w\-]*Instruct[\w\-]*"  # Meta Llama API, SambaNova
    r"|llama3\.\d-\d+b|llama-3\.\d-\d+b)$",  # Cerebras
)
GGUF_LLAMA = lazy(r"(?:^|[/\\])[\w.\-]*llama[\w.\-]*\.(?:gguf|ggml[\w.\-]*\.bin|bin)$", _I)
OPEN_MODEL_ID = lazy(
    r"^(?:[\w.\-]+/)?(?:mistral|mixtral|codestral|ministral|gemma|codegemma|qwen|qwq|phi-?[234]|deepseek|falcon|olmo"
    r"|open_llama|openllama|gpt-oss|granite|smollm|command-r|yi-)[\w.:\-]*(?:\.gguf)?$",
    _I,
)
# In source, such an id starts a string literal or follows an organisation's slash.
OPEN_MODEL_WORDS = (
    (
        r"re:[\"'/](?:mistral|mixtral|codestral|ministral|gemma|codegemma|qwen|qwq|phi-?[234]|deepseek|falcon|olmo"
        r"|open_llama|openllama|gpt-oss|granite|smollm|command-r|yi-)"
    ),
)


# Meta's model descriptors (the llama CLI's, Llama Stack's and the reference code's SKU names): `Llama3.1-8B-Instruct`,
# `Llama-2-7b-chat`, `Llama-Guard-3-8B:int8`, `Llama-4-Scout-17B-16E`. Case-sensitive: `llama3.1-8b` is Cerebras'.
META_DESCRIPTOR = lazy(
    r"^(?:Llama[234](?:\.\d)?-\d+B|Llama-2-\d+b|Llama-Guard-\d(?:\.\d)?(?:-\d+B)?|Llama-4-(?:Scout|Maverick)-\d+B-\d+E)"
    r"(?:-[A-Za-z][\w]*)*(?::[\w\-]+)?$"
)
# Llama 2's special-token strings where the code expects stop strings or BOS/EOS markup (see STOP_NAMES).
# `[INST]` and `[/INST]` are SOV520's anywhere; the halves stop lists use (`INST]`, `[INST`) count here.
LLAMA2_SPECIAL = lazy(r"^ *(?:</?s>|/?INST\]|\[/?INST) *\Z")
# Names, keywords and dict keys that hold stop strings or special-token markup (`stop=`, `STOP_WORDS = [...]`,
# `BOS, EOS = "<s>", "</s>"`, `until = args.get("until", ["</s>"])`).
STOP_NAMES = lazy(r"(?i)(?:^|_)(?:bos|eos|eot|stops?|until|b_inst|e_inst)(?:_|$)")
# Where a program picks an engine's chat format by name (llama-cpp-python's `chat_format="llama-3"`).
CHAT_FORMAT_NAMES = frozenset({"chat_format"})
# The formats llama-cpp-python registers (`llama_chat_format.register_chat_format`) and its function-calling ones
# (not `intel`, a word too common to tell a format by).
_CHAT_FORMATS = (
    r"llama-[23]|alpaca|qwen|vicuna|oasst_llama|baichuan(?:-2)?|openbuddy|redpajama-incite|snoozy|phind"
    r"|open-orca|mistrallite|zephyr|pygmalion|chatml(?:-function-calling)?|mistral-instruct|chatglm3|openchat|saiga"
    r"|gemma|functionary(?:-v[12])?"
)
CHAT_FORMAT_NAME = lazy(rf"^(?:{_CHAT_FORMATS})$", re.IGNORECASE)  # `chat_format="ChatML"` too
# Model families tested by name (`if "gemma" in model_name:`): the family changes what the code does.
MODEL_FAMILY = lazy(
    r"^(?:code|tiny)?llama(?:-?\d(?:\.\d)?)?(?:-(?:guard|chat|instruct|vision))?$|^(?:gemma|codegemma|mistral|mixtral"
    r"|qwen|qwq|falcon|deepseek|vicuna|alpaca|zephyr|olmo|granite|starcoder|chatglm|baichuan|internlm)(?:-?\d[\w.]*)?$"
    r"|^phi-?\d[\w.]*$",
    _I | re.ASCII,
)
# What a family test looks into: an expression naming a model (`model_name.lower()`, `repo_id`, `args.pretrained`).
MODEL_NAME_WORDS = lazy(r"(?i)model|repo|pretrained|checkpoint|ckpt|weights|^(?:name|path)$")
# Keywords that name a model's family where a registry builds ids from parts (`base_name="Llama"`).
FAMILY_KEYWORDS = frozenset({"base_name", "model_family", "family", "family_name"})
_FAMILY_WORDS = (
    (
        r"re:[\"'](?:code|tiny)?(?:llama|gemma|mistral|mixtral|qwen|qwq|phi-?\d|falcon|deepseek|vicuna|alpaca|zephyr"
        r"|olmo|granite|starcoder|chatglm|baichuan|internlm)"
    ),
)


# Any model identifier or weights path: no spaces, at least one letter, not a URL, not a device or switch word.
MODEL_ID_SHAPE = lazy(
    r"^(?![a-z][\w+.-]*://)(?!(?:auto|cpu|cuda|mps|gpu|none|null|true|false|default|test|dummy|fake|mock|string|str)$)"
    r"(?=[^a-z]*[a-z])[\w.~/\\:@+*\-]{2,200}$",
    _I,
)
WEIGHTS_FILE = lazy(r"(?:\.gguf|\.ggml|ggml[\w.\-]*\.bin)$", _I)


_PROMPTS_FIX = (
    "Unsafe, applied with `--unsafe`: a prompt with Llama 2 (`[INST]`, `<<SYS>>`, `<s>`...`</s>`) or Llama 3 "
    "(`<|start_header_id|>role<|end_header_id|>`...`<|eot_id|>`) markup, built with f-strings, `%`, `.format`, `+`, "
    "module constants or variables assigned once, and sent to the adapter's `complete` (as the engine and vendor "
    "codemods write it), is read back into system, user and assistant turns and sent as `messages` to `chat`, so "
    'the target model\'s chat template applies. Results read as completions (`["choices"][0]["text"]`) are '
    "read as chat messages; `.text` and the vendor views read both. The reason names the stop strings and "
    "hard-coded token ids that belong to the old template. Manual when the structure is not clear (a history "
    "spliced between turns, a prefilled answer, other roles, `.format(**values)`), for streams read chunk by "
    "chunk, and for prompts sent to engine calls not rewritten yet."
)


def _template(
    code: str, name: str, family: str, regex: str, triggers: tuple[str, ...], example: str, **fix: object
) -> Rule:
    docs = {"fix_safety": _PROMPTS_FIX, "before": fix.pop("before"), "after": fix.pop("after")} if fix else {}
    return Rule(
        code=code,
        name=name,
        kind=Kind.PROMPT_FORMAT,
        vendor="meta-llama" if family.startswith("Llama") else "any",
        message=f"hard-coded {family} chat-template tokens `{{api}}`",
        matchers=(
            Literal(lazy(regex), in_fstrings=True, triggers=triggers),
            Line(
                lazy(f"(?P<api>{regex.removeprefix('(?m)')})"),
                ("template", "yaml", "json", "modelfile", "web"),
                triggers=triggers,
            ),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what=f"Checks for string literals, lines of prompt-template files (`.jinja`, `.j2`, `.tmpl`, `.prompt`, "
            f"`.txt`) and templates kept in YAML or JSON values that contain {family} chat-template markers "
            "(one finding per template).",
            why=_WHY_TEMPLATE,
            example=example,
            use_instead=_USE_MESSAGES,
            **(
                docs
                or {
                    "fix_safety": "No automatic fix: the code builds a prompt by hand and must send messages instead."
                }
            ),
        ),
        **fix,
    )


# What makes a Jinja loop over `messages` a chat template: the turns' roles and contents, the generation prompt or
# the special tokens (Django's `{% for message in messages %}` flash messages and gettext catalogs have none).
CHAT_TEMPLATE_EVIDENCE = r"message(?:\[\s*[\"'](?:role|content)[\"']\s*\]|\.(?:role|content)\b)|add_generation_prompt|bos_token|eos_token"


# Environment variables that name an engine's server or model (read by code: `os.getenv("OLLAMA_HOST")`).
ENGINE_ENV_PREFIXES = (
    "OLLAMA",
    "VLLM",
    "LLAMA_?CPP",
    "LLAMAFILE",
    "LLAMA_STACK",
    "TGI",
    "SGLANG",
    "LM_?STUDIO",
    "LMDEPLOY",
    "WATSONX",
    "GPT4ALL",
    "LOCALAI",
    "TRT_?LLM",
    "TENSORRT_LLM",
    "EXLLAMA(?:V2)?",
    "MLX_LM",
)
_ENGINE_ENV_BODY = (
    rf"(?:{'|'.join(ENGINE_ENV_PREFIXES)})_(?:[A-Z0-9]+_)*?"
    r"(?:HOST|URL|BASE_URL|API_BASE|API_URL|ENDPOINTS?|SERVER|SERVER_URL|ADDRESS"
    r"|MODEL|MODELS|MODEL_NAME|MODEL_ID|MODEL_PATH|MODEL_DIR)"
)
ENGINE_ENV_NAME = lazy(rf"^{_ENGINE_ENV_BODY}$")
# The same variable in a substitution a config template resolves (`"${env.OLLAMA_URL:http://localhost:11434}"`
# in Llama Stack's provider configs, `${VLLM_URL:-...}` in shell-style templates).
ENGINE_ENV_SUBSTITUTION = lazy(rf"^\$\{{(?:env\.)?{_ENGINE_ENV_BODY}(?::-?[^}}]*)?\}}$")
ENGINE_ENV_WORDS = (
    "ollama",
    "vllm",
    "llama",
    "tgi_",
    "sglang",
    "studio_",
    "lmdeploy",
    "watsonx",
    "gpt4all",
    "localai",
    "trt_llm",
    "trtllm",
    "tensorrt",
    "mlx_lm",
)
_FIXED = {"codemod": "prompts.PromptsCodemod", "fix": Fix.SOMETIMES, "fix_safety": FixSafety.UNSAFE}


RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV501",
        name="llama-hf-model-id",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="Llama model id `{api}` is hard-coded",
        matchers=(Literal(HF_LLAMA, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Hugging Face repository ids of Llama models and re-quantisations "
            "(`meta-llama/Llama-3.1-8B-Instruct`, `TheBloke/Llama-2-7B-Chat-GGUF`, `codellama/...`).",
            why=_WHY_ID,
            example='model_id = "meta-llama/Meta-Llama-3-8B-Instruct"',
            use_instead='model = connect()  # SOVMIGRATE_MODEL="transformers:Qwen/Qwen2.5-7B-Instruct"',
        ),
    ),
    Rule(
        code="SOV502",
        name="llama-ollama-tag",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="Llama model tag `{api}` is hard-coded",
        matchers=(
            Literal(OLLAMA_LLAMA_TAG_STRONG, triggers=("llama",)),
            Literal(OLLAMA_LLAMA_TAG, context="model", triggers=("llama",)),
        ),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Ollama-style Llama tags: `llama3.1:8b` anywhere, and bare names such as "
            "`llama3` or `codellama` where a model is expected (`model=`, a `*model*` variable or key).",
            why=_WHY_ID,
            example='ollama.chat(model="llama3.1:8b", messages=msgs)',
            use_instead='connect()  # SOVMIGRATE_MODEL="ollama:qwen2.5:7b"',
        ),
    ),
    Rule(
        code="SOV503",
        name="llama-bedrock-model-id",
        kind=Kind.MODEL_ID,
        vendor="bedrock",
        message="Bedrock Llama model id `{api}` is hard-coded",
        matchers=(Literal(BEDROCK_LLAMA, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Amazon Bedrock Llama model ids, inference profiles and ARNs "
            "(`meta.llama3-1-70b-instruct-v1:0`, `us.meta.llama3-2-11b-instruct-v1:0`).",
            why=_WHY_ID,
            example='client.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=body)',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV595",
        name="bedrock-model-id",
        kind=Kind.MODEL_ID,
        vendor="bedrock",
        message="Bedrock model id `{api}` is hard-coded",
        matchers=(
            Literal(BEDROCK_MODEL, triggers=(r"re:(?i)(?:" + BEDROCK_VENDORS + r")\.[^\s\"'/:\\]*-",)),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Amazon Bedrock model ids of other vendors, inference profiles and ARNs in the shape "
            "AWS documents, `vendor.model-vN:M` (`anthropic.claude-v2:1:200k`, `cohere.command-r-v1:0`, "
            "`mistral.mixtral-8x7b-instruct-v0:1`), anywhere in Python: arguments, and the keys of per-model "
            "tables (max tokens, prices) that pin each model the code was written for.",
            why=_WHY_ID,
            example='BEDROCK_MAX_TOKENS = {"mistral.mixtral-8x7b-instruct-v0:1": 4096, "cohere.command-r-v1:0": 4096}',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV504",
        name="llama-hosted-model-id",
        kind=Kind.MODEL_ID,
        vendor="hosted",
        message="hosted Llama model id `{api}` is hard-coded",
        matchers=(Literal(HOSTED_LLAMA, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Llama model names in the schemes of Groq (`llama-3.1-8b-instant`), Fireworks "
            "(`accounts/fireworks/models/llama-v3p1-8b-instruct`), Replicate (`meta/meta-llama-3-70b-instruct`), "
            "Meta's Llama API (`Llama-3.3-70B-Instruct`), Cloudflare, NVIDIA NIM and Cerebras.",
            why=_WHY_ID,
            example='client.chat.completions.create(model="llama-3.3-70b-versatile", messages=msgs)',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV505",
        name="llama-gguf-file",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="Llama weights file `{api}` is hard-coded",
        matchers=(Literal(GGUF_LLAMA, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for GGUF and GGML file names of Llama models (`llama-2-7b-chat.Q4_K_M.gguf`, "
            "`Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf`, `llama-2-7b-chat.ggmlv3.q4_0.bin`).",
            why=_WHY_ID,
            example='Llama(model_path="./models/llama-2-7b-chat.Q4_K_M.gguf")',
            use_instead='connect()  # SOVMIGRATE_MODEL="llamacpp:./models/qwen2.5-7b-instruct-q4_k_m.gguf"',
        ),
    ),
    Rule(
        code="SOV560",
        name="llama-model-descriptor",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="Llama model descriptor `{api}` is hard-coded",
        matchers=(Literal(META_DESCRIPTOR, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Meta's own model descriptors, as the llama CLI, Llama Stack and the reference code name "
            "checkpoints (`Llama3.1-8B-Instruct`, `Llama3.2-11B-Vision-Instruct`, `Llama-2-7b-chat`, "
            "`Llama-Guard-3-8B`), often the keys of a table mapping them to an engine's or host's own ids.",
            why=_WHY_ID,
            example='SUPPORTED = {"Llama3.1-8B-Instruct": "llama3.1:8b-instruct-fp16"}',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV506",
        name="open-model-id",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="model id `{api}` is hard-coded",
        matchers=(Literal(OPEN_MODEL_ID, context="model", triggers=OPEN_MODEL_WORDS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for ids of other open-weight families (Mistral, Mixtral, Gemma, Qwen, Phi, DeepSeek, "
            "Falcon, OLMo, OpenLLaMA, gpt-oss) where a model is expected.",
            why="Not a Llama dependency, but still a model pinned in code: receipts report its licence, and "
            "the configuration should hold it.",
            example='pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3")',
            use_instead="The model id in configuration.",
        ),
    ),
    Rule(
        code="SOV507",
        name="model-id-in-model-position",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="model `{api}` is hard-coded where a model is expected",
        matchers=(Literal(MODEL_ID_SHAPE, context="vendor-model"),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for any model identifier, of any family or host, where a model is certainly expected: "
            "the model argument of an engine or vendor call (`model=`, `repo_id=`, `filename=`, "
            '`ollama.chat("gemma3", ...)`), a name that holds a model (`MODEL = ...`, `SUPPORTED_MODELS = [...]`), '
            'an `os.getenv("MODEL", ...)` default, and the default of a `--model` command-line option '
            "(argparse, click, typer) or a `model` parameter, in modules that use an engine or vendor SDK.",
            why="The migration re-pins every model the code names, and the dependency receipts need each one; "
            "ids that no family rule knows (`nomic-embed-text`, `gpt-3.5-turbo` on a local server, "
            "`togethercomputer/m2-bert-80M-8k-retrieval`) are found by where they stand.",
            example='parser.add_argument("-m", "--model", default="../models/7B/ggml-model.bin")',
            use_instead='connect()  # SOVMIGRATE_MODEL="llamacpp:models/qwen2.5-7b-instruct-q4_k_m.gguf"',
        ),
    ),
    Rule(
        code="SOV508",
        name="weights-file",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="model weights file `{api}` is hard-coded",
        matchers=(Literal(WEIGHTS_FILE, triggers=("gguf", "ggml")),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for GGUF and GGML weight file names, paths and globs of any family "
            "(`*Q8_0.gguf`, `models/7B/ggml-model.bin`); Llama files are SOV505.",
            why="A weights file is one model in one quantisation for one engine format; it changes with the model.",
            example='Llama.from_pretrained(repo_id=repo, filename="*Q4_K_M.gguf")',
            use_instead='connect()  # SOVMIGRATE_MODEL="llamacpp:models/qwen2.5-7b-instruct-q4_k_m.gguf"',
        ),
    ),
    Rule(
        code="SOV509",
        name="engine-environment-read",
        kind=Kind.CONFIG,
        vendor="any",
        message="code reads the engine setting `{api}` from the environment",
        matchers=(
            Literal(ENGINE_ENV_NAME, context="env", triggers=ENGINE_ENV_WORDS),
            Literal(ENGINE_ENV_SUBSTITUTION, triggers=ENGINE_ENV_WORDS),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for environment look-ups (`os.getenv(...)`, `os.environ[...]`, `os.environ.get(...)`) of "
            "an engine's server address or model variable: `OLLAMA_HOST`, `OLLAMA_BASE_URL`, `VLLM_API_BASE`, "
            "`LLAMA_CPP_MODEL`, `WATSONX_URL`, `TGI_ENDPOINT`, `SGLANG_URL`, `LMSTUDIO_BASE_URL` and the like. "
            'The same variables in a config template\'s substitution (`"${env.OLLAMA_URL:http://localhost:11434}"`) '
            "count too. Keys and tuning variables are not reported.",
            why="The variable names one engine's server or model; after the migration the adapter's own setting "
            "(`SOVMIGRATE_MODEL`, `base_url` in `[tool.sovmigrate.adapter]`) takes its place.",
            example='llm = ChatOllama(base_url=os.environ["OLLAMA_BASE_URL"])',
            use_instead="llm = connect()  # SOVMIGRATE_MODEL and the adapter's base_url",
        ),
    ),
    _template(
        "SOV520",
        "llama2-chat-template",
        "Llama 2 / Mistral `[INST]` (and Code Llama infill)",
        r"\[/?INST\]|<</?SYS>>|<(?:SUF|MID|EOT)>",
        (r"re:(?-i:INST\])", "<<sys>>", "<</sys>>", "<suf>", "<mid>", "<eot>"),
        'prompt = f"<s>[INST] <<SYS>>\\n{system}\\n<</SYS>>\\n\\n{user} [/INST]"',
        before=(
            "from sovmigrate.adapter import connect\n"
            "\n"
            'llm = connect(default="llamacpp:llama-2-7b-chat.Q4_K_M.gguf")\n'
            'prompt = f"<s>[INST] <<SYS>>\\n{system}\\n<</SYS>>\\n\\n{user} [/INST]"\n'
            "out = llm.complete(prompt, max_tokens=256)\n"
            'print(out["choices"][0]["text"])'
        ),
        after=(
            "from sovmigrate.adapter import connect\n"
            "\n"
            'llm = connect(default="llamacpp:llama-2-7b-chat.Q4_K_M.gguf")\n'
            'prompt = f"<s>[INST] <<SYS>>\\n{system}\\n<</SYS>>\\n\\n{user} [/INST]"\n'
            'out = llm.chat([{"role": "system", "content": system}, {"role": "user", "content": user}], max_tokens=256)\n'
            'print(out["choices"][0]["message"]["content"])'
        ),
        **_FIXED,
    ),
    _template(
        "SOV521",
        "llama3-chat-template",
        "Llama 3",
        r"<\|(?:start_header_id|end_header_id|eot_id|begin_of_text|end_of_text|eom_id|python_tag)\|>",
        (r"re:<\|(?:start_header_id|end_header_id|eot_id|begin_of_text|end_of_text|eom_id|python_tag)\|>",),
        'prompt = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\n" + q + "<|eot_id|>"',
        before=(
            "from sovmigrate.adapter import connect\n"
            "\n"
            'llm = connect(default="openai:llama-3.1-8b-instant", base_url=url)\n'
            'text = llm.complete("<|start_header_id|>user<|end_header_id|>\\n\\n" + q + "<|eot_id|>"\n'
            '                    "<|start_header_id|>assistant<|end_header_id|>\\n\\n").text'
        ),
        after=(
            "from sovmigrate.adapter import connect\n"
            "\n"
            'llm = connect(default="openai:llama-3.1-8b-instant", base_url=url)\n'
            'text = llm.chat([{"role": "user", "content": q}]).text'
        ),
        **_FIXED,
    ),
    _template(
        "SOV522",
        "llama4-chat-template",
        "Llama 4",
        r"<\|(?:header_start|header_end|eot|eom|python_start|python_end)\|>",
        (r"re:<\|(?:header_start|header_end|eot|eom|python_start|python_end)\|>",),
        'prompt = "<|header_start|>user<|header_end|>\\n\\n" + q + "<|eot|>"',
    ),
    _template(
        "SOV523",
        "gemma-chat-template",
        "Gemma",
        # Gemma's tokenizer does not add its `<bos>` when a prompt is rendered by hand: code writes it as a string.
        r"<(?:start|end)_of_turn>|^<bos>$",
        ("_of_turn>", "<bos>"),
        'prompt = "<start_of_turn>user\\n" + q + "<end_of_turn>\\n<start_of_turn>model\\n"',
    ),
    _template(
        "SOV524",
        "chatml-chat-template",
        "ChatML (Qwen, Yi, Hermes)",
        r"<\|im_(?:start|end|sep)\|>",
        ("<|im_",),
        'prompt = "<|im_start|>user\\n" + q + "<|im_end|>\\n<|im_start|>assistant\\n"',
    ),
    _template(
        "SOV525",
        "phi-chat-template",
        "Phi-3 / Zephyr",
        r"<\|(?:user|assistant|system|end)\|>",
        (r"re:<\|(?:user|assistant|system|end)\|>",),
        'prompt = "<|user|>\\n" + q + "<|end|>\\n<|assistant|>\\n"',
    ),
    _template(
        "SOV526",
        "alpaca-chat-template",
        "Alpaca / Vicuna",
        r"(?m)^### (?:Instruction|Response|Human|Assistant):|\bASSISTANT:\s*$",
        ("### instruction", "### response", "### human", "assistant:"),
        'prompt = f"### Instruction:\\n{task}\\n\\n### Response:\\n"',
    ),
    _template(
        "SOV527",
        "harmony-chat-template",
        "gpt-oss harmony",
        r"<\|(?:channel|message|return|call|constrain)\|>",
        (r"re:<\|(?:channel|message|return|call|constrain)\|>",),
        'prompt = "<|start|>user<|message|>" + q + "<|end|>"',
    ),
    _template(
        "SOV565",
        "llama3-tool-system-prompt",
        "Llama 3.1+ tool-calling system-prompt",
        # Meta's Llama 3.1 model card: custom tools in the user message, answered as plain JSON (no markup token).
        r"(?m)^Environment: ipython\b|^Cutting Knowledge Date: "
        r"|(?<=^Respond in the format \{\"name\": function name, \"parameters\": )dictionary of argument name",
        ("environment: ipython", "cutting knowledge date: ", "dictionary of argument name"),
        'system = "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 1 Dec 2024\n"',
    ),
    Rule(
        code="SOV528",
        name="jinja-chat-template",
        kind=Kind.PROMPT_FORMAT,
        vendor="any",
        message="custom Jinja chat template `{api}`",
        matchers=(
            Literal(
                lazy(
                    r"\{%-?\s*for\s+message\s+in\s+messages(?=[\s\S]*?(?:" + CHAT_TEMPLATE_EVIDENCE + "))",
                    re.ASCII,
                ),
                in_fstrings=True,
                triggers=(r"re:\{%(?:[^a-z0-9]|\\[a-z]|\\x[0-9a-f]{2})*for",),  # spaces, or escapes in source
            ),
            Line(
                lazy(r"(?P<api>\{%-?\s*for\s+message\s+in\s+messages)", re.ASCII),
                ("template",),
                triggers=(r"re:\{%(?:[^a-z0-9]|\\[a-z]|\\x[0-9a-f]{2})*for",),
            ),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for Jinja chat templates written in code and in template files (`{% for message in messages "
            "%}...` that reads the turns' `role` or `content`, `add_generation_prompt` or the special tokens); a loop "
            "over other messages (Django's flash messages, a gettext catalog) is not one.",
            why=_WHY_TEMPLATE + " A custom template overrides the one the target model ships with.",
            example='tok.chat_template = "{% for message in messages %}[INST] {{ message.content }} [/INST]{% endfor %}"',
            use_instead="Use the template that ships with the target model's tokenizer.",
        ),
    ),
    Rule(
        code="SOV540",
        name="hard-coded-special-token-id",
        kind=Kind.TOKENIZER,
        vendor="any",
        message="special-token id `{api}` is hard-coded",
        matchers=(
            TokenIds(
                keywords=(
                    "eos_token_id",
                    "bos_token_id",
                    "pad_token_id",
                    "stop_token_ids",
                    "eot_token_id",
                    "stop_token_id",
                    "eos_token_ids",
                    "unk_token_id",
                    "decoder_start_token_id",
                    "forced_eos_token_id",
                ),
                ranges=((128000, 128256), (200000, 202047)),
            ),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for integer literals passed as special-token ids (`eos_token_id=2`, "
            "`stop_token_ids=[128001, 128009]`) and Llama 3/4 special ids (128000-128255, Llama 3.2 Vision's "
            "`<|image|>` 128256, 200000+) compared or collected in code.",
            why="Token ids are only meaningful for one vocabulary: Llama 3's `<|eot_id|>` is 128009, "
            "Mistral's `</s>` is 2 and Qwen's `<|im_end|>` is 151645. A stale id stops generation at the "
            "wrong place or never.",
            example="outputs = model.generate(**inputs, eos_token_id=[128001, 128009])",
            use_instead="Read ids from the tokenizer: `tok.eos_token_id`, or pass `stop=` strings to the adapter.",
        ),
    ),
    Rule(
        code="SOV561",
        name="llama2-special-token-strings",
        kind=Kind.PROMPT_FORMAT,
        vendor="meta-llama",
        message="Llama 2 special-token string `{api}` is hard-coded",
        matchers=(
            Literal(
                LLAMA2_SPECIAL, context="stop", triggers=(r"re:[\"'] *(?:</?s>|/?inst\]|\[/?inst) *[\"']",)
            ),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for Llama 2's markup (`<s>`, `</s>`, `INST]`) where the code keeps stop strings or "
            'special tokens: `stop=["</s>"]`, `STOP_WORDS = ["<s>", "INST]"]`, `BOS, EOS = "<s>", "</s>"`, '
            '`BOS: str = "<s>"`, `args.get("until", ["</s>"])`.',
            why=_WHY_TEMPLATE + " Stop strings of the old template never occur in the new model's output.",
            example='llm(prompt, stop=["</s>", "[INST]"])',
            use_instead="Let the engine stop at the model's own end-of-turn token (no `stop` strings).",
        ),
    ),
    Rule(
        code="SOV562",
        name="engine-chat-format-name",
        kind=Kind.PROMPT_FORMAT,
        vendor="llama-cpp-python",
        message="chat format `{api}` is chosen by name",
        matchers=(
            Literal(CHAT_FORMAT_NAME, context="chat-format", triggers=(f"re:(?i)[\"'](?:{_CHAT_FORMATS})",)),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what='Checks for the chat format a program picks by name (`Llama(..., chat_format="llama-3")`, '
            '`kwargs["chat_format"] = "chatml-function-calling"`, `chat_format = "gemma"`).',
            why="The name picks one of llama-cpp-python's built-in chat handlers, written for one model family: "
            "another model needs another format, or the template its GGUF file carries.",
            example='llm = Llama(model_path=path, chat_format="llama-2")',
            use_instead="Leave the format out: llama.cpp applies the chat template stored in the GGUF file.",
        ),
    ),
    Rule(
        code="SOV563",
        name="model-family-test",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="the code tests for the model family `{api}`",
        matchers=(Literal(MODEL_FAMILY, context="family-test", triggers=_FAMILY_WORDS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what='Checks for model families tested by name: `if "gemma" in model_name:`, '
            '`repo_id.startswith("llama-3")`, `"mistral" not in name.lower()`.',
            why="Code that behaves differently per family (a BOS token for Gemma, a chat format for Llama 3) "
            "must learn the target family's needs, or lose the branch.",
            example='if "gemma" in pretrained.lower():\n    add_bos_token = True',
            use_instead="Read what the model needs from its tokenizer and config (`tok.add_bos_token`, the chat template).",
        ),
    ),
    Rule(
        code="SOV564",
        name="model-family-in-registry",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="model family `{api}` is named where model ids are built",
        matchers=(Literal(MODEL_FAMILY, context="family-name", triggers=_FAMILY_WORDS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for model families given to a registry entry or a config that builds model ids from parts "
            '(`ModelMeta(org="meta-llama", base_name="Llama", model_version="3.1")`, `model_family="gemma"`).',
            why="The ids the program loads are built from these parts: migrating the model means a new entry.",
            example='LLAMA_3_1 = ModelMeta(org="meta-llama", base_name="Llama", model_version="3.1", model_sizes=["8"])',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
)
