# Figures a lecturer can project and reuse (issue 12): every figure of every notebook as SVG and
# 200-dpi PNG in build/figures/, named NN_section-slug_k, with an index.md that flags any figure
# whose smallest text would be under 14 pt on a 1280x720 slide.
# One notebook only: make figures NOTEBOOKS=notebooks/02_loss_formula.ipynb
.PHONY: figures

figures: $(VENV)/.installed-test
	$(BIN)/python tools/export_figures.py --out build/figures $(filter notebooks/%,$(NOTEBOOKS))
