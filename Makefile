# The course in two commands: `make lab` (open it) and `make test` (check every claim).
# Both create .venv on first use; nothing is installed outside it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# One BLAS thread: the notebooks' small matrices run faster without threads fighting over the
# cores, and stored outputs are reproduced bit for bit (thread count changes round-off).
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
# JupyterLab refuses to run as root unless told; add the flag only for root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help lab test unit lint notebooks execute html screenshot clean

help:
	@echo "make lab      open the course in JupyterLab (creates .venv on first use)"
	@echo "make test     run every test: unit tests, ruff, and all notebooks under nbval"
	@echo "make execute  re-run every notebook in place and store its outputs"
	@echo "make html     build the offline static site into site/"
	@echo "make screenshot  regenerate docs/explorer.png with the browser test (needs chromium)"
	@echo "make clean    remove .venv and caches"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"The course needs Python 3.11 or newer, and $(PYTHON) is {v.major}.{v.minor}: run make with PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV) || { echo "Could not create .venv (on Debian/Ubuntu: sudo apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes; the stamp files record what is installed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lab: $(VENV)/.installed
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(VENV)/.installed-test
	$(BIN)/ruff check helpers tests solutions notebooks benchmarks tools
	$(BIN)/python -m pytest tests $(NBVAL) notebooks

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests

lint: $(VENV)/.installed-test
	$(BIN)/ruff check helpers tests solutions notebooks benchmarks tools

notebooks: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(NBVAL) notebooks

# Restart & Run All for every notebook (or one: make execute NOTEBOOKS=notebooks/03_x.ipynb).
execute: $(VENV)/.installed-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 $(NOTEBOOKS)

html: $(VENV)/.installed-test
	$(BIN)/python tools/build_site.py site

# The README's screenshot comes from the real-browser test, never by hand.
screenshot: $(VENV)/.installed-test
	mkdir -p docs
	SCREENSHOT=docs/explorer.png $(BIN)/python -m pytest tests/test_browser.py -q -rs

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# Further targets (slides, figures, handouts, translations...) live in mk/*.mk, one file per topic.
include $(wildcard mk/*.mk)
