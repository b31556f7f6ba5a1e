"""The command line's option values, parsed: pure functions from the text given to what it means.

Nothing here prints or exits, nor knows typer or click: a value that cannot be used raises
``UsageError`` (or ``BadValue``, shown the way click shows a bad option), and the command that
asked shows it. Only ``destinations`` looks at the file system, to tell whether two spellings
name one file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from pkcheck.diagnostics import UsageError
from pkcheck.formats import FormatChoice
from pkcheck.i18n import N_, _

if TYPE_CHECKING:
    from pkcheck.load.limits import Limits

F = TypeVar("F", bound=FormatChoice)

STDOUT = "-"  # as a FILE: standard output


class BadValue(UsageError):
    """An option's value that cannot be used, shown as click shows one
    (``Invalid value for --as-of: ...`` under the command's usage)."""

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(reason)
        self.option = option
        self.reason = reason


def language(argv: Sequence[str], environment: Mapping[str, str]) -> str:
    """The language of the run: ``--lang`` wherever it is on the command line (before a ``--``),
    else what the environment asks for (``pkcheck.i18n.language_from``). Read before the command
    line is parsed, so that its help is in that language too."""
    from pkcheck.i18n import LANGUAGES, UnknownLanguage, language_from

    for index, argument in enumerate(argv):
        if argument == "--":
            break
        value = None
        if argument.startswith("--lang="):
            value = argument.removeprefix("--lang=")
        elif argument == "--lang" and index + 1 < len(argv):  # with no value, click says it needs one
            value = argv[index + 1]
        if value is not None:
            if value not in LANGUAGES:
                raise UsageError(
                    _("invalid value for --lang: {value} is not one of {choices}").format(
                        value=repr(value), choices=", ".join(map(repr, LANGUAGES))
                    )
                )
            return value
    try:
        return language_from(environment)
    except UnknownLanguage as exc:
        raise UsageError(
            _("{where}: {value} is not a language pkcheck speaks; use one of: {choices}").format(
                where=exc.where, value=repr(exc.value), choices=", ".join(LANGUAGES)
            )
        ) from None


def as_of(value: str | None, today: dt.date) -> dt.date:
    """``--as-of``: a date YYYY-MM-DD, or ``today`` when none is given."""
    if value is None:
        return today
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadValue("--as-of", _("{value} is not a date YYYY-MM-DD").format(value=repr(value))) from None


_WINDOW = r"([0-9]+)([dwm])"  # compiled when first used, as _SIZE


def upcoming(value: str, start: dt.date) -> dt.date:
    """``--upcoming``: a window after ``start`` in days, weeks or months (``180d``, ``26w``,
    ``6m``; a month keeps the day of month, clamped to the month's end), as its last day. The
    calendar's end stops it rather than failing."""
    match = re.fullmatch(_WINDOW, value.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise UsageError(
            _(
                "--upcoming {value}: expected a positive number of days, weeks or months, such as 180d, 26w or 6m"
            ).format(value=repr(value))
        )
    amount, unit = int(match.group(1)), match.group(2)
    if unit == "m":
        from pkcheck.checks.base import add_months  # the calendar's month arithmetic, in one place

        return add_months(start, min(amount, 12 * dt.MAXYEAR))
    days = amount * (7 if unit == "w" else 1)
    return start + dt.timedelta(days=days) if days <= (dt.date.max - start).days else dt.date.max


def fail_on(value: str, choices: Sequence[str]) -> str:
    """``--fail-on``: one of ``choices``."""
    if value not in choices:
        raise BadValue(
            "--fail-on", _("{value}; choose one of {choices}").format(value=repr(value), choices=", ".join(choices))
        )
    return value


def jobs(value: str, available_cpus: Callable[[], int]) -> int:
    """``--jobs``: a positive number, or ``auto`` for one process per available CPU."""
    if value.strip().lower() == "auto":
        return available_cpus()
    if not value.strip().isdigit() or int(value) == 0:
        raise UsageError(_("--jobs {value}: expected a positive whole number or `auto`").format(value=repr(value)))
    return int(value)


def count(value: str, source: str) -> int:
    """A positive whole number; ``source`` (the option or environment variable) names it in an error."""
    if not value.strip().isdigit() or int(value) == 0:
        raise UsageError(
            _("{source} {value}: expected a positive whole number").format(source=source, value=repr(value))
        )
    return int(value)


_SIZE = r"(\d+)\s*([kmg]i?b?|b)?"  # compiled when first used (``re`` keeps it): not by `pkcheck --help`
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def size(value: str, source: str) -> int:
    """``20MB``, ``512 KiB``, ``1g``, ``1000``: bytes, with binary units (1 MB is 1,048,576 bytes)."""
    match = re.fullmatch(_SIZE, value.strip(), re.IGNORECASE)
    if match is None or int(match.group(1)) == 0:
        raise UsageError(
            _("{source} {value}: expected a positive size such as 20MB, 512KB, 1GB or a number of bytes").format(
                source=source, value=repr(value)
            )
        )
    unit = (match.group(2) or "").lower()[:1]
    return int(match.group(1)) * _UNITS[unit]


class Limit(NamedTuple):
    """One ``--max-*`` option: how it is written and shown, and the field of ``Limits`` it sets."""

    option: str
    metavar: str
    help: str  # in English, marked for the catalog: the help shows it in the language in use
    field: str
    parse: Callable[[str, str], int]

    @property
    def variable(self) -> str:
        """The environment variable that gives it when the option is not given."""
        return "PKCHECK_" + self.option[2:].upper().replace("-", "_")


# The limits on the files a command reads, in the order of its help (and of its errors). Each
# help gives the default and the environment variable (``Limit.variable``; a test holds them so).
LIMITS = (
    Limit(
        "--max-file-size",
        "SIZE",
        N_(
            "Refuse input files larger than SIZE, e.g. 20MB, 512KB, 1GB or bytes (default 20MB; env PKCHECK_MAX_FILE_SIZE)."
        ),
        "max_bytes",
        size,
    ),
    Limit(
        "--max-nodes",
        "N",
        N_(
            "Refuse files with more than N values, counted with aliases expanded (default 25000; env PKCHECK_MAX_NODES)."
        ),
        "max_nodes",
        count,
    ),
    Limit(
        "--max-depth",
        "N",
        N_("Refuse files nested more than N levels deep (default 64; env PKCHECK_MAX_DEPTH)."),
        "max_depth",
        count,
    ),
    Limit(
        "--max-line-length",
        "N",
        N_("Refuse files with a line longer than N characters (default 1000000; env PKCHECK_MAX_LINE_LENGTH)."),
        "max_line_length",
        count,
    ),
)

LimitTexts = Mapping[str, str | None]  # each ``--max-*`` option's value as given (None: not given)


def limits(given: LimitTexts, environ: Mapping[str, str]) -> Limits:
    """The limits given as options (``given``, by option), else in ``PKCHECK_MAX_*`` environment
    variables, else the defaults; a value that is not a positive number (with a unit, for the
    size) is a usage error."""
    from pkcheck.load.limits import DEFAULT_LIMITS, Limits  # not needed for `pkcheck --help`

    values: dict[str, int] = {}
    for limit in LIMITS:
        value, source = given.get(limit.option), limit.option
        if value is None:
            value, source = environ.get(limit.variable) or None, limit.variable
        if value is not None:
            values[limit.field] = limit.parse(value, source)
    return Limits(**{field: values.get(field, getattr(DEFAULT_LIMITS, field)) for field in _LIMIT_FIELDS})


_LIMIT_FIELDS = tuple(limit.field for limit in LIMITS)


def file_or_stdout(output: str | None) -> str | None:
    """``--output FILE``, or None for standard output (no option, or ``-o -``)."""
    return None if output == STDOUT else output


def destinations(specs: Sequence[str], output: str | None, formats: type[F]) -> list[tuple[F, str | None]]:
    """Where each requested format goes: ``None`` is standard output.

    ``specs`` are ``--format`` values, each a comma-separated list of ``FORMAT`` or
    ``FORMAT=FILE``, each a member of ``formats`` (the command's family of formats; none given
    is its first). ``--output FILE`` takes the one format given without a file. A FILE of ``-``
    is standard output, as no FILE is. At most one format goes to standard output, and no file
    is named twice, however it is spelt."""
    chosen: list[tuple[F, str | None]] = []
    for spec in specs or [next(iter(formats)).value]:
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, _equals, path = item.partition("=")
            try:
                chosen.append((formats(name.strip()), path.strip() or None))
            except ValueError:
                choices = ", ".join(f.value for f in formats)
                raise UsageError(
                    _("--format: unknown format `{name}`; choose from {choices}").format(name=name, choices=choices)
                ) from None
    unplaced = [i for i, (_, path) in enumerate(chosen) if path is None]
    if output is not None:
        if len(unplaced) != 1:
            raise UsageError(
                _("--output names one file: give exactly one format without `=FILE` (others as FORMAT=FILE)")
            )
        chosen[unplaced[0]] = (chosen[unplaced[0]][0], output)
    chosen = [(chosen_format, file_or_stdout(path)) for chosen_format, path in chosen]
    if sum(path is None for _, path in chosen) > 1:
        raise UsageError(_("only one format can go to standard output; write the others to files with FORMAT=FILE"))
    _refuse_one_file_twice([target for _, target in chosen if target is not None])
    return chosen


def _refuse_one_file_twice(targets: list[str]) -> None:
    spellings: dict[object, list[str]] = {}
    for target in targets:
        spellings.setdefault(_file_identity(target), []).append(target)
    repeated = [list(dict.fromkeys(names)) for names in spellings.values() if len(names) > 1]
    if repeated:
        names = repeated[0]
        if len(names) == 1:
            raise UsageError(_("--format: {file} is named for more than one format").format(file=names[0]))
        raise UsageError(
            _("--format: {files} and {file} are one file, named for more than one format").format(
                files=", ".join(names[:-1]), file=names[-1]
            )
        )


def _file_identity(path: str) -> object:
    """What ``path`` names, the same however it is spelt (``a.json``, ``./a.json``, a link to
    it): the file's device and inode where it exists, else the path with every link resolved
    (as written, where the working directory it is relative to is gone)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        try:
            return os.path.realpath(path)
        except OSError:
            return os.path.normpath(path)
    return (status.st_dev, status.st_ino)
