"""Write plan.json, plan.md and plan.html into one folder, each file atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sovmigrate.errors import ConfigError

FILES = ("plan.json", "plan.md", "plan.html")


def write_plan(doc: dict[str, Any], output_dir: Path) -> list[Path]:
    """Render ``doc`` into ``output_dir`` (created if missing); returns the paths written."""
    from sovmigrate.report.plan_html import render_html
    from sovmigrate.report.plan_markdown import render_markdown

    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output folder: {exc.strerror}", path=output_dir) from None
    texts = {
        "plan.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        "plan.md": render_markdown(doc),
        "plan.html": render_html(doc, output_dir=output_dir),
    }
    return [_atomic_write(output_dir / name, texts[name]) for name in FILES]


def _atomic_write(path: Path, text: str) -> Path:
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as handle:
            handle.write(text)
        os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, path)
    except OSError as exc:
        raise ConfigError(f"cannot write: {exc.strerror}", path=path) from None
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
