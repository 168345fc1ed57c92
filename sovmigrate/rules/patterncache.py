"""The catalog's compiled regular expressions, kept between runs the way Python keeps its byte code.

``re`` compiles a pattern in two steps: a pure-Python parser and code generator, then ``_sre.compile`` of that
code. For the catalog's hundred-odd patterns (90 kB of pattern text) the first step costs 0.2-0.4 s, more than
the rest of a small scan; the second costs about a millisecond for all of them. So the code of every catalog
pattern is stored in one ``marshal`` file (the tool's own derived data, never anything scanned) beside this
module's byte code (``__pycache__``, or under ``PYTHONPYCACHEPREFIX``), written under Python's own rule: not when
byte code is not written (``PYTHONDONTWRITEBYTECODE``). The file is keyed by the Python build and ``re``'s code
format, and each entry by its pattern text and flags, so an edited rule simply misses. An entry is stored only
when the pattern built from it equals the one ``re`` compiled, and a missing, damaged or foreign file is ignored.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import re
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

try:  # re's two steps (Python 3.11+); elsewhere every pattern is compiled by re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

Entry = tuple[int, list[int], int, dict[str, int]]

_KEY = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', None)}|1"
# A pattern with every kind of state the code carries (named groups, inline flags, a look-behind): if the pattern
# built from its code is not equal to re's, this Python builds patterns differently and nothing is stored or read.
_PROBE = (r"(?i)(?P<key>[\w-]+)(?<!x)\s*:\s*(?:(?P<value>\S+)|$)", re.MULTILINE)
_known: set[tuple[str, int]] = set()  # every catalog pattern created in this process
_stored: dict[str, Entry] = {}  # what the file held
_fresh: dict[str, Entry] = {}  # patterns compiled in this run that the file did not hold


def register(pattern: str, flags: int) -> None:
    """Note a catalog pattern, so that the first run stores all of them (workers' compiles are not saved)."""
    _known.add((pattern, int(flags)))


def compile_pattern(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the stored code when the file holds it."""
    if not _usable():
        return re.compile(pattern, flags)
    key = f"{int(flags)}:{pattern}"
    entry = _load().get(key)
    if entry is not None:
        try:
            return _from_code(pattern, entry)
        except (RuntimeError, TypeError, ValueError):
            pass  # a damaged entry: compiled again below
    if not _fresh:
        atexit.register(save)
    _fresh[key] = entry = _code(pattern, flags)
    return _from_code(pattern, entry)


@cache
def _usable() -> bool:
    if _sre is None:
        return False
    try:
        return _from_code(_PROBE[0], _code(*_PROBE)) == re.compile(*_PROBE)
    except Exception:  # noqa: BLE001 - any difference in re's internals means: compile as re does
        return False


def _code(pattern: str, flags: int) -> Entry:
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groups = dict(parsed.state.groupdict)
    return int(flags | parsed.state.flags), [int(word) for word in code], parsed.state.groups - 1, groups


def _from_code(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex = entry
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))


def cache_path() -> Path:
    """Where the file lives: beside this module's byte code."""
    pyc = Path(importlib.util.cache_from_source(__file__))
    return pyc.with_name(f"patterns.{sys.implementation.cache_tag}.marshal")


@cache
def _load() -> dict[str, Entry]:
    try:
        data: Any = marshal.loads(cache_path().read_bytes())
        if isinstance(data, dict) and data.get("key") == _KEY and isinstance(data.get("patterns"), dict):
            _stored.update(data["patterns"])
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return _stored


def save() -> None:
    """Store every known catalog pattern (at exit, when this run compiled one the file did not hold)."""
    if not _fresh or sys.dont_write_bytecode:
        return
    for pattern, flags in _known:
        key = f"{flags}:{pattern}"
        if key not in _stored and key not in _fresh:
            _fresh[key] = _code(pattern, flags)
    _stored.update(_fresh)
    _fresh.clear()
    _write(marshal.dumps({"key": _KEY, "patterns": _stored}))


def _write(payload: bytes) -> None:
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".patterns-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, os.stat(__file__).st_mode & 0o666)  # readable by whoever can read the package
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only installation compiles its patterns in every run, as before
