# Two commands on a fresh machine (Python >= 3.10, Node >= 18):  make demo  ·  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
COURSES ?= slides

.PHONY: demo test install lint format bench docs clean

install: $(VENV)/.installed node_modules/.installed  ## Python venv (+dev tools) and the pinned marp-cli

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: install  ## build every course under slides/ into build/
	$(BIN)/deck build $(COURSES)/*/
	@echo "Open build/*/index.html in a browser (p: presenter view, f: full screen)."

test: install  ## lint, type-check, then the whole suite (real-client tests need chromium + libreoffice)
	$(BIN)/ruff check src tests bench docs
	$(BIN)/ruff format --check src tests bench docs
	$(BIN)/mypy
	$(BIN)/pytest

lint:
	$(BIN)/ruff check src tests bench docs
	$(BIN)/mypy

format:
	$(BIN)/ruff format src tests bench docs
	$(BIN)/ruff check --fix src tests bench docs

bench: install  ## build speed (rebuilds, 5,000 slides), PPTX vs pandoc and marp, live classroom, PDF vs marp --pdf (see bench/README.md)
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_pptx.py
	$(BIN)/python bench/bench_classroom.py
	$(BIN)/python bench/bench_pdf.py

docs: install  ## regenerate the README's slide images (HTML vs PPTX) in docs/
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf build .pytest_cache .ruff_cache .hypothesis
