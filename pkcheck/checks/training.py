"""``training``: enough personnel hold a course that is still valid when it matters.

Settings:

- ``course``: a course code, or a list of codes of which any counts.
- ``coverage`` (a ratio 0..1 of the population) or ``count`` (a number or expression).
- ``population``: ``all`` (default: ``personnel.total``) or a role code
  (``personnel.roles[role]``); with a role, only cohorts declared with that ``role`` count.
- ``valid_through``: ``deployment`` (default: valid on the reference date) or ``tour``
  (valid on the reference date plus the tour months).
- ``max_age_months``: a cohort completed longer ago than this before the reference date
  does not count (exactly this old still counts).

The reference date is the declaration's ``unit.deployment_date``, else the as-of date. A cohort
counts only if it completed on or before the as-of date (planned training is not training),
is not too old, and does not expire before the end of validity.

Months are added as on a calendar (31 January + 1 month is the last day of February), and the
arithmetic stops at the calendar's ends: a tour that would end after 9999-12-31 (a deployment
date of 9999-12-31, the usual "not known yet") ends on 9999-12-31, so an expiry of 9999-12-31
(the usual "does not expire") lasts through it; an age limit that reaches back before
0001-01-01 excludes no cohort. No date is refused for its arithmetic.

Met when valid trained >= required, where required = ceil(coverage x population) or the count.
Otherwise one gap (criterion ``coverage`` or ``count``, unit ``personnel``). A coverage whose
population the declaration does not give is ``no-evidence``; missing cohorts count as zero.

PASS: ``{course: un-cptm, coverage: 1.0}`` with ``personnel.total: 850`` and a cohort of 850
completed 2026-10-15. FAIL: the same with a cohort of 800 (gap: 50 personnel).
"""

from __future__ import annotations

import math
from fractions import Fraction

from pkcheck.checks.base import Context, MissingEvidence, Outcome, add_months, codes, describe_codes, gap
from pkcheck.models.declaration import TrainingEntry
from pkcheck.models.standard import TrainingCheck
from pkcheck.report import Status

KIND = "training"


def check(settings: TrainingCheck, context: Context) -> Outcome:
    course = describe_codes(settings.course)
    try:
        required = _required(settings, context)
    except MissingEvidence as missing:
        path = tuple(missing.path.split("."))
        return Outcome(Status.NO_EVIDENCE, "training.no-evidence", {"course": course, "missing": missing.path}, path)
    entries = _matching_entries(settings, context)
    valid = sum(entry.trained for _, entry in entries if _counts(entry, settings, context))
    evidence = ("training", entries[0][0]) if entries else ("training",)
    values = {"course": course, "valid": valid, "required": required, "shortfall": max(required - valid, 0)}
    if valid >= required:
        return Outcome(Status.MET, "training.met", values, evidence)
    criterion = "coverage" if settings.coverage is not None else "count"
    gaps = (gap(criterion, required, valid, required - valid, "personnel"),)
    return Outcome(Status.SHORTFALL, "training.shortfall", values, evidence, gaps)


def _required(settings: TrainingCheck, context: Context) -> int:
    if settings.count is not None:
        return context.count(settings.count)
    population = _population(settings.population, context)
    return math.ceil(Fraction(str(settings.coverage)) * population)


def _population(population: str, context: Context) -> int:
    personnel = context.declaration.personnel
    if population == "all":
        if personnel is None or personnel.total is None:
            raise MissingEvidence("personnel.total")
        return personnel.total
    if personnel is None or personnel.roles is None:
        raise MissingEvidence("personnel.roles")
    return personnel.roles.get(population, 0)


def _matching_entries(settings: TrainingCheck, context: Context) -> list[tuple[int, TrainingEntry]]:
    courses = codes(settings.course)
    entries = context.declaration.training or []
    return [
        (index, entry)
        for index, entry in enumerate(entries)
        if entry.course in courses and settings.population in ("all", entry.role)
    ]


def _counts(entry: TrainingEntry, settings: TrainingCheck, context: Context) -> bool:
    reference = context.reference_date
    valid_until = reference if settings.valid_through == "deployment" else add_months(reference, context.tour_months)
    if entry.completed > context.as_of:
        return False
    if settings.max_age_months is not None and entry.completed < add_months(reference, -settings.max_age_months):
        return False
    return entry.expires is None or entry.expires >= valid_until
