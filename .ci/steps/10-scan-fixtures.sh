#!/usr/bin/env bash
# Real vendor code for tests/scan/test_real_code.py: package examples and framework wrappers, from PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python .ci/scan_fixtures.py --dest "${SOVMIGRATE_FIXTURES:-.fixtures}"
