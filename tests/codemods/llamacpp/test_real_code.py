"""The codemods on real code no one here wrote: the registry-package corpus the scanner tests use
(.ci/scan_fixtures.py: llama-cpp-python's examples and notebooks, langchain-community, llama-index, ollama's
examples). Every output parses, a second run changes nothing, and the outcomes match what reading the code says.
"""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

import sovmigrate
from tests.conftest import CACHE, require_fixture

pytestmark = pytest.mark.fixtures

# path -> "line:RULE<F fixed | U unsafe, listed | M manual>", read off the sources.
LLAMA_CPP = {
    # Llama(model_path=args.model, embedding=True); print(llm.create_embedding("Hello world!"))
    "llama-cpp-python/examples/high_level_api/high_level_api_embedding.py": "9:SOV101F 11:SOV104F",
    # llm(..., echo=True): the adapter echoes the prompt string, llama.cpp the detokenized prompt.
    "llama-cpp-python/examples/high_level_api/high_level_api_inference.py": "10:SOV101U 12:SOV102U",
    "llama-cpp-python/examples/high_level_api/high_level_api_streaming.py": "10:SOV101F 12:SOV102F",
    # create_completion(..., suffix=args.suffix): fill-in-the-middle.
    "llama-cpp-python/examples/high_level_api/high_level_api_infill.py": "12:SOV101M 14:SOV102M",
    # The model is handed to a LangChain base class (super().__init__(llm=llm)).
    "llama-cpp-python/examples/high_level_api/langchain_custom_llm.py": "19:SOV101M 23:SOV102M",
    "llama-cpp-python/examples/ray/llm.py": "11:SOV101F 17:SOV102F",
    # Llama.from_pretrained (hub download); create_chat_completion_openai_v1(model=...).
    "llama-cpp-python/examples/gradio_chat/local.py": "6:SOV101M 27:SOV103M",
    "llama-cpp-python/examples/hf_pull/main.py": "5:SOV101M 14:SOV103M",
    # Colab notebooks: Llama.from_pretrained, chats in later cells (lines count within a cell).
    "llama-cpp-python/examples/colab/Gemma4-12B-QAT.ipynb": "1:SOV103M 14:SOV101M 24:SOV103M",
    "llama-cpp-python/examples/colab/notebook.ipynb": "1:SOV103M 1:SOV103M 14:SOV101M",
    "llama-cpp-python/examples/notebooks/OpenHermesFunctionCalling.ipynb": "3:SOV101F 8:SOV102F 10:SOV102F",
    # f16_kv= is not an option of llama-cpp-python 0.3.36's Llama (swallowed by **kwargs there).
    "llama-cpp-python/examples/notebooks/PerformanceTuning.ipynb": "44:SOV101M 53:SOV102M",
    # values["client"] = Llama(model_path, **model_params) in a pydantic validator sets the field the wrapper
    # calls: self.client(prompt=prompt, **params) (both calls stay manual, like the construction).
    "langchain-community/langchain_community/llms/llamacpp.py": "175:SOV101M 297:SOV102M 338:SOV102M",
    "langchain-community/langchain_community/chat_models/llamacpp.py": "215:SOV101M 295:SOV103M 309:SOV103M",
    # self._model.context_params.n_ctx read; the receiver of the completions may be either of two models.
    "llama-index-llms-llama-cpp/llama_index/llms/llama_cpp/base.py": "164:SOV101M 175:SOV101M 283:SOV102M 296:SOV102M",
}
OLLAMA = {
    "ollama/examples/chat.py": "10:SOV202F",
    "ollama/examples/chat-with-history.py": "25:SOV202F",
    "ollama/examples/embed.py": "3:SOV202F",
    "ollama/examples/ps.py": "15:SOV202F",
    "ollama/examples/structured-outputs.py": "18:SOV202F",
    "ollama/examples/async-chat.py": "14:SOV201F 15:SOV202F",
    "ollama/examples/async-structured-outputs.py": "20:SOV201F 21:SOV202F",
    # Streams keep Ollama's chunks; templated generate prompts become chat messages (unsafe).
    "ollama/examples/chat-stream.py": "10:SOV202F",
    "ollama/examples/generate.py": "3:SOV202U",
    "ollama/examples/generate-stream.py": "3:SOV202U",
    "ollama/examples/generate-image.py": "10:SOV202U",
    "ollama/examples/async-generate.py": "7:SOV201U 8:SOV202U",
    # A tool-calling chat stays manual; the final chat may receive its Message objects.
    "ollama/examples/tools.py": "55:SOV202M 81:SOV202U",
    "ollama/examples/async-tools.py": "55:SOV201M 57:SOV202M 83:SOV202M",
    "ollama/examples/multi-tool.py": "50:SOV201M 51:SOV202M 73:SOV202M",
    "ollama/examples/gpt-oss-tools.py": "53:SOV201M 61:SOV202M",
    "ollama/examples/gpt-oss-tools-stream.py": "53:SOV201M 63:SOV202M",
    "ollama/examples/web-search.py": "52:SOV202M",
    "ollama/examples/web-search-gpt-oss.py": "15:SOV201M 60:SOV202M",
    "ollama/examples/web-search-mcp.py": "37:SOV201M",
    # logprobs, suffix, images, think, and a client used for create().
    "ollama/examples/chat-logprobs.py": "24:SOV202M",
    "ollama/examples/generate-logprobs.py": "17:SOV202M",
    "ollama/examples/fill-in-middle.py": "10:SOV202M",
    "ollama/examples/multimodal-chat.py": "13:SOV202M",
    # SystemOne questions about a state have no adapter equivalent (reported since the catalog knows systemone).
    "ollama/examples/systemone.py": "4:SOV202M",
    "ollama/examples/multimodal-generate.py": "23:SOV202M",
    "ollama/examples/structured-outputs-image.py": "35:SOV202M",
    "ollama/examples/thinking.py": "10:SOV202M",
    "ollama/examples/thinking-generate.py": "3:SOV202M",
    "ollama/examples/thinking-levels.py": "16:SOV202M",
    "ollama/examples/create.py": "3:SOV201M",
}


PACKAGES = {
    "SOV10": ("llama-cpp-python", "langchain-community", "llama-index-llms-llama-cpp"),
    "SOV20": ("ollama",),
}


def _copy(tmp_path: Path, prefix: str) -> Path:
    """A writable copy of the packages of the corpus that use this engine."""
    source = require_fixture(CACHE / "scan", "python .ci/scan_fixtures.py")
    require_fixture(source / "ollama" / ".complete", "python .ci/scan_fixtures.py")
    root = tmp_path / "scan"
    for package in PACKAGES[prefix]:
        shutil.copytree(source / package, root / package)
    return root


def outcomes(result: sovmigrate.rewrite.RewriteResult, prefix: str) -> dict[str, str]:
    found: dict[str, list[str]] = defaultdict(list)
    for o in result.outcomes:
        if o.rule.startswith(prefix):
            state = "F" if o.applied else "U" if o.safety.value == "unsafe" else "M"
            found[o.path].append(f"{o.line}:{o.rule}{state}")
    return {path: " ".join(sites) for path, sites in found.items()}


@pytest.mark.parametrize(
    ("prefix", "expected"), [("SOV10", LLAMA_CPP), ("SOV20", OLLAMA)], ids=["llama-cpp", "ollama"]
)
def test_outcomes_on_real_code_then_unsafe_fixes_then_nothing(
    tmp_path: Path, prefix: str, expected: dict
) -> None:
    corpus = _copy(tmp_path, prefix)
    first = sovmigrate.rewrite([corpus], root=corpus, select=[prefix])
    assert first.errors == []
    assert outcomes(first, prefix) == expected
    unsafe = sovmigrate.rewrite([corpus], root=corpus, select=[prefix], unsafe=True)
    assert unsafe.errors == []
    # Fixed sites are gone; the listed unsafe ones are fixed now; manual ones stay (no file has both kinds
    # and a fixed site, so lines did not move).
    left = {
        p: " ".join(s.replace("U", "F") for s in v.split() if not s.endswith("F"))
        for p, v in expected.items()
    }
    assert outcomes(unsafe, prefix) == {p: v for p, v in left.items() if v}
    again = sovmigrate.rewrite([corpus], root=corpus, select=[prefix], unsafe=True)
    assert again.changed == [] and again.errors == []
    assert again.counts.fixed == 0 and again.counts.skipped_unsafe == 0
    for changed in [*first.changed, *unsafe.changed]:
        if changed.kind == "python":
            ast.parse((corpus / changed.path).read_bytes())
