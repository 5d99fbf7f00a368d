"""Routine handbook: routines as validated documents, a staff handbook and executable checks."""

__version__ = "0.1.0"
