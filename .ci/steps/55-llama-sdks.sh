#!/usr/bin/env bash
# Meta's Llama API client and Llama Stack (client and server), for tests/adapter/test_llama_views.py and the
# Llama API / Llama Stack programs of tests/codemods/hosted (nothing leaves the machine: the Llama Stack server runs
# on loopback in front of a local llama_cpp.server). Pinned to the versions whose sources the views, the codemods'
# base URLs and the legacy API's defaults were read from (sovmigrate/adapter/views.py, codemods/hosted.py). The
# Llama Stack server needs aiosqlite and OpenTelemetry's SDK and OTLP exporter, which its own `llama stack build`
# would install.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -m pip --disable-pip-version-check -q install \
  "llama-api-client==0.6.0" "llama-stack-client==0.2.12" "llama-stack==0.2.12" \
  "aiosqlite==0.22.1" "opentelemetry-sdk==1.45.2" "opentelemetry-exporter-otlp-proto-http==1.45.2"
