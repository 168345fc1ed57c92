"""Benchmark the tokenizer check: corpus throughput against raw ``tokenizers`` batch encoding, and load times.

    python bench/tokens.py [--mb 10] [--pairs llama-3:mistral-tekken llama-2:mistral-v1] [--repeat 3] [--threads N]

Needs the fixtures (bash .ci/steps/30-tokenizer-fixtures.sh); uses .fixtures/tokenizers unless
$SOVMIGRATE_TOKENIZER_FILES / $SOVMIGRATE_TOKENIZER_CACHE say otherwise. The corpus is half Python stdlib source,
half English docstrings, cut into 4,000-character documents. Targets: check >= 80 % of raw speed; load < 1 s.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_corpus(megabytes: float, doc_chars: int = 4000) -> list[str]:
    """Deterministic documents from the stdlib: code and docstrings alternate until the size is reached."""
    code, prose = [], []
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        code.append(text)
        try:
            prose.extend(
                d
                for node in ast.walk(ast.parse(text))
                if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module))
                and (d := ast.get_docstring(node))
            )
        except SyntaxError:
            continue
    pools = ["\n".join(code), "\n\n".join(prose)]
    docs, want, pos = [], int(megabytes * 1e6), [0, 0]
    while sum(map(len, docs)) < want:
        k = len(docs) % 2
        pool = pools[k]
        start = pos[k] % max(1, len(pool) - doc_chars)
        docs.append(pool[start : start + doc_chars])
        pos[k] = start + doc_chars
    return docs


def best_of(fns: list, repeat: int) -> list[float]:
    """Best wall time of each function, running them alternately so background load hits both alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return [min(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--pairs", nargs="*", default=["llama-3:mistral-tekken", "llama-2:mistral-v1"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, help="RAYON_NUM_THREADS for both sides (default: all cores)")
    args = parser.parse_args()
    if args.threads:
        os.environ["RAYON_NUM_THREADS"] = str(args.threads)  # read when tokenizers starts its thread pool
    fixtures = REPO / ".fixtures" / "tokenizers"
    os.environ.setdefault("SOVMIGRATE_TOKENIZER_FILES", str(fixtures / "fetched"))
    os.environ.setdefault("SOVMIGRATE_TOKENIZER_CACHE", str(fixtures / "cache"))
    import tokenizers  # noqa: F401  (imports and map validation are not part of a load)

    from sovmigrate.errors import SovmigrateError
    from sovmigrate.tokenizers import check_compatibility, families, load_tokenizer
    from sovmigrate.tokenizers.maps import registry_families

    families()

    print(
        f"threads: RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', 'default')}, cpus={os.cpu_count()}"
    )
    print("\nload time from the cache (target < 1 s)")
    loaded = {}
    for family in registry_families():
        t = time.perf_counter()
        try:
            loaded[family] = load_tokenizer(family)
        except SovmigrateError as exc:  # a missing fixture is reported, the bench goes on
            print(f"  {family:15} not loadable: {exc}")
            continue
        secs = time.perf_counter() - t
        print(f"  {family:15} {secs:6.3f} s  {'ok' if secs < 1 else 'SLOW'}")

    docs = build_corpus(args.mb)
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"\ncorpus: {len(docs)} documents, {size / 1e6:.1f} MB; best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(docs):
            Path(tmp, f"{i:05}.txt").write_text(doc, encoding="utf-8")
        for pair in args.pairs:
            src, tgt = (loaded[name] for name in pair.split(":"))

            def raw(src=src, tgt=tgt) -> None:
                for tok in (src, tgt):
                    tok.tokenizer.encode_special_tokens = True
                    tok.tokenizer.encode_batch(docs, add_special_tokens=False)
                    tok.tokenizer.encode_special_tokens = False

            def check(src=src, tgt=tgt) -> None:
                report = check_compatibility(src, tgt, corpus=[tmp])
                assert report["inflation"]["samples"] == len(docs)

            t_raw, t_check = best_of([raw, check], args.repeat)
            ratio = t_raw / t_check
            print(
                f"  {pair:28} raw encode_batch (both tokenizers) {size / 1e6 / t_raw:5.2f} MB/s | "
                f"check {size / 1e6 / t_check:5.2f} MB/s | check/raw {ratio:5.2f} {'ok' if ratio >= 0.8 else 'BELOW 0.8'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
