# reportgen: two commands do everything on a fresh machine (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Generic CMYK profile for the print edition (reportgen build --profile druck), Debian: libgs-common
ICC_PROFILE := /usr/share/color/icc/ghostscript/default_cmyk.icc

.PHONY: report steckbriefe test test-tools lint bench setup clean

report: $(STAMP)
	$(BIN)/reportgen build --verbose

steckbriefe: $(STAMP)
	$(BIN)/reportgen steckbriefe

bench: $(STAMP)
	$(BIN)/python bench/cli_start.py
	$(BIN)/python bench/limits.py
	$(BIN)/python bench/steckbriefe.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/vorschau.py

test: $(STAMP) test-tools
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

# Debian packages some tests use: LibreOffice renders the Word fact sheets to count their pages
# (with the Arial-metric Liberation fonts); headless Chromium with axe-core (npm, tests/browser)
# checks the HTML edition in a real browser. Installed where we may; without them those tests
# say why they were skipped.
test-tools:
	@if ! command -v libreoffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-writer-nogui fonts-liberation2 >/dev/null 2>&1) || \
	    echo "Hinweis: LibreOffice ließ sich nicht installieren; die Seitenzählung der DOCX-Steckbriefe wird übersprungen."; \
	  else echo "Hinweis: LibreOffice fehlt (apt-get install libreoffice-writer-nogui fonts-liberation2); die Seitenzählung der DOCX-Steckbriefe wird übersprungen."; fi; \
	fi
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends chromium >/dev/null 2>&1) || \
	    echo "Hinweis: Chromium ließ sich nicht installieren; die Browser-Tests der HTML-Ausgabe werden übersprungen."; \
	  else echo "Hinweis: Chromium fehlt (apt-get install chromium); die Browser-Tests der HTML-Ausgabe werden übersprungen."; fi; \
	fi
	@if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    (cd tests/browser && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) || \
	    echo "Hinweis: npm ci in tests/browser schlug fehl; die Browser-Tests der HTML-Ausgabe werden übersprungen."; \
	  else echo "Hinweis: Node.js/npm fehlt (für axe-core in tests/browser); die Browser-Tests der HTML-Ausgabe werden übersprungen."; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check reportgen tests
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml | $(ICC_PROFILE)
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

# Checked on every run (order-only), installed where we may; without it only the print
# edition needs a profile from druck.icc_profil / --icc-profil.
$(ICC_PROFILE):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq libgs-common >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libgs-common >/dev/null 2>&1)) || \
	  echo "Hinweis: libgs-common ließ sich nicht installieren; das Druck-PDF braucht dann ein CMYK-Profil (druck.icc_profil)."; \
	else echo "Hinweis: CMYK-Profil $@ fehlt (apt-get install libgs-common); das Druck-PDF braucht sonst druck.icc_profil."; fi

clean:
	rm -rf $(VENV) out/*
