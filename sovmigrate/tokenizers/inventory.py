"""Which known families can be loaded on this machine, and from where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sovmigrate.errors import SovmigrateError
from sovmigrate.tokenizers import locate
from sovmigrate.tokenizers.fetch import how_to_load
from sovmigrate.tokenizers.maps import families

__all__ = ["family_rows"]


def family_rows(search: Sequence[Path | str] | Path | str = (), verify: bool = False) -> list[dict[str, Any]]:
    """One row per family: its facts, the local files found (``found`` is None if none) and, when none
    are, ``how_to_load`` it."""
    dirs = locate.search_path(search)
    rows = []
    for name, fam in families().items():
        found = next(
            (str(s) for h in fam["files"].get("hf", []) if (s := locate.hf_cache_snapshot(h["repo"]))), None
        )
        if found is None:
            found = next((str(p) for p, _ in locate.registry_files(fam, dirs)), None)
        row = {
            "family": name,
            "display_name": fam["display_name"],
            "algorithm": fam["algorithm"],
            "vocab_size": fam["vocab_size"],
            "context_length": fam["context_length"],
            "found": found,
            "how_to_load": None if found else how_to_load(name),
            "fetchable": bool(fam["files"]["registry"]),
            "hf_repos": [h["repo"] for h in fam["files"].get("hf", [])],
            "model_ids": fam["model_ids"],
        }
        if verify and found:
            from sovmigrate.tokenizers.load import load_tokenizer

            try:
                row["loaded_vocab_size"] = load_tokenizer(name, search=search).vocab_size
            except SovmigrateError as exc:  # reported per family, the listing goes on
                row["found"], row["error"], row["how_to_load"] = None, str(exc), how_to_load(name)
        rows.append(row)
    return rows
