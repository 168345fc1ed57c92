"""SOV17x: Meta's reference Llama code (the `llama` package of the llama/llama3 repositories, `llama_models`).

The reference code loads raw Llama checkpoints with torch (`Llama.build`), runs them with its own
`Transformer`, tokenizes with Meta's tiktoken/SentencePiece tokenizer and formats dialogs with its own
`ChatFormat`. None of it runs another model family.

Projects often copy the reference `llama/` folder into their own package (`mypkg/llama/generation.py`) and
import it relatively or by their own path; the scanner reads such a copy as the package itself
(`VENDORED_COPIES` in `sovmigrate.rules.vocabulary`), so these rules find its users too.
"""

from __future__ import annotations

from sovmigrate.rules.model import Calls, Imports, Kind, Level, Rule, RuleDocs

_WHY = (
    "The reference code loads raw Llama checkpoints with torch and Meta's own tokenizer; it runs only "
    "Llama weights and is not an engine for other families."
)
_NO_FIX = "No automatic fix: the reference generator has no equivalent call shape elsewhere."
# `llama_models` (pip) and the copy Llama Stack vendors as `llama_stack.models.llama`.
_MODELS = ("llama_models", "llama_stack.models.llama")
# `Llama` in the llama/llama3 repositories, `Llama3`/`Llama4` in llama_models.
_GENERATORS = (
    "llama.Llama",
    "llama.generation.Llama",
    *(f"{root}.*generation.Llama*" for root in _MODELS),
)
# LLaMA 1 (facebookresearch/llama, 2023) is built directly: `generator = LLaMA(model, tokenizer)`, then
# `generator.generate(prompts, max_gen_len=...)`.
_FIRST_GENERATORS = ("llama.LLaMA", "llama.generation.LLaMA")

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV170",
        name="meta-llama-reference",
        kind=Kind.CLIENT,
        vendor="meta-llama-reference",
        message="`{api}` uses Meta's reference `llama` package",
        matchers=(
            Calls(
                (
                    *(f"{g}.build" for g in _GENERATORS),
                    *(f"{g}#*" for g in (*_GENERATORS, *_FIRST_GENERATORS)),
                    *_FIRST_GENERATORS,
                    "llama.generation.*",
                    *(f"{root}.*generation.*" for root in _MODELS),
                )
            ),
        ),
        effort_driver="call_site",
        docs=RuleDocs(
            what="Checks for `Llama.build(...)`, `generator.chat_completion(...)`, `generator.text_completion(...)` "
            "and `generator.completion(...)` from Meta's reference repositories and `llama_models`.",
            why=_WHY,
            example="generator = Llama.build(ckpt_dir=ckpt, tokenizer_path=tok, max_seq_len=512)",
            use_instead='model = connect("transformers:path/to/converted-model")',
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV171",
        name="meta-llama-reference-import",
        kind=Kind.IMPORT,
        vendor="meta-llama-reference",
        message="`{api}` imports Meta's reference Llama code",
        matchers=(
            Imports(
                (
                    "llama.Llama",
                    "llama.LLaMA",
                    "llama.Dialog",
                    "llama.generation",
                    "llama.model",
                    "llama.tokenizer",
                    "llama.Tokenizer",
                    "llama.ModelArgs",
                    "llama.Transformer",
                    "llama.ChatFormat",
                    "llama_models",
                )
            ),
        ),
        level=Level.NOTE,
        effort_driver="api_surface",
        docs=RuleDocs(
            what="Checks for imports from Meta's reference `llama` package (`from llama import Llama, Dialog`, "
            "`llama.generation`, `llama.model`, `llama.tokenizer`), from a copy of it inside the project "
            "(`from .llama import Llama`, `from mypkg.llama.model import Transformer`) and from `llama_models`.",
            why=_WHY + " The import marks a file the migration rewrites.",
            example="from llama import Dialog, Llama",
            use_instead="from sovmigrate.adapter import connect",
            fix_safety="Removed by the codemods once no use of the module is left.",
        ),
    ),
    Rule(
        code="SOV172",
        name="meta-llama-reference-model",
        kind=Kind.COMPLEX,
        vendor="meta-llama-reference",
        message="`{api}` builds Meta's reference Llama network",
        matchers=(
            Calls(
                (
                    "llama.model.*",
                    "llama.Transformer",
                    "llama.ModelArgs",
                    *(f"{root}.*.model.*" for root in _MODELS),
                    *(f"{root}.*ModelArgs" for root in _MODELS),
                    *(f"{root}.*Transformer" for root in _MODELS),
                )
            ),
        ),
        effort_driver="complex_site",
        docs=RuleDocs(
            what="Checks for the reference `Transformer` and `ModelArgs` (model definition and checkpoint loading). "
            "The calls made on the network (`forward`, `setup_cache`...) belong to the code that builds it: one site.",
            why="Code that instantiates the network itself (training, conversion, custom decoding) is tied to the "
            "Llama architecture and to Meta's checkpoint layout.",
            example="model = Transformer(ModelArgs(**params))\nmodel.load_state_dict(torch.load(ckpt))",
            use_instead="Load the target model with its engine; keep custom decoding behind the adapter.",
            fix_safety=_NO_FIX,
        ),
    ),
    Rule(
        code="SOV173",
        name="meta-llama-chat-format",
        kind=Kind.PROMPT_FORMAT,
        vendor="meta-llama-reference",
        message="`{api}` formats dialogs with Meta's reference chat format",
        matchers=(
            Calls(
                (
                    "llama.ChatFormat",
                    "llama.tokenizer.ChatFormat",
                    "llama.*ChatFormat#*",
                    *(f"{root}.*ChatFormat" for root in _MODELS),
                    *(f"{root}.*ChatFormat#*" for root in _MODELS),
                )
            ),
        ),
        effort_driver="template_site",
        docs=RuleDocs(
            what="Checks for `ChatFormat(...)` and its `encode_dialog_prompt`/`encode_message`/"
            "`decode_assistant_message` calls.",
            why="The reference chat format writes Llama's header tokens by hand; another family needs its own "
            "template, which engines apply from the model's tokenizer metadata.",
            example="tokens = ChatFormat(tokenizer).encode_dialog_prompt(dialog)",
            use_instead="reply = model.chat(dialog)",
            fix_safety=_NO_FIX,
        ),
    ),
)
