"""Download the registry packages of the labelled evaluation (tests/eval/corpus.toml), check each archive's
sha256, and extract only the labelled files into DEST/eval/<package>/. Nothing here is committed.

    python .ci/eval_corpus.py [--dest .fixtures]      (or $SOVMIGRATE_FIXTURES)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / ".ci")]

from scan_fixtures import extract

from tests.eval.corpus import Package, load_corpus


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


SUFFIX = {"sdist": ".tar.gz", "wheel": ".whl"}


def find_archive(package: Package, downloads: Path) -> Path | None:
    """The package's archive of the pinned kind, if an earlier run (or another step) downloaded it."""
    suffix = SUFFIX[package.archive_kind]
    # Most archives use the normalised name (llm_ollama-0.19.1), some old sdists keep the dashes (llm-llama-cpp-0.3).
    stems = dict.fromkeys((package.name.replace("-", "_"), package.name))
    candidates = (p for stem in stems for p in sorted(downloads.glob(f"{stem}-{package.version}*")))
    return next((p for p in candidates if p.name.endswith(suffix)), None)


def fetch(package: Package, downloads: Path) -> Path:
    """The package's archive, downloaded once; a hash mismatch stops the run with the file named."""
    archive = find_archive(package, downloads)
    if archive is None:
        binary = ["--no-binary", ":all:"] if package.archive_kind == "sdist" else ["--only-binary", ":all:"]
        command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps"]
        subprocess.run(
            [*command, *binary, f"{package.name}=={package.version}", "-d", str(downloads)], check=True
        )
        archive = find_archive(package, downloads)
    if archive is None:
        raise SystemExit(f"pip downloaded no {package.archive_kind} of {package.name}=={package.version}")
    actual = sha256(archive)
    if actual != package.sha256:
        raise SystemExit(
            f"{archive}: sha256 {actual} does not match tests/eval/corpus.toml ({package.sha256})"
        )
    return archive


def keep_only(target: Path, wanted: set[str], package: Package) -> None:
    """Extraction goes by path prefix: drop what is not a corpus file, and insist on every one that is."""
    for path in [p for p in target.rglob("*") if p.is_file()]:
        if path.relative_to(target).as_posix() not in wanted:
            path.unlink()
    missing = sorted(name for name in wanted if not (target / name).is_file())
    if missing:
        raise SystemExit(f"{package.name}=={package.version}: corpus files not in the archive: {missing}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=Path(os.environ.get("SOVMIGRATE_FIXTURES", ".fixtures")))
    args = parser.parse_args()
    downloads = args.dest / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for package in load_corpus().packages:
        target = args.dest / "eval" / package.name
        marker = target / ".complete"
        if marker.exists() and marker.read_text() == package.fingerprint:
            continue
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        extract(fetch(package, downloads), tuple(package.files), target)
        keep_only(target, set(package.files), package)
        marker.write_text(package.fingerprint)
        print(f"eval corpus {package.name}=={package.version}: {len(package.files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
