"""SOV7xx: engine features that need a manual port (grammars, logits processors, LoRA, logprobs)."""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Flags, Keywords, Kind, Level, Literal, Options, Rule, RuleDocs, lazy

_VENDOR_CALLS = (
    "llama_cpp.*",
    "vllm.*",
    "transformers.*",
    "ollama.*",
    "langchain*",
    "llama_index.*",
    "huggingface_hub.*",
    "text_generation.*Client*",
    "tgi.*Client*",
    "together.*",
    "groq.*",
    "fireworks.*",
    "ctransformers.*",
    "exllamav2.*",
    "llama_api_client.*",
    "llama_stack_client.*",
    "tensorrt_llm.*",
    "sglang.*",
    "lmdeploy.*",
    "gpt4all.*",
    "replicate.*",
    "ibm_watsonx_ai.*",
)
# OpenAI clients pointed at a local server or at one the code is configured with (vLLM, SGLang, llama.cpp, LM Studio):
# the same keywords there ask that server for an engine feature (`extra_body=` itself is SOV213).
# Constrained-decoding keywords engines and OpenAI-compatible servers share (vLLM's names).
_STRUCTURED_OUTPUT = (
    "response_format",
    "guided_json",
    "guided_regex",
    "guided_choice",
    "guided_grammar",
    "structured_outputs",
)
_OPENAI_ON_ENGINE = {"calls": ("openai.*",), "hosts": ("local", "configured")}
_MANUAL = "No automatic fix: the feature exists under another name, or not at all, on other engines."
# Generation options only Ollama takes (its Modelfile parameters and `options` of `/api/generate`, `/api/chat`):
# names no other engine or hosted API uses, so a dict key or mapping read of one is Ollama code wherever it is.
# `num_predict` (Ollama's name for max tokens) is left out: the labelled corpus marks it only in some splits (dspy,
# lightrag; not griptape, mem0 or Ollama's examples, where it is the same `{"num_predict": max_tokens}`).
_OLLAMA_OPTIONS = ("num_ctx", "num_gpu", "num_thread", "num_keep", "penalize_newline")
# Quoted, as the keys are: the bare words occur in unrelated code (`num_threads`, `bignum_ctx`).
_OLLAMA_TRIGGERS = (f"re:[\"'](?:{'|'.join(_OLLAMA_OPTIONS)})[\"']",)
# Ollama's names other engines use too, or for something else (`mirostat` is llama-cpp-python's `mirostat_mode`,
# `num_batch` a setting of other runtimes): Ollama's only in code the analysis ties to Ollama.
_OLLAMA_SAMPLER = (
    "num_batch",
    "main_gpu",
    "repeat_last_n",
    "mirostat",
    "mirostat_eta",
    "mirostat_tau",
    "tfs_z",
    "use_mmap",
    "use_mlock",
    "low_vram",
)
# vLLM's engine arguments that serve LoRA adapters (`LLM(..., enable_lora=True)`, `EngineArgs`, `--enable-lora`).
_VLLM_LORA = (
    "enable_lora",
    "max_lora_rank",
    "max_loras",
    "max_cpu_loras",
    "lora_modules",
    "lora_extra_vocab_size",
    "fully_sharded_loras",
)
# The rules that report an engine command written in Python (SOV234 started there, SOV880 built for later): the
# flags of one that select a non-portable feature (LoRA, speculative decoding, a grammar backend) are sites too.
_ENGINE_COMMANDS = ("SOV234", "SOV880")
# Request fields of llama.cpp's HTTP server (`/completion`) that OpenAI-compatible APIs do not have.
_LLAMA_SERVER_FIELDS = ("n_predict", "n_keep", "id_slot", "mirostat_tau", "mirostat_eta", "tfs_z")

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV700",
        name="grammar-constrained-decoding",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` constrains decoding with an engine-specific grammar",
        matchers=(
            Calls(("llama_cpp.LlamaGrammar*", "llama_cpp.llama_grammar.*")),
            Keywords(("grammar", "grammar_path"), _VENDOR_CALLS),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for `LlamaGrammar`, GBNF grammars and `grammar=` arguments to engine calls.",
            why="GBNF grammars are llama.cpp's format; vLLM and hosted APIs take JSON schemas, regexes or "
            "their own grammar dialects. Each grammar needs a manual port and a test.",
            example="grammar = LlamaGrammar.from_string(GBNF)\nllm(prompt, grammar=grammar)",
            use_instead='model.chat(messages, response_format={"type": "json_schema", "json_schema": schema})',
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV701",
        name="custom-logits-processing",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` hooks into the engine's sampling loop",
        matchers=(
            Calls(
                (
                    "llama_cpp.LogitsProcessorList",
                    "llama_cpp.StoppingCriteriaList",
                    "transformers.LogitsProcessorList",
                    "transformers.StoppingCriteriaList",
                    "transformers.LogitsProcessor",
                    "transformers.StoppingCriteria",
                    "transformers.generation.*LogitsProcessor*",
                    "transformers.generation.*StoppingCriteria*",
                    "exllamav2.generator.*Settings#disallow_tokens",
                    "exllamav2.generator.*Settings#*token_bias*",
                    "mlx_lm.sample_utils.make_sampler",
                    "mlx_lm.sample_utils.make_logits_processors",
                )
            ),
            Keywords(
                (
                    "logits_processor",
                    "logits_processors",
                    "stopping_criteria",
                    "prefix_allowed_tokens_fn",
                    "logit_bias",
                    "allowed_token_ids",
                    "bad_words_ids",
                ),
                _VENDOR_CALLS,
            ),
            Keywords(
                ("logits_processors", "logit_bias", "allowed_token_ids", "bad_words_ids"), **_OPENAI_ON_ENGINE
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for logits processors, stopping criteria, `logit_bias` and token allow/deny lists "
            "passed to engine calls.",
            why="These run inside one engine's sampling loop and usually index the vocabulary by token id, "
            "so they break twice: on another engine and on another tokenizer.",
            example="model.generate(**inputs, logits_processor=LogitsProcessorList([NoRepeat()]))",
            use_instead="Port the logic to the target engine, or replace it with `stop=`/`response_format=`.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV702",
        name="structured-output",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` asks the engine for structured (JSON) output",
        matchers=(
            Calls(
                (
                    "vllm.sampling_params.GuidedDecodingParams",
                    "vllm.sampling_params.StructuredOutputsParams",
                    "vllm.GuidedDecodingParams",
                    "vllm.StructuredOutputsParams",
                )
            ),
            Keywords(
                (*_STRUCTURED_OUTPUT, "guided_decoding", "format", "json_mode"),
                (
                    "llama_cpp.*",
                    "vllm.*",
                    "ollama.*",
                    "langchain*Ollama*",
                    "llama_index.llms.ollama.*",
                    "llama_api_client.*",
                    "together.*",
                    "groq.*",
                    "fireworks.*",
                    "llama_stack_client.*",
                    "huggingface_hub.*",
                    "sglang.*",
                    "lmdeploy.*",
                ),
            ),
            # SGLang's frontend constrains `sgl.gen` (and a program's run) by regex, JSON schema or EBNF grammar.
            Keywords(("regex", "json_schema", "ebnf"), ("sglang.*",)),
            Options("vllm", (*_STRUCTURED_OUTPUT[1:], "guided_decoding_backend")),
            Flags(
                (
                    "--grammar-backend",
                    "--guided-decoding-backend",
                    "--structured-outputs-config",
                    "--reasoning-parser",
                ),
                _ENGINE_COMMANDS,
            ),
            Options("sglang", ("regex", "ebnf")),
            Keywords(
                (*_STRUCTURED_OUTPUT, "guided_decoding_backend"),
                **_OPENAI_ON_ENGINE,
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for JSON-constrained decoding: vLLM `guided_*`/`structured_outputs`, llama-cpp-python "
            "`response_format`, Ollama `format=` (also as a key of a config dict whose model is `ollama/...`), "
            "SGLang `regex=`/`json_schema=`/`ebnf=`; the same names as dict keys or stores in code tied to vLLM or "
            "SGLang; a grammar backend or reasoning parser flag (`--grammar-backend`, `--guided-decoding-backend`, "
            "`--reasoning-parser`) of an engine command built in Python (SOV234, SOV880).",
            why="Every engine spells constrained decoding differently and supports a different subset of "
            "JSON Schema; outputs must be re-validated after a move.",
            example="ollama.chat(model=m, messages=msgs, format=Answer.model_json_schema())",
            use_instead='model.chat(msgs, response_format={"type": "json_schema", "json_schema": schema})',
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV703",
        name="lora-adapter",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` loads or hot-swaps a LoRA adapter",
        matchers=(
            Calls(
                (
                    "vllm.lora.request.LoRARequest",
                    "vllm.LoRARequest",
                    "peft.PeftModel.from_pretrained",
                    # peft 0.1x: the task-specific classes and the Auto classes load an adapter the same way.
                    "peft.PeftModelFor*.from_pretrained",
                    "peft.AutoPeftModel*.from_pretrained",
                    "peft.peft_model.PeftModel*.from_pretrained",
                    "peft.get_peft_model",
                    "transformers.*#load_adapter",
                    "transformers.*#set_adapter",
                )
            ),
            Keywords(
                ("lora_request", "lora_path", "lora_base", "lora_scale", "enable_lora", "max_loras"),
                _VENDOR_CALLS,
            ),
            Options("vllm", _VLLM_LORA),
            Flags(("--enable-lora", "--lora-modules", "--lora-paths"), _ENGINE_COMMANDS),
            Options("sglang", ("enable_lora", "max_lora_rank", "lora_paths", "max_loras_per_batch")),
        ),
        effort_driver="fine_tuning",
        docs=RuleDocs(
            what="Checks for LoRA requests, `lora_path=` and PEFT adapter loading; vLLM's and SGLang's LoRA engine "
            'arguments as dict keys in code tied to the engine (`{"enable_lora": True, "max_lora_rank": 64}`); '
            "`--enable-lora`/`--lora-modules`/`--lora-paths` on an engine command built in Python (one per list).",
            why="A LoRA adapter is trained for one base model and cannot be moved to another family: it "
            "must be re-trained on the target (see the fine-tuning rights in `sovmigrate receipts`).",
            example='llm.generate(prompts, params, lora_request=LoRARequest("sql", 1, "/adapters/sql"))',
            use_instead="Re-train the adapter on the target base model; keep its path in configuration.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV704",
        name="logprobs-parsing",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` requests token log-probabilities",
        matchers=(
            Keywords(
                (
                    "logprobs",
                    "top_logprobs",
                    "prompt_logprobs",
                    "n_probs",
                    "output_scores",
                    "return_dict_in_generate",
                    "return_logprob",
                    "top_logprobs_num",
                    "logprob_start_len",
                ),
                _VENDOR_CALLS,
            ),
            Keywords(("logprobs", "top_logprobs", "prompt_logprobs"), **_OPENAI_ON_ENGINE),
            Options("vllm", ("logprobs", "prompt_logprobs", "logprobs_mode", "max_logprobs")),
            Options("sglang", ("return_logprob", "top_logprobs_num", "logprob_start_len")),
            Flags(("--logprobs-mode", "--max-logprobs"), _ENGINE_COMMANDS),
        ),
        effort_driver="complex_site",
        level=Level.WARNING,
        docs=RuleDocs(
            what="Checks for log-probability requests (`logprobs=`, `prompt_logprobs=`, `output_scores=`, SGLang "
            "`return_logprob=`), one finding per call; vLLM's `logprobs`/`prompt_logprobs`/`logprobs_mode`/"
            "`max_logprobs` and SGLang's `return_logprob`/`top_logprobs_num` as dict keys, stores or pops in code "
            "tied to the engine (not in a dict a function returns, nor in one handed to a call no rule reports); "
            "`--logprobs-mode`/`--max-logprobs` on an engine command built in Python.",
            why="Log-probabilities come back in a different shape from each engine and refer to tokens of one "
            "vocabulary, so scoring, calibration and confidence code must be re-checked.",
            example="out = llm(prompt, logprobs=5)\ntop = out['choices'][0]['logprobs']['top_logprobs']",
            use_instead="Check `model.capabilities.logprobs` and read OpenAI-shaped logprobs from the adapter.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV705",
        name="speculative-decoding",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` configures speculative decoding",
        matchers=(
            Calls(("llama_cpp.llama_speculative.*",)),
            Keywords(
                (
                    "draft_model",
                    "speculative_config",
                    "speculative_model",
                    "num_speculative_tokens",
                    "assistant_model",
                ),
                _VENDOR_CALLS,
            ),
            Options("vllm", ("speculative_config", "speculative_model", "num_speculative_tokens")),
            Flags(
                (
                    "--speculative-config",
                    "--speculative-model",
                    "--num-speculative-tokens",
                    "--speculative-algorithm",
                    "--speculative-draft-model-path",
                    "--model-draft",
                ),
                _ENGINE_COMMANDS,
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for draft models and speculative-decoding settings: keywords, vLLM's engine arguments "
            "as dict keys in vLLM code, and `--speculative-config`-like flags of an engine command built in Python.",
            why="The draft model must share the target's tokenizer, so it is replaced together with the model.",
            example="Llama(model_path=p, draft_model=LlamaPromptLookupDecoding(num_pred_tokens=10))",
            use_instead="Configure speculative decoding in the target engine's deployment.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV706",
        name="ollama-only-option",
        kind=Kind.COMPLEX,
        vendor="ollama",
        message="`{api}` is a generation option only Ollama has",
        matchers=(
            Literal(
                lazy(rf"^(?:{'|'.join(_OLLAMA_OPTIONS)})\Z"), context="option-key", triggers=_OLLAMA_TRIGGERS
            ),
            Options("ollama", _OLLAMA_SAMPLER),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for Ollama's own option names (`num_ctx`, `num_gpu`, `num_thread`, "
            "`num_keep`, `penalize_newline`) as dict keys or mapping keys wherever the options are "
            'built or read: `{"num_ctx": n}`, `settings.update({"num_ctx": n})`, `opts["num_gpu"] = 1`, '
            '`options.get("num_ctx", 2048)`; and, in a function, class or module tied to Ollama by the analysis '
            "(an Ollama client, call or import), its sampler and runtime names `repeat_last_n`, `mirostat*`, "
            '`tfs_z`, `num_batch`, `main_gpu`, `use_mmap`, `use_mlock`, `low_vram`: `kwargs["options"] = '
            '{"repeat_last_n": 64}`.',
            why="Other engines size the context at deployment (`--max-model-len`, `n_ctx`) and call the token "
            "budget `max_tokens`: each option needs a decision, not a rename.",
            example='payload = {"model": m, "prompt": p, "options": {"num_ctx": 8192, "num_gpu": 1}}',
            use_instead="`max_tokens=` on the adapter call; the context window in the engine's deployment.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV707",
        name="llama-server-only-field",
        kind=Kind.COMPLEX,
        vendor="llama-cpp-python",
        message="`{api}` sets a request field only llama.cpp's server has",
        matchers=(Keywords(_LLAMA_SERVER_FIELDS, ("llama_cpp.server.app",)),),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for request fields of llama.cpp's HTTP server that OpenAI-compatible APIs lack "
            "(`n_predict`, `n_keep`, `id_slot`, `mirostat_tau`, `mirostat_eta`, `tfs_z`) in the body of a request "
            'to an inference server (SOV233), where they are set: `{"prompt": p, "n_predict": 128}`, '
            '`request["n_keep"] = -1`. Log-probabilities (`n_probs`) are SOV704. The same names in a local '
            "engine's own settings (GPT4All's `n_predict`) are not reported.",
            why="The native `/completion` body is llama.cpp's alone: the token budget, log-probabilities and "
            "sampler settings have other names, or none, elsewhere.",
            example='requests.post(f"{url}/completion", json={"prompt": p, "n_predict": 128, "n_keep": -1})',
            use_instead="`max_tokens=` and `logprobs=` on the adapter call.",
            fix_safety=_MANUAL,
        ),
    ),
    Rule(
        code="SOV708",
        name="engine-only-sampling-option",
        kind=Kind.COMPLEX,
        vendor="any",
        message="`{api}` is a sampling option only this engine takes",
        matchers=(
            Options(
                "vllm",
                (
                    "ignore_eos",
                    "best_of",
                    "stop_token_ids",
                    "min_tokens",
                    "include_stop_str_in_output",
                    "truncate_prompt_tokens",
                ),
            ),
            Options("sglang", ("ignore_eos", "stop_token_ids", "min_new_tokens", "no_stop_trim")),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for sampling options only vLLM or SGLang take (`ignore_eos`, `best_of`, `stop_token_ids`, "
            "`min_tokens`, `no_stop_trim`...) written as dict keys, stores or pops in a function, class or module "
            'that uses the engine: `params["ignore_eos"] = True`, `{"best_of": 1, "temperature": 0}` handed to '
            "`SamplingParams(**params)`. The same keys in code that uses no such engine are not reported.",
            why="Hosted APIs and other engines reject or ignore these options, or spell them differently; "
            "`ignore_eos` and token-id stops are tied to one tokenizer as well.",
            example='params = {"temperature": 0.0, "best_of": 1, "ignore_eos": True}\nSamplingParams(**params)',
            use_instead="`max_tokens=` and `stop=` strings on the adapter call.",
            fix_safety=_MANUAL,
        ),
    ),
)
