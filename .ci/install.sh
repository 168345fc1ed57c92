#!/usr/bin/env bash
# Installs everything the test suite needs into ./.venv on a fresh machine: the package with its test
# extras, CPU torch, the engines, and the cached registry-package fixtures. Re-running it is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
VPIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${VPIP[@]}" install -U pip
# The CPU build of torch lies on this kind of machine's disk; asking for it first keeps pip from pulling a
# multi-GB CUDA build when transformers asks for "torch".
"${VPIP[@]}" install "torch==2.13.0"
"${VPIP[@]}" install -e ".[test]"

# Further steps (engine builds, fixture downloads), each owned by one part of the project.
for step in .ci/steps/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step" >&2
  bash "$step"
done
