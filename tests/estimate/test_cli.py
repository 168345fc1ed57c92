"""``sovmigrate estimate``: text, --explain, JSON that follows its schema, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from sovmigrate.cli import main
from sovmigrate.schemas import validate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legacy-chatbot"


def test_text_report_names_the_range_the_calendar_and_the_savings(capsys):
    assert main(["estimate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "engineer-weeks" in out and "P10" in out and "P90" in out
    assert "calendar:" in out and "3 engineers at 80%" in out
    assert "against a manual migration" in out
    assert "Inference API rewrite" in out and "Assumptions to confirm" in out


def test_explain_lists_every_driver_with_where_it_was_counted(capsys):
    assert main(["estimate", str(EXAMPLE), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "complex-site" in out and "app/local_llm.py:27" in out and "assumption" in out


def test_json_follows_the_schema_and_contributions_add_up(tmp_path):
    report = tmp_path / "estimate.json"
    assert (
        main(
            [
                "estimate",
                str(EXAMPLE),
                "--target",
                "qwen2.5-7b-instruct",
                "--format",
                "json",
                "-o",
                str(report),
            ]
        )
        == 0
    )
    data = json.loads(report.read_text())
    validate(data, "estimate")
    assert data["target"]["line"] == "qwen2.5" and data["target"]["tier"] == 1
    assert abs(sum(d["contribution"] for d in data["drivers"]) - data["total"]["mean"]) < 0.01
    for driver in data["drivers"]:
        if driver["counted_as"] == "sites":
            assert len(driver["evidence"]["sites"]) == driver["count"]
    assert data["total"]["p10"] <= data["total"]["p50"] <= data["total"]["p90"]


def test_an_unknown_target_is_one_line_with_close_matches(capsys):
    assert main(["estimate", str(EXAMPLE), "--target", "mistrall-7b"]) == 2
    err = capsys.readouterr().err
    assert "unknown target model 'mistrall-7b'" in err and "mistral-7b" in err and err.count("\n") == 1
