"""Read a user's corpus: text files, JSONL/JSON records with a chosen field, globs and folders."""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sovmigrate.listargs import as_list
from sovmigrate.tokenizers.errors import CorpusError

__all__ = ["Corpus", "read_corpus"]

_CHUNK = (
    256 * 1024
)  # text files larger than this are split at line boundaries into samples of about this size


@dataclass
class Corpus:
    """Text samples, plus stored token ids found in records (``input_ids``; decoded with the source if no text)."""

    samples: list[str] = field(default_factory=list)
    files: int = 0
    records_with_ids: int = 0
    stored_ids: list[list[int]] = field(default_factory=list)
    ids_only: list[list[int]] = field(default_factory=list)  # records with input_ids but no text field
    skipped: list[str] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(len(s.encode("utf-8")) for s in self.samples)


def _expand(paths: Sequence[str | Path], empty: list[str]) -> Iterator[Path]:
    for raw in paths:
        if not str(raw).strip():
            raise CorpusError("a corpus path is empty ('')")
        matches = sorted(glob.glob(str(raw), recursive=True)) if glob.has_magic(str(raw)) else [str(raw)]
        if not matches:
            raise CorpusError("no file matches", path=str(raw))
        for match in matches:
            p = Path(match)
            if p.is_dir():
                found = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
                empty.extend([] if found else [f"{p}/ has no files"])
                yield from found
            elif p.is_file():
                yield p
            else:
                raise CorpusError("no such file or folder", path=p)


def _get(record: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(record, list) and part.isdigit() and int(part) < len(record):
            record = record[int(part)]
        elif isinstance(record, dict) and part in record:
            record = record[part]
        else:
            return None
    return record


def _records(path: Path, text: str) -> Iterator[Any]:
    if path.suffix == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as exc:
                    raise CorpusError(f"line {lineno}: invalid JSON ({exc})", path=path) from exc
    else:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise CorpusError(f"invalid JSON ({exc})", path=path) from exc
        yield from data if isinstance(data, list) else [data]


def _text(path: Path) -> tuple[str | None, str]:
    """The file's text, or None and why it is not a corpus file (binary, not UTF-8, empty)."""
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return None, "binary, not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte {exc.start}); re-encode it as UTF-8"
    return (text, "") if text.strip() else (None, "empty")


def read_corpus(paths: Sequence[str | Path] | str | Path, field: str = "text") -> Corpus:
    """Samples from files, folders and globs (one or a list); JSON/JSONL records give ``field`` (a dotted
    path) and ``input_ids``.

    A file that is empty, binary or not UTF-8 is skipped (listed in ``skipped``); if nothing is left,
    :class:`CorpusError` says why for each input.
    """
    corpus, empty = Corpus(), []
    for path in _expand(as_list(paths), empty):
        text, why = _text(path)
        if text is None:
            corpus.skipped.append(f"{path}: {why}")
            continue
        corpus.files += 1
        if path.suffix in (".jsonl", ".json"):
            before = len(corpus.samples) + corpus.records_with_ids
            _add_records(corpus, path, text, field)
            if len(corpus.samples) + corpus.records_with_ids == before:
                corpus.skipped.append(f"{path}: no record has the field {field!r} (see --field)")
        else:
            corpus.samples.extend(_chunks(text))
    if not corpus.samples and not corpus.stored_ids:
        raise CorpusError(f"no text samples in the corpus: {'; '.join(empty + corpus.skipped) or 'no files'}")
    return corpus


def _add_records(corpus: Corpus, path: Path, text: str, field: str) -> None:
    for record in _records(path, text):
        value = _get(record, field)
        if isinstance(value, str) and value:  # whitespace is text a tokenizer must handle; "" is nothing
            corpus.samples.append(value)
        ids = _get(record, "input_ids")
        if isinstance(ids, list) and ids and all(isinstance(i, int) for i in ids):
            corpus.records_with_ids += 1
            corpus.stored_ids.append(ids)
            if not isinstance(value, str):
                corpus.ids_only.append(ids)


def _chunks(text: str) -> Iterator[str]:
    if len(text) <= _CHUNK:
        yield text
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def read_scan_prompts(report: str | Path) -> list[str]:
    """The prompt literals a ``sovmigrate scan --output-format json`` report found (kind ``prompt_format``).

    Each finding's span is cut from its file; f-string fields stay as ``{name}`` placeholders.
    """
    report = Path(report)
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        findings, root = data["findings"], Path(data["root"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"not a sovmigrate scan JSON report ({exc})", path=report) from exc
    if not root.is_absolute() and not root.is_dir():
        root = report.parent / root
    prompts, seen = [], set()
    for f in findings:
        key = (f.get("path"), f.get("line"), f.get("column"))
        if f.get("kind") != "prompt_format" or "cell" in f or key in seen:
            continue
        seen.add(key)
        try:
            lines = (root / f["path"]).read_text(encoding="utf-8").splitlines(keepends=True)
        except OSError as exc:
            raise CorpusError(f"cannot read the scanned file ({exc})", path=root / f["path"]) from exc
        span = lines[f["line"] - 1 : f["end_line"]]
        span[-1] = span[-1][: f["end_column"] - 1]
        span[0] = span[0][f["column"] - 1 :]
        text = _literal_text("".join(span))
        if text:
            prompts.append(text)
    return prompts


def _literal_text(source: str) -> str | None:
    """The text of a (possibly f-) string literal; None if the span is not one."""
    import ast

    try:
        node = ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
            for v in node.values
            if isinstance(v, (ast.Constant, ast.FormattedValue))
        )
    return None
