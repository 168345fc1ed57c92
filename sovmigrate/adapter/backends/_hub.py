"""``hf://<owner>/<repo>/<file or glob>`` model specs: a file of a Hugging Face Hub repository, via the local cache.

This is what ``Llama.from_pretrained(repo_id, filename)`` loads, but it also works offline
(``HF_HUB_OFFLINE=1``) from files already in the cache, which ``from_pretrained`` cannot (it lists the
repository on the Hub first). The cache is huggingface_hub's (``HF_HUB_CACHE`` / ``HF_HOME``). The other shards
of a split GGUF (``-00001-of-00003.gguf``) are fetched with the first.
"""

from __future__ import annotations

import fnmatch
import glob
import re
from pathlib import Path

from sovmigrate.adapter.backends.base import require
from sovmigrate.adapter.errors import EngineError, SpecError

__all__ = ["HF_PREFIX", "hub_file"]

HF_PREFIX = "hf://"
_SHARD = re.compile(r"^(?P<stem>.*)-\d{5}-of-(?P<total>\d{5})\.gguf$")


def _split(model: str, backend: str) -> tuple[str, str]:
    parts = model[len(HF_PREFIX) :].split("/")
    if len(parts) < 3 or not all(parts):
        raise SpecError(
            f"malformed Hub model {model!r}: expected hf://<owner>/<repo>/<file or glob>, e.g. "
            "hf://Qwen/Qwen2.5-0.5B-Instruct-GGUF/*q8_0.gguf",
        )
    return "/".join(parts[:2]), "/".join(parts[2:])


def _pick(folder: str, pattern: str, model: str, backend: str) -> str:
    files = sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file())
    matches = fnmatch.filter(files, pattern)
    firsts = [m for m in matches if not _SHARD.match(m) or "-00001-of-" in m]
    if len(firsts) != 1:
        found = "no file matches" if not firsts else f"{len(firsts)} files match ({', '.join(firsts)})"
        raise EngineError(f"{found} {model!r}; name one file", backend=backend)
    return firsts[0]


def hub_file(model: str, backend: str, extra: str) -> str:
    """The local path of the file ``model`` (``hf://owner/repo/file-or-glob``) names, fetched if not cached."""
    repo_id, pattern = _split(model, backend)
    hub = require("huggingface_hub", backend=backend, package="huggingface-hub", extra=extra)
    try:
        if glob.has_magic(pattern):
            folder = hub.snapshot_download(repo_id, allow_patterns=[pattern])
            name = _pick(folder, pattern, model, backend)
        else:
            name = pattern
        shard = _SHARD.match(name)
        if shard:
            sibling = f"{shard['stem']}-*-of-{shard['total']}.gguf"
            folder = hub.snapshot_download(repo_id, allow_patterns=[sibling])
            return str(Path(folder) / name)
        return hub.hf_hub_download(repo_id, name)
    except (OSError, ValueError, hub.errors.HfHubHTTPError) as exc:  # not cached offline, unknown repo...
        raise EngineError(
            f"cannot fetch {model!r} from the Hugging Face Hub or its cache: {exc}", backend=backend
        ) from exc
