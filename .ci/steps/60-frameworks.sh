#!/usr/bin/env bash
# LangChain and LlamaIndex for tests/integrations and tests/codemods/frameworks: the cores our classes build on,
# and the integrations the codemods rewrite (their "before" programs run on the tiny model and the Ollama
# stand-in). Pinned: the codemods carry these versions' defaults. ~1 min with a warm pip cache.
set -euo pipefail
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install -e ".[langchain,llama-index]" \
  "langchain-core==1.8.1" "langchain-community==0.4.2" "langchain-ollama==1.1.0" \
  "llama-index-core==0.14.25" "llama-index-llms-llama-cpp==0.7.0" "llama-index-llms-ollama==0.11.0"
# Its metadata asks for pytest-asyncio at run time, which would change how this suite's event loops are set up;
# everything else it needs (llama-index-core, ollama) is installed above.
"${PIP[@]}" install --no-deps "llama-index-embeddings-ollama==0.10.0"
# Real code using the wrappers, for tests/codemods/frameworks/test_real_code.py (five wheels, ~2 MB, pinned by sha256).
.venv/bin/python .ci/framework_corpus.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
