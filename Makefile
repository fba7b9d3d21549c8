# Two commands matter on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     ?= harmwatch.db

.PHONY: setup setup-test demo test lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Re-install only when the project's metadata changes (idempotent).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(STAMP)-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

setup: $(STAMP)

setup-test: $(STAMP)-test

demo: setup
	$(VENV)/bin/harmwatch --db sqlite:///$(DB) ingest samples/
	$(VENV)/bin/harmwatch --db sqlite:///$(DB) incidents

test: setup-test
	$(PY) -m pytest

# pyflakes-level lint and type checks (pyproject.toml lists the modules not type-clean yet)
lint: setup-test
	$(VENV)/bin/ruff check harmwatch tests
	$(VENV)/bin/mypy harmwatch

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
