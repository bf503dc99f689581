# The two commands in README: `make report` and `make test`. Each does its own set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test lint benchmark clean

# Create the virtual environment and install pace-qi with its dependencies (pyproject.toml).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# Build every report on the built-in SYNTHETIC demo data into outputs/.
report: setup
	$(BIN)/pace-qi build

# Every test: unit and property tests, reference-data checks, the notebooks (nbval), lint.
test: setup
	$(BIN)/python -m pytest
	$(BIN)/python -m ruff check pace_qi tests benchmarks

lint: setup
	$(BIN)/python -m ruff check pace_qi tests benchmarks

benchmark: setup
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf outputs/governance outputs/internal outputs/index.html outputs/manifest.json
