"""SOV870-SOV877: fine-tuning and evaluation recipe configs that build one model family.

Recipe-driven tools (torchtune, NeMo and Lightning through Hydra/OmegaConf, LightningCLI, llm-foundry, verl) name
the model by the builder that constructs it (`_component_: torchtune.models.llama3_1.lora_llama3_1_8b`,
`_target_: nemo.collections.llm.LlamaModel`, `class_path: ...Qwen2Model`), build the family's tokenizer the same way
(`_component_: torchtune.models.qwen2.qwen2_tokenizer`), read a downloaded model's checkpoint and tokenizer files
from a folder named after its release (`checkpoint_dir: /tmp/Meta-Llama-3.1-8B-Instruct`, `merges_file:
/tmp/Qwen2-0.5B-Instruct/merges.txt`) and convert checkpoints by the family's format (`model_type: LLAMA3`). Each
changes with the model a migration moves to (and means re-training a fine-tune).
"""

from __future__ import annotations

import re

from sovmigrate.rules.manifests import LLAMA_FAMILY, OPEN_FAMILIES, OWN_OUTPUT, model_release
from sovmigrate.rules.model import Kind, Line, Rule, RuleDocs, lazy

_FILES = ("yaml", "toml", "json", "ini")

# Model families as they appear in builder names, release folders and format enums (the catalog's family words).
_LLAMA = LLAMA_FAMILY
_OTHERS = OPEN_FAMILIES


# Each family's leading letters (`gpt-?neox` -> `gpt`): every line a rule matches holds one. Short ones only where
# no letter comes before them (`yi` is in `yield`), and for a whole family word, no lower-case letter after it
# (as the rules read family names: `Yi-34B`, `A.yiTokenizer`).
def _trigger(family: str) -> str:
    word = re.match(r"[a-z]*", re.sub(r".\?.*", "", family)).group(0)
    if len(word) > 3:
        return word
    return rf"re:(?:^|[^a-z]){word}" + (r"(?:$|(?-i:[^a-z]))" if word == family else "")


_TRIGGERS = tuple(dict.fromkeys(_trigger(family) for family in _OTHERS.split("|")))

# A component key of a recipe config: torchtune's `_component_`, Hydra's `_target_`, LightningCLI's `class_path`.
_COMPONENT_KEY = r"^\s*(?:-\s+)?[\"']?(?:_component_|_target_|class_path)[\"']?\s*[:=]\s*[\"']?"
# Builders that are not the model: prompt templates (their own rules), datasets, losses, metrics.
_NOT_MODEL = r"(?![\w.]*(?:Template|template|dataset|Dataset|_data\b|loss|Loss|metric|Metric))"


def _family(names: str) -> str:
    """A family name inside a dotted or snake_case identifier: `lora_llama3_1_8b`, `Llama31Config8B`."""
    return r"(?<![A-Za-z])(?i:" + names + r")(?![a-z])"


def _component(names: str, tokenizer: bool) -> re.Pattern[str]:
    """`_component_: pkg.models.family.leaf`: a tokenizer builder or the model's (or its parallel plan).

    The leaf names the family (`lora_llama3_1_8b`), or the module it is in does (`torchtune.models.llama4.
    decoder_only_tp_plan`).
    """
    leaf = r"\w*(?:[Tt]okenizer|_transform)" if tokenizer else r"(?!\w*(?:[Tt]okenizer|_transform)\b)\w*"
    module = r"(?:[A-Za-z_]\w*\.)*?" + _family(names) + r"[\w]*\.(?=\w*$|\w*[\"']?\s*,?\s*$)"
    return lazy(
        _COMPONENT_KEY
        + r"(?P<api>"
        + _NOT_MODEL
        + r"(?:(?:[A-Za-z_]\w*\.)+\w*?"
        + _family(names)
        + leaf
        + "|"
        + module
        + leaf
        + r"))[\"']?\s*,?\s*$"
    )


# Keys that name where a recipe reads a model from; not where it writes (`output_dir`, `save_path`, `log_dir`), nor
# data (`data_path`, `dataset_dir`).
_PATH_KEY = (
    r"^\s*(?:-\s+)?[\"']?(?![\w-]*(?:output|out_dir|save|log|cache|result|dump|export|data|metric|eval_dir))"
    r"(?:[\w-]+[._])?(?:checkpoint_dir|checkpoint_path|ckpt_dir|ckpt_path|checkpoint|pretrained_path"
    r"|pretrained_model_path|path|model_dir|tokenizer_path|tokenizer_file|tokenizer_model|vocab_file|vocab_path"
    r"|merges_file|merges_path|spm_path|hf_path|weights_path|base_dir)[\"']?\s*[:=]\s*[\"']?"
)


def _folder(names: str) -> re.Pattern[str]:
    return lazy(
        _PATH_KEY
        + r"(?P<api>"
        + OWN_OUTPUT
        # `/data/qwen2/train.json` is data (`/data/models/...` holds models)
        + r"(?![\w.~$/{}-]*(?<![\w-])(?:data/(?!models?/|weights/|checkpoints?/)|datasets?/))"
        + r"(?:[\w.~$/{}-]*/)?(?:"
        + model_release(names)
        # a whole folder named by family and version: `/tmp/phi-4`, `/tmp/TinyLlama_v1.1/`
        + r"|[\w-]*?(?<![A-Za-z])(?i:"
        + names
        + r")[-_.]?v?\d+(?:\.\d+)*(?=/|[\"']?\s*,?\s*$))(?:/[\w.-]+)*/?)[\"']?\s*,?\s*$"
    )


# The family's model type: torchtune's checkpoint formats (`model_type: LLAMA3_2`, `QWEN2`, `PHI3_MINI`: upper case,
# the enum's spelling) and axolotl's architecture class (`model_type: LlamaForCausalLM`; `AutoModelForCausalLM` is
# neutral).
def _model_type(formats: str, names: str) -> re.Pattern[str]:
    architecture = (
        r"(?=\w*(?:For[A-Z]\w*|Model)$|\w*(?:For[A-Z]\w*|Model)[\"']?\s*,?\s*$)\w*?" + _family(names) + r"\w*"
    )
    return lazy(
        r"^\s*[\"']?model_type[\"']?\s*[:=]\s*[\"']?(?P<api>(?:"
        + formats
        + r")[A-Z0-9_]*|"
        + architecture
        + r")[\"']?\s*,?\s*$"
    )


_LLAMA_TYPES = r"(?:CODE_)?LLAMA"
_OTHER_TYPES = (
    r"MISTRAL|MIXTRAL|GEMMA|QWEN|PHI|DEEPSEEK|FALCON|GRANITE|OLMO|STARCODER|SMOLLM|INTERNLM|NEMOTRON|GPT_OSS"
)


def _pair(
    first: str, name: str, kind: Kind, message: str, docs: RuleDocs, patterns: tuple
) -> tuple[Rule, Rule]:
    """A rule for Llama (vendor meta-llama) and its twin for the other open families (vendor any)."""
    second = f"SOV{int(first[3:]) + 1}"
    llama, other = patterns
    driver = "model_id" if kind is Kind.MODEL_ID else "config_site" if kind is Kind.CONFIG else "token_site"
    common = {"kind": kind, "effort_driver": driver}
    return (
        Rule(
            code=first,
            name=f"llama-{name}",
            vendor="meta-llama",
            message=message.format(family="Llama ", api="{api}"),
            matchers=(Line(llama, _FILES, triggers=("llama",)),),
            docs=_docs(docs, f"Other families are {second}."),
            **common,
        ),
        Rule(
            code=second,
            name=name,
            vendor="any",
            message=message.format(family="", api="{api}"),
            matchers=(Line(other, _FILES, triggers=_TRIGGERS),),
            docs=_docs(docs, f"Llama is {first}."),
            **common,
        ),
    )


def _docs(docs: RuleDocs, note: str) -> RuleDocs:
    return RuleDocs(
        what=f"{docs.what} {note}", why=docs.why, example=docs.example, use_instead=docs.use_instead
    )


_WHY_BUILDER = (
    "The recipe builds one family's architecture; the migration changes the builder, its tokenizer and the "
    "checkpoint it loads together, and a fine-tune means re-training on the new base model."
)

RULES: tuple[Rule, ...] = (
    *_pair(
        "SOV870",
        "recipe-model-builder",
        Kind.MODEL_ID,
        "recipe config builds the {family}model `{api}`",
        RuleDocs(
            what="Checks recipe configs (torchtune `_component_:`, Hydra/OmegaConf `_target_:`, LightningCLI "
            "`class_path:`) for a builder of one model family's architecture (`torchtune.models.llama2.llama2_7b`, "
            "`lora_llama3_1_8b`, a teacher model, `nemo.collections.llm.LlamaModel`) or its parallel plan; datasets, "
            "losses and prompt templates are not.",
            why=_WHY_BUILDER,
            example="_component_: torchtune.models.llama3_1.lora_llama3_1_8b",
            use_instead="_component_: torchtune.models.qwen2_5.lora_qwen2_5_7b_instruct",
        ),
        (_component(_LLAMA, tokenizer=False), _component(_OTHERS, tokenizer=False)),
    ),
    *_pair(
        "SOV872",
        "recipe-tokenizer-builder",
        Kind.TOKENIZER,
        "recipe config builds the {family}tokenizer `{api}`",
        RuleDocs(
            what="Checks recipe configs for a builder of one family's tokenizer or model transform "
            "(`_component_: torchtune.models.llama3.llama3_tokenizer`, `qwen2_tokenizer`, `llama3_2_vision_transform`).",
            why="The tokenizer, its special tokens and chat format go with the family; the target model needs its own.",
            example="_component_: torchtune.models.llama3.llama3_tokenizer",
            use_instead="_component_: torchtune.models.qwen2_5.qwen2_5_tokenizer",
        ),
        (_component(_LLAMA, tokenizer=True), _component(_OTHERS, tokenizer=True)),
    ),
    *_pair(
        "SOV874",
        "recipe-model-folder",
        Kind.MODEL_ID,
        "recipe config reads the {family}model folder `{api}`",
        RuleDocs(
            what="Checks configs for the folder of a downloaded model named after its release, and the files read "
            "from it (`checkpoint_dir: /tmp/Meta-Llama-3.1-8B-Instruct`, `path: /tmp/Llama-2-7b-hf/tokenizer.model`, "
            "`merges_file: /tmp/Qwen2-0.5B-Instruct/merges.txt`). Where a recipe writes (`output_dir`, `save_path`, "
            "`log_dir`) and data paths are not read; checkpoint shard names (`model-00001-of-00004.safetensors`) "
            "name no model.",
            why="The weights and tokenizer files of one model are pinned by path; the migration downloads the target "
            "model and points the recipe at it.",
            example="checkpoint_dir: /tmp/Meta-Llama-3.1-8B-Instruct/",
            use_instead="checkpoint_dir: /tmp/Qwen2.5-7B-Instruct/",
        ),
        (_folder(_LLAMA), _folder(_OTHERS)),
    ),
    *_pair(
        "SOV876",
        "recipe-model-type",
        Kind.CONFIG,
        "recipe config sets the {family}model type `{api}`",
        RuleDocs(
            what="Checks recipe configs for the model type of one family: torchtune's checkpoint format "
            "(`model_type: LLAMA3`, `QWEN2`, `GEMMA`: the key mapping between the Hub's weights and the recipe's) "
            "and axolotl's architecture class (`model_type: LlamaForCausalLM`). A neutral class "
            "(`AutoModelForCausalLM`) is not reported.",
            why="The checkpointer converts weights and the trainer builds the architecture by family; a different "
            "base model needs its own.",
            example="model_type: LLAMA3",
            use_instead="model_type: QWEN2",
        ),
        (_model_type(_LLAMA_TYPES, _LLAMA), _model_type(_OTHER_TYPES, _OTHERS)),
    ),
)
