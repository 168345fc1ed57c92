"""Deployment and configuration files: how they are classified and what counts as one site in them."""

from __future__ import annotations

import textwrap

import pytest

from sovmigrate.rules import get_rule
from sovmigrate.rules.engine_options import ENGINE_OPTIONS
from tests.scan.helpers import scan_paths, scan_source


def findings(tmp_path, source: str, name: str) -> set[tuple[int, str, str]]:
    return {(f.line, f.rule, f.api) for f in scan_source(tmp_path, textwrap.dedent(source), name).findings}


def test_requirements_files_in_a_requirements_folder_are_manifests(tmp_path):
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "vllm.txt").write_text("vllm>=0.4.3,<=0.11.0\n")
    (tmp_path / "requirements" / "sglang.txt").write_text("sglang[srt]>=0.4.5\ntransformers==4.51.1\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "vllm.txt").write_text("vllm is fast\n")
    result = scan_paths(tmp_path)
    assert {(f.path, f.line, f.api) for f in result.findings if f.rule == "SOV800"} == {
        ("requirements/vllm.txt", 1, "vllm"),
        ("requirements/sglang.txt", 1, "sglang"),
        ("requirements/sglang.txt", 2, "transformers"),
    }
    assert not [f for f in result.findings if f.path == "notes/vllm.txt"]


def test_pyproject_keywords_and_classifiers_are_not_dependencies(tmp_path):
    source = """\
        [project]
        name = "bench"
        keywords = [
            "vllm",
            "llama-cpp",
        ]
        dependencies = [
            "transformers",
            "rich",
        ]

        [project.optional-dependencies]
        llama-cpp = ["llama-cpp-python"]
        py-txi = ["py-txi"]

        [tool.uv.sources]
        py-txi = { git = "https://github.com/IlyasMoutawwakil/py-txi" }
    """
    assert {(line, api) for line, code, api in findings(tmp_path, source, "pyproject.toml")} == {
        (8, "transformers"),
        (13, "llama-cpp-python"),
        (14, "py-txi"),
        (17, "py-txi"),
    }


def test_pip_install_of_a_repository_names_the_package_by_repository_or_egg(tmp_path):
    source = """\
        RUN pip install --no-build-isolation git+https://github.com/HabanaAI/vllm-fork.git@v0.5.3
        RUN pip install "git+https://example.com/x/build.git#egg=llama-cpp-python"
        RUN pip install git+https://github.com/huggingface/peft.git@main
    """
    assert {
        (line, api) for line, code, api in findings(tmp_path, source, "Dockerfile") if code == "SOV800"
    } == {
        (1, "vllm-fork"),
        (2, "llama-cpp-python"),
    }


def test_a_cmake_switch_on_the_line_that_installs_the_engine_is_that_install(tmp_path):
    source = """\
        RUN CMAKE_ARGS="-DGGML_CUDA=on" pip install llama-cpp-python
        RUN CMAKE_ARGS="-DGGML_METAL=on" pip install "instructlab[mps]"
        ENV GGML_CUDA=1
    """
    assert findings(tmp_path, source, "Containerfile") == {
        (1, "SOV800", "llama-cpp-python"),
        (2, "SOV853", "GGML_METAL"),
        (3, "SOV853", "GGML_CUDA"),
    }


def test_a_template_file_with_family_markup_is_one_site_of_that_family(tmp_path):
    llama3 = """\
        {% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>' }}
        {{ message['content'] + '<|eot_id|>' }}{% endfor %}
    """
    assert {(line, code) for line, code, api in findings(tmp_path, llama3, "llama3.jinja")} == {(1, "SOV521")}
    generic = "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}\n"
    assert {(line, code) for line, code, api in findings(tmp_path, generic, "plain.jinja")} == {(1, "SOV528")}


def test_engine_and_template_settings_report_the_value(tmp_path):
    source = """\
        infer_backend: vllm
        template: llama3
        chat_template: qwen2_5
        - override backend: llama_cpp
    """
    assert findings(tmp_path, source, "infer.yaml") == {
        (1, "SOV860", "vllm"),
        (2, "SOV862", "llama3"),
        (3, "SOV863", "qwen2_5"),
        (4, "SOV860", "llama_cpp"),
    }


def test_extensionless_scripts_are_read_by_their_shebang(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "debug-llama").write_text("#!/usr/bin/env python3\nimport llama_cpp\n")
    (tmp_path / "bin" / "serve").write_text("#!/bin/bash\nvllm serve Qwen/Qwen2.5-7B-Instruct\n")
    (tmp_path / "bin" / "notes").write_text("import llama_cpp\nvllm serve x\n")
    (tmp_path / "LICENSE").write_text("vllm serve is licensed\n")
    found = {(f.path, f.rule) for f in scan_paths(tmp_path).findings}
    assert ("bin/debug-llama", "SOV100") in found
    assert ("bin/serve", "SOV851") in found
    assert not {path for path, _ in found} - {"bin/debug-llama", "bin/serve"}


def test_modelfiles_windows_launchers_makefiles_and_units_are_read(tmp_path):
    (tmp_path / "Modelfile").write_text('FROM mistral\nPARAMETER stop "[INST]"\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "Modelfile.md").write_text("FROM mistral\n")
    (tmp_path / "run.ps1").write_text("ollama pull qwen2.5:7b\n")
    (tmp_path / "serve.mk").write_text("MODEL ?= Qwen/Qwen2.5-7B-Instruct\n")
    (tmp_path / "llm.service").write_text("[Service]\nExecStart=/usr/bin/vllm serve facebook/opt-125m\n")
    found = {(f.path, f.line, f.rule, f.api) for f in scan_paths(tmp_path).findings}
    assert found == {
        ("Modelfile", 1, "SOV864", "mistral"),
        ("Modelfile", 2, "SOV520", "[INST]"),
        ("run.ps1", 1, "SOV851", "ollama pull qwen2.5:7b"),
        ("run.ps1", 1, "SOV854", "qwen2.5:7b"),
        ("serve.mk", 1, "SOV854", "Qwen/Qwen2.5-7B-Instruct"),
        ("llm.service", 2, "SOV851", "vllm serve facebook/opt-125m"),
        ("llm.service", 2, "SOV854", "facebook/opt-125m"),
    }


def test_a_model_flag_continued_on_the_next_line_names_that_lines_model(tmp_path):
    script = """\
        python -m vllm.entrypoints.openai.api_server \\
            --model \\
            Qwen/Qwen2.5-7B-Instruct \\
            --max-model-len \\
            8192
    """
    assert {(line, code) for line, code, _ in findings(tmp_path, script, "serve.sh")} == {
        (1, "SOV851"),
        (3, "SOV854"),
    }
    flow = """\
        command: [
          "--served-model-name",
          "qwen-chat",
          "--port",
          "8000",
        ]
    """
    # `--served-model-name` is an option only vLLM's and SGLang's servers take: bare, the arguments are an engine's.
    assert findings(tmp_path, flow, "compose.yaml") == {
        (2, "SOV890", "--served-model-name"),
        (3, "SOV854", "qwen-chat"),
    }


def test_the_same_model_file_twice_on_a_line_is_one_site_and_two_models_are_two(tmp_path):
    source = """\
        COPY ./model.bin /app/model.bin
        RUN huggingface-cli download Qwen/Qwen2-0.5B-Instruct-GGUF qwen2-0_5b-instruct-q4_0.gguf
    """
    assert findings(tmp_path, source, "Dockerfile") == {
        (1, "SOV854", "./model.bin"),
        (2, "SOV854", "Qwen/Qwen2-0.5B-Instruct-GGUF"),
        (2, "SOV854", "qwen2-0_5b-instruct-q4_0.gguf"),
        (2, "SOV895", "huggingface-cli download Qwen/Qwen2-0.5B-Instruct-GGUF qwen2-0_5b-instruct-q4_0.gguf"),
    }


# One option per engine, as each engine's own documentation spells it (vLLM 0.6's `--swap-space` was removed later).
DOCUMENTED_OPTIONS = [
    ("vllm", "--max-model-len"),
    ("vllm", "--swap-space"),
    ("sglang", "--mem-fraction-static"),
    ("tgi", "--max-total-tokens"),
    ("llama.cpp", "--n-gpu-layers"),
    ("llama-cpp-python", "--n_gpu_layers"),
    ("lmdeploy", "--cache-max-entry-count"),
]


@pytest.mark.parametrize(("engine", "option"), DOCUMENTED_OPTIONS)
def test_an_engines_documented_server_option_given_without_a_program_is_one_site(tmp_path, engine, option):
    assert option[2:] in ENGINE_OPTIONS[engine]
    compose = f"""\
        services:
          server:
            command: ["{option}", "8"]
            environment:
              - TUNING={option}
    """
    assert {(line, code) for line, code, _ in findings(tmp_path, compose, "compose.yaml")} == {(3, "SOV890")}


def test_every_listed_engine_option_is_read_in_either_spelling():
    rule = get_rule("SOV890").matchers[0].regex
    for engine, options in ENGINE_OPTIONS.items():
        for option in options:
            for spelling in (option, option.replace("-", "_"), option.replace("_", "-")):
                assert rule.search(f"  - --{spelling}"), (engine, spelling)
    assert rule.search("  - --port") is None
    assert rule.search("  - --log-level") is None


def test_an_engines_options_after_its_own_command_are_part_of_that_command(tmp_path):
    script = """\
        vllm serve Qwen/Qwen2.5-7B-Instruct \\
          --max-model-len 8192 \\
          --enforce-eager
        python train.py \\
          --tensor-parallel-size 2
    """
    assert {(line, code) for line, code, _ in findings(tmp_path, script, "serve.sh")} == {
        (1, "SOV851"),
        (1, "SOV854"),
    }


def test_a_dataset_download_from_the_hub_is_no_model_download(tmp_path):
    script = """\
        hf download meta-llama/Llama-3.2-1B-Instruct
        huggingface-cli download HuggingFaceH4/ultrachat_200k --repo-type dataset
        hf download --repo-type=space org/demo
    """
    assert {(line, code) for line, code, _ in findings(tmp_path, script, "fetch.sh") if code == "SOV895"} == {
        (1, "SOV895")
    }


def test_a_routers_model_name_beside_its_settings_is_an_alias_in_json_too(tmp_path):
    source = """\
        {
          "llm_config": {
            "model_name": "gemini/gemini-2.0-flash-exp",
            "litellm_params": {
              "model": "gemini/gemini-2.0-flash-exp",
              "api_key": null
            }
          },
          "judge": {
            "model_name": "mistralai/Mistral-7B-Instruct-v0.3",
            "temperature": 0
          }
        }
        """
    found = findings(tmp_path, source, "preset.json")
    assert {(line, api) for line, _, api in found} == {
        (5, "gemini/gemini-2.0-flash-exp"),
        (10, "mistralai/Mistral-7B-Instruct-v0.3"),
    }


def test_a_model_settings_value_and_its_options_name_models(tmp_path):
    source = """\
        {
            "llm.model": {
                "description": "e.g. 'gpt-4o' for OpenAI",
                "options": [
                    {
                        "label": "GPT-4o (OpenAI)",
                        "value": "gpt-4o"
                    },
                    {
                        "label": "Claude 3.5 Sonnet",
                        "value": "claude-3-5-sonnet-latest"
                    }
                ],
                "value": "gpt-4o-mini"
            },
            "benchmark.evaluation.model": {
                "value": "anthropic/claude-3.7-sonnet"
            },
            "llm.provider": {
                "options": [
                    {"label": "x", "value": "gpt-4o"}
                ],
                "value": "gpt-4o"
            },
            "app.theme": {
                "value": "gpt-4o"
            }
        }
        """
    result = scan_source(tmp_path, textwrap.dedent(source), "default_settings.json")
    assert {(f.line, f.rule, f.api, f.column) for f in result.findings} == {
        (7, "SOV854", "gpt-4o", 27),
        (11, "SOV854", "claude-3-5-sonnet-latest", 27),
        (14, "SOV854", "gpt-4o-mini", 19),
        (17, "SOV854", "anthropic/claude-3.7-sonnet", 19),
    }
