"""Analyse non-Python files line by line: dependency manifests, Dockerfiles, YAML/TOML/.env configs."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from sovmigrate.rules import Rule
from sovmigrate.scan.matching import CompiledCatalog

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ]|$)")
_QUOTED = re.compile(r"[\"']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ][^\"']*)?[\"']")
_EGG = re.compile(r"[#&]egg=(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_KEY = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*=")
_SECTION = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_PEP621_SECTIONS = ("project", "project.optional-dependencies", "dependency-groups", "build-system")


@dataclass(frozen=True)
class LineFinding:
    rule: Rule
    line: int
    column: int  # 0-based
    end_column: int
    api: str


class MalformedFile(ValueError):
    """The file does not parse in its own format (its lines are still scanned)."""


def analyse_text(text: str, kind: str, catalog: CompiledCatalog) -> tuple[list[LineFinding], str | None]:
    """Findings in a non-Python file, and a parse problem to report (or ``None``)."""
    findings: list[LineFinding] = []
    problem = _validate(text, kind)
    lines = text.splitlines()
    findings.extend(_dependencies(lines, kind, catalog))
    for matcher, rule in catalog.lines:
        file_kind = _LINE_KIND.get(kind, kind)
        if file_kind not in matcher.files:
            continue
        for number, line in enumerate(lines, start=1):
            for match in matcher.regex.finditer(line):
                start, end = match.span("api")
                findings.append(LineFinding(rule, number, start, end, _tidy(match.group("api"))))
    return findings, problem


def _tidy(text: str, limit: int = 120) -> str:
    """One line of config as a readable API string: no quotes or list brackets, at most ``limit`` chars."""
    words = re.sub(r"[\"'\[\],]", " ", text).split()
    tidy = " ".join(words)
    return tidy if len(tidy) <= limit else tidy[: limit - 1] + "…"


_LINE_KIND = {"pyproject": "toml", "pipfile": "toml", "conda": "yaml", "setupcfg": "ini"}


def _validate(text: str, kind: str) -> str | None:
    try:
        if kind in ("pyproject", "pipfile", "toml"):
            tomllib.loads(text)
        elif kind == "json":
            json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        return str(exc)
    return None


def _dependencies(lines: list[str], kind: str, catalog: CompiledCatalog) -> Iterator[LineFinding]:
    section = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.split(" #", 1)[0] if kind != "requirements" else raw.split("#", 1)[0]
        header = _SECTION.match(line)
        if header and kind in ("pyproject", "pipfile", "setupcfg"):
            section = header.group(1).strip().strip('"')
            continue
        for name, column in _names(line, raw, kind, section):
            rule = catalog.dependency_rule(name)
            if rule is not None:
                yield LineFinding(rule, number, column, column + len(name), name)


def _names(line: str, raw: str, kind: str, section: str) -> Iterator[tuple[str, int]]:
    if kind == "requirements":
        stripped = line.strip()
        egg = _EGG.search(raw)
        if egg:
            yield egg.group("name"), egg.start("name")
        elif stripped and not stripped.startswith("-"):
            match = _REQUIREMENT.match(line)
            if match:
                yield match.group("name"), match.start("name")
    elif kind == "conda":
        match = re.match(r"^\s*-\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)", line)
        if match:
            yield match.group("name"), match.start("name")
    elif kind == "pyproject":
        if section in _PEP621_SECTIONS or section.startswith("dependency-groups"):
            if section == "build-system":
                return
            for match in _QUOTED.finditer(line):
                yield match.group(1), match.start(1)
        elif section.startswith("tool.poetry") and section.endswith("dependencies"):
            match = _KEY.match(line)
            if match:
                yield match.group("name"), match.start("name")
    elif kind == "pipfile":
        if section in ("packages", "dev-packages"):
            match = _KEY.match(line)
            if match:
                yield match.group("name"), match.start("name")
    elif kind == "setupcfg":
        if section in ("options", "options.extras_require"):
            body = line.split("=", 1)[1] if "=" in line and not raw[:1].isspace() else line
            match = _REQUIREMENT.match(body)
            if match and (raw[:1].isspace() or "=" in line):
                offset = len(line) - len(body)
                yield match.group("name"), offset + match.start("name")
