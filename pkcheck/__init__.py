"""pkcheck: check UN peacekeeping unit declarations against deployment standards."""

__version__ = "0.1.0"
