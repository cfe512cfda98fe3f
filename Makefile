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

.PHONY: install repro test lint sweep pr-report bench clean-venv

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

# Bash with pipefail, so a failing `dvc repro` fails the target through the stage timer's pipe.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

repro: install
	PYTHONUNBUFFERED=1 $(BIN)/dvc repro 2>&1 | $(BIN)/python bench/stage_times.py bench/results/repro_stages.json
	$(BIN)/domaintune readme
	$(BIN)/dvc status

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests data bench
	$(BIN)/actionlint
	$(BIN)/zizmor --offline --min-severity high .github/workflows

# A sweep: one queued dvc experiment per grid point, run JOBS at a time, then the comparison table.
#   make sweep                                   # tiny profile, lora.r x train.lr = 4 runs of the whole pipeline
#   make sweep TARGETS=eval@contracts            # the same grid, one domain's stages up to eval
#   make sweep PROFILE=full JOBS=1 GRID="-S lora.r=16,32,64 -S train.lr=1e-4,2e-4,5e-4 -S train.epochs=2,3,4"
# Queued runs see only what git tracks (plus dvc outputs from the cache), so untracked inputs stop the sweep.
PROFILE ?= tiny
GRID ?= -S lora.r=8,16 -S train.lr=1e-4,3e-4
JOBS ?= 1
METRIC ?= val_loss
TARGETS ?=
SWEEP_INPUTS := data golden_tests src params.yaml dvc.yaml

sweep: install
	@untracked="$$(git ls-files --others --exclude-standard -- $(SWEEP_INPUTS))"; if [ -n "$$untracked" ]; then \
	  echo "untracked inputs would be missing from queued experiments; git add them first:"; \
	  echo "$$untracked"; exit 1; fi
	$(BIN)/dvc exp run --queue -S profile=$(PROFILE) $(GRID) $(TARGETS)
	$(BIN)/dvc queue start -j $(JOBS)
	$(BIN)/domaintune sweep-table --wait --metric $(METRIC)

# The pull-request comment for the current workspace against BASE (run `dvc repro` first): report.md + report/*.png
BASE ?= main
pr-report: install
	$(BIN)/domaintune report-pr --base $(BASE) > report.md
	@echo "report.md written; images in report/"

# CPU benchmarks, each against its baseline in the same run (bench/*.py; results in bench/results/). Needs `make repro`.
bench: install
	$(BIN)/python bench/train.py
	$(BIN)/python bench/eval_generation.py
	$(BIN)/python bench/llama_cpp_steps.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/hotspots.py train
	$(BIN)/python bench/hotspots.py generate
	$(BIN)/python bench/gpu.py

clean-venv:
	rm -rf $(VENV)
