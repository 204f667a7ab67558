# gongkai — two commands set up a machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-dev lint bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes (the stamp files remember the last install).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/gongkai migrate --noinput -v 0
	$(BIN)/gongkai demo
	@echo ""
	@echo "工作人员入口 / staff:   http://$(HOST):$(PORT)/login/"
	@echo "管理后台 / admin:       http://$(HOST):$(PORT)/admin/"
	@echo "信息公开 / portal:      http://$(HOST):$(PORT)/xxgk/"
	@echo "依申请公开 / request:   http://$(HOST):$(PORT)/ysqgk/"
	@echo ""
	$(BIN)/gongkai runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench

bench: install-dev
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
