#!/usr/bin/env bash
# boto3 for the adapter's bedrock backend (tests/adapter/test_bedrock.py runs against botocore's Stubber and a
# loopback event-stream endpoint; Bedrock itself is never reached).
set -euo pipefail
.venv/bin/python -m pip --disable-pip-version-check -q install -e ".[bedrock]"
