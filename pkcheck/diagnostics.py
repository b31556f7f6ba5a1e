"""Located problems with input files: the errors and warnings a user must fix or note.

A *diagnostic* is about a file (it cannot be read, has the wrong shape, names an unknown code);
a *finding* (see ``report.py``) is about a requirement. Both carry a 1-based location.

A value a diagnostic's message quotes (between backticks: a literal, a key, a path) is at most
``QUOTED_MAX`` characters: a longer one, such as a 5,000-digit number, is cut in the middle and
its length given, ```99999...99999` (5,000 characters)``. The location points at the whole.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from traceback import format_exception

from pkcheck.escapes import spaced
from pkcheck.i18n import _
from pkcheck.messages import grouped


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
    # An internal error's traceback (see ``internal_error``): shown with PKCHECK_DEBUG=1 by the
    # command line, never part of a report, and not part of what makes two diagnostics equal.
    traceback: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.message) > QUOTED_MAX:
            object.__setattr__(self, "message", _values_cut(self.message))

    def __str__(self) -> str:
        if self.level is Level.ERROR:
            return f"{self.location}: {self.message}"
        # Translators: the location stays first, with its colon, as editors read it.
        return _("{location}: warning: {message}").format(location=self.location, message=self.message)

    @property
    def internal(self) -> bool:
        """Whether this is an internal error (a bug in pkcheck), not a problem with the file."""
        return bool(self.traceback)


QUOTED_MAX = 100


def _values_cut(message: str) -> str:
    """``message`` with each value it quotes (every other part between backticks) cut to
    ``QUOTED_MAX`` characters."""
    parts = message.split("`")
    if len(parts) % 2 == 0:  # a backtick left open: what is quoted cannot be told
        return message
    cut = [parts[0]]
    for value, after in zip(parts[1::2], parts[2::2], strict=True):
        length = _(" ({count} characters)").format(count=grouped(len(value))) if len(value) > QUOTED_MAX else ""
        cut.append(f"`{value[:60]}...{value[-20:]}`{length}{after}" if length else f"`{value}`{after}")
    return "".join(cut)


def internal_error(exc: Exception, where: Location, context: str = "") -> Diagnostic:
    """An unexpected exception (a bug in pkcheck) while reading or checking one file, as that
    file's located error, so that it costs the batch that file's result and nothing more.
    ``context`` says what was being done when it is known (``requirement INF-EQP-001``)."""
    try:
        trace = "".join(format_exception(exc))
    except Exception:  # noqa: BLE001 - an exception that cannot even be shown must not escape here
        trace = describe(exc) + "\n"
    if context:
        said = _("internal error while checking this file ({context}): {error}; this is a bug in pkcheck")
    else:
        said = _("internal error while checking this file: {error}; this is a bug in pkcheck")
    return Diagnostic(where, said.format(context=context, error=describe(exc)), traceback=trace)


_DESCRIBED = 300  # characters of an exception's message kept in a one-line description


def describe(exc: BaseException) -> str:
    """``ValueError: year 10000 is out of range``: an exception's type and message on one line."""
    try:
        text = spaced(str(exc))
    except Exception:  # noqa: BLE001 - a broken __str__ leaves the type, which is the main thing
        text = ""
    if len(text) > _DESCRIBED:
        text = text[: _DESCRIBED - 3] + "..."
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


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


def working_directory() -> str | None:
    """The folder relative paths are relative to, or None where it is gone (removed while the
    run started): files named by absolute paths are still read."""
    try:
        return os.getcwd()
    except OSError:
        return None


def seen_from(path: str, root: str | None) -> str:
    """``path`` as a user names it: relative to ``root`` where the file lies under it (a shipped
    standard is `standards/...` in pkcheck's own repository, whatever folder it was cloned to),
    else as it is."""
    if root is None or not os.path.isabs(path):
        return path
    relative = os.path.relpath(path, root)
    return path if relative.startswith(os.pardir) else relative
