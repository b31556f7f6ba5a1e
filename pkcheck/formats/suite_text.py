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

from pkcheck import words
from pkcheck.analyses.suites import VERDICT, CaseResult, Coverage, Mismatch, Outcome, SuiteResult, SuiteRun
from pkcheck.diagnostics import Diagnostic
from pkcheck.escapes import shown
from pkcheck.formats.lines import packed
from pkcheck.formats.text import Piece, finished, flowed, laid_out, located, make_console
from pkcheck.i18n import N_, _, language, ngettext, number

OUTCOME_STYLE = {Outcome.PASS: "bold green", Outcome.FAIL: "bold red", Outcome.ERROR: "bold magenta"}
COVERAGE_LINES = (
    ("never_met", N_("Coverage: not exercised as met: ")),
    ("never_failing", N_("Coverage: not exercised as failing: ")),
    ("categories_never_met", N_("Coverage: categories without a case where all are met: ")),
    ("categories_never_failing", N_("Coverage: categories without a case where one fails: ")),
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
        named = _("(standard {standard} {version})").format(
            standard=shown(suite.standard.id), version=shown(suite.standard.version)
        )
        pieces.append((f"  {named}", "", True))
    parts: list[RenderableType] = [flowed(pieces, width, 2)]
    parts.extend(_diagnostic(d, width, 2) for d in suite.errors)
    for case in suite.cases:
        parts.extend(_case(case, width))
    if suite.coverage is not None:
        parts.append(_coverage(suite.coverage, width))
    return Group(*parts)


CASE_INDENT = 8  # a case's name, and what is under it (in English: the outcome words are longer in French)


def _outcome_width() -> int:
    """The column of a case's outcome: ``ERROR`` and a space in English, the longest word and a
    space in the language in use."""
    return max(6, *(len(words.outcome(o)) + 1 for o in Outcome))


def _case(case: CaseResult, width: int) -> list[RenderableType]:
    pieces: list[Piece] = [
        ("  " + words.outcome(case.outcome).upper().ljust(_outcome_width()), OUTCOME_STYLE[case.outcome], False),
        (shown(case.name), "", False),
    ]
    parts: list[RenderableType] = [flowed(pieces, width, 2 + _outcome_width())]
    parts.extend(_diagnostic(d, width, CASE_INDENT) for d in case.errors)
    if case.mismatches:
        parts.append(_mismatches(case, width))
    return parts


MISMATCH_HEADERS = (N_("Requirement"), N_("Expected"), N_("Actual"))


def _shown(mismatch: Mismatch) -> tuple[str, str, str]:
    """A mismatch's subject, expected and actual as people read them: codes in English (as the
    suites write them), words in French."""
    subject, expected, actual = mismatch.subject, mismatch.expected, mismatch.actual
    if language() != "en":
        word = words.verdict if subject == VERDICT else words.status
        subject = _("verdict") if subject == VERDICT else subject
        expected, actual = word(expected), word(actual)
    return shown(subject), shown(expected), shown(actual)


def _mismatches(case: CaseResult, width: int) -> RenderableType:
    """What was expected against what the standard gave: a table where it fits the width, else
    a block per requirement, so that no id or status is cut."""
    headers = [_(header) for header in MISMATCH_HEADERS]
    rows = [_shown(m) for m in case.mismatches]
    columns = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(headers)]
    if CASE_INDENT + sum(columns) + 2 * len(columns) <= width:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for title in headers:
            table.add_column(title, no_wrap=True)
        for subject, expected, actual in rows:
            table.add_row(subject, expected, Text(actual, style="red"))
        return Padding(table, (0, 0, 0, CASE_INDENT))
    blocks = []
    for subject, expected, actual in rows:
        head = flowed([(" " * CASE_INDENT + subject, "bold", True)], width, CASE_INDENT + 2)
        said = _("expected {expected}, actual").format(expected=expected)
        found = [(" " * (CASE_INDENT + 2) + said, "", False), (f" {actual}", "red", True)]
        blocks += [head, flowed(found, width, CASE_INDENT + 4)]
    return Group(*blocks)


def _coverage(coverage: Coverage, width: int) -> Text:
    if coverage.complete:
        complete = _("Coverage: every requirement and category is exercised as met and as failing")
        return Text("  " + complete, style="green")
    lines = []
    for field, label in COVERAGE_LINES:
        gaps = getattr(coverage, field)
        if gaps:
            named = [words.category(gap) if field.startswith("categories") else gap for gap in gaps]
            lines += packed([shown(name) for name in named], ", ", width, 4, first="  " + _(label))
    return laid_out("\n".join(lines), style="yellow")


def _totals(run: SuiteRun, width: int) -> Text:
    counts = run.counts()
    suites, cases = len(run.suites), sum(counts.values())
    head = _("{suites}, {cases}: ").format(
        suites=ngettext("{count} suite(s)", "{count} suite(s)", suites).format(count=number(suites)),
        cases=ngettext("{count} case(s)", "{count} case(s)", cases).format(count=number(cases)),
    )
    pieces: list[Piece] = [(head, "", False)]
    for index, outcome in enumerate(Outcome):
        count = counts[outcome.value]
        if outcome is Outcome.PASS:
            said = ngettext("{count} passed", "{count} passed", count)
        elif outcome is Outcome.FAIL:
            said = ngettext("{count} failed", "{count} failed", count)
        else:
            said = ngettext("{count} error(s)", "{count} error(s)", count)
        style = OUTCOME_STYLE[outcome] if count else ""
        pieces += [(", " if index else "", "", False), (said.format(count=number(count)), style, True)]
    broken = sum(1 for suite in run.suites if suite.errors)
    if broken:
        could_not = ngettext("; {count} suite(s) could not run", "; {count} suite(s) could not run", broken)
        pieces.append((could_not.format(count=number(broken)), "magenta", False))
    gaps = run.coverage_gaps()
    if gaps:
        in_suites = ngettext("; coverage gaps in {count} suite(s)", "; coverage gaps in {count} suite(s)", gaps)
        pieces.append((in_suites.format(count=number(gaps)), "yellow", False))
    elif not broken:  # a suite that could not run has no coverage to speak of
        pieces.append((_("; coverage complete"), "", False))
    return flowed(pieces, width, 2)
