# One-word tasks. Every target creates the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz lint bench docs messages lock clean

VENDOR := src/ceasefire/web/static/vendor

$(STAMP): requirements.lock pyproject.toml package-lock.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@# browser libraries come from the npm registry, never a CDN: install them when node_modules
	@# is missing or older than the lock, then copy what the pages serve into static/vendor
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --ignore-scripts --no-audit --no-fund; fi
	mkdir -p $(VENDOR)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp node_modules/leaflet/dist/images/*.png $(VENDOR)/images/
	cp node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/topojson-client/LICENSE $(VENDOR)/LICENSE.topojson-client
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE.world-atlas
	@touch $(STAMP)

## run: serve the demo (default scenario) on the embedded SQLite store, with a job worker beside it
run: $(STAMP)
	$(BIN)/ceasefire init --demo
	@# the worker runs in the background and stops when the server does (or is interrupted)
	CEASEFIRE_DEVELOPMENT=1 $(BIN)/ceasefire worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	CEASEFIRE_DEVELOPMENT=1 $(BIN)/ceasefire serve --host $(HOST) --port $(PORT)

## test: every test, on SQLite and (when it answers) PostgreSQL, pages in Chromium when present
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## fuzz: schemathesis against the API, every role on both stores, many cases (FUZZ_EXAMPLES)
FUZZ_EXAMPLES ?= 200
fuzz: $(STAMP)
	CEASEFIRE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) CEASEFIRE_FUZZ_ALL=1 $(BIN)/python -m pytest tests/api/test_fuzz.py $(PYTEST_ARGS)

## lint: ruff and mypy --strict
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/ceasefire

## bench: benchmarks, each as a ratio against a baseline measured in the same run
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

## docs: regenerate docs/cli.md from the CLI itself
docs: $(STAMP)
	$(BIN)/python -m ceasefire.cli.docgen > docs/cli.md

## messages: extract the interface's strings (babel.cfg) and merge them into the ru and tr
## catalogues; translate what is new (the test of the catalogues names it), no build step after:
## the .po files are compiled in memory when first used
LOCALE := src/ceasefire/web/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project=ceasefire --copyright-holder="Ceasefire contributors" -o $(VENV)/ceasefire.pot .
	$(BIN)/pybabel update -i $(VENV)/ceasefire.pot -d $(LOCALE) -D ceasefire --no-fuzzy-matching \
		--ignore-obsolete

## lock: re-resolve requirements.lock from pyproject.toml (needs network to PyPI)
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --allow-unsafe --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
