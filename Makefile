# The two commands a newcomer needs: `make run` and `make test`. Both are safe to repeat.
.PHONY: run test install build migrate seed serve openapi contract lint bench bench-api \
	bench-observation-counts bench-entitlements bench-webhooks

run: install build seed serve

test:
	scripts/test-all.sh

install:
	scripts/install-python.sh

build:
	scripts/build-frontend.sh

migrate: install
	.venv/bin/mentorhub migrate

seed: install
	.venv/bin/mentorhub seed --demo

serve:
	.venv/bin/mentorhub serve --host 127.0.0.1 --port 8000

# After an API change: regenerate the spec and the front end's client from it.
openapi: install
	.venv/bin/mentorhub export-openapi
	cd frontend && npm run generate

# The API against its OpenAPI description: schemathesis on a live server, once per role.
contract: install
	scripts/api-contract.sh

lint: install
	.venv/bin/ruff check api tests migrations benchmarks
	.venv/bin/ruff format --check api tests migrations benchmarks
	.venv/bin/lint-imports
	.venv/bin/mypy

# Speed figures (not tests): each prints what it measured.
bench: install
	cd benchmarks && for script in bench_*.py; do ../.venv/bin/python $$script; done

# The API under load beside a bare FastAPI app: SQLite and PostgreSQL, 1 and 2 workers, about
# 12 minutes. BENCH_API_ARGS="--duration 3 --databases sqlite" for a shorter run. The PostgreSQL
# database (BENCH_POSTGRES_URL) is emptied first.
BENCH_POSTGRES_URL ?= postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench
bench-api: install
	scripts/ensure-services.sh postgres
	.venv/bin/python benchmarks/api_load.py --postgres-url "$(BENCH_POSTGRES_URL)" $(BENCH_API_ARGS)

# The MIS observation-counts API on the national dataset (22,000 schools, 3.5 million
# observations), SQLite and PostgreSQL. The first run generates the data (minutes per database)
# and keeps it for later runs: the SQLite file at BENCH_NATIONAL_SQLITE, the PostgreSQL database
# BENCH_NATIONAL_URL (filled when empty, never emptied).
BENCH_NATIONAL_SQLITE ?= /tmp/mentorhub-national/national.db
BENCH_NATIONAL_URL ?= postgresql+psycopg://postgres:postgres@127.0.0.1:5432/national
bench-observation-counts: install
	scripts/ensure-services.sh postgres
	.venv/bin/python benchmarks/observation_counts.py --generate \
		--sqlite-path "$(BENCH_NATIONAL_SQLITE)" --postgres-url "$(BENCH_NATIONAL_URL)" \
		$(BENCH_COUNTS_ARGS)

# Entitlement compliance for a 40-school trust with 500 pairs over a school year, SQLite and
# PostgreSQL (aim: under one second). The data is generated afresh each run; the PostgreSQL
# database (BENCH_ENTITLEMENTS_URL) is emptied first.
BENCH_ENTITLEMENTS_URL ?= postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench_entitlements
bench-entitlements: install
	scripts/ensure-services.sh postgres
	.venv/bin/python benchmarks/entitlements.py --postgres-url "$(BENCH_ENTITLEMENTS_URL)" $(BENCH_ENTITLEMENTS_ARGS)

# Signed provider deliveries on a live server: deliveries/s and p50/p99, SQLite and PostgreSQL
# (BENCH_WEBHOOKS_URL, emptied first). BENCH_WEBHOOKS_ARGS="--duration 5 --databases sqlite".
BENCH_WEBHOOKS_URL ?= postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench_webhooks
bench-webhooks: install
	scripts/ensure-services.sh postgres
	.venv/bin/python benchmarks/webhooks.py --postgres-url "$(BENCH_WEBHOOKS_URL)" \
		$(BENCH_WEBHOOKS_ARGS)
