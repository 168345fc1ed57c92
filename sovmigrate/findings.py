"""Plain value types the scanner produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FINDINGS_VERSION = 2


@dataclass(frozen=True, order=True)
class Finding:
    """One site in a scanned file that ties the code to Llama or to an inference vendor.

    Lines are 1-based; columns are 1-based and count Unicode code points. ``cell`` is set for
    notebook findings only (1-based cell index), in which case line and column are within the cell.
    ``api`` is the machine key of what the site is about (``llama_cpp.Llama#create_chat_completion``,
    a module, a model id, a token keyword); ``text`` is what a report shows. ``fingerprint`` is unique
    per site and stable across edits elsewhere in the file; ``enclosing`` is the fingerprint of the
    finding this one sits inside (a keyword inside a call, a model id inside a constructor), so that
    counting both counts nothing twice.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    kind: str
    vendor: str
    api: str
    message: str
    fixable: bool
    name: str = ""
    level: str = "warning"
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    cell: int | None = None
    text: str = field(default="", compare=False)
    effort_driver: str = field(default="", compare=False)
    fingerprint: str = field(default="", compare=False)
    enclosing: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for optional in ("cell", "enclosing"):
            if data[optional] is None:
                del data[optional]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """A finding from its findings.v2 dict, or from a findings.v1 one (no text, driver or fingerprint)."""
        data = dict(data)
        data.setdefault("text", data["api"])
        return cls(**data)


@dataclass(frozen=True, order=True)
class FileError:
    """A file the scanner could not analyse; the run goes on without it."""

    path: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None
    cell: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileError:
        return cls(**data)


@dataclass
class ScanStats:
    """Counters that explain where a scan spent its time."""

    files_seen: int = 0
    files_candidate: int = 0
    files_analysed: int = 0
    files_cached: int = 0
    lines_analysed: int = 0
    bytes_read: int = 0
    seconds: float = 0.0


@dataclass
class ScanResult:
    """Everything one scan found: findings and per-file errors, with paths relative to ``root``."""

    root: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    stats: ScanStats = field(default_factory=ScanStats)

    @property
    def exit_code(self) -> int:
        """0 when nothing was found and every file could be read, 1 otherwise (ruff's convention)."""
        return 1 if self.findings or self.errors else 0


def read_findings(document: dict[str, Any]) -> ScanResult:
    """A scan result from a findings JSON document of schema version 1 or 2 (``scan --output-format json``)."""
    version = document.get("schema_version")
    if version not in (1, FINDINGS_VERSION):
        raise ValueError(f"unsupported findings schema_version {version!r} (this sovmigrate reads 1 and 2)")
    return ScanResult(
        root=document["root"],
        findings=[Finding.from_dict(f) for f in document["findings"]],
        errors=[FileError.from_dict(e) for e in document["errors"]],
    )
