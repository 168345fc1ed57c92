"""The catalog covers the framework integration surfaces listed in docs/scan.md, class by class.

The class names are the frameworks' own (the registry packages named beside each list); each must resolve to the
framework's engine-wrapper rule when built and to its inference rule when called. The frameworks' neutral classes
must not.
"""

from __future__ import annotations

import pytest

from sovmigrate.scan.matching import compiled_catalog
from tests.scan.helpers import scan_source

# langchain-community 0.4.2: llms/chat_models/embeddings lazy-import tables, open-weight engines and hosts.
LANGCHAIN_COMMUNITY = {
    "llms": "Aphrodite CTranslate2 DeepSparse Friendli IpexLLM KoboldApiLLM LlamaCpp Llamafile MLXPipeline OpenLLM "
    "Ollama Petals TextGen TitanTakeoff VLLM VLLMOpenAI Xinference HuggingFaceEndpoint HuggingFacePipeline "
    "HuggingFaceTextGenInference Together Fireworks DeepInfra Replicate GPT4All CTransformers SambaNovaCloud "
    "SambaStudio Predibase Anyscale OctoAIEndpoint Konko",
    "chat_models": "ChatLlamaCpp ChatMLX ChatDeepInfra ChatAnyscale ChatEverlyAI ChatFriendli ChatKonko ChatOctoAI "
    "ChatOutlines LlamaEdgeChatService",
    "embeddings": "LlamaCppEmbeddings OllamaEmbeddings GPT4AllEmbeddings HuggingFaceEmbeddings "
    "HuggingFaceInstructEmbeddings HuggingFaceBgeEmbeddings HuggingFaceInferenceAPIEmbeddings DeepInfraEmbeddings "
    "InfinityEmbeddings LlamafileEmbeddings LocalAIEmbeddings OpenVINOEmbeddings SentenceTransformerEmbeddings "
    "TitanTakeoffEmbed XinferenceEmbeddings SambaStudioEmbeddings",
}
# Partner packages of open-weight hosts: langchain-fireworks 1.7.1, -sambanova 1.1.1, -cerebras 0.8.2,
# -nvidia-ai-endpoints 1.5.0.
LANGCHAIN_PARTNERS = {
    "langchain_fireworks": "ChatFireworks Fireworks FireworksEmbeddings FireworksRerank",
    "langchain_sambanova": "ChatSambaNova ChatSambaNovaCloud ChatSambaStudio SambaNovaCloudEmbeddings",
    "langchain_cerebras": "ChatCerebras",
    "langchain_nvidia_ai_endpoints": "ChatNVIDIA NVIDIA NVIDIAEmbeddings NVIDIARerank",
}
# llama-index-llms-<x> / llama-index-embeddings-<x> packages: (module, one class it exports).
LLAMA_INDEX = (
    "llms.ollama.Ollama llms.llama_cpp.LlamaCPP llms.vllm.Vllm llms.huggingface_api.HuggingFaceInferenceAPI "
    "llms.text_generation_inference.TextGenerationInference llms.together.TogetherLLM llms.groq.Groq "
    "llms.fireworks.Fireworks llms.deepinfra.DeepInfraLLM llms.replicate.Replicate llms.lmstudio.LMStudio "
    "llms.localai.LocalAI llms.nvidia.NVIDIA llms.sambanovasystems.SambaNovaCloud llms.cerebras.Cerebras "
    "llms.sglang.SGLang llms.mlx.MLXLLM llms.mistral_rs.MistralRS llms.xinference.Xinference "
    "embeddings.ollama.OllamaEmbedding embeddings.huggingface.HuggingFaceEmbedding "
    "embeddings.text_embeddings_inference.TextEmbeddingsInference embeddings.together.TogetherEmbedding "
    "embeddings.nvidia.NVIDIAEmbedding embeddings.vllm.VllmEmbedding"
)
# Haystack *-haystack integrations: haystack_integrations.components.<family>.<engine>.<Class>.
HAYSTACK = (
    "generators.ollama.chat.OllamaChatGenerator embedders.ollama.OllamaTextEmbedder "
    "generators.llama_cpp.LlamaCppChatGenerator generators.vllm.VLLMChatGenerator "
    "generators.huggingface_api.HuggingFaceAPIGenerator generators.transformers.TransformersGenerator "
    "generators.nvidia.NvidiaGenerator generators.togetherai.TogetherAIChatGenerator "
    "generators.llama_stack.LlamaStackChatGenerator generators.watsonx.WatsonxGenerator "
    "embedders.sentence_transformers.SentenceTransformersTextEmbedder embedders.optimum.OptimumTextEmbedder"
)
# autogen-ext 0.7.5, semantic-kernel 1.45.0, pydantic-ai-slim 2.78.0, smolagents 1.26.0, agno 3.1.10.
AGENT_FRAMEWORKS = (
    "autogen_ext.models.ollama.OllamaChatCompletionClient autogen_ext.models.llama_cpp.LlamaCppChatCompletionClient "
    "semantic_kernel.connectors.ai.ollama.OllamaChatCompletion semantic_kernel.connectors.ai.ollama.OllamaTextEmbedding "
    "semantic_kernel.connectors.ai.hugging_face.HuggingFaceTextCompletion "
    "semantic_kernel.connectors.ai.onnx.OnnxGenAIChatCompletion semantic_kernel.connectors.ai.nvidia.NvidiaChatCompletion "
    "pydantic_ai.models.groq.GroqModel pydantic_ai.providers.ollama.OllamaProvider "
    "pydantic_ai.providers.together.TogetherProvider pydantic_ai.models.huggingface.HuggingFaceModel "
    "smolagents.TransformersModel smolagents.VLLMModel smolagents.MLXModel smolagents.InferenceClientModel "
    "agno.models.ollama.Ollama agno.models.groq.Groq agno.models.vllm.VLLM agno.models.llama_cpp.LlamaCpp "
    "phi.model.ollama.Ollama"
)
NEUTRAL = (
    "langchain_openai.ChatOpenAI langchain_mistralai.ChatMistralAI langchain_community.llms.OpenAI "
    "llama_index.llms.openai_like.OpenAILike llama_index.llms.openai.OpenAI llama_index.core.VectorStoreIndex "
    "haystack_integrations.components.generators.openai_compatible.OpenAICompatibleGenerator "
    "autogen_ext.models.openai.OpenAIChatCompletionClient semantic_kernel.connectors.ai.open_ai.OpenAIChatCompletion "
    "pydantic_ai.Agent pydantic_ai.models.openai.OpenAIModel smolagents.CodeAgent smolagents.LiteLLMModel "
    "agno.agent.Agent agno.models.openai.OpenAIChat"
)


def _surface() -> list[tuple[str, str, str]]:
    """(class API, its construction rule, its call rule#a generation method) for every listed class."""
    rows = [
        (f"langchain_community.{module}.{name}", "SOV400", "SOV401#invoke")
        for module, names in LANGCHAIN_COMMUNITY.items()
        for name in names.split()
    ]
    rows += [
        (f"{package}.{name}", "SOV400", "SOV401#invoke")
        for package, names in LANGCHAIN_PARTNERS.items()
        for name in names.split()
    ]
    rows += [(f"llama_index.{path}", "SOV410", "SOV411#complete") for path in LLAMA_INDEX.split()]
    rows += [
        (f"haystack_integrations.components.{path}", "SOV421", "SOV484#run") for path in HAYSTACK.split()
    ]
    methods = {
        "autogen_ext": "create",
        "semantic_kernel": "get_chat_message_contents",
        "pydantic_ai": "request",
        "smolagents": "generate",
        "agno": "response",
        "phi": "invoke",
    }
    rows += [
        (api, "SOV304", "" if ".providers." in api else f"SOV305#{methods[api.split('.')[0]]}")
        for api in AGENT_FRAMEWORKS.split()
    ]
    return rows


@pytest.mark.parametrize(("api", "client", "call"), _surface(), ids=lambda value: value)
def test_every_listed_integration_class_is_a_client_and_its_calls_inference(api, client, call):
    """A provider (pydantic-ai's `OllamaProvider`) is built and handed to a model: it has no calls of its own."""
    catalog = compiled_catalog()
    assert client in {rule.code for rule in catalog.rules_for_call(api, None)}
    if call:
        code, method = call.split("#")
        assert code in {rule.code for rule in catalog.rules_for_call(f"{api}#{method}", None)}
    assert catalog.import_rule(api) is not None


@pytest.mark.parametrize("api", NEUTRAL.split())
def test_neutral_framework_classes_are_not_engine_wrappers(api):
    codes = {rule.code for rule in compiled_catalog().rules_for_call(api, None)}
    assert not codes & {"SOV304", "SOV400", "SOV410", "SOV421"}


def test_a_framework_inside_its_own_source_is_not_its_own_user(tmp_path):
    """Convention 4: the integration's imports and calls of itself are not sites, a user's are, wherever the
    copy of the framework starts (a repository folder named like the package above the package itself)."""
    own = "from agno.models.meta.llama import Llama\n\nmodel = Llama(id=name)\n"
    user = "from agno.models.ollama import Ollama\n\nmodel = Ollama(id=name)\n"
    inside = scan_source(tmp_path, own, "agno/agno/models/meta/llama_openai.py")
    outside = scan_source(tmp_path, user, "app/agent.py")
    assert [f.rule for f in inside.findings] == []
    assert [(f.rule, f.line) for f in outside.findings] == [("SOV303", 1), ("SOV304", 3)]
