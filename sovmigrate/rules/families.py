"""SOV450-459: engine clients of smaller families: MLC LLM's first Python API (`mlc_chat.ChatModule`) and DSPy's
engine-bound language-model clients (`dspy.HFClientVLLM`, `dspy.HFClientTGI`, `dspy.OllamaLocal`, `dspy.HFModel`...).

Both tie a program to one engine through a class of their own, with its own parameters and return shapes.
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
)
