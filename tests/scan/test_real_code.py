"""The scanner on real vendor code that no one here wrote: package examples and framework wrappers
downloaded once by .ci/scan_fixtures.py. Expected sites were read off the vendor sources."""

from __future__ import annotations

import pytest

from sovmigrate.config import Settings
from sovmigrate.scan.runner import scan
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures
ROOT = CACHE / "scan"


@pytest.fixture(scope="module")
def result():
    require_fixture(ROOT / "ollama" / ".complete", "python .ci/scan_fixtures.py")
    return scan([ROOT], Settings(cache=False))


def sites(result, path: str) -> set[tuple[int, str, str]]:
    return {(f.line, f.rule, f.api) for f in result.findings if f.path == path}


def test_every_file_of_the_corpus_is_analysed(result):
    # Includes the colab notebooks, whose `!pip install` magics continue over several lines.
    assert result.errors == []
    assert result.stats.files_seen > 200


def test_llama_cpp_python_examples(result):
    # examples/high_level_api/high_level_api_inference.py: `llm = Llama(model_path=args.model)` then `llm(...)`.
    found = sites(result, "llama-cpp-python/examples/high_level_api/high_level_api_inference.py")
    assert {(10, "SOV101", "llama_cpp.Llama"), (12, "SOV102", "llama_cpp.Llama#__call__")} <= found
    # The low-level example drives llama.cpp's C API through ctypes.
    low_level = sites(result, "llama-cpp-python/examples/low_level_api/low_level_api_chat_cpp.py")
    assert (88, "SOV106", "llama_cpp.llama_model_load_from_file") in low_level


def test_ollama_client_examples(result):
    # examples/chat.py: `from ollama import chat` ... `response = chat('gemma4', messages=messages)`.
    assert {(1, "SOV200", "ollama"), (10, "SOV202", "ollama.chat")} <= sites(
        result, "ollama/examples/chat.py"
    )
    structured = sites(result, "ollama/examples/async-structured-outputs.py")
    assert {(20, "SOV201", "ollama.AsyncClient"), (22, "SOV502", "llama3.1:8b")} <= structured
    assert any(rule == "SOV702" for _, rule, _ in structured)  # format=<JSON schema>


def test_groq_and_meta_llama_api_examples(result):
    groq = sites(result, "groq/examples/chat_completion.py")
    assert {(3, "SOV330", "groq.Groq"), (5, "SOV331", "groq.Groq#chat.completions.create")} <= groq
    meta = sites(result, "llama-api-client/examples/chat.py")
    assert {
        (5, "SOV360", "llama_api_client.LlamaAPIClient"),
        (9, "SOV504", "Llama-4-Maverick-17B-128E-Instruct-FP8"),
    } <= meta


def test_langchain_wrappers_are_seen_inside_their_validators(result):
    # llms/llamacpp.py builds the model in a pydantic validator: values["client"] = Llama(model_path, **params)
    llamacpp = sites(result, "langchain-community/langchain_community/llms/llamacpp.py")
    assert (175, "SOV101", "llama_cpp.Llama") in llamacpp
    assert {rule for _, rule, _ in llamacpp} >= {"SOV100", "SOV700"}  # LlamaGrammar.from_string/from_file
    vllm = sites(result, "langchain-community/langchain_community/llms/vllm.py")
    assert {rule for _, rule, _ in vllm} >= {"SOV120", "SOV121", "SOV123"}


def test_llama_index_hard_codes_llama_templates(result):
    utils = sites(result, "llama-index-llms-llama-cpp/llama_index/llms/llama_cpp/llama_utils.py")
    assert {(6, "SOV520", "[INST]"), (7, "SOV520", "<<SYS>>")} <= utils
    assert any(rule == "SOV521" for _, rule, _ in utils)


def test_a_client_the_analysis_cannot_trace_is_named_by_its_method(result):
    # llms/bedrock.py keeps the boto3 client in a pydantic field: `self.client.invoke_model(**request_options)`.
    bedrock = sites(result, "langchain-community/langchain_community/llms/bedrock.py")
    assert (546, "SOV301", "boto3.client:bedrock-runtime#invoke_model") in bedrock


def test_no_false_ollama_endpoint_on_other_hosts(result):
    maritalk = sites(result, "langchain-community/langchain_community/chat_models/maritalk.py")
    assert not any(rule == "SOV230" for _, rule, _ in maritalk)  # https://chat.maritaca.ai/api/chat/inference


def test_exllamav2_loaders_and_sampler_settings(result):
    # exllamav2/model_init.py: ExLlamaV2Config(), config.prepare(), ExLlamaV2(config), ExLlamaV2Tokenizer(config), model.load().
    init = sites(result, "exllamav2/exllamav2/model_init.py")
    assert {
        (96, "SOV161", "exllamav2.ExLlamaV2Config"),
        (98, "SOV161", "exllamav2.ExLlamaV2Config#prepare"),
        (138, "SOV161", "exllamav2.ExLlamaV2"),
        (154, "SOV600", "exllamav2.ExLlamaV2Tokenizer"),
        (182, "SOV161", "exllamav2.ExLlamaV2#load"),
    } <= init
    # server/websocket_actions.py: gs = ExLlamaV2Sampler.Settings(); gs.disallow_tokens(server.tokenizer, bb).
    actions = sites(result, "exllamav2/exllamav2/server/websocket_actions.py")
    assert {
        (192, "SOV162", "exllamav2.generator.ExLlamaV2Sampler.Settings"),
        (204, "SOV701", "exllamav2.generator.ExLlamaV2Sampler.Settings#disallow_tokens"),
    } <= actions


def test_llama_stack_react_agent(result):
    # lib/agents/react/agent.py: client.tools.list(...) on an annotated LlamaStackClient, AgentConfig(...).
    agent = sites(result, "llama-stack-client/llama_stack_client/lib/agents/react/agent.py")
    assert (9, "SOV372", "llama_stack_client") in agent
    assert (41, "SOV373", "llama_stack_client.LlamaStackClient#tools.list") in agent
    assert (82, "SOV370", "llama_stack_client.types.agent_create_params.AgentConfig") in agent


def test_together_fine_tuning_and_model_listing(result):
    fine_tuning = sites(result, "together/examples/fine_tuning.py")
    assert {(3, "SOV322", "together"), (5, "SOV320", "together.Together")} <= fine_tuning
    assert (8, "SOV323", "together.Together#fine_tuning.create") in fine_tuning
    assert (6, "SOV323", "together.Together#models.list") in sites(result, "together/examples/models.py")


def test_outlines_examples(result):
    require_fixture(ROOT / "outlines" / ".complete", "python .ci/scan_fixtures.py")
    # examples/llamacpp_example.py (0.x API): `model = outlines.models.llamacpp("./mistral-...gguf")`, then
    # `generator = outlines.generate.json(model, Character)` and `sequence = generator(prompt, seed=seed, ...)`.
    llamacpp = sites(result, "outlines/examples/llamacpp_example.py")
    assert {
        (33, "SOV441", "outlines.models.llamacpp"),
        (33, "SOV506", "./mistral-7b-instruct-v0.2.Q5_K_M.gguf"),
        (36, "SOV442", "outlines.generate.json"),
        (43, "SOV444", "outlines.generate.SequenceGeneratorAdapter#__call__"),
    } <= llamacpp
    # examples/llamacpp_processor.py: Outlines' tokenizer wrapper over a llama.cpp model and its JSON processor.
    processor = sites(result, "outlines/examples/llamacpp_processor.py")
    assert {
        (34, "SOV101", "llama_cpp.Llama"),
        (35, "SOV445", "outlines.models.llamacpp.LlamaCppTokenizer"),
        (39, "SOV443", "outlines.generate.processors.JSONLogitsProcessor"),
    } <= processor
    # examples/transformers_integration.py: a prefix function constraining a transformers pipeline.
    pipeline = sites(result, "outlines/examples/transformers_integration.py")
    assert (15, "SOV443", "outlines.integrations.transformers.JSONPrefixAllowedTokens") in pipeline
    assert (2, "SOV446", "outlines") in sites(result, "outlines/examples/bentoml/requirements.txt")


def test_langchain_wrappers_of_outlines_ctranslate2_and_xinference(result):
    # langchain_community/llms/outlines.py builds Outlines 0.x models and generators over the engine it is told.
    outlines = sites(result, "langchain-community/langchain_community/llms/outlines.py")
    assert {
        (192, "SOV441", "outlines.models.llamacpp"),
        (222, "SOV441", "outlines.models.vllm"),
        (266, "SOV442", "outlines.generate.json"),
    } <= outlines
    # llms/ctranslate2.py: `values["client"] = ctranslate2.Generator(...)`, then `self.client.generate_batch(...)`.
    ct2 = sites(result, "langchain-community/langchain_community/llms/ctranslate2.py")
    assert {
        (74, "SOV466", "ctranslate2.Generator"),
        (115, "SOV467", "ctranslate2.Generator#generate_batch"),
    } <= ct2
    # llms/xinference.py: `RESTfulClient(server_url)`, `client.get_model(uid)` and the handle's `generate(...)`.
    xinference = sites(result, "langchain-community/langchain_community/llms/xinference.py")
    assert {
        (172, "SOV463", "xinference.client.RESTfulClient"),
        (222, "SOV463", "xinference.client.RESTfulClient#get_model"),
        (243, "SOV464", "xinference.client.ModelHandle#generate"),
    } <= xinference
