"""Heartwork: a private companion for repairing a relationship, or coming out of it whole."""

__version__ = "0.1.0"
