"""Exercise checks for notebook 02."""

__all__ = []
