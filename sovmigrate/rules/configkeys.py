"""SOV828, SOV829, SOV857, SOV858: settings in configuration files that only one engine, one model or one
fine-tuning method understands.

- A LoRA/PEFT adapter trained, loaded or applied by a recipe or a launcher (`adapter: lora`, `finetuning_type:
  lora`, `use_peft: true`, `lora_rank: 8`, `adapter_name_or_path: saves/...`, `--lora_r 32`) was trained against one
  base model: it is redone on the target (convention 10 of docs/evaluation.md). One site per file (per command in a
  script): the settings around the first one configure the same adapter.
- Ollama's own option names (`num_ctx`, `num_predict`: Ollama's API documentation and Modelfile reference) in a
  request config or a Modelfile `PARAMETER` line: other engines call them differently (`n_ctx`, `max_tokens`).
- vLLM's own sampling fields in a config (`use_beam_search`, `include_stop_str_in_output`: vllm/sampling_params.py
  and the OpenAI-compatible server's protocol): other servers reject or ignore them.
- Special-token ids hard-coded under a key named for a special token (`pad_id: 2`, `end_id: 2`, `stop_token_ids:
  [128001, 128009]`) belong to one tokenizer (convention 17).
"""

from __future__ import annotations

import re

from sovmigrate.rules.model import Kind, Level, Line, Rule, RuleDocs, lazy

_CONFIGS = ("yaml", "toml", "json", "ini")
_KEY_START = r"^\s*(?:-\s+)?[\"']?"
_KEY_END = r"[\"']?\s*[:=]\s*[\"']?"
_TRUE = r"(?:true|yes|on|1)\b"

# The rules reported once per file (SOV828: per command in a script).
LORA_RULE = "SOV828"
ONE_SITE_PER_FILE = (LORA_RULE, "SOV867")
ONE_SITE_PER_SCRIPT = ("SOV867",)

# A script variable holding a path into an engine's install tree, as Triton's TensorRT-LLM and vLLM backend
# containers lay it out (`CONVERT_CHKPT_SCRIPT=/tensorrtllm_backend/tensorrt_llm/examples/llama/convert_checkpoint.py`):
# one site per script, however many variables (convention 23).
_INSTALL_TREE = lazy(
    r"^\s*(?:export\s+)?[A-Za-z_]\w*=[\"']?(?P<api>(?:[\w.~${}-]*/)*(?:tensorrtllm_backend|TensorRT-LLM|tensorrt_llm"
    r"|vllm_backend)/[\w./${}-]*|/opt/tritonserver/backends/(?:tensorrtllm|vllm)\b[\w./${}-]*)"
)

# A LoRA adapter chosen, sized or loaded: axolotl's `adapter: lora`, LLaMA-Factory's `finetuning_type: lora` and
# `adapter_name_or_path:`, TRL's and oumi's `use_peft: true`, torchtune's `lora_attn_modules:`/`apply_lora_to_mlp:`,
# alpaca-eval's `adapters_name:`, a rank that is not 0 (an alpha alone sizes nothing: verl sets `lora_alpha: 16`
# beside `lora_rank: 0`, and a `lora:` block with `rank: 0`). Disabled LoRA (`lora_rank: 0`,
# `use_peft: false`, an empty adapter path) is not an adapter.
_LORA_KEY = lazy(
    _KEY_START
    + r"(?P<api>(?:adapter|finetuning_type|finetune_type|tuning_type|training_type|peft_type)"
    + _KEY_END
    + r"q?lora\b"
    + r"|(?:use_peft|use_lora|apply_lora_to_mlp|lora_enabled)"
    + _KEY_END
    + _TRUE
    + r"|lora_(?:r|rank)"
    + _KEY_END
    + r"[1-9]\d*\b"
    + r"|lora_attn_modules\s*:"
    + r"|(?:adapter_name_or_path|adapters_name|adapter_path|adapter_dir|lora_path|lora_adapter|lora_weights"
    + r"|peft_model_id|peft_path|lora_name_or_path)"
    + _KEY_END
    + r"(?=(?!(?:null|none|false|~)\b)[\w./~$-]))",
    re.IGNORECASE,
)
_LORA_FLAG = lazy(
    r"(?<![\w-])(?P<api>--(?:use[_-]peft|use[_-]lora)\b(?![= ]+(?:false|0)\b)"
    r"|--finetuning[_-]type[= ]+[\"']?q?lora\b"
    r"|--lora[_-](?:r|rank)[= ]+[1-9]"
    r"|--(?:adapter[_-]name[_-]or[_-]path|adapters?[_-]name|lora[_-]path|peft[_-]model[_-]id)[= ]+[\"']?(?=[\w./~$-]))",
    re.IGNORECASE,
)
_LORA_TRIGGERS = ("lora", "peft", "adapter")

# Ollama's option names no other engine uses (Ollama docs/api.md "Valid Parameters and Values" and
# docs/modelfile.md): `num_gpu`/`num_thread` are left out of YAML, where other tools use the same words.
_OLLAMA_KEYS = r"num_ctx|num_predict|num_keep|penalize_newline"
_OLLAMA_OPTION = lazy(_KEY_START + r"(?P<api>" + _OLLAMA_KEYS + r")[\"']?\s*[:=]")
_MODELFILE_PARAMETER = lazy(
    r"^[ \t]*PARAMETER[ \t]+(?P<api>" + _OLLAMA_KEYS + r"|num_gpu|num_thread|num_batch)\b", re.IGNORECASE
)
# vLLM's own sampling fields (vllm/sampling_params.py `SamplingParams`; the OpenAI-compatible server's extra
# request fields): what an evaluation or benchmark config hands to vLLM.
_VLLM_SAMPLING = lazy(
    _KEY_START
    + r"(?P<api>use_beam_search|include_stop_str_in_output|spaces_between_special_tokens|truncate_prompt_tokens"
    + r"|skip_special_tokens_in_output|logits_processor_pattern)[\"']?\s*[:=]"
)
# A key named for a special token holding an integer id or a list of them (`pad_id: 2`, `"eos_token_id": [128001]`,
# `stop_token_ids:` over `- 128009`); `pad_id: -1` (none) is not an id.
_SPECIAL_ID_KEY = r"(?:pad|eos|bos|end|unk|stop|eot|eom)_(?:token_)?ids?"
_SPECIAL_TOKEN_ID = lazy(
    _KEY_START
    + r"(?P<api>"
    + _SPECIAL_ID_KEY
    + r")[\"']?\s*[:=]\s*(?:\[\s*)?\d+\s*(?:,\s*\d+\s*)*\]?\s*,?\s*$"
    + r"|"
    + _KEY_START
    + r"(?P<list>(?:pad|eos|bos|end|stop|eot)_(?:token_)?ids)\s*:\s*$"
)

_SPECIAL_TRIGGERS = (
    "pad_",
    "eos_",
    "bos_",
    "end_id",
    "end_token_id",
    "unk_",
    "stop_id",
    "stop_token_id",
    "eot_",
    "eom_",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code=LORA_RULE,
        name="lora-adapter-config",
        kind=Kind.COMPLEX,
        vendor="any",
        message="configuration trains or loads a LoRA adapter (`{api}`)",
        matchers=(
            Line(_LORA_KEY, _CONFIGS, triggers=_LORA_TRIGGERS),
            Line(_LORA_FLAG, ("shell", "dockerfile", "yaml"), triggers=_LORA_TRIGGERS),
        ),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks fine-tuning recipes, evaluation configs and launch scripts for a LoRA/PEFT adapter being "
            "trained, loaded or applied: axolotl's `adapter: lora`, LLaMA-Factory's `finetuning_type: lora` and "
            "`adapter_name_or_path:`, TRL's and oumi's `use_peft: true`, torchtune's `lora_attn_modules:`, "
            "a non-zero `lora_rank:`/`lora_r:`, alpaca-eval's `adapters_name:` and the "
            "same as flags (`--use_peft --lora_r 32`, `--finetuning_type lora`). One site per file (per command in "
            "a script), also beside a recipe's builder (torchtune's `_component_: ...lora_llama3_1_8b`, whose model "
            "SOV870 reports). Disabled LoRA (`lora_rank: 0`, `use_peft: false`, an empty adapter path) is not reported.",
            why="An adapter is trained against one base model's weights and tokenizer: on the target model it is "
            "retrained, not re-pointed.",
            example="adapter: lora\nlora_r: 32\nlora_alpha: 16",
            use_instead="Retrain the adapter on the target model, or serve the target without it.",
        ),
    ),
    Rule(
        code="SOV829",
        name="ollama-option-config",
        kind=Kind.COMPLEX,
        vendor="ollama",
        message="configuration sets Ollama's own option `{api}`",
        matchers=(
            Line(
                _OLLAMA_OPTION, _CONFIGS, triggers=("num_ctx", "num_predict", "num_keep", "penalize_newline")
            ),
            Line(_MODELFILE_PARAMETER, ("modelfile",), triggers=("PARAMETER",)),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks request and benchmark configs for Ollama's own option names (`num_ctx`, `num_predict`, "
            "`num_keep`, `penalize_newline`) and Ollama Modelfiles for `PARAMETER` lines setting them (and "
            "`num_gpu`, `num_thread`, `num_batch`). Options every engine shares (`temperature`, `top_p`, `stop`) "
            "are not reported.",
            why="Other engines name these settings differently (`n_ctx`, `max_tokens`) or set them at server start; "
            "a context size baked into a Modelfile is lost when the model moves.",
            example="options:\n  num_ctx: 8192\n  num_predict: 256",
            use_instead="`max_tokens` in the request, and the context size in the target engine's server options.",
        ),
    ),
    Rule(
        code="SOV857",
        name="vllm-sampling-config",
        kind=Kind.COMPLEX,
        vendor="vllm",
        message="configuration sets vLLM's own sampling field `{api}`",
        matchers=(
            Line(
                _VLLM_SAMPLING,
                _CONFIGS,
                triggers=(
                    "use_beam_search",
                    "include_stop_str_in_output",
                    "spaces_between_special_tokens",
                    "truncate_prompt_tokens",
                    "skip_special_tokens_in_output",
                    "logits_processor_pattern",
                ),
            ),
        ),
        level=Level.NOTE,
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks evaluation and benchmark configs for sampling fields only vLLM takes (`use_beam_search`, "
            "`include_stop_str_in_output`, `spaces_between_special_tokens`, `truncate_prompt_tokens`), from "
            "vLLM's `SamplingParams` and its OpenAI-compatible server's extra request fields. In Python these are "
            "SOV213/SOV706.",
            why="Other engines reject or silently ignore these fields: the generation changes with the engine.",
            example="completions_kwargs:\n  use_beam_search: true",
            use_instead="Sampling settings every OpenAI-compatible server shares (`temperature`, `top_p`, `stop`).",
        ),
    ),
    Rule(
        code="SOV858",
        name="special-token-id-config",
        kind=Kind.TOKENIZER,
        vendor="any",
        message="configuration hard-codes special-token id `{api}`",
        matchers=(Line(_SPECIAL_TOKEN_ID, ("yaml", "toml", "ini"), triggers=_SPECIAL_TRIGGERS),),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks YAML, TOML and INI configs for integer ids under a key named for a special token "
            "(`pad_id: 2`, `end_id: 2` in a TensorRT-LLM request, `eos_token_id: 128009`, `stop_token_ids: "
            "[128001, 128009]` or a list of ids below the key). `pad_id: -1` (no token) is not reported; JSON "
            "model configs (`config.json` ships with the weights) are not read.",
            why="Token ids belong to one tokenizer: on the target model the same number is another token, so "
            "generation stops at the wrong place or never.",
            example="stop_token_ids: [128001, 128009]",
            use_instead="Stop strings, or the ids read from the target tokenizer at run time.",
        ),
    ),
    Rule(
        code="SOV867",
        name="engine-install-tree",
        kind=Kind.CONFIG,
        vendor="any",
        message="script reads the engine's install tree (`{api}`)",
        matchers=(
            Line(
                _INSTALL_TREE,
                ("shell", "dockerfile"),
                triggers=("tensorrtllm_backend", "tensorrt-llm", "tensorrt_llm", "vllm_backend", "backends/"),
                last=True,
            ),
        ),
        level=Level.NOTE,
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks scripts and Dockerfiles for variables holding a path into an engine's install tree inside "
            "its serving container (Triton's `/tensorrtllm_backend/...`, `tensorrt_llm/examples/...`, "
            "`/opt/tritonserver/backends/vllm`): one site per script, however many variables. A line another "
            "rule already reports (the engine's launcher) is that rule's.",
            why="The scripts, converters and model repositories of one engine's container are gone when the "
            "engine changes; the script is rewritten with it.",
            example="CONVERT_CHKPT_SCRIPT=/tensorrtllm_backend/tensorrt_llm/examples/llama/convert_checkpoint.py",
            use_instead="The target engine's own serving entry point, configured by its options.",
        ),
    ),
)
