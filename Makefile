# The two commands: `make run` and `make test`. Each does its own set-up (bin/setup).
SHELL := /bin/bash
PY := .venv/bin/python
export CAMERAMAP_SHARED_DATA ?= $(abspath ../shared/data)

.PHONY: run test lint format bench setup-run setup-test clean

setup-run:
	@bin/setup run

setup-test:
	@bin/setup test

run: setup-run
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# The suite always runs on SpatiaLite; when DATABASE_URL points at PostGIS it runs there too.
test: setup-test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	env -u DATABASE_URL .venv/bin/pytest -n 2 -p no:cacheprovider
	@if [[ "$${DATABASE_URL:-}" == postgis://* ]]; then \
		echo "--- again on PostGIS ($${DATABASE_URL%%@*}@…)"; \
		.venv/bin/pytest -n 2 -p no:cacheprovider; \
	fi

# Issue 7's measures at 100,000 and 1,000,000 cameras (~15 min; never part of `make test`).
# Into a fresh scratch PostGIS database, cameramap_bench on 127.0.0.1, unless
# BENCH_DATABASE_URL=postgis://… names another one (its cameras of source "bench" are replaced).
bench:
	@bin/setup bench
	$(PY) bench/bench_scale.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL),)

lint: setup-test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup-test
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .venv var/static
