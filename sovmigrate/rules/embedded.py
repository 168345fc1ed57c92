"""SOV880-SOV889: deployment text held in Python strings (engine commands built for later), and chat templates.

Code that starts an engine often builds the command first and hands it to a helper of its own
(`cmd = f"python -m sglang.launch_server --model-path {m}"` ... `run_shell(cmd)`), or writes a YAML config for a
tool from a string (`api_base: "http://localhost:8000/v1"`). The text is the same as in a script or a config file.
"""

from __future__ import annotations

from sovmigrate.rules.literals import _template as template_rule
from sovmigrate.rules.manifests import (
    ENGINE_CLI,
    ENGINE_CLI_TRIGGERS,
    ENGINE_CONTAINER,
    ENGINE_CONTAINER_TRIGGERS,
)
from sovmigrate.rules.model import Kind, Literal, Rule, RuleDocs, lazy

# The whole string is the command (a message that mentions one, `"run vllm serve first"`, does not start with it).
_COMMAND_START = r"^\s*(?:sudo\s+|exec\s+|nohup\s+|[A-Z_][A-Z0-9_]*=\S*\s+)*"

# An engine's server as one word of an argv list built for later: the `-m` module (`[sys.executable, "-m",
# "vllm.entrypoints.cli.main", "serve", model]`) or the program (`["llama-server", "-m", path]`).
_ENGINE_PROGRAM = lazy(
    r"^(?P<api>vllm\.entrypoints\.[\w.]+|sglang\.launch_server|sglang_router\.launch_server|llama_cpp\.server"
    r"|mlx_lm\.server|aphrodite\.endpoints\.[\w.]+|fastchat\.serve\.[\w.]+|lmdeploy\.serve\.[\w.]+"
    r"|llama-server|text-generation-launcher|trtllm-serve)$"
)

# A model family's special token written regex-escaped, as tool-call and output parsers match it
# (`r"(.+?)<\|eom\|>"`, `r"<\|Commands\|>:(.*?)<eoc>"`): `<|...|>` markup is one family's vocabulary.
_ESCAPED_SPECIAL_TOKEN = lazy(r"<\\\|[A-Za-z_][\w-]*\\\|>")

RULES: tuple[Rule, ...] = (
    Rule(
        code="SOV825",
        name="escaped-special-token",
        kind=Kind.PROMPT_FORMAT,
        vendor="any",
        message="regular expression matches a model family's special token",
        matchers=(Literal(_ESCAPED_SPECIAL_TOKEN, in_fstrings=True, triggers=("\\|>",)),),
        effort_driver="template_site",
        docs=RuleDocs(
            what='Checks Python strings for a special token written regex-escaped (`r"(.+?)<\\|eom\\|>"`, '
            '`r"<\\|Commands\\|>:(.*?)<eoc>"`), as tool-call and output parsers match a family\'s markup. '
            "Unescaped markup is the chat-template rules'.",
            why="The token belongs to one model family's vocabulary; the parser stops matching when the model changes.",
            example='toolcall_pattern = r"(.+?)<\\|eom\\|>"',
            use_instead="Structured tool calls from the OpenAI-compatible API (`tools=`), parsed by the server.",
        ),
    ),
    Rule(
        code="SOV880",
        name="engine-command-string",
        kind=Kind.CONFIG,
        vendor="any",
        message="string holds the engine command `{api}`",
        matchers=(
            Literal(
                lazy(_COMMAND_START + ENGINE_CLI.pattern), in_fstrings=True, triggers=ENGINE_CLI_TRIGGERS
            ),
            Literal(
                lazy(_COMMAND_START + ENGINE_CONTAINER.pattern, ENGINE_CONTAINER.flags),
                in_fstrings=True,
                triggers=ENGINE_CONTAINER_TRIGGERS,
            ),
            Literal(
                _ENGINE_PROGRAM,
                triggers=(
                    "vllm.entrypoints",
                    "launch_server",
                    "llama_cpp.server",
                    "mlx_lm.server",
                    "aphrodite.endpoints",
                    "fastchat.serve",
                    "lmdeploy.serve",
                    "llama-server",
                    "text-generation-launcher",
                    "trtllm-serve",
                ),
            ),
        ),
        effort_driver="deployment",
        docs=RuleDocs(
            what="Checks Python strings (f-strings too) that are an engine command from their first word: "
            '`f"python -m sglang.launch_server --model-path {m}"`, `"vllm serve ..."`, `"ollama pull ..."`, '
            "`llama-server -m ...`, `docker run ... vllm/vllm-openai ...`, built for a helper that runs them, and the "
            'engine\'s server program or `-m` module as a word of an argv list (`[sys.executable, "-m", '
            '"vllm.entrypoints.cli.main", "serve", model]`). A string '
            'that only mentions a command (`"run vllm serve first"`) is not; a command started right away with '
            "`subprocess` or `os.system` is SOV234.",
            why="The command ties the deployment to one engine, its flags and its model, wherever it is run from.",
            example='cmd = f"python -m sglang.launch_server --model-path {model} --port 30000"',
            use_instead="Start the engine in deployment; the application reads its address from configuration.",
        ),
    ),
    # DeepSeek's role markers: `<|User|>` / `<|Assistant|>` (DeepSeek-VL2, Janus), `<｜User｜>` with full-width bars
    # and `<｜end▁of▁sentence｜>` (DeepSeek-V2/V3/R1).
    template_rule(
        "SOV881",
        "deepseek-chat-template",
        "DeepSeek",
        r"<[|\uff5c](?:User|Assistant)[|\uff5c]>|<\uff5c(?:begin|end)\u2581of\u2581sentence\uff5c>",
        (
            "|user|>",
            "|assistant|>",
            "<|user\uff5c",
            "<|assistant\uff5c",
            "\uff5cuser",
            "\uff5cassistant",
            "of\u2581sentence",
        ),
        'prompt = "<|User|>: " + question + "\\n\\n<|Assistant|>:"',
    ),
)
