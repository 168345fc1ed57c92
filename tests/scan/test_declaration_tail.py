"""The declaration long tail: dependencies declared in less common places and packages of the catalog's edges."""

from __future__ import annotations

import textwrap

from tests.scan.helpers import scan_source


def findings(tmp_path, source: str, name: str) -> set[tuple[int, int, str, str]]:
    found = scan_source(tmp_path, textwrap.dedent(source), name).findings
    return {(f.line, f.column, f.rule, f.api) for f in found}


def test_hatch_metadata_hook_tables_are_read_as_pep_621(tmp_path):
    source = """\
        [project]
        name = "agent"
        dynamic = ["dependencies", "optional-dependencies"]

        [tool.hatch.metadata.hooks.uv-dynamic-versioning]
        dependencies = [
            "pydantic>=2",
            "transformers>=4.40",
        ]

        [tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]
        groq = ["groq>=0.25.0,<2"]
        openrouter = ["openai>=1.0"]
        cerebras = ["openai>=1.0"]
        logfire = ["logfire[httpx]>=4"]

        [tool.hatch.metadata]
        allow-direct-references = true
    """
    assert findings(tmp_path, source, "pyproject.toml") == {
        (8, 6, "SOV800", "transformers"),
        (12, 10, "SOV800", "groq"),
        (14, 14, "SOV879", "openai"),
    }


def test_a_hatch_table_that_is_no_metadata_hook_declares_nothing(tmp_path):
    source = """\
        [tool.hatch.envs.test]
        dependencies = ["vllm", "pytest"]

        [tool.hatch.build.hooks.custom]
        dependencies = ["ollama"]
    """
    assert findings(tmp_path, source, "pyproject.toml") == set()


def test_optimum_runtime_extras_are_dependencies_and_plain_optimum_is_not(tmp_path):
    source = """\
        [project]
        name = "scanner-guard"
        dependencies = ["optimum>=1.20", "onnxruntime>=1.18", "rapidocr[onnxruntime]"]

        [project.optional-dependencies]
        onnxruntime = ["optimum[onnxruntime]==1.25.2"]
        onnxruntime-gpu = ["optimum[onnxruntime-gpu]==1.25.2"]
        openvino = ["optimum[openvino,nncf]>=1.27.0"]
        exporters = ["optimum[exporters]>=1.27.0"]
    """
    assert findings(tmp_path, source, "pyproject.toml") == {
        (6, 17, "SOV800", "optimum[onnxruntime]"),
        (7, 21, "SOV800", "optimum[onnxruntime-gpu]"),
        (8, 14, "SOV800", "optimum[openvino,nncf]"),
    }


def test_hubs_engine_clients_and_outlines_core_are_dependencies(tmp_path):
    source = """\
        modelscope[datasets]>=1.34
        xinference-client
        llama-cpp-server-py-core>=0.1.4
        outlines-core>=0.1.26
        xgrammar==0.1.21
        llguidance
        safetensors>=0.4
        tokenizers
        gguf>=0.10
    """
    assert findings(tmp_path, source, "requirements.txt") == {
        (1, 1, "SOV800", "modelscope"),
        (2, 1, "SOV800", "xinference-client"),
        (3, 1, "SOV800", "llama-cpp-server-py-core"),
        (4, 1, "SOV446", "outlines-core"),
    }


def test_run_time_installers_and_declared_dependency_lists_are_dependencies(tmp_path):
    source = """\
        import pipmaster as pm

        if not pm.is_installed("ollama"):
            pm.install("ollama")


        def _check_pkg(pkg):
            return pkg


        def make(provider):
            if provider == "groq":
                _check_pkg("langchain_groq")
            elif provider == "community":
                _check_pkg("langchain_community")
            return get_package_version("vllm")


        class Generator:
            extra_dependency_names = ["ollama"]
            required_deps = ["torch", "transformers"]
            dependencies = ("rich", "vllm>=0.6")
    """
    assert findings(tmp_path, source, "installers.py") == {
        (4, 16, "SOV800", "ollama"),
        (13, 20, "SOV800", "langchain-groq"),
        (20, 31, "SOV800", "ollama"),
        (22, 29, "SOV800", "vllm"),
    }


def test_family_templates_chosen_by_name_in_python_settings(tmp_path):
    source = """\
        import argparse

        from pydantic import BaseModel, Field
        from xtuner.utils import PROMPT_TEMPLATE, SYSTEM_TEMPLATE

        prompt_template = PROMPT_TEMPLATE.llama2_chat
        SYSTEM = SYSTEM_TEMPLATE.alpaca
        template = "chatml"


        class Settings(BaseModel):
            default_prompt_formatter: str = Field(default="chatml", description="wrapper")
            prompt_template: str = Field(default="my_own_template")


        def cli():
            parser = argparse.ArgumentParser()
            parser.add_argument("--model-family", type=str, default="mixtral")
            parser.add_argument("--teacher-name", type=str, default="mixtral")
            build(prompt_template=PROMPT_TEMPLATE.gemma, chat_template=None)
    """
    assert findings(tmp_path, source, "settings.py") == {
        (6, 19, "SOV862", "llama2_chat"),
        (12, 51, "SOV863", "chatml"),
        (18, 61, "SOV863", "mixtral"),
        (20, 27, "SOV863", "gemma"),
    }


def test_prompt_formatters_and_model_wrappers_named_in_config(tmp_path):
    source = """\
        model:
          default_prompt_formatter: chatml
          model_wrapper: llama3-chat
          prompt_formatter: my_formatter
          model_wrapper: null
    """
    assert findings(tmp_path, source, "conf.yaml") == {
        (2, 29, "SOV863", "chatml"),
        (3, 18, "SOV862", "llama3-chat"),
    }


def test_keys_and_items_of_a_table_named_for_an_engine_are_its_model_names(tmp_path):
    source = """\
        OLLAMA_MODEL_CLASSIFICATIONS = {
            "llama3.1": "recommended",
            "mistral": "problematic",
        }
        VLLM_MODELS = ["qwen2.5-7b-instruct"]
        MODEL_PROFILES = {"llama": "meta", "mistral": "mistral"}
        OLLAMA_HOST_NAMES = {"local": "localhost"}
    """
    assert findings(tmp_path, source, "ollama_support.py") == {
        (2, 5, "SOV502", "llama3.1"),
        (3, 5, "SOV506", "mistral"),
        (5, 16, "SOV506", "qwen2.5-7b-instruct"),
    }


def test_a_deployment_templates_model_variable_names_its_model(tmp_path):
    render = """\
        envVars:
          - key: LLM_MODEL
            value: openai/gpt-4o-mini
          - key: LLM_PROVIDER
            value: openai
    """
    railway = """\
        {
          "variables": {
            "LLM_MODEL": {
              "description": "LLM model to use",
              "default": "openai/gpt-4o-mini"
            },
            "LLM_PROVIDER": {"default": "openai"},
            "PORT": {
              "default": "8000"
            }
          }
        }
    """
    assert findings(tmp_path, render, "render.yaml") == {(3, 12, "SOV854", "openai/gpt-4o-mini")}
    assert findings(tmp_path, railway, "railway-template.json") == {(5, 19, "SOV854", "openai/gpt-4o-mini")}


def test_a_tokenizer_repository_and_a_checkpoint_to_initialise_from_name_models(tmp_path):
    source = """\
        data:
          tokenizer: "dlwh/multilegal_tokenizer_128k"
          tokenizer_name: meta-llama/Llama-3.1-8B
          tokenizer: data/tokenizer
          tokenizer: ./tok/abc
          tokenizer: "passthrough"
        initialize_from_hf: "mosaicml/mpt-7b@68e1a8e0ebb9b30f3c45c1ef6195980f29063ae2"
        initialize_from_hf: true
    """
    assert findings(tmp_path, source, "train.yaml") == {
        (2, 15, "SOV854", "dlwh/multilegal_tokenizer_128k"),
        (3, 19, "SOV852", "meta-llama/Llama-3.1-8B"),
        (7, 22, "SOV854", "mosaicml/mpt-7b@68e1a8e0ebb9b30f3c45c1ef6195980f29063ae2"),
    }


def test_the_values_of_a_per_model_stop_table_are_stop_strings(tmp_path):
    source = """\
        import together

        _MODEL_TO_EOS_TOKEN = {"alpaca-7b": "</s>"}
        _MODEL_TO_GREETING = {"alpaca-7b": "</s>"}
    """
    assert {f for f in findings(tmp_path, source, "client.py") if f[2] == "SOV561"} == {
        (3, 37, "SOV561", "</s>")
    }


def test_closed_ids_in_a_module_constants_list_or_dict_values_are_sites(tmp_path):
    source = """\
        SHORTCUTS = {"opus": "claude-3-opus-20240229", "fast": "fast"}
        MULTIMODAL = ["gpt-4o", "gpt-4-turbo-2024-04-09"]


        def pick(name):
            local = ["claude-3-haiku-20240307"]
            return name in local
    """
    assert findings(tmp_path, source, "engines.py") == {
        (1, 22, "SOV541", "claude-3-opus-20240229"),
        (2, 25, "SOV541", "gpt-4-turbo-2024-04-09"),
    }


def test_a_model_tables_key_without_a_version_counts_beside_a_reported_sibling(tmp_path):
    source = """\
        DeepSeek:
          models:
            deepseek-flash:
              context_length: 1048576
            deepseek-v4-pro:
              context_length: 1048576
            other-thing:
              context_length: 1
          settings:
            deepseek-mode:
              fast: true
    """
    assert findings(tmp_path, source, "deepseek.yml") == {
        (3, 5, "SOV597", "deepseek-flash"),
        (5, 5, "SOV597", "deepseek-v4-pro"),
    }


def test_a_provider_model_id_on_any_registry_entry_is_a_model(tmp_path):
    source = """\
        from .registry import ProviderModelEntry

        MODELS = [
            ProviderModelEntry(provider_model_id="all-minilm:latest", model_type="embedding"),
            ProviderModelEntry(provider_model_id=None, description="nomic-embed-text"),
        ]
    """
    assert findings(tmp_path, source, "models.py") == {(4, 42, "SOV507", "all-minilm:latest")}
