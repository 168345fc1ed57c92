"""The long tail of issue 9: models where a model is expected, raw HTTP, engine commands, objects that frameworks
hand around, a package's own imports, and configuration files read the way their formats mean them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.scan.helpers import scan_paths, scan_source


def found(tmp_path, source: str, name: str = "module.py") -> set[tuple[int, str]]:
    return {(f.line, f.rule) for f in scan_source(tmp_path, textwrap.dedent(source), name).findings}


def apis(tmp_path, source: str, code: str, name: str = "module.py") -> list[str]:
    return [f.api for f in scan_source(tmp_path, textwrap.dedent(source), name).findings if f.rule == code]


def model_ids(tmp_path, source: str) -> list[str]:
    """Every model id reported, by the family rules (SOV501-506) or where a model is expected (SOV507)."""
    findings = scan_source(tmp_path, textwrap.dedent(source)).findings
    return [f.api for f in findings if f.kind == "model_id"]


# ---------------------------------------------------------------- models where a model is expected


@pytest.mark.parametrize(
    ("source", "model"),
    [
        (
            'parser.add_argument("-m", "--model", default="models/7B/ggml-model-q4_0.bin")',
            "models/7B/ggml-model-q4_0.bin",
        ),
        ('parser.add_argument("--model-path", type=str, default="nomic-embed-text")', "nomic-embed-text"),
        ('@click.option("--model", default="gpt-oss:20b")\ndef main(model): ...', "gpt-oss:20b"),
        ('def main(model: str = typer.Option("all-minilm:l6", "--model")): ...', "all-minilm:l6"),
        ('def main(embedding_model="bge-small-en-v1.5"): ...', "bge-small-en-v1.5"),
        ('EMBED_MODEL = os.getenv("EMBED_MODEL", "mxbai-embed-large")', "mxbai-embed-large"),
        ('SUPPORTED_MODELS = ["nous-hermes2", "starling-lm"]', "nous-hermes2"),
        ('def setup(config):\n    config.model = config.model or "nomic-embed-text"', "nomic-embed-text"),
        ('embedding_model = name if name else "all-minilm:l6"', "all-minilm:l6"),
    ],
)
def test_models_named_where_a_model_is_expected_are_reported_whatever_the_family(tmp_path, source, model):
    module = f"import argparse, os, click, typer\nimport ollama\n{source}\n"
    assert model in model_ids(tmp_path, module)


def test_a_model_given_to_a_reported_call_is_found_through_its_name(tmp_path):
    source = """
        import ollama
        CHAT = "nimble-chat"
        ollama.chat(CHAT, messages=msgs)
        ollama.create(model="my-assistant", from_="qwen3")
    """
    assert apis(tmp_path, source, "SOV507") == ["nimble-chat", "my-assistant"]
    assert "qwen3" in apis(tmp_path, source, "SOV506")


@pytest.mark.parametrize(
    "source",
    [
        # tiktoken's encoding name (a closed model in a model position is SOV541: convention 2)
        'import tiktoken\nfrom openai import OpenAI\nenc = tiktoken.encoding_for_model("gpt-4o")',
        'import ollama\nmodel_type = "mistral-like"\nmodel_kwargs = "x-1"',  # not models
        'import ollama\nparser.add_argument("--output", default="out/run-1.txt")',  # not a model option
        'import json\nMODEL = "nomic-embed-text"',  # a module that uses no engine or vendor
        'import ollama\nDEVICE_MODEL = "cuda"',  # a device word, not an id
    ],
)
def test_strings_that_only_look_like_models_are_not(tmp_path, source):
    assert model_ids(tmp_path, source) == []


# ---------------------------------------------------------------- raw HTTP


@pytest.mark.parametrize(
    ("source", "code", "url"),
    [
        (
            'requests.post("http://localhost:11434/api/generate", json=b)',
            "SOV232",
            "http://localhost:11434/api/generate",
        ),
        (
            'OLLAMA = "http://gpu:11434"\nrequests.post(f"{OLLAMA}/api/chat", json=b)',
            "SOV232",
            "http://gpu:11434/api/chat",
        ),
        (
            'BASE = os.getenv("BASE", "http://10.0.0.5:8080")\nhttpx.post(BASE + "/v1/completions", json=b)',
            "SOV233",
            "http://10.0.0.5:8080/v1/completions",
        ),
        ('httpx.post(f"{base}/v1/chat/completions", json=b)', "SOV233", "{}/v1/chat/completions"),
        (
            'urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:8080/completion", data=d))',
            "SOV233",
            "http://127.0.0.1:8080/completion",
        ),
        (
            'requests.post("https://api.together.xyz/v1/chat/completions", json=b)',
            "SOV381",
            "https://api.together.xyz/v1/chat/completions",
        ),
    ],
)
def test_raw_http_to_inference_routes(tmp_path, source, code, url):
    module = f"import os, requests, httpx, urllib.request\n{source}\n"
    assert url in apis(tmp_path, module, code)


def test_raw_http_through_a_session_and_a_field(tmp_path):
    source = """
        import aiohttp
        import requests


        class Together:
            base_url: str = "https://api.together.xyz/inference"

            def call(self, payload):
                return requests.post(url=self.base_url, json=payload)

            async def acall(self, payload):
                async with aiohttp.ClientSession() as session:
                    async with session.post(self.base_url, json=payload) as response:
                        return await response.json()
    """
    findings = found(tmp_path, source)
    assert {(10, "SOV381"), (14, "SOV381")} <= findings
    assert (7, "SOV380") in findings  # the URL itself is a configuration site of its own


def test_http_that_is_not_inference_is_not_reported(tmp_path):
    source = """
        import requests
        from fastapi import FastAPI

        app = FastAPI()
        requests.post("https://api.openai.com/v1/chat/completions", json=b)
        requests.get("https://example.com/api/chat-history")
        config.get("model")


        @app.post("/v1/chat/completions")
        def serve():
            return {}
    """
    assert not {code for _, code in found(tmp_path, source)} & {"SOV232", "SOV233", "SOV381"}


def test_a_request_helper_is_found_where_its_caller_names_the_route(tmp_path):
    """``self._post(f"{base}/v1/completions", json=...)`` over ``def _post(self, url, **kw): session.post(url)``."""
    source = """
        import requests


        class ServerClient:
            def __init__(self, host, port):
                self.session = requests.Session()
                self.base_url = f"http://{host}:{port}"

            def _post(self, url, **kwargs):
                response = self.session.post(url, **kwargs)
                return response.json()

            def complete(self, prompts):
                return self._post(f"{self.base_url}/v1/completions", json={"prompt": prompts})

            def chat(self, messages):
                return self._post(url=f"{self.base_url}/v1/chat/completions", json={"messages": messages})

            def health(self):
                return self._post(f"{self.base_url}/reset_cache")
    """
    assert {(line, code) for line, code in found(tmp_path, source) if code == "SOV233"} == {
        (15, "SOV233"),
        (18, "SOV233"),
    }


def test_the_payload_model_of_a_raw_request_is_a_model(tmp_path):
    source = 'import requests\nrequests.post("http://localhost:8000/v1/chat/completions", json={"model": "tinychat-1b"})\n'
    assert apis(tmp_path, source, "SOV507") == ["tinychat-1b"]


# ---------------------------------------------------------------- engine commands


@pytest.mark.parametrize(
    "command",
    [
        'subprocess.Popen(["vllm", "serve", model, "--port", "8000"])',
        'subprocess.run("ollama pull qwen3:8b", shell=True)',
        'os.system("python -m llama_cpp.server --model m.gguf")',
        'CMD = ["python3", "-m", "sglang.launch_server", "--model-path", path]\nsubprocess.check_call(CMD)',
    ],
)
def test_engine_commands_started_from_python(tmp_path, command):
    assert apis(tmp_path, f"import os, subprocess\n{command}\n", "SOV234")


def test_other_commands_are_not_engine_commands(tmp_path):
    assert apis(tmp_path, 'import subprocess\nsubprocess.run(["git", "pull"])\n', "SOV234") == []


# ---------------------------------------------------------------- objects frameworks hand around


def test_a_field_a_validator_fills_is_the_engine_object(tmp_path):
    source = """
        from gpt4all import GPT4All


        class Wrapper(LLM):
            client: Any = None

            @pre_init
            def validate_environment(cls, values):
                values["client"] = GPT4All(values["model"])
                return values

            def _call(self, prompt):
                return self.client.generate(prompt, max_tokens=64)
    """
    assert (14, "SOV162") in found(tmp_path, source)


def test_return_annotations_and_vendor_return_types_lead_to_the_vendor_object(tmp_path):
    source = """
        import replicate
        from replicate.prediction import Prediction


        def start(prompt) -> Prediction:
            return make(prompt)


        prediction = start("hi")
        prediction.wait()
        model = replicate.models.get("acme/chat")
        model.versions.get("5c7d")
    """
    assert {(11, "SOV351"), (12, "SOV353"), (13, "SOV353")} <= found(tmp_path, source)


def test_a_client_typed_by_a_string_annotation_is_the_vendor_client(tmp_path):
    """``def __init__(self, client: "Client")`` with ``from ollama import Client`` under ``TYPE_CHECKING``."""
    source = """
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from ollama import Client


        class Wrapper:
            def __init__(self, client: "Client", label: "not a name"):
                self.client = client

            def ask(self, messages, schema):
                return self.client.chat(model="m", messages=messages, format=schema)
    """
    assert {(13, "SOV202"), (13, "SOV702")} <= found(tmp_path, source)


def test_an_openai_compatible_subclass_takes_its_host_from_its_api_base_default(tmp_path):
    source = """
        from llama_index.llms.openai_like import OpenAILike


        class Groq(OpenAILike):
            def __init__(self, model: str, api_base: str = "https://api.groq.com/openai/v1"):
                super().__init__(model=model, api_base=api_base)
    """
    assert {(2, "SOV312"), (5, "SOV310")} <= found(tmp_path, source)


def test_openai_imports_are_sites_only_where_the_client_points_at_a_llama_host(tmp_path):
    local = 'from openai import OpenAI\nclient = OpenAI(base_url="http://localhost:8000/v1", api_key="x")\n'
    plain = "from openai import OpenAI\nclient = OpenAI()\n"
    assert (1, "SOV212") in found(tmp_path, local)
    assert found(tmp_path, plain, "plain.py") == set()


# ---------------------------------------------------------------- a package's own imports


def test_a_package_importing_its_own_modules_is_not_a_user_of_it(tmp_path):
    package = tmp_path / "langchain_groq"
    (package / "chat_models").mkdir(parents=True)
    (package / "version.py").write_text("__version__ = '1'\n")
    module = package / "chat_models" / "base.py"
    module.write_text(
        "from langchain_groq.version import __version__\nfrom langchain_groq._utils import x\n"
        "from groq import Groq\n"
    )
    assert {(f.line, f.rule) for f in scan_paths(module).findings} == {(3, "SOV332")}


def test_a_folder_that_shares_the_sdk_name_is_still_a_user(tmp_path):
    module = tmp_path / "providers" / "together" / "__init__.py"
    module.parent.mkdir(parents=True)
    module.write_text("from together import Together\n")
    assert {f.rule for f in scan_paths(module).findings} == {"SOV322"}


def test_a_subpackage_named_like_the_sdk_is_still_a_user_of_it(tmp_path):
    """``autogen_ext/models/ollama/`` is ``autogen_ext.models.ollama``: its ``ollama._types`` is the SDK's."""
    package = tmp_path / "autogen_ext" / "models" / "ollama"
    package.mkdir(parents=True)
    for folder in (package, package.parent, package.parent.parent):
        (folder / "__init__.py").write_text("")
    (package / "_types.py").write_text("")
    module = package / "_client.py"
    module.write_text(
        "from ollama._types import ChatRequest\nimport ollama\nfrom autogen_ext.models import x\n"
    )
    assert {(f.line, f.rule) for f in scan_paths(module).findings} == {(1, "SOV200"), (2, "SOV200")}


def test_the_sdk_importing_its_own_private_modules_is_not_a_user_of_it(tmp_path):
    module = tmp_path / "ollama-python" / "ollama" / "_client.py"
    module.parent.mkdir(parents=True)
    (module.parent / "__init__.py").write_text("")
    module.write_text("from ollama._types import ChatRequest\nfrom ollama._utils import convert\n")
    assert list(scan_paths(module).findings) == []


# ---------------------------------------------------------------- outside Python


def test_comments_and_messages_do_not_make_findings(tmp_path):
    source = """
        # Runs on vllm and ollama; set OLLAMA_HOST for a remote server.
        services:
          api:
            image: python:3.12  # not ollama/ollama
            command: echo "start vllm serve first"
    """
    assert found(tmp_path, source, "compose.yaml") == set()


def test_pip_installs_in_a_dockerfile_are_engine_dependencies(tmp_path):
    source = """\
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt tiktoken fastapi \\
            llama-cpp-python==0.3.16 && rm -rf /root/.cache
        RUN python3 -m pip install sentencepiece peft
    """
    assert found(tmp_path, source, "Dockerfile") == {(3, "SOV800")}


def test_model_settings_of_any_family_closed_models_too(tmp_path):
    """A closed model named in config is a site too (docs/evaluation.md, labelling convention 2)."""
    source = """
        providers:
          inference:
          - provider_type: remote::ollama
        models:
        - model_id: nomic-embed-text:v1.5
        - model_id: gpt-4o
        judge_model: claude-3-5-sonnet
        model_type: llm
        url: ${env.OLLAMA_URL:http://localhost:11434}
    """
    assert found(tmp_path, source, "run.yaml") == {
        (4, "SOV855"),
        (6, "SOV854"),
        (7, "SOV854"),
        (8, "SOV854"),
        (10, "SOV853"),
    }


def test_a_prompt_template_file_is_one_site_even_with_two_families_markup(tmp_path):
    """Llama Guard 2's prompt opens with Llama 3's `<|begin_of_text|>` and wraps the task in `[INST]`."""
    source = "<|start_header_id|>system<|end_header_id|>\n\n{{ system }}<|eot_id|>\n[INST] {{ q }} [/INST]\n"
    findings = scan_source(tmp_path, source, "prompts/chat.jinja").findings
    assert [(f.line, f.rule) for f in findings] == [(1, "SOV521")]


def test_either_branch_of_a_conditional_class_choice_is_followed(tmp_path):
    source = """
        from tensorrt_llm.runtime import ModelRunner, ModelRunnerCpp
        runner_cls = ModelRunnerCpp if use_cpp else ModelRunner
        runner = runner_cls.from_dir(engine_dir=engine_dir)
        outputs = runner.generate(batch_input_ids, max_new_tokens=64)
    """
    assert {(4, "SOV111"), (5, "SOV112")} <= found(tmp_path, source)


def test_lora_adapter_ids_are_models(tmp_path):
    source = """
        from peft import PeftModel
        from vllm.lora.request import LoRARequest
        model = PeftModel.from_pretrained(base, "acme/sql-lora-v2")
        request = LoRARequest("sql", 1, "/adapters/sql-v2")
    """
    assert apis(tmp_path, source, "SOV507") == ["acme/sql-lora-v2", "/adapters/sql-v2"]


def test_the_catalog_version_is_the_same_in_every_process():
    """Sets nested in vocabulary dicts are ordered by hash seed; the cache key must not be."""
    probe = "from sovmigrate.rules import catalog_version; print(catalog_version())"
    versions = {
        subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(versions) == 1, versions
