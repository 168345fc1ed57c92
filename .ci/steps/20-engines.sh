#!/usr/bin/env bash
# Engines for the adapter tests (tests/adapter) and the registry-package fixture they build tiny models from.
# Runs from the repo root after `pip install -e '.[test]'`. First run ~6 min (llama.cpp builds from source);
# re-runs take seconds (pip's wheel cache, .fixtures/ kept).
set -euo pipefail
VPY=.venv/bin/python
PIP=("$VPY" -m pip --disable-pip-version-check -q)
LLAMA_CPP_VERSION=0.3.36

# llama-cpp-python has no wheels on PyPI; a portable (AVX2) build, cached by pip after the first run.
CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF" "${PIP[@]}" install "llama-cpp-python[server]==${LLAMA_CPP_VERSION}"
# transformers backend (torch is already installed by .ci/install.sh), the GGUF writer the tests use, and the
# official ollama client (tests check the Ollama stand-in against it).
"${PIP[@]}" install -e ".[llamacpp,transformers,openai,ollama]" "gguf>=0.10" "ollama==0.6.3"

# The Llama-2 SentencePiece vocab GGUF ships in the llama-cpp-python sdist; the tests build their tiny
# random-weight model on it (tests/adapter/tinymodel.py), so they never touch the network.
FIX="${SOVMIGRATE_FIXTURES:-.fixtures}/adapter"
VOCAB="$FIX/ggml-vocab-llama-spm.gguf"
if [ ! -s "$VOCAB" ]; then
  mkdir -p "$FIX/sdist"
  "${PIP[@]}" download --no-deps --no-binary llama-cpp-python "llama-cpp-python==${LLAMA_CPP_VERSION}" -d "$FIX/sdist"
  tar -xzf "$FIX/sdist/llama_cpp_python-${LLAMA_CPP_VERSION}.tar.gz" -C "$FIX" --strip-components=4 \
    "llama_cpp_python-${LLAMA_CPP_VERSION}/vendor/llama.cpp/models/ggml-vocab-llama-spm.gguf"
  rm -rf "$FIX/sdist"
fi
# Build the tiny GGUF + safetensors models once (keyed by a content hash; the tests reuse them).
"$VPY" -m tests.adapter.tinymodel "$FIX"
