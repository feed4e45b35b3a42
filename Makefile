# The README's two commands are `make run` and `make test`; the rest are helpers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint format check install messages bench clean

# Re-install only when the pins change, so a second `make run` is quick.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed node_modules/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Two workers (pytest-xdist), each with its own test database and Redis database. Tests are handed out
# two at a time in collection order, so each worker still runs pytest-django's order (transactional tests,
# whose flush empties the database, after the others) and tests marked `long`, sorted first, do not
# hold up a queue behind them. TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
test: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n $(TEST_WORKERS) --dist load --maxschedchunk 2 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Extract and compile translations (needs GNU gettext); the compiled .mo files are committed.
messages: install
	for app in core content events registration checkin exhibitors participation; do (cd $$app && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete); done
	cd site && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete --ignore=static
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
