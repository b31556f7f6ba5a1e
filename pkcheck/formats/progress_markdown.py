"""``pkcheck progress --format markdown``: the progress for a memo or a pull-request comment.

A headline, the reports read, a table per unit (its verdict and open findings by severity and by
category at each date) followed by what closed and opened between its consecutive assessments,
and a table of totals per country. The sentences are those of the text format
(``progress_words``); text from files is escaped as in the check report's Markdown
(``markdown.cell`` and ``markdown.code``)."""

from __future__ import annotations

from collections.abc import Sequence

from pkcheck import words
from pkcheck.analyses.progress import SEVERITIES, Progress
from pkcheck.escapes import inert
from pkcheck.formats import progress_words as says
from pkcheck.formats.markdown import cell, code
from pkcheck.i18n import _, day, number


def render(progress: Progress) -> str:
    days = [day(when) for when in progress.dates]
    lines = ["# " + _("Progress of units"), "", cell(says.headline(progress)) + "."]
    for note in progress.notes:
        lines += ["", cell(_("Note: {note}").format(note=note))]
    lines += ["", "## " + _("Assessments"), ""]
    lines += _table(
        (_("Date"), _("Report"), _("pkcheck")),
        [
            (when, code(a.path, table=True), cell(a.tool_version))
            for when, a in zip(days, progress.assessments, strict=True)
        ],
    )
    lines += ["", "## " + _("Units")]
    severity_heads = tuple(words.severity(s) for s in SEVERITIES)
    for unit in progress.units:
        lines += ["", "### " + cell(_("{unit} ({country})").format(unit=unit.unit, country=unit.country)), ""]
        rows = []
        for when, state in zip(days, unit.states, strict=True):
            if state is None:
                rows.append((when, says.state(None), "", *[""] * len(SEVERITIES), ""))
                continue
            severities = state.by_severity()
            rows.append(
                (
                    when,
                    words.verdict(state.verdict),
                    number(len(state.open)),
                    *(number(severities[s]) for s in SEVERITIES),
                    says.by_category(state),
                )
            )
        lines += _table((_("Date"), _("Verdict"), _("Open"), *severity_heads, _("By category")), rows)
        if unit.changes:
            lines.append("")
        for change in unit.changes:
            lines.append(f"- **{cell(says.change_heading(change))}**")
            if not change.compared:
                lines.append(f"  - {cell(says.not_compared())}")
                continue
            lines += [f"  - {cell(says.closed(change))}", f"  - {cell(says.opened(change))}"]
    if progress.countries:
        lines += ["", "## " + _("By country"), ""]
        rows = [
            (cell(country.country), when, says.country_date(totals))
            for country in progress.countries
            for when, totals in zip(days, country.dates, strict=True)
        ]
        lines += _table((_("Country"), _("Date"), _("Units and open findings")), rows)
    return inert("\n".join(lines) + "\n")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Cells are escaped by the caller (a file name is a code span, the rest ``cell``)."""
    found = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    found += ["| " + " | ".join(row) + " |" for row in rows]
    return found
