"""Proof on a real engine: hand-built Llama prompts and their rewritten form (messages through the model's chat
template) on tiny GGUFs that carry the matching template. The prompt token ids llama.cpp evaluates are
recorded (llama-cpp-python's ``Llama.generate`` receives the whole prompt) and compared.

Where the template reproduces the hand-built string, the ids are equal, and so are the greedy answers. Where
it does not, the test pins down the difference, which is what the rewrite's unsafe reason warns about and what
docs/migrate/prompts.md reports:

- a prompt that writes ``<s>`` itself went to a completion that adds BOS too: two BOS tokens before, one after;
- llama-cpp-python's built-in mistral-instruct format (used for the Mistral template) drops system messages;
- ``<|begin_of_text|>`` written by hand: on a vocab without Llama 3's specials it is text the template does
  not write (on a Llama 3 vocab, a second BOS, as above).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import pytest

import sovmigrate
from tests.adapter import tinymodel
from tests.adapter.conftest import FIXTURES, need
from tests.conftest import require_fixture

pytestmark = [pytest.mark.engine, pytest.mark.fixtures]

PROGRAMS = Path(__file__).parent / "programs"
# meta-llama/Llama-2-7b-chat-hf's chat_template (tokenizer_config.json; transformers' former
# LlamaTokenizer.default_chat_template without the default system prompt).
LLAMA2_CHAT = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
    "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}"
    "{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}"
    "{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}"
)


def _templates() -> dict[str, str]:
    from llama_cpp.llama_chat_format import LLAMA3_INSTRUCT_CHAT_TEMPLATE, MISTRAL_INSTRUCT_CHAT_TEMPLATE

    return {
        "llama-2": LLAMA2_CHAT,
        "mistral": MISTRAL_INSTRUCT_CHAT_TEMPLATE,
        "llama-3": LLAMA3_INSTRUCT_CHAT_TEMPLATE,
    }


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A tiny GGUF per chat template (the tests' tiny llama weights, the Llama 2 SentencePiece vocab)."""
    pytest.importorskip("gguf", reason="gguf, the GGUF writer the tiny model needs, is not installed")
    need("llama_cpp", "llamacpp")
    vocab = require_fixture(FIXTURES / tinymodel.VOCAB_NAME, ".ci/steps/20-engines.sh")
    root = tmp_path_factory.mktemp("templated")
    paths = {}
    for name, template in _templates().items():
        paths[name] = root / f"tiny-{name}.gguf"
        with mock.patch.object(tinymodel, "CHAT_TEMPLATE", template):
            tinymodel.write_gguf(vocab, paths[name])
    return paths


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prompt-programs")
    for program in PROGRAMS.glob("*.py"):
        shutil.copy(program, root / program.name)
    result = sovmigrate.rewrite(sorted(root.glob("*.py")), root=root, unsafe=True)
    assert {(o.safety.value, o.applied) for o in result.outcomes} == {("unsafe", True)}
    return root


def load(path: Path, model: Path) -> ModuleType:
    """Import a program (ours, not scanned code) with its connection on ``model``."""
    spec = importlib.util.spec_from_file_location(f"program_{path.stem}_{id(path)}_{model.stem}", path)
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, {"TINY_GGUF": str(model)}):
        spec.loader.exec_module(module)
    return module


@pytest.fixture
def prompts() -> Iterator[list[list[int]]]:
    """The prompt token ids of each generation llama.cpp runs."""
    import llama_cpp

    seen: list[list[int]] = []
    original = llama_cpp.Llama.generate

    def generate(self: Any, tokens: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(list(tokens))
        return original(self, tokens, *args, **kwargs)

    with mock.patch.object(llama_cpp.Llama, "generate", generate):
        yield seen


def run(
    module: ModuleType, function: str, args: tuple[str, ...], seen: list[list[int]]
) -> tuple[list[int], str]:
    start = len(seen)
    answer = getattr(module, function)(*args)
    assert len(seen) == start + 1
    return seen[-1], answer


BOS = 1
SYS_MARKER = [3532, 14816, 29903, 6778]  # "<<SYS>>" in the Llama 2 vocab


def double_bos(before: list[int], after: list[int]) -> bool:
    return before[:2] == [BOS, BOS] and after == before[1:]


def _has_system(ids: list[int]) -> bool:
    return any(ids[i : i + len(SYS_MARKER)] == SYS_MARKER for i in range(len(ids)))


def system_dropped(before: list[int], after: list[int]) -> bool:
    return _has_system(before) and not _has_system(after) and after[-4:] == before[-4:]


def begin_of_text_as_text(before: list[int], after: list[int]) -> bool:
    return (
        before[0] == after[0] == BOS and len(before) > len(after) and before[-(len(after) - 2) :] == after[2:]
    )


QUESTION = ("Name a colour",)
CASES = [  # program, function, arguments, template, None when the ids match exactly, else the difference
    ("llama2_prompts.py", "plain", QUESTION, "llama-2", None),
    ("llama2_prompts.py", "with_system", QUESTION, "llama-2", None),
    ("llama2_prompts.py", "multi_turn", ("Hi", "Hello!", "Name a colour"), "llama-2", None),
    ("llama2_prompts.py", "percent", QUESTION, "llama-2", None),
    ("llama2_prompts.py", "with_bos", QUESTION, "llama-2", double_bos),
    ("llama2_prompts.py", "plain", QUESTION, "mistral", None),
    ("llama2_prompts.py", "with_system", QUESTION, "mistral", system_dropped),
    ("llama3_prompts.py", "plain", QUESTION, "llama-3", None),
    ("llama3_prompts.py", "with_bos", QUESTION, "llama-3", begin_of_text_as_text),
]


# llama.cpp warns about the second BOS a hand-built "<s>" adds: that difference is what the case pins down.
@pytest.mark.filterwarnings('ignore:Detected duplicate leading "<s>":RuntimeWarning')
@pytest.mark.parametrize(("program", "function", "args", "template", "difference"), CASES)
def test_prompt_token_ids_before_and_after(
    program: str,
    function: str,
    args: tuple[str, ...],
    template: str,
    difference: Any,
    models: dict[str, Path],
    rewritten: Path,
    prompts: list[list[int]],
) -> None:
    before_ids, before = run(load(PROGRAMS / program, models[template]), function, args, prompts)
    after_ids, after = run(load(rewritten / program, models[template]), function, args, prompts)
    if difference is None:
        assert after_ids == before_ids
        assert after == before
    else:
        assert difference(before_ids, after_ids), (before_ids, after_ids)
