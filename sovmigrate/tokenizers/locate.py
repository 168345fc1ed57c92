"""Where a family's files are on this machine: search dirs, installed packages, the Hugging Face cache."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["hf_cache_snapshot", "registry_files", "search_path"]

TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "tokenizer.model",
    "tekken.json",
    "chat_template.jinja",
    "config.json",
    "special_tokens_map.json",
    "generation_config.json",
)


def search_path(extra: Sequence[Path | str] | Path | str = ()) -> list[Path]:
    """Directories searched for registry files: ``extra``, ``$SOVMIGRATE_TOKENIZER_PATH``, then the
    folder ``sovmigrate tokens fetch`` fills (:func:`~sovmigrate.tokenizers.cache.files_dir`)."""
    from sovmigrate.listargs import as_list
    from sovmigrate.tokenizers.cache import files_dir

    env = [p for p in os.environ.get("SOVMIGRATE_TOKENIZER_PATH", "").split(os.pathsep) if p]
    return [Path(p) for p in (*as_list(extra), *env, files_dir())]


def registry_files(fam: dict[str, Any], dirs: Sequence[Path]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Existing files for the family's registry entries, in map order: ``(path, entry)``."""
    for entry in fam["files"].get("registry", []):
        member = entry["member"]
        name = Path(member).name
        candidates = [d / member for d in dirs] + [d / name for d in dirs]
        if entry["kind"] == "wheel":  # an installed wheel puts its members under site-packages
            candidates += [Path(p) / member for p in sys.path if p]
        for path in candidates:
            if path.is_file():
                yield path, entry
                break


def hf_cache_snapshot(repo: str) -> Path | None:
    """The newest snapshot of ``repo`` in the local Hugging Face cache that holds tokenizer files."""
    roots = [os.environ.get("HF_HUB_CACHE"), os.environ.get("HUGGINGFACE_HUB_CACHE")]
    if os.environ.get("HF_HOME"):
        roots.append(os.path.join(os.environ["HF_HOME"], "hub"))
    roots.append(str(Path.home() / ".cache" / "huggingface" / "hub"))
    for root in filter(None, roots):
        snaps = Path(root) / f"models--{repo.replace('/', '--')}" / "snapshots"
        if not snaps.is_dir():
            continue
        found = [s for s in snaps.iterdir() if any((s / f).is_file() for f in TOKENIZER_FILES[:4])]
        if found:
            return max(found, key=lambda s: s.stat().st_mtime)
    return None


def hf_download(repo: str) -> Path:
    """Download the tokenizer files of ``repo`` (only on explicit request); returns the snapshot dir."""
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(repo, allow_patterns=list(TOKENIZER_FILES) + ["original/tokenizer.model"]))
