"""Ceasefire: software for a joint ceasefire monitoring center."""

__version__ = "0.1.0"
