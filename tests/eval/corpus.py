"""The evaluation corpus: which registry archives (corpus.toml) and which of their files, with the sites a
migration must edit in each (labels/*.labels, written by reading the code).

A labels file holds one block per corpus file::

    == examples/chat.py
    1       import     ollama      from ollama import chat
    10-14   inference  ollama      chat("gemma4", messages=...)
    10      model_id   any         "gemma4"
    == examples/tools.py  !negative

A label is ``LINE[-END] KIND VENDOR NOTE``: the statement's first line (and last, when it spans several),
a kind from ``sovmigrate.rules.model.Kind``, the vendor the site ties the code to, and a short note. A block
without labels must say ``!negative``: a file that mentions the vendor words without being locked to one.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sovmigrate.rules.model import Kind

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
# Label kinds are the scanner's, so that scores per kind compare like with like.
KINDS = tuple(kind.value for kind in Kind if kind is not Kind.ERROR)
SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "holdout",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "holdout14",
    "dev16",
    "holdout16",
    "dev17",
)
# Where each split keeps its labels files, under labels/ (dev at the top).
LABEL_FOLDERS = {
    "dev2": "dev2",
    "dev3": "dev3",
    "dev4": "dev4",
    "dev5": "dev5",
    "dev6": "dev6",
    "dev7": "dev7",
    "dev8": "dev8",
    "holdout": "holdout",
    "dev9": "dev9",
    "dev10": "dev10",
    "dev11": "dev11",
    "dev12": "dev12",
    "dev13": "dev13",
    "dev14": "dev14",
    "dev15": "dev15",
    "holdout14": "holdout14",
    "dev16": "dev16",
    "holdout16": "holdout16",
    "dev17": "dev17",
}


class LabelError(ValueError):
    """A malformed labels file; the message names the file and line."""


@dataclass(frozen=True)
class Label:
    path: str  # <package>/<path inside the archive>
    start: int
    end: int
    kind: str
    vendor: str
    note: str
    split: str

    def covers(self, line: int) -> bool:
        return self.start <= line <= self.end


@dataclass
class Package:
    name: str
    version: str
    archive_kind: str  # "sdist" or "wheel", as .ci/scan_fixtures.py downloads them
    sha256: str
    split: str
    why: str
    files: dict[str, list[Label]] = field(default_factory=dict)  # path inside the archive -> its labels

    @property
    def fingerprint(self) -> str:
        """Changes when the version or the file list does, so the CI step re-extracts."""
        names = "\n".join(sorted(self.files)).encode()
        return f"{self.version} {hashlib.sha256(names).hexdigest()[:16]}"


@dataclass
class Corpus:
    packages: list[Package]

    @property
    def labels(self) -> list[Label]:
        return [label for p in self.packages for labels in p.files.values() for label in labels]

    @property
    def files(self) -> dict[str, str]:
        """Every corpus file as ``<package>/<path>``, with its split."""
        return {f"{p.name}/{name}": p.split for p in self.packages for name in p.files}


def _parse_label(text: str, where: str, path: str, split: str) -> Label:
    parts = text.split(maxsplit=3)
    if len(parts) < 4:
        raise LabelError(f"{where}: expected 'LINE[-END] KIND VENDOR NOTE', got {text!r}")
    lines, kind, vendor, note = parts
    start, _, end = lines.partition("-")
    if not start.isdigit() or (end and not end.isdigit()):
        raise LabelError(f"{where}: bad line range {lines!r}")
    if kind not in KINDS:
        raise LabelError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    first, last = int(start), int(end or start)
    if last < first:
        raise LabelError(f"{where}: range {lines!r} ends before it starts")
    return Label(path, first, last, kind, vendor, note, split)


def parse_labels(text: str, source: str, package: str, split: str) -> dict[str, list[Label]]:
    """Blocks of labels by file path inside the archive; every error names ``source`` and the line."""
    files: dict[str, list[Label]] = {}
    negative: set[str] = set()
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line, where = raw.strip(), f"{source}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            current, _, tag = line[2:].strip().partition(" ")
            if current in files:
                raise LabelError(f"{where}: {current} has a block already")
            files[current] = []
            if tag.strip() == "!negative":
                negative.add(current)
            elif tag.strip():
                raise LabelError(f"{where}: unknown tag {tag.strip()!r}")
        elif current is None:
            raise LabelError(f"{where}: label before the first '== path' line")
        else:
            files[current].append(_parse_label(line, where, f"{package}/{current}", split))
    for name, labels in files.items():
        if bool(labels) == (name in negative):
            state = (
                "has labels but is marked !negative"
                if labels
                else "has no labels and is not marked !negative"
            )
            raise LabelError(f"{source}: {name} {state}")
    return files


@cache
def load_corpus(root: Path = HERE) -> Corpus:
    """corpus.toml with each package's labels (labels/<name>.labels, labels/<split>/ for the other splits)."""
    manifest = tomllib.loads((root / "corpus.toml").read_text(encoding="utf-8"))
    packages = []
    for entry in manifest["package"]:
        package = Package(**entry)
        if package.split not in SPLITS:
            raise LabelError(f"corpus.toml: {package.name} has split {package.split!r}")
        folder = root / "labels" / LABEL_FOLDERS.get(package.split, "")
        source = folder / f"{package.name}.labels"
        package.files = parse_labels(
            source.read_text(encoding="utf-8"), str(source), package.name, package.split
        )
        packages.append(package)
    return Corpus(packages)
