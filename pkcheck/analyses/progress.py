"""``pkcheck progress``: units followed over several dated ``report/v1`` reports.

Each report is read and validated as ``check --baseline`` reads its baseline
(``pkcheck.analyses.baseline.load``); its date is its ``as_of``, and the reports are put in date
order whatever the order they are given in. Two reports of the same date are an error, located
at the second one's ``as_of``: which of them holds would be a guess.

Units are matched by unit id, and findings by requirement id (an MOU line's is ``MOU:<line>``):
codes, never message texts, so reports written in different languages, or by different versions
of pkcheck (accepted; a warning says so), are compared alike. A finding is *open* when its status
is ``shortfall`` or ``no-evidence``, as for ``--baseline``.

Per unit and date: its verdict and its open findings, counted by severity and by category; a
unit a report does not hold is *not assessed* at that date. Between two consecutive assessments
of a unit (the dates it was assessed, passing over those it was not): its verdict before and
after, and which requirements *closed* (open before, not open after: met, waived, not
applicable or gone) and *opened* (open after, not open before). A declaration that was invalid
at either date has no findings to compare: the change says so and lists none.

Per country (the unit's ``country``, ``?`` where it has none) and date: the units assessed,
how many of them had each verdict, and their open findings by severity.

A single report is a progress of one date: nothing closed or opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pkcheck.analyses.baseline import Baseline, BaselineFinding, BaselineUnit, load, located
from pkcheck.diagnostics import Diagnostic, InputError
from pkcheck.enums import Category, Severity
from pkcheck.i18n import _, day
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.report import FAILING, Verdict

SEVERITIES = tuple(sorted(Severity, key=lambda s: -s.rank))  # critical first
CATEGORIES = tuple(Category)
VERDICTS = (Verdict.READY, Verdict.CONDITIONAL, Verdict.NOT_READY, Verdict.INVALID)
UNKNOWN_CATEGORY = "-"  # a finding of a report that gives no category


@dataclass(frozen=True)
class Assessment:
    """One report: its file, its date and the version of pkcheck that wrote it."""

    path: str
    as_of: dt.date
    tool_version: str


@dataclass(frozen=True)
class OpenFinding:
    requirement: str
    severity: Severity
    category: Category | None
    status: str
    title: str


@dataclass(frozen=True)
class State:
    """A unit at one date."""

    verdict: Verdict
    declaration: str
    open: tuple[OpenFinding, ...]  # the most severe first, then by requirement id

    def by_severity(self) -> dict[Severity, int]:
        return {s: sum(1 for f in self.open if f.severity is s) for s in SEVERITIES}

    def by_category(self) -> dict[str, int]:
        counts = {c.value: sum(1 for f in self.open if f.category is c) for c in CATEGORIES}
        unknown = sum(1 for f in self.open if f.category is None)
        return {**counts, UNKNOWN_CATEGORY: unknown} if unknown else counts


@dataclass(frozen=True)
class Change:
    """A unit between two consecutive assessments of it."""

    before: dt.date
    after: dt.date
    verdict_before: Verdict
    verdict_after: Verdict
    compared: bool  # False when the declaration was invalid at either date: no findings to compare
    closed: tuple[OpenFinding, ...] = ()  # as they stood before
    opened: tuple[OpenFinding, ...] = ()


@dataclass(frozen=True)
class UnitProgress:
    unit: str
    country: str
    states: tuple[State | None, ...]  # one per assessment, None where the unit was not assessed
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class CountryDate:
    """A country's units at one date."""

    units: int  # assessed
    verdicts: Mapping[Verdict, int]
    open: Mapping[Severity, int]

    @property
    def open_total(self) -> int:
        return sum(self.open.values())


@dataclass(frozen=True)
class CountryProgress:
    country: str
    dates: tuple[CountryDate, ...]  # one per assessment


@dataclass(frozen=True)
class Progress:
    assessments: tuple[Assessment, ...]  # in date order
    units: tuple[UnitProgress, ...]  # by country, then unit id
    countries: tuple[CountryProgress, ...]
    notes: tuple[str, ...] = ()

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(a.as_of for a in self.assessments)


def read(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> list[Baseline]:
    """Every report, read and validated; the errors of every bad one and every second report of
    a date, together, as an ``InputError``."""
    reports: list[Baseline] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            reports.append(load(path, limits))
        except InputError as exc:
            errors.extend(exc.diagnostics)
    seen: dict[dt.date, int] = {}
    for index, report in enumerate(reports):
        first = seen.setdefault(report.as_of, index)
        if first != index:
            message = _("this report is as of {date}, as {other} is: give one report per date").format(
                date=day(report.as_of), other=reports[first].path
            )
            errors.append(Diagnostic(located(report.path, limits, ["as_of"]), message))
    if errors:
        raise InputError(tuple(errors))
    return reports


def build(reports: Sequence[Baseline]) -> Progress:
    """The progress of the units of ``reports`` (of distinct dates, in any order)."""
    ordered = sorted(reports, key=lambda r: r.as_of)
    assessments = tuple(Assessment(r.path, r.as_of, r.tool_version) for r in ordered)
    ids = sorted({unit for r in ordered for unit in r.units})
    units = []
    for unit_id in ids:
        found = [r.units.get(unit_id) for r in ordered]
        country = next((u.country for u in reversed(found) if u is not None and u.country is not None), None)
        states = tuple(None if u is None else _state(u) for u in found)
        units.append(UnitProgress(unit_id, country or "?", states, _changes(assessments, found)))
    units.sort(key=lambda u: (u.country, u.unit))
    return Progress(assessments, tuple(units), _countries(units, len(assessments)), _notes(assessments))


def _open(finding: BaselineFinding) -> OpenFinding:
    return OpenFinding(finding.requirement, finding.severity, finding.category, finding.status.value, finding.title)


def _sorted(findings: Iterable[BaselineFinding]) -> tuple[OpenFinding, ...]:
    return tuple(
        _open(f) for f in sorted(findings, key=lambda f: (-f.severity.rank, f.requirement)) if f.status in FAILING
    )


def _state(unit: BaselineUnit) -> State:
    return State(unit.verdict, unit.path, _sorted(unit.findings.values()))


def _changes(assessments: tuple[Assessment, ...], found: list[BaselineUnit | None]) -> tuple[Change, ...]:
    assessed = [(a.as_of, u) for a, u in zip(assessments, found, strict=True) if u is not None]
    changes = []
    for (before, earlier), (after, later) in pairwise(assessed):
        if Verdict.INVALID in (earlier.verdict, later.verdict):
            changes.append(Change(before, after, earlier.verdict, later.verdict, compared=False))
            continue
        was = {r for r, f in earlier.findings.items() if f.status in FAILING}
        now = {r for r, f in later.findings.items() if f.status in FAILING}
        closed = _sorted(earlier.findings[r] for r in was - now)
        opened = _sorted(later.findings[r] for r in now - was)
        changes.append(Change(before, after, earlier.verdict, later.verdict, True, closed, opened))
    return tuple(changes)


def _countries(units: list[UnitProgress], dates: int) -> tuple[CountryProgress, ...]:
    found = []
    for country in sorted({u.country for u in units}):
        theirs = [u for u in units if u.country == country]
        per_date = []
        for index in range(dates):
            states = [u.states[index] for u in theirs if u.states[index] is not None]
            present = [s for s in states if s is not None]
            verdicts = {v: sum(1 for s in present if s.verdict is v) for v in VERDICTS}
            open_ = {sev: sum(s.by_severity()[sev] for s in present) for sev in SEVERITIES}
            per_date.append(CountryDate(len(present), verdicts, open_))
        found.append(CountryProgress(country, tuple(per_date)))
    return tuple(found)


def _notes(assessments: tuple[Assessment, ...]) -> tuple[str, ...]:
    versions = sorted({a.tool_version for a in assessments})
    if len(versions) < 2:
        return ()
    return (
        _(
            "the reports were written by different versions of pkcheck ({versions}): "
            "requirements may have opened or closed for that reason alone"
        ).format(versions=", ".join(versions)),
    )


__all__: Sequence[str] = ("Progress", "build", "read")
