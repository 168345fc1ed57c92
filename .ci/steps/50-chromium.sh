#!/usr/bin/env bash
# Debian's Chromium (and fonts) for the plan report's headless-browser test (tests/plan/test_html_browser.py),
# and Playwright's Python client to drive it. No browser is downloaded: the test launches /usr/bin/chromium.
# Runs as root (CI and the developers' machines); re-runs take seconds.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation >/dev/null
fi
.venv/bin/python -m pip --disable-pip-version-check -q install "playwright==1.65.2"
chromium --version
