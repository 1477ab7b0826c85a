# Borderlines: `make run` serves the app, `make test` runs every test, `make bench` writes BENCHMARKS.md.
# All set up .venv themselves.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
REPLICAS ?= 3
# Test modules run side by side, each whole on one worker (its app server and browser started once).
TEST_WORKERS ?= 2
HAPROXY ?= /usr/sbin/haproxy

# Installs Debian's package $(1) unless $(2), a command or a path, is there already; with sudo unless root.
debian_package = @command -v $(2) >/dev/null || test -x $(2) || { \
	  echo "Installing Debian's $(1)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1); }

.PHONY: run test bench messages translations lint check-data dictionary browser clean cluster haproxy sign-in-link edition serve-edition nginx vendor-js

# Prints a one-time editor sign-in link unless an editor password is set (see README, "Editing the data").
run: $(VENV)/.app-installed messages
	$(PY) -m ui.serve $(PORT)

# REPLICAS copies of the app behind HAProxy on PORT (the replicas on the ports after it); Ctrl-C stops them all.
# Smaller or slower to restart a replica: make cluster REPLICAS=2 CLUSTER_ARGS="--restart-delay 10"
cluster: $(VENV)/.app-installed messages haproxy
	$(PY) -m ui.cluster --port $(PORT) --replicas $(REPLICAS) --haproxy $(HAPROXY) $(CLUSTER_ARGS)

test: $(VENV)/.test-installed messages node_modules/.installed browser haproxy nginx lint
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Smaller or quicker: make bench BENCH_ARGS="--sizes 10000,100000 --repeats 3 --out /tmp/bench.md"
bench: $(VENV)/.bench-installed messages browser haproxy nginx
	$(PY) -m bench $(BENCH_ARGS)

# The translations the app reads (i18n/locales/*/LC_MESSAGES/*.mo), compiled from the .po catalogs translators edit.
messages: $(VENV)/.app-installed
	$(PY) -m i18n compile

# Adds the code's new messages to every language's .po catalogs (README, "Languages"), keeping their translations.
translations: $(VENV)/.app-installed
	$(PY) -m i18n extract

# ruff, then the import layers declared in pyproject.toml (a wrong-way import fails `make test`).
lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo

# Another one-time editor sign-in link for the server (or cluster) already running on PORT.
sign-in-link: $(VENV)/.app-installed
	$(PY) -m ui.serve --link $(PORT)

check-data: $(VENV)/.app-installed
	$(PY) -m catalog check

dictionary: $(VENV)/.app-installed
	$(PY) -m catalog dictionary

$(VENV)/.app-installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Borderlines needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-dev.txt $(VENV)/.app-installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.test-installed
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

# Front-end packages the browser tests inject (axe-core), pinned in package-lock.json; Debian's npm if the machine
# has none.
node_modules/.installed: package.json package-lock.json
	$(call debian_package,npm,npm)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser:
	$(call debian_package,chromium,$(CHROMIUM))
	@test -x $(CHROMIUM) || { echo "No Chromium at $(CHROMIUM): the browser tests cannot run." >&2; exit 1; }

# `make cluster`, its tests and its benchmark run Debian's HAProxy.
haproxy:
	$(call debian_package,haproxy,$(HAPROXY))
	@test -x $(HAPROXY) || { echo "No HAProxy at $(HAPROXY): make cluster cannot run." >&2; exit 1; }

# The static edition of the published data in edition/ (README, "The edition"); FORCE=1 rebuilds this version.
edition: $(VENV)/.app-installed messages
	$(PY) -m press build $(if $(FORCE),--force)

# nginx serving edition/ with press/nginx/edition.conf, on the port of edition.toml's address when it is on this
# machine (8080), where the app's Embed and Cite codes point, else a free one (EDITION_PORT=... to choose).
serve-edition: $(VENV)/.app-installed nginx
	@test -e edition/latest || $(MAKE) --no-print-directory edition
	$(PY) -m press serve $(if $(EDITION_PORT),--port $(EDITION_PORT))

# The edition is served by Debian's nginx (the tests and benchmarks serve it too).
nginx:
	$(call debian_package,nginx,/usr/sbin/nginx)

# Installs the pinned JavaScript of press/js/package-lock.json and copies its built files into press/vendor/.
vendor-js:
	cd press/js && npm ci --ignore-scripts --no-audit --no-fund
	cp press/js/node_modules/plotly.js-basic-dist-min/plotly-basic.min.js press/vendor/plotly-basic.min.js
	cp press/js/node_modules/deck.gl/dist.min.js press/vendor/deck.gl.min.js
	cp press/js/node_modules/@deck.gl/json/dist.min.js press/vendor/deck.gl-json.min.js

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache node_modules
