# Heartwork. Quick start: `make run` serves the app, `make test` runs the tests.
# Both create .venv on first use (with uv when it is installed, else python3 -m venv + pip).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.lock
UV := $(shell command -v uv 2>/dev/null)

.PHONY: install run test e2e lint format typecheck check lock clean bench-coach bench-safety bench-charts bench-web bench-load bench-scale

install: $(STAMP)

# Re-runs only when the lock or the project metadata changed: `make install` is idempotent.
$(STAMP): pyproject.toml $(LOCK)
ifneq ($(UV),)
	test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes -r $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
else
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	touch $(STAMP)

run: install
	$(BIN)/heartwork serve

test: install
	$(BIN)/pytest -n auto

# Browser journeys, the axe accessibility scan and the README screenshots, in Debian's
# Chromium (apt install chromium chromium-driver; .ci/run does it). axe-core comes from
# npm (package-lock.json); no browser is ever downloaded. docs/development.md, "Browser tests".
e2e: install node_modules/.package-lock.json
	$(BIN)/pytest e2e -n 2

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

lint: install
	$(BIN)/ruff check src tests bench e2e
	$(BIN)/ruff format --check src tests bench e2e

format: install
	$(BIN)/ruff format src tests bench e2e
	$(BIN)/ruff check --fix src tests bench e2e

# The django-stubs plugin imports the settings. Debug mode and an empty data dir make
# that independent of any local secret in ./var, so a fresh clone type-checks the same.
typecheck: install
	HEARTWORK_DEBUG=true HEARTWORK_DATA_DIR="$$(mktemp -d)" $(BIN)/mypy

check: lint typecheck test

# Not a test: prints messages per second for the coach and for VADER on the same texts,
# and p50/p95/p99 for 150-word messages (docs/benchmarks.md).
bench-coach: install
	$(BIN)/python bench/coach.py

# Statements per second for the safety scanner, with medians and p95 by length.
bench-safety: install
	$(BIN)/python bench/safety.py

# Render time and size of the SVG charts for 1 day, 1 year and 10 years of daily points.
bench-charts: install
	$(BIN)/python bench/charts.py

# Every tracker page and chart for someone with two years of daily data, next to one week
# and a new account, in one run (p50/p95 and SQL queries per page; target p95 < 100 ms).
bench-web: install
	$(BIN)/python bench/web.py

# Starts `heartwork serve` on loopback (SQLite in a temporary directory) and drives it with a
# bounded mix: home page, check-ins, journal entries, the coach; requests/s, p50/p95/p99.
bench-load: install
	$(BIN)/python bench/load.py

# Needs DATABASE_URL=postgresql://...: makes its own database heartwork_scale on that server,
# seeds 100,000 people and 10 million rows (--users/--rows to change) and times the
# dashboard and the charts. Long: see docs/benchmarks.md for the time it takes.
bench-scale: install
	$(BIN)/python bench/scale.py $(SCALE_ARGS)

# Needs uv. Regenerates both hashed locks from pyproject.toml.
lock:
	uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes \
		--extra dev -o requirements/dev.lock
	uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes \
		-o requirements/prod.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
