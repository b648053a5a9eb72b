# Lecture material (issue 12): reveal.js decks and printable handouts, built into site/ beside the
# offline pages of `make html` (both editions: notebooks/ and, when it exists, notebooks/zh-CN/).
# Decks and PDFs are made with bundled reveal.js (sphinx-revealjs wheel), bundled MathJax and the
# system Chromium (`sudo apt-get install chromium`, or CHROMIUM=/path/to/chrome); no CDN.
.PHONY: slides pdf

slides: $(VENV)/.installed-test
	$(BIN)/python tools/build_site.py site
	$(BIN)/python tools/build_slides.py site

pdf: $(VENV)/.installed-test
	$(BIN)/python tools/build_site.py site
	$(BIN)/python tools/build_pdf.py site
