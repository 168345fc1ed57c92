"""Replace a file's bytes atomically: a reader, a crash or a kill sees the old file or the new one, never half.

The steps (docs/rewrite.md, "Guarantees"): resolve symlinks (the link stays a link to the rewritten
target), write a temporary file in the same folder, flush and fsync it, give it the original's mode,
check the original did not change since it was read, ``os.replace`` it over the original, fsync the
folder. The temporary file is removed on any error; only a kill between creating and renaming it can
leave one behind (``.NAME.*.sovmigrate-tmp``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

TEMP_SUFFIX = ".sovmigrate-tmp"


class ChangedOnDisk(OSError):
    """The file changed between reading it and writing its rewrite; it was left as it is."""


@dataclass(frozen=True)
class Snapshot:
    """What a file looked like when it was read: enough to notice a change before replacing it."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: str) -> Snapshot:
        info = os.stat(path)
        return cls(info.st_size, info.st_mtime_ns, info.st_ino)


def write_atomic(path: str, data: bytes, expected: Snapshot | None = None) -> None:
    """Replace the contents of ``path`` with ``data``; raise ``ChangedOnDisk`` if it is no longer ``expected``."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    original = os.stat(target)
    descriptor, temp = tempfile.mkstemp(
        prefix=f".{os.path.basename(target)}.", suffix=TEMP_SUFFIX, dir=directory
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), stat.S_IMODE(original.st_mode))
            with contextlib.suppress(PermissionError):
                os.fchown(handle.fileno(), original.st_uid, original.st_gid)
        if expected is not None and Snapshot.of(target) != expected:
            raise ChangedOnDisk(f"{path} changed on disk during the rewrite; left as it is")
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - filesystems that refuse it
        pass
    finally:
        os.close(descriptor)
