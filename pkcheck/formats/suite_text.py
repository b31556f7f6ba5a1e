"""The terminal report of ``pkcheck test``, drawn with rich like ``formats/text.py``.

Per suite: its standard, a line per case (PASS, FAIL or ERROR) with, for a failing case, a table
of what was expected against what the standard gave, and the errors of a case that could not
run; then what no case exercises; then the totals. Colour only when asked for; text from files
is shown escaped, as in the check report.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pkcheck.analyses.suites import CaseResult, Coverage, Outcome, SuiteResult, SuiteRun
from pkcheck.diagnostics import Diagnostic
from pkcheck.escapes import shown
from pkcheck.formats.lines import packed
from pkcheck.formats.text import Piece, finished, flowed, laid_out, located, make_console

OUTCOME_STYLE = {Outcome.PASS: "bold green", Outcome.FAIL: "bold red", Outcome.ERROR: "bold magenta"}
COVERAGE_LINES = (
    ("never_met", "not exercised as met"),
    ("never_failing", "not exercised as failing"),
    ("categories_never_met", "categories without a case where all are met"),
    ("categories_never_failing", "categories without a case where one fails"),
)


def render(run: SuiteRun, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    for diagnostic in run.errors:
        console.print(_diagnostic(diagnostic, width), crop=False)
    for suite in run.suites:
        console.print(_suite(suite, width), crop=False)
        console.print()
    console.print(_totals(run, width), crop=False)
    return finished(buffer)


def _diagnostic(diagnostic: Diagnostic, width: int, indent: int = 0) -> Text:
    return located(diagnostic, "red", width, indent)


def _suite(suite: SuiteResult, width: int) -> RenderableType:
    pieces: list[Piece] = [(shown(suite.path), "bold", True)]
    if suite.standard is not None:
        pieces.append((f"  (standard {shown(suite.standard.id)} {shown(suite.standard.version)})", "", True))
    parts: list[RenderableType] = [flowed(pieces, width, 2)]
    parts.extend(_diagnostic(d, width, 2) for d in suite.errors)
    for case in suite.cases:
        parts.extend(_case(case, width))
    if suite.coverage is not None:
        parts.append(_coverage(suite.coverage, width))
    return Group(*parts)


CASE_INDENT = 8  # a case's name, and what is under it


def _case(case: CaseResult, width: int) -> list[RenderableType]:
    pieces: list[Piece] = [
        ("  " + case.outcome.value.upper().ljust(6), OUTCOME_STYLE[case.outcome], False),
        (shown(case.name), "", False),
    ]
    parts: list[RenderableType] = [flowed(pieces, width, CASE_INDENT)]
    parts.extend(_diagnostic(d, width, CASE_INDENT) for d in case.errors)
    if case.mismatches:
        parts.append(_mismatches(case, width))
    return parts


MISMATCH_HEADERS = ("Requirement", "Expected", "Actual")


def _mismatches(case: CaseResult, width: int) -> RenderableType:
    """What was expected against what the standard gave: a table where it fits the width, else
    a block per requirement, so that no id or status is cut."""
    rows = [(shown(m.subject), shown(m.expected), shown(m.actual)) for m in case.mismatches]
    columns = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(MISMATCH_HEADERS)]
    if CASE_INDENT + sum(columns) + 2 * len(columns) <= width:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for title in MISMATCH_HEADERS:
            table.add_column(title, no_wrap=True)
        for subject, expected, actual in rows:
            table.add_row(subject, expected, Text(actual, style="red"))
        return Padding(table, (0, 0, 0, CASE_INDENT))
    blocks = []
    for subject, expected, actual in rows:
        head = flowed([(" " * CASE_INDENT + subject, "bold", True)], width, CASE_INDENT + 2)
        found = [(" " * (CASE_INDENT + 2) + f"expected {expected}, actual", "", False), (f" {actual}", "red", True)]
        blocks += [head, flowed(found, width, CASE_INDENT + 4)]
    return Group(*blocks)


def _coverage(coverage: Coverage, width: int) -> Text:
    if coverage.complete:
        return Text("  Coverage: every requirement and category is exercised as met and as failing", style="green")
    lines = []
    for field, label in COVERAGE_LINES:
        gaps = getattr(coverage, field)
        if gaps:
            lines += packed([shown(gap) for gap in gaps], ", ", width, 4, first=f"  Coverage: {label}: ")
    return laid_out("\n".join(lines), style="yellow")


def _totals(run: SuiteRun, width: int) -> Text:
    counts = run.counts()
    pieces: list[Piece] = [(f"{len(run.suites)} suite(s), {sum(counts.values())} case(s): ", "", False)]
    for index, outcome in enumerate(Outcome):
        label = {"pass": "passed", "fail": "failed", "error": "error(s)"}[outcome.value]
        style = OUTCOME_STYLE[outcome] if counts[outcome.value] else ""
        pieces += [(", " if index else "", "", False), (f"{counts[outcome.value]} {label}", style, True)]
    broken = sum(1 for suite in run.suites if suite.errors)
    if broken:
        pieces.append((f"; {broken} suite(s) could not run", "magenta", False))
    gaps = run.coverage_gaps()
    if gaps:
        pieces.append((f"; coverage gaps in {gaps} suite(s)", "yellow", False))
    elif not broken:  # a suite that could not run has no coverage to speak of
        pieces.append(("; coverage complete", "", False))
    return flowed(pieces, width, 2)
