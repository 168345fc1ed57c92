"""SOV11x, SOV13x, SOV15x, SOV18x, SOV19x, SOV146-148: more in-process engines, one family each.

TensorRT-LLM, SGLang, LMDeploy, the GPTQ/AWQ quantised-model loaders, sentence-transformers and Optimum. Each family
has an import rule, a rule for the objects that load a model or start an engine, and a rule for the calls
that run it. API surfaces are taken from the registry packages (tensorrt-llm 1.x, sglang 0.5, lmdeploy 0.18,
auto-gptq 0.7, gptqmodel, autoawq, sentence-transformers 3-5).
"""

from __future__ import annotations

from dataclasses import dataclass

from sovmigrate.rules.model import Calls, Imports, Kind, Level, Reads, Rule, RuleDocs

_WHY = (
    "The code is written against one engine's own API, so changing engine or model means editing code. "
    "Behind the neutral adapter the same call runs on llama.cpp, transformers, vLLM, Ollama or any "
    "OpenAI-compatible server, chosen by one configuration string."
)
_NO_FIX = "No automatic fix: parameter names, defaults and result shapes are this engine's own."
_ADAPTER = (
    "from sovmigrate.adapter import connect\n\n"
    'model = connect()  # SOVMIGRATE_MODEL="vllm:Qwen/Qwen2.5-7B-Instruct"\n'
    'print(model.complete("Hello", max_tokens=64).text)'
)


@dataclass(frozen=True)
class _Engine:
    vendor: str
    pretty: str
    modules: tuple[str, ...]
    loads: tuple[str, ...]
    runs: tuple[str, ...]
    load_example: str
    run_example: str
    why: str = ""
    slug: str = ""  # the rules' name prefix when the vendor already names another family's rules


def _family(import_code: str, load_code: str, run_code: str, engine: _Engine) -> tuple[Rule, Rule, Rule]:
    """Import, load and run rules for one engine."""
    why = _WHY + (" " + engine.why if engine.why else "")
    modules = "`, `".join(engine.modules)
    return (
        Rule(
            code=import_code,
            name=f"{engine.slug or engine.vendor}-import",
            kind=Kind.IMPORT,
            vendor=engine.vendor,
            message=f"`{{api}}` imports {engine.pretty}",
            matchers=(Imports(engine.modules),),
            level=Level.NOTE,
            effort_driver="api_surface",
            docs=RuleDocs(
                what=f"Checks for imports of {engine.pretty} (`{modules}`).",
                why=f"Every module that imports {engine.pretty} depends on it directly; the import marks a "
                "file the migration edits and a package the deployment ships.",
                example=f"import {engine.modules[0]}",
                use_instead="from sovmigrate.adapter import connect",
                fix_safety="Removed by the codemods once no use of the module is left.",
            ),
        ),
        Rule(
            code=load_code,
            name=f"{engine.slug or engine.vendor}-model-load",
            kind=Kind.CLIENT,
            vendor=engine.vendor,
            message=f"`{{api}}` loads a model or starts an engine with {engine.pretty}",
            matchers=(Calls(engine.loads),),
            effort_driver="api_surface",
            docs=RuleDocs(
                what=f"Checks for the {engine.pretty} objects that load a model, build an engine or configure it.",
                why=why,
                example=engine.load_example,
                use_instead=_ADAPTER,
                fix_safety=_NO_FIX,
            ),
        ),
        Rule(
            code=run_code,
            name=f"{engine.slug or engine.vendor}-inference",
            kind=Kind.INFERENCE,
            vendor=engine.vendor,
            message=f"`{{api}}` runs inference with {engine.pretty}",
            matchers=(Calls(engine.runs),),
            effort_driver="call_site",
            docs=RuleDocs(
                what=f"Checks for generation, embedding and sampling-parameter calls of {engine.pretty}.",
                why=why,
                example=engine.run_example,
                use_instead=_ADAPTER,
                fix_safety=_NO_FIX,
            ),
        ),
    )


_TRTLLM = _Engine(
    "tensorrt-llm",
    "TensorRT-LLM",
    ("tensorrt_llm",),
    (
        "tensorrt_llm.LLM",
        "tensorrt_llm.llmapi.LLM",
        "tensorrt_llm.llmapi.llm.LLM",
        "tensorrt_llm._torch.LLM",
        "tensorrt_llm.runtime.ModelRunner*",
        "tensorrt_llm.runtime.model_runner*",
        "tensorrt_llm.Builder",
        "tensorrt_llm.build",
        "tensorrt_llm.builder.*",
        "tensorrt_llm.BuildConfig",
        "tensorrt_llm.llmapi.*Config",
        "tensorrt_llm.models.*.from_*",
        # tensorrt-llm 1.x `__all__` (tensorrt_llm/__init__.py): the async LLM, the LLM API's argument and cache
        # objects, the checkpoint auto classes; the LLM's lifecycle and LoRA requests.
        "tensorrt_llm.AsyncLLM",
        "tensorrt_llm.llmapi.AsyncLLM",
        "tensorrt_llm.MultimodalEncoder",
        "tensorrt_llm.KvCacheConfig",
        "tensorrt_llm.*LlmArgs",
        "tensorrt_llm.llmapi.*LlmArgs",
        "tensorrt_llm.llmapi.llm_args.*",
        "tensorrt_llm.AutoModelForCausalLM.*",
        "tensorrt_llm.AutoConfig.*",
        "tensorrt_llm.*LLM#shutdown",
        "tensorrt_llm.*LLM#save",
        "tensorrt_llm.llmapi.LoRARequest",
        "tensorrt_llm.executor.*LoRARequest",
        "tensorrt_llm.executor.GenerationExecutor.create",
        "tensorrt_llm.models.*.quantize",
        "tensorrt_llm.runtime.GenerationSession",
        "tensorrt_llm.runtime.ModelConfig",
    ),
    (
        "tensorrt_llm.*LLM#generate*",
        "tensorrt_llm.runtime.ModelRunner*#generate",
        "tensorrt_llm.runtime.model_runner*#generate",
        "tensorrt_llm.SamplingParams",
        "tensorrt_llm.llmapi.SamplingParams",
        "tensorrt_llm.sampling_params.SamplingParams",
        "tensorrt_llm.llmapi.GuidedDecodingParams",
        "tensorrt_llm.sampling_params.GuidedDecodingParams",
        "tensorrt_llm.runtime.SamplingConfig",
        "tensorrt_llm.runtime.GenerationSession#decode",
    ),
    'from tensorrt_llm import LLM\n\nllm = LLM(model="meta-llama/Llama-3.1-8B-Instruct")',
    "outputs = llm.generate(prompts, SamplingParams(max_tokens=64))\ntext = outputs[0].outputs[0].text",
    "Engines are compiled for one model, one GPU architecture and one TensorRT version.",
)
_SGLANG = _Engine(
    "sglang",
    "SGLang",
    ("sglang",),
    (
        "sglang.Engine",
        "sglang.srt.entrypoints.engine.Engine",
        "sglang.Runtime",
        "sglang.RuntimeEndpoint",
        "sglang.lang.backend.runtime_endpoint.RuntimeEndpoint",
        "sglang.set_default_backend",
        "sglang.ServerArgs",
        "sglang.srt.server_args.ServerArgs",
        "sglang.utils.launch_server_cmd",
        "sglang.utils.wait_for_server",
        "sglang.utils.terminate_process",
        "sglang.utils.execute_shell_command",
        "sglang.srt.entrypoints.http_server.launch_server",
        "sglang.srt.server_args.prepare_server_args",
        "sglang.lang.api.*Runtime",
        "sglang.test.test_utils.popen_launch_server",
        "sglang.test.test_utils.select_sglang_backend",
        "sglang.*Engine#shutdown",
        "sglang.*Runtime#shutdown",
        # sglang 0.5.23 `__all__`: the frontend's backends and server queries; the Engine's control methods.
        "sglang.OpenAI",
        "sglang.Anthropic",
        "sglang.LiteLLM",
        "sglang.VertexAI",
        "sglang.Crusoe",
        "sglang.lang.backend.*",
        "sglang.flush_cache",
        "sglang.get_server_info",
        "sglang.function",
        "sglang.lang.api.function",
        "sglang.*Engine#get_server_info",
        "sglang.*Engine#flush_cache",
        "sglang.*Engine#update_weights*",
        "sglang.*Engine#*lora_adapter",
        "sglang.*Engine#*memory_occupation",
        "sglang.*Engine#*profile",
        "sglang.*Engine#get_model_info",
        "sglang.*Engine#*session",
        "sglang.*Engine#*weight_update*",
        "sglang.*Engine#*weights_update_group",
        "sglang.*Engine#get_weights_by_name",
        "sglang.*Engine#collective_rpc",
        "sglang.*Engine#save_*model",
        "sglang.*Engine#*expert_distribution_record",
        "sglang.*Runtime#get_server_info",
        "sglang.*Runtime#flush_cache",
    ),
    (
        "sglang.*Engine#*generate",
        "sglang.*Engine#*encode",
        "sglang.*Engine#rerank",
        "sglang.gen",
        "sglang.gen_*",
        "sglang.select",
        "sglang.image",
        "sglang.video",
        "sglang.separate_reasoning",
        "sglang.*Runtime#*generate",
        "sglang.*Runtime#encode",
        "sglang.user",
        "sglang.assistant",
        "sglang.system",
        "sglang.user_*",
        "sglang.assistant_*",
        "sglang.system_*",
        "sglang.lang.api.gen*",
        "sglang.lang.ir.SglFunction#run",
        "sglang.lang.ir.SglFunction#run_batch",
        # sglang 0.5 srt/managers/io_struct.py: the engine's own request types, built to call it in-process.
        "sglang.srt.managers.io_struct.*ReqInput",
    ),
    'import sglang as sgl\n\nllm = sgl.Engine(model_path="meta-llama/Llama-3.1-8B-Instruct")',
    'outputs = llm.generate(prompts, {"temperature": 0.8, "max_new_tokens": 64})',
    "SGLang's frontend language (`sgl.gen`, `sgl.user`, programs decorated with `@sgl.function` and run with "
    "`.run`/`.run_batch`) builds prompts in SGLang's own DSL.",
)
_LMDEPLOY = _Engine(
    "lmdeploy",
    "LMDeploy",
    ("lmdeploy",),
    (
        "lmdeploy.pipeline",
        "lmdeploy.api.pipeline",
        "lmdeploy.Pipeline",
        "lmdeploy.serve",
        "lmdeploy.client",
        "lmdeploy.*EngineConfig",
        "lmdeploy.messages.*EngineConfig",
        "lmdeploy.ChatTemplateConfig",
        # lmdeploy 0.18 `__all__` and `Pipeline`'s public methods (lmdeploy/pipeline.py).
        "lmdeploy.VisionConfig",
        "lmdeploy.KVTransferConfig",
        "lmdeploy.messages.VisionConfig",
        "lmdeploy.*Pipeline#close",
        "lmdeploy.pipeline#close",
        # The engines under the pipeline, driven directly (lmdeploy/turbomind/turbomind.py, pytorch/engine/engine.py).
        "lmdeploy.turbomind.TurboMind.from_pretrained",
        "lmdeploy.turbomind.turbomind.TurboMind.from_pretrained",
        "lmdeploy.pytorch.engine.Engine.from_pretrained",
        "lmdeploy.pytorch.engine.engine.Engine.from_pretrained",
        "lmdeploy.turbomind.*TurboMind*#create_instance",
        "lmdeploy.pytorch.engine.*Engine*#create_instance",
        "lmdeploy.model.ChatTemplateConfig",
        "lmdeploy.serve.openai.api_client.APIClient",
        # lmdeploy 0.0.14 wheel, lmdeploy/serve/turbomind/chatbot.py: the legacy Triton-server chatbot.
        "lmdeploy.serve.turbomind.chatbot.Chatbot",
    ),
    (
        "lmdeploy.*Pipeline#__call__",
        "lmdeploy.pipeline#__call__",
        "lmdeploy.*Pipeline#*infer",
        "lmdeploy.*Pipeline#chat",
        "lmdeploy.*Pipeline#get_ppl",
        "lmdeploy.*Pipeline#get_reward_score",
        "lmdeploy.*Pipeline#generate",
        "lmdeploy.pipeline#*infer",
        "lmdeploy.pipeline#chat",
        "lmdeploy.pipeline#generate",
        "lmdeploy.pipeline#get_ppl",
        "lmdeploy.pipeline#get_reward_score",
        "lmdeploy.GenerationConfig",
        "lmdeploy.messages.GenerationConfig",
        "lmdeploy.serve.openai.api_client.APIClient#*",
        # The legacy chatbot's calls (public and the private `_stream_infer`/`_stop_words` wrappers drive) and its
        # `Session` (a session object is a request, dev11's call).
        *(
            f"lmdeploy.serve.turbomind.chatbot.Chatbot#{method}"
            for method in (
                "stream_infer",
                "_stream_infer",
                "infer",
                "end",
                "cancel",
                "resume",
                "reset_session",
            )
        ),
        "lmdeploy.serve.turbomind.chatbot.Session",
    ),
    'from lmdeploy import pipeline, TurbomindEngineConfig\n\npipe = pipeline("internlm/internlm2_5-7b-chat", backend_config=TurbomindEngineConfig())',
    'response = pipe(["Hi, pls intro yourself"], gen_config=GenerationConfig(max_new_tokens=64))',
)
# llama-cpp-server-py-core 0.1.4 (llama_cpp_server_py_core/__init__.py, utils.py, api_models.py): a binding that
# starts llama.cpp's `llama-server` and calls it; `llama-cpp-server-py` only depends on it. Vendor: llama.cpp.
_LLAMA_CPP_SERVER = _Engine(
    "llama-cpp-python",
    "the llama.cpp server binding (llama-cpp-server-py)",
    ("llama_cpp_server_py_core", "llama_cpp_server_py"),
    (
        "llama_cpp_server_py_core.LlamaCppServer",
        "llama_cpp_server_py_core.ServerConfig",
        "llama_cpp_server_py_core.ServerProcess",
        "llama_cpp_server_py_core.utils.ServerConfig",
        "llama_cpp_server_py_core.utils.ServerProcess",
        "llama_cpp_server_py_core.*ServerProcess#start",
        "llama_cpp_server_py_core.*ServerProcess#stop",
        "llama_cpp_server_py_core.LlamaCppServer#health",
        "llama_cpp_server_py_core.LlamaCppServer#props",
        "llama_cpp_server_py_core.LlamaCppServer#models",
        "llama_cpp_server_py_core.LlamaCppServer#slots",
        "llama_cpp_server_py_core.get_server_binary_path",
    ),
    (
        "llama_cpp_server_py_core.LlamaCppServer#completion",
        "llama_cpp_server_py_core.LlamaCppServer#stream_completion",
        "llama_cpp_server_py_core.LlamaCppServer#chat_completion",
        "llama_cpp_server_py_core.LlamaCppServer#stream_chat_completion",
        "llama_cpp_server_py_core.CompletionRequest",
        "llama_cpp_server_py_core.ChatCompletionRequest",
        "llama_cpp_server_py_core.api_models.CompletionRequest",
        "llama_cpp_server_py_core.api_models.ChatCompletionRequest",
    ),
    "from llama_cpp_server_py_core import LlamaCppServer, ServerConfig, ServerProcess\n\n"
    "server = LlamaCppServer(ServerProcess(config), config)",
    "for chunk in server.stream_chat_completion(ChatCompletionRequest(messages=msgs)): ...",
    "The binding ships its own `llama-server` build and speaks its native request types.",
    slug="llama-cpp-server-py",
)
# petals 2.2.0 (petals/__init__.py, utils/auto_config.py, models/*/model.py, client/remote_generation.py): a model
# run across a swarm of peers; its swarm library `hivemind` is imported as Petals (dev11's call).
_PETALS = _Engine(
    "petals",
    "Petals",
    ("petals", "hivemind"),
    (
        "petals.AutoDistributed*.from_pretrained",
        "petals.Distributed*.from_pretrained",
        "petals.utils.auto_config.AutoDistributed*.from_pretrained",
        "petals.models.*.Distributed*.from_pretrained",
    ),
    (
        "petals.AutoDistributed*#generate",
        "petals.Distributed*#generate",
        "petals.AutoDistributed*#inference_session",
        "petals.Distributed*#inference_session",
        "petals.AutoDistributed*#__call__",
        "petals.Distributed*#__call__",
    ),
    'model = AutoDistributedModelForCausalLM.from_pretrained("petals-team/StableBeluga2")',
    "with model.inference_session(max_length=512) as sess: outputs = model.generate(inputs, session=sess)",
    "The model runs on a public or private swarm of peers, not on a server the project controls.",
)
# lm-eval 0.4.13 (lm_eval/models/*.py, `@register_model`): the evaluation harness's wrappers that build one engine
# in-process. Importing or building one is an `import`/`client` site of the wrapped engine (dev10's call); the
# harness's neutral calls (`simple_evaluate`, task lists) are not.
_HARNESS_WRAPPERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "vllm": (
        ("lm_eval.models.vllm_causallms", "lm_eval.models.vllm_vlms"),
        ("lm_eval.models.vllm_causallms.VLLM", "lm_eval.models.vllm_vlms.VLLM_VLM"),
    ),
    "transformers": (
        ("lm_eval.models.huggingface", "lm_eval.models.hf_vlms", "lm_eval.models.mistral3"),
        (
            "lm_eval.models.huggingface.HFLM",
            "lm_eval.models.hf_vlms.HFMultimodalLM",
            "lm_eval.models.mistral3.Mistral3LM",
        ),
    ),
    "sglang": (("lm_eval.models.sglang_causallms",), ("lm_eval.models.sglang_causallms.SGLangLM",)),
}


def _harness(import_code: str, client_code: str, vendor: str) -> tuple[Rule, Rule]:
    """Import and build rules for an evaluation harness's wrapper of one engine."""
    modules, classes = _HARNESS_WRAPPERS[vendor]
    docs = RuleDocs(
        what=f"Checks for lm-eval's wrappers of {vendor} (`{'`, `'.join(classes)}`), imported or built.",
        why=_WHY + " The harness builds the engine itself from its own arguments (`pretrained=`, "
        "`tensor_parallel_size=`...), so the evaluation runs on that one engine.",
        example=f"from {modules[0]} import {classes[0].rsplit('.', 1)[1]}",
        use_instead='lm_eval.simple_evaluate(model="local-completions", model_args="base_url=...")',
        fix_safety=_NO_FIX,
    )
    return (
        Rule(
            code=import_code,
            name=f"lm-eval-{vendor}-import",
            kind=Kind.IMPORT,
            vendor=vendor,
            message=f"`{{api}}` imports lm-eval's {vendor} wrapper",
            matchers=(Imports(modules),),
            level=Level.NOTE,
            effort_driver="api_surface",
            docs=docs,
        ),
        Rule(
            code=client_code,
            name=f"lm-eval-{vendor}-model",
            kind=Kind.CLIENT,
            vendor=vendor,
            message=f"`{{api}}` builds {vendor} through lm-eval's wrapper",
            matchers=(Calls(classes),),
            effort_driver="api_surface",
            docs=docs,
        ),
    )


_QUANTISED = _Engine(
    "gptq-awq",
    "the AutoGPTQ, GPTQModel or AutoAWQ quantised-model loaders",
    ("auto_gptq", "gptqmodel", "awq.AutoAWQForCausalLM"),
    (
        "auto_gptq.AutoGPTQForCausalLM.*",
        "auto_gptq.BaseQuantizeConfig",
        "auto_gptq.modeling.*",
        "gptqmodel.GPTQModel.*",
        "gptqmodel.QuantizeConfig",
        "awq.AutoAWQForCausalLM.*",
        "auto_gptq.AutoGPTQForCausalLM#quantize",
        "auto_gptq.AutoGPTQForCausalLM#save_quantized",
        "gptqmodel.GPTQModel#quantize",
        "gptqmodel.GPTQModel#save*",
        "awq.AutoAWQForCausalLM#quantize",
        "awq.AutoAWQForCausalLM#save_quantized",
    ),
    (
        "auto_gptq.AutoGPTQForCausalLM#generate",
        "auto_gptq.AutoGPTQForCausalLM#__call__",
        "gptqmodel.GPTQModel#generate",
        "awq.AutoAWQForCausalLM#generate",
    ),
    'model = AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-7B-GPTQ", device="cuda:0")',
    "ids = model.generate(**tok(prompt, return_tensors='pt').to(model.device), max_new_tokens=64)",
    "GPTQ and AWQ weights are quantised for one model; a new model needs its own quantised weights.",
)
_SENTENCE = _Engine(
    "sentence-transformers",
    "sentence-transformers",
    ("sentence_transformers",),
    (
        "sentence_transformers.SentenceTransformer",
        "sentence_transformers.CrossEncoder",
        "sentence_transformers.SparseEncoder",
        "sentence_transformers.cross_encoder.CrossEncoder",
        # The multi-process pool starts the model in worker processes (`model.start_multi_process_pool()`).
        "sentence_transformers.*#start_multi_process_pool",
        "sentence_transformers.*#stop_multi_process_pool",
        "sentence_transformers.SentenceTransformer.stop_multi_process_pool",
    ),
    (
        "sentence_transformers.*#encode*",
        "sentence_transformers.*#predict",
        "sentence_transformers.*#rank",
        "sentence_transformers.*#similarity*",
        # The model's own properties (its vector size, its sequence limit).
        "sentence_transformers.*#get_sentence_embedding_dimension",
        "sentence_transformers.*#get_embedding_dimension",
        "sentence_transformers.*#get_max_seq_length",
    ),
    'from sentence_transformers import SentenceTransformer\n\nembedder = SentenceTransformer("all-MiniLM-L6-v2")',
    "vectors = embedder.encode(texts, normalize_embeddings=True)",
    "Embeddings belong to the model that made them: a new model means re-embedding every stored vector.",
)
_OPTIMUM = _Engine(
    "optimum",
    "Hugging Face Optimum",
    ("optimum.onnxruntime", "optimum.intel", "optimum.habana", "optimum.neuron", "optimum.exporters"),
    (
        "optimum.onnxruntime.ORTModel*",
        "optimum.onnxruntime.modeling_*.ORTModel*",
        "optimum.intel.OVModel*",
        "optimum.intel.openvino.OVModel*",
        "optimum.intel.IPEXModel*",
        "optimum.habana.*",
        "optimum.neuron.NeuronModel*",
        "optimum.exporters.*.main_export",
        "optimum.onnxruntime.ORTQuantizer*",
        # optimum-intel 2.2: OpenVINO quantisation configs and quantizer; onnxruntime's optimizer.
        "optimum.intel.OV*Config",
        "optimum.intel.openvino.OV*Config",
        "optimum.intel.OVQuantizer*",
        "optimum.intel.openvino.OVQuantizer*",
        "optimum.onnxruntime.ORTOptimizer*",
    ),
    (
        "optimum.onnxruntime.ORTModel*#generate",
        "optimum.onnxruntime.ORTModel*#__call__",
        "optimum.intel.OVModel*#generate",
        "optimum.intel.openvino.OVModel*#generate",
        "optimum.intel.IPEXModel*#generate",
        "optimum.neuron.NeuronModel*#generate",
    ),
    'from optimum.onnxruntime import ORTModelForCausalLM\n\nmodel = ORTModelForCausalLM.from_pretrained("gpt2", export=True)',
    "ids = model.generate(**tok(prompt, return_tensors='pt'), max_new_tokens=64)",
    "The model is exported for one runtime and one architecture; a new model is exported again.",
)

RULES: tuple[Rule, ...] = (
    *_family("SOV110", "SOV111", "SOV112", _TRTLLM),
    *_family("SOV130", "SOV131", "SOV132", _SGLANG),
    Rule(
        code="SOV133",
        name="sglang-engine-internals",
        kind=Kind.CLIENT,
        vendor="sglang",
        message="`{api}` reaches into SGLang's engine",
        matchers=(Reads(("sglang.Engine#tokenizer_manager", "sglang.Engine#server_args")),),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for reads of an SGLang engine's internals (`engine.tokenizer_manager.tokenizer`, "
            "`engine.tokenizer_manager.context_len`, `engine.server_args`); once per function.",
            why=_WHY + " The tokenizer manager and server arguments are SGLang's own objects: the tokenizer "
            "and context length they give belong to the loaded model.",
            example="tokenizer = engine.tokenizer_manager.tokenizer",
            use_instead="n = model.count_tokens(text)  # the adapter counts with the target model's tokenizer",
        ),
    ),
    *_family("SOV150", "SOV151", "SOV152", _LMDEPLOY),
    *_family("SOV153", "SOV154", "SOV155", _LLAMA_CPP_SERVER),
    *_family("SOV156", "SOV157", "SOV158", _PETALS),
    *_harness("SOV164", "SOV165", "vllm"),
    *_harness("SOV166", "SOV167", "transformers"),
    *_harness("SOV168", "SOV169", "sglang"),
    *_family("SOV180", "SOV181", "SOV182", _QUANTISED),
    *_family("SOV146", "SOV147", "SOV148", _SENTENCE),
    *_family("SOV190", "SOV191", "SOV192", _OPTIMUM),
)
