# `make test-oldest`: the course on the oldest versions it supports (issue 15), in its own venv.
# requirements/oldest.txt pins every lower bound of pyproject.toml exactly; on them, the unit tests
# must pass and every notebook must run top to bottom with each exercise check giving its stored
# verdict (tools/check_verdicts.py). Outputs are not compared: printed digits may differ between
# versions, and only the pinned `make test` (nbval strict) holds them. CI runs both (.ci/run).

OLDEST_PYTHON ?= $(PYTHON)
OLDEST_VENV := .venv-oldest
OLDEST_BIN := $(OLDEST_VENV)/bin
OLDEST := requirements/oldest.txt
comma := ,

.PHONY: test-oldest

$(OLDEST_BIN)/python:
	$(OLDEST_PYTHON) -m venv $(OLDEST_VENV)

$(OLDEST_VENV)/.installed: pyproject.toml $(OLDEST) | $(OLDEST_BIN)/python
	$(call install,$(OLDEST_BIN),$(OLDEST),unit$(comma)notebooks)
	touch $@

test-oldest: $(OLDEST_VENV)/.installed
	@$(OLDEST_BIN)/python -c 'import numpy, matplotlib, ipywidgets; print(f"oldest stack: numpy {numpy.__version__}, matplotlib {matplotlib.__version__}, ipywidgets {ipywidgets.__version__}")'
	@status=0; \
	$(OLDEST_BIN)/python -m pytest tests -m "not browser and not site" -q || status=1; \
	$(OLDEST_BIN)/python tools/check_verdicts.py || status=1; \
	exit $$status
