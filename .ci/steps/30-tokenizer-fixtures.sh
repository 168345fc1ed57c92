#!/usr/bin/env bash
# Real tokenizer files for tests/tokenizers: downloads llama-cpp-python's sdist and the llama-models and
# mistral-common wheels (~90 MB, once), extracts the vocab files and converts them into .fixtures/tokenizers.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python .ci/tokenizer_fixtures.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
