"""SOV590-599: model ids and engine names written as plain values, wherever they stand.

Earlier rules find a model id by its position (a `model=` keyword, a `model:` key, a `--model` flag). Real code also
lists models as bare values: capability tables (`JSON_MODELS = ["qwen/qwen3-32b", ...]`), `Literal[...]` types,
config values under keys of the project's own (`fast_llm = "ollama/llama3.1"`), arguments of download helpers
(`download_with_retry "Qwen/Qwen3-0.6B"`) and Hub cache folders (`models--meta-llama--Llama-3.1-8B`). A value counts
only when the whole string has the shape of a released model: an open family's name with a size or variant
(`gemma2-9b-it`, `llama-4-scout-17b-16e-instruct`), or `owner/name` whose name is such a family with a version
(`openai-community/gpt2`, `ollama/llama3.1`). An engine is also chosen by name in configuration
(`"model_endpoint_type": "ollama"`, `engine: REMOTE_VLLM`, `provider_name="vllm"`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sovmigrate.rules.hosted import ROUTER_NAMED_PROVIDERS, ROUTER_PROVIDER_PREFIXES
from sovmigrate.rules.literals import BEDROCK_LLAMA, BEDROCK_MODEL
from sovmigrate.rules.manifests import CONFIG_FILES, LLAMA_FAMILY, OPEN_FAMILIES, OWN_OUTPUT
from sovmigrate.rules.model import Kind, Level, Line, Literal, Rule, RuleDocs, lazy

# Keywords and keys whose string is the project's own name for a configuration, not a model id (`abbr=`, `name=`).
LABEL_NAMES = frozenset(
    {"abbr", "alias", "aliases", "display_name", "label", "name", "run_name", "short_name", "title"}
)
_WHY = (
    "The migration re-pins every model the code names, and the dependency receipts need each one; a table of "
    "supported models is still a list of models the project depends on."
)
# Families named only by this rule: hosted open-weight models (Kimi, SmolVLM), and the decoder model types of
# transformers 5.25.0 (`CONFIG_MAPPING_NAMES` in transformers/models/auto/configuration_auto.py) whose weights are
# published on the Hub by their makers (databricks/dbrx, openbmb/MiniCPM, MiniMaxAI, tencent/Hunyuan,
# ByteDance-Seed/Seed-OSS, LiquidAI/LFM2, swiss-ai/Apertus, allenai/OLMoE, RWKV, adept/persimmon, facebook/xglm,
# Salesforce/codegen, Zyphra/Zamba, kyutai/helium, microsoft/bitnet, upstage/SOLAR, inceptionai/jais,
# naver-hyperclovax, state-spaces/mamba, CohereForAI command-r/aya, EleutherAI/gpt-neo, jetmoe). An id still
# needs a size, variant or tag, or an owner and a version digit.
MORE_FAMILIES = (
    "kimi",
    "moonshot",
    "magistral",
    "devstral",
    "pixtral",
    "voxtral",
    "alpaca",
    "smolvlm",
    "moondream",
    "dbrx",
    "minicpm",
    "minimax",
    "hunyuan",
    "seed[-_]oss",
    "lfm",
    "apertus",
    "jetmoe",
    "olmoe",
    "rwkv",
    "persimmon",
    "xglm",
    "codegen",
    "zamba",
    "helium",
    "bitnet",
    "solar",
    "jais",
    "hyperclovax",
    "mamba",
    "command-r",
    "aya",
    "gpt-?neo",
)
_MORE_FAMILIES = "|" + "|".join(MORE_FAMILIES)
_OPEN = OPEN_FAMILIES + _MORE_FAMILIES
# A size (`7b`, `0.5B`, `8x7b`, `135M`) or a variant word after a separator (`-instruct`, `-it`, `-GGUF`).
_SIZE = r"(?<![A-Za-z0-9.])(?:\d+x)?\d+(?:\.\d+)?[BbMm](?![A-Za-z])"
_VARIANT = (
    r"[-_.](?i:instruct|chat|it|hf|base|gguf|awq|gptq|fp8|versatile|instant|latest)"
    r"(?![A-Za-z])"
)
# A version written after a separator: `deepseek-v4-pro`, `kimi-k2.5`, a dated snapshot `mistral-small-2506` (YYMM)
# or `-20240620`, a dotted or dashed release `mistral-medium-3.5`, `mistral-medium-3-5`.
_VERSION = r"[-_](?:[vk]\d+(?:\.\d+)?|\d{4}(?:\d{4})?|\d+[.-]\d+)(?![A-Za-z0-9])"
# A project's own file (`qwen2-7b.json`, `llama_7b.yaml`) is configuration, not a model id.
# A Python name or module path (`is_llama2_chat`, `pkg.models.mistral3:Mistral3LM`, `DEEPSEEK_API_BASE`) is not an
# id either: an id starts and ends with a letter or digit, has a lower-case letter and a `-`, `/`, `:` or `.`, and
# a dot only before a digit (`qwen2.5`). What a training step wrote (`saves/`, `models/`) is the project's own.
_NOT_FILE = (
    OWN_OUTPUT
    + r"(?!models?/)(?=[A-Za-z0-9])(?=[^\s\"']*?[a-z])(?=[\w.:/]*[-/:.])(?![\w.:/-]*\.[A-Za-z_])(?![\w.:/-]*-[\s\"',\])}]|[\w.:/-]*-$)"
)
_OWNER = r"[A-Za-z0-9][\w.-]*/"
# Organisations that publish models on the Hub under names without a version digit (`nvidia/nemotron-parse`,
# `BAAI/bge-reranker-large`, `thenlper/gte-large`): with one of them as owner, a family name with a `-` is an id
# wherever it stands (convention 32: an id keying a rate limit, a cache or a cost table names the model too).
MODEL_PUBLISHERS = (
    "meta-llama|mistralai|qwen|google|microsoft|nvidia|deepseek-ai|baai|intfloat|sentence-transformers|cross-encoder"
    "|tiiuae|ibm-granite|allenai|huggingfacetb|huggingfaceh4|thudm|zai-org|internlm|cohereforai|coherelabs|01-ai"
    "|bigscience|eleutherai|stabilityai|nomic-ai|mixedbread-ai|jinaai|alibaba-nlp|thenlper|moonshotai|minimaxai"
)
# An owner before a name with a version digit, or a publisher before a name with a `-`.
_OWNED = r"(?:[A-Za-z0-9][\w.-]*/(?=[\w.-]*\d)|(?i:" + MODEL_PUBLISHERS + r")/(?=[\w.]*-))"


def _name(families: str) -> str:
    """A model name of one of ``families``: the family word, not inside another word, then name characters."""
    return r"[\w.-]*?(?<![A-Za-z])(?i:" + families + r")(?![A-Za-z])[\w.-]*"


def _whole(families: str) -> str:
    """A string literal that is exactly one model id of ``families``, with an owner or a size/variant/tag."""
    return r"^" + _NOT_FILE + r"(?:" + _OWNED + _name(families) + r"(?::[\w.-]+)?|" + _bare(families) + r")$"


def _bare(families: str) -> str:
    """An id without owner: the name has a size or variant (`gemma2-9b-it`), or a tag (`qwen2.5:7b`)."""
    return (
        _NOT_FILE
        + r"(?:(?=[\w.-]*?(?:"
        + _SIZE
        + "|"
        + _VARIANT
        + "|"
        + _VERSION
        + r"))"
        + _name(families)
        + r"(?::[\w.-]+)?|(?=[\w.-]*\d)"
        + _name(families)
        + r":[\w.-]+)"
    )


_LLAMA_VALUE = lazy(_whole(LLAMA_FAMILY))
_OPEN_VALUE = lazy(_whole(_OPEN))
# A family word between id characters that are not ASCII letters (an id's family is never inside a word: `_name`):
# after a quote or a digit/separator and before a digit/separator (`"qwen2.5-7b`, `/gemma-2b`), or at the end of the
# string after a digit/separator (`0/x-chat-qwen"`). A quoted word (`"yield"`, `'phi'`), prose (`LETTER PHI`) and
# `Attempt-Date` do not make a file a candidate (the cold scan of the standard library stays near its baseline).
# Sound: whatever `_OPEN_VALUE` matches, as Python source writes it, passes.
_FAMILY_WORDS = (
    r"mistral|mixtral|ministral|codestral|gemma|codegemma|qwen|qwq|phi|deepseek|falcon|granite|olmo|starcoder|smollm"
    r"|smolvlm|internlm|baichuan|chatglm|glm|gpt[-_]?oss|exaone|nemotron|jamba|llava|vicuna|zephyr|stablelm|pythia"
    r"|bloomz?|gpt-?neox|gpt-?j|cerebras-gpt|dolly|redpajama|openchat|orca|yi|mpt|" + "|".join(MORE_FAMILIES)
)


# Closed (API-only) models as their vendors name them (convention 2: a closed id where a model is expected is a
# site): OpenAI's model list (platform.openai.com/docs/models: `gpt-3.5-turbo`, `gpt-4`, `gpt-4o`, `gpt-4.1`, `gpt-5`
# with `-mini`/`-nano`/`-turbo`/`-preview` and dated snapshots, the o-series, `chatgpt-4o-latest`, the embedding
# and legacy completion models), Anthropic's (`claude-2.1`, `claude-3-5-sonnet-20240620`, `claude-sonnet-4-0`),
# Google's (`gemini-pro`, `gemini-1.5-pro-002`, `gemini-2.5-flash`) and xAI's (`grok-2-1212`). Open families with
# look-alike names (`gpt-oss`, `gpt2`, `gpt-j`, `gpt-neox`, `gemma`) are not closed.
_GPT = r"gpt-(?:3\.5|4(?:\.[0-9])?o?|5(?:\.[0-9])?)(?:-[a-z0-9]+)*"
_CLOSED_NAME = (
    r"(?:" + _GPT + r"|chatgpt-4o-latest|o[134]-(?:mini|pro|preview|deep-research)(?:-[a-z0-9]+)*"
    r"|(?:[a-z]+-)?text-embedding-(?:3-small|3-large|ada-002|00[45])|text-(?:davinci|curie|babbage|ada)-00[0-9]"
    r"|(?:davinci|babbage)-002|claude-[a-z0-9.-]*[a-z0-9]|gemini-[a-z0-9.-]*[a-z0-9]|grok-[0-9][a-z0-9.-]*)"
)
# A router's or gateway's provider prefix before a closed model (`azure/gpt-4o`, `openrouter/openai/gpt-3.5-turbo`,
# `gemini/gemini-2.0-flash-exp`, `vertex_ai/claude-...`): LiteLLM's and OpenRouter's spellings.
_CLOSED_PREFIX = (
    r"(?:(?:openai|azure|azure_ai|anthropic|gemini|vertex_ai|vertex_ai_beta|google|xai|x-ai"
    r"|openrouter(?:/(?:openai|anthropic|google|x-ai))?)/)"
)
# A closed id that is unmistakable wherever it stands: a generation and a variant after the family (`gpt-5-nano`,
# `gpt-5.4`, `gpt-4.1-mini`, `claude-3-haiku-20240307`, `gemini-1.5-pro`, `grok-2-1212`), a dated snapshot (`gpt-4o-2024-05-13`,
# `gpt-4-1106-preview`, `gpt-3.5-turbo-0125`), an embedding model, or a provider prefix. Undated `gpt-4`, `gpt-4o`
# and `gpt-3.5-turbo` are also tiktoken's encoding names, and a generation alone (`gpt-5`, `claude-3`) is how
# capability tables match prefixes (`["o1", "o3", "gpt-5"]`): they count only where a model is expected (CLOSED_ID).
_CLOSED_STRONG = (
    r"(?:gpt-(?:5|4\.[0-9])(?:\.[0-9]|(?:\.[0-9])?(?:-[a-z0-9]+)+)"
    r"|gpt-(?:3\.5|4o?)(?:-[a-z0-9]+)*?-(?:20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9]{4})(?:-[a-z]+)?"
    r"|chatgpt-4o-latest|o[134]-(?:mini|pro)-20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]|text-embedding-(?:3-small|3-large|ada-002)"
    r"|claude-(?=[a-z.-]*[0-9])[a-z0-9.]+-[a-z0-9.-]*[a-z0-9]|gemini-[0-9](?:\.[0-9])?-[a-z0-9.-]*[a-z0-9]"
    r"|grok-[0-9](?:\.[0-9])?-[a-z0-9.-]*[a-z0-9])"
)
CLOSED_VALUE = lazy(r"^(?:" + _CLOSED_PREFIX + _CLOSED_NAME + "|" + _CLOSED_STRONG + r")$")
# A router's provider-prefixed closed model is a model reference wherever it stands, as SOV598's open ones are.
CLOSED_ROUTED = lazy(r"^" + _CLOSED_PREFIX + _CLOSED_NAME + r"$")
CLOSED_ID = lazy(r"^" + _CLOSED_PREFIX + r"?" + _CLOSED_NAME + r"$")
# Where a model is expected by place (a model class's first argument, a registration's, a model loop's items, a
# per-model table's keys: scan.model_positions), also the o-series' bare and dated names (`"o3"`, `"o1-2024-12-17"`),
# Azure's `gpt-35-turbo` and later GPT generations (`gpt-6-sol`): there no other text has them.
CLOSED_PLACED = lazy(
    r"^(?:" + _CLOSED_PREFIX + r"?" + _CLOSED_NAME + r"|o[134](?:-20[0-9]{2}-[0-9]{2}-[0-9]{2})?"
    r"|gpt-(?:35|[6-9](?:\.[0-9])?)(?:-[a-z0-9]+)*)$"
)
_PLACED_TRIGGERS = (r"re:[\"'/](?:o[134][\"'\\-]|gpt-\d)",)
_CLOSED_TRIGGERS = (
    (
        r"re:[\"'/](?:gpt-[345]|chatgpt-|o[134]-|text-(?:davinci|curie|babbage|ada)-|davinci-|babbage-|claude-|gemini-"
        r"|grok-\d)"
    ),
    "text-embedding-",
)

# Encoder, embedding and reranker families the Hub serves as much as LLMs (classifiers, guards, RAG retrievers):
# BGE, E5, GTE, (XLM-)RoBERTa, BERT and its derivatives (DistilBERT, ruBERT...), DeBERTa, ELECTRA, MiniLM, MPNet, T5/Flan-T5, Nomic, mxbai, Jina,
# Snowflake Arctic, Stella, and OPT (Meta's older decoder: with its size only). `bert` or `opt` alone is a common
# word, so these count as `owner/name` with a digit (`BAAI/bge-base-en-v1.5`, `facebook/opt-350m`) or a publisher's
# (`BAAI/bge-reranker-large`) anywhere, and without an owner (`roberta-base`, `all-MiniLM-L6-v2`) only where a model
# is expected.
ENCODER_FAMILIES = (
    r"bge|e5|gte|deberta|roberta|xlm-roberta|[a-z]*bert|electra|minilm|mpnet|t5|flan-t5|nomic-embed"
    r"|mxbai-embed|jina-embeddings|jina-reranker|snowflake-arctic-embed|stella|opt-[0-9]+(?:\.[0-9]+)?[bm]"
)
# The family word starts the name or follows a separator (`ms-marco-MiniLM`, `multilingual-e5`), never a digit (`1e5`).


def _encoder_name(families: str) -> str:
    """A name whose family word starts it or follows a separator."""
    return r"(?:[\w.-]*[-_.])?(?i:" + families + r")(?![A-Za-z])[\w.-]*"


_ENCODER_NAME = _encoder_name(ENCODER_FAMILIES)
ENCODER_VALUE = lazy(r"^" + _NOT_FILE + _OWNED + _ENCODER_NAME + r"$")
# Without an owner, only the families' own model names, the family followed by `-` or `_` (`bert-base-uncased`,
# `all-MiniLM-L6-v2`, `e5-large-v2`): never a word that ends in one (`Hilbert`).
_ENCODER_BARE = (
    r"bge|e5|gte|deberta|roberta|xlm-roberta|bert|distilbert|electra|minilm|all-minilm|mpnet|all-mpnet|t5|flan-t5"
    r"|nomic-embed|mxbai-embed"
)
_ENCODER_BARE_NAME = r"(?:[\w.-]*[-_.])?(?i:" + _ENCODER_BARE + r")[-_][\w.-]*"
ENCODER_ID = lazy(
    r"^"
    + _NOT_FILE
    + r"(?:(?=[\w.-]*?(?:"
    + _SIZE
    + "|"
    + _VARIANT
    + "|"
    + _VERSION
    + r"))"
    + _ENCODER_BARE_NAME
    + r"(?::[\w.-]+)?|(?=[\w.-]*\d)"
    + _ENCODER_BARE_NAME
    + r":[\w.-]+)$"
)
_ENCODER_TRIGGERS = (
    (
        r"re:(?i)(?:[\w.-]|(?-i:[^\x00-\x7f]))/(?:(?:[\w.-]|(?-i:[^\x00-\x7f]))*[-_.])?(?:bge|e5|gte|deberta|roberta|[a-z]*bert|electra|minilm|mpnet|t5|nomic-embed"
        r"|mxbai-embed|jina-|snowflake-arctic|stella|opt-\d+(?:\.\d+)?[bm])"
    ),
    r"re:(?i)[\"'](?:(?:[\w.-]|(?-i:[^\x00-\x7f]))*[-_.])?(?:" + _ENCODER_BARE + r")[-_]",
)


def names_a_model(text: str) -> bool:
    """Whether a dict key is a model id, not the project's own label: its whole text has an id's complete shape
    (`"llama-65b"`, `"vicuna-7b-v1.3"`, `"mistral.mixtral-8x7b-instruct-v0:1"`), so a per-model table (max
    tokens, prices, capabilities) keyed by ids names each model. A bare family (`"llama3.1"`) stays a label."""
    if not 3 < len(text) < 120 or not (any(c.isdigit() for c in text) or text.endswith("-latest")):
        return False
    return any(
        p.search(text)
        for p in (_LLAMA_VALUE, _OPEN_VALUE, BEDROCK_LLAMA, BEDROCK_MODEL, CLOSED_VALUE, ENCODER_VALUE)
    )


def _router_prefixes(names: Iterable[str]) -> str:
    """An alternation of ``names``, longest first (`together_ai` before `together`)."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


# A router's provider-prefixed model string (hosted.ROUTER_PROVIDER_PREFIXES): `<prefix>/` or `<prefix>:`, then a
# model with at most one owner (Fireworks' `accounts/<owner>/models/` too) and an optional `:tag`. The model's own
# name has an open family's word, or a digit and a `-` (`groq/mixtral-8x7b-32768`): not a container image
# (`vllm/vllm-openai:latest`, `ollama/ollama:0.3`: the version is in the tag), a module path
# (`vllm/model_executor/models/llama`, `vllm/v1`), a host and port (`ollama:11434`) or a file (`ollama/setup.py`).
_ROUTER_NAME = (
    r"(?![\w.-]*\.(?:py|json|ya?ml|toml|txt|md|sh|cfg|ini)$)"
    r"(?=[\w.-]*?(?:(?<![A-Za-z])(?i:llama|" + _FAMILY_WORDS + r")(?![A-Za-z])|\d[\w.]*-|-[\w.]*\d))"
    r"[A-Za-z0-9][\w.-]*"
)
_ROUTER_MODEL = (
    r"(?:accounts/[\w-]+/models/|(?![\w.-]*_[\w.-]*/)[A-Za-z0-9][\w.-]*/)?" + _ROUTER_NAME + r"(?::[\w.-]+)?"
)
ROUTER_MODEL_ID = lazy(
    r"^(?:(?:"
    + _router_prefixes(ROUTER_PROVIDER_PREFIXES)
    + r")[/:]|(?:"
    + _router_prefixes(ROUTER_NAMED_PROVIDERS)
    + r"):)"
    + _ROUTER_MODEL
    + "$"
)
_ROUTER_PREFIX_WORDS = _router_prefixes({*ROUTER_PROVIDER_PREFIXES, *ROUTER_NAMED_PROVIDERS})
_ROUTER_TRIGGERS = (r"re:[\"'](?:" + _ROUTER_PREFIX_WORDS + r")[/:][A-Za-z0-9]",)

# An id has no `.` before a letter (`_NOT_FILE`), so a family word after a dot (`"compiler.parser.codegen"`) or
# before a dot and a letter is no id; and a quoted family word, `_` and a word (`'yi_US.CP1255'`, locale.py) is one
# only if the first character after that word is `-`, `/`, `:` or a `.` before no letter. `_NA` is a non-ASCII
# character matched case-sensitively (RE2 folds the Kelvin sign and the long s into `[\x00-\x7f]` under `(?i)`);
# `_FOLDS` are those Python's `(?i)` takes for an ASCII letter, after a dot.
_NA = r"(?-i:[^\x00-\x7f])"
_FOLDS = "(?-i:\u0130|\u0131|\u017f|\u212a)"
_DOT = r"\.(?:[^a-z_]|" + _NA + ")"
_OPEN_TRIGGERS = (
    r"re:(?:[\d_/-]|" + _NA + ")(?:" + _FAMILY_WORDS + r")(?:[\d_:/-]|" + _DOT + "|" + _NA + ")",
    r"re:[\"'](?:" + _FAMILY_WORDS + r")(?:[\d:/-]|" + _DOT + "|" + _NA + ")",
    r"re:[\"'](?:" + _FAMILY_WORDS + r")_(?:[\w\\]|" + _NA + r")*(?:[-/:]|" + _DOT + ")",
    r"re:(?:[\d_/-]|" + _NA + ")(?:" + _FAMILY_WORDS + r")[\"']",
    r"re:\." + _FOLDS,
    "gpt2",
)

# In configuration files: a whole value (after `key =`, `key:`, a list dash, a shell word or a comma) that is a
# model id; `owner--name` after `models--` is a Hub cache folder (`models--meta-llama--Llama-3.1-8B`).
_VALUE_START = r"(?:(?<=[=:,\[(]\s)|(?<=[=:,\[(])|(?<=^-\s)|(?<=\s-\s)|(?<=\s)|(?<=^))[\"']?"
_VALUE_END = r"(?=[\"']?(?:\s*[,\])}#]|\s*$|\s+(?:--|\\|&&|\|)|\s+[\"']))"


# Keys and flags whose value is the project's own name for something, a dataset or a chat template, not a model;
# and model keys, which earlier rules read.
_NOT_MODEL_KEYS = (
    r"name|run_name|abbr|output_dir|output_path|save_dir|hub_model_id|path|data_path|chat_template|template"
    r"|\w*dataset\w*"
    r"|\w*_path|\w*_dir|value"  # where the project writes; Kubernetes' `value:` follows a `name:` SOV854 reads
    r"|[\w.]*model\w*"  # a model key or flag (`model:`, `--model`) is SOV852/SOV854's
)


def _config_value(families: str, *, bare: bool = True, name: Callable[[str], str] = _name) -> str:
    """A whole value of a configuration line that is one id of ``families`` (with an owner only, unless ``bare``),
    its name spelled as ``name`` says."""
    return (
        # a list item or a value alone on its line continues a flag or key the earlier rules read
        r"(?:^(?!\s*-\s)(?!\s*[\"']?[\w./:-]+[\"']?\s*,?\s*(?:\\\s*)?$)(?:(?!\b(?:"
        + _NOT_MODEL_KEYS
        + r")\b\s*[:=\s]).)*?|(?<=[,\[])\s*)(?<![\w.:/@$-])"
        + _VALUE_START
        + r"(?P<api>"
        + _NOT_FILE
        + r"(?:"
        + _OWNER
        + r"(?=[\w.-]*\d)"
        + name(families)
        + r"(?::[\w.-]+)?"
        + ("|" + _bare(families) if bare else "")
        + r"))"
        + _VALUE_END
        # neither owner nor name has `--` (possessive owner: one way to read it, so a long folder name is read once)
        + r"|\bmodels--(?P<cache>[\w.]++(?:-[\w.]++)*+--(?:[\w.]|-(?!-))*?(?<![A-Za-z])(?i:"
        + families
        + r")(?![A-Za-z])[\w.-]*)(?![\w.-])"
    )


def _config_key(families: str) -> str:
    """A mapping key that is one model id (`models:` tables of model-info YAML: `mistral-small-2506:`)."""
    return (
        r"^[ \t]*[\"']?(?P<api>"
        + _NOT_FILE
        + r"(?:"
        + _OWNER
        + r"(?=[\w.-]*\d)"
        + _name(families)
        + r"|"
        + _bare(families)
        + r"))[\"']?[ \t]*:(?=[ \t]|$)"
    )


_LLAMA_KEY = lazy(_config_key(LLAMA_FAMILY), re.MULTILINE)
_OPEN_KEY = lazy(_config_key(_OPEN), re.MULTILINE)
_LLAMA_CONFIG = lazy(_config_value(LLAMA_FAMILY), re.MULTILINE)
_OPEN_CONFIG = lazy(_config_value(_OPEN), re.MULTILINE)
_OPEN_LINE_TRIGGERS = (
    (
        # not inside a word (`Attempt-Date`, `philosophy`): the rule's own patterns never match there either
        r"re:(?i)(?:^|[^a-z])(?:mistral|mixtral|ministral|codestral|gemma|codegemma|qwen|qwq|phi-?\d|deepseek|falcon"
        r"|granite|olmo|starcoder|smol|internlm|baichuan|chatglm|glm-|gpt-?oss|exaone|nemotron|jamba|llava|vicuna|zephyr|yi-|stablelm|pythia"
        r"|bloom|mpt-|gpt2|gpt-?neox|gpt-?j|dolly|redpajama|openchat|orca|" + "|".join(MORE_FAMILIES) + ")"
    ),
)

# The same string as a whole value of a configuration file or script (`llm: together_ai/meta-llama/...`,
# `MODEL=groq:llama-3.3-70b-versatile`), where no other model rule reports its span; not inside a URL or path.
_ROUTER_CONFIG = lazy(
    r"(?<![\w.:/@$-])"
    + _VALUE_START
    + r"(?P<api>"
    + ROUTER_MODEL_ID.pattern.removeprefix("^").removesuffix("$")
    + r")"
    + _VALUE_END,
    re.MULTILINE,
)
_ROUTER_LINE_TRIGGERS = (r"re:(?:^|[^\w.:/@$-])(?:" + _ROUTER_PREFIX_WORDS + r")[/:][A-Za-z0-9]",)

# Closed models in configuration under a model key (SOV854's, and the `llm:`/`summary_llm:`/`embedding:` keys of
# agent and RAG configs: paper-qa's settings, AutoRAG's pipelines), also as the first item of a YAML flow list
# (`model: [gpt-4o-mini]`), where no other model rule reports them. Not `model_name:` (a display name beside a
# model-id key, convention 26: SOV854 decides).
_MODEL_ID_KEYS = (
    r"(?i:models?|model_id|[a-z][a-z0-9]*_model|llm|[a-z][a-z0-9]*_llm|llm_model"
    r"|embedding|embeddings|embedding_model|embed_model|(?:[a-z][a-z0-9]*_)*judge(?:_model)?)"
)
_CONFIG_CLOSED = lazy(
    r"(?<![\w.$-])[\"']?(?:[A-Za-z_][\w-]*\.)*"
    + _MODEL_ID_KEYS
    + r"[\"']?\s*(?:[:?+]?=|:)\s*(?:\[\s*)?[\"']?(?P<api>"
    + _CLOSED_PREFIX
    + "?"
    + _CLOSED_NAME
    + r")[\"']?(?=\s*(?:[,\]}#]|$))",
    re.MULTILINE,
)
# A per-model table's key that is an unmistakable closed id (`gpt-4o-2024-08-06:`, `claude-3-5-haiku-20241022:` in a
# pricing or context-window YAML): convention 8, as SOV596/SOV597 for open families.
_CONFIG_CLOSED_KEY = lazy(
    r"^[ \t]*[\"']?(?P<api>(?:"
    + _CLOSED_PREFIX
    + _CLOSED_NAME
    + "|"
    + _CLOSED_STRONG
    + r"))[\"']?[ \t]*:(?=[ \t]|$)",
    re.MULTILINE,
)
# The rules that report a per-model table's key in configuration; a sibling key of the same family word beside one
# of theirs (`deepseek-reasoner:` beside `deepseek-chat:` under `models:`) is the same table's id (convention 8).
CONFIG_KEY_RULES = ("SOV596", "SOV597")
_CONFIG_CLOSED_TRIGGERS = (
    (
        r"re:(?:gpt-[345]|chatgpt-|o[134]-|text-(?:embedding|davinci|curie|babbage|ada)-|davinci-|babbage-|claude-|gemini-"
        r"|grok-\d)"
    ),
)
# Web sources (`.js`, `.ts`, `.vue`, `.html`): a whole string literal ('...', "...", `...`) of UI code, which names
# models in option lists (`{ value: 'gpt-4o', label: ... }`), fallbacks (`input.value || 'gemma3:12b'`) and defaults
# (`fallbackModel = 'llama3'`). A closed id with a digit, an open id with an owner, size, variant or tag is a model
# wherever it stands; a family name alone (`'mistral'`, `'llama3'`, `'gemma:latest'`) only as an option's `value`
# or after a model key or variable. Words in UI text and identifiers (`gptModel`) are no string literals.
_WEB_QUOTE = r"(?<![\w$\\])[\"'`]"
_WEB_CLOSE = r"[\"'`]"
_WEB_MODEL_KEY = r"\b(?:value|\w*[Mm]odel\w*)[\"']?\s*(?:[:=]|\|\|)\s*"
_WEB_OPEN_WORDS = (
    r"(?:mistral|mixtral|gemma|qwen|falcon|vicuna|zephyr|openchat|llava|starcoder|deepseek|granite)"
)
_WEB_LLAMA_WORDS = r"(?:code|tiny)?llama"


def _web_id(families: str, words: str) -> str:
    """A string literal of a web source that is one model id of ``families``, or a family word where a model is
    expected."""
    word = r"(?i:" + words + r")(?:\d+(?:\.\d+)?)?"
    return (
        _WEB_QUOTE
        + r"(?P<api>"
        + _NOT_FILE
        + r"(?:"
        + _OWNED
        + _name(families)
        + r"(?::[\w.-]+)?|"
        + _bare(families)
        + r")|"
        + word
        + r":[\w.-]*[\w])"
        + _WEB_CLOSE
        + r"|"
        + _WEB_MODEL_KEY
        + _WEB_QUOTE
        + r"(?P<word>"
        + word
        + r")"
        + _WEB_CLOSE
    )


_WEB_LLAMA = lazy(_web_id(LLAMA_FAMILY, _WEB_LLAMA_WORDS))
_WEB_OPEN = lazy(_web_id(_OPEN, _WEB_OPEN_WORDS))
_WEB_CLOSED_NAME = re.sub(
    r"(claude|gemini)-\[a-z0-9\.-\]\*\[a-z0-9\]",
    r"\1-[a-z.-]*[0-9](?:[a-z0-9.-]*[a-z0-9])?",
    _CLOSED_NAME,
)  # with a version digit: `claude-instant`, `gemini-pro` are also product names in UI text
_WEB_CLOSED = lazy(_WEB_QUOTE + r"(?P<api>" + _CLOSED_PREFIX + "?" + _WEB_CLOSED_NAME + r")" + _WEB_CLOSE)
_WEB_CLOSED_TRIGGERS = (_CLOSED_TRIGGERS[0].replace("[\\\"'/]", "[\\\"'`/]"), "text-embedding-")

_TOKENIZER_TRIGGERS = (r"re:tokenizer\w*[\"']?[ \t]*[:=]",)
# A model id as a positional argument of a Python program in a shell script (`python serve.py
# mistralai/Mistral-Large-Instruct-2407 Parser`): `owner/name` of a known family with a version digit.
_SHELL_PROGRAM = (
    r"^\s*(?:[A-Za-z_]\w*=\S*\s+)*(?:(?:\S*/)?python[\d.]*|torchrun|deepspeed|accelerate\s+launch|uv\s+run"
    r"|poetry\s+run)\s"
)
_SHELL_ID = lazy(
    _SHELL_PROGRAM
    + r"[^\n#]*?(?<=\s)[\"']?(?P<api>"
    + _NOT_FILE
    + _OWNER
    + r"(?=[\w.-]*\d)"
    + r"(?:"
    + _name(LLAMA_FAMILY + "|" + _OPEN)
    + "|"
    + _ENCODER_NAME
    + ")"
    + r")[\"']?(?=\s|$)",
    re.MULTILINE,
)


# A tokenizer folder named for a model family (`tokenizer_prefix: llama3_1_tokenizer`, `tokenizer_dir:
# ./qwen2_tokenizer`): the tokenizer path names the model (convention 7).
def _tokenizer_folder(families: str) -> str:
    return (
        r"(?<![\w.$-])[\"']?(?i:[a-z_]*tokenizer[a-z_]*)[\"']?[ \t]*[:=][ \t]*[\"']?(?P<api>(?:[\w.~-]*/)*"
        + r"(?<![A-Za-z])(?i:"
        + families
        + r")(?![a-z])[\w.]*?[_-]tokenizer)/?[\"']?(?=\s*(?:[,}#]|$))"
    )


_LLAMA_TOKENIZER_FOLDER = lazy(_tokenizer_folder(LLAMA_FAMILY), re.MULTILINE)
_OPEN_TOKENIZER_FOLDER = lazy(_tokenizer_folder(_OPEN), re.MULTILINE)
_ENCODER_CONFIG = lazy(_config_value(ENCODER_FAMILIES, bare=False, name=_encoder_name), re.MULTILINE)
_ENCODER_LINE_TRIGGERS = (
    (
        r"re:(?i)(?:[\w.-]|(?-i:[^\x00-\x7f]))/(?:(?:[\w.-]|(?-i:[^\x00-\x7f]))*[-_.])?(?:bge|e5|gte|deberta|roberta|[a-z]*bert|electra|minilm|mpnet|t5|nomic-embed"
        r"|mxbai-embed|jina-|snowflake-arctic|stella|opt-\d+(?:\.\d+)?[bm])"
    ),
    "models--",  # a Hub cache folder (`models--BAAI--bge-m3`)
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV541",
        name="closed-model-id",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="closed model `{api}` is hard-coded",
        matchers=(
            Literal(CLOSED_ID, context="model", triggers=_CLOSED_TRIGGERS),
            Literal(CLOSED_VALUE, context="closed-model", triggers=_CLOSED_TRIGGERS),
            Literal(CLOSED_ROUTED, context="value", triggers=_CLOSED_TRIGGERS),
            Literal(CLOSED_PLACED, context="closed-model", triggers=(*_CLOSED_TRIGGERS, *_PLACED_TRIGGERS)),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for closed models (OpenAI's `gpt-*`, o-series and embedding models, Anthropic's `claude-*`, "
            "Google's `gemini-*`, xAI's `grok-*`) where a model is expected in any call or class, the project's own "
            'too (`model="gpt-4o"`, `model_name: str = "gpt-4o-mini"`, `self.model = ...`), and ids no other text '
            "has (a version after the family: `gpt-5-nano`, `claude-sonnet-4-0`, `gemini-2.5-flash`; a dated "
            "snapshot: `gpt-4o-2024-05-13`, `gpt-4-1106-preview`; a router's provider prefix: `azure/gpt-4o`, "
            "`openrouter/openai/gpt-3.5-turbo`) as a per-model table's key, a call's positional argument or an entry "
            'of a module constant\'s list or dict values (`MULTIMODAL = [...]`, `{"opus": "claude-3-opus-20240229"}`); '
            "undated ids (`gpt-4o`, `o3-mini`, `o3`) only where nothing but a model stands: the first argument of a "
            'class named for a model or of a registration (`Chat("gpt-4o")`, `@registry.register("gpt-4")`, '
            '`register(Responses("o3"))`), the items of a loop over models (`for model_id in ("gpt-4.1", ...)`) and '
            "the keys of a table whose keys are mostly closed ids and whose values are no strings (a cost or limit "
            "map). In other lists and dict values only a router's provider-prefixed id counts. "
            "Undated `gpt-4`/`gpt-4o` outside a model position are tiktoken's encoding names, not reported.",
            why=_WHY
            + " A closed model is the lock-in the migration removes; its replacement is chosen per use.",
            example='LitellmModel(model="gpt-4o-2024-05-13", max_tokens=500)',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV542",
        name="encoder-model-id",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="encoder or embedding model `{api}` is hard-coded",
        matchers=(
            Literal(ENCODER_VALUE, context="value", triggers=_ENCODER_TRIGGERS),
            Literal(ENCODER_ID, context="model", triggers=_ENCODER_TRIGGERS),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Hub ids of encoder, embedding, reranker and classifier families (BGE, E5, GTE, BERT, "
            "RoBERTa, DeBERTa, ELECTRA, MiniLM, MPNet, T5, Nomic, mxbai, Jina, Snowflake Arctic, Stella) and of "
            "OPT: `owner/name` with a version digit wherever it stands (`BAAI/bge-base-en-v1.5`, "
            "`MoritzLaurer/deberta-v3-large-zeroshot-v2.0`, `facebook/opt-350m`), and names without an owner "
            '(`roberta-base`, `all-MiniLM-L6-v2`) only where a model is expected (`model_name="..."`).',
            why=_WHY,
            example='Model(path="BAAI/bge-base-en-v1.5", onnx_path="BAAI/bge-base-en-v1.5")',
            use_instead="The model id in configuration.",
        ),
    ),
    Rule(
        code="SOV543",
        name="config-closed-model",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names closed model `{api}`",
        matchers=(
            Line(_CONFIG_CLOSED, CONFIG_FILES, triggers=_CONFIG_CLOSED_TRIGGERS, last=True),
            Line(_CONFIG_CLOSED_KEY, ("yaml", "toml", "json"), triggers=_CONFIG_CLOSED_TRIGGERS),
            Line(_WEB_CLOSED, ("web",), triggers=_WEB_CLOSED_TRIGGERS),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files for closed models (`gpt-*`, `claude-*`, `gemini-*`, `grok-*`, "
            "OpenAI's embedding models, with a router's provider prefix or not) under the model keys of agent and "
            'RAG configs (`"llm": "claude-3-5-sonnet-20240620"`, `summary_llm:`, `agent_llm:`, `embedding:`), and '
            "as the first item of a YAML flow list (`model: [gpt-4o-mini]`), where no other model rule reports "
            "the line; and mapping keys that are unmistakable closed ids (`gpt-4o-2024-08-06:` in a per-model "
            "pricing or context-window table). In web sources (`.js`, `.html`...) a string literal that is a "
            "closed id with a version digit (`{ value: 'gpt-4o' }`).",
            why=_WHY,
            example='{"llm": "claude-3-5-sonnet-20240620", "summary_llm": "gpt-4o-2024-08-06"}',
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV544",
        name="shell-model-argument",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="command passes model `{api}`",
        matchers=(
            Line(
                _SHELL_ID,
                ("shell",),
                triggers=(*_OPEN_LINE_TRIGGERS, "llama", *_ENCODER_LINE_TRIGGERS),
                last=True,
            ),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks shell scripts for a model's `owner/name` id (an open family's, with a version digit) given "
            "as a positional argument of a Python program (`python serve.py mistralai/Mistral-Large-Instruct-2407 "
            "MistralToolCallParser`, `torchrun`, `accelerate launch`), where no other model rule reports it.",
            why=_WHY,
            example="python sandbox/model_test.py mistralai/Mistral-Large-Instruct-2407 MistralToolCallParser",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV545",
        name="config-llama-tokenizer-folder",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="configuration names Llama tokenizer folder `{api}`",
        matchers=(Line(_LLAMA_TOKENIZER_FOLDER, CONFIG_FILES, triggers=_TOKENIZER_TRIGGERS),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files for a tokenizer key whose value is a folder named for a Llama "
            "release (`tokenizer_prefix: llama3_1_tokenizer`, `tokenizer_dir: ./llama2-tokenizer`).",
            why=_WHY + " The tokenizer folder holds one family's vocabulary and changes with the model.",
            example="tokenizer_prefix: llama3_1_tokenizer",
            use_instead="The target model's tokenizer, named by the model setting.",
        ),
    ),
    Rule(
        code="SOV546",
        name="config-tokenizer-folder",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names tokenizer folder `{api}`",
        matchers=(Line(_OPEN_TOKENIZER_FOLDER, CONFIG_FILES, triggers=_TOKENIZER_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files for a tokenizer key whose value is a folder named for another "
            "open family (`tokenizer_prefix: mistral_tokenizer`, `tokenizer_dir: qwen2_tokenizer`).",
            why=_WHY + " The tokenizer folder holds one family's vocabulary and changes with the model.",
            example="tokenizer_prefix: mistral_tokenizer",
            use_instead="The target model's tokenizer, named by the model setting.",
        ),
    ),
    Rule(
        code="SOV547",
        name="config-encoder-model",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names encoder or embedding model `{api}`",
        matchers=(Line(_ENCODER_CONFIG, CONFIG_FILES, triggers=_ENCODER_LINE_TRIGGERS, last=True),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files and shell scripts for `owner/name` ids of the encoder and embedding "
            "families SOV542 reads in Python (`embedding_model: BAAI/bge-small-en-v1.5`, "
            "`reranker: cross-encoder/ms-marco-MiniLM-L-6-v2`), as whole values under any key.",
            why=_WHY,
            example="reranker: cross-encoder/ms-marco-MiniLM-L-6-v2",
            use_instead="One model setting, read by the adapter.",
        ),
    ),
    Rule(
        code="SOV590",
        name="llama-model-value",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="Llama model id `{api}` is written as a value",
        matchers=(Literal(_LLAMA_VALUE, context="value", triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for Llama model ids written as whole string values anywhere in Python: items of "
            "supported-model lists and `Literal[...]` types, set members, dict values, LiteLLM-style "
            "`provider/model` ids (`'llama-4-scout-17b-16e-instruct'`, `'ollama/llama3.1'`). The string must be "
            "one id: a Llama release with a size or variant, or `owner/name` with a version; file names of the "
            "project (`llama_7b.yaml`) and prose are not ids.",
            why=_WHY,
            example='JSON_MODELS = {"llama-4-maverick-17b-128e-instruct", "llama-4-scout-17b-16e-instruct"}',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV591",
        name="open-model-value",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="model id `{api}` is written as a value",
        matchers=(Literal(_OPEN_VALUE, context="value", triggers=_OPEN_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for ids of other open-weight families (Qwen, Gemma, Mistral, Mixtral, gpt-oss, Kimi, "
            "SmolLM, Phi, DeepSeek, and the decoder families transformers names: DBRX, MiniCPM, MiniMax, Hunyuan, "
            "Seed-OSS, LFM2, Apertus, OLMoE, RWKV, Zamba, SOLAR, Jais, Mamba, Command R, Aya...) written as whole "
            "string values anywhere in Python: items of "
            "supported-model lists and `Literal[...]` types, dict values (`'groq-gemma2': 'gemma2-9b-it'`). "
            "The string must be one id with a size, variant or tag, or `owner/name` with a version.",
            why=_WHY,
            example="GroqModels = Literal['qwen/qwen3-32b', 'openai/gpt-oss-120b']",
            use_instead="The model id in configuration.",
        ),
    ),
    Rule(
        code="SOV593",
        name="config-llama-value",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="configuration names Llama model `{api}`",
        matchers=(
            Line(_LLAMA_CONFIG, CONFIG_FILES, triggers=("llama",), last=True),
            Line(_WEB_LLAMA, ("web",), triggers=("llama",)),
        ),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files and shell scripts for Llama model ids as whole values under any key "
            '(`fast_llm = "ollama/llama3.1"`, `vlm = "lm_studio/llama3.2-vision"`, `tokenizer_name: '
            '"nvidia/Llama-3.3-Nemotron-Super-49B-v1"`), as arguments of download helpers and as Hub cache '
            "folders (`models--meta-llama--Llama-3.1-8B`). Keys, URL paths and file paths are not values. In web "
            "sources a string literal that is a Llama id (`'meta-llama/Llama-3.1-8B'`, `'llama3:8b'`), or a "
            "family name as an option's `value` or a model variable's (`fallbackModel = 'llama3'`).",
            why=_WHY,
            example='quality_llm = "ollama/llama3.1"',
            use_instead='quality_llm = "openai/qwen2.5-7b-instruct"',
        ),
    ),
    Rule(
        code="SOV594",
        name="config-model-value",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names model `{api}`",
        matchers=(
            Line(_OPEN_CONFIG, CONFIG_FILES, triggers=_OPEN_LINE_TRIGGERS, last=True),
            Line(_WEB_OPEN, ("web",), triggers=_OPEN_LINE_TRIGGERS),
        ),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files and shell scripts for ids of other open-weight families as whole "
            'values under any key (`tokenizer_name: "google/gemma-3n-E4B-it"`), as arguments of download '
            'helpers (`download_with_retry "Qwen/Qwen3-0.6B"`) and as Hub cache folders. In web sources a string '
            "literal that is such an id (`'gemma3:12b'`, `'gemma:latest'`), or a family name as an option's "
            "`value` or a model variable's (`{ value: 'mistral' }`).",
            why=_WHY,
            example='download_with_retry "HuggingFaceTB/SmolLM2-135M-Instruct"',
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV596",
        name="config-llama-key",
        kind=Kind.MODEL_ID,
        vendor="meta-llama",
        message="configuration keys a table by Llama model `{api}`",
        matchers=(Line(_LLAMA_KEY, CONFIG_FILES, triggers=("llama",)),),
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files for Llama model ids as whole mapping keys: the `models:` table of a "
            'model-info or pricing file keyed by id (`llama-3.3-70b-instruct:`, `"meta-llama/Llama-3.1-8B":`). '
            "A key needs an id's complete shape; a family name alone (`llama:`) is a key of the project's own.",
            why=_WHY,
            example="models:\n  llama-3.3-70b-instruct:\n    context_length: 131072",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV597",
        name="config-model-key",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration keys a table by model `{api}`",
        matchers=(Line(_OPEN_KEY, CONFIG_FILES, triggers=_OPEN_LINE_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files for ids of other open-weight and hosted open-model families as whole "
            "mapping keys (`deepseek-v4-pro:`, `mistral-small-2506:`, `kimi-k2.5:` under a `models:` table). "
            "A key needs a size, variant, version, date or owner, or a reported sibling of the same family word "
            "(`deepseek-reasoner:` beside `deepseek-chat:`); `mistral:` alone is the project's own key.",
            why=_WHY,
            example="models:\n  mistral-small-2506:\n    context_length: 131072",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
    Rule(
        code="SOV598",
        name="router-model-id",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="router model string `{api}` names a provider and a model",
        matchers=(Literal(ROUTER_MODEL_ID, context="value", triggers=_ROUTER_TRIGGERS),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks for provider-prefixed model strings as routers take them (LiteLLM, CrewAI, DSPy, "
            "instructor's `from_provider`, any-llm, aisuite, pydantic-ai, LangChain's `init_chat_model`) written as "
            "whole values anywhere in Python, where no family rule reports the string: `<prefix>/<model>` or "
            "`<prefix>:<model>` with a prefix of `hosted.ROUTER_PROVIDER_PREFIXES` (`together_ai/`, `groq/`, "
            "`ollama_chat/`, `hosted_vllm/`, `fireworks_ai/accounts/fireworks/models/`...) and a model whose name "
            "has an open family's word or a version (`together_ai/meta-llama/Llama-3-70b-chat-hf`, "
            "`ollama:qwen2.5:7b`). Container images (`vllm/vllm-openai:latest`), module paths and files are not ids.",
            why=_WHY,
            example='llm = LLM(model="together_ai/meta-llama/Llama-3-70b-chat-hf")',
            use_instead="The model id in configuration, read once by the adapter.",
        ),
    ),
    Rule(
        code="SOV599",
        name="config-router-model-id",
        kind=Kind.MODEL_ID,
        vendor="any",
        message="configuration names router model `{api}`",
        matchers=(Line(_ROUTER_CONFIG, CONFIG_FILES, triggers=_ROUTER_LINE_TRIGGERS, last=True),),
        level=Level.NOTE,
        effort_driver="model_id",
        docs=RuleDocs(
            what="Checks configuration files and shell scripts for the provider-prefixed model strings SOV598 reads "
            "in Python, as whole values under any key (`llm: together_ai/meta-llama/Llama-3-70b-chat-hf`, "
            "`MODEL=groq:llama-3.3-70b-versatile`), where no other model rule reports them. Container images "
            "(`image: vllm/vllm-openai:latest`), host names (`ollama:11434`) and URLs are not ids.",
            why=_WHY,
            example="llm: together_ai/meta-llama/Llama-3-70b-chat-hf",
            use_instead="One model setting, read by the adapter (`SOVMIGRATE_MODEL`).",
        ),
    ),
)
