"""The output formats of every command: one registry per family of output.

A format is a module of this package whose ``render`` is a pure function from what a command
computed (a ``Report``, a gaps ``Register``, a ``StandardDiff``, a ``SuiteRun``) to text, and
one member of its family below, which names it (what ``--format`` takes), its module and the
drawing options its ``render`` takes besides that (``DRAWN``: colour and width, for a
terminal). A module with ``render_pieces`` gives its text in pieces, written out as they come.

Modules are imported when a format is rendered, so a run loads only the formats it writes and
this module (read at start-up, for the command line's choices) imports nothing heavy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from pkcheck.report import Report

DRAWN = ("color", "width")  # the options of a format drawn for a terminal


class FormatChoice(StrEnum):
    """A family of formats: each member is a format's name, with the module that renders it
    (by default the module of that name) and the drawing options its ``render`` takes."""

    module: str
    options: tuple[str, ...]

    def __new__(cls, name: str, module: str = "", options: tuple[str, ...] = ()) -> Self:
        member = str.__new__(cls, name)
        member._value_ = name
        member.module = module or name
        member.options = options
        return member

    def pieces(self, subject: object, **view: object) -> Iterable[str]:
        """``subject`` in this format, in pieces where the module renders it so (the JSON
        report: a large report is written out without ever being held whole). ``view`` holds
        the drawing options (``color``, ``width``, ``verbose``, ``details``); the format is
        given those it takes."""
        renderer = self.load()
        if not self.options and hasattr(renderer, "render_pieces"):
            pieces: Iterable[str] = renderer.render_pieces(subject)
            return pieces
        text: str = renderer.render(subject, **{name: view[name] for name in self.options if name in view})
        return (text,)

    def load(self) -> ModuleType:
        """The module that renders this format, imported."""
        return importlib.import_module(f"{__name__}.{self.module}")

    def render(self, subject: object, **view: object) -> str:
        return "".join(self.pieces(subject, **view))


class OutputFormat(FormatChoice):
    """``pkcheck check --format`` and ``pkcheck.render``: the report of a check."""

    TEXT = "text", "text", (*DRAWN, "verbose", "details")
    JSON = "json", "json_report"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    GITHUB = "github"
    HTML = "html"


class GapsFormat(FormatChoice):
    """``pkcheck gaps --format``: the needs register."""

    TEXT = "text", "gaps_text", DRAWN
    JSON = "json", "gaps_json"
    CSV = "csv", "gaps_csv"
    MARKDOWN = "markdown", "gaps_markdown"


class MatchFormat(FormatChoice):
    """``pkcheck match --format``: partners' offers allocated to the gaps."""

    TEXT = "text", "match_text", DRAWN
    JSON = "json", "match_json"
    CSV = "csv", "match_csv"
    MARKDOWN = "markdown", "match_markdown"
    HTML = "html", "match_html"


class DiffFormat(FormatChoice):
    """``pkcheck diff --format``: what changed between two versions of a standard, or two
    amendments of an MOU (each module renders either)."""

    TEXT = "text", "diff_text", DRAWN
    JSON = "json", "diff_json"
    MARKDOWN = "markdown", "diff_markdown"


class ProgressFormat(FormatChoice):
    """``pkcheck progress --format``: units followed over several dated reports."""

    TEXT = "text", "progress_text", DRAWN
    JSON = "json", "progress_json"
    CSV = "csv", "progress_csv"
    MARKDOWN = "markdown", "progress_markdown"
    HTML = "html", "progress_html"


class SuiteFormat(FormatChoice):
    """``pkcheck test --format``: the outcome of the standards' test suites."""

    TEXT = "text", "suite_text", DRAWN
    JSON = "json", "suite_json"


Formatter = Callable[["Report"], str]


def formatter(
    output_format: OutputFormat,
    *,
    color: bool = False,
    verbose: bool = False,
    width: int = 100,
    details: bool | None = None,
) -> Formatter:
    """The report's renderer in one format."""
    return lambda report: output_format.render(report, color=color, verbose=verbose, width=width, details=details)


def pieces(
    output_format: OutputFormat,
    *,
    color: bool = False,
    verbose: bool = False,
    width: int = 100,
    details: bool | None = None,
) -> Callable[[Report], Iterable[str]]:
    """``formatter``, giving the text in pieces where the format's module has ``render_pieces``."""
    return lambda report: output_format.pieces(report, color=color, verbose=verbose, width=width, details=details)
