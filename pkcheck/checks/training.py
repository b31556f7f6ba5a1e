"""``training``: enough personnel hold a course that is still valid when it matters.

Settings:

- ``course``: a course code, or a list of codes of which any counts.
- ``coverage`` (a ratio 0..1 of the population) or ``count`` (a number or expression).
- ``population``: ``all`` (default: ``personnel.total``) or a role code
  (``personnel.roles[role]``); with a role, only cohorts declared with that ``role`` count.
  A medical role must have the same number in ``personnel.roles`` as in ``medical.staff``
  (a warning says where they differ).
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
A shortfall names each declared cohort of the course that does not count and why: its line, and
that it completes after the as-of date, completed more than ``max_age_months`` before the
reference date, expires before the date it had to reach (the deployment date or the end of the
tour), or is not declared with the role of the population.

PASS: ``{course: un-cptm, coverage: 1.0}`` with ``personnel.total: 850`` and a cohort of 850
completed 2026-10-15. FAIL: the same with a cohort of 800 (gap: 50 personnel).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from pkcheck.checks.base import Context, MissingEvidence, Outcome, add_months, codes, either, gap, labelled
from pkcheck.checks.draft import PLACEHOLDER_STRENGTH, Draft, count
from pkcheck.checks.kind import MAXIMUM, MINIMUM, Kind
from pkcheck.checks.pieces import Piece, coded_pieces
from pkcheck.i18n import N_, _, day
from pkcheck.load.locate import locate
from pkcheck.messages import fill as fill_template
from pkcheck.models.common import Code, CodeOrCodes, Ratio, StrictModel, Threshold
from pkcheck.models.declaration import TrainingEntry
from pkcheck.report import Finding, Gap, Status
from pkcheck.terms.codepaths import CodeUse, code_at, codes_at
from pkcheck.terms.vocabulary import Codes

NAME = "training"


class TrainingCheck(StrictModel):
    course: CodeOrCodes = Field(description="A course code, or a list of codes of which any counts.")
    coverage: Ratio | None = Field(
        None,
        description="The share of the population that must hold the course, a ratio 0..1 (required = ceil(coverage x population)); give it or `count`.",
    )
    count: Threshold | None = Field(
        None, description="How many personnel must hold the course (a number or an expression); give it or `coverage`."
    )
    population: Code = Field(
        "all",
        description="Whose coverage: `all` (default: `personnel.total`) or a role code (`personnel.roles[role]`, and only cohorts declared with that `role` count).",
    )
    valid_through: Literal["deployment", "tour"] = Field(
        "deployment",
        description="Until when a cohort must be valid: `deployment` (default: on the reference date) or `tour` (to the end of the tour).",
    )
    max_age_months: Annotated[int, Field(ge=0, le=600, strict=True)] | None = Field(
        None,
        description="A cohort that completed more months than this before the reference date does not count (0 to "
        "600; exactly this old still counts).",
    )

    @model_validator(mode="after")
    def _coverage_or_count(self) -> TrainingCheck:
        if (self.coverage is None) == (self.count is None):
            raise ValueError(_("give exactly one of `coverage` (a ratio of the population) or `count`"))
        return self


MESSAGES = {
    "met": N_("{valid} of {required} required personnel hold valid {course} training"),
    "shortfall": N_("{valid} of {required} required personnel hold valid {course} training: {shortfall} short"),
    "shortfall-not-counted": N_(
        "{valid} of {required} required personnel hold valid {course} training: {shortfall} short ({not_counted})"
    ),
    "cohort.planned": N_(
        "the cohort of {trained}{course_named} on line {line} completes on {completed}, after {as_of}"
    ),
    "cohort.too-old": N_(
        "the cohort of {trained}{course_named} on line {line} completed on {completed}, "
        "more than {max_age_months} months before {reference}"
    ),
    "cohort.other-role": N_(
        "the cohort of {trained}{course_named} on line {line} is not declared with the role {population}"
    ),
    "cohort.expires": N_(
        "the cohort of {trained}{course_named} on line {line} expires on {expires}, before {valid_until}"
    ),
    "no-evidence": N_("cannot check {course} training: the declaration does not give `{missing}`"),
}


def check(settings: TrainingCheck, context: Context) -> Outcome:
    course = codes(settings.course)
    try:
        required = _required(settings, context)
    except MissingEvidence as missing:
        path = tuple(missing.path.split("."))
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"course": course, "missing": missing.path}, path)
    entries = _matching_entries(settings, context)
    reasons = [(index, entry, _why_not(entry, settings, context)) for index, entry in entries]
    valid = sum(entry.trained for _, entry, why in reasons if why is None)
    evidence = ("training", entries[0][0]) if entries else ("training",)
    values: dict[str, Any] = {
        "course": course,
        "valid": valid,
        "required": required,
        "shortfall": max(required - valid, 0),
    }
    if valid >= required:
        return Outcome(Status.MET, f"{NAME}.met", values, evidence)
    criterion = "coverage" if settings.coverage is not None else "count"
    gaps = (gap(criterion, required, valid, required - valid, "personnel"),)
    reasons += [(index, entry, "other-role") for index, entry in _other_roles(settings, context)]
    not_counted = [
        _not_counted(index, entry, why, settings, context)
        for index, entry, why in sorted(reasons, key=lambda reason: reason[0])
        if why is not None
    ]
    if not not_counted:
        return Outcome(Status.SHORTFALL, f"{NAME}.shortfall", values, evidence, gaps)
    said = [fill_template(_(MESSAGES[c["message"]]), c) for c in not_counted]
    together = said[0]
    for other in said[1:]:
        together = _("{first}; {second}").format(first=together, second=other)
    values |= {"not_counted": together}
    values["cohorts"] = not_counted
    return Outcome(Status.SHORTFALL, f"{NAME}.shortfall-not-counted", values, evidence, gaps)


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


def _other_roles(settings: TrainingCheck, context: Context) -> list[tuple[int, TrainingEntry]]:
    """Cohorts of the course that a population of one role does not count: another role, or none."""
    if settings.population == "all":
        return []
    courses = codes(settings.course)
    entries = context.declaration.training or []
    return [
        (index, entry)
        for index, entry in enumerate(entries)
        if entry.course in courses and entry.role != settings.population
    ]


def _valid_until(settings: TrainingCheck, context: Context) -> dt.date:
    reference = context.reference_date
    return reference if settings.valid_through == "deployment" else add_months(reference, context.tour_months)


def _why_not(entry: TrainingEntry, settings: TrainingCheck, context: Context) -> str | None:
    """Why a cohort does not count (the suffix of its ``cohort.*`` message), or None if it does."""
    if entry.completed > context.as_of:
        return "planned"
    oldest = None if settings.max_age_months is None else add_months(context.reference_date, -settings.max_age_months)
    if oldest is not None and entry.completed < oldest:
        return "too-old"
    if entry.expires is not None and entry.expires < _valid_until(settings, context):
        return "expires"
    return None


def _not_counted(
    index: int, entry: TrainingEntry, why: str, settings: TrainingCheck, context: Context
) -> dict[str, Any]:
    """A cohort that does not count, as data: the line, the dates and the date it had to reach."""
    reference = context.reference_date
    if context.declaration.unit.deployment_date is None:
        named_reference = _("the as-of date {day}").format(day=day(reference))
    else:
        named_reference = _("the deployment date {day}").format(day=day(reference))
    if settings.valid_through == "tour":
        until = _("the end of the tour on {day}").format(day=day(_valid_until(settings, context)))
    else:
        until = named_reference
    several = len(codes(settings.course)) > 1
    return {
        "message": f"cohort.{why}",
        "line": locate("", context.data, ("training", index)).line,
        "course": entry.course,
        # Translators: after the number of personnel of a cohort, when a requirement accepts several courses.
        "course_named": _(" in {course}").format(course=entry.course) if several else "",
        "trained": entry.trained,
        "completed": entry.completed.isoformat(),
        "expires": entry.expires.isoformat() if entry.expires is not None else "",
        "as_of": _("the as-of date {day}").format(day=day(context.as_of)),
        "reference": named_reference,
        "valid_until": until,
        "max_age_months": settings.max_age_months,
        "population": settings.population,
    }


def describe(settings: TrainingCheck) -> str:
    values: dict[str, object] = {"role": settings.population}
    if settings.coverage is not None:
        values["coverage"] = f"{settings.coverage:.0%}"
        template = (
            N_("{coverage} of all personnel (personnel.total)")
            if settings.population == "all"
            else N_("{coverage} of the {role} role (personnel.roles.{role})")
        )
    else:
        values["count"] = settings.count
        template = (
            N_("at least {count} of all personnel (personnel.total)")
            if settings.population == "all"
            else N_("at least {count} of the {role} role (personnel.roles.{role})")
        )
    amount = fill_template(_(template), values)
    until = _("the deployment date") if settings.valid_through == "deployment" else _("the end of the tour")
    age = (
        fill_template(
            _(", completed no more than {months} months before deployment"), {"months": settings.max_age_months}
        )
        if settings.max_age_months is not None
        else ""
    )
    return _("training: {amount} hold {courses}, valid through {until}{age}").format(
        amount=amount, courses=either(codes(settings.course)), until=until, age=age
    )


def fill(settings: TrainingCheck, context: Context, draft: Draft) -> None:
    """A cohort per course and population, as large as the largest requirement on it."""
    course = codes(settings.course)[0]
    role = settings.population
    if settings.count is not None:
        required = count(context, settings.count, draft)
    else:
        population = _draft_population(role, draft)
        required = None if population is None else math.ceil(Fraction(str(settings.coverage)) * population)
    if required is None:
        return
    key = (course, role)
    until = _valid_until(settings, context)
    cohort = draft.entry(NAME, key, {"course": course, "trained": 0, "completed": draft.as_of, "expires": until})
    if role != "all":
        cohort["role"] = role
    cohort["trained"] = max(cohort["trained"], required)
    cohort["expires"] = max(cohort["expires"], until)
    draft.need((NAME, key))
    _note_dates(settings, context, draft, key)


def _note_dates(settings: TrainingCheck, context: Context, draft: Draft, key: tuple[str, str]) -> None:
    """What the dates a training check judges must reach: the cohort's expiry (and completion,
    under an age limit), and the unit's deployment date and tour they are measured from. A
    cohort without ``expires`` never expires, so the template writes the date it must reach."""
    until = _valid_until(settings, context).isoformat()
    if settings.valid_through == "tour":
        draft.note(
            (NAME, key, "expires"),
            fill_template(_("must not expire before the end of the tour ({until})"), {"until": until}),
        )
        draft.note(("unit", "tour_months"), _("training must stay valid through the tour"))
    else:
        draft.note(
            (NAME, key, "expires"),
            fill_template(_("must not expire before the deployment date ({until})"), {"until": until}),
        )
    if settings.max_age_months is not None:
        oldest = add_months(context.reference_date, -settings.max_age_months).isoformat()
        note = fill_template(
            _("completed no earlier than {oldest}, {months} months before deployment"),
            {"oldest": oldest, "months": settings.max_age_months},
        )
        draft.note((NAME, key, "completed"), note)
    draft.note(("unit", "deployment_date"), _("training must be valid on this date"))


def _draft_population(role: str, draft: Draft) -> int | None:
    """The size of a training population, adding a placeholder when nothing declares it yet."""
    personnel = draft.section("personnel")
    if role == "all":
        if "total" not in personnel:
            personnel["total"] = PLACEHOLDER_STRENGTH
            return None
        draft.need(("personnel", "total"))
        return int(personnel["total"])
    roles = personnel.setdefault("roles", {})
    roles.setdefault(role, 1)
    draft.need(("personnel", "roles", role))
    return int(roles[role])


def code_uses(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    yield from codes_at(settings, "course", "courses")
    if settings.get("population") != "all":
        yield from code_at(settings, "population", "roles")


def titled(
    settings: TrainingCheck, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    return labelled(values, "course", "courses", vocabulary)


def pieces(finding: Finding) -> Iterator[Piece]:
    """Personnel to train in the course (or in any one of the courses)."""
    return coded_pieces(finding, NAME, finding.values.get("course", finding.requirement))


def formulas(settings: TrainingCheck) -> Iterator[tuple[str, Any]]:
    """The personnel required, as the check computes it (a coverage of the population, rounded
    up), and the age limit."""
    if settings.count is not None:
        yield "required", settings.count
    else:
        population = (
            "personnel.total" if settings.population == "all" else f'value("personnel.roles.{settings.population}")'
        )
        yield "required", f"ceil({settings.coverage} * {population})"
    if settings.max_age_months is not None:
        yield "max_age_months", settings.max_age_months


def evidence(settings: TrainingCheck, context: Context) -> Iterator[tuple[str | int, ...]]:
    """Each cohort of the course the population counts, and the population's size."""
    for index, _entry in _matching_entries(settings, context):
        yield (NAME, index)
    if settings.coverage is not None:
        yield ("personnel", "total") if settings.population == "all" else ("personnel", "roles", settings.population)


def _tour_parameter(settings: TrainingCheck) -> tuple[str, ...]:
    return ("tour_months",) if settings.valid_through == "tour" else ()  # the tour a unit gives no length for


KIND = Kind(
    name=NAME,
    settings=TrainingCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=(
        {"course": "un-cptm", "coverage": 0.5, "max_age_months": 12, "valid_through": "tour"},
        {"course": ["un-cptm", "un-bfac"], "count": 10, "population": "medical-officer"},
    ),
    codes=code_uses,
    titled=titled,
    thresholds={"count": MINIMUM, "coverage": MINIMUM, "max_age_months": MAXIMUM},
    rules=frozenset({"valid_through"}),  # how long a course counts sets how much is asked
    any_of=frozenset({"course"}),
    ordered={"valid_through": ("deployment", "tour")},  # valid through the tour asks more
    parameters=_tour_parameter,
    formulas=formulas,
    evidence=evidence,
)
