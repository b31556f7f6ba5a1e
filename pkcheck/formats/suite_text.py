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
from pkcheck.formats.text import diagnostic_line, finished, make_console

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
        console.print(_diagnostic(diagnostic), crop=False)
    for suite in run.suites:
        console.print(_suite(suite), crop=False)
        console.print()
    console.print(_totals(run))
    return finished(buffer)


def _diagnostic(diagnostic: Diagnostic, indent: int = 0) -> Text:
    return diagnostic_line(diagnostic, "red", indent)


def _suite(suite: SuiteResult) -> RenderableType:
    header = Text(shown(suite.path), style="bold")
    if suite.standard is not None:
        header.append(f"  (standard {shown(suite.standard.id)} {shown(suite.standard.version)})")
    parts: list[RenderableType] = [header]
    parts.extend(_diagnostic(d, 2) for d in suite.errors)
    for case in suite.cases:
        parts.extend(_case(case))
    if suite.coverage is not None:
        parts.append(_coverage(suite.coverage))
    return Group(*parts)


def _case(case: CaseResult) -> list[RenderableType]:
    line = Text("  ")
    line.append(case.outcome.value.upper().ljust(6), style=OUTCOME_STYLE[case.outcome])
    line.append(shown(case.name))
    parts: list[RenderableType] = [line]
    parts.extend(_diagnostic(d, 8) for d in case.errors)
    if case.mismatches:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for title in ("Requirement", "Expected", "Actual"):
            table.add_column(title, no_wrap=True)
        for mismatch in case.mismatches:
            table.add_row(shown(mismatch.subject), shown(mismatch.expected), Text(shown(mismatch.actual), style="red"))
        parts.append(Padding(table, (0, 0, 0, 8)))
    return parts


def _coverage(coverage: Coverage) -> Text:
    if coverage.complete:
        return Text("  Coverage: every requirement and category is exercised as met and as failing", style="green")
    text = Text()
    for field, label in COVERAGE_LINES:
        gaps = getattr(coverage, field)
        if gaps:
            text.append(("\n" if text else "") + f"  Coverage: {label}: {shown(', '.join(gaps))}", style="yellow")
    return text


def _totals(run: SuiteRun) -> Text:
    counts = run.counts()
    text = Text(f"{len(run.suites)} suite(s), {sum(counts.values())} case(s): ")
    for index, outcome in enumerate(Outcome):
        label = {"pass": "passed", "fail": "failed", "error": "error(s)"}[outcome.value]
        text.append(", " if index else "")
        text.append(f"{counts[outcome.value]} {label}", style=OUTCOME_STYLE[outcome] if counts[outcome.value] else "")
    broken = sum(1 for suite in run.suites if suite.errors)
    if broken:
        text.append(f"; {broken} suite(s) could not run", style="magenta")
    gaps = run.coverage_gaps()
    if gaps:
        text.append(f"; coverage gaps in {gaps} suite(s)", style="yellow")
    elif not broken:  # a suite that could not run has no coverage to speak of
        text.append("; coverage complete")
    return text
