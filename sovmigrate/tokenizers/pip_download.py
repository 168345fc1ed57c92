"""Download one pinned sdist or wheel with pip, the registry's ordinary client.

pip honours the user's index configuration (``PIP_INDEX_URL``, ``pip.conf``, certificates, proxies) and
its own HTTP cache, so a mirror or an internal index works as it does for ``pip install``. Nothing is
installed: ``pip download --no-deps`` only saves the archive, which is then read as data.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sovmigrate.tokenizers.errors import FetchError

__all__ = ["find_archive", "pip_download"]

# Wheels are read as zip archives, never installed, so any Python the pinned wheels accept will do
# (draive 0.40.0 declares Requires-Python >= 3.12; sovmigrate runs on 3.10+).
WHEEL_PYTHON = "3.12"
_PROGRESS = re.compile(r"^Progress (\d+) of (\d+)$")


def _normalised(text: str) -> str:
    return re.sub(r"[-_.]+", "_", text).lower()


def find_archive(folder: Path, package: str, version: str, kind: str) -> Path | None:
    """The sdist or wheel of ``package==version`` in ``folder``, if there is one."""
    if not folder.is_dir():
        return None
    prefix = _normalised(f"{package}-{version}") + "_"
    suffixes = (".whl",) if kind == "wheel" else (".tar.gz", ".zip")
    for path in sorted(folder.iterdir()):
        if path.name.endswith(suffixes) and _normalised(path.name).startswith(prefix):
            return path
    return None


def pip_download(
    package: str, version: str, kind: str, folder: Path, on_bytes: Callable[[int, int], None] | None = None
) -> Path:
    """Run ``pip download --no-deps`` for ``package==version`` into ``folder``; returns the archive."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check"]
    command += ["--no-binary", ":all:"] if kind == "sdist" else ["--only-binary", ":all:"]
    command += ["--python-version", WHEEL_PYTHON] if kind == "wheel" else []
    command += ["--progress-bar", "raw"] if on_bytes and _pip_has_raw_progress() else []
    command += ["-d", str(folder), f"{package}=={version}"]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, errors="replace"
        )
        assert process.stdout is not None
        for line in process.stdout:
            match = _PROGRESS.match(line.strip())
            if match and on_bytes:
                on_bytes(int(match[1]), int(match[2]))
        code = process.wait()
        errors.seek(0)
        message = _pip_error(errors.read())
    if code != 0:
        raise FetchError(f"pip download failed: {message}", path=f"{package}=={version}")
    found = find_archive(folder, package, version, kind)
    if found is None:
        raise FetchError(
            f"pip reported success but saved no {kind} in {folder}", path=f"{package}=={version}"
        )
    return found


def _pip_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR:")]
    if any("No module named pip" in line for line in lines):
        return f"{sys.executable} has no pip (python -m ensurepip installs it)"
    return (errors or lines or ["no message"])[-1]


def _pip_has_raw_progress() -> bool:
    """pip 24.1 and later print machine-readable download progress (``--progress-bar raw``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major, minor = (int(part) for part in version("pip").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (24, 1)
