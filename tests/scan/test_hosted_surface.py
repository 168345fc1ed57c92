"""The hosted providers' surface, as read from their SDKs and from router libraries, is covered by the catalog.

The lists below were written from the packages (versions in docs/scan.md, "Hosted providers"), not from the catalog:
each SDK's client classes and inference calls, each provider's API host and key variable. A provider or method the
catalog drops makes one case fail.
"""

from __future__ import annotations

import pytest

from tests.scan.helpers import scan_source

# (import line, client construction, inference call on `client`, vendor) per SDK.
SDK_CALLS = [
    (
        "from together import Together",
        "Together()",
        "client.chat.completions.create(model=m, messages=x)",
        "together",
    ),
    (
        "from together import AsyncTogether",
        "AsyncTogether()",
        "client.embeddings.create(model=m, input=x)",
        "together",
    ),
    ("from groq import Groq", "Groq()", "client.chat.completions.create(model=m, messages=x)", "groq"),
    (
        "from groq import AsyncGroq",
        "AsyncGroq()",
        "client.audio.transcriptions.create(model=m, file=x)",
        "groq",
    ),
    ("from groq import Groq", "Groq()", "client.chat.completions.with_raw_response.create(model=m)", "groq"),
    (
        "from together import Together",
        "Together()",
        "client.completions.with_streaming_response.create()",
        "together",
    ),
    (
        "from fireworks import Fireworks",
        "Fireworks()",
        "client.completions.create(model=m, prompt=x)",
        "fireworks",
    ),
    ("import replicate", "replicate.Client()", "client.run(m, input=x)", "replicate"),
    (
        "from cerebras.cloud.sdk import Cerebras",
        "Cerebras()",
        "client.chat.completions.create(model=m)",
        "cerebras",
    ),
    (
        "from cerebras.cloud.sdk import AsyncCerebras",
        "AsyncCerebras()",
        "client.completions.create(model=m)",
        "cerebras",
    ),
    (
        "from sambanova import SambaNova",
        "SambaNova()",
        "client.chat.completions.create(model=m)",
        "sambanova",
    ),
    (
        "from sambanova import AsyncSambaNova",
        "AsyncSambaNova()",
        "client.embeddings.create(model=m)",
        "sambanova",
    ),
    (
        "from llama_api_client import LlamaAPIClient",
        "LlamaAPIClient()",
        "client.chat.completions.create(model=m)",
        None,
    ),
    (
        "from llama_stack_client import LlamaStackClient",
        "LlamaStackClient()",
        "client.inference.chat_completion()",
        None,
    ),
    (
        "from llama_stack_client import LlamaStackClient",
        "LlamaStackClient()",
        "client.responses.create(model=m)",
        None,
    ),
    ("from ollama import Client", "Client()", "client.chat(model=m, messages=x)", "ollama"),
    ("from ollama import AsyncClient", "AsyncClient()", "client.generate(model=m, prompt=x)", "ollama"),
    ("from ollama import Client", "Client()", "client.embed(model=m, input=x)", "ollama"),
    (
        "from huggingface_hub import InferenceClient",
        "InferenceClient()",
        "client.chat_completion(x, model=m)",
        None,
    ),
    (
        "from huggingface_hub import InferenceClient",
        "InferenceClient()",
        "client.text_generation(x, model=m)",
        None,
    ),
    (
        "from ibm_watsonx_ai.foundation_models import ModelInference",
        "ModelInference(model_id=m)",
        "client.chat(messages=x)",
        "watsonx",
    ),
    (
        "from ibm_watsonx_ai.foundation_models import ModelInference",
        "ModelInference(model_id=m)",
        "client.generate_text_stream(prompt=x)",
        "watsonx",
    ),
]
# Mistral's SDK (mistralai 3.8.0 client/sdk.py): a second vendor layer, one note rule (SOV390) for its clients and calls.
MISTRAL_CALLS = [
    "client.chat.complete(model=m, messages=x)",
    "client.chat.stream(model=m, messages=x)",
    "client.fim.complete(model=m, prompt=x)",
    "client.embeddings.create(model=m, inputs=x)",
    "client.agents.complete(agent_id=m, messages=x)",
]

# Each hosted provider's API host and API-key variable (the SDKs' defaults and the routers' presets).
PROVIDERS = [
    ("https://api.together.xyz/v1", "TOGETHER_API_KEY"),
    ("https://api.groq.com/openai/v1", "GROQ_API_KEY"),
    ("https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY"),
    ("https://api.deepinfra.com/v1/openai", "DEEPINFRA_API_TOKEN"),
    ("https://router.huggingface.co/v1", "HF_TOKEN"),
    ("https://api-inference.huggingface.co/models/x", "HUGGINGFACEHUB_API_TOKEN"),
    ("https://api.cerebras.ai/v1", "CEREBRAS_API_KEY"),
    ("https://api.sambanova.ai/v1", "SAMBANOVA_API_KEY"),
    ("https://api.llama.com/compat/v1/", "LLAMA_API_KEY"),
    ("https://api.hyperbolic.xyz/v1", "HYPERBOLIC_API_KEY"),
    ("https://api.novita.ai/v3/openai", "NOVITA_API_KEY"),
    ("https://api.studio.nebius.ai/v1", "NEBIUS_API_KEY"),
    ("https://api.studio.nebius.com/v1", "NEBIUS_API_KEY"),
    ("https://api.featherless.ai/v1", "FEATHERLESS_API_KEY"),
    ("https://api.inference.crusoecloud.com/v1", "CRUSOE_API_KEY"),
    ("https://oai.endpoints.kepler.ai.cloud.ovh.net/v1", "OVHCLOUD_API_KEY"),
    ("https://integrate.api.nvidia.com/v1", "NVIDIA_API_KEY"),
    ("https://api.replicate.com/v1/predictions", "REPLICATE_API_TOKEN"),
]


def _findings(tmp_path, source):
    return list(scan_source(tmp_path, source).findings)


@pytest.mark.parametrize(("imports", "client", "call", "vendor"), SDK_CALLS, ids=lambda v: str(v)[:40])
def test_every_sdk_client_and_inference_call_is_found(tmp_path, imports, client, call, vendor):
    found = _findings(tmp_path, f"{imports}\n\nclient = {client}\nreply = {call}\n")
    kinds = {(f.line, f.kind) for f in found}
    assert (3, "client") in kinds, found
    assert (4, "inference") in kinds, found
    if vendor:
        assert {f.vendor for f in found if f.line in (3, 4)} == {vendor}


@pytest.mark.parametrize("call", MISTRAL_CALLS)
def test_every_mistral_call_is_found(tmp_path, call):
    found = _findings(tmp_path, f"from mistralai import Mistral\n\nclient = Mistral()\nreply = {call}\n")
    assert {(f.line, f.rule) for f in found} >= {(3, "SOV390"), (4, "SOV390")}


@pytest.mark.parametrize(("url", "key"), PROVIDERS, ids=lambda v: v.split("//")[-1].split("/")[0])
def test_every_provider_url_makes_an_openai_client_hosted(tmp_path, url, key):
    found = _findings(tmp_path, f'from openai import OpenAI\n\nclient = OpenAI(\n    base_url="{url}",\n)\n')
    assert {(f.line, f.rule) for f in found} >= {(1, "SOV312"), (3, "SOV310"), (4, "SOV380")}


@pytest.mark.parametrize(("url", "key"), PROVIDERS, ids=lambda v: v.split("//")[-1].split("/")[0])
def test_every_provider_key_variable_makes_an_openai_client_hosted(tmp_path, url, key):
    found = _findings(
        tmp_path, f'import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["{key}"])\n'
    )
    assert (4, "SOV310") in {(f.line, f.rule) for f in found}


def test_a_langchain_key_keyword_names_the_provider_too(tmp_path):
    source = 'import os\nfrom langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(openai_api_key=os.environ["GROQ_API_KEY"])\n'
    assert (4, "SOV310") in {(f.line, f.rule) for f in _findings(tmp_path, source)}


@pytest.mark.parametrize(("url", "key"), PROVIDERS, ids=lambda v: v.split("//")[-1].split("/")[0])
def test_every_provider_url_in_a_config_file_is_found(tmp_path, url, key):
    found = list(scan_source(tmp_path, f"llm:\n  base_url: {url}\n", name="config.yaml").findings)
    assert (2, "SOV856") in {(f.line, f.rule) for f in found}


def test_an_openai_key_or_an_unknown_host_is_not_a_hosted_provider(tmp_path):
    source = (
        "import os\nfrom openai import OpenAI\n\n"
        'a = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'
        'b = OpenAI(base_url="https://api.example.com/v1")\n'
        'c = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
    )
    assert not {f.rule for f in _findings(tmp_path, source)} & {"SOV310", "SOV312", "SOV380"}


# Agent frameworks' OpenAI-compatible clients (smolagents models.py, autogen-ext models/openai, pydantic-ai-slim
# 2.78.0 providers/openai.py): the base-URL keyword each takes.
FRAMEWORK_CLIENTS = [
    ("from smolagents import OpenAIServerModel", "OpenAIServerModel(model_id=m, api_base={url!r})"),
    ("from smolagents import OpenAIModel", "OpenAIModel(model_id=m, api_base={url!r})"),
    (
        "from autogen_ext.models.openai import OpenAIChatCompletionClient",
        "OpenAIChatCompletionClient(model=m, base_url={url!r})",
    ),
    ("from pydantic_ai.providers.openai import OpenAIProvider", "OpenAIProvider(base_url={url!r})"),
]


@pytest.mark.parametrize(("imports", "client"), FRAMEWORK_CLIENTS, ids=lambda v: v.split("(")[0][-30:])
def test_framework_openai_clients_on_a_hosted_provider_are_found(tmp_path, imports, client):
    hosted = client.format(url="https://api.novita.ai/v3/openai")
    local = client.format(url="http://localhost:8000/v1")
    found = _findings(tmp_path, f"{imports}\n\nhosted = {hosted}\nlocal = {local}\n")
    assert {(f.line, f.rule) for f in found if f.rule == "SOV310"} == {(3, "SOV310")}
