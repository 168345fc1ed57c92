"""SOV1xx: in-process inference engines (llama-cpp-python, vLLM, transformers and smaller engines)."""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Fix, FixSafety, Imports, Kind, Level, Reads, Rule, RuleDocs

_ADAPTER_CHAT = (
    "from sovmigrate.adapter import connect\n\n"
    'model = connect()  # SOVMIGRATE_MODEL="llamacpp:models/qwen2.5-7b-instruct-q4_k_m.gguf"\n'
    'reply = model.chat([{"role": "user", "content": "Hi"}], max_tokens=256)\n'
    "print(reply.text)"
)
_ADAPTER_COMPLETE = (
    "from sovmigrate.adapter import connect\n\n"
    "model = connect()\n"
    'out = model.complete("Q: Name the planets. A:", max_tokens=32, stop=["Q:"])\n'
    "print(out.text)"
)
_WHY_ENGINE = (
    "The call is written against one engine's own API, so changing engine or model means editing "
    "code. Behind the neutral adapter the same call runs on llama.cpp, transformers, vLLM, Ollama or "
    "any OpenAI-compatible server, chosen by one configuration string."
)
_NO_FIX = (
    "No automatic fix yet. The port is mechanical but changes silent defaults (max tokens, "
    "temperature, stop tokens), so it will be an unsafe fix when the codemod lands."
)

# Fix examples of the vLLM and transformers rules (tests/rewrite/test_catalog_codemods.py runs the codemods on them).
_VLLM_BEFORE = (
    "from vllm import LLM, SamplingParams\n"
    "\n"
    'llm = LLM(model="Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")\n'
    "params = SamplingParams(temperature=0, max_tokens=64)\n"
    'outputs = llm.generate("The capital of France is", params)\n'
    "print(outputs[0].outputs[0].text)"
)
_VLLM_AFTER = (
    "from sovmigrate.adapter import connect, views\n"
    "\n"
    'llm = connect(default="vllm:Qwen/Qwen2.5-0.5B-Instruct", dtype="float32")\n'
    "params = dict(temperature=0, max_tokens=64)\n"
    'outputs = [views.vllm_output(llm.complete("The capital of France is", **params), "The capital of France is")]\n'
    "print(outputs[0].outputs[0].text)"
)
_PIPELINE_BEFORE = (
    "from transformers import pipeline\n"
    "\n"
    'pipe = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")\n'
    'out = pipe("The capital of France is", max_new_tokens=32, do_sample=False)\n'
    'print(out[0]["generated_text"])'
)
_PIPELINE_AFTER = (
    "from sovmigrate.adapter import connect, views\n"
    "\n"
    'pipe = connect(default="transformers:meta-llama/Llama-3.2-1B-Instruct", decode="standalone", param_defaults="engine")\n'
    'out = views.pipeline_output(pipe.complete("The capital of France is", max_tokens=32, temperature=0, echo=True))\n'
    'print(out[0]["generated_text"])'
)
_GENERATE_BEFORE = (
    "from transformers import AutoModelForCausalLM, AutoTokenizer\n"
    "\n"
    'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
    'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", device_map="auto")\n'
    'messages = [{"role": "user", "content": "Who are you?"}]\n'
    'inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt").to(model.device)\n'
    "outputs = model.generate(inputs, max_new_tokens=256, do_sample=False)\n"
    "print(tokenizer.decode(outputs[0][inputs.shape[-1]:], skip_special_tokens=True))"
)
_GENERATE_AFTER = (
    "from transformers import AutoTokenizer\n"
    "from sovmigrate.adapter import connect\n"
    "\n"
    'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
    'model = connect(default="transformers:meta-llama/Llama-3.1-8B-Instruct", device_map="auto", decode="standalone", param_defaults="engine")\n'
    'messages = [{"role": "user", "content": "Who are you?"}]\n'
    "outputs = model.chat(messages, max_tokens=256, temperature=0)\n"
    "print(outputs.text)"
)


def _import(
    code: str,
    vendor: str,
    modules: tuple[str, ...],
    pretty: str,
    *,
    codemod: str = "",
    before: str = "",
    after: str = "",
) -> Rule:
    """An import rule; with ``codemod``, its fix removes the import once the rewrite leaves it unused."""
    return Rule(
        code=code,
        name=f"{vendor}-import",
        kind=Kind.IMPORT,
        vendor=vendor,
        message=f"`{{api}}` imports {pretty}",
        matchers=(Imports(modules),),
        level=Level.NOTE,
        effort_driver="api_surface",
        codemod=codemod,
        fix=Fix.SOMETIMES if codemod else Fix.NONE,
        fix_safety=FixSafety.SAFE if codemod else None,
        docs=RuleDocs(
            what=f"Checks for imports of {pretty} (`{'`, `'.join(modules)}`).",
            why=f"Every module that imports {pretty} depends on it directly; the import marks the "
            "files a migration has to touch and the package the deployment has to ship.",
            example=f"import {modules[0]}",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety="Removed by the codemods once no use of the module is left"
            + (
                ": the fix goes with the rewrite of the last call in the file that used it, at that fix's "
                "safety; while other code still uses the package the import stays (manual)."
                if codemod
                else "."
            ),
            before=before,
            after=after,
        ),
    )


# vllm 0.34's engine control methods (`vllm/entrypoints/llm.py`, `vllm/v1/engine/async_llm.py`): sleep mode, profiling,
# caches, RPC to the workers; none has a neutral equivalent.
_VLLM_CONTROL = (
    "sleep",
    "wake_up",
    "collective_rpc",
    "apply_model",
    "get_default_sampling_params",
    "reset_prefix_cache",
    "reset_mm_cache",
    "start_profile",
    "stop_profile",
    "get_world_size",
    "release_kv_cache_memory",
    "abort",
    "pause_generation",
    "resume_generation",
    "add_lora",
    "remove_lora",
)

_UNSLOTH_VLLM = (
    "unsloth_zoo.vllm_utils",
    "unsloth_zoo.vllm_lora_request",
    "unsloth_zoo.vllm_lora_worker_manager",
)

# transformers models whose GenerationMixin methods a program drives by hand (generation/utils.py).
_GENERATING_MODELS = (
    "transformers.AutoModel*",
    "transformers.*ForCausalLM",
    "transformers.*ForConditionalGeneration",
    "transformers.models.*",
)
# transformers 4.5x `PreTrainedModel` members that no engine has (optimum's BetterTransformer conversion, memory).
_TRANSFORMERS_MODEL_MEMBERS = ("to_bettertransformer", "reverse_bettertransformer", "get_memory_footprint")
# vLLM's engine objects (vllm 0.1x `LLM`, `LLMEngine`, `AsyncLLMEngine`, the v1 `AsyncLLM`) and sampling parameters.
_VLLM_ENGINES = (
    "vllm.LLM",
    "vllm.entrypoints.llm.LLM",
    "vllm.LLMEngine*",
    "vllm.AsyncLLMEngine*",
    "vllm.engine.*",
    "vllm.v1.engine.*",
)
_VLLM_SAMPLING_PARAMS = ("vllm.SamplingParams", "vllm.sampling_params.SamplingParams")
# Engine members read for the model's configuration (`engine.model_config.max_model_len`, `llm.llm_engine`).
_VLLM_ENGINE_READS = ("llm_engine", "model_config", "vllm_config")

RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ llama-cpp-python
    # llguidance's llama.cpp binding builds its tokenizer from a llama-cpp-python model's vocabulary.
    _import("SOV100", "llama-cpp-python", ("llama_cpp", "llguidance.llamacpp"), "llama-cpp-python"),
    Rule(
        code="SOV101",
        name="llama-cpp-model-load",
        kind=Kind.CLIENT,
        vendor="llama-cpp-python",
        message="`{api}` loads a model in-process with llama-cpp-python",
        matchers=(Calls(("llama_cpp.Llama", "llama_cpp.Llama.from_pretrained", "llama_cpp.llama.Llama*")),),
        effort_driver="api_surface",
        codemod="llama_cpp.LlamaCppCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `llama_cpp.Llama(...)` and `Llama.from_pretrained(...)`, including aliased "
            "imports, instances kept in variables or attributes, factory functions and subclasses.",
            why=_WHY_ENGINE + " `Llama(...)` also hides defaults that change output after a move: "
            "`n_ctx=512` and, without a GGUF chat template, the `llama-2` chat format.",
            example='from llama_cpp import Llama\n\nllm = Llama(model_path="llama-2-7b-chat.Q4_K_M.gguf", n_ctx=2048)',
            use_instead='from sovmigrate.adapter import connect\n\nllm = connect("llamacpp:llama-2-7b-chat.Q4_K_M.gguf", n_ctx=2048)',
            fix_safety=(
                "Safe when the model is used only through calls the adapter has (completion, chat, streaming, "
                "embeddings, tokenize, close, n_ctx): `Llama(...)` and every call on its object are rewritten "
                "together, with llama-cpp-python's `n_ctx=512` (and, for embedding models, the model's own "
                "pooling) written out. Unsafe when options come through `**kwargs` or a call on the model is "
                "unsafe. Manual when the object escapes (passed to other code, returned, attributes read), comes "
                "from `Llama.from_pretrained` (a hub download) or a subclass, or a call on it has no adapter "
                "equivalent (grammars, logits processors, `save_state`, the low-level `generate`)."
            ),
            before=(
                "from llama_cpp import Llama\n"
                "\n"
                'llm = Llama(model_path="llama-3.1-8b-instruct.Q4_K_M.gguf", n_gpu_layers=-1)'
            ),
            after=(
                "from sovmigrate.adapter import connect\n"
                "\n"
                'llm = connect(default="llamacpp:llama-3.1-8b-instruct.Q4_K_M.gguf", n_gpu_layers=-1, n_ctx=512)'
            ),
        ),
    ),
    Rule(
        code="SOV102",
        name="llama-cpp-completion",
        kind=Kind.INFERENCE,
        vendor="llama-cpp-python",
        message="`{api}` runs a llama-cpp-python completion",
        matchers=(
            Calls(
                ("llama_cpp.Llama#__call__", "llama_cpp.Llama#create_completion", "llama_cpp.Llama#generate"),
                distinctive=("create_completion",),
            ),
        ),
        effort_driver="call_site",
        codemod="llama_cpp.LlamaCppCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for text completions on a llama-cpp-python model: `llm(prompt)`, "
            "`llm.create_completion(...)` and the low-level `llm.generate(tokens)`.",
            why=_WHY_ENGINE + " The completion API defaults to `max_tokens=16` and `temperature=0.8`; "
            "results are dicts read as `out['choices'][0]['text']`.",
            example='out = llm("Q: Name the planets. A:", max_tokens=32, stop=["Q:"])\nprint(out["choices"][0]["text"])',
            use_instead=_ADAPTER_COMPLETE,
            fix_safety=(
                "Safe: the completion defaults the call relied on (`max_tokens=16`, `temperature=0.8`, "
                "`top_p=0.95`, `top_k=40`, `min_p=0.05`) are written out, so llama.cpp receives the same "
                "request, and results are the same dicts. Unsafe with `echo=True` (the adapter echoes the prompt "
                "string, llama.cpp the detokenized prompt) or inside a `try` that catches specific exceptions. "
                "Manual for `suffix=`, grammars, logits processors, stopping criteria, `logit_bias`, `logprobs`, "
                "token-id prompts, a `stream=` decided at run time, and `generate()`."
            ),
            before=(
                "from llama_cpp import Llama\n"
                "\n"
                'llm = Llama(model_path="llama-3.1-8b-instruct.Q4_K_M.gguf")\n'
                'out = llm("Q: Name the planets. A:", stop=["Q:"])\n'
                'print(out["choices"][0]["text"])'
            ),
            after=(
                "from sovmigrate.adapter import connect\n"
                "\n"
                'llm = connect(default="llamacpp:llama-3.1-8b-instruct.Q4_K_M.gguf", n_ctx=512)\n'
                'out = llm.complete("Q: Name the planets. A:", stop=["Q:"], max_tokens=16, temperature=0.8, top_p=0.95, top_k=40, min_p=0.05)\n'
                'print(out["choices"][0]["text"])'
            ),
        ),
    ),
    Rule(
        code="SOV103",
        name="llama-cpp-chat-completion",
        kind=Kind.INFERENCE,
        vendor="llama-cpp-python",
        message="`{api}` runs a llama-cpp-python chat completion",
        matchers=(
            Calls(
                (
                    "llama_cpp.Llama#create_chat_completion",
                    "llama_cpp.Llama#create_chat_completion_openai_v1",
                ),
                distinctive=("create_chat_completion",),
            ),
        ),
        effort_driver="call_site",
        codemod="llama_cpp.LlamaCppCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `llm.create_chat_completion(messages=...)` on a llama-cpp-python model.",
            why=_WHY_ENGINE + " Chat defaults differ from completion defaults (`max_tokens=None`, "
            "`temperature=0.2`) and the prompt format comes from the GGUF file or `chat_format`.",
            example='r = llm.create_chat_completion(messages=[{"role": "user", "content": "Hi"}])\n'
            'print(r["choices"][0]["message"]["content"])',
            use_instead=_ADAPTER_CHAT,
            fix_safety=(
                "Safe: the chat defaults the call relied on (`temperature=0.2`, `top_p=0.95`, `top_k=40`, "
                "`min_p=0.05`) are written out and `stream=True` becomes `stream_chat()`, whose chunks are "
                "llama-cpp-python's own. Unsafe with `response_format` (the adapter builds the JSON grammar) and "
                "for `create_chat_completion_openai_v1` (dicts instead of openai objects). Manual for tools, "
                "functions, grammars, logits processors and `logprobs`."
            ),
            before=(
                "from llama_cpp import Llama\n"
                "\n"
                'llm = Llama(model_path="llama-3.1-8b-instruct.Q4_K_M.gguf", n_ctx=8192)\n'
                "for chunk in llm.create_chat_completion(messages=messages, max_tokens=256, stream=True):\n"
                '    print(chunk["choices"][0]["delta"].get("content", ""), end="")'
            ),
            after=(
                "from sovmigrate.adapter import connect\n"
                "\n"
                'llm = connect(default="llamacpp:llama-3.1-8b-instruct.Q4_K_M.gguf", n_ctx=8192)\n'
                "for chunk in llm.stream_chat(messages=messages, max_tokens=256, temperature=0.2, top_p=0.95, top_k=40, min_p=0.05):\n"
                '    print(chunk["choices"][0]["delta"].get("content", ""), end="")'
            ),
        ),
    ),
    Rule(
        code="SOV104",
        name="llama-cpp-embedding",
        kind=Kind.INFERENCE,
        vendor="llama-cpp-python",
        message="`{api}` computes embeddings with llama-cpp-python",
        matchers=(
            Calls(
                ("llama_cpp.Llama#create_embedding", "llama_cpp.Llama#embed"),
                distinctive=("create_embedding",),
            ),
        ),
        effort_driver="call_site",
        codemod="llama_cpp.LlamaCppCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `llm.create_embedding(...)` and `llm.embed(...)`.",
            why="Embeddings are tied to the model that made them: a new model means re-embedding the "
            "stored vectors, and the call itself is engine-specific.",
            example='vec = llm.embed("hello")',
            use_instead='vec = connect().embed(["hello"])[0]',
            fix_safety=(
                "Safe: `create_embedding` becomes `embeddings()`, which returns the same response, and "
                "`embed(text)` becomes `embed(text)[0]` (the adapter always returns a list of vectors). Manual "
                "when `embed()` gets an input that may be one text or a list, or "
                "`normalize=`/`truncate=`/`return_count=`."
            ),
            before=(
                "from llama_cpp import Llama\n"
                "\n"
                'llm = Llama(model_path="nomic-embed-text-v1.5.Q8_0.gguf", embedding=True)\n'
                'vector = llm.embed("hello")'
            ),
            after=(
                "from sovmigrate.adapter import connect\n"
                "\n"
                'llm = connect(default="llamacpp:nomic-embed-text-v1.5.Q8_0.gguf", embedding=True, n_ctx=512, pooling_type=-1)\n'
                'vector = llm.embed("hello")[0]'
            ),
        ),
    ),
    Rule(
        code="SOV105",
        name="llama-cpp-chat-format",
        kind=Kind.PROMPT_FORMAT,
        vendor="llama-cpp-python",
        message="`{api}` selects a llama-cpp-python chat handler",
        matchers=(Calls(("llama_cpp.llama_chat_format.*",)),),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for uses of `llama_cpp.llama_chat_format` (chat handlers such as "
            "`Llava15ChatHandler`, registered formats, `format_llama2`).",
            why="A chat handler fixes the prompt format to one model family; the target model needs "
            "its own template, which the adapter takes from the model's tokenizer metadata.",
            example="from llama_cpp.llama_chat_format import Llava15ChatHandler\nhandler = Llava15ChatHandler(clip_model_path=path)",
            use_instead="Let the adapter apply the target model's own chat template.",
            fix_safety="No automatic fix: the right template depends on the target model.",
        ),
    ),
    Rule(
        code="SOV106",
        name="llama-cpp-low-level-api",
        kind=Kind.COMPLEX,
        vendor="llama-cpp-python",
        message="`{api}` calls llama.cpp's C API through ctypes",
        matchers=(
            Calls(
                (
                    "llama_cpp.llama_*",
                    "llama_cpp.llama_cpp.*",
                    "llama_cpp.ggml_*",
                    "llama_cpp.llava_cpp.*",
                    "llama_cpp.mtmd_cpp.*",
                    "llguidance.llamacpp.*",
                ),
                exclude=(
                    "llama_cpp.llama_chat_format*",
                    "llama_cpp.llama_grammar*",
                    "llama_cpp.llama_speculative*",
                    "llama_cpp.llama_types*",
                    "llama_cpp.llama_tokenizer*",
                    "llama_cpp.llama_cache*",
                    "llama_cpp.llama.*",
                ),
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for calls into llama.cpp's C API through llama-cpp-python's ctypes bindings "
            "(`llama_cpp.llama_load_model_from_file`, `llama_cpp.llama_decode`, `llama_cpp.llama_tokenize`...).",
            why="Code at this level manages contexts, batches, KV cache and sampling by hand against one "
            "version of one engine's C ABI; it breaks on llama.cpp upgrades and has no equivalent elsewhere.",
            example="model = llama_cpp.llama_load_model_from_file(path.encode(), params)",
            use_instead='llm = connect("llamacpp:model.gguf")  # or keep the low-level code behind the adapter',
            fix_safety="No automatic fix: the logic has to be rewritten against a high-level API.",
        ),
    ),
    Rule(
        code="SOV108",
        name="llama-cpp-request-types",
        kind=Kind.INFERENCE,
        vendor="llama-cpp-python",
        message="`{api}` builds a llama-cpp-python request type",
        matchers=(Calls(("llama_cpp.ChatCompletion*", "llama_cpp.llama_types.*")),),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for llama-cpp-python's own request types built by hand: `ChatCompletionTool(...)`, "
            "`ChatCompletionToolFunction(...)`, `ChatCompletionRequestUserMessage(...)` and the rest of "
            "`llama_cpp.llama_types`.",
            why=_WHY_ENGINE
            + " The types are OpenAI-shaped dicts, but they are imported from the engine: the "
            "module depends on llama-cpp-python for them.",
            example='tool = ChatCompletionTool(type="function", function=ChatCompletionToolFunction(name=n, parameters=p))',
            use_instead='tool = {"type": "function", "function": {"name": n, "parameters": p}}',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV107",
        name="llama-cpp-model-state",
        kind=Kind.CLIENT,
        vendor="llama-cpp-python",
        message="`{api}` reads or drives a llama-cpp-python model's state",
        matchers=(
            Calls(
                tuple(
                    f"llama_cpp.Llama#{m}"
                    for m in (
                        "n_ctx",
                        "n_embd",
                        "n_batch",
                        "reset",
                        "eval",
                        "sample",
                        "set_cache",
                        "save_state",
                        "load_state",
                        "set_seed",
                        "close",
                        "set_lora",
                        "pooling_type",
                        "logits_to_logprobs",
                    )
                )
                # The prompt caches a model is given (`llm.set_cache(LlamaRAMCache(capacity_bytes=2 << 30))`).
                + ("llama_cpp.Llama*Cache", "llama_cpp.llama_cache.*", "llama_cpp.llama.Llama*Cache")
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for calls that read or drive a llama-cpp-python model directly: context and batch sizes "
            "(`n_ctx()`, `n_embd()`), evaluation and sampling by hand (`eval`, `sample`, `reset`), KV-cache and "
            "state handling (`set_cache`, `save_state`, `load_state`).",
            why=_WHY_ENGINE
            + " Code at this level depends on llama.cpp's own model object; other engines expose "
            "context sizes and state differently, or not at all.",
            example="window = llm.n_ctx()\nllm.eval(tokens)\ntoken = llm.sample(temp=0.7)",
            use_instead="model.capabilities.context_window  # and generation through model.complete/chat",
            fix_safety=_NO_FIX,
        ),
    ),
    # ------------------------------------------------------------------ vLLM
    _import(
        "SOV120",
        "vllm",
        ("vllm",),
        "vLLM",
        codemod="vllm.VllmCodemod",
        before=_VLLM_BEFORE,
        after=_VLLM_AFTER,
    ),
    Rule(
        code="SOV121",
        name="vllm-engine",
        kind=Kind.CLIENT,
        vendor="vllm",
        message="`{api}` starts a vLLM engine in-process",
        matchers=(
            Calls(
                (
                    "vllm.LLM",
                    "vllm.entrypoints.llm.LLM",
                    "vllm.LLM.from_engine_args",
                    "vllm.AsyncLLMEngine*",
                    "vllm.LLMEngine*",
                    "vllm.engine.*",
                    "vllm.v1.engine.*",
                    "vllm.EngineArgs",
                    "vllm.AsyncEngineArgs",
                )
            ),
        ),
        effort_driver="api_surface",
        codemod="vllm.VllmCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `vllm.LLM(...)`, engine-argument objects and the async engines.",
            why=_WHY_ENGINE + " vLLM also takes `gpu_memory_utilization=0.92` by default and reads "
            "sampling defaults from the model's `generation_config` when none are given.",
            example='from vllm import LLM\n\nllm = LLM(model="meta-llama/Llama-3.1-8B-Instruct")',
            use_instead='llm = connect("vllm:meta-llama/Llama-3.1-8B-Instruct")',
            fix_safety="Safe for greedy sampling over one prompt or conversation: `LLM(...)` becomes `connect(default=\"vllm:<model>\", ...)` with the engine options passed through, and it is rewritten together with every `generate`/`chat` call on it and the `SamplingParams` they use (vLLM's `max_tokens=16` default written out); results are wrapped in `views.vllm_output`, so `outs[0].outputs[0].text` and `.prompt` keep working. Unsafe when sampling is random, when a list of prompts (one vLLM batch) becomes one adapter call per prompt, when no `SamplingParams` is given and the model's generation_config.json (which vLLM reads then) is not a local file, or when the results flow where the codemod cannot see. Manual for LoRA, structured outputs, token-id prompts, pooling engines, methods without a neutral equivalent (`get_tokenizer`, `beam_search`, `encode`), the async engines, and reads of fields the view leaves None (`token_ids`).",
            before=_VLLM_BEFORE,
            after=_VLLM_AFTER,
        ),
    ),
    Rule(
        code="SOV122",
        name="vllm-generate",
        kind=Kind.INFERENCE,
        vendor="vllm",
        message="`{api}` runs vLLM inference",
        matchers=(
            Calls(
                (
                    "vllm.LLM#generate",
                    "vllm.LLM#chat",
                    "vllm.LLM#encode",
                    "vllm.LLM#embed",
                    "vllm.LLM#beam_search",
                    "vllm.LLM#enqueue*",
                    "vllm.LLM#wait_for_completion",
                    "vllm.entrypoints.llm.LLM#*",
                    "vllm.AsyncLLMEngine*#generate",
                    "vllm.v1.engine.*#generate",
                    "vllm.engine.*#generate",
                    "vllm.LLMEngine#add_request",
                    "vllm.LLMEngine#step",
                )
            ),
        ),
        effort_driver="call_site",
        codemod="vllm.VllmCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.UNSAFE,
        docs=RuleDocs(
            what="Checks for `llm.generate(...)`, `llm.chat(...)`, embeddings and async engine generation.",
            why=_WHY_ENGINE + " Results are `RequestOutput` lists read as `outs[0].outputs[0].text`; the "
            "async engine yields cumulative text by default.",
            example="outs = llm.generate(prompts, params)\ntext = outs[0].outputs[0].text",
            use_instead=_ADAPTER_COMPLETE,
            fix_safety="Rewritten with its engine (see SOV121): `generate` becomes `complete` and `chat` stays `chat`, one adapter call per prompt, each wrapped in `views.vllm_output`. Typically unsafe: a list of prompts is one vLLM batch and random sampling draws other random numbers; safe for one greedy prompt.",
            before=(
                "from vllm import LLM, SamplingParams\n"
                "\n"
                'prompts = ["Hello, my name is", "The capital of France is"]\n'
                "sampling_params = SamplingParams(temperature=0.8, top_p=0.95)\n"
                'llm = LLM(model="facebook/opt-125m")\n'
                "outputs = llm.generate(prompts, sampling_params)\n"
                "for output in outputs:\n"
                "    print(output.prompt, output.outputs[0].text)"
            ),
            after=(
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'prompts = ["Hello, my name is", "The capital of France is"]\n'
                "sampling_params = dict(temperature=0.8, top_p=0.95, max_tokens=16)\n"
                'llm = connect(default="vllm:facebook/opt-125m")\n'
                "outputs = [views.vllm_output(llm.complete(prompt, **sampling_params), prompt) for prompt in prompts]\n"
                "for output in outputs:\n"
                "    print(output.prompt, output.outputs[0].text)"
            ),
        ),
    ),
    Rule(
        code="SOV124",
        name="vllm-engine-internals",
        kind=Kind.CLIENT,
        vendor="vllm",
        message="`{api}` reaches into vLLM's engine",
        matchers=(
            Reads(tuple(f"{engine}#{member}" for engine in _VLLM_ENGINES for member in _VLLM_ENGINE_READS)),
            Calls(
                (
                    "vllm.EngineArgs#create_*",
                    "vllm.AsyncEngineArgs#create_*",
                    "vllm.engine.*Args#create_*",
                    "vllm.TokensPrompt",
                    "vllm.TextPrompt",
                    "vllm.inputs.*Prompt",
                    # Tearing down or setting up vLLM's distributed state (`destroy_model_parallel()`), and its metrics.
                    "vllm.distributed.*",
                    "vllm.model_executor.parallel_utils.*",
                    "vllm.LLM#get_metrics",
                    # The engine's control methods (vllm 0.34 `LLM`, `AsyncLLMEngine`), its model registry and Ray.
                    *(f"vllm.LLM#{method}" for method in _VLLM_CONTROL),
                    *(f"vllm.AsyncLLMEngine*#{method}" for method in _VLLM_CONTROL),
                    *(f"vllm.v1.engine.*#{method}" for method in _VLLM_CONTROL),
                    "vllm.ModelRegistry.register_model",
                    "vllm.model_executor.models.ModelRegistry.register_model",
                    "vllm.initialize_ray_cluster",
                    "vllm.v1.executor.ray_utils.initialize_ray_cluster",
                )
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for code that reaches into vLLM's engine (`llm.llm_engine.model_config`, "
            "`EngineArgs(...).create_model_config()`, `llm.get_metrics()`), tears down its distributed state "
            "(`destroy_model_parallel()`, `destroy_distributed_environment()`) or builds vLLM's own prompt types "
            "(`TokensPrompt`, `TextPrompt`); engine reads count once per function.",
            why=_WHY_ENGINE + " The engine's internals (model config, scheduler, context length) and its "
            "token-id prompts have no equivalent behind another engine; they change between vLLM releases too.",
            example="max_len = llm.llm_engine.model_config.max_model_len",
            use_instead="Keep the context length in configuration next to the model string, and send text or "
            "messages, not token ids.",
        ),
    ),
    Rule(
        code="SOV123",
        name="vllm-sampling-params",
        kind=Kind.INFERENCE,
        vendor="vllm",
        message="`{api}` builds vLLM sampling parameters",
        matchers=(
            Calls(("vllm.SamplingParams", "vllm.sampling_params.SamplingParams", "vllm.sampling_params.*")),
        ),
        effort_driver="call_site",
        codemod="vllm.VllmCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `SamplingParams(...)`.",
            why="vLLM's sampling object has engine-specific names and defaults (`max_tokens=16`, "
            "`top_k=0` meaning off); the adapter takes OpenAI-named keyword arguments instead.",
            example="params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=256)",
            use_instead="model.complete(prompt, temperature=0.8, top_p=0.95, max_tokens=256)",
            fix_safety="Folded into the keyword arguments of the calls that use it: `SamplingParams(...)` held in a variable becomes `dict(...)` passed as `**params`, an inline one becomes keywords; `max_tokens=16` is written out when not given and `top_k=-1` becomes `0`. Manual when it is used anywhere else, takes positional arguments, or sets a field without a neutral equivalent (`logprobs`, `stop_token_ids`, `structured_outputs`, `logits_processors`...).",
            before=(
                "from vllm import LLM, SamplingParams\n"
                "\n"
                'llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct")\n'
                'conversation = [{"role": "user", "content": "Hello"}]\n'
                "outputs = llm.chat(conversation, SamplingParams(temperature=0))\n"
                "print(outputs[0].outputs[0].text)"
            ),
            after=(
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'llm = connect(default="vllm:meta-llama/Llama-3.1-8B-Instruct")\n'
                'conversation = [{"role": "user", "content": "Hello"}]\n'
                "outputs = [views.vllm_output(llm.chat(conversation, temperature=0, max_tokens=16))]\n"
                "print(outputs[0].outputs[0].text)"
            ),
        ),
    ),
    Rule(
        code="SOV125",
        name="vllm-server-in-process",
        kind=Kind.CLIENT,
        vendor="vllm",
        message="`{api}` runs or extends vLLM's OpenAI-compatible server in-process",
        matchers=(
            Calls(
                (
                    # vllm 0.34's server modules (older releases kept them under entrypoints.openai).
                    "vllm.entrypoints.openai.*",
                    "vllm.entrypoints.api_server.*",
                    "vllm.entrypoints.launchers.*",
                    "vllm.entrypoints.serve.*",
                    "vllm.entrypoints.cli.*",
                    "vllm.entrypoints.common.cli_args.*",
                    "vllm.utils.FlexibleArgumentParser",
                    "vllm.utils.argparse_utils.*",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for vLLM's server entry points called from Python: `run_server(args)`, "
            "`build_async_engine_client(...)`, `build_app`/`init_app_state`, `make_arg_parser(FlexibleArgumentParser())` "
            "and the serving classes and request types of `vllm.entrypoints` (the offline `vllm.entrypoints.llm` is "
            "SOV121/SOV122).",
            why=_WHY_ENGINE + " The program embeds one engine's server, its argument parser and its routes.",
            example="parser = make_arg_parser(FlexibleArgumentParser())\nuvloop.run(run_server(parser.parse_args()))",
            use_instead="an OpenAI-compatible server started by the deployment (`vllm serve`, llama-server...)",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV127",
        name="vllm-engine-config",
        kind=Kind.CLIENT,
        vendor="vllm",
        message="`{api}` configures a vLLM engine",
        # Engine arguments read from a command line (`EngineArgs.add_cli_args(parser)`, `from_cli_args(args)`).
        matchers=(Calls(("vllm.config.*Config", "vllm.EngineArgs.*", "vllm.AsyncEngineArgs.*")),),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for vLLM's engine configuration objects built by hand (vllm 0.34 `vllm.config`: "
            "`CompilationConfig`, `KVTransferConfig`, `SpeculativeConfig`, `PoolerConfig`, `LoRAConfig`, "
            "`VllmConfig`...), usually passed to `LLM(...)` or `EngineArgs(...)`, and engine arguments read from a command "
            "line (`EngineArgs.add_cli_args(parser)`, `AsyncEngineArgs.from_cli_args(args)`).",
            why=_WHY_ENGINE + " The objects name one engine's scheduler, cache, compilation and parallelism "
            "settings, which change from release to release.",
            example="llm = LLM(model=name, compilation_config=CompilationConfig(mode=3))",
            use_instead="engine settings in the deployment's server configuration",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV126",
        name="vllm-pooling",
        kind=Kind.INFERENCE,
        vendor="vllm",
        message="`{api}` runs a vLLM pooling task",
        matchers=(
            Calls(
                (
                    "vllm.LLM#score",
                    "vllm.LLM#classify",
                    "vllm.LLM#reward",
                    "vllm.AsyncLLMEngine*#encode",
                    "vllm.v1.engine.*#encode",
                    "vllm.PoolingParams",
                    "vllm.pooling_params.PoolingParams",
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for vLLM's pooling tasks: `llm.score(...)`, `llm.classify(...)`, `llm.reward(...)`, "
            "the async engine's `encode` and `PoolingParams(...)`.",
            why=_WHY_ENGINE
            + " Scores and classes come from one pooling model loaded by one engine; a new model "
            "needs new thresholds.",
            example="scores = llm.score(query, documents)",
            use_instead="a rerank or embedding endpoint of an OpenAI-compatible server, reached through connect()",
            fix_safety=_NO_FIX,
        ),
    ),
    # ------------------------------------------------------------------ transformers
    _import(
        "SOV140",
        "transformers",
        ("transformers",),
        "Hugging Face transformers",
        codemod="transformers.TransformersCodemod",
        before=_PIPELINE_BEFORE,
        after=_PIPELINE_AFTER,
    ),
    Rule(
        code="SOV141",
        name="transformers-pipeline",
        kind=Kind.CLIENT,
        vendor="transformers",
        message="`{api}` builds a transformers pipeline",
        matchers=(
            Calls(("transformers.pipeline", "transformers.pipelines.pipeline", "transformers.*Pipeline")),
        ),
        effort_driver="api_surface",
        codemod="transformers.TransformersCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `transformers.pipeline(...)` and pipeline classes.",
            why=_WHY_ENGINE + " A text-generation pipeline returns the prompt with the answer "
            "(`return_full_text=True`) and defaults to 20 tokens when the model config has no limit.",
            example='pipe = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")',
            use_instead='model = connect("transformers:meta-llama/Llama-3.2-1B-Instruct")',
            fix_safety='Safe for greedy calls whose generation settings are known: `pipeline("text-generation", model="...")` becomes `connect(default="transformers:<model>", decode="standalone", param_defaults="engine")` with its loading options, and each call `pipe(x, ...)` becomes `views.pipeline_output(pipe.complete(x, ..., echo=True))` (the default `return_full_text=True`) or `views.pipeline_chat_output(pipe.chat(messages, ...), messages)`, so `out[0]["generated_text"]` keeps working. `decode="standalone"` decodes the new tokens as the pipeline does and `param_defaults="engine"` leaves what the call does not set to the model\'s generation_config. Unsafe when sampling is random, or when the pipeline\'s own defaults (256 new tokens, sampling at 0.7) apply and the model\'s generation_config.json is not a local file (they are written out, but the model may override them). Manual for other tasks, model objects, another tokenizer, batches, `num_return_sequences`, stop strings and other keywords without a neutral equivalent.',
            before=_PIPELINE_BEFORE,
            after=_PIPELINE_AFTER,
        ),
    ),
    Rule(
        code="SOV142",
        name="transformers-pipeline-call",
        kind=Kind.INFERENCE,
        vendor="transformers",
        message="`{api}` runs a transformers pipeline",
        matchers=(
            Calls(
                (
                    "transformers.pipeline#__call__",
                    "transformers.pipelines.pipeline#__call__",
                    "transformers.*Pipeline#__call__",
                )
            ),
        ),
        effort_driver="call_site",
        codemod="transformers.TransformersCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.UNSAFE,
        docs=RuleDocs(
            what="Checks for calls of a pipeline object: `pipe(prompt, max_new_tokens=...)`.",
            why="The result shape depends on the input (`out[0]['generated_text']` includes the prompt; "
            "chat input gives `out[0]['generated_text'][-1]['content']`), so every caller parses it.",
            example='out = pipe(messages, max_new_tokens=256)\ntext = out[0]["generated_text"][-1]["content"]',
            use_instead=_ADAPTER_CHAT,
            fix_safety="Rewritten with its pipeline (see SOV141). Typically unsafe: without `do_sample=False` the pipeline samples at temperature 0.7 unless the model says otherwise.",
            before=(
                "from transformers import pipeline\n"
                "\n"
                'pipe = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                "out = pipe(messages, max_new_tokens=256)\n"
                'print(out[0]["generated_text"][-1]["content"])'
            ),
            after=(
                "from sovmigrate.adapter import connect, views\n"
                "\n"
                'pipe = connect(default="transformers:meta-llama/Llama-3.2-1B-Instruct", decode="standalone", param_defaults="engine")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                "out = views.pipeline_chat_output(pipe.chat(messages, max_tokens=256, temperature=0.7), messages)\n"
                'print(out[0]["generated_text"][-1]["content"])'
            ),
        ),
    ),
    Rule(
        code="SOV143",
        name="transformers-model-load",
        kind=Kind.CLIENT,
        vendor="transformers",
        message="`{api}` loads model weights with transformers",
        matchers=(
            Calls(
                (
                    "transformers.AutoModel*.from_pretrained",
                    "transformers.Llama*.from_pretrained",
                    "transformers.*ForCausalLM.from_pretrained",
                    "transformers.*ForConditionalGeneration.from_pretrained",
                    "transformers.models.*.from_pretrained",
                    "transformers.AutoModel*",
                    "transformers.*ForCausalLM",
                    # Vision towers of vision-language models (`CLIPVisionModel`, `SiglipVisionModel`...).
                    "transformers.*VisionModel*.from_pretrained",
                ),
                exclude=("transformers.*Tokenizer*", "transformers.*Processor*", "transformers.*Config*"),
            ),
        ),
        effort_driver="api_surface",
        codemod="transformers.TransformersCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `AutoModelForCausalLM.from_pretrained(...)`, `LlamaForCausalLM` and other "
            "causal-LM classes.",
            why=_WHY_ENGINE + " Loading code also carries quantisation and device choices "
            "(`BitsAndBytesConfig`, `device_map`) that belong to deployment configuration.",
            example='model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", device_map="auto")',
            use_instead='model = connect("transformers:meta-llama/Llama-3.1-8B-Instruct", device_map="auto")',
            fix_safety='Safe for the common chain in one function or at module level: `from_pretrained("<model>", ...)` becomes `connect(default="transformers:<model>", ..., decode="standalone", param_defaults="engine")` (`torch_dtype` renamed `dtype`), `tok.apply_chat_template(messages, add_generation_prompt=True, ...)` → `model.generate(...)` → `tok.decode(out[0][n:], skip_special_tokens=True)` becomes `model.chat(messages, ...)` and `.text` (the statements that only built the inputs or sliced the new tokens go), and `generate(..., streamer=TextStreamer(tok, skip_prompt=True))` becomes a `stream_chat` loop that prints each piece. Greedy decoding and what the call sets are written out; what it leaves out still comes from the model\'s generation_config. Unsafe when sampling is random or the length limit is `max_length` (it counts the prompt). Manual when the model object is used for anything else (attributes, `to()`, passed on), for prompts built with `tokenize=False` or without the generation prompt, for decoding that keeps special tokens, beams, logits processors and stopping criteria.',
            before=_GENERATE_BEFORE,
            after=_GENERATE_AFTER,
        ),
    ),
    Rule(
        code="SOV144",
        name="transformers-generate",
        kind=Kind.INFERENCE,
        vendor="transformers",
        message="`{api}` generates with a transformers model",
        matchers=(
            Calls(
                (
                    "transformers.AutoModel*#generate",
                    "transformers.*ForCausalLM#generate",
                    "transformers.*ForConditionalGeneration#generate",
                    "transformers.models.*#generate",
                    "transformers.AutoModel*#__call__",
                    "transformers.*ForCausalLM#__call__",
                    # Generation driven by hand (transformers GenerationMixin, generation/utils.py): dev11's call.
                    *(
                        f"{model}#{method}"
                        for model in _GENERATING_MODELS
                        for method in ("prepare_inputs_for_generation", "_update_model_kwargs_for_generation")
                    ),
                )
            ),
        ),
        effort_driver="call_site",
        codemod="transformers.TransformersCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.UNSAFE,
        docs=RuleDocs(
            what="Checks for `model.generate(...)` and forward calls on a transformers causal LM.",
            why="`generate` works on token ids: the caller tokenizes, applies the chat template, slices "
            "the prompt off and decodes, all tied to one tokenizer. Without `max_new_tokens` it stops "
            "at 20 tokens.",
            example="ids = model.generate(**inputs, max_new_tokens=256)\ntext = tok.decode(ids[0][n:], skip_special_tokens=True)",
            use_instead=_ADAPTER_CHAT,
            fix_safety="Rewritten with its model load (see SOV143). Typically unsafe: chat models are usually sampled.",
            before=(
                "from transformers import AutoModelForCausalLM, AutoTokenizer\n"
                "\n"
                'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                'inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)\n'
                "outputs = model.generate(**inputs, max_new_tokens=256, do_sample=True, temperature=0.6, top_p=0.9)\n"
                'response = outputs[0][inputs["input_ids"].shape[-1]:]\n'
                "print(tokenizer.decode(response, skip_special_tokens=True))"
            ),
            after=(
                "from transformers import AutoTokenizer\n"
                "from sovmigrate.adapter import connect\n"
                "\n"
                'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'model = connect(default="transformers:meta-llama/Llama-3.1-8B-Instruct", decode="standalone", param_defaults="engine")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                "outputs = model.chat(messages, max_tokens=256, temperature=0.6, top_p=0.9)\n"
                "print(outputs.text)"
            ),
        ),
    ),
    Rule(
        code="SOV145",
        name="transformers-streamer",
        kind=Kind.INFERENCE,
        vendor="transformers",
        message="`{api}` streams transformers output",
        matchers=(
            Calls(
                (
                    "transformers.TextStreamer",
                    "transformers.TextIteratorStreamer",
                    "transformers.AsyncTextIteratorStreamer",
                    "transformers.generation.*Streamer",
                )
            ),
        ),
        effort_driver="call_site",
        codemod="transformers.TransformersCodemod",
        fix=Fix.SOMETIMES,
        fix_safety=FixSafety.SAFE,
        docs=RuleDocs(
            what="Checks for `TextStreamer` and `TextIteratorStreamer`.",
            why="Streaming through a streamer object and a generation thread is transformers-specific; "
            "the adapter streams OpenAI-shaped chunks from every backend.",
            example="streamer = TextIteratorStreamer(tok, skip_prompt=True)",
            use_instead="for chunk in model.stream_chat(messages):\n    print(chunk.choices[0].delta.content or '', end='')",
            fix_safety="A `TextStreamer(tok, skip_prompt=True, skip_special_tokens=True)` passed to a rewritten `generate` becomes a loop printing `stream_chat` pieces, then a newline, as TextStreamer prints them (unsafe without `skip_special_tokens=True`: TextStreamer printed `</s>`). `TextIteratorStreamer` with a generation thread is manual.",
            before=(
                "from transformers import AutoModelForCausalLM, AutoTokenizer, TextStreamer\n"
                "\n"
                'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                'inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)\n'
                "streamer = TextStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)\n"
                "model.generate(**inputs, streamer=streamer, max_new_tokens=256, do_sample=False)"
            ),
            after=(
                "from transformers import AutoTokenizer\n"
                "from sovmigrate.adapter import connect\n"
                "\n"
                'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n'
                'model = connect(default="transformers:meta-llama/Llama-3.1-8B-Instruct", decode="standalone", param_defaults="engine")\n'
                'messages = [{"role": "user", "content": "Who are you?"}]\n'
                "for chunk in model.stream_chat(messages, max_tokens=256, temperature=0):\n"
                '    print(chunk.text, end="", flush=True)\n'
                "print()"
            ),
        ),
    ),
    Rule(
        code="SOV149",
        name="transformers-generation-config",
        kind=Kind.INFERENCE,
        vendor="transformers",
        message="`{api}` builds transformers generation settings",
        matchers=(
            Calls(
                (
                    "transformers.GenerationConfig",
                    "transformers.generation.GenerationConfig",
                    "transformers.generation.configuration_utils.GenerationConfig",
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `GenerationConfig(...)` built by hand and passed to `generate` (reading a model's own "
            "with `GenerationConfig.from_pretrained` is SOV481).",
            why="The settings use transformers' names and defaults (`max_new_tokens`, `do_sample`, `num_beams`, "
            "token ids of one tokenizer); the adapter takes neutral sampling options.",
            example="config = GenerationConfig(max_new_tokens=256, do_sample=True, temperature=0.7)",
            use_instead=_ADAPTER_CHAT,
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV159",
        name="transformers-generation-internals",
        kind=Kind.COMPLEX,
        vendor="transformers",
        message="`{api}` drives transformers' generation internals by hand",
        matchers=(
            Calls(
                tuple(
                    f"{model}#{method}"
                    for model in _GENERATING_MODELS
                    # `_get_logits_processor`/`_get_stopping_criteria` take the hooks by keyword: SOV701 has them.
                    for method in ("_get_logits_warper",)
                )
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for the private builder of `generate`'s sampling step (`model._get_logits_warper(...)`), "
            "called by a program that runs the decoding loop itself (transformers GenerationMixin, "
            "generation/utils.py); `_get_logits_processor(logits_processor=...)` and `_get_stopping_criteria"
            "(stopping_criteria=...)` are SOV701's.",
            why="The loop is transformers' own, private and version-bound (`_get_logits_warper` is gone in "
            "transformers 4.45+); an engine runs its own sampler, so the loop is rewritten, not ported.",
            example="warper = model._get_logits_warper(generation_config)",
            use_instead="for piece in model.stream_chat(messages, temperature=0.7): ...",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV485",
        name="transformers-model-members",
        kind=Kind.CLIENT,
        vendor="transformers",
        message="`{api}` uses a member only transformers models have",
        matchers=(
            Calls(
                tuple(
                    f"{model}#{method}"
                    for model in (
                        "transformers.PreTrainedModel",
                        *_GENERATING_MODELS,
                        "peft.PeftModel*",
                        "peft.AutoPeftModel*",
                    )
                    for method in _TRANSFORMERS_MODEL_MEMBERS
                ),
                distinctive=_TRANSFORMERS_MODEL_MEMBERS,
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for members of a transformers (or PEFT-wrapped) model that no engine has: "
            "`model.to_bettertransformer()`, `reverse_bettertransformer()`, `get_memory_footprint()` "
            "(transformers 4.5x `PreTrainedModel`, optimum's BetterTransformer). Neutral torch calls (`.to()`, "
            "`.eval()`, `.half()`) are not sites (convention 29).",
            why=_WHY_ENGINE + " The members exist on a transformers model only; behind a server the program "
            "neither converts the model nor measures its memory.",
            example="model = model.to_bettertransformer()\nprint(model.get_memory_footprint())",
            use_instead="the serving engine's own kernels and memory settings in the deployment",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV486",
        name="vllm-engine-tokenizer",
        kind=Kind.TOKENIZER,
        vendor="vllm",
        message="`{api}` reads the tokenizer or stop tokens a vLLM engine holds",
        matchers=(
            Reads(
                (
                    *(f"{engine}#tokenizer" for engine in _VLLM_ENGINES),
                    *(f"{params}#stop_token_ids" for params in _VLLM_SAMPLING_PARAMS),
                )
            ),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for reads of the tokenizer a vLLM engine loaded (`tokenizer = engine.tokenizer` on an "
            "`AsyncLLM`/`LLMEngine`) and of a `SamplingParams`' `stop_token_ids`; one site per function.",
            why=_WHY_ENGINE
            + " The tokenizer and the stop-token ids are the served model's; code that counts, "
            "decodes or stops with them must be checked against the target model.",
            example="tokenizer = engine.tokenizer\nif params.stop_token_ids: ...",
            use_instead="model.count_tokens(text)  # and stop sequences as text",
        ),
    ),
    Rule(
        code="SOV487",
        name="mlx-array-import",
        kind=Kind.IMPORT,
        vendor="mlx-lm",
        message="`{api}` imports MLX beside mlx-lm",
        matchers=(Imports(("mlx.core", "mlx.nn"), triggers=("mlx_lm",), alongside=("mlx_lm",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of MLX's array and layer libraries (`import mlx.core as mx`, `import mlx.nn as "
            "nn`) in a module that also imports mlx-lm. Alone they are a neutral array library, as torch is "
            "(convention 28).",
            why=_WHY_ENGINE
            + " Beside mlx-lm they hold the engine's arrays, caches and sampling state (Apple "
            "silicon only).",
            example="import mlx.core as mx\nfrom mlx_lm import load, stream_generate",
            use_instead="from sovmigrate.adapter import connect",
        ),
    ),
    Rule(
        code="SOV163",
        name="unsloth-model-load",
        kind=Kind.CLIENT,
        vendor="unsloth",
        message="`{api}` loads or prepares a model with Unsloth",
        matchers=(
            # unsloth/models/__init__.py: FastLanguageModel, FastModel, FastVisionModel, FastTextModel and the family
            # loaders (FastLlamaModel, FastMistralModel, FastQwen2Model...), all exported at the top.
            Calls(("unsloth.Fast*Model.from_pretrained", "unsloth.Fast*Model.for_inference")),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Unsloth's model loaders (unsloth 2026.10: `FastLanguageModel`, `FastModel`, "
            "`FastVisionModel`, `FastTextModel`, `FastLlamaModel`...): `from_pretrained(model_name=...)` and "
            "`for_inference(model)`, which patch a transformers model for Unsloth's own generation path.",
            why=_WHY_ENGINE + " The loader picks Unsloth's patched model class for the checkpoint's family "
            "(Llama, Mistral, Gemma, Qwen), often a pre-quantised `unsloth/...-bnb-4bit` repository.",
            example='model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", load_in_4bit=True)\n'
            "FastLanguageModel.for_inference(model)",
            use_instead='model = connect("transformers:<fine-tuned checkpoint>")',
            fix_safety=_NO_FIX,
        ),
    ),
    # ------------------------------------------------------------------ smaller engines
    _import(
        "SOV160",
        "local-engines",
        ("ctransformers", "gpt4all", "exllamav2", "mlx_lm", "mlc_llm"),
        "a local inference engine",
    ),
    Rule(
        code="SOV161",
        name="local-engine-model",
        kind=Kind.CLIENT,
        vendor="local-engines",
        message="`{api}` loads a model with a single-engine library",
        matchers=(
            Calls(
                (
                    "ctransformers.AutoModelForCausalLM.from_pretrained",
                    "ctransformers.AutoModelForCausalLM*",
                    "ctransformers.LLM",
                    "ctransformers.AutoConfig*",
                    "ctransformers.hub.*",
                    "gpt4all.GPT4All",
                    "gpt4all.GPT4All.*",
                    "gpt4all.Embed4All",
                    "gpt4all.gpt4all.*",
                    "exllamav2.ExLlamaV2",
                    "exllamav2.ExLlamaV2Config",
                    "exllamav2.ExLlamaV2Config#prepare",
                    "exllamav2.ExLlamaV2Cache*",
                    "exllamav2.cache.*",
                    "exllamav2.ExLlamaV2#load*",
                    "exllamav2.ExLlamaV2Lora*",
                    "exllamav2.model.*",
                    "exllamav2.config.*",
                    "exllamav2.generator.*Generator",
                    "exllamav2.generator.*GeneratorAsync",
                    "ctransformers.Config",
                    "exllamav2.ExLlamaV2VisionTower",
                    "exllamav2.ExLlamaV2MultimodalProjector",
                    "exllamav2.vlm.*",
                    "mlx_lm.load",
                    "mlx_lm.utils.load",
                    "mlx_lm.convert",
                    "mlx_lm.convert.convert",
                    # mlx-lm 0.32 utils.py and models/cache.py: model, adapter and sharded loads, prompt caches.
                    "mlx_lm.utils.load_model",
                    "mlx_lm.utils.load_adapters",
                    "mlx_lm.utils.*_load",
                    "mlx_lm.models.cache.*_prompt_cache",
                    "mlc_llm.MLCEngine",
                    "mlc_llm.AsyncMLCEngine",
                    "mlc_llm.serve.*Engine",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for model loading with ctransformers, gpt4all, exllamav2, mlx-lm and MLC LLM.",
            why=_WHY_ENGINE + " ctransformers (last release 2023) and gpt4all (2024) are no longer "
            "maintained, so these sites also carry an update risk.",
            example='llm = AutoModelForCausalLM.from_pretrained("TheBloke/Llama-2-7B-GGUF", model_type="llama")',
            use_instead='llm = connect("llamacpp:models/llama-2-7b.Q4_K_M.gguf")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV162",
        name="local-engine-generate",
        kind=Kind.INFERENCE,
        vendor="local-engines",
        message="`{api}` generates with a single-engine library",
        matchers=(
            Calls(
                (
                    "ctransformers.AutoModelForCausalLM*#*",
                    "ctransformers.LLM#*",
                    "gpt4all.GPT4All#*",
                    "gpt4all.Embed4All#embed",
                    "exllamav2.generator.*#*",
                    "exllamav2.generator.ExLlamaV2DynamicJob*",
                    "exllamav2.generator.*Sampler.Settings",
                    "exllamav2.ExLlamaV2#forward",
                    "exllamav2.ExLlamaV2#__call__",
                    "mlx_lm.generate",
                    "mlx_lm.stream_generate",
                    "mlx_lm.batch_generate",
                    "mlx_lm.generate.*generate",
                    "mlx_lm.generate.*generate_step",
                    "mlx_lm.utils.*generate",
                    "mlc_llm.*Engine#chat.completions.create",
                    "mlc_llm.*Engine#completions.create",
                    "mlc_llm.*Engine#embeddings.create",
                ),
                exclude=(
                    "*#tokenize",
                    "*#detokenize",
                    "*#encode",
                    "*#decode",
                    "*#num_tokens",
                    "*#tokenizer.*",
                    "*#disallow_tokens",
                    "*#token_bias*",
                    "*#terminate",
                ),
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for generation calls on ctransformers, gpt4all, exllamav2, mlx-lm and MLC LLM models.",
            why="Each library has its own parameter names and return shape (exllamav2 returns the prompt "
            "with the answer unless `completion_only=True`).",
            example='text = model.generate("Hello", max_tokens=200, temp=0.7)',
            use_instead=_ADAPTER_COMPLETE,
            fix_safety=_NO_FIX,
        ),
    ),
    # Unsloth's vLLM helpers (`unsloth_zoo.vllm_utils`): they load, patch and free a vLLM engine for training loops.
    Rule(
        code="SOV477",
        name="unsloth-vllm-import",
        kind=Kind.IMPORT,
        vendor="vllm",
        message="`{api}` imports Unsloth's vLLM helpers",
        matchers=(Imports(_UNSLOTH_VLLM),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what=f"Checks for imports of Unsloth's vLLM helpers (`{'`, `'.join(_UNSLOTH_VLLM)}`).",
            why="The module loads and patches a vLLM engine in-process; the import marks a file the migration edits.",
            example="from unsloth_zoo.vllm_utils import load_vllm, patch_vllm, delete_vllm",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV478",
        name="unsloth-vllm-engine",
        kind=Kind.CLIENT,
        vendor="vllm",
        message="`{api}` loads or drives a vLLM engine through Unsloth's helpers",
        matchers=(
            Calls(
                tuple(
                    f"unsloth_zoo.vllm_utils.{name}"
                    for name in (
                        "load_vllm",
                        "patch_vllm*",
                        "delete_vllm",
                        "generate_batches",
                        "get_vllm_state_dict",
                        "convert_vllm_to_huggingface",
                        "load_lora",
                        "save_lora",
                        "load_lora_directly",
                        "approximate_vllm_memory_usage",
                    )
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for Unsloth's vLLM helpers: `load_vllm(...)`, `patch_vllm()`, `delete_vllm(llm)`, "
            "`generate_batches(...)`, `get_vllm_state_dict(...)` and the LoRA helpers of `unsloth_zoo.vllm_utils`.",
            why=_WHY_ENGINE
            + " The helpers build engine arguments, patch vLLM's internals and copy weights between "
            "a training model and one vLLM version.",
            example="llm = load_vllm(model_name=name, config=config, gpu_memory_utilization=0.8)",
            use_instead="an OpenAI-compatible server started by the deployment, reached through connect()",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV480",
        name="llama-cpp-server-in-process",
        kind=Kind.CLIENT,
        vendor="llama-cpp-python",
        message="`{api}` runs llama-cpp-python's OpenAI-compatible server in-process",
        matchers=(
            Calls(
                (
                    "llama_cpp.server.app.create_app",
                    "llama_cpp.server.app.set_llama_proxy",
                    "llama_cpp.server.settings.*Settings",
                    "llama_cpp.server.app.*Settings",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for llama-cpp-python's server built in the program: `create_app(...)` (served with "
            "uvicorn) and its `Settings`/`ModelSettings`/`ServerSettings`.",
            why=_WHY_ENGINE + " The program embeds one engine's server, its model settings and its routes.",
            example="app = create_app(settings=Settings(model=model_path, n_ctx=4096))",
            use_instead="an OpenAI-compatible server started by the deployment (llama-server, vLLM...)",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV481",
        name="transformers-config-load",
        kind=Kind.CLIENT,
        vendor="transformers",
        message="`{api}` reads a model's configuration with transformers",
        matchers=(
            Calls(
                (
                    "transformers.AutoConfig.from_pretrained",
                    "transformers.PretrainedConfig.from_pretrained",
                    "transformers.GenerationConfig.from_pretrained",
                    "transformers.generation.GenerationConfig.from_pretrained",
                    "transformers.generation.configuration_utils.GenerationConfig.from_pretrained",
                    "transformers.*.configuration_*.*Config.from_pretrained",
                )
            ),
        ),
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for `AutoConfig.from_pretrained(model)` and the generation config read the same way: the "
            "program inspects one model's architecture, context length or generation defaults.",
            why=_WHY_ENGINE + " Code that branches on `config.architectures`, `max_position_embeddings` or "
            "`model_type` is written for the model family it reads.",
            example="config = AutoConfig.from_pretrained(model_name, trust_remote_code=False)",
            use_instead="the target model's settings in configuration (context length, chat template)",
            fix_safety=_NO_FIX,
        ),
    ),
)
