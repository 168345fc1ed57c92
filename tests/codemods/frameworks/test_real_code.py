"""The framework codemods on real code no one here wrote: registry packages that build LangChain and LlamaIndex
engine wrappers (.ci/framework_corpus.py), and the wrappers' own packages (.fixtures/scan, the eval corpus). Every
output parses, a second run changes nothing, and the outcomes match what reading the code says.
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

KWARGS = "M"  # options come through **kwargs: nothing to map them with
# path -> "line:RULE<F fixed | U unsafe, listed | M manual>", read off the sources.
EXPECTED = {
    # Ollama(model=..., system=config.system_prompt, ...): a per-model system prompt has no adapter counterpart.
    "embedchain/embedchain/llm/ollama.py": "45:SOV400M 54:SOV401M",
    # langchain_community OllamaEmbeddings(model=..., base_url=...): the legacy /api/embeddings endpoint.
    "embedchain/embedchain/embedder/ollama.py": "27:SOV400U",
    # BedrockLLM(**kwargs), ChatGroq(**kwargs) twice (the receiver of invoke is either), ChatTogether(**kwargs),
    # VLLM(**kwargs): options only known at run time.
    "embedchain/embedchain/llm/aws_bedrock.py": "55:SOV400M 57:SOV401M",
    "embedchain/embedchain/llm/groq.py": "60:SOV400M 62:SOV400M 64:SOV401M",
    "embedchain/embedchain/llm/together.py": "67:SOV400M 68:SOV401M",
    "embedchain/embedchain/llm/vllm.py": "39:SOV400M 40:SOV401M",
    # HuggingFaceHub and HuggingFaceEndpoint (hosted endpoints, no rewrite); from_model_id(pipeline_kwargs=<a variable>).
    "embedchain/embedchain/llm/huggingface.py": "64:SOV400M 69:SOV401M 74:SOV400M 80:SOV401M 94:SOV400M 99:SOV401M",
    # A provider factory: every class built from **kwargs; ChatHuggingFace has no rewrite.
    "gpt-researcher/gpt_researcher/llm_provider/generic/base.py": "151:SOV400M 157:SOV400M 162:SOV400M "
    "175:SOV400M 180:SOV400M 188:SOV400M",
    # Fireworks, Together, HuggingFace and Bedrock embeddings have no rewrite.
    "gpt-researcher/gpt_researcher/memory/embeddings.py": "138:SOV400M 146:SOV400M 154:SOV400M 166:SOV400M 186:SOV400M",
    # LlamaIndex Ollama without context_window=, handed to Settings: unsafe (tools, num_ctx).
    "llama-index-packs-ollama-query-engine/llama_index/packs/ollama_query_engine/base.py": "24:SOV410U",
    "llama-index-packs-rag-cli-local/llama_index/packs/rag_cli_local/base.py": "41:SOV410U 43:SOV410M",
    "scrapegraphai/scrapegraphai/graphs/abstract_graph.py": "273:SOV400M",
}
PREFIXES = ["SOV40", "SOV41"]


def _copy(tmp_path: Path) -> Path:
    source = require_fixture(CACHE / "frameworks", "python .ci/framework_corpus.py")
    root = tmp_path / "corpus"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".complete"))
    for package in ("langchain-community", "llama-index-llms-llama-cpp", "llama-index-llms-vllm"):
        scan = require_fixture(CACHE / "scan" / package, "python .ci/scan_fixtures.py")
        shutil.copytree(scan, root / package)
    return root


def outcomes(result: sovmigrate.RewriteResult) -> dict[str, str]:
    found: dict[str, list[str]] = defaultdict(list)
    for o in result.outcomes:
        if o.rule.startswith(tuple(PREFIXES)):
            state = "F" if o.applied else "U" if o.safety.value == "unsafe" else "M"
            found[o.path].append(f"{o.line}:{o.rule}{state}")
    return {path: " ".join(sites) for path, sites in found.items()}


def test_outcomes_on_real_code_then_unsafe_fixes_then_nothing(tmp_path: Path) -> None:
    corpus = _copy(tmp_path)
    first = sovmigrate.rewrite([corpus], root=corpus, select=PREFIXES)
    assert first.errors == []
    assert outcomes(first) == EXPECTED
    counts = [s[-1] for sites in EXPECTED.values() for s in sites.split()]
    assert (counts.count("F"), counts.count("U"), counts.count("M")) == (0, 3, 30)
    unsafe = sovmigrate.rewrite([corpus], root=corpus, select=PREFIXES, unsafe=True)
    assert unsafe.errors == []
    assert sorted(c.path for c in unsafe.changed) == sorted(p for p, v in EXPECTED.items() if "U" in v)
    # The listed unsafe sites are fixed now (reported at their lines before the edit); manual ones stay.
    assert outcomes(unsafe) == {p: v.replace("U", "F") for p, v in EXPECTED.items()}
    again = sovmigrate.rewrite([corpus], root=corpus, select=PREFIXES, unsafe=True)
    assert again.changed == [] and again.errors == []
    for changed in unsafe.changed:
        text = (corpus / changed.path).read_bytes()
        ast.parse(text)
        assert b"from sovmigrate.integrations." in text
