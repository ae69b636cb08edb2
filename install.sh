#!/usr/bin/env bash
# Create .venv and install claims with its dependencies.
# torch comes first and pinned: on this platform 2.13.0 is a local CPU build, while an
# unpinned torch would pull several GB of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[dev,postgres]"
echo "installed: $(.venv/bin/claims --help >/dev/null && echo claims) in .venv"
