"""Whatever Python or bytes it is given, the scanner reports and never crashes (no SOV900)."""

from __future__ import annotations

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sovmigrate.scan.discovery import SourceFile
from sovmigrate.scan.files import analyse_bytes, read_source

VENDOR_HEADER = "import llama_cpp\nimport vllm\nfrom openai import OpenAI\n"


def _analyse(tmp_path, data: bytes):
    path = tmp_path / "case.py"
    path.write_bytes(data)
    source = SourceFile(str(path), "case.py", "python")
    raw, result = read_source(source, 10**7)
    return analyse_bytes(source, raw, result) if raw is not None else result


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(hypothesmith.from_grammar())
def test_any_valid_python_is_analysed_without_internal_errors(tmp_path, source):
    result = _analyse(tmp_path, (VENDOR_HEADER + source).encode("utf-8", "surrogatepass"))
    assert not [e for e in result.errors if e.code == "SOV900"], result.errors
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line and finding.column >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_give_findings_or_errors_never_a_crash(tmp_path, tail):
    result = _analyse(tmp_path, b"import vllm\n" + tail)
    assert not [e for e in result.errors if e.code == "SOV900"], result.errors
