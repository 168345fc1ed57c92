"""SOV470-472: the Hugging Face Hub as the place a program gets its model from: `huggingface_hub` imports,
`HfApi`/`HfFileSystem` clients, and the downloads and model queries (`snapshot_download`, `hf_hub_download`,
`model_info`, `list_models`, `list_repo_files`, `filter_repo_objects` on a repository's files).

Logins, tokens, uploads, dataset and Space management are Hub chores, not model sources, and are not sites.
Inference through the Hub (`InferenceClient`) has its own rules (SOV220-222, SOV459-460).
"""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Imports, Kind, Level, Rule, RuleDocs

_NO_FIX = "No automatic fix: where the weights come from is a deployment decision the adapter does not make."
_WHY = (
    "The program fetches its weights, tokenizer or model list from the Hugging Face Hub by repository id: an "
    "air-gapped or sovereign deployment needs a local model store or a mirror (`HF_ENDPOINT`), and a change of "
    "model or format (GGUF for llama.cpp, a quantised variant) changes the repository, file names and patterns."
)
# Module functions (also as `HfApi` methods) that download model files or read a model repository.
_MODEL_SOURCE = (
    "snapshot_download",
    "hf_hub_download",
    "try_to_load_from_cache",
    "get_hf_file_metadata",
    "model_info",
    "list_models",
    "list_repo_files",
    "list_repo_tree",
    "repo_info",
    "file_exists",
    "repo_exists",
    "get_paths_info",
    "get_safetensors_metadata",
)
# Older module functions and utilities over a repository's files.
_MODULE_ONLY = (
    "cached_download",
    "hf_hub_url",
    "utils.filter_repo_objects",
    "scan_cache_dir",
    "utils.scan_cache_dir",
)
# Imported names that are Hub chores (accounts, uploads, datasets, Spaces, cards, logging, saving one's own weights),
# not a model source.
_CHORES = (
    "*login",
    "*logout",
    "*whoami",
    "*auth_*",
    "*get_token",
    "*HfFolder",
    "*upload*",
    "*create_*",
    "*delete_*",
    "*Commit*",
    "*commit*",
    "*Repository",
    "*push_to_hub*",
    "*Card*",
    "*metadata_*",
    "*Mixin",
    "*Dataset*",
    "*dataset*",
    "*Space*",
    "*space*",
    "*Discussion*",
    "*Webhook*",
    "*webhook*",
    "*Collection*",
    "*collection*",
    "*OAuth*",
    "*logging",
    "*progress_bars*",
    "*tqdm",
    # Saving and sharding one's own weights, jobs, buckets and papers.
    "*state_dict*",
    "*serialization*",
    "*save_torch*",
    "*dduf*",
    "*DDUF*",
    "*SummaryWriter",
    "*Job*",
    "*job*",
    "*Bucket*",
    "*bucket*",
    "*paper*",
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV470",
        name="huggingface-hub-import",
        kind=Kind.IMPORT,
        vendor="huggingface-hub",
        message="`{api}` imports the Hugging Face Hub client",
        matchers=(
            Imports(("huggingface_hub",), exclude=tuple(f"huggingface_hub.{name}" for name in _CHORES)),
        ),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of `huggingface_hub` (`import huggingface_hub`, `from huggingface_hub import "
            "snapshot_download, HfApi`, its `constants`, `utils` and `errors`, runtime imports such as "
            '`importlib.import_module("huggingface_hub")`). Imports of only its account, upload, dataset, Space and '
            "card helpers (`login`, `upload_file`, `ModelCard`) are not reported; its inference client has SOV222.",
            why=_WHY + " The import marks a file the migration edits.",
            example="from huggingface_hub import snapshot_download",
            use_instead="a model path from configuration (a local folder or a GGUF file)",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV471",
        name="huggingface-hub-client",
        kind=Kind.CLIENT,
        vendor="huggingface-hub",
        message="`{api}` builds a Hugging Face Hub client",
        matchers=(
            Calls(
                (
                    "huggingface_hub.HfApi",
                    "huggingface_hub.hf_api.HfApi",
                    "huggingface_hub.HfFileSystem",
                    "huggingface_hub.hf_file_system.HfFileSystem",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for `HfApi()` and `HfFileSystem()`, the Hub's API and file-system clients.",
            why=_WHY,
            example="api = HfApi(token=token)",
            use_instead="a model path from configuration",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV472",
        name="huggingface-hub-download",
        kind=Kind.INFERENCE,
        vendor="huggingface-hub",
        message="`{api}` fetches a model or its metadata from the Hugging Face Hub",
        matchers=(
            Calls(
                (
                    *(f"huggingface_hub.{name}" for name in (*_MODEL_SOURCE, *_MODULE_ONLY)),
                    *(
                        f"huggingface_hub.*.{name.rpartition('.')[2]}"
                        for name in (*_MODEL_SOURCE, *_MODULE_ONLY)
                    ),
                    *(f"huggingface_hub.*HfApi#{name}" for name in _MODEL_SOURCE),
                    *(f"huggingface_hub.HfApi#{name}" for name in _MODEL_SOURCE),
                    "huggingface_hub.*HfFileSystem#*",
                ),
                # `hf_api.list_models(...)` on an `HfApi` handed in as a parameter, in a module importing the Hub.
                distinctive=(
                    "list_models",
                    "list_repo_files",
                    "model_info",
                    "snapshot_download",
                    "hf_hub_download",
                ),
                # Datasets and Spaces are not model sources.
                unless=tuple(("repo_type", kind) for kind in ("dataset", "space")),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for downloads and model queries: `snapshot_download`, `hf_hub_download`, `model_info`, "
            "`list_models`, `list_repo_files`, `repo_info`, `filter_repo_objects`, also as `HfApi` methods, and "
            "reads through `HfFileSystem`.",
            why=_WHY,
            example='path = hf_hub_download("TheBloke/Llama-2-7B-GGUF", "llama-2-7b.Q4_K_M.gguf")',
            use_instead="a model path from configuration, fetched once by the deployment",
            fix_safety=_NO_FIX,
        ),
    ),
)
