"""SOV450-459: engine clients of smaller families: MLC LLM's first Python API (`mlc_chat.ChatModule`), DSPy's
engine-bound language-model clients (`dspy.HFClientVLLM`, `dspy.HFClientTGI`, `dspy.OllamaLocal`, `dspy.HFModel`...)
the LM Studio SDK (`lmstudio.llm(...)`, `model.respond(...)`), the request, response and error types of
huggingface_hub's inference client (`ChatCompletionInputStreamOptions`, `TextGenerationInputGenerateParameters`),
Xinference's client (`client.launch_model(...)`, `client.get_model(uid).chat(...)`) and CTranslate2's generator.

Each ties a program to one engine through classes of its own, with their own parameters and return shapes.
"""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Imports, Kind, Level, Rule, RuleDocs

_NO_FIX = "No automatic fix: the class has no call shape the adapter's codemods rewrite."
# MLC LLM before MLCEngine: the `mlc_chat` package (and `mlc_llm` releases that kept its ChatModule).
_MLC_CHAT = (
    "mlc_chat.ChatModule",
    "mlc_chat.*.ChatModule",
    "mlc_llm.ChatModule",
    "mlc_llm.chat_module.ChatModule",
)
_MLC_WHY = (
    "`ChatModule` loads MLC-compiled weights and a model library built for one device; the model, its library "
    "and its conversation template are tied to MLC."
)
# DSPy 2.4's clients of self-hosted engines and Llama hosts (`dspy.X` aliases of `dsp.modules.*` classes).
_DSPY_ENGINE_CLIENTS = (
    "HFClientTGI",
    "HFServerTGI",
    "HFClientVLLM",
    "HFClientSGLang",
    "ChatModuleClient",
    "HFModel",
    "OllamaLocal",
    "LlamaCpp",
    "TensorRTModel",
    "Together",
    "Anyscale",
    "GROQ",
    "GroqLM",
    "Watsonx",
    "AWSMeta",
)
# `HFModel` is also the base class of DSPy's own HTTP clients: only its public alias (`dspy.HFModel`) counts.
_DSPY_CLIENTS = (
    *(f"dspy.{name}" for name in _DSPY_ENGINE_CLIENTS),
    *(
        f"{root}.{name}"
        for root in ("dsp", "dsp.modules", "dsp.modules.*")
        for name in _DSPY_ENGINE_CLIENTS
        if name != "HFModel"
    ),
)
_DSPY_WHY = (
    "DSPy's engine clients speak one server's native protocol (TGI's `/generate`, vLLM's and SGLang's routes, "
    "Ollama's `/api/generate`) or load a transformers model in-process, each with its own parameters."
)
# The LM Studio SDK talks to the LM Studio app over its own websocket API: handles to models the app loads.
_LMS_WHY = (
    "The LM Studio SDK speaks LM Studio's own websocket protocol, not the OpenAI-compatible API the app also serves; "
    "its model handles, chat objects and prediction configs exist only there."
)
_LMS_CLIENTS = (
    "lmstudio.Client",
    "lmstudio.AsyncClient",
    "lmstudio.llm",
    "lmstudio.embedding_model",
    "lmstudio.get_default_client",
    "lmstudio.configure_default_client",
    "lmstudio.*Client#llm.*",
    "lmstudio.*Client#embedding.*",
)
_LMS_MODELS = ("lmstudio.LLM", "lmstudio.AsyncLLM", "lmstudio.EmbeddingModel", "lmstudio.AsyncEmbeddingModel")
_LMS_CALLS = ("respond*", "complete*", "act", "embed", "tokenize", "count_tokens", "apply_prompt_template")
# Xinference: a model server that launches models on an engine it picks (llama.cpp, vLLM, SGLang, transformers...)
# and hands out model handles; `xinference.client.Client` in the server package, `RESTfulClient` in the client-only one.
_XINFERENCE_CLIENTS = (
    "xinference.client.Client",
    "xinference.client.RESTfulClient",
    "xinference.client.AsyncClient",
    "xinference.client.AsyncRESTfulClient",
    "xinference.client.restful.*Client",
    "xinference_client.RESTfulClient",
    "xinference_client.AsyncRESTfulClient",
    "xinference_client.client.restful.*Client",
)
_XINFERENCE_HANDLE = "xinference.client.ModelHandle"
_XINFERENCE_WHY = (
    "Xinference launches each model on an engine it chooses from the request (`model_engine=`, `model_format=`, "
    "`quantization=`) and serves it behind its own model uids and handles."
)
# CTranslate2: converted weights (`ct2-transformers-converter`) run by its own C++ generator.
_CT2_WHY = (
    "CTranslate2 runs weights converted to its own format with its own tokens-in, tokens-out API: prompts are "
    "token strings from the model's tokenizer, results are token lists."
)
_CT2_GENERATE = (
    "generate_batch",
    "generate_tokens",
    "generate_iterable",
    "async_generate_tokens",
    "score_batch",
    "score_iterable",
    "forward_batch",
)

# What the SDK's accessors return, so that calls on the result resolve (vocabulary.RETURN_TYPES).
RETURN_TYPES: dict[str, str] = {
    **{f"{client}#get_model": _XINFERENCE_HANDLE for client in _XINFERENCE_CLIENTS if "*" not in client},
    "lmstudio.llm": "lmstudio.LLM",
    "lmstudio.embedding_model": "lmstudio.EmbeddingModel",
    "lmstudio.get_default_client": "lmstudio.Client",
    "lmstudio.Client#llm.model": "lmstudio.LLM",
    "lmstudio.Client#llm.load_new_instance": "lmstudio.LLM",
    "lmstudio.Client#embedding.model": "lmstudio.EmbeddingModel",
    "lmstudio.AsyncClient#llm.model": "lmstudio.AsyncLLM",
    "lmstudio.AsyncClient#embedding.model": "lmstudio.AsyncEmbeddingModel",
}
# huggingface_hub's inference types (generated from the Inference API specs) and the client's own timeout error.
_HF_TASKS = ("ChatCompletion", "TextGeneration", "FeatureExtraction")
_HF_TYPES = (
    *(f"huggingface_hub.{task}*" for task in _HF_TASKS),
    *(f"huggingface_hub.inference._generated.types.*.{task}*" for task in _HF_TASKS),
)
_HF_WHY = (
    "These pydantic-like types are the Hugging Face Inference API's wire format (TGI's `parameters`, `grammar`, "
    "`details`; its stream options and outputs); OpenAI-shaped requests and replies are plain dicts with other "
    "fields."
)

# Calls whose first positional argument is a model (vocabulary.MODEL_POSITIONS).
MODEL_POSITIONS: tuple[tuple[str, int], ...] = (
    ("lmstudio.llm", 0),
    ("lmstudio.embedding_model", 0),
    ("lmstudio.*Client#llm.model", 0),
    ("lmstudio.*Client#llm.load_new_instance", 0),
    ("lmstudio.*Client#embedding.model", 0),
    ("mlc_chat.ChatModule", 0),
    ("ctranslate2.Generator", 0),
    ("ctranslate2.converters.*Converter", 0),
)

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV450",
        name="mlc-chat-import",
        kind=Kind.IMPORT,
        vendor="mlc-llm",
        message="`{api}` imports MLC LLM's ChatModule API",
        matchers=(Imports(("mlc_chat",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of `mlc_chat`, MLC LLM's Python package before `mlc_llm.MLCEngine`.",
            why=_MLC_WHY + " The import marks a file the migration rewrites.",
            example="from mlc_chat import ChatConfig, ChatModule",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV451",
        name="mlc-chat-module",
        kind=Kind.CLIENT,
        vendor="mlc-llm",
        message="`{api}` loads a model with MLC LLM's ChatModule",
        matchers=(Calls(_MLC_CHAT),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for `ChatModule(model=..., model_lib_path=...)` from `mlc_chat` (and `mlc_llm`'s copy).",
            why=_MLC_WHY,
            example='cm = ChatModule(model="Llama-2-7b-chat-hf-q4f16_1", model_lib_path=lib)',
            use_instead='model = connect("openai:Llama-2-7b-chat-hf-q4f16_1", base_url="http://127.0.0.1:8000/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV452",
        name="mlc-chat-generate",
        kind=Kind.INFERENCE,
        vendor="mlc-llm",
        message="`{api}` generates with MLC LLM's ChatModule",
        matchers=(
            Calls(
                tuple(f"{cls}#{method}" for cls in _MLC_CHAT for method in ("generate", "benchmark_generate"))
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `generate(...)` and `benchmark_generate(...)` on a `ChatModule`.",
            why="The call keeps the conversation inside the module (`reset_chat()` clears it) and streams through "
            "MLC's callback objects.",
            example='text = cm.generate(prompt="What is the meaning of life?")',
            use_instead='text = model.complete("What is the meaning of life?").text',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV453",
        name="dspy-engine-client",
        kind=Kind.CLIENT,
        vendor="dspy",
        message="`{api}` builds a DSPy language model bound to one engine",
        matchers=(Calls(_DSPY_CLIENTS, triggers=("dspy", "import dsp", "from dsp")),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for DSPy's engine clients: `dspy.HFClientTGI`, `HFServerTGI`, `HFClientVLLM`, "
            "`HFClientSGLang`, `ChatModuleClient` (MLC), `HFModel` (transformers in-process), `OllamaLocal`, "
            "`LlamaCpp`, `TensorRTModel`, `Together`, `Anyscale`, `GROQ`, `Watsonx` and `AWSMeta`.",
            why=_DSPY_WHY,
            example='lm = dspy.HFClientVLLM(model="meta-llama/Llama-2-7b-hf", port=8080, url="http://localhost")',
            use_instead='lm = dspy.LM("openai/meta-llama/Llama-2-7b-hf", api_base="http://localhost:8080/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV454",
        name="dspy-engine-request",
        kind=Kind.INFERENCE,
        vendor="dspy",
        message="`{api}` sends a request through a DSPy engine client",
        matchers=(
            Calls(
                tuple(
                    f"{client}#{method}"
                    for client in _DSPY_CLIENTS
                    for method in ("__call__", "basic_request", "request", "_generate")
                ),
                triggers=("dspy", "import dsp", "from dsp"),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for calls of a DSPy engine client: `lm(prompt)`, `lm.basic_request(...)`, `lm.request(...)`.",
            why=_DSPY_WHY + " Their completions come back as lists of strings shaped by each client.",
            example='answers = lm("What is the capital of France?")',
            use_instead='answers = [model.complete("What is the capital of France?").text]',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV455",
        name="lmstudio-import",
        kind=Kind.IMPORT,
        vendor="lmstudio",
        message="`{api}` imports the LM Studio SDK",
        matchers=(Imports(("lmstudio",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of the LM Studio SDK (`import lmstudio as lms`).",
            why=_LMS_WHY + " The import marks a file the migration rewrites.",
            example="import lmstudio as lms",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV456",
        name="lmstudio-client",
        kind=Kind.CLIENT,
        vendor="lmstudio",
        message="`{api}` connects to LM Studio through its SDK",
        matchers=(Calls(_LMS_CLIENTS),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what='Checks for LM Studio SDK clients and model handles: `lms.Client(...)`, `lms.llm("model")`, '
            "`lms.embedding_model(...)`, `client.llm.model(...)`, `client.llm.load_new_instance(...)`.",
            why=_LMS_WHY,
            example='model = lms.llm("qwen2.5-7b-instruct")',
            use_instead='model = connect("openai:qwen2.5-7b-instruct", base_url="http://localhost:1234/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV457",
        name="lmstudio-predict",
        kind=Kind.INFERENCE,
        vendor="lmstudio",
        message="`{api}` predicts with an LM Studio model handle",
        matchers=(Calls(tuple(f"{cls}#{method}" for cls in _LMS_MODELS for method in _LMS_CALLS)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `respond`, `respond_stream`, `complete`, `complete_stream`, `act`, `embed`, "
            "`tokenize` and `count_tokens` on an LM Studio model handle.",
            why=_LMS_WHY + " Results are `PredictionResult` objects with LM Studio's own stats.",
            example='result = model.respond("What is the meaning of life?")',
            use_instead='result = model.chat([{"role": "user", "content": "What is the meaning of life?"}])',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV459",
        name="huggingface-inference-types-import",
        kind=Kind.IMPORT,
        vendor="huggingface-hub",
        message="`{api}` imports a type of Hugging Face's inference client",
        matchers=(
            Imports(
                (
                    *_HF_TYPES,
                    "huggingface_hub.InferenceTimeoutError",
                    "huggingface_hub.errors.InferenceTimeoutError",
                    "huggingface_hub.inference._generated.types",
                )
            ),
        ),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of huggingface_hub's chat-completion, text-generation and feature-extraction "
            "types (`ChatCompletionInputStreamOptions`, `TextGenerationOutput`...) and of `InferenceTimeoutError`.",
            why=_HF_WHY + " The import marks a file the migration edits.",
            example="from huggingface_hub import ChatCompletionOutput, InferenceTimeoutError",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV460",
        name="huggingface-inference-request-types",
        kind=Kind.INFERENCE,
        vendor="huggingface-hub",
        message="`{api}` builds a request object of Hugging Face's inference client",
        matchers=(Calls(tuple(f"{pattern}Input*" for pattern in _HF_TYPES)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for huggingface_hub's request types built by hand: `ChatCompletionInputStreamOptions(...)`, "
            "`TextGenerationInputGenerateParameters(...)`, `TextGenerationInputGrammarType(...)`.",
            why=_HF_WHY,
            example="options = ChatCompletionInputStreamOptions(include_usage=True)",
            use_instead='stream_options = {"include_usage": True}',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV479",
        name="tgi-request-types",
        kind=Kind.INFERENCE,
        vendor="tgi",
        message="`{api}` builds a request object of the TGI client",
        matchers=(
            # The chat and grammar types a caller builds (the client builds `Parameters`/`Request` itself).
            Calls(
                tuple(
                    f"text_generation.types.{name}"
                    for name in ("Message", "Grammar", "Tool", "ToolCall", "Function")
                )
            ),
            Calls(("tgi.types.*",), triggers=("import tgi", "from tgi")),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for the TGI client's request types built by hand (`text_generation.types.Message`, "
            "`Grammar`, `Tool`, and every type of the newer `tgi` package's `tgi.types`).",
            why="The types are TGI's wire format (`inputs`/`parameters`, `max_new_tokens`, TGI's grammar types); "
            "an OpenAI-compatible request has other fields.",
            example='messages = [Message(role="user", content=prompt)]',
            use_instead='messages = [{"role": "user", "content": prompt}]',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV462",
        name="xinference-import",
        kind=Kind.IMPORT,
        vendor="xinference",
        message="`{api}` imports the Xinference client",
        matchers=(Imports(("xinference", "xinference_client")),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of Xinference (`from xinference.client import Client`, `xinference_client`).",
            why=_XINFERENCE_WHY + " The import marks a file the migration rewrites.",
            example="from xinference.client import Client",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV463",
        name="xinference-client",
        kind=Kind.CLIENT,
        vendor="xinference",
        message="`{api}` manages models on an Xinference server",
        matchers=(
            Calls(
                (
                    *_XINFERENCE_CLIENTS,
                    *(
                        f"{client}#{method}"
                        for client in _XINFERENCE_CLIENTS
                        for method in (
                            "launch_model",
                            "get_model",
                            "terminate_model",
                            "register_model",
                            "reload_model",
                        )
                    ),
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Xinference clients and their model management: `Client(url)`, `client.launch_model(...)`, "
            "`client.get_model(uid)`, `terminate_model`, `register_model`, `reload_model`.",
            why=_XINFERENCE_WHY,
            example='uid = client.launch_model(model_name="llama-3-instruct", model_engine="llama.cpp", model_format="ggufv2")',
            use_instead='model = connect("openai:llama-3-instruct", base_url="http://localhost:9997/v1")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV464",
        name="xinference-model-call",
        kind=Kind.INFERENCE,
        vendor="xinference",
        message="`{api}` runs inference through an Xinference model handle",
        matchers=(
            Calls(
                tuple(
                    f"{_XINFERENCE_HANDLE}#{method}"
                    for method in ("chat", "generate", "create_embedding", "rerank")
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `chat`, `generate`, `create_embedding` and `rerank` on a handle from `client.get_model(uid)`.",
            why=_XINFERENCE_WHY
            + " Handles take Xinference's `generate_config` dict instead of sampling arguments.",
            example='reply = model.chat(messages=msgs, generate_config={"max_tokens": 256})',
            use_instead="reply = model.chat(msgs, max_tokens=256)",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV465",
        name="ctranslate2-import",
        kind=Kind.IMPORT,
        vendor="ctranslate2",
        message="`{api}` imports CTranslate2",
        matchers=(Imports(("ctranslate2",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of CTranslate2 (`import ctranslate2`).",
            why=_CT2_WHY + " The import marks a file the migration rewrites.",
            example="import ctranslate2",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV466",
        name="ctranslate2-generator",
        kind=Kind.CLIENT,
        vendor="ctranslate2",
        message="`{api}` loads a model with CTranslate2",
        matchers=(
            Calls(
                (
                    "ctranslate2.Generator",
                    "ctranslate2.converters.*Converter",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for `ctranslate2.Generator(model_dir, device=...)` and the converters that produce its "
            "weights (`TransformersConverter(...).convert(...)`).",
            why=_CT2_WHY,
            example='generator = ctranslate2.Generator("llama-2-7b-chat-ct2", device="cuda")',
            use_instead='model = connect("transformers:meta-llama/Llama-2-7b-chat-hf")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV467",
        name="ctranslate2-generate",
        kind=Kind.INFERENCE,
        vendor="ctranslate2",
        message="`{api}` generates with CTranslate2",
        matchers=(Calls(tuple(f"ctranslate2.Generator#{method}" for method in _CT2_GENERATE)),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `generate_batch`, `generate_tokens`, `generate_iterable`, `score_batch` and "
            "`forward_batch` on a CTranslate2 generator.",
            why=_CT2_WHY,
            example="results = generator.generate_batch([tokens], max_length=256, sampling_topk=10)",
            use_instead="reply = model.complete(prompt, max_tokens=256)",
            fix_safety=_NO_FIX,
        ),
    ),
)
