"""Identifier resolution: real identifiers from each ecosystem, unknown ids, near misses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sovmigrate.receipts import resolve
from sovmigrate.receipts.resolve import normalize

# Identifiers as they appear in code (vendor docs / model pages, see vendor-apis.md section 11.1).
KNOWN = [
    # Hugging Face Hub
    pytest.param("meta-llama/Llama-2-7b-chat-hf", "llama-2", id="hf llama-2"),
    pytest.param("meta-llama/Meta-Llama-3-8B-Instruct", "llama-3", id="hf llama-3"),
    pytest.param("meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3.1", id="hf llama-3.1 old name"),
    pytest.param("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1", id="hf llama-3.1"),
    pytest.param("meta-llama/Llama-3.2-3B-Instruct", "llama-3.2-text", id="hf llama-3.2 text"),
    pytest.param("meta-llama/Llama-3.2-11B-Vision-Instruct", "llama-3.2-vision", id="hf llama-3.2 vision"),
    pytest.param("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3", id="hf llama-3.3"),
    pytest.param("meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4", id="hf llama-4 scout"),
    pytest.param(
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "llama-4", id="hf llama-4 maverick fp8"
    ),
    pytest.param("TheBloke/Llama-2-7B-Chat-GGUF", "llama-2", id="hf thebloke"),
    pytest.param("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "llama-3.1", id="hf bartowski"),
    pytest.param("hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4", "llama-3.1", id="hf awq"),
    pytest.param("NousResearch/Llama-2-7b-chat-hf", "llama-2", id="hf nous"),
    pytest.param("openlm-research/open_llama_7b", "openllama-v1", id="hf openllama v1"),
    pytest.param("openlm-research/open_llama_3b_v2", "openllama-v2", id="hf openllama v2"),
    pytest.param("mistralai/Mistral-7B-Instruct-v0.2", "mistral-7b", id="hf mistral v0.2"),
    pytest.param("mistralai/Mistral-7B-Instruct-v0.3", "mistral-7b-v0.3", id="hf mistral v0.3"),
    pytest.param("mistralai/Mixtral-8x7B-Instruct-v0.1", "mixtral-8x7b", id="hf mixtral 8x7b"),
    pytest.param("mistralai/Mixtral-8x22B-Instruct-v0.1", "mixtral-8x22b", id="hf mixtral 8x22b"),
    pytest.param("mistralai/Mistral-Nemo-Instruct-2407", "mistral-nemo", id="hf nemo"),
    pytest.param("mistralai/Mistral-Large-Instruct-2411", "mistral-mrl-2024", id="hf large 2411"),
    pytest.param("mistralai/Mistral-Small-24B-Instruct-2501", "mistral-small-3", id="hf small 3"),
    pytest.param("mistralai/Codestral-22B-v0.1", "codestral-22b", id="hf codestral"),
    pytest.param("google/gemma-7b-it", "gemma-1", id="hf gemma 1"),
    pytest.param("google/gemma-2b", "gemma-1", id="hf gemma 1 2b is not gemma 2"),
    pytest.param("google/gemma-2-9b-it", "gemma-2", id="hf gemma 2"),
    pytest.param("google/gemma-3-27b-it", "gemma-3", id="hf gemma 3"),
    pytest.param("Qwen/Qwen2-7B-Instruct", "qwen2", id="hf qwen2"),
    pytest.param("Qwen/Qwen2-72B-Instruct", "qwen2-72b", id="hf qwen2 72b"),
    pytest.param("Qwen/Qwen2.5-7B-Instruct", "qwen2.5", id="hf qwen2.5"),
    pytest.param("Qwen/Qwen2.5-32B-Instruct", "qwen2.5", id="hf qwen2.5 32b is apache"),
    pytest.param("Qwen/Qwen2.5-3B-Instruct", "qwen2.5-3b", id="hf qwen2.5 3b"),
    pytest.param("Qwen/Qwen2.5-72B-Instruct", "qwen2.5-72b", id="hf qwen2.5 72b"),
    pytest.param("Qwen/Qwen3-235B-A22B-Instruct-2507", "qwen3", id="hf qwen3"),
    pytest.param("microsoft/Phi-3-mini-4k-instruct", "phi-3", id="hf phi-3"),
    pytest.param("microsoft/phi-4", "phi-4", id="hf phi-4"),
    pytest.param("deepseek-ai/DeepSeek-V3", "deepseek-v3-orig", id="hf deepseek v3"),
    pytest.param("deepseek-ai/DeepSeek-V3-0324", "deepseek-mit", id="hf deepseek v3-0324"),
    pytest.param("deepseek-ai/DeepSeek-R1", "deepseek-mit", id="hf deepseek r1"),
    pytest.param(
        "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "deepseek-r1-distill-llama", id="hf r1 distill llama"
    ),
    pytest.param(
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "deepseek-r1-distill-qwen", id="hf r1 distill qwen"
    ),
    pytest.param("tiiuae/falcon-40b", "falcon-7b-40b", id="hf falcon 40b"),
    pytest.param("tiiuae/falcon-180B-chat", "falcon-180b", id="hf falcon 180b"),
    pytest.param("allenai/OLMo-2-1124-13B-Instruct", "olmo-2", id="hf olmo 2"),
    pytest.param("openai/gpt-oss-120b", "gpt-oss", id="hf gpt-oss"),
    # Ollama
    pytest.param("llama2:7b-chat", "llama-2", id="ollama llama2"),
    pytest.param("llama3", "llama-3", id="ollama llama3 bare"),
    pytest.param("llama3:8b-instruct-q4_K_M", "llama-3", id="ollama llama3 quant tag"),
    pytest.param("llama3.1:70b", "llama-3.1", id="ollama llama3.1"),
    pytest.param("llama3.2:3b", "llama-3.2-text", id="ollama llama3.2"),
    pytest.param("llama3.2-vision:11b", "llama-3.2-vision", id="ollama llama3.2-vision"),
    pytest.param("llama3.3:70b", "llama-3.3", id="ollama llama3.3"),
    pytest.param("llama4:scout", "llama-4", id="ollama llama4"),
    pytest.param("hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M", "llama-3.1", id="ollama hf.co"),
    pytest.param("gemma2:9b", "gemma-2", id="ollama gemma2"),
    pytest.param("gemma:2b", "gemma-1", id="ollama gemma 1"),
    pytest.param("qwen2.5:72b", "qwen2.5-72b", id="ollama qwen2.5 72b"),
    pytest.param("qwen2.5-coder:3b", "qwen2.5-3b", id="ollama qwen2.5-coder 3b"),
    pytest.param("mixtral:8x22b", "mixtral-8x22b", id="ollama mixtral"),
    pytest.param("phi3:mini", "phi-3", id="ollama phi3"),
    pytest.param("deepseek-r1:70b", "deepseek-r1-distill-llama", id="ollama r1 70b is a llama distill"),
    pytest.param("deepseek-r1:7b", "deepseek-r1-distill-qwen", id="ollama r1 7b is a qwen distill"),
    pytest.param("deepseek-r1:671b", "deepseek-mit", id="ollama r1 671b"),
    pytest.param("olmo2:13b", "olmo-2", id="ollama olmo2"),
    pytest.param("gpt-oss:20b", "gpt-oss", id="ollama gpt-oss"),
    # Amazon Bedrock (ids, geo prefixes, ARNs)
    pytest.param("meta.llama2-13b-chat-v1", "llama-2", id="bedrock llama2"),
    pytest.param("meta.llama3-8b-instruct-v1:0", "llama-3", id="bedrock llama3"),
    pytest.param("meta.llama3-1-405b-instruct-v1:0", "llama-3.1", id="bedrock llama3-1"),
    pytest.param("meta.llama3-2-1b-instruct-v1:0", "llama-3.2-text", id="bedrock llama3-2 1b"),
    pytest.param("us.meta.llama3-2-11b-instruct-v1:0", "llama-3.2-vision", id="bedrock us. 11b"),
    pytest.param("eu.meta.llama3-2-90b-instruct-v1:0", "llama-3.2-vision", id="bedrock eu. 90b"),
    pytest.param("meta.llama3-3-70b-instruct-v1:0", "llama-3.3", id="bedrock llama3-3"),
    pytest.param("meta.llama4-scout-17b-instruct-v1:0", "llama-4", id="bedrock llama4"),
    pytest.param(
        "arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0",
        "llama-3.1",
        id="bedrock foundation-model arn",
    ),
    pytest.param(
        "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0",
        "llama-3.3",
        id="bedrock inference-profile arn",
    ),
    pytest.param("mistral.mixtral-8x7b-instruct-v0:1", "mixtral-8x7b", id="bedrock mixtral"),
    pytest.param("mistral.mistral-7b-instruct-v0:2", "mistral-7b", id="bedrock mistral v0:2 is v0.2"),
    pytest.param("deepseek.r1-v1:0", "deepseek-mit", id="bedrock deepseek r1"),
    pytest.param("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic-claude", id="bedrock claude"),
    # Together, Groq, Fireworks, Replicate, Meta Llama API, OpenRouter, Cloudflare
    pytest.param("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3", id="together turbo"),
    pytest.param("meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo", "llama-3.1", id="together 405b"),
    pytest.param("meta-llama/Llama-3-70b-chat-hf", "llama-3", id="together llama-3 chat"),
    pytest.param("llama-3.3-70b-versatile", "llama-3.3", id="groq versatile"),
    pytest.param("llama-3.1-8b-instant", "llama-3.1", id="groq instant"),
    pytest.param("llama3-70b-8192", "llama-3", id="groq llama3-70b-8192"),
    pytest.param("meta-llama/llama-4-scout-17b-16e-instruct", "llama-4", id="groq llama-4"),
    pytest.param("accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3.1", id="fireworks v3p1"),
    pytest.param("accounts/fireworks/models/llama-v3p3-70b-instruct", "llama-3.3", id="fireworks v3p3"),
    pytest.param(
        "accounts/fireworks/models/llama4-maverick-instruct-basic", "llama-4", id="fireworks llama4"
    ),
    pytest.param("accounts/fireworks/models/llama-v2-13b-chat", "llama-2", id="fireworks llama-v2"),
    pytest.param("accounts/fireworks/models/qwen2p5-72b-instruct", "qwen2.5-72b", id="fireworks qwen2p5"),
    pytest.param("meta/meta-llama-3-70b-instruct", "llama-3", id="replicate llama-3"),
    pytest.param("meta/llama-2-70b-chat:" + "0123456789abcdef" * 4, "llama-2", id="replicate pinned version"),
    pytest.param("Llama-4-Maverick-17B-128E-Instruct-FP8", "llama-4", id="meta api llama-4"),
    pytest.param("Llama-3.3-8B-Instruct", "llama-3.3", id="meta api llama-3.3 8b"),
    pytest.param("meta-llama/llama-3.1-8b-instruct:free", "llama-3.1", id="openrouter free"),
    pytest.param("@cf/meta/llama-3.1-8b-instruct", "llama-3.1", id="cloudflare"),
    # GGUF / GGML files
    pytest.param("llama-2-13b-chat.Q4_K_M.gguf", "llama-2", id="gguf thebloke"),
    pytest.param("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "llama-3.1", id="gguf bartowski"),
    pytest.param("Meta-Llama-3-8B-Instruct.Q4_0.gguf", "llama-3", id="gguf gpt4all"),
    pytest.param("models/llama-2-7b-chat.ggmlv3.q4_0.bin", "llama-2", id="ggml bin"),
    pytest.param("Llama-3.3-70B-Instruct-Q4_K_M-00001-of-00002.gguf", "llama-3.3", id="gguf shard"),
    pytest.param("/srv/models/qwen2.5-7b-instruct-q8_0.gguf", "qwen2.5", id="gguf qwen path"),
    pytest.param("gemma-2-9b-it-IQ4_XS.gguf", "gemma-2", id="gguf iq quant"),
    # closed cloud models
    pytest.param("gpt-4o", "openai-gpt", id="openai gpt-4o"),
    pytest.param("claude-opus-4-1", "anthropic-claude", id="anthropic"),
    pytest.param("gemini-2.0-flash", "google-gemini", id="gemini"),
    pytest.param("muse-spark", "meta-muse-spark", id="muse spark"),
]


@pytest.mark.parametrize(("identifier", "line_id"), KNOWN)
def test_real_identifiers_resolve_to_their_line(catalog, identifier, line_id):
    resolution = resolve(identifier, catalog)
    assert resolution.line is not None, f"{identifier} -> key {resolution.key!r} unresolved"
    assert resolution.line.id == line_id


UNKNOWN = [
    pytest.param("codellama/CodeLlama-7b-Instruct-hf", id="code llama is not catalogued"),
    pytest.param("tinyllama", id="tinyllama is not a Meta model"),
    pytest.param("llama-guard3:8b", id="llama guard"),
    pytest.param("ggml-model-q4_0.bin", id="gguf without a model name"),
    pytest.param("my-company/finetune-v7", id="private fine-tune"),
    pytest.param("", id="empty"),
    pytest.param("deepseek-r1:8b", id="ollama r1 8b served a Llama and later a Qwen3 distill"),
    pytest.param("mistral:7b", id="mistral 7b without a version (v0.1-v0.3 differ in tokenizer)"),
]


@pytest.mark.parametrize("identifier", UNKNOWN)
def test_unknown_identifiers_are_not_guessed(catalog, identifier):
    resolution = resolve(identifier, catalog)
    assert resolution.line is None
    assert not resolution.known


def test_a_typo_is_unknown_but_suggests_the_close_line(catalog):
    resolution = resolve("lama-3.1-8b-instruct", catalog)
    assert resolution.line is None
    assert resolution.suggestions[0] == "llama-3.1"


@pytest.mark.parametrize(
    ("identifier", "ecosystem"),
    [
        ("us.meta.llama3-2-11b-instruct-v1:0", "bedrock"),
        ("llama3.1:8b", "ollama"),
        ("hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M", "ollama"),
        ("llama-2-13b-chat.Q4_K_M.gguf", "gguf"),
        ("accounts/fireworks/models/llama-v3p1-8b-instruct", "fireworks"),
        ("meta-llama/Llama-3.1-8B-Instruct", "hub"),
        ("llama-3.3-70b-versatile", "name"),
    ],
)
def test_the_ecosystem_is_recognised(identifier, ecosystem):
    assert normalize(identifier)[0] == ecosystem


@given(st.text(max_size=80))
def test_resolution_never_raises_and_unknown_has_no_line(text):
    from sovmigrate.receipts import load_catalog

    resolution = resolve(text, load_catalog())
    assert resolution.known == (resolution.line is not None)
    assert resolution.known or all(isinstance(s, str) for s in resolution.suggestions)


def test_every_catalog_example_resolves_to_its_own_line(catalog):
    for line in catalog.lines:
        for example in line.examples:
            resolved = resolve(example, catalog).line
            assert resolved is not None and resolved.id == line.id, (line.id, example)
