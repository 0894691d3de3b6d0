# redline: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXTRAS ?= dev,peer,uncertainty,nlp,store,postgres,web,plot,pdf,e2e,spreadsheet,exact

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

NUCLEAR := enrichment,inspections,stockpile,sanctions

demo: install
	$(VENV)/bin/redline analyze examples/us-iran-2026.yaml
	@echo
	$(VENV)/bin/redline analyze examples/us-iran-2026.yaml --agenda $(NUCLEAR)
	@echo
	$(VENV)/bin/redline agendas examples/us-iran-2026.yaml --top 6
	@echo
	$(VENV)/bin/redline explain examples/us-iran-2026.yaml
	@echo
	$(VENV)/bin/redline compare examples/us-iran-2026.yaml --event naval-buildup --agenda $(NUCLEAR)
	@echo
	$(VENV)/bin/redline forecast examples/us-iran-2026.yaml --model compromise
	@echo
	$(VENV)/bin/redline forecast examples/us-iran-2026.yaml --model median-position --agenda $(NUCLEAR)
	@echo
	$(VENV)/bin/redline simulate examples/us-iran-2026.yaml --protocol all --agenda $(NUCLEAR) \
	  --strategy USA=boulware --strategy IRN=conceder --runs 2000 --seed 1
	@echo
	$(VENV)/bin/redline report examples/us-iran-2026.yaml --agenda $(NUCLEAR) -o out/us-iran-report.html
	@echo
	$(VENV)/bin/redline thresholds examples/us-iran-2026.yaml --agenda $(NUCLEAR)
	@echo
	$(VENV)/bin/redline brief examples/us-iran-2026.yaml --montecarlo 2000 --seed 1

test: install
	$(PY) -m pytest -n 2 -q

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
