"""Run a program and the same program after ``sovmigrate rewrite`` wrote it to disk; compare their output.

The rewrite goes through the command line, as a user runs it, on a copy of the program in its own folder;
both programs run as subprocesses with the hub switched off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    original: str
    rewritten: str
    source: str  # the rewritten program's code
    report: str  # what `sovmigrate rewrite` printed


def run_python(path: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    result = subprocess.run(
        [sys.executable, path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **(env or {})},
        check=False,
    )
    assert result.returncode == 0, f"{path} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def differential(
    program: str,
    folder: Path,
    *,
    flags: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> Run:
    """Write ``program`` twice, rewrite one copy in place with the CLI, run both with ``python``."""
    before, after = folder / "before", folder / "after"
    for where in (before, after):
        where.mkdir(parents=True)
        (where / "program.py").write_text(program, encoding="utf-8")
    rewrite = subprocess.run(
        [sys.executable, "-m", "sovmigrate", "rewrite", *flags, str(after)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rewrite.returncode == 0, rewrite.stdout + rewrite.stderr
    outputs = []
    for where in (before, after):
        result = subprocess.run(
            [python, "program.py"],
            cwd=where,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **(env or {})},
        )
        assert result.returncode == 0, f"{where}/program.py failed:\n{result.stderr[-3000:]}"
        outputs.append(result.stdout)
    return Run(outputs[0], outputs[1], (after / "program.py").read_text(encoding="utf-8"), rewrite.stdout)
