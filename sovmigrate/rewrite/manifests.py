"""Add ``sovmigrate[<extra>]`` to the dependency manifests that list an inference engine.

Code rewritten to the adapter needs sovmigrate with the extra of the backend it now runs on. The
requirement goes where the engine is declared (the same array, table or list), formatted like its
neighbours: tomlkit keeps TOML files as written, the line formats are edited as text. A manifest that
already asks for sovmigrate gains only the missing extras. The engine itself stays: the code may still
import it, and removing a dependency is the user's call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sovmigrate import __version__
from sovmigrate.scan.matching import compiled_catalog

_NAME = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^\]]*)\])?(?P<rest>.*)$", re.DOTALL
)
VERSION = f">={__version__}"
MANIFEST_KINDS = ("requirements", "pyproject", "setupcfg", "pipfile", "conda")


def add_sovmigrate(kind: str, text: str, extras: Iterable[str]) -> str:
    """``text`` of a ``kind`` manifest with sovmigrate and ``extras`` required; unchanged if nothing to add."""
    wanted = sorted(set(extras))
    if not wanted:
        return text
    return _EDITORS[kind](text, wanted)


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _is_engine(requirement: str) -> bool:
    match = _NAME.match(requirement)
    return bool(match) and compiled_catalog().dependency_rule(match.group("name")) is not None


def _requirement(extras: list[str]) -> str:
    return f"sovmigrate[{','.join(extras)}]{VERSION}"


def _merged(requirement: str, extras: list[str]) -> str | None:
    """``requirement`` with ``extras`` added if it names sovmigrate (itself when nothing is missing); else None."""
    match = _NAME.match(requirement)
    if match is None or _normalised(match.group("name")) != "sovmigrate":
        return None
    have = [e.strip() for e in (match.group("extras") or "").split(",") if e.strip()]
    missing = [e for e in extras if e not in have]
    if not missing:
        return requirement
    prefix = requirement[: match.start("name")] + match.group("name")
    return f"{prefix}[{','.join([*have, *missing])}]{match.group('rest')}"


# ---------------------------------------------------------------- line formats


def _requirements(text: str, extras: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        merged = _merged(line, extras)
        if merged is not None:
            lines[index] = merged
            return "".join(lines)
    newline = _newline(text)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text + _requirement(extras) + newline


def _setup_cfg(text: str, extras: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    found = _install_requires(lines)
    if found is None:
        return text
    start, end = found
    if _merged_in_place(lines, start, end, extras):
        return "".join(lines)
    newline = _newline(text)
    if end == start + 1 and lines[start].split("=", 1)[1].strip():  # one line: semicolon-separated
        line = lines[start].rstrip("\r\n")
        lines[start] = f"{line}; {_requirement(extras)}{lines[start][len(line) :] or newline}"
    else:
        indent = re.match(r"^[ \t]*", lines[end - 1]).group(0) if end > start + 1 else "    "
        if not lines[end - 1].endswith(("\n", "\r")):
            lines[end - 1] += newline
        lines.insert(end, f"{indent}{_requirement(extras)}{newline}")
    return "".join(lines)


def _install_requires(lines: list[str]) -> tuple[int, int] | None:
    """The lines of ``install_requires`` in ``[options]``: its key line to the last continuation line."""
    section = ""
    for index, line in enumerate(lines):
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            section = header.group(1).strip()
        elif section == "options" and re.match(r"^install_requires\s*=", line):
            end = index + 1
            while end < len(lines) and (lines[end].strip() == "" or lines[end][:1] in " \t"):
                end += 1
            while end > index + 1 and not lines[end - 1].strip():
                end -= 1
            return index, end
    return None


def _merged_in_place(lines: list[str], start: int, end: int, extras: list[str]) -> bool:
    """Add ``extras`` to a sovmigrate requirement among ``lines[start:end]``; whether there was one."""
    for index in range(start, end):
        value = lines[index].split("=", 1)[1] if index == start else lines[index]
        for item in (part.strip() for part in value.split(";")):
            merged = _merged(item, extras) if item else None
            if merged is not None:
                lines[index] = lines[index].replace(item, merged, 1)
                return True
    return False


def _conda(text: str, extras: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        item = re.match(r"^(\s*-\s*)(.*?)(\s*)$", line, re.DOTALL)
        merged = _merged(item.group(2), extras) if item else None
        if item and merged is not None:
            lines[index] = item.group(1) + merged + item.group(3)
            return "".join(lines)
    newline = _newline(text)
    pip = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s*pip\s*:\s*$", line)), None)
    if pip is not None:
        end = pip + 1
        while (
            end < len(lines)
            and re.match(r"^\s+-\s", lines[end])
            and _indent(lines[end]) > _indent(lines[pip])
        ):
            end += 1
        indent = (
            re.match(r"^\s*-\s*", lines[end - 1]).group(0)
            if end > pip + 1
            else " " * (_indent(lines[pip]) + 4) + "- "
        )
    else:
        deps = next((i for i, line in enumerate(lines) if re.match(r"^dependencies\s*:", line)), None)
        if deps is None:
            return text
        end = deps + 1
        while end < len(lines) and re.match(r"^\s+-\s", lines[end]):
            end += 1
        item = re.match(r"^\s*-\s*", lines[end - 1]).group(0) if end > deps + 1 else "  - "
        block = [f"{item}pip{newline}", f"{item[:-2]}- pip:{newline}"]
        lines[end:end] = block
        end += 2
        indent = " " * (len(item) + 2) + "- "
    if end and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    lines.insert(end, f"{indent}{_requirement(extras)}{newline}")
    return "".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


# ---------------------------------------------------------------- TOML formats


def _pyproject(text: str, extras: list[str]) -> str:
    import tomlkit

    document = tomlkit.parse(text)
    project = document.get("project", {})
    arrays = [project.get("dependencies")]
    arrays += list(project.get("optional-dependencies", {}).values()) + list(
        document.get("dependency-groups", {}).values()
    )
    for array in arrays:
        if array is not None and _add_to_array(array, extras):
            return tomlkit.dumps(document)
    poetry = document.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies"), *(g.get("dependencies") for g in poetry.get("group", {}).values())]
    for table in tables:
        if table is not None and _add_to_table(table, extras):
            return tomlkit.dumps(document)
    return text


def _pipfile(text: str, extras: list[str]) -> str:
    import tomlkit

    document = tomlkit.parse(text)
    for section in ("packages", "dev-packages"):
        table = document.get(section)
        if table is not None and _add_to_table(table, extras):
            return tomlkit.dumps(document)
    return text


def _add_to_array(array, extras: list[str]) -> bool:  # type: ignore[no-untyped-def]
    """Add the requirement to a PEP 508 string array that lists an engine; whether the array was the one."""
    items = [str(item) for item in array]
    for index, item in enumerate(items):
        merged = _merged(item, extras)
        if merged is not None:
            if merged != item:
                array[index] = merged
            return True
    if not any(_is_engine(item) for item in items):
        return False
    array.append(_requirement(extras))
    return True


def _add_to_table(table, extras: list[str]) -> bool:  # type: ignore[no-untyped-def]
    """Add ``sovmigrate = {version, extras}`` to a Poetry or Pipfile table that lists an engine."""
    import tomlkit

    current = next((key for key in table if _normalised(key) == "sovmigrate"), None)
    if current is not None:
        value = table[current]
        if isinstance(value, str):
            value = tomlkit.inline_table()
            value.update({"version": str(table[current])})
        have = [str(e) for e in value.get("extras", [])]
        missing = [e for e in extras if e not in have]
        if missing:
            value["extras"] = [*have, *missing]
            table[current] = value
        return True
    if not any(compiled_catalog().dependency_rule(key) is not None for key in table):
        return False
    entry = tomlkit.inline_table()
    entry.update({"version": VERSION, "extras": extras})
    table.add("sovmigrate", entry)
    return True


_EDITORS: dict[str, Callable[[str, list[str]], str]] = {
    "requirements": _requirements,
    "setupcfg": _setup_cfg,
    "conda": _conda,
    "pyproject": _pyproject,
    "pipfile": _pipfile,
}
