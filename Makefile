# The two commands a newcomer runs: `make repro` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# llama.cpp's GGUF converter, from the sdist of the installed llama-cpp-python (outside git).
CONVERTER := .cache/llama.cpp/VERSION
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Stage commands (`domaintune ...`) and dvc itself come from the venv.
export PATH := $(abspath $(BIN)):$(PATH)
# llama-cpp-python builds from source; use both cores.
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: install repro test lint clean-venv

install: $(STAMP) $(CONVERTER)

$(CONVERTER): $(STAMP)
	$(BIN)/python -m domaintune.gguf fetch

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade "pip>=24" wheel
	# torch first and exactly pinned: anything unpinned would fetch the CUDA build.
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e ".[dev]"
	touch $@

repro: install
	$(BIN)/dvc repro
	$(BIN)/domaintune readme
	$(BIN)/dvc status

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests data bench

clean-venv:
	rm -rf $(VENV)
