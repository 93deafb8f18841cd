# Two commands on a fresh clone: `make site` (build and serve) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: site build pdf check test test-fast bench bench-build bench-page bench-scale clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: $(VENV)/.installed
	@echo "Open the reader at http://127.0.0.1:$(PORT)/ (Ctrl-C stops the server)"
	$(PY) build.py serve --port $(PORT)

build: $(VENV)/.installed
	$(PY) build.py

# Print each edition to PDF in Debian's Chromium and build site/ with the PDFs linked (a plain build needs no browser).
pdf: $(VENV)/.installed
	$(PY) build.py pdf

check: $(VENV)/.installed
	$(PY) build.py check --strict

test: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest

test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not browser"

bench: bench-build bench-page bench-scale

bench-build: $(VENV)/.installed
	$(PY) scripts/bench_build.py

bench-page: $(VENV)/.installed node_modules/.installed
	test -d bench/node_modules || (cd bench && npm ci --no-audit --no-fund --loglevel=error)
	$(PY) scripts/bench_page.py

# The scale benchmark compares Glossa with Hugo (Debian's package) and MkDocs (the [bench] extra).
bench-scale: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,bench]'
	command -v hugo >/dev/null || (apt-get update -qq && apt-get install -y -qq hugo)
	$(PY) scripts/bench_scale.py $(SIZES)

clean:
	rm -rf site .site.* test-artifacts bench-results .glossa-cache
