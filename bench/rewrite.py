"""Benchmark `sovmigrate rewrite --diff` against `sovmigrate scan` on the scan benchmark's tree, in one run.

The tree is bench/scan.py's (the standard library with about 1% vendor files mixed in). A rewrite is a
scan plus the codemods on the files with fixable sites, so the figure that counts is the ratio of
`rewrite --diff` to `scan` (target: at most 1.5), each pair run alternately, best of ``--repeat``:
- cold: ``--no-cache`` for both (every file read, analysed and transformed);
- warm: both result caches filled (the rewrite answers from its cache, without libcst);
- scan cache only: the first rewrite after a scan (the scan's cache warm, the rewrite's empty).
The codemods' own speed is reported on the vendor files alone, in files and lines per second on one core.

    python bench/rewrite.py [--tree DIR] [--repeat 3] [--codemods catalog|samples] [--json results.json]

``--codemods samples`` runs the test suite's sample codemods (tests/rewrite/sample_codemods.py), for a
catalog without codemods; by default the catalog's own run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Runs the CLI in a fresh process; with "samples", the sample codemods stand in for the catalog's.
CLI = (
    "import sys\n"
    "if sys.argv[1] == 'samples':\n"
    "    from sovmigrate.rewrite import registry\n"
    "    from tests.rewrite.sample_codemods import SAMPLES\n"
    "    registry.catalog_codemods = lambda: SAMPLES\n"
    "    registry.catalog_codes = lambda: frozenset(c for s in SAMPLES for c in s.RULES)\n"
    "from sovmigrate.cli import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)


def _scan_bench():
    spec = importlib.util.spec_from_file_location("bench_scan", REPO / "bench" / "scan.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed_pair(first: list[str], second: list[str], repeat: int, before=None) -> tuple[float, float, str]:
    """Best times of two commands run alternately (so both see the same machine load), and the second's output.

    ``before`` runs (untimed) before each run of the second command.
    """
    best = [float("inf"), float("inf")]
    output = ""
    for _ in range(repeat):
        for index, command in enumerate((first, second)):
            if index == 1 and before is not None:
                before()
            start = time.perf_counter()
            done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO)
            best[index] = min(best[index], time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(command[:6])}... failed:\n{done.stderr}")
            output = done.stdout
    return best[0], best[1], output


def codemods_alone(tree: Path, which: str) -> dict[str, float]:
    """Single-core speed of the transform on the files the rewrite changes (scan excluded)."""
    sys.path.insert(0, str(REPO))
    from sovmigrate.rewrite.registry import catalog_codemods
    from sovmigrate.rewrite.transform import Options, transform_source

    if which == "samples":
        from tests.rewrite.sample_codemods import SAMPLES as codemods
    else:
        codemods = catalog_codemods()
    options = Options(frozenset(code for codemod in codemods for code in codemod.RULES))
    sources = [path.read_bytes() for path in sorted(tree.rglob("vendor_*.py"))]
    for data in sources[:3]:  # warm up: catalog, regexes, imports
        transform_source(data, codemods, options)
    start = time.perf_counter()
    changed = sum(transform_source(data, codemods, options).data != data for data in sources)
    seconds = time.perf_counter() - start
    lines = sum(data.count(b"\n") for data in sources)
    return {
        "vendor_files": len(sources),
        "vendor_files_changed": changed,
        "vendor_lines": lines,
        "codemod_files_per_s_one_core": round(len(sources) / seconds, 1),
        "codemod_lines_per_s_one_core": round(lines / seconds),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tree", type=Path, help="reuse or create the tree here (default: a temporary folder)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--codemods", choices=("catalog", "samples"), default="catalog")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sovmigrate-bench-rewrite-"))
    tree = args.tree or workdir / "tree"
    if not tree.exists():
        _scan_bench().build_tree(tree)
    # The caches' default place (no pyproject.toml with [tool.sovmigrate]: validating one would import
    # jsonschema, whose import costs more than a warm scan and would hide what is measured here).
    cache = tree / ".sovmigrate_cache"
    shutil.rmtree(cache, ignore_errors=True)
    run = [sys.executable, "-c", CLI, args.codemods]
    scan = [*run, "scan", str(tree), "-q", "--output-format", "json", "-o", os.devnull]
    rewrite = [*run, "rewrite", str(tree), "--diff", "-q", "--output-format", "json"]
    scan_cold, rewrite_cold, report = timed_pair([*scan, "--no-cache"], [*rewrite, "--no-cache"], args.repeat)
    subprocess.run(rewrite, check=False, capture_output=True, cwd=REPO)  # fills both caches
    scan_warm, rewrite_first, _ = timed_pair(
        scan, rewrite, args.repeat, before=lambda: _drop_rewrite_cache(cache)
    )
    subprocess.run(rewrite, check=False, capture_output=True, cwd=REPO)
    scan_warm_again, rewrite_warm, warm_report = timed_pair(scan, rewrite, args.repeat)
    scan_warm = min(scan_warm, scan_warm_again)
    if json.loads(warm_report)["counts"] != json.loads(report)["counts"]:
        raise SystemExit("the warm rewrite reported other counts than the cold one")
    counts = json.loads(report)["counts"]
    results = {
        "codemods": args.codemods,
        "files": sum(1 for _ in tree.rglob("*.py")),
        "lines": sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py")),
        "files_rewritten": counts["files_changed"],
        "sites_fixed": counts["total"]["fixed"],
        "scan_cold_s": round(scan_cold, 3),
        "rewrite_diff_cold_s": round(rewrite_cold, 3),
        "rewrite_to_scan_cold": round(rewrite_cold / scan_cold, 2),
        "scan_warm_s": round(scan_warm, 3),
        "rewrite_diff_warm_s": round(rewrite_warm, 3),
        "rewrite_to_scan_warm": round(rewrite_warm / scan_warm, 2),
        "rewrite_diff_scan_cache_only_s": round(rewrite_first, 3),
        "rewrite_to_scan_scan_cache_only": round(rewrite_first / scan_warm, 2),
        **codemods_alone(tree, args.codemods),
        "cores": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    for key, value in results.items():
        print(f"{key:34} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _drop_rewrite_cache(cache: Path) -> None:
    """Keep the scan's result cache, forget the rewrite's (a first rewrite after a scan)."""
    for path in cache.glob("rewrite-*.json"):
        path.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
