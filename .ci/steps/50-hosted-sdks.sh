#!/usr/bin/env bash
# The hosted vendors' SDKs for tests/codemods/hosted: programs written against each SDK run before and after
# `sovmigrate rewrite` against a local llama_cpp.server (nothing leaves the machine). Pinned to the versions
# whose sources the codemods' base URLs and defaults were read from (codemods/hosted.py, openai_compat.py).
set -euo pipefail
.venv/bin/python -m pip --disable-pip-version-check -q install \
  "openai==3.63.0" "together==3.1.1" "groq==1.7.0" "fireworks-ai==1.2.30"
