# Needlewise: `make run` to try it, `make test` to test it. Everything installs into .venv.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run install install-dev browser test test-postgres test-shifted lint format bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: install, migrate, create the demo account and serve on http://$(HOST):$(PORT)
run: install
	$(BIN)/needlewise migrate --no-input
	$(BIN)/needlewise demo
	$(BIN)/needlewise serve --host $(HOST) --port $(PORT)

demo: install
	$(BIN)/needlewise migrate --no-input
	$(BIN)/needlewise demo

## browser: Debian's chromium for the browser tests (never a downloaded browser)
browser:
	@bash scripts/ensure-chromium.sh

## test: the whole suite (unit, integration, browser) on SQLite, or on $$DATABASE_URL if set
test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-postgres: the whole suite against PostgreSQL on 127.0.0.1:5432
test-postgres: install-dev browser
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

## test-shifted: the whole suite SHIFT_DAYS ahead of today (default 400) under Debian's faketime;
## the browser, which faketime does not reach, gets its clock moved by NEEDLEWISE_TEST_SHIFT_DAYS
SHIFT_DAYS ?= 400
test-shifted: install-dev browser
	@bash scripts/ensure-faketime.sh
	NEEDLEWISE_TEST_SHIFT_DAYS=$(SHIFT_DAYS) \
	  faketime -f '+$(SHIFT_DAYS)d' $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: load and micro benchmarks against a throwaway PostgreSQL database on 127.0.0.1;
## writes bench/results/<date>.json and <date>.md (see docs/performance.md). BENCH_ARGS=--help
BENCH_ARGS ?=
bench: install-dev
	@bash scripts/ensure-wrk.sh
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
