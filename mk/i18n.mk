# Translations (tools/i18n.py; CONTRIBUTING, "Translations"). LANG_CODE defaults to the Chinese edition.
LANG_CODE ?= zh-CN
.PHONY: i18n-check i18n-update i18n-build i18n-messages

i18n-check: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py check --lang $(LANG_CODE)

i18n-update: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py update --lang $(LANG_CODE)

i18n-build: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py build --lang $(LANG_CODE)

i18n-messages: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py messages --lang $(LANG_CODE)
