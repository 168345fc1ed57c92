"""Benchmark `sovmigrate scan` against `grep -rlE` on two generated trees, in one run.

Both trees are the Python standard library (tests included: they hold odd encodings and syntax errors):
- ``files``: topped up to about a million lines, vendor files from examples/ and tests/fixtures/ mixed in
  at about 1% of the files; grep looks for the long list of trigger words below;
- ``folders``: the standard library alone, with vendor-heavy folders (the example application) in about
  1% of its folders; grep looks for a short list of vendor words (an independent measurement's setup).
Every figure is a ratio against a baseline measured in the same run, because these machines are noisy.
Targets (issue 9): cold <= 10x grep, warm <= 3x grep, peak RSS < 500 MB, on both trees.

sovmigrate runs as installed: with byte code (in a folder of the bench's own, whatever PYTHONDONTWRITEBYTECODE
says: an installed package has its .pyc files) and after one untimed scan, which writes that byte code and the
compiled catalog patterns (see sovmigrate.rules.patterncache), as the first run after an installation does.
``--no-bytecode`` sets PYTHONDONTWRITEBYTECODE=1 instead, as this team's shells do: an editable install then
compiles its own sources (and its catalog patterns) in every run.

    python bench/scan.py [--tree DIR] [--shape files|folders|both] [--repeat 3] [--json results.json] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRIGGERS = (
    "llama|vllm|ollama|transformers|openai|bedrock|langchain|gpt4all|exllama|mlx_lm|mlc_llm|huggingface|text_generation"
    "|litellm|mistral|mixtral|gemma|qwen|deepseek|falcon|olmo|gpt-oss|tiktoken|sentencepiece|tokenizers|INST\\]|<<SYS>>"
    "|_of_turn>|11434|gguf|token_id|_API_KEY|import together|import groq|import replicate|import boto3"
)
SHORT_TRIGGERS = "llama|vllm|ollama|openai|transformers|bedrock|groq|langchain"


def build_folders_tree(target: Path) -> dict[str, int]:
    """The standard library with the example application copied into about 1% of its folders."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    folders = []
    for path in sorted(stdlib.rglob("*.py")):
        rel = path.relative_to(stdlib)
        if rel.parts[0] in ("site-packages", "__pycache__") or "__pycache__" in rel.parts:
            continue
        dest = target / "stdlib" / rel
        if not dest.parent.exists():
            folders.append(dest.parent)
            dest.parent.mkdir(parents=True)
        shutil.copyfile(path, dest)
    app = REPO / "examples" / "legacy-chatbot"
    wanted = max(1, len(folders) // 100)
    for index in range(wanted):
        shutil.copytree(app, folders[index * len(folders) // wanted] / f"vendor_app_{index}")
    return _shape(target, wanted)


def _shape(target: Path, vendor: int) -> dict[str, int]:
    files = [p for p in target.rglob("*") if p.is_file()]
    return {
        "files": len(files),
        "vendor_units": vendor,
        "lines": sum(p.read_bytes().count(b"\n") for p in files),
    }


def build_tree(target: Path) -> dict[str, int]:
    """Copy the standard library and sprinkle vendor files over it (about 1% of all files)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = 0
    for path in sorted(stdlib.rglob("*.py")):
        rel = path.relative_to(stdlib)
        if rel.parts[0] in ("site-packages", "__pycache__") or "__pycache__" in rel.parts:
            continue
        dest = target / "stdlib" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        files += 1
    # Top up to about a million lines with a second copy of library modules.
    lines = sum(p.read_bytes().count(b"\n") for p in (target / "stdlib").rglob("*.py"))
    for path in (
        sorted(stdlib.glob("*.py")) + sorted(stdlib.glob("email/*.py")) + sorted(stdlib.glob("asyncio/*.py"))
    ):
        if lines >= 1_000_000:
            break
        dest = target / "copy" / path.relative_to(stdlib)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        lines += path.read_bytes().count(b"\n")
        files += 1
    vendor_sources = sorted((REPO / "examples").rglob("*.py")) + sorted(
        (REPO / "tests" / "fixtures" / "rules").glob("*.py")
    )
    wanted = max(1, files // 100)
    for index in range(wanted):
        source = vendor_sources[index % len(vendor_sources)]
        dest = target / "stdlib" / f"pkg{index % 37}" / f"vendor_{index}_{source.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return _shape(target, wanted)


def timed(
    command: list[str], repeat: int, env: dict[str, str] | None = None
) -> tuple[float, float, subprocess.CompletedProcess]:
    """Best wall time and best CPU time (user + system, the command's own worker processes included)."""
    best, best_cpu, last = float("inf"), float("inf"), None
    for _ in range(repeat):
        before = _children_cpu()
        start = time.perf_counter()
        last = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, _children_cpu() - before)
    return best, best_cpu, last


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def libcst_lines_per_second(tree: Path) -> tuple[float, float, int]:
    """Single-core speed of the libcst analysis on the files that pass the prefilter, and of bare parsing."""
    import libcst

    from sovmigrate.scan.discovery import SourceFile
    from sovmigrate.scan.files import FileResult, _analyse_python
    from sovmigrate.scan.prefilter import is_candidate

    candidates = [p for p in tree.rglob("*.py") if is_candidate(p.read_bytes())]
    datas = [
        (p, d) for p in candidates if _parses(libcst, d := p.read_bytes())
    ]  # the stdlib's bad-syntax tests
    lines = sum(d.count(b"\n") for _, d in datas)
    for path, data in datas[:3]:  # warm up: compiled catalog, regex caches
        _analyse_python(SourceFile(str(path), path.name, "python"), data, FileResult(path.name), {})
    start = time.perf_counter()
    for path, data in datas:
        _analyse_python(SourceFile(str(path), path.name, "python"), data, FileResult(path.name), {})
    analysis = time.perf_counter() - start
    start = time.perf_counter()
    for _, data in datas:
        libcst.parse_module(data)
    parse_only = time.perf_counter() - start
    return lines / analysis, lines / parse_only, len(candidates)


def _parses(libcst, data: bytes) -> bool:
    try:
        libcst.parse_module(data)
    except libcst.ParserSyntaxError:
        return False
    return True


def installed_environment(workdir: Path, bytecode: bool) -> dict[str, str]:
    """The environment sovmigrate runs in: byte code written to (and read from) a folder of the bench's own."""
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    else:  # the standard library's and dependencies' installed .pyc files are still read
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def measure(tree: Path, words: str, workdir: Path, repeat: int, env: dict[str, str]) -> dict[str, float]:
    """Cold, warm and grep times on one tree, and the ratios the targets are about."""
    cache = workdir / f"cache-{tree.name}"
    sovmigrate = [
        sys.executable,
        "-m",
        "sovmigrate",
        "scan",
        str(tree),
        "-q",
        "--output-format",
        "json",
        "-o",
        os.devnull,
        "--cache-dir",
        str(cache),
    ]
    grep_seconds, grep_cpu, _ = timed(["grep", "-rlEi", words, str(tree)], repeat)
    subprocess.run(
        [*sovmigrate, "--no-cache"], capture_output=True, check=False, env=env
    )  # as after installing
    cold_seconds, cold_cpu, cold = timed([*sovmigrate, "--no-cache"], repeat, env)
    subprocess.run(sovmigrate, capture_output=True, check=False, env=env)  # fill the cache
    warm_seconds, warm_cpu, _ = timed(sovmigrate, repeat, env)
    # CPU ratios too: on a shared, loaded machine wall times mostly measure the wait for a core.
    return {
        "grep_s": round(grep_seconds, 3),
        "cold_s": round(cold_seconds, 3),
        "warm_s": round(warm_seconds, 3),
        "cold_ratio_to_grep": round(cold_seconds / grep_seconds, 2),
        "warm_ratio_to_grep": round(warm_seconds / grep_seconds, 2),
        "grep_cpu_s": round(grep_cpu, 3),
        "cold_cpu_s": round(cold_cpu, 3),
        "warm_cpu_s": round(warm_cpu, 3),
        "cold_cpu_ratio_to_grep": round(cold_cpu / max(grep_cpu, 0.001), 2),
        "warm_cpu_ratio_to_grep": round(warm_cpu / max(grep_cpu, 0.001), 2),
        "exit_code": cold.returncode,
    }


SHAPES = {"files": (build_tree, TRIGGERS), "folders": (build_folders_tree, SHORT_TRIGGERS)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tree", type=Path, help="reuse or create the trees under this folder (default: a temporary one)"
    )
    parser.add_argument("--shape", choices=[*SHAPES, "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument(
        "--no-analysis-speed",
        action="store_true",
        help="leave out the single-core libcst speed section (minutes on a loaded machine; no ratio uses it)",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="run sovmigrate without byte code or stored patterns (every run compiles its sources and patterns)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sovmigrate-bench-"))
    base = args.tree or workdir
    results: dict[str, dict] = {}
    env = installed_environment(workdir, bytecode=not args.no_bytecode)
    for shape in SHAPES if args.shape == "both" else [args.shape]:
        build, words = SHAPES[shape]
        tree = base / shape
        facts = build(tree) if not tree.exists() else _shape(tree, -1)
        results[shape] = {**facts, **measure(tree, words, workdir, args.repeat, env)}
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results["analysis"] = {
        "peak_rss_mb_largest_process": round(peak_rss_mb, 1),
        "cores": os.cpu_count(),
        "bytecode": not args.no_bytecode,
    }
    if not args.no_analysis_speed:
        libcst_speed, parse_speed, candidates = libcst_lines_per_second(base / next(iter(results)))
        results["analysis"].update(
            candidate_files=candidates,
            libcst_candidate_lines_per_s_one_core=round(libcst_speed),
            libcst_parse_only_lines_per_s_one_core=round(parse_speed),
            analysis_speed_ratio_to_bare_parse=round(libcst_speed / parse_speed, 2),
        )
    for section, numbers in results.items():
        print(f"[{section}]")
        for key, value in numbers.items():
            print(f"  {key:40} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if not args.tree:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
