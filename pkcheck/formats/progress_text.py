"""``pkcheck progress`` in the terminal: plain text, at the width given (80 columns read well).

A headline; the reports read; per unit, its verdict and open findings at each date (by severity,
then by category) and, between consecutive assessments, its verdict change and the requirements
that closed and opened; per country, its totals at each date. The same progress renders to the
same text; text from files is shown escaped (``pkcheck.escapes.shown``)."""

from __future__ import annotations

from pkcheck.analyses.progress import Progress
from pkcheck.escapes import inert, shown
from pkcheck.formats import progress_words as says
from pkcheck.formats.lines import packed, wrapped
from pkcheck.i18n import _, day


def render(progress: Progress, *, color: bool = False, width: int = 100) -> str:
    days = [day(when) for when in progress.dates]
    column = max(map(len, days)) + 4  # "  " + the date + "  "
    lines = wrapped(shown(says.headline(progress)), width)
    for note in progress.notes:
        lines += wrapped(shown(_("Note: {note}").format(note=note)), width, 2, first="")
    lines += ["", _("Assessments")]
    for when, assessment in zip(days, progress.assessments, strict=True):
        text = shown(says.assessment_line(assessment.path, assessment.tool_version))
        lines += wrapped(text, width, column, first=f"  {when}".ljust(column))
    lines += ["", _("Units")]
    for unit in progress.units:
        lines += ["", shown(_("{unit} ({country})").format(unit=unit.unit, country=unit.country))]
        for when, state in zip(days, unit.states, strict=True):
            lines += wrapped(says.state(state), width, column, first=f"  {when}".ljust(column))
            if state is not None and state.open:
                lines += wrapped(_("by category: {counts}").format(counts=says.by_category(state)), width, column)
        for change in unit.changes:
            lines += wrapped(says.change_heading(change), width, 4, first="  ")
            if not change.compared:
                lines += wrapped(says.not_compared(), width, 6, first="    ")
                continue
            for label, found in ((_("closed:"), change.closed), (_("opened:"), change.opened)):
                items = [shown(says.finding(f)) for f in found] or [_("none")]
                lines += packed(items, ", ", width, 6, first=f"    {label} ")
    if progress.countries:
        lines += ["", _("By country")]
    for country in progress.countries:
        lines += ["", shown(country.country)]
        for when, totals in zip(days, country.dates, strict=True):
            lines += wrapped(says.country_date(totals), width, column, first=f"  {when}".ljust(column))
    return inert("\n".join(lines) + "\n")
