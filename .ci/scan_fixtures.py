"""Download registry packages that contain real vendor usage (examples, wrappers) and extract the parts
the scanner tests read into DEST/scan/<package>/, and whole packages that call no LLM (web frameworks, tools)
into DEST/negative/<package>/, where every finding is a false positive. Nothing here is committed; tests
never download.

    python .ci/scan_fixtures.py [--dest .fixtures]      (or $SOVMIGRATE_FIXTURES)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

# name, version, archive kind, members to extract (prefixes inside the archive, after its top folder)
PACKAGES = (
    ("llama-cpp-python", "0.3.36", "sdist", ("examples/",)),
    ("ollama", "0.6.3", "sdist", ("examples/",)),
    ("groq", "1.7.0", "sdist", ("examples/",)),
    ("llama-api-client", "0.6.0", "sdist", ("examples/",)),
    (
        "langchain-community",
        "0.4.2",
        "wheel",
        ("langchain_community/llms/", "langchain_community/chat_models/"),
    ),
    ("llama-index-llms-llama-cpp", "0.7.0", "wheel", ("llama_index/",)),
    ("llama-index-llms-vllm", "0.8.0", "wheel", ("llama_index/",)),
    # The long tail (issue 9): ExLlamaV2's own loaders and server, Llama Stack's ReAct agent, Together's examples.
    ("exllamav2", "0.3.2", "wheel", ("exllamav2/model_init.py", "exllamav2/server/websocket_actions.py")),
    ("llama-stack-client", "0.2.12", "wheel", ("llama_stack_client/lib/agents/react/agent.py",)),
    ("together", "3.1.1", "sdist", ("examples/",)),
    # Outlines 0.x examples: constrained generation over transformers, llama.cpp and vLLM (0.x API; dev6 has 1.x).
    ("outlines", "0.1.14", "sdist", ("examples/",)),
)

# Whole sdists of popular packages that call no LLM: Django's JSON fixtures ("model": "auth.user") and message
# templates, FastAPI's TestClient tests, Sphinx's Jinja templates, pytest's odd .gitignore files, Ansible's YAML.
NEGATIVES = (
    ("django", "5.2.20"),
    ("fastapi", "0.165.0"),
    ("flask", "3.1.3"),
    ("requests", "2.34.2"),
    ("httpx", "0.29.0"),
    ("rich", "15.0.0"),
    ("black", "26.10.1"),
    ("pytest", "9.2.0"),
    ("sphinx", "9.0.4"),
    ("celery", "5.7.0"),
    ("scrapy", "2.19.0"),
    ("ansible-core", "2.19.14"),
)


def download(name: str, version: str, kind: str, downloads: Path) -> Path:
    stem = name.replace("-", "_")
    found = [p for p in downloads.glob(f"{stem}-{version}*") if p.suffix in (".gz", ".whl")]
    if found:
        return found[0]
    binary = ["--no-binary", ":all:"] if kind == "sdist" else ["--only-binary", ":all:"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "-q",
            "--no-deps",
            *binary,
            f"{name}=={version}",
            "-d",
            str(downloads),
        ],
        check=True,
    )
    return next(p for p in downloads.glob(f"{stem}-{version}*") if p.suffix in (".gz", ".whl"))


def extract(archive: Path, members: tuple[str, ...], target: Path) -> int:
    count = 0
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            for info in wheel.infolist():
                if info.filename.startswith(members) and not info.is_dir():
                    destination = target / info.filename
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    destination.write_bytes(wheel.read(info))
                    count += 1
        return count
    with tarfile.open(archive) as sdist:
        for member in sdist.getmembers():
            inner = member.name.split("/", 1)[1] if "/" in member.name else ""
            if member.isfile() and inner.startswith(members):
                destination = target / inner
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = sdist.extractfile(member)
                assert source is not None
                destination.write_bytes(source.read())
                count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=Path(os.environ.get("SOVMIGRATE_FIXTURES", ".fixtures")))
    args = parser.parse_args()
    downloads = args.dest / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for name, version, kind, members in PACKAGES:
        fetch(name, version, kind, members, args.dest / "scan" / name, downloads)
    for name, version in NEGATIVES:
        fetch(name, version, "sdist", ("",), args.dest / "negative" / name, downloads)
    return 0


def fetch(
    name: str, version: str, kind: str, members: tuple[str, ...], target: Path, downloads: Path
) -> None:
    """Extract ``members`` of the package's archive into ``target`` once per version."""
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == version:
        return
    shutil.rmtree(target, ignore_errors=True)
    count = extract(download(name, version, kind, downloads), members, target)
    marker.write_text(version)
    print(f"{name}=={version}: {count} files", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
