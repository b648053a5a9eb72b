# The course in two commands: `make lab` (open it) and `make test` (check every claim).
# Both create .venv on first use; nothing is installed outside it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb notebooks/zh-CN/*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# One BLAS thread: the notebooks' small matrices run faster without threads fighting over the
# cores, and stored outputs are reproduced bit for bit (thread count changes round-off).
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
# JupyterLab refuses to run as root unless told; add the flag only for root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The exact versions the stored outputs were made with (pip constraints). pyproject.toml states
# the wider supported range; `make test-oldest` (mk/oldest.mk) runs its lower bounds.
TESTED := requirements/tested.txt
# $(call install,VENV BIN,CONSTRAINTS,EXTRAS): pip install -c CONSTRAINTS -e '.[EXTRAS]'.
# uv installs the same pins about three times faster than pip from an empty cache (benchmarks/lab_startup.py): it is
# taken from the PATH, or else bootstrapped into the venv by pip (one wheel, pinned in
# requirements/tested.txt). Plain pip is the path that always works: it takes over if uv cannot be
# had or fails, and USE_UV=0 forces it.
USE_UV ?= 1
define install
	@uv=; if [ "$(USE_UV)" = 1 ]; then \
	  uv=$$(command -v uv || true); \
	  if [ -z "$$uv" ] && $(1)/python -m pip install --quiet -c $(TESTED) uv >/dev/null 2>&1; then uv=$(1)/uv; fi; \
	fi; \
	if [ -n "$$uv" ]; then \
	  echo "$$uv pip install -c $(2) -e '.[$(3)]'"; \
	  $$uv pip install --quiet --python $(1)/python -c $(2) -e '.[$(3)]' && exit 0; \
	  echo "uv failed: installing with pip instead"; \
	fi; \
	echo "pip install -c $(2) -e '.[$(3)]'"; \
	$(1)/python -m pip install --quiet -c $(2) -e '.[$(3)]'
endef

# `make lab LANG=zh` (or zh-CN) opens the Chinese edition, with JupyterLab's interface in Chinese.
# Only a LANG given on the command line chooses the course's language (the locale in your
# environment does not), and it is not passed on to the programs make runs.
ifeq ($(origin LANG),command line)
COURSE_LANG := $(LANG)
override LANG := C.UTF-8
else
COURSE_LANG := en
endif
ZH := $(filter zh% cn,$(COURSE_LANG))
# JupyterLab's own interface in Chinese for that route only (tools/learner_copy.py writes it).
LAB_ZH_CONFIG := $(VENV)/etc/l1l2-course-zh
# Extra options for JupyterLab, e.g. make lab LAB_FLAGS="--no-browser --port=8890".
LAB_FLAGS ?=

.PHONY: help lab fresh test unit lint notebooks execute html screenshot clean

help:
	@echo "make lab      open your own copy of the course in JupyterLab (creates .venv and my_notebooks/ on first use)"
	@echo "make lab LANG=zh   the same for the Chinese edition, with JupyterLab in Chinese"
	@echo "make fresh NB=03   restart one notebook from the course version (keeps your old copy)"
	@echo "make test     run every test: unit tests, ruff, site and browser tests, all notebooks under nbval"
	@echo "make unit     the unit tests only, in seconds (no browser, no notebooks)"
	@echo "make test-oldest  unit tests and every notebook on the oldest supported versions (.venv-oldest)"
	@echo "make execute  re-run every notebook in place and store its outputs"
	@echo "make html     build the offline static site into site/ (English) and site/zh-CN/"
	@echo "make slides   build reveal.js decks into site/slides/ (both editions; nothing online)"
	@echo "make pdf      print handouts and exercise sheets to site/pdf/ (needs chromium)"
	@echo "make figures  export every figure as SVG + 200-dpi PNG into build/figures/"
	@echo "make guide    regenerate docs/questions.md and the instructor guide's notebook table"
	@echo "make i18n-check   list translations out of step with the English (CONTRIBUTING)"
	@echo "make screenshot  regenerate docs/explorer.png with the browser test (needs chromium)"
	@echo "make clean    remove .venv and caches"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"The course needs Python 3.11 or newer, and $(PYTHON) is {v.major}.{v.minor}: run make with PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV) || { echo "Could not create .venv (on Debian/Ubuntu: sudo apt-get install python3-venv)."; exit 1; }

# Re-install when pyproject.toml or the pins change; the stamp files record what is installed.
# Each installs the project with one extra, always with the tested pins (-c).
$(VENV)/.installed-lab: pyproject.toml $(TESTED) | $(BIN)/python
	$(call install,$(BIN),$(TESTED),lab)
	touch $@

$(VENV)/.installed-unit: pyproject.toml $(TESTED) | $(BIN)/python
	$(call install,$(BIN),$(TESTED),unit)
	touch $@

$(VENV)/.installed-test: pyproject.toml $(TESTED) | $(BIN)/python
	$(call install,$(BIN),$(TESTED),test)
	touch $@ $(VENV)/.installed-lab $(VENV)/.installed-unit

# The learner works in my_notebooks/ (git-ignored), created on first use and never overwritten;
# JupyterLab is rooted at the repository, so solutions/ and notebooks/ are visible beside it.
lab: $(VENV)/.installed-lab
	@open=$$($(BIN)/python tools/learner_copy.py init --lang "$(COURSE_LANG)" --lab-config $(LAB_ZH_CONFIG)) || exit 1; \
	$(if $(ZH),export JUPYTER_CONFIG_PATH="$(CURDIR)/$(LAB_ZH_CONFIG)$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}";) \
	exec $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url="/lab/tree/$$open" $(LAB_FLAGS)

# make fresh NB=03 [LANG=zh]: your copy becomes my_notebooks/03_...-old-<time>.ipynb.
fresh:
	@$(PYTHON) tools/learner_copy.py fresh "$(NB)" --lang "$(COURSE_LANG)" >/dev/null

test: $(VENV)/.installed-test
	$(BIN)/ruff check helpers tests solutions notebooks benchmarks tools
	$(BIN)/python -m pytest tests $(NBVAL) notebooks

# The unit tests alone: no Playwright, no MathJax, no notebooks (pytest markers: tests/conftest.py).
unit: $(VENV)/.installed-unit
	$(BIN)/python -m pytest tests -m "not browser and not site" -q

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
