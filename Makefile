# redline: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXTRAS ?= dev,peer,uncertainty,nlp,store,postgres,web,plot,pdf,e2e

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

demo: install
	$(VENV)/bin/redline analyze examples/us-iran-2026.yaml
	@echo
	$(VENV)/bin/redline analyze examples/us-iran-2026.yaml --agenda enrichment,inspections,stockpile,sanctions

test: install
	$(PY) -m pytest -n 2 -q

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
