#!/usr/bin/env bash
# The labelled evaluation corpus (tests/eval): registry archives pinned by sha256, only the labelled files
# extracted into $SOVMIGRATE_FIXTURES/eval. The archives total about 270 MB (80 MB of it the llama-cpp-python sdist
# the other steps download anyway); re-runs with the fixtures kept take well under a second.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python .ci/eval_corpus.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
