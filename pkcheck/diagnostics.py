"""Located problems with input files: the errors and warnings a user must fix or note.

A *diagnostic* is about a file (it cannot be read, has the wrong shape, names an unknown code);
a *finding* (see ``report.py``) is about a requirement. Both carry a 1-based location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a file; ``line``/``column`` are 1 when nothing better is known."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in an input file, with where it is."""

    location: Location
    message: str
    level: Level = Level.ERROR

    def __str__(self) -> str:
        prefix = "" if self.level is Level.ERROR else "warning: "
        return f"{self.location}: {prefix}{self.message}"


@dataclass
class InputError(Exception):
    """An input file cannot be read or validated; carries every problem found in it."""

    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)

    @classmethod
    def at(cls, path: str, message: str, line: int = 1, column: int = 1) -> InputError:
        return cls((Diagnostic(Location(path, line, column), message),))


class UsageError(Exception):
    """The command line asks for something that cannot be done (exit code 2)."""
