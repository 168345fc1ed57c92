"""Writes are atomic: a run killed half-way leaves every file old or new; modes, links and races handled."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from sovmigrate.config import Settings
from sovmigrate.rewrite.atomic import TEMP_SUFFIX, ChangedOnDisk, Snapshot, write_atomic
from sovmigrate.rewrite.runner import rewrite
from tests.conftest import REPO
from tests.rewrite.conftest import VENDOR, VENDOR_REWRITTEN
from tests.rewrite.sample_codemods import SAMPLES

FILES = 12

# The run in a subprocess, with a hook that SIGKILLs it at the n-th call of a step of the atomic write.
KILLED_RUN = textwrap.dedent("""
    import os, signal, sys
    from sovmigrate.config import Settings
    from sovmigrate.rewrite import atomic
    from sovmigrate.rewrite.runner import rewrite
    from tests.rewrite.sample_codemods import SAMPLES

    step, n = sys.argv[2], int(sys.argv[3])
    calls = {"count": 0}

    def kill_at_nth(original, before):
        def hooked(*args, **kwargs):
            calls["count"] += 1
            if before and calls["count"] == n:
                os.kill(os.getpid(), signal.SIGKILL)
            result = original(*args, **kwargs)
            if not before and calls["count"] == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        return hooked

    if step == "mid-write":        # the temporary file is written but not synced nor renamed
        atomic.os.fsync = kill_at_nth(os.fsync, before=True)
    elif step == "before-rename":
        atomic.os.replace = kill_at_nth(os.replace, before=True)
    else:                          # renamed, the folder not yet synced
        atomic.os.replace = kill_at_nth(os.replace, before=False)
    rewrite(sys.argv[1], codemods=SAMPLES, settings=Settings(cache=False, jobs=1))
    print("finished without being killed")
""")


@pytest.mark.parametrize("step", ["mid-write", "before-rename", "after-rename"])
def test_a_run_killed_half_way_leaves_every_file_old_or_new(tmp_path, step):
    names = [f"vendor_{index:02}.py" for index in range(FILES)]
    for name in names:
        (tmp_path / name).write_text(VENDOR)
    # fsync runs twice per file (the file, then its folder): the 9th call is the 5th file's own write.
    nth = {"mid-write": 9, "before-rename": 5, "after-rename": 5}[step]
    run = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(tmp_path), step, str(nth)],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == -signal.SIGKILL, run.stdout + run.stderr
    contents = [(tmp_path / name).read_text() for name in names]
    assert set(contents) <= {VENDOR, VENDOR_REWRITTEN}
    done = 5 if step == "after-rename" else 4
    assert contents.count(VENDOR_REWRITTEN) == done and contents.count(VENDOR) == FILES - done
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in names]
    assert all(name.startswith(".vendor_04.py.") and name.endswith(TEMP_SUFFIX) for name in leftovers)
    assert len(leftovers) == (0 if step == "after-rename" else 1)
    # The next run finishes the job; a leftover temporary file is not a source file to it.
    again = rewrite(tmp_path, codemods=SAMPLES, settings=Settings(cache=False, jobs=1))
    assert sorted(f.path for f in again.changed) == names[done:]
    assert all((tmp_path / name).read_text() == VENDOR_REWRITTEN for name in names)


def test_mode_owner_and_symlinks_are_kept(tmp_path):
    target = tmp_path / "real.py"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n", Snapshot.of(str(link)))
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.py", "real.py"]


def test_a_file_changed_since_it_was_read_is_left_as_it_is(tmp_path):
    path = tmp_path / "app.py"
    path.write_bytes(b"read by the rewrite\n")
    snapshot = Snapshot.of(str(path))
    path.write_bytes(b"edited by the user meanwhile\n")
    os.utime(path, ns=(snapshot.mtime_ns + 10**9, snapshot.mtime_ns + 10**9))
    with pytest.raises(ChangedOnDisk, match="changed on disk during the rewrite"):
        write_atomic(str(path), b"rewritten\n", snapshot)
    assert path.read_bytes() == b"edited by the user meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["app.py"]  # no temporary file left behind
