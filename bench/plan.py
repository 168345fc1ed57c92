"""Benchmark `sovmigrate plan` against `sovmigrate scan` of the same tree, in one run.

The plan adds receipts, tokenizer checks, an estimate per target, capability gaps and three rendered files to
the scan it starts with. Every figure is a ratio against the scan measured in the same run (these machines are
noisy): the plan's cost over a plain scan, per target, and the rendering's share.

    python bench/plan.py [--path examples/legacy-chatbot] [--target MODEL ...] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(REPO / "examples" / "legacy-chatbot"))
    parser.add_argument("--target", action="append", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    targets = args.target or ["mistral-7b-instruct", "qwen2.5-7b-instruct"]

    from sovmigrate.config import Settings
    from sovmigrate.plan import build_plan
    from sovmigrate.plan.document import plan_document
    from sovmigrate.plan.write import write_plan
    from sovmigrate.scan.runner import scan

    settings = Settings(cache=False)
    build_plan(args.path, targets[:1])  # warm: imports, tokenizer loads and conversion cache
    scan_s = best(lambda: scan([args.path], settings), args.repeat)
    one_s = best(lambda: build_plan(args.path, targets[:1]), args.repeat)
    all_s = best(lambda: build_plan(args.path, targets), args.repeat)
    built = build_plan(args.path, targets)
    document = plan_document(built)
    with tempfile.TemporaryDirectory() as out:
        render_s = best(lambda: write_plan(document, Path(out)), args.repeat)
    results = {
        "path": args.path,
        "targets": targets,
        "findings": len(built.scan.findings),
        "scan_s": round(scan_s, 3),
        "plan_one_target_over_scan": round(one_s / scan_s, 2),
        "plan_per_extra_target_over_scan": round((all_s - one_s) / max(len(targets) - 1, 1) / scan_s, 2),
        "render_three_files_over_scan": round(render_s / scan_s, 2),
    }
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
