# Two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test venv deps dev-deps system-deps lint benchmark clean translations

run: deps
	$(PY) -m pioc_metrics store init
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true

# Several dashboard processes behind HAProxy on one port, in the foreground (README: Hosting), e.g.
# `make serve WORKERS=4 PORT=8080`; BIND=127.0.0.1 behind a front proxy on the same machine;
# FRAME_ANCESTORS="'self' https://intranet.example.org" allows embedding there; MAP_TILES=1 the map's web tiles.
WORKERS ?= 2
.PHONY: serve serve-deps
serve: deps serve-deps
	$(PY) -m pioc_metrics store init
	BIND="$(BIND)" FRAME_ANCESTORS="$(FRAME_ANCESTORS)" MAP_TILES="$(MAP_TILES)" \
		$(PY) scripts/serve.py --workers $(WORKERS) --port $(PORT)

# Debian's haproxy, the proxy `make serve` runs; installed only when missing.
serve-deps:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then echo "haproxy: present"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); echo "installing: haproxy"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; \
	else echo "missing: haproxy and no apt-get to install it" >&2; exit 1; fi

test: dev-deps system-deps
	$(PY) -m pytest

benchmark: dev-deps system-deps
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

# Debian's packages the tests use: Chromium (browser tests, chart exports), its fonts, and GNU gettext's
# msgfmt (checks the translation catalogs as Poedit would), PostgreSQL (the store's tests start a throwaway
# server of their own). Each is installed only when missing.
system-deps:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium fonts-dejavu-core fonts-liberation"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing="$$missing haproxy"; \
	if [ -z "$$missing" ]; then echo "system packages: present"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); echo "installing:$$missing"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	else echo "missing:$$missing and no apt-get to install them" >&2; exit 1; fi

lint: dev-deps
	$(VENV)/bin/ruff check .

# The English messages (pioc_metrics/text/messages/) re-extracted into messages.pot and merged into the
# Spanish and Portuguese catalogs: then translate their new and fuzzy entries (Poedit, Weblate).
translations: deps
	$(VENV)/bin/pybabel extract -F babel.cfg -o pioc_metrics/text/locale/messages.pot \
		--project="Peace in Our Cities progress dashboard" --version=1 \
		--header-comment="# English messages of the dashboard; msgctxt is each message's key. Made by make translations." .
	$(VENV)/bin/pybabel update -i pioc_metrics/text/locale/messages.pot -d pioc_metrics/text/locale --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache tests/screenshots
