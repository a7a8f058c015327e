#!/usr/bin/env bash
# The API contract check: schemathesis against a live server, once per role and for an
# integration client (see scripts/api_contract.py). Arguments pick some of the callers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-python.sh
exec .venv/bin/python scripts/api_contract.py "$@"
