# Workmate: `make run` starts the app with demo data, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
NPM := npm --prefix ui

.PHONY: help install run test system-deps lint typecheck test-backend test-dates test-ui e2e api-client api-client-check bench clean

help:
	@echo "make run         install everything, start Workmate on embedded PostgreSQL with demo data"
	@echo "make test        install everything, run linters, type checks and all tests"
	@echo "make api-client  regenerate ui/openapi.json and the TypeScript API types"
	@echo "make clean       remove installed dependencies and build output (keeps ./var data)"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(BIN)/workmate: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

ui/dist/index.html: ui/node_modules/.installed $(shell find ui/src ui/index.html ui/vite.config.ts -type f 2>/dev/null)
	$(NPM) run build --silent

install: $(BIN)/workmate ui/dist/index.html

run: install
	$(BIN)/workmate serve --migrate --demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(NPM) run lint --silent

typecheck: install
	$(BIN)/mypy
	$(NPM) run typecheck --silent

api-client: $(BIN)/workmate ui/node_modules/.installed
	$(BIN)/workmate openapi > ui/openapi.json
	$(NPM) run api-client --silent

# The committed client must match what the backend describes now.
api-client-check: $(BIN)/workmate ui/node_modules/.installed
	@tmp=$$(mktemp -d); \
	$(BIN)/workmate openapi > $$tmp/openapi.json; \
	diff -q ui/openapi.json $$tmp/openapi.json >/dev/null || { echo "ui/openapi.json is out of date: run 'make api-client'"; exit 1; }; \
	cp ui/src/api/schema.d.ts $$tmp/schema.before.d.ts; \
	$(NPM) run api-client --silent >/dev/null; \
	diff -q $$tmp/schema.before.d.ts ui/src/api/schema.d.ts >/dev/null || { cp $$tmp/schema.before.d.ts ui/src/api/schema.d.ts; echo "ui/src/api/schema.d.ts is out of date: run 'make api-client'"; exit 1; }; \
	echo "API client is up to date."

test-backend: install
	$(BIN)/pytest -q

# The tests marked date_sensitive once more at fixed instants (Sunday 23:30 UTC, New Year's
# Eve 23:30 UTC, both DST nights in Berlin, 29 February), and the browser tests tagged @dates
# against a server whose clock starts at two of them (docs/testing.md).
test-dates: install
	$(BIN)/pytest -q -m date_sensitive --at-fixed-instants
	E2E_CLOCK_START=2026-12-06T23:30:00Z E2E_GREP=@dates bash scripts/e2e.sh
	E2E_CLOCK_START=2026-12-31T23:30:00Z E2E_GREP=@dates bash scripts/e2e.sh

test-ui: install
	$(NPM) run test:unit --silent

e2e: install
	bash scripts/e2e.sh

# Debian packages (Chromium, poppler-utils, curl): installed when run as root, else the command.
system-deps:
	@bash scripts/system-deps.sh

test: system-deps lint typecheck api-client-check test-backend test-dates test-ui e2e
	@echo "All checks passed."

# Benchmark against the data in WORKMATE_DATA_DIR (default ./var), e.g. after
# `workmate demo --size large`. Options: ONLY=a,b DURATION=s CONCURRENCY=n DRIVERS=n URL=...
# SKIP_PDF=1 (more in bench/README.md); results go to bench/results/.
BENCH_ARGS = $(if $(ONLY),--only $(ONLY)) $(if $(DURATION),--duration $(DURATION)) \
	$(if $(CONCURRENCY),--concurrency $(CONCURRENCY)) $(if $(DRIVERS),--drivers $(DRIVERS)) \
	$(if $(URL),--url $(URL)) $(if $(SKIP_PDF),--skip-pdf)
bench: $(BIN)/workmate
	$(BIN)/python -m bench $(strip $(BENCH_ARGS))

clean:
	rm -rf $(VENV) .tools ui/node_modules ui/dist .mypy_cache .ruff_cache .pytest_cache
