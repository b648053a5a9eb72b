"""Worked solutions to the notebooks' exercises, one module per notebook (tested in tests/)."""
