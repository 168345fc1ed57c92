"""SOV6xx: tokenizer use tied to one model family."""

from __future__ import annotations

from sovmigrate.rules.model import Assigns, Calls, Imports, Kind, Level, Reads, Rule, RuleDocs

_WHY_TOKENIZER = (
    "Token counts, ids and budgets computed with one tokenizer are wrong for another family: Llama 3 "
    "and Mistral split the same text into different numbers of tokens. Run `sovmigrate tokens check` "
    "to see how much the target tokenizer inflates your prompts."
)

# Tokenizers an engine holds, whose special tokens a program reads to drive that engine (stop, prefix). Reads on
# a plain transformers tokenizer are not reported: data preparation and padding read them everywhere.
_TOKENIZERS = ("sglang.Engine#tokenizer_manager.tokenizer",)
_SPECIAL_TOKENS = (
    "eos_token_id",
    "bos_token_id",
    "pad_token_id",
    "eos_token",
    "bos_token",
    "pad_token",
    "unk_token_id",
)

# Classes named `*Processor*` in transformers that are no model processors: generation hooks (SOV701's).
_NOT_PROCESSORS = tuple(
    f"{name}{method}"
    for name in ("transformers.*Logits*", "transformers.generation.*", "transformers.*Watermark*")
    for method in ("", "#*")
)

# The Hugging Face tokenizer an engine loads and holds (`llm.get_tokenizer()`, vLLM's and SGLang's `get_tokenizer`).
_ENGINE_TOKENIZERS = (
    "vllm.transformers_utils.tokenizer.AnyTokenizer",
    "sglang.srt.hf_transformers_utils.Tokenizer",
)

# mistral-common 1.13 (mistral_common/tokens/tokenizers/mistral.py): Mistral's own tokenizer, loaded by version
# (`MistralTokenizer.v3()`), by model name or from a file, and its request encoders.
_MISTRAL_TOKENIZERS = (
    "mistral_common.tokens.tokenizers.mistral.MistralTokenizer",
    "mistral_common.tokens.tokenizers.tekken.Tekkenizer",
    "mistral_common.tokens.tokenizers.sentencepiece.SentencePieceTokenizer",
)
_MISTRAL_LOADS = ("", ".v1", ".v2", ".v3", ".v7", ".from_model", ".from_file", ".from_hf_hub")
_MISTRAL_CODECS = ("encode_chat_completion", "encode_fim", "encode", "decode")

# What an annotation naming a type says it holds, where the type alone does not tell the model: a parameter or
# field annotated `tiktoken.Encoding` is most often one of OpenAI's stock encodings (`tiktoken.get_encoding`),
# not an Encoding built from a model's BPE file (Llama 3's tokenizer, which `tiktoken.Encoding(...)` finds).
ANNOTATED_TYPES: dict[str, str] = {"tiktoken.Encoding": "tiktoken.openai_public.Encoding"}


RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV600",
        name="tokenizer-load",
        kind=Kind.TOKENIZER,
        vendor="transformers",
        message="`{api}` loads a model-specific tokenizer",
        matchers=(
            Calls(
                (
                    "transformers.AutoTokenizer.from_pretrained",
                    "transformers.AutoTokenizer",
                    "transformers.Llama*Tokenizer*",
                    "transformers.PreTrainedTokenizerFast*",
                    "transformers.AutoProcessor.from_pretrained",
                    "transformers.models.llama.*Tokenizer*",
                    # A model's own tokenizer class (`RobertaTokenizer`, `T5TokenizerFast`, `GemmaTokenizer`...)
                    # loads that checkpoint's vocabulary as AutoTokenizer does.
                    "transformers.*Tokenizer.from_pretrained",
                    "transformers.*TokenizerFast.from_pretrained",
                    "sentencepiece.SentencePieceProcessor",
                    "tiktoken.Encoding",
                    "tiktoken.load.load_tiktoken_bpe",
                    "tokenizers.Tokenizer.from_file",
                    "tokenizers.Tokenizer.from_pretrained",
                    "vllm.LLM#get_tokenizer",
                    "vllm.transformers_utils.tokenizer.get_tokenizer",
                    "sglang.srt.hf_transformers_utils.get_tokenizer",
                    "sglang.srt.utils.hf_transformers_utils.get_tokenizer",
                    "llama.Tokenizer",
                    "llama.tokenizer.Tokenizer",
                    "llama_models.*Tokenizer*",
                    "llama_stack.models.llama.*Tokenizer*",
                    "llama_cpp.llama_tokenizer.*",
                    "exllamav2.ExLlamaV2Tokenizer",
                    "exllamav2.tokenizer.*Tokenizer",
                    "ctransformers.AutoTokenizer*",
                    "lmdeploy.Tokenizer",
                    "sglang.*Runtime#get_tokenizer",
                    "mlx_lm.utils.load_tokenizer",
                    *(f"{tokenizer}{load}" for tokenizer in _MISTRAL_TOKENIZERS for load in _MISTRAL_LOADS),
                    "mlx_lm.tokenizer_utils.load",
                    "vllm.AsyncLLMEngine*#get_tokenizer",
                )
            ),
            # transformers 4.5x/5.x processors of vision-language models (`*Processor`, `*ImageProcessor`,
            # `AutoImageProcessor`): they carry the tokenizer and the image preprocessing (dev9's call: `tokenizer`).
            Calls(("transformers.*Processor*.from_pretrained",), exclude=_NOT_PROCESSORS),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for tokenizer loading: `AutoTokenizer.from_pretrained`, `LlamaTokenizer(Fast)`, "
            "SentencePiece and tiktoken files (`load_tiktoken_bpe`, `tiktoken.Encoding(...)` built from a model's "
            "BPE ranks, as Llama 3's tokenizer is), `tokenizers.Tokenizer`, `llm.get_tokenizer()`. OpenAI's stock "
            'encodings (`tiktoken.get_encoding("cl100k_base")`), used to estimate token counts, are not reported.',
            why=_WHY_TOKENIZER,
            example='tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")',
            use_instead="n = model.count_tokens(text)  # the adapter counts with the target model's tokenizer",
        ),
    ),
    Rule(
        code="SOV601",
        name="apply-chat-template",
        kind=Kind.PROMPT_FORMAT,
        vendor="transformers",
        message="`{api}` renders a chat template by hand",
        matchers=(
            Calls(
                (
                    "transformers.*Tokenizer*#apply_chat_template",
                    "transformers.AutoProcessor*#apply_chat_template",
                    "transformers.*Processor#apply_chat_template",
                    "transformers.PreTrainedTokenizerBase#apply_chat_template",
                    # The tokenizer a text-generation pipeline holds (`pipe.tokenizer.apply_chat_template(...)`).
                    "transformers.pipeline#tokenizer.apply_chat_template",
                    "transformers.*Pipeline#tokenizer.apply_chat_template",
                    "mlx_lm.tokenizer_utils.TokenizerWrapper#apply_chat_template",
                    "sglang.Engine#tokenizer_manager.tokenizer.apply_chat_template",
                    *(f"{tokenizer}#apply_chat_template" for tokenizer in _ENGINE_TOKENIZERS),
                    "vllm.entrypoints.chat_utils.resolve_hf_chat_template",
                    "vllm.renderers.hf.resolve_chat_template",
                ),
                # A tokenizer passed in (a parameter, a framework field) in a module that imports transformers.
                distinctive=("apply_chat_template",),
            ),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for `tokenizer.apply_chat_template(...)`.",
            why="Rendering the template in application code couples it to the tokenizer's return types "
            "(transformers 5 returns a `BatchEncoding` by default) and to one template; engines do this "
            "when they are given `messages`.",
            example="inputs = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors='pt')",
            use_instead="reply = model.chat(messages)",
        ),
    ),
    Rule(
        code="SOV602",
        name="tokenizer-encode-decode",
        kind=Kind.TOKENIZER,
        vendor="any",
        message="`{api}` encodes or decodes with a model-specific tokenizer",
        matchers=(
            Calls(
                (
                    "transformers.*Tokenizer*#encode",
                    "transformers.*Tokenizer*#decode",
                    "transformers.*Tokenizer*#batch_decode",
                    "transformers.*Tokenizer*#__call__",
                    "transformers.*Tokenizer*#convert_tokens_to_ids",
                    "transformers.*Tokenizer*#convert_tokens_to_string",
                    "transformers.*Tokenizer*#convert_ids_to_tokens",
                    "transformers.*Tokenizer*#tokenize",
                    "transformers.pipeline#tokenizer.encode",
                    "transformers.pipeline#tokenizer.decode",
                    "transformers.*Pipeline#tokenizer.encode",
                    "transformers.*Pipeline#tokenizer.decode",
                    # the pipeline's tokenizer called on text (`pipe.tokenizer(doc, truncation=True)`)
                    "transformers.pipeline#tokenizer",
                    "transformers.*Pipeline#tokenizer",
                    "sentence_transformers.SentenceTransformer#tokenize",
                    "llama_cpp.Llama#tokenize",
                    "llama_cpp.Llama#detokenize",
                    "sentencepiece.SentencePieceProcessor#*code*",
                    "tiktoken.Encoding#encode*",
                    "tiktoken.Encoding#decode*",
                    "tokenizers.Tokenizer*#encode*",
                    "tokenizers.Tokenizer*#decode*",
                    "llama_cpp.llama_tokenizer.*#*code*",
                    "llama_cpp.llama_tokenizer.*#tokenize",
                    "llama_cpp.Llama#token_*",
                    "llama_cpp.Llama#n_vocab",
                    "llama_cpp.Llama#tokenizer",
                    "exllamav2.ExLlamaV2Tokenizer#*",
                    "exllamav2.generator.*#tokenizer.*",
                    "ctransformers.AutoModelForCausalLM*#*tokenize",
                    "ctransformers.LLM#*tokenize",
                    "llama.*Tokenizer#*code*",
                    "llama_models.*Tokenizer#*code*",
                    "llama_stack.models.llama.*Tokenizer#*code*",
                    "lmdeploy.Tokenizer#*code*",
                    # lmdeploy 0.0.14's legacy chatbot turns stop words into token ids with its own tokenizer.
                    "lmdeploy.serve.turbomind.chatbot.Chatbot#_stop_words",
                    "gpt4all.Embed4All#*tokenize",
                    "transformers.PreTrainedTokenizerBase#convert_tokens_to_ids",
                    "transformers.PreTrainedTokenizerBase#convert_tokens_to_string",
                    "transformers.PreTrainedTokenizerBase#convert_ids_to_tokens",
                    "transformers.PreTrainedTokenizerBase#batch_decode",
                    *(
                        f"{tokenizer}#{method}"
                        for tokenizer in _MISTRAL_TOKENIZERS
                        for method in _MISTRAL_CODECS
                    ),
                    "mlx_lm.tokenizer_utils.TokenizerWrapper#encode",
                    "mlx_lm.tokenizer_utils.TokenizerWrapper#decode",
                    "sglang.Engine#tokenizer_manager.tokenizer",
                    "sglang.Engine#tokenizer_manager.tokenizer.*code",
                    "sglang.Engine#tokenizer_manager.tokenizer.tokenize",
                    "sglang.Engine#tokenizer_manager.tokenizer.convert_tokens_to_ids",
                    *(
                        f"{tokenizer}#{method}"
                        for tokenizer in _ENGINE_TOKENIZERS
                        for method in (
                            "encode",
                            "decode",
                            "batch_decode",
                            "__call__",
                            "convert_tokens_to_ids",
                            "convert_tokens_to_string",
                            "convert_ids_to_tokens",
                            "tokenize",
                        )
                    ),
                ),
                distinctive=(
                    "convert_tokens_to_ids",
                    "batch_decode",
                    "convert_tokens_to_string",
                    "convert_ids_to_tokens",
                ),
            ),
            Calls(
                tuple(
                    f"transformers.*Processor*#{method}"
                    for method in (
                        "__call__",
                        "preprocess",
                        "encode",
                        "decode",
                        "batch_decode",
                        "tokenizer.*",
                    )
                ),
                exclude=_NOT_PROCESSORS,
            ),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for `encode`, `decode`, `tokenize` and `convert_tokens_to_ids` on a model tokenizer "
            "and on llama-cpp-python models.",
            why=_WHY_TOKENIZER + " Stored token ids (datasets, caches) must be re-tokenized.",
            example='n_tokens = len(llm.tokenize(text.encode("utf-8")))',
            use_instead="n_tokens = model.count_tokens(text)",
        ),
    ),
    Rule(
        code="SOV603",
        name="tokenizer-special-token-override",
        kind=Kind.TOKENIZER,
        vendor="transformers",
        message="`{api}` overrides a tokenizer's special tokens or chat template",
        matchers=(
            Assigns(
                tuple(
                    f"{tokenizer}#{attribute}"
                    for tokenizer in (
                        "transformers.*Tokenizer*",
                        "transformers.AutoProcessor*",
                        *_ENGINE_TOKENIZERS,
                    )
                    for attribute in (
                        "pad_token",
                        "pad_token_id",
                        "eos_token",
                        "eos_token_id",
                        "bos_token",
                        "bos_token_id",
                        "chat_template",
                        "unk_token",
                    )
                )
            ),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for assignments to a tokenizer's special tokens or chat template "
            "(`tok.pad_token = tok.eos_token`, `tok.chat_template = ...`).",
            why=_WHY_TOKENIZER
            + " Which token can stand in for padding, and which template is right, depends "
            "on the model family: Llama has no pad token, Qwen and Mistral define their own.",
            example="tokenizer.pad_token = tokenizer.eos_token",
            use_instead="Let the target engine handle padding and templates; check the target tokenizer's "
            "special tokens with `sovmigrate tokens check`.",
        ),
    ),
    Rule(
        code="SOV604",
        name="tokenizer-special-token-read",
        kind=Kind.TOKENIZER,
        vendor="any",
        message="`{api}` reads a model-specific special token",
        matchers=(
            Reads(tuple(f"{tokenizer}.{token}" for tokenizer in _TOKENIZERS for token in _SPECIAL_TOKENS)),
            Reads(
                tuple(f"{tokenizer}#{token}" for tokenizer in _ENGINE_TOKENIZERS for token in _SPECIAL_TOKENS)
            ),
        ),
        effort_driver="token_site",
        docs=RuleDocs(
            what="Checks for reads of the special tokens (`tok.eos_token_id`, `tok.bos_token_id`, `tok.pad_token`...) "
            "of a tokenizer an engine holds (`engine.tokenizer_manager.tokenizer` in SGLang, vLLM's "
            "`llm.get_tokenizer()`/`get_tokenizer(...)`, SGLang's `get_tokenizer(...)`); one site per function. "
            "Reads on a plain transformers tokenizer are not reported.",
            why=_WHY_TOKENIZER
            + " Special-token ids differ between families (Llama 3 ends a turn with 128009, Mistral with 2, Qwen "
            "with 151645): code that stops, pads or prefixes with them must be checked against the target.",
            example="tokenizer = engine.tokenizer_manager.tokenizer\nstop_id = tokenizer.eos_token_id",
            use_instead="Let the target engine stop at its own end-of-turn token; check the target tokenizer's "
            "special tokens with `sovmigrate tokens check`.",
        ),
    ),
)

RULES = (
    *RULES,
    Rule(
        code="SOV606",
        name="mistral-common-import",
        kind=Kind.IMPORT,
        vendor="mistral-common",
        message="`{api}` imports mistral-common, Mistral's tokenizer and request format",
        matchers=(Imports(("mistral_common",)),),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports of mistral-common (`mistral_common.tokens.tokenizers.mistral`, "
            "`mistral_common.protocol.instruct`...), the library that tokenizes and validates Mistral requests.",
            why=_WHY_TOKENIZER + " mistral-common encodes prompts for Mistral models only (convention 14).",
            example="from mistral_common.tokens.tokenizers.mistral import MistralTokenizer",
            use_instead="n = model.count_tokens(text)  # the adapter counts with the target model's tokenizer",
        ),
    ),
)
