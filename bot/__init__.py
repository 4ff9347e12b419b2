"""Parley: a Discord bot that discusses one article with grounded, balanced, flagged answers."""

__version__ = "0.1.0"
