#!/usr/bin/env bash
# The labelled evaluation corpus (tests/eval): registry archives pinned by sha256, only the labelled files
# extracted into $SOVMIGRATE_FIXTURES/eval. First run downloads about 250 MB (pip's cache keeps them).
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python .ci/eval_corpus.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
