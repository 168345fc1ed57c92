"""SOV4xx: framework wrappers around engines (LangChain, LlamaIndex)."""

from __future__ import annotations

from sovmigrate.rules.hosted import ROUTER_ENTRY_POINTS, ROUTER_MODEL_SELECTORS
from sovmigrate.rules.model import (
    Calls,
    Dependency,
    Fix,
    FixSafety,
    Imports,
    Keywords,
    Kind,
    Level,
    Reads,
    Rule,
    RuleDocs,
)

_WHY_WRAPPER = (
    "The framework class wraps one engine (llama.cpp, vLLM, Ollama, a hosted API) with that engine's "
    "parameters and defaults. Changing engine means changing class, import and parameters, and "
    "several of these classes are deprecated or removed in current LangChain."
)
_LC_FIX = (
    "Safe when every default of the wrapper and of the engine call it made is written out and the object is "
    "used only as a LangChain model (calls, pipes, chains): `LlamaCpp`, `ChatLlamaCpp`, `ChatOllama`, "
    "`OllamaEmbeddings` (langchain-ollama), `VLLM`, `VLLMOpenAI`, `ChatGroq`, `ChatTogether`, `ChatFireworks`, "
    "`BedrockLLM`. Unsafe where the adapter cannot keep the behaviour exactly: `OllamaLLM`/`Ollama` (Ollama's "
    "generate template becomes the chat template), `LlamaCppEmbeddings` (per-token vectors of models without "
    "pooling), the legacy community `OllamaEmbeddings` (`/api/embeddings`), `ChatBedrock` (Converse instead of "
    "LangChain's Llama prompt), `HuggingFacePipeline.from_model_id`, and a chat model that could call tools "
    "passed to other code on a backend that cannot. Manual when the vendor class's own attributes are read "
    "(`llm.client`), it is type-checked or subclassed, tools are bound on a backend without tools, or an argument "
    "has no counterpart (grammars, `suffix=`, `reasoning=`, `model_url=`...). Calls on the object (SOV401) are "
    "left as they are and share the construction's outcome."
)
_LI_FIX = (
    "Safe for `LlamaCPP` (its defaults and llama-cpp-python's written out, prompts still rendered by "
    "`messages_to_prompt`/`completion_to_prompt`), `Vllm`, `Groq` and `OllamaEmbedding`. Unsafe for `Ollama`: "
    "the adapter's ollama backend cannot call tools, and without `context_window=` LlamaIndex sent the model's "
    "whole context as `num_ctx`. Manual when the vendor class's own attributes are read, the model is downloaded "
    "from `model_url=`, or an argument has no counterpart. Calls on the object (SOV411) are left as they are and "
    "share the construction's outcome."
)

_LC_BEFORE = (
    "from langchain_ollama import ChatOllama\n"
    "\n"
    'chat = ChatOllama(model="llama3.1", temperature=0)\n'
    'print(chat.invoke("Hello").content)'
)
_LC_AFTER = (
    "from sovmigrate.adapter import connect\n"
    "from sovmigrate.integrations.langchain import ChatSovmigrate\n"
    "\n"
    'chat = ChatSovmigrate(client=connect(default="ollama:llama3.1", param_defaults="engine", timeout=None), '
    "temperature=0)\n"
    'print(chat.invoke("Hello").content)'
)
_LI_BEFORE = (
    "from llama_index.llms.llama_cpp import LlamaCPP\n"
    "\n"
    'llm = LlamaCPP(model_path="llama-3.1-8b-instruct.Q4_K_M.gguf", temperature=0)\n'
    'print(llm.complete("Hello").text)'
)
_LI_AFTER = (
    "from sovmigrate.adapter import connect\n"
    "from sovmigrate.integrations.llama_index import SovmigrateLLM\n"
    "\n"
    'llm = SovmigrateLLM(client=connect(default="llamacpp:llama-3.1-8b-instruct.Q4_K_M.gguf", n_ctx=3900), '
    "temperature=0, max_tokens=256, top_p=0.95, top_k=40, min_p=0.05, is_chat_model=False)\n"
    'print(llm.complete("Hello").text)'
)

_LC_MORE_CLASSES = (
    # llms
    "Aphrodite",
    "CTranslate2",
    "DeepSparse",
    "Friendli",
    "IpexLLM",
    "BigdlLLM",
    "KoboldApiLLM",
    "MLXPipeline",
    "OpenLLM",
    "Outlines",
    "Petals",
    "RWKV",
    "TextGen",
    "TitanTakeoff",
    "TitanTakeoffPro",
    "Xinference",
    "OctoAIEndpoint",
    "Anyscale",
    "Konko",
    "SambaNovaCloud",
    "SambaStudio",
    "Predibase",
    "ChatGLM",
    "WeightOnlyQuantPipeline",
    "SelfHostedHuggingFaceLLM",
    "OCIModelDeploymentVLLM",
    "OCIModelDeploymentTGI",
    # chat_models
    "ChatAnyscale",
    "ChatEverlyAI",
    "ChatFriendli",
    "ChatKonko",
    "ChatMLX",
    "ChatOctoAI",
    "ChatOCIModelDeploymentVLLM",
    "ChatOCIModelDeploymentTGI",
    "ChatOutlines",
    "LlamaEdgeChatService",
    # embeddings
    "AnyscaleEmbeddings",
    "DeepInfraEmbeddings",
    "HuggingFaceInstructEmbeddings",
    "HuggingFaceHubEmbeddings",
    "InfinityEmbeddings",
    "InfinityEmbeddingsLocal",
    "IpexLLMBgeEmbeddings",
    "LlamafileEmbeddings",
    "LocalAIEmbeddings",
    "ModelScopeEmbeddings",
    "OctoAIEmbeddings",
    "OpenVINOEmbeddings",
    "OpenVINOBgeEmbeddings",
    "QuantizedBgeEmbeddings",
    "QuantizedBiEncoderEmbeddings",
    "SambaStudioEmbeddings",
    "SelfHostedHuggingFaceEmbeddings",
    "SelfHostedHuggingFaceInstructEmbeddings",
    "SentenceTransformerEmbeddings",
    "TextEmbedEmbeddings",
    "TitanTakeoffEmbed",
    "XinferenceEmbeddings",
    # partner packages: langchain-fireworks 1.7.1, langchain-sambanova 1.1.1, langchain-cerebras 0.8.2,
    # langchain-nvidia-ai-endpoints 1.5.0
    "FireworksRerank",
    "ChatSambaNova",
    "ChatSambaNovaCloud",
    "ChatSambaStudio",
    "SambaNovaCloudEmbeddings",
    "SambaNovaEmbeddings",
    "ChatCerebras",
    "ChatNVIDIADynamo",
)
_LC_ENGINES = (
    "langchain*.LlamaCpp",
    "langchain*.ChatLlamaCpp",
    "langchain*.VLLM",
    "langchain*.VLLMOpenAI",
    "langchain*.Ollama",
    "langchain*.ChatOllama",
    "langchain*.OllamaLLM",
    "langchain*.OllamaEmbeddings",
    "langchain*.LlamaCppEmbeddings",
    "langchain*.HuggingFacePipeline",
    "langchain*.HuggingFacePipeline.from_model_id",
    "langchain*.HuggingFaceEndpoint",
    "langchain*.ChatHuggingFace",
    "langchain*.HuggingFaceTextGenInference",
    "langchain*.ChatGroq",
    "langchain*.Together",
    "langchain*.ChatTogether",
    "langchain*.Fireworks",
    "langchain*.ChatFireworks",
    "langchain*.DeepInfra",
    "langchain*.ChatDeepInfra",
    "langchain*.Replicate",
    "langchain*.CTransformers",
    "langchain*.GPT4All",
    "langchain*.Llamafile",
    "langchain*.Bedrock",
    "langchain*.BedrockLLM",
    "langchain*.ChatBedrock",
    "langchain*.ChatBedrockConverse",
    "langchain*.BedrockChat",
    "langchain*.ChatMetaLlama",
    "langchain*.HuggingFaceHub",
    "langchain*.HuggingFaceEmbeddings",
    "langchain*.HuggingFaceEndpointEmbeddings",
    "langchain*.HuggingFaceInferenceAPIEmbeddings",
    "langchain*.HuggingFaceBgeEmbeddings",
    "langchain*.TogetherEmbeddings",
    "langchain*.FireworksEmbeddings",
    "langchain*.GPT4AllEmbeddings",
    "langchain*.ExLlamaV2",
    "langchain*.WatsonxLLM",
    "langchain*.ChatWatsonx",
    "langchain*.WatsonxEmbeddings",
    "langchain*.BedrockEmbeddings",
    "langchain*.ChatLlamaAPI",
    "langchain*.ChatNVIDIA",
    "langchain*.NVIDIAEmbeddings",
    "langchain_nvidia_ai_endpoints.NVIDIA",
    "langchain_nvidia_ai_endpoints.NVIDIARerank",
    "langchain*.WatsonxRerank",
    "langchain*.SagemakerEndpoint",
    "langchain*.ChatOCIGenAI",
    "langchain*.MlflowAIGateway",
    # The rest of langchain-community 0.4.2's open-weight, local-engine and open-host classes (its `llms`,
    # `chat_models` and `embeddings` lazy-import tables) and of the in-scope partner packages (docs/scan.md).
    *(f"langchain*.{name}" for name in _LC_MORE_CLASSES),
)
# langchain-community 0.4.2 modules of one open-weight engine or host beyond the ones listed below.
_LC_MORE_MODULES = (
    *(
        f"llms.{name}"
        for name in (
            "aphrodite",
            "ctranslate2",
            "deepsparse",
            "friendli",
            "ipex_llm",
            "bigdl_llm",
            "koboldai",
            "mlx_pipeline",
            "openllm",
            "outlines",
            "petals",
            "rwkv",
            "textgen",
            "titan_takeoff",
            "xinference",
            "octoai_endpoint",
            "anyscale",
            "konko",
            "sambanova",
            "predibase",
            "chatglm",
            "weight_only_quantization",
            "self_hosted_hugging_face",
        )
    ),
    *(
        f"chat_models.{name}"
        for name in ("anyscale", "everlyai", "friendli", "konko", "mlx", "octoai", "outlines")
    ),
    *(
        f"embeddings.{name}"
        for name in (
            "anyscale",
            "deepinfra",
            "huggingface_hub",
            "infinity",
            "infinity_local",
            "ipex_llm",
            "llamafile",
            "localai",
            "modelscope_hub",
            "octoai_embeddings",
            "openvino",
            "itrex",
            "optimum_intel",
            "sambanova",
            "self_hosted_hugging_face",
            "sentence_transformer",
            "textembed",
            "titan_takeoff",
            "xinference",
        )
    ),
)
# Packages that integrate exactly one engine or provider: any import from them is that engine's.
_LC_PACKAGES = (
    "langchain_groq",
    "langchain_together",
    "langchain_fireworks",
    "langchain_ollama",
    "langchain_huggingface",
    "langchain_ibm",
    "langchain_nvidia_ai_endpoints",
    "langchain_sambanova",
    "langchain_cerebras",
    *(f"langchain_community.{module}" for module in _LC_MORE_MODULES),
    "langchain_community.llms.llamacpp",
    "langchain_community.chat_models.llamacpp",
    "langchain_community.embeddings.llamacpp",
    "langchain_community.llms.vllm",
    "langchain_community.llms.ollama",
    "langchain_community.chat_models.ollama",
    "langchain_community.embeddings.ollama",
    "langchain_community.llms.huggingface_pipeline",
    "langchain_community.llms.huggingface_endpoint",
    "langchain_community.llms.huggingface_text_gen_inference",
    "langchain_community.chat_models.huggingface",
    "langchain_community.embeddings.huggingface",
    "langchain_community.llms.ctransformers",
    "langchain_community.llms.gpt4all",
    "langchain_community.embeddings.gpt4all",
    "langchain_community.llms.exllamav2",
    "langchain_community.llms.together",
    "langchain_community.llms.replicate",
    "langchain_community.llms.fireworks",
    "langchain_community.chat_models.fireworks",
    "langchain_community.llms.deepinfra",
    "langchain_community.chat_models.deepinfra",
    "langchain_community.llms.bedrock",
    "langchain_community.chat_models.bedrock",
    "langchain_community.llms.llamafile",
    "langchain_community.chat_models.llama_edge",
    "langchain_community.chat_models.meta",
)
_LC_METHODS = tuple(
    f"{cls}#{method}"
    for cls in _LC_ENGINES
    if not cls.endswith(".from_model_id")
    for method in (
        "invoke",
        "ainvoke",
        "stream",
        "astream",
        "batch",
        "abatch",
        "__call__",
        "predict",
        "predict_messages",
        "generate",
        "agenerate",
        "embed_query",
        "embed_documents",
        # langchain-core's BaseLanguageModel/Runnable/Embeddings: async and batch variants
        "aembed_query",
        "aembed_documents",
        "apredict",
        "apredict_messages",
        "generate_prompt",
        "agenerate_prompt",
        "batch_as_completed",
        "abatch_as_completed",
        "astream_events",
    )
)
# LlamaIndex integration packages of one open-weight engine, local server or open-weight host, as module names
# (``llama-index-llms-<x>`` is ``llama_index.llms.<x>``; the registry's package list, docs/scan.md): every class
# such a module exports is that engine's. Not here: closed APIs (OpenAI, Anthropic, Gemini, Cohere...), Mistral's
# and DeepSeek's own APIs, routers (LiteLLM, Portkey) and `openai_like`, the neutral OpenAI-compatible client the
# migration moves to (reported by the OpenAI-compatible rules when its base URL is an engine's).
_LI_LLM_MODULES = (
    "llama_cpp",
    "vllm",
    "ollama",
    "huggingface",
    "huggingface_api",
    "text_generation_inference",
    "together",
    "groq",
    "fireworks",
    "deepinfra",
    "replicate",
    "lmstudio",
    "localai",
    "nvidia",
    "nvidia_tensorrt",
    "nvidia_triton",
    "sambanova",
    "sambanovacloud",
    "sambanovasystems",
    "cerebras",
    "bedrock",
    "bedrock_converse",
    "llama_api",
    "meta",
    "ibm",
    "watsonx",
    "gpt4all",
    "llamafile",
    "mlx",
    "mistral_rs",
    "sglang",
    "xinference",
    "openllm",
    "optimum_intel",
    "openvino",
    "openvino_genai",
    "ipex_llm",
    "gaudi",
    "anyscale",
    "octoai",
    "everlyai",
    "featherlessai",
    "friendli",
    "nebius",
    "novita",
    "siliconflow",
    "monsterapi",
    "predibase",
    "rungpt",
    "konko",
    "modelscope",
    "sagemaker_endpoint",
    "openrouter",
)
_LI_EMBEDDING_MODULES = (
    "ollama",
    "huggingface",
    "huggingface_api",
    "huggingface_optimum",
    "huggingface_optimum_intel",
    "instructor",
    "ipex_llm",
    "itrex",
    "gaudi",
    "openvino",
    "openvino_genai",
    "text_embeddings_inference",
    "together",
    "fireworks",
    "deepinfra",
    "nvidia",
    "llamafile",
    "llama_cpp",
    "bedrock",
    "ibm",
    "xinference",
    "vllm",
    "nebius",
    "siliconflow",
    "sagemaker_endpoint",
    "anyscale",
    "octoai",
    "modelscope",
)
_LI_PACKAGES = (
    *(f"llama_index.llms.{name}" for name in _LI_LLM_MODULES),
    *(f"llama_index.embeddings.{name}" for name in _LI_EMBEDDING_MODULES),
)
# Module-level helpers of those packages are not clients (`llama_utils.messages_to_prompt` is SOV412's).
_LI_NOT_CLIENTS = ("llama_index.*.llama_utils.*", "llama_index.*.utils.*")
_LI_ENGINES = (
    *(f"{module}.*" for module in _LI_PACKAGES),
    # LlamaIndex 0.9's flat namespace (`from llama_index.llms import LlamaCPP`).
    *(
        f"llama_index.llms.{name}"
        for name in (
            "LlamaCPP",
            "Ollama",
            "Vllm",
            "VllmServer",
            "HuggingFaceLLM",
            "HuggingFaceInferenceAPI",
            "Replicate",
            "Bedrock",
            "LlamaAPI",
            "TogetherLLM",
            "DeepInfraLLM",
        )
    ),
    *(
        f"llama_index.embeddings.{name}"
        for name in (
            "HuggingFaceEmbedding",
            "OllamaEmbedding",
            "TextEmbeddingsInference",
            "HuggingFaceInferenceAPIEmbedding",
        )
    ),
)
_LI_METHODS = tuple(
    f"{cls}#{method}"
    for cls in _LI_ENGINES
    for method in (
        "complete",
        "acomplete",
        "chat",
        "achat",
        "stream_complete",
        "stream_chat",
        "astream_complete",
        "astream_chat",
        "get_text_embedding",
        "get_query_embedding",
        # llama-index-core's LLM and BaseEmbedding: prompt-template, structured and batch variants
        "predict",
        "apredict",
        "stream",
        "astream",
        "structured_predict",
        "astructured_predict",
        "predict_and_call",
        "get_text_embedding_batch",
        "aget_text_embedding",
        "aget_query_embedding",
        "aget_text_embedding_batch",
    )
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV402",
        name="langchain-engine-import",
        kind=Kind.IMPORT,
        vendor="langchain",
        message="`{api}` imports a LangChain integration of one engine or provider",
        matchers=(Imports((*_LC_PACKAGES, *(c for c in _LC_ENGINES if not c.endswith(".from_model_id")))),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of LangChain integration packages bound to one engine or provider "
            "(`langchain_groq`, `langchain_ollama`, `langchain_huggingface`...) and of the engine classes "
            "SOV400 finds (`from langchain_community.llms import LlamaCpp`).",
            why=_WHY_WRAPPER,
            example="from langchain_community.llms import LlamaCpp",
            use_instead="from langchain_openai import ChatOpenAI  # pointed at the adapter's OpenAI-compatible server",
            fix_safety="Removed by the codemods once no use of the class is left.",
        ),
    ),
    Rule(
        code="SOV413",
        name="llamaindex-engine-import",
        kind=Kind.IMPORT,
        vendor="llama-index",
        message="`{api}` imports a LlamaIndex integration of one engine or provider",
        matchers=(Imports((*_LI_PACKAGES, *_LI_ENGINES[len(_LI_PACKAGES) :])),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of LlamaIndex LLM and embedding integrations bound to one engine or "
            "provider (`llama_index.llms.llama_cpp`, `llama_index.llms.groq`, `llama_index.embeddings.ollama`...).",
            why=_WHY_WRAPPER,
            example="from llama_index.llms.llama_cpp import LlamaCPP",
            use_instead="from llama_index.llms.openai_like import OpenAILike  # on the adapter's server",
            fix_safety="Removed by the codemods once no use of the class is left.",
        ),
    ),
    Rule(
        code="SOV403",
        name="langchain-ollama-private-client",
        kind=Kind.CLIENT,
        vendor="ollama",
        message="`{api}` reaches the Ollama client inside a LangChain model",
        # langchain-ollama 1.1.0: `_client: Client` and `_async_client: AsyncClient` private attributes of
        # ChatOllama (chat_models.py), OllamaLLM (llms.py) and OllamaEmbeddings (embeddings.py).
        matchers=(
            Reads(
                tuple(
                    f"langchain*.{cls}#{attr}"
                    for cls in ("ChatOllama", "OllamaLLM", "OllamaEmbeddings")
                    for attr in ("_client", "_async_client")
                )
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for reads of the `ollama` client a LangChain Ollama model keeps privately "
            "(`llm._client`, `llm._async_client` of `ChatOllama`, `OllamaLLM`, `OllamaEmbeddings`); once per function. "
            "Public attributes (`llm.base_url`, `llm.model`) are not reported.",
            why=_WHY_WRAPPER
            + " The private client is Ollama's own `Client`: code that reaches it (to log its "
            "host, close its HTTP connection) depends on Ollama's SDK beneath the wrapper.",
            example="client = llm._client",
            use_instead="keep the adapter's connection and close it (`model.close()`)",
        ),
    ),
    Rule(
        code="SOV400",
        name="langchain-engine-wrapper",
        kind=Kind.CLIENT,
        vendor="langchain",
        message="`{api}` wraps one inference engine in LangChain",
        matchers=(Calls(_LC_ENGINES),),
        effort_driver="api_surface",
        codemod="langchain.LangChainCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for LangChain LLM, chat and embedding classes bound to one engine or provider: "
            "`LlamaCpp`, `ChatOllama`, `VLLM`, `HuggingFacePipeline`, `ChatGroq`, `ChatBedrock` and others, "
            "from `langchain_community`, the partner packages or the legacy `langchain.llms` paths.",
            why=_WHY_WRAPPER,
            example='llm = LlamaCpp(model_path="llama-2-7b-chat.Q4_K_M.gguf", n_ctx=2048, temperature=0.7)',
            use_instead="`SovmigrateLLM`, `ChatSovmigrate` or `SovmigrateEmbeddings` from "
            "`sovmigrate.integrations.langchain`, over `sovmigrate.adapter.connect(...)`.",
            fix_safety=_LC_FIX,
            before=_LC_BEFORE,
            after=_LC_AFTER,
        ),
    ),
    Rule(
        code="SOV401",
        name="langchain-engine-call",
        kind=Kind.INFERENCE,
        vendor="langchain",
        message="`{api}` runs inference through a LangChain engine wrapper",
        matchers=(Calls(_LC_METHODS),),
        effort_driver="call_site",
        codemod="langchain.LangChainCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `invoke`, `stream`, `batch` and legacy `__call__`/`predict` calls on the "
            "wrappers SOV400 finds.",
            why="Legacy `llm(...)`, `.predict()` and `.predict_messages()` are removed in langchain-core 1.x, "
            "so these calls break on upgrade as well as on an engine change.",
            example='answer = llm.invoke("Tell me a joke")',
            use_instead='answer = model.complete("Tell me a joke").text',
            fix_safety="Rewritten with the object's construction (SOV400), whose outcome it shares; the call "
            "itself stays as it is. Manual when it passes the engine's own parameter names.",
            before=_LC_BEFORE,
            after=_LC_AFTER,
        ),
    ),
    Rule(
        code="SOV410",
        name="llamaindex-engine-wrapper",
        kind=Kind.CLIENT,
        vendor="llama-index",
        message="`{api}` wraps one inference engine in LlamaIndex",
        matchers=(Calls(_LI_ENGINES, exclude=_LI_NOT_CLIENTS),),
        effort_driver="api_surface",
        codemod="llama_index.LlamaIndexCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for LlamaIndex LLM and embedding classes bound to one engine: `LlamaCPP`, `Vllm`, "
            "`Ollama`, `HuggingFaceLLM` and provider classes.",
            why=_WHY_WRAPPER,
            example="llm = LlamaCPP(model_path=path, messages_to_prompt=messages_to_prompt)",
            use_instead="`SovmigrateLLM` or `SovmigrateEmbedding` from `sovmigrate.integrations.llama_index`, "
            "over `sovmigrate.adapter.connect(...)`.",
            fix_safety=_LI_FIX,
            before=_LI_BEFORE,
            after=_LI_AFTER,
        ),
    ),
    Rule(
        code="SOV411",
        name="llamaindex-engine-call",
        kind=Kind.INFERENCE,
        vendor="llama-index",
        message="`{api}` runs inference through a LlamaIndex engine wrapper",
        matchers=(Calls(_LI_METHODS, exclude=_LI_NOT_CLIENTS),),
        effort_driver="call_site",
        codemod="llama_index.LlamaIndexCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `complete`, `chat` and streaming calls on the wrappers SOV410 finds.",
            why="Results are LlamaIndex response objects (`.text`, `.message.content`, `.delta`).",
            example='print(llm.complete("Hello").text)',
            use_instead='print(model.complete("Hello").text)',
            fix_safety="Rewritten with the object's construction (SOV410), whose outcome it shares; the call "
            "itself stays as it is.",
            before=_LI_BEFORE,
            after=_LI_AFTER,
        ),
    ),
    Rule(
        code="SOV412",
        name="llamaindex-llama-prompt-helpers",
        kind=Kind.PROMPT_FORMAT,
        vendor="llama-index",
        message="`{api}` formats prompts with LlamaIndex's hard-coded Llama templates",
        matchers=(Calls(("llama_index.llms.llama_cpp.llama_utils.*", "llama_index.llms.llama_utils.*")),),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for `messages_to_prompt` and `completion_to_prompt` from `llama_utils`.",
            why="The helpers hard-code the Llama 2 `[INST]`/`<<SYS>>` or Llama 3 header format; another "
            "model family answers badly or not at all with them.",
            example="from llama_index.llms.llama_cpp.llama_utils import messages_to_prompt",
            use_instead="Let the engine apply the model's own chat template.",
        ),
    ),
)

# Haystack components bound to one engine or provider: the integration packages (`llama-cpp-haystack`,
# `ollama-haystack`, `amazon-bedrock-haystack`, `meta-llama-haystack`...) and Haystack's own Hugging Face and
# sentence-transformers components.
# The engines are the `haystack_integrations.components.<family>.<engine>` modules of the registry's *-haystack
# packages for engines and open-weight hosts (docs/scan.md); transformers-haystack's classifiers, readers and routers
# are not generation.
_HAYSTACK_ENGINES = (
    "llama_cpp",
    "ollama",
    "amazon_bedrock",
    "amazon_sagemaker",
    "meta_llama",
    "llama_stack",
    "sentence_transformers",
    "transformers",
    "huggingface_api",
    "nvidia",
    "togetherai",
    "vllm",
    "watsonx",
    "optimum",
    "instructor_embedders",
)
_HAYSTACK_INTEGRATIONS = tuple(
    f"haystack_integrations.components.{family}.{engine}"
    for family in ("generators", "embedders", "rankers")
    for engine in _HAYSTACK_ENGINES
)
_HAYSTACK_COMPONENTS = (
    *(f"{module}.*" for module in _HAYSTACK_INTEGRATIONS),
    "haystack.components.generators.HuggingFace*Generator",
    "haystack.components.generators.chat.HuggingFace*ChatGenerator",
    "haystack.components.generators.hugging_face_*",
    "haystack.components.embedders.SentenceTransformers*Embedder",
    "haystack.components.embedders.HuggingFaceAPI*Embedder",
    "haystack.components.rankers.SentenceTransformers*Ranker",
    "haystack.components.rankers.TransformersSimilarityRanker",
    "haystack.components.rankers.HuggingFaceTEIRanker",
    "takeoff_haystack.*",
)
_HAYSTACK_WHY = (
    "The Haystack component wraps one engine (llama.cpp, Ollama, transformers, sentence-transformers, a hosted "
    "API) with that engine's parameters and defaults; changing engine means changing component, import and "
    "parameters."
)

RULES = (
    *RULES,
    Rule(
        code="SOV420",
        name="haystack-engine-import",
        kind=Kind.IMPORT,
        vendor="haystack",
        message="`{api}` imports a Haystack component of one engine or provider",
        matchers=(
            Imports(
                (
                    *_HAYSTACK_INTEGRATIONS,
                    "haystack.components.generators.HuggingFace*",
                    "haystack.components.generators.chat.HuggingFace*",
                    "haystack.components.embedders.SentenceTransformers*",
                    "haystack.components.embedders.HuggingFaceAPI*",
                    "haystack.components.rankers.SentenceTransformers*",
                    "haystack.components.rankers.TransformersSimilarityRanker",
                    "haystack.components.rankers.HuggingFaceTEIRanker",
                    "takeoff_haystack",
                ),
            ),
        ),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of Haystack components bound to one engine or provider "
            "(`haystack_integrations.components.generators.llama_cpp`, `...generators.ollama`, "
            "`...embedders.ollama`, Haystack's `HuggingFaceLocalGenerator`, `SentenceTransformersTextEmbedder`).",
            why=_HAYSTACK_WHY + " The import marks a file the migration edits.",
            example="from haystack_integrations.components.generators.llama_cpp import LlamaCppChatGenerator",
            use_instead="Haystack's `OpenAIChatGenerator` with `api_base_url=` on the adapter's server.",
            fix_safety="Removed by the codemods once no use of the component is left.",
        ),
    ),
    Rule(
        code="SOV421",
        name="haystack-engine-component",
        kind=Kind.CLIENT,
        vendor="haystack",
        message="`{api}` wraps one inference engine in a Haystack component",
        matchers=(Calls(_HAYSTACK_COMPONENTS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Haystack generators, embedders and rankers bound to one engine or provider: "
            "`LlamaCppChatGenerator`, `OllamaChatGenerator`, `OllamaTextEmbedder`, `HuggingFaceLocalGenerator`, "
            "`SentenceTransformersDocumentEmbedder`...",
            why=_HAYSTACK_WHY,
            example='generator = LlamaCppChatGenerator(model="openchat-3.5.Q3_K_S.gguf", n_ctx=512)',
            use_instead='OpenAIChatGenerator(api_base_url="http://localhost:8080/v1", model="my-model")',
        ),
    ),
)

# Vector stores' embedding functions and module configs that name one engine: chromadb's
# `chromadb.utils.embedding_functions` (each class also in a module of its own, `ollama_embedding_function`),
# pymilvus' `pymilvus.model` and weaviate's `Configure.Vectorizer.text2vec_ollama(...)` family. Hosted closed APIs
# (OpenAI, Cohere, Google, Voyage, Jina) and the stores' neutral ONNX default are not engines.
_CHROMA_ENGINES = (
    "OllamaEmbeddingFunction",
    "SentenceTransformerEmbeddingFunction",
    "HuggingFaceEmbeddingFunction",
    "HuggingFaceEmbeddingServer",
    "HuggingFaceSparseEmbeddingFunction",
    "InstructorEmbeddingFunction",
    "Text2VecEmbeddingFunction",
    "TogetherAIEmbeddingFunction",
)
_CHROMA_MODULES = (
    "ollama_embedding_function",
    "sentence_transformer_embedding_function",
    "huggingface_embedding_function",
    "huggingface_sparse_embedding_function",
    "instructor_embedding_function",
    "text2vec_embedding_function",
    "together_ai_embedding_function",
)
_MILVUS_ENGINES = (
    "SentenceTransformerEmbeddingFunction",
    "TEIEmbeddingFunction",
    "InstructorEmbeddingFunction",
    "BGEM3EmbeddingFunction",
    "CrossEncoderRerankFunction",
    "BGERerankFunction",
    "TEIRerankFunction",
)
_MILVUS_MODULES = (
    "dense.sentence_transformer",
    "dense.tei",
    "dense.instructor",
    "hybrid.bge_m3",
    "reranker.tei",
)
_STORE_IMPORTS = (
    *(f"chromadb.utils.embedding_functions.{name}" for name in (*_CHROMA_ENGINES, *_CHROMA_MODULES)),
    *(f"pymilvus.model.{name}" for name in _MILVUS_MODULES),
    *(f"pymilvus.model.*.{name}" for name in _MILVUS_ENGINES),
    *(f"milvus_model.{name}" for name in _MILVUS_MODULES),
    *(f"milvus_model.*.{name}" for name in _MILVUS_ENGINES),
)
_WEAVIATE_ENGINES = ("text2vec_ollama", "text2vec_huggingface", "text2vec_transformers", "multi2vec_clip")
_STORE_CLIENTS = (
    *(f"chromadb.utils.embedding_functions.{name}" for name in _CHROMA_ENGINES),
    *(f"chromadb.utils.embedding_functions.*.{name}" for name in _CHROMA_ENGINES),
    *(f"{root}.*{name}" for root in ("pymilvus.model", "milvus_model") for name in _MILVUS_ENGINES),
    *(f"weaviate.*Configure.*.{name}" for name in _WEAVIATE_ENGINES),
    "weaviate.*Configure.Generative.ollama",
    "weaviate.*Configure.Generative.anyscale",
)
_STORE_WHY = (
    "The vector store computes embeddings itself with the engine its embedding function or module names "
    "(an Ollama server, a sentence-transformers model, Hugging Face's Inference API, a TEI server): the engine, "
    "its URL and its model live in the store's configuration, and a collection's vectors only match the model "
    "that made them."
)

# NeMo Guardrails' own providers of self-hosted engines (moved under `integrations.langchain` in later releases).
_NEMO_PROVIDERS = tuple(
    f"nemoguardrails.{base}.{engine}"
    for base in ("llm.providers", "integrations.langchain.providers")
    for engine in ("huggingface", "trtllm")
)
_NEMO_WHY = (
    "The provider runs the rails' model on one engine (a transformers pipeline in the process, a TensorRT-LLM "
    "model behind Triton), registered under a custom engine name the rails configuration refers to."
)

RULES = (
    *RULES,
    Rule(
        code="SOV473",
        name="vector-store-engine-import",
        kind=Kind.IMPORT,
        vendor="vector-store",
        message="`{api}` imports a vector store's embedding function bound to one engine",
        matchers=(Imports(_STORE_IMPORTS),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of chromadb's and pymilvus' embedding functions that name an engine "
            "(`OllamaEmbeddingFunction`, `SentenceTransformerEmbeddingFunction`, `HuggingFaceEmbeddingServer`, "
            "`TEIEmbeddingFunction`...), also from their own modules "
            "(`chromadb.utils.embedding_functions.ollama_embedding_function`).",
            why=_STORE_WHY + " The import marks a file the migration edits.",
            example="from chromadb.utils.embedding_functions import OllamaEmbeddingFunction",
            use_instead="an embedding function over the adapter (`model.embed(texts)`)",
            fix_safety="No automatic fix: the store's embedding configuration is rewritten by hand.",
        ),
    ),
    Rule(
        code="SOV474",
        name="vector-store-engine-embedding",
        kind=Kind.CLIENT,
        vendor="vector-store",
        message="`{api}` makes a vector store embed with one engine",
        matchers=(Calls(_STORE_CLIENTS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for chromadb's and pymilvus' engine-bound embedding functions "
            '(`embedding_functions.OllamaEmbeddingFunction(url=..., model_name="nomic-embed-text")`, '
            "`SentenceTransformerEmbeddingFunction(...)`, `TEIEmbeddingFunction(...)`) and weaviate's engine "
            "modules (`Configure.Vectorizer.text2vec_ollama(...)`, `Configure.Generative.ollama(...)`).",
            why=_STORE_WHY,
            example='ef = OllamaEmbeddingFunction(url="http://localhost:11434", model_name="nomic-embed-text")',
            use_instead="an embedding function over the adapter (`model.embed(texts)`)",
        ),
    ),
    Rule(
        code="SOV482",
        name="nemo-guardrails-engine-import",
        kind=Kind.IMPORT,
        vendor="nemo-guardrails",
        message="`{api}` imports a NeMo Guardrails provider bound to one engine",
        matchers=(Imports(_NEMO_PROVIDERS),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of NeMo Guardrails' engine providers: the transformers pipeline wrapper "
            "(`HuggingFacePipelineCompatible`, `AsyncTextIteratorStreamer`) and the TensorRT-LLM/Triton client "
            "(`TRTLLM`), from `nemoguardrails.llm.providers` or `nemoguardrails.integrations.langchain.providers`.",
            why=_NEMO_WHY + " The import marks a file the migration edits.",
            example="from nemoguardrails.llm.providers.huggingface import HuggingFacePipelineCompatible",
            use_instead="an OpenAI-compatible model in the rails config (`engine: openai` with the adapter's base URL)",
            fix_safety="No automatic fix: the rails configuration names the engine.",
        ),
    ),
    Rule(
        code="SOV483",
        name="nemo-guardrails-engine-provider",
        kind=Kind.CLIENT,
        vendor="nemo-guardrails",
        message="`{api}` wraps one inference engine as a NeMo Guardrails model",
        matchers=(Calls(tuple(f"{module}.*" for module in _NEMO_PROVIDERS)),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for NeMo Guardrails' engine providers built in code: `HuggingFacePipelineCompatible("
            "pipeline=pipe)`, `AsyncTextIteratorStreamer(...)`, `TRTLLM(...)`.",
            why=_NEMO_WHY,
            example="llm = HuggingFacePipelineCompatible(pipeline=pipe, model_kwargs={...})",
            use_instead="an OpenAI-compatible model in the rails config (`engine: openai` with the adapter's base URL)",
        ),
    ),
    Rule(
        code="SOV484",
        name="haystack-engine-run",
        kind=Kind.INFERENCE,
        vendor="haystack",
        message="`{api}` generates or embeds with a Haystack component bound to one engine",
        matchers=(
            Calls(
                tuple(
                    f"{component}#{method}"
                    for component in _HAYSTACK_COMPONENTS
                    for method in ("run", "run_async")
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `run(...)` and `run_async(...)` on a Haystack component bound to one engine "
            "(`OllamaChatGenerator(...).run(messages, generation_kwargs=...)`, `LlamaCppChatGenerator`, "
            "`OllamaDocumentEmbedder`...). A `Pipeline`'s `run` is not: the pipeline is neutral.",
            why=_HAYSTACK_WHY + " The call passes that engine's generation options (`generation_kwargs`).",
            example='reply = generator.run(messages, generation_kwargs={"temperature": 0.2})',
            use_instead='OpenAIChatGenerator(api_base_url="http://localhost:8080/v1", model="my-model").run(messages)',
        ),
    ),
)

# Agent frameworks' model classes bound to one engine or open-weight host (docs/scan.md names each package and
# version): AutoGen's `autogen_ext.models.<engine>` clients, Semantic Kernel's `connectors.ai.<engine>` connectors,
# pydantic-ai's `models.<vendor>` models and `providers.<vendor>` providers, smolagents' engine models, Agno's and
# phidata's `models.<vendor>` classes. Each module named is one engine's: every class it exports is a site. The
# frameworks' neutral pieces are not (`Agent`, `Kernel`, `CodeAgent`, OpenAI-compatible clients without an engine's
# base URL, LiteLLM-routed models such as `LiteLLMModel`, CrewAI's `LLM` and DSPy's `LM`, which pick the engine by
# a provider-prefixed model string).
_AGENT_ENGINES = ("ollama", "llama_cpp")
_SK_ENGINES = ("ollama", "hugging_face", "onnx", "nvidia", "bedrock")
_PYDANTIC_AI_MODELS = ("ollama", "groq", "huggingface", "cerebras", "bedrock")
_PYDANTIC_AI_PROVIDERS = (
    *_PYDANTIC_AI_MODELS,
    "together",
    "fireworks",
    "sambanova",
    "nebius",
    "meta",
    "vllm",
    "sentence_transformers",
)
_SMOLAGENTS_MODELS = (
    "TransformersModel",
    "VLLMModel",
    "MLXModel",
    "InferenceClientModel",
    "HfApiModel",
    "AmazonBedrockModel",
    "AmazonBedrockServerModel",
)
_AGNO_MODELS = (
    "ollama",
    "groq",
    "together",
    "fireworks",
    "deepinfra",
    "huggingface",
    "nvidia",
    "cerebras",
    "sambanova",
    "lmstudio",
    "llama_cpp",
    "vllm",
    "meta",
    "ibm",
    "nebius",
    "siliconflow",
)
_AGENT_MODULES = (
    *(f"autogen_ext.models.{engine}" for engine in _AGENT_ENGINES),
    *(f"semantic_kernel.connectors.ai.{engine}" for engine in _SK_ENGINES),
    *(f"pydantic_ai.models.{vendor}" for vendor in _PYDANTIC_AI_MODELS),
    *(f"pydantic_ai.providers.{vendor}" for vendor in _PYDANTIC_AI_PROVIDERS),
    *(f"agno.models.{vendor}" for vendor in _AGNO_MODELS),
    *(f"phi.{kind}.{vendor}" for kind in ("model", "llm") for vendor in _AGNO_MODELS),
)
_AGENT_CLASSES = (
    *(f"smolagents.{name}" for name in _SMOLAGENTS_MODELS),
    *(f"smolagents.models.{name}" for name in _SMOLAGENTS_MODELS),
    *(f"{root}.models.aws.AwsBedrock" for root in ("agno", "phi")),
    *(f"{root}.models.aws.bedrock.AwsBedrock" for root in ("agno", "phi")),
)
_AGENT_CLIENTS = (*(f"{module}.*" for module in _AGENT_MODULES), *_AGENT_CLASSES)
# Generation and embedding calls on those objects (convention 4 of docs/evaluation.md), per framework.
_SK_METHODS = tuple(
    f"get_{streaming}{kind}_content{plural}"
    for streaming in ("", "streaming_")
    for kind in ("chat_message", "text")
    for plural in ("", "s")
)
_AGENT_CALLS = (
    *(f"autogen_ext.models.{e}.*#{m}" for e in _AGENT_ENGINES for m in ("create", "create_stream")),
    *(
        f"semantic_kernel.connectors.ai.{e}.*#{m}"
        for e in _SK_ENGINES
        for m in (*_SK_METHODS, "generate_embeddings", "generate_raw_embeddings")
    ),
    *(f"pydantic_ai.models.{v}.*#{m}" for v in _PYDANTIC_AI_MODELS for m in ("request", "request_stream")),
    *(
        f"{c}#{m}"
        for c in _AGENT_CLASSES
        if c.startswith("smolagents")
        for m in ("__call__", "generate", "generate_stream")
    ),
    *(
        f"{client}#{m}"
        for client in _AGENT_CLIENTS
        if client.startswith(("agno.", "phi."))
        for m in (
            "response",
            "aresponse",
            "response_stream",
            "aresponse_stream",
            "invoke",
            "ainvoke",
            "invoke_stream",
        )
    ),
)
_AGENT_NOT_CLIENTS = ("*.utils.*", "pydantic_ai.*Settings", "pydantic_ai.*ModelName")
_AGENT_WHY = (
    "The agent framework's model class speaks to one engine or host (an Ollama or llama.cpp server, a local "
    "transformers, vLLM, MLX or ONNX model, Groq, Together, NVIDIA, Bedrock...) with that engine's options and "
    "defaults; changing engine means changing class, import and options wherever the agent gets its model."
)

RULES = (
    *RULES,
    Rule(
        code="SOV303",
        name="agent-framework-engine-import",
        kind=Kind.IMPORT,
        vendor="agent-framework",
        message="`{api}` imports an agent framework's model class bound to one engine or provider",
        matchers=(Imports((*_AGENT_MODULES, *_AGENT_CLASSES)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of agent frameworks' engine-bound model modules and classes: AutoGen's "
            "`autogen_ext.models.ollama`/`llama_cpp`, Semantic Kernel's `connectors.ai.ollama`, `hugging_face`, "
            "`onnx`, `nvidia`, `bedrock`, pydantic-ai's `models.groq`, `providers.ollama`..., smolagents' "
            "`TransformersModel`, `VLLMModel`, `MLXModel`, `InferenceClientModel`, Agno's and phidata's "
            "`models.ollama`, `models.groq`...",
            why=_AGENT_WHY + " The import marks a file the migration edits.",
            example="from autogen_ext.models.ollama import OllamaChatCompletionClient",
            use_instead="the framework's OpenAI-compatible client on the adapter's server "
            "(`OpenAIChatCompletionClient(base_url=...)`, `OpenAIProvider(base_url=...)`, `OpenAIServerModel`)",
            fix_safety="Removed by the codemods once no use of the class is left.",
        ),
    ),
    Rule(
        code="SOV304",
        name="agent-framework-engine-model",
        kind=Kind.CLIENT,
        vendor="agent-framework",
        message="`{api}` builds an agent framework's model bound to one engine or provider",
        matchers=(
            Calls(_AGENT_CLIENTS, exclude=_AGENT_NOT_CLIENTS),
            # The engine's model profile a pydantic-ai provider gives (pydantic-ai-slim providers/*.py:
            # `model_profile(model_name)`), handed to the model class it builds.
            Calls(tuple(f"pydantic_ai.providers.{v}.*#model_profile" for v in _PYDANTIC_AI_PROVIDERS)),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for agent frameworks' engine-bound models built in code: "
            '`OllamaChatCompletionClient(model="llama3.1")`, `LlamaCppChatCompletionClient(model_path=...)`, '
            "`OllamaChatCompletion(ai_model_id=...)`, `OnnxGenAIChatCompletion(...)`, `GroqModel(...)`, "
            "`OllamaProvider(base_url=...)` and the model profile it gives (`provider.model_profile(model)`), "
            "`TransformersModel(model_id=...)`, `VLLMModel(...)`, Agno's "
            '`Ollama(id="llama3.1")`...',
            why=_AGENT_WHY,
            example='client = OllamaChatCompletionClient(model="llama3.1", host="http://localhost:11434")',
            use_instead='OpenAIChatCompletionClient(model="my-model", base_url="http://localhost:8080/v1", '
            "model_info=...)",
        ),
    ),
    Rule(
        code="SOV305",
        name="agent-framework-engine-call",
        kind=Kind.INFERENCE,
        vendor="agent-framework",
        message="`{api}` generates or embeds with an agent framework's model bound to one engine",
        matchers=(
            Calls(
                _AGENT_CALLS,
                exclude=_AGENT_NOT_CLIENTS,
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for generation and embedding calls on the models SOV304 finds: AutoGen's `create`/"
            "`create_stream`, Semantic Kernel's `get_chat_message_content(s)`, `get_streaming_*`, "
            "`generate_embeddings`, smolagents' `model(messages)`/`generate`, Agno's `response`/`invoke`. An "
            "agent's own `run` is not: the agent is neutral.",
            why=_AGENT_WHY + " The call passes that engine's options and reads its result shape.",
            example="result = await client.create([UserMessage(content=question, source='user')])",
            use_instead="the same call on the framework's OpenAI-compatible client pointed at the adapter's server",
        ),
    ),
)

# Routers that choose the provider by a prefixed model string or a provider keyword (hosted.ROUTER_ENTRY_POINTS):
# the call is a client of that provider, as `ChatGroq(...)` is; `dspy.LM("openai/gpt-4o")` names no such provider.
_ROUTER_WHY = (
    "The router builds a client of the provider its model string names (`groq/`, `together_ai/`, `ollama_chat/`); "
    "the prefix, the provider's key and its model names move with the migration like any SDK client's."
)
_ROUTERS = tuple(name for name in ROUTER_ENTRY_POINTS if name not in ROUTER_MODEL_SELECTORS)
_ROUTER_TRIGGERS = (
    "dspy",
    "crewai",
    "instructor",
    "init_chat_model",
    "pydantic_ai",
    "any_llm",
    "aisuite",
    "mirascope",
)
RULES = (
    *RULES,
    Rule(
        code="SOV306",
        name="router-hosted-client",
        kind=Kind.CLIENT,
        vendor="hosted",
        message="`{api}` builds a client of a hosted provider named by its model string",
        matchers=(Calls(_ROUTERS, hosts=("hosted",), triggers=_ROUTER_TRIGGERS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for router calls whose provider-prefixed model string or provider keyword names a hosted "
            "open-weight provider (`hosted.ROUTER_PROVIDER_PREFIXES`): `dspy.LM`, CrewAI's `LLM`, instructor's "
            "`from_provider`, LangChain's `init_chat_model` (`model_provider=` too), pydantic-ai's `Agent` and "
            "`infer_model`, any-llm's `completion` (`provider=` too), mirascope's `llm.register_provider` (its "
            "`scope=` or provider id).",
            why=_ROUTER_WHY,
            example='client = instructor.from_provider("groq/llama-3.1-8b-instant")',
            use_instead='model = connect("openai:llama-3.1-8b-instant", base_url="https://api.groq.com/openai/v1")',
            fix_safety="No automatic fix yet: each router passes its own options on.",
        ),
    ),
    Rule(
        code="SOV307",
        name="router-local-client",
        kind=Kind.CLIENT,
        vendor="local-engines",
        message="`{api}` builds a client of a self-hosted engine named by its model string or base URL",
        matchers=(Calls(_ROUTERS, hosts=("local",), triggers=_ROUTER_TRIGGERS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for the router calls SOV306 lists whose model string or provider keyword names an engine "
            "a team runs itself (`ollama/`, `ollama_chat/`, `hosted_vllm/`, `lm_studio/`, `ollama:`), or whose "
            '`api_base=`/`base_url=` is a local server (mirascope\'s `llm.register_provider("openai:completions", '
            'scope="ollama/", base_url="http://localhost:11434/v1")`).',
            why=_ROUTER_WHY,
            example='lm = dspy.LM("ollama_chat/llama3.2", api_base="http://localhost:11434")',
            use_instead='model = connect("ollama:llama3.2")',
            fix_safety="No automatic fix yet: each router passes its own options on.",
        ),
    ),
)

# kani (kani 1.10.0 wheel, kani-ext-vllm 0.3.1 wheel): a tool-calling chat framework with one engine class per backend.
# `kani.engines.huggingface` (HuggingEngine; `.llama2.LlamaEngine`, earlier releases' `.vicuna.VicunaEngine`),
# `kani.engines.llamacpp` (LlamaCppEngine), earlier releases' `kani.engines.ctransformers` and the vLLM extension
# `kani.ext.vllm` (VLLMEngine in-process, VLLMServerEngine and VLLMOpenAIEngine on a managed `vllm serve`). The
# hosted engines (`kani.engines.openai`, `.anthropic`, `.google`) and the `Kani` agent itself are neutral.
KANI_ENGINE_MODULES = (
    "kani.engines.huggingface",
    "kani.engines.llamacpp",
    "kani.engines.ctransformers",
    "kani.ext.vllm",
)
_KANI_PIPELINE = "kani.engines.huggingface*.ChatTemplatePromptPipeline"
_KANI_ENGINES = (
    *(f"{module}*Engine" for module in KANI_ENGINE_MODULES),
    "kani.ext.vllm*.VLLMServer",
)
# The engine's option dicts handed to the engine as they are (`Llama.from_pretrained(**model_load_kwargs)`,
# `AsyncEngineArgs(**model_load_kwargs)`, `vllm serve` flags): HuggingEngine's are transformers' neutral loader options.
_KANI_ENGINE_OPTIONS = tuple(
    f"{module}*Engine" for module in ("kani.engines.llamacpp", "kani.engines.ctransformers", "kani.ext.vllm")
)
# kani.model_specific: one family's output parser (tool-call and reasoning markup) or prompt pipeline, chosen by
# name; `BaseParser`, `BaseToolCallParser` and the family-free `NaiveJSONToolCallParser` are not.
_KANI_FAMILY_FORMATS = ("kani.model_specific.*Parser", "kani.model_specific.*.build_prompt_pipeline")
_KANI_NEUTRAL_FORMATS = ("kani.model_specific*.Base*", "kani.model_specific*.NaiveJSON*")
_KANI_WHY = (
    "kani's engine class loads or serves the model with one engine (transformers, llama-cpp-python, vLLM) and "
    "takes that engine's options; changing engine means changing the class, its import and its options, while "
    "the `Kani` agent built on it stays as it is."
)
RULES = (
    *RULES,
    Rule(
        code="SOV313",
        name="kani-engine-import",
        kind=Kind.IMPORT,
        vendor="agent-framework",
        message="`{api}` imports a kani engine bound to one inference engine",
        matchers=(Imports(KANI_ENGINE_MODULES),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of kani's engine modules that run one engine: `kani.engines.huggingface`, "
            "`kani.engines.llamacpp`, `kani.engines.ctransformers` and the `kani-ext-vllm` package (`kani.ext.vllm`).",
            why=_KANI_WHY + " The import marks a file the migration edits.",
            example="from kani.engines.huggingface import HuggingEngine",
            use_instead="kani's OpenAI engine on the adapter's server "
            '(`OpenAIEngine(api_base="http://localhost:8080/v1", model="my-model")`)',
            fix_safety="Removed by the codemods once no use of the class is left.",
        ),
    ),
    Rule(
        code="SOV314",
        name="kani-engine",
        kind=Kind.CLIENT,
        vendor="agent-framework",
        message="`{api}` builds a kani engine bound to one inference engine",
        matchers=(Calls(_KANI_ENGINES),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for kani engines built in code (and project classes subclassing them): "
            '`HuggingEngine(model_id="Qwen/Qwen3.5-4B")`, `LlamaEngine(...)`, `LlamaCppEngine(repo_id=..., '
            "filename=...)`, `VLLMEngine(...)`, `VLLMServerEngine(...)`, `VLLMOpenAIEngine(...)`.",
            why=_KANI_WHY,
            example='engine = HuggingEngine(model_id="meta-llama/Meta-Llama-3-8B-Instruct")',
            use_instead='engine = OpenAIEngine(api_base="http://localhost:8080/v1", model="my-model")',
        ),
    ),
    Rule(
        code="SOV315",
        name="kani-engine-call",
        kind=Kind.INFERENCE,
        vendor="agent-framework",
        message="`{api}` generates with a kani engine bound to one inference engine",
        matchers=(
            Calls(
                tuple(f"{engine}#{method}" for engine in _KANI_ENGINES for method in ("predict", "stream")),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for generation calls on the engines SOV314 finds (`engine.predict(messages)`, "
            "`engine.stream(messages)`). The `Kani` agent's `chat_round` is not: the agent is neutral.",
            why=_KANI_WHY + " The call reads that engine's completion and token counts.",
            example="completion = await engine.predict(messages)",
            use_instead="the same call on kani's OpenAI engine pointed at the adapter's server",
        ),
    ),
    Rule(
        code="SOV316",
        name="kani-chat-template",
        kind=Kind.TOKENIZER,
        vendor="transformers",
        message="`{api}` formats prompts with a model's own chat template",
        matchers=(Calls((_KANI_PIPELINE, f"{_KANI_PIPELINE}.from_pretrained")),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for kani's `ChatTemplatePromptPipeline` (built on a transformers tokenizer or "
            '`ChatTemplatePromptPipeline.from_pretrained("org/model")`), which renders prompts with the chat '
            "template of one model's tokenizer.",
            why="The pipeline loads the source model's tokenizer and chat template; a target model needs its own.",
            example='pipeline = ChatTemplatePromptPipeline.from_pretrained("deepseek-ai/DeepSeek-R1")',
            use_instead="the adapter's server applies the served model's chat template",
        ),
    ),
    Rule(
        code="SOV317",
        name="kani-engine-options",
        kind=Kind.CONFIG,
        vendor="agent-framework",
        message="`{api}` passes an inference engine's own options through a kani engine",
        matchers=(Keywords(("model_load_kwargs", "vllm_args"), _KANI_ENGINE_OPTIONS),),
        effort_driver="config_site",
        docs=RuleDocs(
            what="Checks for the option dicts kani's llama.cpp, ctransformers and vLLM engines hand to the engine "
            'unchanged: `model_load_kwargs={"n_gpu_layers": -1}` (llama-cpp-python `Llama.from_pretrained`, vLLM '
            "`AsyncEngineArgs`) and `vllm_args=` (`vllm serve` flags).",
            why="The keys are one engine's loader options; another engine names them differently or has none.",
            example='LlamaCppEngine(repo_id=r, filename=f, model_load_kwargs={"n_gpu_layers": -1})',
            use_instead="engine settings in the deployment's server configuration",
        ),
    ),
    Rule(
        code="SOV318",
        name="kani-family-format",
        kind=Kind.PROMPT_FORMAT,
        vendor="any",
        message="`{api}` selects one model family's prompt or output format by name",
        matchers=(
            Calls(_KANI_FAMILY_FORMATS, exclude=_KANI_NEUTRAL_FORMATS),
            Keywords(("chat_template_kwargs",), _KANI_ENGINES),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for kani's family-specific formats chosen by name: the output parsers of "
            "`kani.model_specific` (`MistralToolCallParser(engine)`, `Llama3XToolCallParser`, `GPTOSSParser`, "
            "`DeepSeekR1Parser`, `Qwen3Parser`...), their `build_prompt_pipeline(tokenizer)`, and chat-template "
            'options passed to an engine (`chat_template_kwargs=dict(reasoning_effort="low")` for gpt-oss).',
            why="The parser reads one family's tool-call and reasoning markup, and the template options exist only "
            "in that family's chat template; a model of another family needs its own (convention 22).",
            example="engine = MistralToolCallParser(HuggingEngine(model_id=MODEL))",
            use_instead="tool calls and reasoning parsed by the serving engine (`--tool-call-parser`, "
            "`--reasoning-parser`) and read from the OpenAI-compatible response",
        ),
    ),
)

# mirascope 2.8.2 `llm.Model` (llm/models/models.py): the calls that send a request to the model's provider.
_MIRASCOPE_MODEL_CALLS = tuple(
    f"mirascope.llm{module}.Model#{method}"
    for module in ("", ".models", ".models.models")
    for method in (
        "call",
        "call_async",
        "stream",
        "stream_async",
        "resume",
        "resume_async",
        "resume_stream",
        "resume_stream_async",
        "context_call",
        "context_call_async",
        "context_stream",
        "context_stream_async",
        "context_resume",
        "context_resume_async",
        "context_resume_stream",
        "context_resume_stream_async",
    )
)
RULES = (
    *RULES,
    Rule(
        code="SOV319",
        name="router-model-call",
        kind=Kind.INFERENCE,
        vendor="any",
        message="`{api}` generates with a model a router sends to a self-hosted engine or open-weight host",
        matchers=(Calls(_MIRASCOPE_MODEL_CALLS, hosts=("local", "hosted"), triggers=("mirascope",)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for generation calls on a router's model object whose provider-prefixed id names an engine "
            "a team runs itself or a hosted open-weight provider: mirascope's "
            '`llm.use_model("ollama/llama3.2").call(...)`, `llm.Model("together/...").stream(...)`. The '
            "registration of the provider (`llm.register_provider(..., base_url=local)`) is SOV307.",
            why=_ROUTER_WHY + " The call reads that provider's response (convention 4).",
            example='model = llm.use_model("ollama/gpt-oss:20b")\nresponse = model.call("Recommend a book.")',
            use_instead='model = connect("ollama:gpt-oss:20b")\nresponse = model.chat(messages)',
        ),
    ),
)

# FastChat (fschat 0.2.36 wheel): its conversation templates pick one family's chat format by name
# (fastchat/conversation.py `get_conv_template("mistral")`, fastchat/model/model_adapter.py
# `get_conversation_template(model_path)` by the model's path); `load_model` loads weights with transformers.
_FASTCHAT_TEMPLATES = tuple(
    f"fastchat.{function}"
    for function in (
        "conversation.get_conv_template",
        "model.get_conversation_template",
        "model.model_adapter.get_conversation_template",
        "model.get_conv_template",
    )
)
_FASTCHAT_LOADS = ("fastchat.model.load_model", "fastchat.model.model_adapter.load_model")
_FASTCHAT_WHY = (
    "FastChat renders prompts with a hand-written template per model family and loads models its own way; "
    "a target model of another family needs another template name, and a server applies the model's own."
)
RULES = (
    *RULES,
    Rule(
        code="SOV308",
        name="fastchat-import",
        kind=Kind.IMPORT,
        vendor="fastchat",
        message="`{api}` imports FastChat",
        matchers=(Imports(("fastchat",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of FastChat (`fschat` on PyPI): its conversation templates "
            "(`fastchat.conversation`), model adapters (`fastchat.model`) and servers (`fastchat.serve`).",
            why=_FASTCHAT_WHY + " The import marks a file the migration edits.",
            example="from fastchat.conversation import get_conv_template",
            use_instead="messages sent to `model.chat(...)`; the serving engine applies the chat template",
            fix_safety="Removed by the codemods once no use of the module is left.",
        ),
    ),
    Rule(
        code="SOV309",
        name="fastchat-conversation-template",
        kind=Kind.PROMPT_FORMAT,
        vendor="any",
        message="`{api}` selects one model family's chat format by name",
        matchers=(Calls(_FASTCHAT_TEMPLATES), Calls(_FASTCHAT_LOADS)),
        effort_driver="template_site",
        docs=RuleDocs(
            what='Checks for FastChat\'s conversation templates chosen by name (`get_conv_template("llama-2")`, '
            '`get_conv_template("mistral")`) or by model path (`get_conversation_template(model_path)`), and '
            "models loaded with its adapters (`load_model(model_path, ...)`).",
            why=_FASTCHAT_WHY + " (convention 22).",
            example='conv = get_conv_template("mistral")\nconv.append_message(conv.roles[0], question)',
            use_instead="reply = model.chat(messages)",
        ),
    ),
    Rule(
        code="SOV389",
        name="family-format-dependency",
        kind=Kind.DEPENDENCY,
        vendor="any",
        message="`{api}` is a dependency tied to one model family's formats or one engine's extension",
        matchers=(Dependency(("fschat", "fastchat", "mistral-common", "kani-ext-vllm")),),
        level=Level.NOTE,
        effort_driver="dependency",
        docs=RuleDocs(
            what="Checks dependency manifests for chat-format and tokenizer libraries of one family or framework "
            "extensions bound to one engine: FastChat (`fschat`, declared `fastchat` too), `mistral-common` "
            "(Mistral's tokenizer and request validation, convention 14), `kani-ext-vllm` (kani's vLLM engines).",
            why="The package ties the project to one family's tokenizer and templates, or installs an engine; "
            "the migration removes or replaces it.",
            example='dependencies = ["mistral-common>=1.5"]',
            use_instead="the adapter's dependencies (`sovmigrate[adapter]`)",
        ),
    ),
)
