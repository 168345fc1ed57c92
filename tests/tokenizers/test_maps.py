"""Family maps: schema-valid, the agreed names, and consistent with the real files where we have them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sovmigrate.schemas import validate
from sovmigrate.tokenizers import families, load_tokenizer
from sovmigrate.tokenizers.maps import resolve_family

REQUIRED = [
    "llama-2",
    "llama-3",
    "llama-4",
    "openllama",
    "mistral-v1",
    "mistral-v3",
    "mistral-tekken",
    "gemma",
    "gemma-3",
    "qwen2",
    "phi-3",
    "phi-4",
    "gpt2",
    "deepseek-v3",
    "deepseek-llm",
    "falcon",
    "olmo-2",
    "gpt-oss",
    "command-r",
]
LOADABLE = [
    "llama-2",
    "llama-3",
    "llama-4",
    "mistral-v1",
    "mistral-v3",
    "mistral-tekken",
    "gemma-4",
    "qwen2",
    "phi-3",
    "gpt2",
    "deepseek-llm",
    "falcon",
    "command-r",
]


def test_every_agreed_family_name_has_a_valid_map() -> None:
    maps = families()
    assert set(REQUIRED) <= set(maps)
    for data in maps.values():
        validate(data, "tokenizer_map")


def test_model_ids_resolve_to_one_family_each() -> None:
    seen: dict[str, str] = {}
    for name, data in families().items():
        for model in data["model_ids"]:
            assert seen.setdefault(model.lower(), name) == name, model
            assert resolve_family(model) == name
    assert resolve_family("Qwen/Qwen2.5-7B-Instruct") == "qwen2"
    assert resolve_family("mistralai/Mistral-Nemo-Instruct-2407") == "mistral-tekken"


@pytest.mark.fixtures
@pytest.mark.parametrize("family", LOADABLE)
def test_map_agrees_with_the_real_files(files: Path, family: str) -> None:
    data = families()[family]
    tok = load_tokenizer(family)
    assert tok.vocab_size == data["vocab_size"]
    for item in data["special_tokens"]:
        if "id" in item:
            assert tok.tokenizer.token_to_id(item["token"]) == item["id"], item


@pytest.mark.fixtures
@pytest.mark.parametrize("family", ["deepseek-llm", "falcon", "command-r"])
def test_split_regexes_are_byte_exact_copies_of_llama_cpp(files: Path, family: str) -> None:
    cpp = (files / "llama-vocab.cpp").read_text(encoding="utf-8")
    case = {"deepseek-llm": "DEEPSEEK_LLM", "falcon": "FALCON", "command-r": "COMMAND_R"}[family]
    start = cpp.index(f"case LLAMA_VOCAB_PRE_TYPE_{case}:")
    body = cpp[
        cpp.index("regex_exprs = {", start) + 15 : cpp.index("};", cpp.index("regex_exprs = {", start))
    ]
    literals = [
        x.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for x in re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    ]
    assert families()[family]["gguf"]["split_regexes"] == literals


def test_chat_templates_render_in_the_sandbox() -> None:
    from sovmigrate.tokenizers.chat import CONVERSATIONS, render
    from sovmigrate.tokenizers.errors import ChatTemplateError
    from sovmigrate.tokenizers.loaded import LoadedTokenizer

    for name, data in families().items():
        if not data["chat_template"]:
            continue
        tok = LoadedTokenizer(
            spec=name,
            tokenizer=None,
            source="map",
            format="tokenizer.json",
            roles={s["role"]: s["token"] for s in data["special_tokens"]},
            chat_template=data["chat_template"],
        )
        text = render(tok, CONVERSATIONS["multi-turn"]["messages"])
        assert "Lisbon, for three days in May." in text, name
        try:
            tool = render(tok, CONVERSATIONS["tool-call"]["messages"], CONVERSATIONS["tool-call"]["tools"])
        except ChatTemplateError:
            continue  # families without tool calling refuse it with a clear message
        assert "get_weather" in tool and "Paris" in tool, name


def test_sandbox_blocks_template_escapes() -> None:
    from sovmigrate.tokenizers.chat import render
    from sovmigrate.tokenizers.errors import ChatTemplateError
    from sovmigrate.tokenizers.loaded import LoadedTokenizer

    evil = "{{ messages.__class__.__mro__[1].__subclasses__() }}"
    tok = LoadedTokenizer(
        spec="evil", tokenizer=None, source="x", format="tokenizer.json", chat_template=evil
    )
    with pytest.raises(ChatTemplateError):
        render(tok, [{"role": "user", "content": "hi"}])


def test_every_family_the_model_catalog_may_name_has_a_map() -> None:
    from sovmigrate.schemas import load_schema

    names = load_schema("model_catalog")["$defs"]["tokenizer_family"]["enum"]
    assert {n for n in names if n} <= set(families())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"context_length": "long"}, "'long' is not of type 'integer', 'null'"),
        (
            {"algorithm": "bpe"},
            "'bpe' is not one of ['bpe-byte-level', 'bpe-sentencepiece', 'unigram', 'wordpiece']",
        ),
        ({"vocab": 1}, "Additional properties are not allowed ('vocab' was unexpected)"),
        ({"special_tokens": [{"role": "eos", "token": ""}]}, "'' should be non-empty"),
    ],
)
def test_a_broken_map_names_the_file_and_the_problem(tmp_path, monkeypatch, change, message):
    # Maps are checked with fastjsonschema at run time; the message is the one jsonschema gave.
    from sovmigrate.errors import CatalogError
    from sovmigrate.tokenizers import maps

    data = {**families()["llama-2"], **change}
    (tmp_path / "llama-2.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(maps, "_maps_dir", lambda: tmp_path)
    maps.families.cache_clear()
    try:
        with pytest.raises(CatalogError) as raised:
            maps.families()
    finally:
        maps.families.cache_clear()
    assert str(raised.value) == f"tokenizer_maps/llama-2.json: {message}"
