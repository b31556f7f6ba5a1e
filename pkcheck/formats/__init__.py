"""Report formatters: each is a pure function from a ``Report`` to text."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from enum import Enum, StrEnum
from typing import TypeVar

from pkcheck.diagnostics import UsageError
from pkcheck.report import Report


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    GITHUB = "github"
    HTML = "html"


Formatter = Callable[[Report], str]
F = TypeVar("F", bound=Enum)


def formatter(
    output_format: OutputFormat,
    *,
    color: bool = False,
    verbose: bool = False,
    width: int = 110,
    details: bool | None = None,
) -> Formatter:
    """The formatter for a format; every member of ``OutputFormat`` has one. Modules are
    imported on first use, so a run loads only the formats it writes."""
    if output_format is OutputFormat.TEXT:
        from pkcheck.formats import text

        return lambda report: text.render(report, color=color, verbose=verbose, width=width, details=details)
    module = importlib.import_module(f"pkcheck.formats.{MODULES[output_format]}")
    return module.render  # type: ignore[no-any-return]


def pieces(
    output_format: OutputFormat,
    *,
    color: bool = False,
    verbose: bool = False,
    width: int = 110,
    details: bool | None = None,
) -> Callable[[Report], Iterable[str]]:
    """``formatter``, giving the text in pieces where the format's module has ``render_pieces``
    (the JSON report): a large report is then written out without ever being held whole."""
    module = (
        None
        if output_format is OutputFormat.TEXT
        else importlib.import_module(f"pkcheck.formats.{MODULES[output_format]}")
    )
    if hasattr(module, "render_pieces"):
        return module.render_pieces  # type: ignore[no-any-return]
    render = formatter(output_format, color=color, verbose=verbose, width=width, details=details)
    return lambda report: (render(report),)


# The module of each format other than text, whose ``render`` takes only the report.
MODULES = {
    OutputFormat.JSON: "json_report",
    OutputFormat.SARIF: "sarif",
    OutputFormat.JUNIT: "junit",
    OutputFormat.MARKDOWN: "markdown",
    OutputFormat.GITHUB: "github",
    OutputFormat.HTML: "html",
}


STDOUT = "-"  # as a FILE: standard output


def destinations(specs: list[str], output: str | None, formats: type[F] = OutputFormat) -> list[tuple[F, str | None]]:  # type: ignore[assignment]
    """Where each requested format goes: ``None`` is standard output.

    ``specs`` are ``--format`` values, each a comma-separated list of ``FORMAT`` or
    ``FORMAT=FILE``, each a member of ``formats`` (the report's, or another command's). ``--output
    FILE`` takes the one format given without a file. A FILE of ``-`` is standard output, as
    no FILE is. At most one format goes to standard output, and no file is named twice, however
    it is spelt."""
    chosen: list[tuple[F, str | None]] = []
    for spec in specs or ["text"]:
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, _, path = item.partition("=")
            try:
                chosen.append((formats(name.strip()), path.strip() or None))
            except ValueError:
                choices = ", ".join(f.value for f in formats)
                raise UsageError(f"--format: unknown format `{name}`; choose from {choices}") from None
    unplaced = [i for i, (_, path) in enumerate(chosen) if path is None]
    if output is not None:
        if len(unplaced) != 1:
            raise UsageError("--output names one file: give exactly one format without `=FILE` (others as FORMAT=FILE)")
        chosen[unplaced[0]] = (chosen[unplaced[0]][0], output)
    chosen = [(chosen_format, None if path == STDOUT else path) for chosen_format, path in chosen]
    if sum(path is None for _, path in chosen) > 1:
        raise UsageError("only one format can go to standard output; write the others to files with FORMAT=FILE")
    spellings: dict[object, list[str]] = {}
    for _, target in chosen:
        if target is not None:
            spellings.setdefault(_file_identity(target), []).append(target)
    repeated = [list(dict.fromkeys(names)) for names in spellings.values() if len(names) > 1]
    if repeated:
        names = repeated[0]
        if len(names) == 1:
            raise UsageError(f"--format: {names[0]} is named for more than one format")
        raise UsageError(
            f"--format: {', '.join(names[:-1])} and {names[-1]} are one file, named for more than one format"
        )
    return chosen


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
