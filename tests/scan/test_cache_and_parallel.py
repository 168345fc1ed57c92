"""Warm scans reuse results of unchanged files; parallel and serial scans agree."""

from __future__ import annotations

import os

from sovmigrate.config import Settings
from sovmigrate.scan.runner import scan
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "legacy-chatbot"


def test_warm_scan_reuses_results_and_sees_changes(tmp_path):
    (tmp_path / "a.py").write_text("import vllm\n")
    (tmp_path / "b.py").write_text("import ollama\n")
    settings = Settings(cache_dir=tmp_path / ".cache", jobs=1)
    cold = scan([tmp_path], settings)
    warm = scan([tmp_path], settings)
    assert (cold.stats.files_cached, warm.stats.files_cached, warm.stats.files_analysed) == (0, 2, 0)
    assert warm.findings == cold.findings

    (tmp_path / "b.py").write_text("import ollama\nimport vllm\n")
    changed = scan([tmp_path], settings)
    assert changed.stats.files_analysed == 1
    assert [f.rule for f in changed.findings if f.path == "b.py"] == ["SOV200", "SOV120"]


def test_touched_but_unchanged_file_is_not_reanalysed(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("import vllm\n")
    settings = Settings(cache_dir=tmp_path / ".cache", jobs=1)
    scan([tmp_path], settings)
    os.utime(path, ns=(1, 1))
    again = scan([tmp_path], settings)
    assert (again.stats.files_cached, again.stats.files_analysed) == (1, 0)


def test_selection_is_applied_after_the_cache(tmp_path):
    (tmp_path / "a.py").write_text("import vllm\nimport ollama\n")
    scan([tmp_path], Settings(cache_dir=tmp_path / ".c", select=("SOV12",)))
    result = scan([tmp_path], Settings(cache_dir=tmp_path / ".c", select=("SOV2",)))
    assert [f.rule for f in result.findings] == ["SOV200"]


def test_corrupt_cache_is_ignored(tmp_path):
    (tmp_path / "a.py").write_text("import vllm\n")
    cache_dir = tmp_path / ".cache"
    scan([tmp_path], Settings(cache_dir=cache_dir))
    for entry in cache_dir.glob("scan-*.json"):
        entry.write_text("{not json")
    assert [f.rule for f in scan([tmp_path], Settings(cache_dir=cache_dir)).findings] == ["SOV120"]


def test_parallel_and_serial_scans_agree(tmp_path, monkeypatch):
    from sovmigrate.scan import runner

    monkeypatch.setattr(runner, "PARALLEL_LINES", 1)
    serial = scan([EXAMPLE], Settings(cache=False, jobs=1))
    parallel = scan([EXAMPLE], Settings(cache=False, jobs=2))
    assert parallel.findings == serial.findings
    assert len(serial.findings) > 40


def test_results_made_by_other_scanner_code_are_not_reused(tmp_path, monkeypatch):
    from sovmigrate.scan import cache

    (tmp_path / "a.py").write_text("import vllm\n")
    settings = Settings(cache_dir=tmp_path / ".cache", jobs=1)
    scan([tmp_path], settings)
    monkeypatch.setattr(cache, "code_stamp", lambda: "an edited scanner")
    again = scan([tmp_path], settings)
    assert (again.stats.files_cached, again.stats.files_analysed) == (0, 1)


def test_the_code_stamp_changes_when_a_source_file_is_edited(tmp_path):
    from sovmigrate.scan.cache import code_stamp

    source = tmp_path / "pkg" / "scan.py"
    source.parent.mkdir()
    source.write_text("RULES = 1\n")
    (tmp_path / "pkg" / "notes.txt").write_text("not code\n")
    before = code_stamp(tmp_path / "pkg")
    assert code_stamp(tmp_path / "pkg") == before
    (tmp_path / "pkg" / "notes.txt").write_text("still not code\n")
    assert code_stamp(tmp_path / "pkg") == before
    source.write_text("RULES = 2\n")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000))
    assert code_stamp(tmp_path / "pkg") != before
