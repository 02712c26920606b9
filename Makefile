# The two set-up commands of a fresh clone: `make dev` and `make test`.
# Each creates .venv and installs the project with its dev tools first.

PYTHON ?= python3
VENV := .venv
PORT ?= 8000
INSTALLED := $(VENV)/.installed
CODE := backend tests bench

.PHONY: dev test lint bench-login bench-content bench-webhooks bench-rls

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(INSTALLED)

dev: $(INSTALLED)
	$(VENV)/bin/omega dev --port $(PORT)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check $(CODE)
	$(VENV)/bin/ruff format --check $(CODE)
	$(VENV)/bin/mypy backend/app

test: lint
	$(VENV)/bin/pytest

bench-login: $(INSTALLED)
	$(VENV)/bin/python -m bench.login_bench

bench-content: $(INSTALLED)
	$(VENV)/bin/python -m bench.content_bench

bench-webhooks: $(INSTALLED)
	$(VENV)/bin/python -m bench.webhook_bench

bench-rls: $(INSTALLED)
	$(VENV)/bin/python -m bench.rls_bench
