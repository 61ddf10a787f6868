PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test lint install clean

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
	$(BIN)/newsclaims ingest examples/articles/ --db sqlite:///demo.db
	@echo "Open the web UI on the demo corpus: make serve   (then http://127.0.0.1:8000/)"

serve: $(STAMP)
	$(BIN)/newsclaims serve --db sqlite:///demo.db

clean:
	rm -rf $(VENV) build dist *.egg-info
