#!/usr/bin/env bash
# Bad inputs mixed with good ones through `framelens score`; see scripts/torture.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" scripts/torture.py "$@"
