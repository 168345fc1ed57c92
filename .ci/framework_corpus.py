"""Download the registry packages whose code uses LangChain's and LlamaIndex's engine wrappers (for
tests/codemods/frameworks/test_real_code.py), check each archive's sha256, and extract only the listed files into
DEST/frameworks/<package>/. Nothing here is committed.

    python .ci/framework_corpus.py [--dest .fixtures]      (or $SOVMIGRATE_FIXTURES)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / ".ci")]

from eval_corpus import fetch, keep_only
from scan_fixtures import extract

from tests.eval.corpus import Package

WHY = "real use of LangChain / LlamaIndex engine wrappers"
# (name, version, sha256 of the wheel, files)
CORPUS = (
    (
        "embedchain",
        "0.1.128",
        "380e848c053a335b06d535efcbfdc6b98a5d0b2a6a1f553aae94cb1c85676183",
        (
            "embedchain/embedder/ollama.py",
            "embedchain/llm/aws_bedrock.py",
            "embedchain/llm/groq.py",
            "embedchain/llm/huggingface.py",
            "embedchain/llm/ollama.py",
            "embedchain/llm/together.py",
            "embedchain/llm/vllm.py",
        ),
    ),
    (
        "gpt-researcher",
        "0.15.1",
        "d75cee841f3d0f524e7da23ba091bd013492711d859f5dc2023207ccaec7a482",
        ("gpt_researcher/llm_provider/generic/base.py", "gpt_researcher/memory/embeddings.py"),
    ),
    (
        "llama-index-packs-ollama-query-engine",
        "0.6.1",
        "9c08da04faecbe7d286225c01a6792dc33fb25109cee9565993c2b5e63fbbc28",
        ("llama_index/packs/ollama_query_engine/base.py",),
    ),
    (
        "llama-index-packs-rag-cli-local",
        "0.4.0",
        "cfc6d96943b4af3fb5a76635347bb9e39f9aed84e66752750c969bad68a95b08",
        ("llama_index/packs/rag_cli_local/base.py",),
    ),
    (
        "scrapegraphai",
        "1.76.0",
        "bb749e6443d58fd87b21dd808098c4e5fe1ca61c93456494daf0f44b15a7c2bf",
        ("scrapegraphai/graphs/abstract_graph.py", "scrapegraphai/nodes/generate_answer_node.py"),
    ),
)


def packages() -> list[Package]:
    return [
        Package(name, version, "wheel", sha256, "", WHY, {path: [] for path in files})
        for name, version, sha256, files in CORPUS
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=Path(os.environ.get("SOVMIGRATE_FIXTURES", ".fixtures")))
    args = parser.parse_args()
    downloads = args.dest / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for package in packages():
        target = args.dest / "frameworks" / package.name
        marker = target / ".complete"
        if marker.exists() and marker.read_text() == package.fingerprint:
            continue
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        extract(fetch(package, downloads), tuple(package.files), target)
        keep_only(target, set(package.files), package)
        marker.write_text(package.fingerprint)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
