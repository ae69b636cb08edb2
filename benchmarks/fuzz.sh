#!/usr/bin/env bash
# The long run of the property tests (tests/test_fuzz.py): 20,000 examples per test.
set -euo pipefail
cd "$(dirname "$0")/.."
CLAIMS_HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -q tests/test_fuzz.py "$@"
