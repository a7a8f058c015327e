#!/usr/bin/env bash
# Every test: lint, Python on SQLite and on PostgreSQL, the API contract (schemathesis against a
# live server), front-end unit tests, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-python.sh
scripts/ensure-services.sh all
export PGPASSWORD=postgres
PG_URL="${MENTORHUB_TEST_POSTGRES_URL:-postgresql+psycopg://postgres:postgres@127.0.0.1:5432/test}"

echo "== lint"
.venv/bin/ruff check api tests migrations benchmarks
.venv/bin/ruff format --check api tests migrations benchmarks

echo "== layers (import-linter) and types (mypy)"
.venv/bin/lint-imports
.venv/bin/mypy

echo "== Python tests on SQLite"
.venv/bin/pytest

echo "== Python tests on PostgreSQL"
MENTORHUB_TEST_DATABASE_URL="$PG_URL" MENTORHUB_REQUIRE_POSTGRES=1 .venv/bin/pytest

echo "== API contract (schemathesis)"
scripts/api-contract.sh

if [ -f frontend/package.json ]; then
  scripts/build-frontend.sh
  echo "== front-end unit tests"
  (cd frontend && npm test)
  echo "== browser tests (headless Chromium)"
  (cd frontend && MENTORHUB_BIN="$PWD/../.venv/bin/mentorhub" npm run test:e2e)
else
  echo "frontend/package.json is missing: no front-end tests to run" >&2
  [ -z "${CI:-}" ] || exit 1
fi
echo "All tests passed."
