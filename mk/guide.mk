# The instructor guide (issue 12): docs/questions.md and the guide's study-time table are generated
# from the notebooks (cells tagged "question", "Study time" lines), never copied by hand.
# tests/test_guide.py fails when they are stale: run `make guide` after changing a notebook.
.PHONY: guide

guide: $(VENV)/.installed-test
	$(BIN)/python tools/build_guide.py
