"""Report formatters: each is a pure function from a ``Report`` to text."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pkcheck.report import Report


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


Formatter = Callable[[Report], str]


def formatter(output_format: OutputFormat, *, color: bool = False, verbose: bool = False, width: int = 110) -> Formatter:
    """The formatter for a format; every member of ``OutputFormat`` has one."""
    if output_format is OutputFormat.JSON:
        from pkcheck.formats import json_report

        return json_report.render
    if output_format is OutputFormat.SARIF:
        from pkcheck.formats import sarif

        return sarif.render
    if output_format is OutputFormat.JUNIT:
        from pkcheck.formats import junit

        return junit.render
    if output_format is OutputFormat.TEXT:
        from pkcheck.formats import text

        return lambda report: text.render(report, color=color, verbose=verbose, width=width)
    raise AssertionError(f"no formatter for {output_format}")
