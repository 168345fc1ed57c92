#!/usr/bin/env bash
# LangChain and LlamaIndex for tests/integrations and tests/codemods/frameworks: the cores our classes build on,
# and the integrations the codemods rewrite (their "before" programs run on the tiny model and the Ollama
# stand-in). Pinned: the codemods carry these versions' defaults.
set -euo pipefail
.venv/bin/python -m pip --disable-pip-version-check -q install -e ".[langchain,llama-index]" \
  "langchain-core==1.8.1" "langchain-community==0.4.2" "langchain-ollama==1.1.0" \
  "llama-index-core==0.14.25" "llama-index-llms-llama-cpp==0.7.0" "llama-index-llms-ollama==0.11.0" \
  "llama-index-embeddings-ollama==0.10.0"
