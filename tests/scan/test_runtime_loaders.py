"""A module whose ``__getattr__`` comes from a lazy loader given a vendor module's name stands for that module."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sovmigrate.config import Settings
from sovmigrate.scan.runner import scan

EXTRAS = """\
import app.utils.lazy_loader as lazy

__getattr__, __dir__, __all__ = lazy.attach_extras(
    __name__,
    package="vllm",
    error_message="Please install vllm to use vLLM features",
)
"""

# The scientific-Python idiom: the package's own submodules, loaded on first use. No vendor module is named.
OWN_SUBMODULES = """\
import lazy_loader as lazy

__getattr__, __dir__, __all__ = lazy.attach(__name__, submodules=["io", "plots"])
"""

BACKEND = """\
from app.extras import vllm
from app.extras.vllm import SamplingParams
from app.plotting import io


def build(model):
    args = vllm.AsyncEngineArgs(model=model)
    engine = vllm.AsyncLLMEngine.from_engine_args(args)
    return engine, SamplingParams(max_tokens=16), io.read(model)
"""


def _findings(tmp_path: Path) -> dict[str, set[tuple[int, str, str]]]:
    files = {
        "app/__init__.py": "",
        "app/extras/__init__.py": "",
        "app/extras/vllm.py": EXTRAS,
        "app/plotting/__init__.py": OWN_SUBMODULES,
        "app/backend.py": BACKEND,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = scan([tmp_path], Settings(jobs=1, cache=False))
    assert not result.errors
    found: dict[str, set[tuple[int, str, str]]] = {}
    for f in result.findings:
        found.setdefault(f.path, set()).add((f.line, f.rule, f.api))
    return found


def test_the_lazy_loaders_module_is_an_import_of_the_vendor_module(tmp_path):
    found = _findings(tmp_path)
    assert found["app/extras/vllm.py"] == {(3, "SOV120", "vllm")}
    assert "app/plotting/__init__.py" not in found


def test_names_taken_from_the_lazy_module_resolve_to_the_vendor(tmp_path):
    backend = _findings(tmp_path)["app/backend.py"]
    assert backend == {
        (1, "SOV120", "vllm"),
        (2, "SOV120", "vllm.SamplingParams"),
        (7, "SOV121", "vllm.AsyncEngineArgs"),
        (8, "SOV121", "vllm.AsyncLLMEngine.from_engine_args"),
        (9, "SOV123", "vllm.SamplingParams"),
    }
