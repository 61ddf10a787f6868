PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training

test: lint
	$(BIN)/pytest

demo: $(STAMP)
	$(BIN)/newsclaims extract examples/articles/ --format table

clean:
	rm -rf $(VENV) build dist *.egg-info
