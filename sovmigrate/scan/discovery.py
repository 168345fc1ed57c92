"""Find the files to scan: walk the given paths, honour .gitignore and excludes, classify by name."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sovmigrate.config import Settings

if TYPE_CHECKING:
    import pathspec


@dataclass(frozen=True)
class SourceFile:
    """A file to analyse: absolute path, posix path relative to the scan root, and its kind."""

    path: str
    relpath: str
    kind: str


@dataclass(frozen=True)
class _NameRule:
    """Files of ``kind``: an exact lower-case name, a name prefix or a name suffix."""

    kind: str | None
    names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # suffixes of other kinds' files (`modelfile.go` is source code)

    def matches(self, lower: str) -> bool:
        named = lower in self.names or lower.startswith(self.prefixes) or lower.endswith(self.suffixes)
        return named and not lower.endswith(self.unless)


# Prompt-template files: chat markup written in them is a prompt-format site like a literal in code.
TEMPLATE_SUFFIXES = (".jinja", ".jinja2", ".j2", ".tmpl", ".tpl", ".prompt", ".txt")

# Web sources of a project's UI (settings pages, JS config, HTML templates): model ids, engine URLs. Minified
# bundles (`app.min.js`) are built, not edited; source maps (`.js.map`) are not sources; `node_modules/` is excluded.
WEB_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".vue", ".svelte", ".html", ".htm")

# Files of other kinds whose name starts like a Modelfile's (`modelfile_test.go`, `modelfile.md`).
_OTHER_FILES = (
    ".go",
    ".js",
    ".ts",
    ".rs",
    ".md",
    ".rst",
    ".html",
    ".json",
    ".yaml",
    ".yml",
    ".toml",
    ".txt",
    ".sh",
)

# The first rule that matches a name wins.
_NAME_RULES = (
    _NameRule("python", suffixes=(".py", ".pyw")),
    _NameRule("notebook", suffixes=(".ipynb",)),
    _NameRule("pyproject", names=("pyproject.toml",)),
    _NameRule("setupcfg", names=("setup.cfg",)),
    _NameRule("pipfile", names=("pipfile",)),
    _NameRule("conda", names=("environment.yml", "environment.yaml", "conda.yml", "conda.yaml")),
    _NameRule(
        "dockerfile",
        names=("dockerfile", "containerfile"),
        prefixes=("dockerfile.", "dockerfile-", "containerfile.", "containerfile-"),
        suffixes=(".dockerfile", ".containerfile"),
    ),
    _NameRule(  # Ollama's: FROM, TEMPLATE, PARAMETER; one per model (`Modelfile.mistral`, `llama3.Modelfile`)
        "modelfile",
        names=("modelfile",),
        prefixes=("modelfile.", "modelfile-", "modelfile_"),
        suffixes=(".modelfile",),
        unless=_OTHER_FILES,
    ),
    _NameRule("yaml", suffixes=(".yaml", ".yml")),
    _NameRule("toml", suffixes=(".toml",)),
    _NameRule("env", names=(".env",), prefixes=(".env.",), suffixes=(".env",)),
    _NameRule(None, names=("package-lock.json",)),
    _NameRule("json", suffixes=(".json",)),
    _NameRule(
        "ini", suffixes=(".ini", ".cfg", ".conf", ".service")
    ),  # systemd: `ExecStart=/usr/bin/ollama serve`
    _NameRule(
        "shell",  # Windows launchers (`start.bat`, `run.ps1`) start the same engines
        names=("makefile", "gnumakefile", "justfile", "procfile"),
        suffixes=(".sh", ".bash", ".zsh", ".mk", ".bat", ".cmd", ".ps1"),
    ),
    _NameRule("template", suffixes=TEMPLATE_SUFFIXES),
    _NameRule("web", suffixes=WEB_SUFFIXES, unless=(".min.js", ".min.mjs", ".d.ts")),
)


def classify(name: str, folder: str = "") -> str | None:
    """The kind of file ``name`` (in a folder named ``folder``) is, or ``None`` when the scanner has nothing to say."""
    lower = name.lower()
    if _is_requirements(lower, folder.lower()):
        return "requirements"  # requirements/vllm.txt too
    return next((rule.kind for rule in _NAME_RULES if rule.matches(lower)), None)


def _is_requirements(lower: str, folder: str) -> bool:
    named = lower.startswith("requirements") or lower.endswith("requirements.txt") or folder == "requirements"
    # rye's and uv's exported `requirements.lock`, `requirements-dev.lock`: pins, with `# via` for transitive ones
    return named and (
        lower.endswith((".txt", ".in")) or (lower.startswith("requirements") and lower.endswith(".lock"))
    )


_SHEBANG = re.compile(rb"#![^\n]*?\b(?:(?P<python>python[\d.]*)|(?:ba|z|k|da)?sh)\b")


def _script_kind(entry: os.DirEntry) -> str | None:
    """An extensionless executable script (``bin/serve``, ``docker-entrypoint``): Python or shell by its ``#!`` line."""
    try:
        if "." in entry.name or not entry.is_file():  # not a FIFO or a device: opening one could block
            return None
        with open(entry.path, "rb") as handle:
            first = handle.read(128)
    except OSError:
        return None
    shebang = _SHEBANG.match(first)
    if shebang is None:
        return None
    return "python" if shebang.group("python") else "shell"


class _Ignores:
    """.gitignore files met on the way down, each applying below its own folder."""

    def __init__(self) -> None:
        self.specs: list[tuple[str, pathspec.PathSpec]] = []

    def push(self, directory: str) -> bool:
        path = os.path.join(directory, ".gitignore")
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.readlines()
        except OSError:
            return False
        self.specs.append((directory, _gitignore_spec(lines)))
        return True

    def ignored(self, path: str, is_dir: bool) -> bool:
        for base, spec in self.specs:
            prefix = base.rstrip(os.sep) + os.sep
            rel = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, base)
            rel = rel.replace(os.sep, "/")
            if spec.match_file(rel + "/" if is_dir else rel):
                return True
        return False


def _gitignore_spec(lines: list[str]) -> pathspec.PathSpec:
    """The spec of a .gitignore's lines; like git, a line that is no valid pattern (a lone ``!``) is skipped."""
    import pathspec  # only where there is a .gitignore

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:  # pathspec's GitIgnorePatternError
        return pathspec.GitIgnoreSpec.from_lines(line for line in lines if _valid_pattern(line))


def _valid_pattern(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


class _Excludes:
    """Exclude patterns compiled once: a pattern matches a file's name, its relative path, or a tail of it."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._match = re.compile("|".join(fnmatch.translate(p) for p in patterns)).match if patterns else None
        self._tails = [p for p in patterns if "/" in p]  # ``a/b`` also matches ``x/a/b`` (PurePath.match)

    def __call__(self, name: str, relpath: str) -> bool:
        if self._match is None:
            return False
        if self._match(name) or self._match(relpath):
            return True
        return any(PurePosixPath(relpath).match(p) for p in self._tails)


def _in_git_checkout(path: Path) -> bool:
    return any((p / ".git").exists() for p in (path, *path.parents))


def discover(paths: Sequence[Path], root: Path, settings: Settings) -> Iterator[SourceFile]:
    """Yield the files under ``paths`` worth scanning, in a stable order, relative to ``root``."""
    excludes = _Excludes((*settings.exclude, *settings.extend_exclude))
    seen: set[str] = set()
    for given in paths:
        if given.is_file() or (given.is_symlink() and not given.exists()):
            kind = classify(given.name, given.parent.name) or "python"  # an explicitly named file is scanned
            relpath = _relative(given, root)
            if relpath not in seen:
                seen.add(relpath)
                yield SourceFile(str(given), relpath, kind)
            continue
        ignores = _Ignores()
        if settings.respect_gitignore and _in_git_checkout(given.resolve()):
            for parent in reversed(given.resolve().parents):
                # A folder named on the command line is scanned even if an outer .gitignore ignores it.
                if ignores.push(str(parent)) and ignores.ignored(str(given.resolve()), True):
                    ignores.specs.pop()
        yield from _walk(str(given), root, settings, excludes, ignores, seen)


def _walk(
    top: str,
    root: Path,
    settings: Settings,
    excludes: _Excludes,
    ignores: _Ignores,
    seen: set[str],
    rel_top: str | None = None,
) -> Iterator[SourceFile]:
    pushed = settings.respect_gitignore and ignores.push(top)
    rel_top = _relative(Path(top), root) if rel_top is None else rel_top
    for entry in _entries(top):
        relpath = entry.name if rel_top == "." else f"{rel_top}/{entry.name}"
        if excludes(entry.name, relpath):
            continue
        is_dir = _is_dir(entry)
        if settings.respect_gitignore and ignores.ignored(entry.path, is_dir):
            continue
        if is_dir:
            yield from _walk(entry.path, root, settings, excludes, ignores, seen, relpath)
            continue
        kind = classify(entry.name, os.path.basename(top)) or _script_kind(entry)
        if kind is not None and _included(settings, relpath, entry.name) and relpath not in seen:
            seen.add(relpath)
            yield SourceFile(entry.path, relpath, kind)
    if pushed:
        ignores.specs.pop()


def _entries(top: str) -> list[os.DirEntry]:
    """The folder's entries by name; none for an unreadable folder or a virtual environment."""
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return []
    return [] if any(entry.name == "pyvenv.cfg" for entry in entries) else entries


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _included(settings: Settings, relpath: str, name: str) -> bool:
    """True without ``include`` patterns, else when one matches the relative path or the name."""
    if not settings.include:
        return True
    return any(fnmatch.fnmatch(relpath, p) or fnmatch.fnmatch(name, p) for p in settings.include)


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return path.as_posix()
