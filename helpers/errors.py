"""Errors raised when an algorithm, not its input, goes wrong."""

__all__ = ["DivergenceError", "ConvergenceError"]


class DivergenceError(RuntimeError):
    """An iterative method blew up (typically: the learning rate is above the stable bound)."""


class ConvergenceError(RuntimeError):
    """An iterative method stopped at its iteration limit before reaching its tolerance."""
