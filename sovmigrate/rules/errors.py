"""SOV9xx: files the scanner could not analyse (reported as errors; the run goes on)."""

from __future__ import annotations

from sovmigrate.rules.model import Kind, Level, Rule, RuleDocs


def _error(code: str, name: str, message: str, what: str, why: str) -> Rule:
    return Rule(
        code=code,
        name=name,
        kind=Kind.ERROR,
        vendor="sovmigrate",
        message=message,
        matchers=(),
        level=Level.ERROR,
        docs=RuleDocs(what=what, why=why),
    )


RULES: tuple[Rule, ...] = (
    _error(
        "SOV900",
        "internal-error",
        "internal error: {api}",
        "Reports a file whose analysis failed inside sovmigrate itself.",
        "The file is missing from the scan. Please report it with the file (or a reduced copy).",
    ),
    _error(
        "SOV901",
        "syntax-error",
        "syntax error: {api}",
        "Reports Python files that do not parse as Python 3 (including Python 2 code).",
        "Nothing in the file can be analysed, so its findings are missing from the estimate. Fix or exclude the file.",
    ),
    _error(
        "SOV902",
        "undecodable-file",
        "cannot decode: {api}",
        "Reports files whose bytes do not match their declared or detected encoding (PEP 263 cookies and BOMs are honoured).",
        "The file cannot be read as text; re-encode it or exclude it.",
    ),
    _error(
        "SOV903",
        "file-too-large",
        "file too large: {api}",
        "Reports files over the size cap (`max-file-size`, 4 MiB by default), which are skipped.",
        "Huge files are usually generated or data; raise the cap if this one is source.",
    ),
    _error(
        "SOV904",
        "unreadable-file",
        "cannot read: {api}",
        "Reports broken symlinks, symlink loops, permission errors and other I/O failures.",
        "The file is missing from the scan, so its findings are missing from the estimate.",
    ),
    _error(
        "SOV905",
        "binary-file",
        "binary content: {api}",
        "Reports files with a source-file name that contain NUL bytes.",
        "Binary content cannot be analysed as source; exclude the file if its name misleads.",
    ),
    _error(
        "SOV906",
        "malformed-manifest",
        "malformed file: {api}",
        "Reports dependency manifests and notebooks that do not parse (invalid TOML, JSON).",
        "Dependencies in the file are missing from the scan.",
    ),
)
