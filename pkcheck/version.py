"""pkcheck's version, in a module of its own: every layer may name it without importing the
package's API (the build reads it from here too)."""

__version__ = "0.1.0"
