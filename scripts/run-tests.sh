#!/usr/bin/env bash
# Set up if needed, then run the whole test suite (lint and types included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check graphbuild tests
.venv/bin/python -m pytest -q "$@"
