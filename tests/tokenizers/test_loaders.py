"""Each loader gives the ids of the reference implementation on real files (llama.cpp vectors, native libraries)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sovmigrate.errors import SovmigrateError
from sovmigrate.tokenizers import load_tokenizer
from sovmigrate.tokenizers.errors import TokenizerLoadError
from sovmigrate.tokenizers.load import load_file
from sovmigrate.tokenizers.tricky import TRICKY
from tests.tokenizers.conftest import corpus_texts, load_vectors

pytestmark = pytest.mark.fixtures

GGUF = {  # vocab file -> family it must be recognised as
    "llama-spm": "llama-2",
    "llama-bpe": "llama-3",
    "gemma-4": "gemma-4",
    "qwen2": "qwen2",
    "phi-3": "phi-3",
    "gpt-2": "gpt2",
    "deepseek-llm": "deepseek-llm",
    "falcon": "falcon",
    "command-r": "command-r",
}
TEXTS = [t for group in TRICKY.values() for t in group] + corpus_texts()


def encode(tok, text: str) -> list[int]:
    return tok.tokenizer.encode(text, add_special_tokens=False).ids


@pytest.mark.parametrize("name", sorted(GGUF))
def test_gguf_loader_matches_llama_cpp_vectors(files: Path, name: str) -> None:
    path = files / f"ggml-vocab-{name}.gguf"
    texts, expected = load_vectors(path)
    tok = load_file(path)
    assert tok.family == GGUF[name]
    assert [encode(tok, t) for t in texts] == expected


def test_llama3_tiktoken_file_matches_llama_models(llama_models) -> None:
    native = llama_models[0].Tokenizer.get_instance()
    tok = load_tokenizer("llama-3")
    tok.tokenizer.encode_special_tokens = True  # literal "<|eot_id|>" in user text stays text, as in tiktoken
    assert tok.format == "tiktoken"
    assert tok.vocab_size == native.n_words == 128256
    assert {t: tok.tokenizer.token_to_id(t) for t in native.special_tokens} == native.special_tokens
    for text in TEXTS:
        assert encode(tok, text) == native.encode(text, bos=False, eos=False), text


def test_llama4_tiktoken_file_matches_llama_models(llama_models) -> None:
    native = llama_models[1].Tokenizer.get_instance()
    tok = load_tokenizer("llama-4")
    tok.tokenizer.encode_special_tokens = True
    assert tok.vocab_size == native.n_words == 202048
    assert {t: tok.tokenizer.token_to_id(t) for t in native.special_tokens} == native.special_tokens
    for text in TEXTS:
        assert encode(tok, text) == native.encode(text, bos=False, eos=False), text


def test_llama3_gguf_and_tiktoken_file_agree_on_text(files: Path) -> None:
    gguf, tiktoken_file = load_file(files / "ggml-vocab-llama-bpe.gguf"), load_tokenizer("llama-3")
    for tok in (gguf, tiktoken_file):
        tok.tokenizer.encode_special_tokens = True
    assert [encode(gguf, t) for t in TEXTS] == [encode(tiktoken_file, t) for t in TEXTS]


@pytest.mark.parametrize(
    "family,filename",
    [("mistral-v1", "tokenizer.model.v1"), ("mistral-v3", "mistral_instruct_tokenizer_240323.model.v3")],
)
def test_sentencepiece_loader_matches_sentencepiece(files: Path, family: str, filename: str) -> None:
    import sentencepiece

    native = sentencepiece.SentencePieceProcessor(model_file=str(files / filename))
    tok = load_tokenizer(family)
    tok.tokenizer.encode_special_tokens = True
    assert tok.vocab_size == native.vocab_size()
    for text in TEXTS:
        assert encode(tok, text) == native.encode(text), text


def test_tekken_loader_matches_mistral_common(files: Path) -> None:
    from mistral_common.tokens.tokenizers.tekken import Tekkenizer

    native = Tekkenizer.from_file(files / "tekken_240911.json")
    tok = load_tokenizer("mistral-tekken")
    tok.tokenizer.encode_special_tokens = True
    assert tok.vocab_size == native.n_words == 131072
    for text in TEXTS:
        assert encode(tok, text) == native.encode(text, bos=False, eos=False), text


@pytest.mark.parametrize("spec", ["llama-3", "meta-llama/Llama-3.1-8B-Instruct", "Llama-3.1-8B-Instruct"])
def test_family_names_and_model_ids_resolve_to_the_same_files(files: Path, spec: str) -> None:
    tok = load_tokenizer(spec)
    assert tok.family == "llama-3"
    assert (
        tok.roles["bos"] == "<|begin_of_text|>" and tok.tokenizer.token_to_id("<|begin_of_text|>") == 128000
    )


@pytest.mark.parametrize(
    "name,cut",
    [("ggml-vocab-llama-spm.gguf", 100_000), ("tokenizer.model.v1", 4096), ("tekken_240911.json", 1_000_000)],
)
def test_truncated_file_is_a_clear_error_naming_the_file(
    files: Path, tmp_path: Path, name: str, cut: int
) -> None:
    broken = tmp_path / name
    broken.write_bytes((files / name).read_bytes()[:cut])
    with pytest.raises(TokenizerLoadError) as info:
        load_file(broken)
    assert str(broken) in str(info.value)
    assert isinstance(info.value, SovmigrateError)


def test_malformed_tiktoken_line_is_reported_with_its_line_number(llama_models, tmp_path: Path) -> None:
    src = Path(llama_models[0].__file__).with_name("tokenizer.model").read_text(encoding="ascii").splitlines()
    broken = tmp_path / "tokenizer.model"
    broken.write_text("\n".join(src[:50] + ["IQ== notanumber"] + src[51:100]) + "\n", encoding="ascii")
    with pytest.raises(TokenizerLoadError, match="line 51"):
        load_file(broken, family="llama-3")


def test_folder_with_remote_code_loads_without_running_it(files: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    load_tokenizer("mistral-v1").tokenizer.save(str(folder / "tokenizer.json"))
    marker = tmp_path / "remote-code-ran"
    (folder / "tokenization_evil.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n", encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "auto_map": {"AutoTokenizer": ["tokenization_evil.EvilTokenizer", None]},
                "bos_token": "<s>",
                "eos_token": "</s>",
                "chat_template": "{{ messages[0].content }}",
            }
        ),
        encoding="utf-8",
    )
    (folder / "config.json").write_text(json.dumps({"max_position_embeddings": 32768}), encoding="utf-8")
    tok = load_file(folder)
    assert not marker.exists()
    assert (
        tok.roles["eos"] == "</s>"
        and tok.context_length == 32768
        and tok.chat_template == "{{ messages[0].content }}"
    )
    assert encode(tok, "Hello") == encode(load_tokenizer("mistral-v1"), "Hello")


def test_unknown_spec_names_the_known_families() -> None:
    with pytest.raises(SovmigrateError, match="llama-3"):
        load_tokenizer("no-such-model-family")


def test_family_without_local_files_says_how_to_get_them() -> None:
    with pytest.raises(SovmigrateError, match="--download"):
        load_tokenizer("gemma-3")


def test_cache_hit_gives_the_same_ids_as_a_fresh_conversion(files: Path, tmp_path: Path, monkeypatch) -> None:
    cached = load_file(files / "ggml-vocab-phi-3.gguf")
    monkeypatch.setenv("SOVMIGRATE_TOKENIZER_CACHE", str(tmp_path / "fresh"))
    fresh = load_file(files / "ggml-vocab-phi-3.gguf")
    assert list((tmp_path / "fresh").glob("*.tokenizer.json"))
    assert [encode(cached, t) for t in TEXTS] == [encode(fresh, t) for t in TEXTS]
    shutil.rmtree(tmp_path / "fresh")


def test_model_id_is_found_in_the_hugging_face_cache(files: Path, tmp_path: Path, monkeypatch) -> None:
    snapshot = tmp_path / "hub" / "models--mistralai--Mistral-7B-Instruct-v0.2" / "snapshots" / "0123abc"
    snapshot.mkdir(parents=True)
    load_tokenizer("mistral-v1").tokenizer.save(str(snapshot / "tokenizer.json"))
    (snapshot / "tokenizer_config.json").write_text(
        json.dumps({"chat_template": "{{ 'cached template' }}"}), encoding="utf-8"
    )
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    tok = load_tokenizer("mistralai/Mistral-7B-Instruct-v0.2")
    assert tok.source == str(snapshot) and tok.family == "mistral-v1"
    assert tok.chat_template == "{{ 'cached template' }}"  # the files' template wins over the family map's


def test_missing_fixture_fails_under_ci(tmp_path: Path, monkeypatch) -> None:
    from tests.tokenizers.conftest import require

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="tokenizer-fixtures"):
        require(tmp_path / "absent.gguf")


def test_folder_of_unknown_family_stops_on_its_own_eos(files: Path, tmp_path: Path) -> None:
    from tokenizers import AddedToken

    tok = load_tokenizer("gpt2").tokenizer
    tok.add_special_tokens([AddedToken("<|my_turn_end|>", special=True)])  # 50258 ids: no known family
    tok.save(str(tmp_path / "tokenizer.json"))
    (tmp_path / "tokenizer_config.json").write_text(
        json.dumps({"eos_token": "<|my_turn_end|>"}), encoding="utf-8"
    )
    loaded = load_tokenizer(tmp_path)
    assert loaded.family is None
    assert loaded.stop_sequences == ["<|my_turn_end|>"]
    assert load_tokenizer(tmp_path / "tokenizer.json").stop_sequences == []  # nothing names an EOS


def test_unlisted_model_id_is_loaded_from_the_hugging_face_cache(
    files: Path, tmp_path: Path, monkeypatch
) -> None:
    snapshot = tmp_path / "hub" / "models--acme--support-bot-7b" / "snapshots" / "f00d"
    snapshot.mkdir(parents=True)
    load_tokenizer("llama-2").tokenizer.save(str(snapshot / "tokenizer.json"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    tok = load_tokenizer("acme/support-bot-7b")
    assert tok.source == str(snapshot) and tok.family == "llama-2"  # recognised by its vocabulary


def test_unlisted_model_id_without_files_names_the_download_option() -> None:
    with pytest.raises(SovmigrateError, match="acme/unknown-model.*--download"):
        load_tokenizer("acme/unknown-model")


def test_hub_download_happens_only_when_asked(files: Path, tmp_path: Path, monkeypatch) -> None:
    from sovmigrate.tokenizers import locate

    folder = tmp_path / "downloaded"
    folder.mkdir()
    load_tokenizer("mistral-v3").tokenizer.save(str(folder / "tokenizer.json"))
    calls: list[str] = []
    monkeypatch.setattr(locate, "hf_download", lambda repo: calls.append(repo) or folder)
    with pytest.raises(SovmigrateError):
        load_tokenizer("acme/new-model")
    with pytest.raises(SovmigrateError):
        load_tokenizer("gemma-3")  # a family with no local files
    assert calls == []
    tok = load_tokenizer("acme/new-model", download=True)
    assert calls == ["acme/new-model"] and tok.family == "mistral-v3"
