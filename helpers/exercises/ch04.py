"""Exercise checks for notebook 04."""

__all__ = []
