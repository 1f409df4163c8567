# Two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test venv deps dev-deps chromium benchmark clean translations

run: deps
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true

test: dev-deps chromium
	$(PY) -m pytest

benchmark: dev-deps chromium
	$(PY) -m benchmarks.run_all

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.deps $@

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

# Debian's Chromium for the browser tests and the chart exports; installed when missing and apt is there.
chromium:
	@if [ -x $(CHROMIUM) ]; then echo "chromium: $(CHROMIUM)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core fonts-liberation >/dev/null; \
	else echo "chromium missing and no apt-get: install Chromium at $(CHROMIUM)" >&2; exit 1; fi

# The English messages (pioc_metrics/text/messages/) re-extracted into messages.pot and merged into the
# Spanish and Portuguese catalogs: then translate their new and fuzzy entries (Poedit, Weblate).
translations: deps
	$(VENV)/bin/pybabel extract -F babel.cfg -o pioc_metrics/text/locale/messages.pot \
		--project="Peace in Our Cities progress dashboard" --version=1 \
		--header-comment="# English messages of the dashboard; msgctxt is each message's key. Made by make translations." .
	$(VENV)/bin/pybabel update -i pioc_metrics/text/locale/messages.pot -d pioc_metrics/text/locale --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache tests/screenshots
