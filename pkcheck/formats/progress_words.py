"""The sentences every human format of ``pkcheck progress`` shares (text, Markdown, HTML), in the
language in use: each format escapes and lays them out, so the three say the same."""

from __future__ import annotations

from collections.abc import Mapping

from pkcheck import words
from pkcheck.analyses.progress import UNKNOWN_CATEGORY, Change, CountryDate, OpenFinding, Progress, State
from pkcheck.enums import Severity
from pkcheck.i18n import _, day, ngettext, number


def headline(progress: Progress) -> str:
    """One sentence: how many units, over how many assessments, between which dates."""
    dates = progress.dates
    units = ngettext("{count} unit", "{count} units", len(progress.units)).format(count=number(len(progress.units)))
    if len(dates) == 1:
        return _("Progress of {units}: one assessment, as of {day}").format(units=units, day=day(dates[0]))
    assessments = ngettext("{count} assessment", "{count} assessments", len(dates)).format(count=number(len(dates)))
    return _("Progress of {units} over {assessments}, from {first} to {last}").format(
        units=units, assessments=assessments, first=day(dates[0]), last=day(dates[-1])
    )


def counts(values: Mapping[str, int]) -> str:
    """``critical: 2, major: 1``: the counts that are not zero, or ``none``."""
    shown = [_("{word}: {count}").format(word=word, count=number(count)) for word, count in values.items() if count]
    return ", ".join(shown) if shown else _("none")


def by_severity(values: Mapping[Severity, int]) -> str:
    return counts({words.severity(s): n for s, n in values.items()})


def by_category(state: State) -> str:
    return counts({_category(code): n for code, n in state.by_category().items()})


def _category(code: str) -> str:
    return _("no category") if code == UNKNOWN_CATEGORY else words.category(code)


def open_findings(count: int) -> str:
    return ngettext("{count} open finding", "{count} open findings", count).format(count=number(count))


def state(found: State | None) -> str:
    """A unit at one date: ``conditional, 3 open findings (major: 2, minor: 1)``."""
    if found is None:
        return _("not assessed")
    if not found.open:
        return _("{verdict}, no open finding").format(verdict=words.verdict(found.verdict))
    return _("{verdict}, {open} ({severities})").format(
        verdict=words.verdict(found.verdict),
        open=open_findings(len(found.open)),
        severities=by_severity(found.by_severity()),
    )


def change_heading(change: Change) -> str:
    """``2026-06-01 to 2026-11-26: not ready → conditional``."""
    if change.verdict_before is change.verdict_after:
        return _("{before} to {after}: still {verdict}").format(
            before=day(change.before), after=day(change.after), verdict=words.verdict(change.verdict_after)
        )
    return _("{before} to {after}: {was} → {now}").format(
        before=day(change.before),
        after=day(change.after),
        was=words.verdict(change.verdict_before),
        now=words.verdict(change.verdict_after),
    )


def finding(found: OpenFinding) -> str:
    """``CORE-TRN-001 (critical)``."""
    return _("{requirement} ({severity})").format(
        requirement=found.requirement, severity=words.severity(found.severity)
    )


def closed(change: Change) -> str:
    return _("closed: {requirements}").format(requirements=", ".join(map(finding, change.closed)) or _("none"))


def opened(change: Change) -> str:
    return _("opened: {requirements}").format(requirements=", ".join(map(finding, change.opened)) or _("none"))


def not_compared() -> str:
    return _("findings not compared: the declaration was invalid at one of the two dates")


def country_date(totals: CountryDate) -> str:
    """A country at one date: ``2 units (ready: 1, not ready: 1), 12 open findings (critical: 2, ...)``."""
    if not totals.units:
        return _("no unit assessed")
    units = ngettext("{count} unit", "{count} units", totals.units).format(count=number(totals.units))
    verdicts = counts({words.verdict(v): n for v, n in totals.verdicts.items()})
    if not totals.open_total:
        return _("{units} ({verdicts}), no open finding").format(units=units, verdicts=verdicts)
    return _("{units} ({verdicts}), {open} ({severities})").format(
        units=units, verdicts=verdicts, open=open_findings(totals.open_total), severities=by_severity(totals.open)
    )


def assessment_line(path: str, version: str) -> str:
    return _("{report} (pkcheck {version})").format(report=path, version=version)
