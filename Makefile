# reportgen: two commands do everything on a fresh machine (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report steckbriefe test lint bench setup clean

report: $(STAMP)
	$(BIN)/reportgen build --verbose

steckbriefe: $(STAMP)
	$(BIN)/reportgen steckbriefe

bench: $(STAMP)
	$(BIN)/python bench/steckbriefe.py

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check reportgen tests
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	@# WeasyPrint subsets fonts much faster with HarfBuzz-Subset; install it where we may.
	@if ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1)) || \
	    echo "Hinweis: libharfbuzz-subset0 ließ sich nicht installieren; PDFs entstehen langsamer."; \
	  else echo "Hinweis: libharfbuzz-subset0 fehlt (apt-get install libharfbuzz-subset0); PDFs entstehen langsamer."; fi; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) out/*
