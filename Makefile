# Agora developer commands. `make demo` and `make test` are the two a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint sdl clean

$(BIN)/agora: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/agora

# Serve the API with demo data on the embedded SQLite database.
demo: install
	$(BIN)/agora serve --demo

# The whole suite on SQLite, then on PostgreSQL too when AGORA_TEST_POSTGRES_URL names a server
# (e.g. postgresql+asyncpg://postgres@127.0.0.1/postgres): each run (and each parallel worker)
# makes a fresh database.
PYTEST := $(BIN)/pytest -n auto
test: install
	env -u AGORA_TEST_POSTGRES_URL $(PYTEST)
	@if [ -n "$$AGORA_TEST_POSTGRES_URL" ]; then $(PYTEST); \
	else echo "PostgreSQL run skipped: set AGORA_TEST_POSTGRES_URL to run it."; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Regenerate the checked-in SDL after a deliberate schema change.
sdl: install
	$(BIN)/agora schema > schema/schema.graphql

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache agora.db agora.db-* test-artifacts
