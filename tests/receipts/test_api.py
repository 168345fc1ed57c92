"""The library call: grouping, locations, misuse."""

from __future__ import annotations

import pytest

from sovmigrate.errors import UsageError
from sovmigrate.receipts import Location, compare, receipts


def test_identifiers_of_one_line_share_one_receipt_and_keep_every_location():
    result = receipts(
        [
            ("llama3.1:8b", Location("a.py", 1, 1)),
            ("llama3.1:8b", Location("b.py", 2, 1)),
            ("llama3.1:8b", Location("a.py", 1, 1)),
            "meta-llama/Llama-3.1-8B-Instruct",
        ]
    )
    [receipt] = result.receipts
    assert [i.id for i in receipt.identifiers] == ["llama3.1:8b", "meta-llama/Llama-3.1-8B-Instruct"]
    assert receipt.identifiers[0].locations == [Location("a.py", 1, 1), Location("b.py", 2, 1)]
    assert receipt.identifiers[1].locations == []


def test_jurisdiction_is_case_insensitive():
    assert receipts(["llama4:scout"], jurisdiction="eu").receipts[0].tier.effective == 3


def test_non_string_identifier_is_a_usage_error():
    with pytest.raises(UsageError, match="must be strings"):
        receipts([(42, None)])


def test_compare_keeps_source_and_target_order():
    comparison = compare("qwen3:8b", "llama3.1:8b").comparison
    assert (comparison.source.line.id, comparison.target.line.id) == ("qwen3", "llama-3.1")
    assert "sovereignty tier 1 -> 2" in comparison.losses
    assert 'adds: derived models must be named starting with "Llama"' in comparison.losses


def test_a_single_identifier_is_one_model_not_a_list_of_characters():
    result = receipts("llama3.1:8b")
    assert [r.line.id for r in result.receipts] == ["llama-3.1"]
    assert result.unknown == []


def test_a_single_identifier_with_its_location_is_one_model():
    [receipt] = receipts(("qwen3:8b", Location("app.py", 3, 7))).receipts
    assert receipt.line.id == "qwen3"
    assert receipt.identifiers[0].locations == [Location("app.py", 3, 7)]


def test_printing_a_result_names_its_receipts_without_dumping_the_catalog():
    result = receipts(["llama3.1:8b", "nosuch-model"])
    text = repr(result)
    assert "llama-3.1" in text and "nosuch-model" in text
    assert "qwen" not in text.lower() and "sources" not in text  # nothing of the other catalog lines
    assert len(text) < 2000


@pytest.mark.parametrize("identifier", ["", "   "])
def test_an_empty_identifier_is_a_usage_error(identifier):
    with pytest.raises(UsageError, match="a model identifier is empty"):
        receipts(identifier)
