"""Partners' offers allocated to the gaps register (``pkcheck match``).

The gaps are those of ``pkcheck gaps`` (``pkcheck.analyses.gaps.build``), of the same report:
each unit's share of a register line is one gap. Offers close two kinds of gap:

- a course (a line of kind ``training``, in personnel): seats on the course and mobile
  training teams teaching it train people, one a seat or a place in the team;
- an item (a line of kind ``equipment``, in items): equipment offered closes it item for item.

A line of codes of which any counts (``un-sea-prevention or un-conduct-discipline``) is closed
by an offer of any of them. Other lines (medical staff, capabilities, days of supply...) are
not what partners offer here; they stay in the gaps register.

An offer is eligible for a gap when:

- its course or item is one the gap names;
- a course's language is one the unit declares in ``personnel.languages`` (with at least one
  person); a unit that declares no languages takes no course;
- a course ends on or before the unit's deployment date, and equipment is available on or
  before it (a unit without a deployment date: the as-of day);
- a mobile training team has not been given to another unit: a team trains the people of one
  unit only (what it has left can close that unit's other gaps of the same course).

The rule, deterministic: gaps are taken in order of severity (critical first), then deployment
date (earlier first), then amount short (larger first), then unit id, then the register's line
order; each takes from its eligible offers in order of the day they are ready (a course's end,
equipment's availability; earlier first), then offer id, until it is met or none is left.
Partial allocations are kept. Every allocation says why (the code, the language, the dates,
the gap's place in the order), and every gap left unmet says why offers of its code did not
apply (language, dates, exhausted, team given to another unit).

It runs in O(gaps log gaps + offers + gaps x offers of their codes): offers are indexed by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from pkcheck.analyses.gaps import CATEGORY_ORDER, ITEMS, Amount, Invalid, Line, Register, UnitShare
from pkcheck.enums import Severity
from pkcheck.models.offers import Offers
from pkcheck.report import Report

COURSE = "training"  # the register line kinds offers close, and their measures
EQUIPMENT = "equipment"
PERSONNEL = "personnel"


class OfferKind(StrEnum):
    SEATS = "seats"
    TEAM = "team"
    EQUIPMENT = "equipment"


class Skip(StrEnum):
    """Why an offer of a gap's code did not apply to it."""

    LANGUAGE = "language"  # taught in a language the unit does not declare
    NO_LANGUAGES = "no-languages"  # the unit declares no languages
    LATE = "late"  # ends, or is available, after the unit's deployment date
    EXHAUSTED = "exhausted"  # given out entirely to gaps before this one
    TEAM_TAKEN = "team-taken"  # a team already given to another unit


@dataclass(frozen=True)
class Offer:
    """One offer, whatever its list: what it gives, how much, when and in which language."""

    id: str
    partner: str
    kind: OfferKind
    code: str  # the course or item
    amount: int  # seats, a team's capacity, items
    ready: dt.date  # a course's last day, or the day equipment is available
    language: str | None = None
    start: dt.date | None = None
    place: str | None = None
    index: int = 0  # in the file, to list offers as written

    @property
    def measure(self) -> str:
        return ITEMS if self.kind is OfferKind.EQUIPMENT else PERSONNEL


@dataclass(frozen=True)
class Gap:
    """One unit's share of a register line that offers can close."""

    line: Line
    share: UnitShare
    codes: tuple[str, ...]
    deployment: dt.date
    dated: bool  # whether the deployment date is the declaration's (else the as-of day)
    languages: tuple[str, ...]
    rank: int = 0  # its place in the order of allocation, from 1

    @property
    def amount(self) -> Amount:
        return self.share.amount

    @property
    def severity(self) -> Severity:
        return self.share.severity


@dataclass(frozen=True)
class Allocation:
    offer: Offer
    gap: Gap
    amount: Amount


@dataclass(frozen=True)
class Note:
    """An offer of a gap's code that did not apply to it, and why."""

    offer: Offer
    skip: Skip


@dataclass(frozen=True)
class GapOutcome:
    gap: Gap
    allocations: tuple[Allocation, ...]
    notes: tuple[Note, ...]

    @property
    def met(self) -> Amount:
        return sum(a.amount for a in self.allocations)

    @property
    def remaining(self) -> Amount:
        return self.gap.amount - self.met


@dataclass(frozen=True)
class OfferUse:
    offer: Offer
    allocations: tuple[Allocation, ...]

    @property
    def given(self) -> Amount:
        return sum(a.amount for a in self.allocations)

    @property
    def left(self) -> Amount:
        return self.offer.amount - self.given


@dataclass(frozen=True)
class Unmet:
    """What remains of one line for one unit, or for one country's units."""

    line: Line
    amount: Amount
    severity: Severity


@dataclass(frozen=True)
class UnitView:
    unit_id: str
    country: str
    declaration: str
    deployment: dt.date
    unmet: tuple[Unmet, ...]


@dataclass(frozen=True)
class CountryView:
    country: str
    unmet: tuple[Unmet, ...]
    units: int  # units with something unmet


@dataclass(frozen=True)
class Matching:
    tool_version: str
    as_of: dt.date
    offers_file: str
    declarations: int
    gaps: tuple[GapOutcome, ...] = ()  # in the order of allocation
    offers: tuple[OfferUse, ...] = ()  # as the file lists them
    other_lines: int = 0  # register lines no offer kind closes
    invalid: tuple[Invalid, ...] = field(default_factory=tuple)

    @property
    def allocations(self) -> tuple[Allocation, ...]:
        return tuple(a for outcome in self.gaps for a in outcome.allocations)

    def unused(self) -> tuple[OfferUse, ...]:
        return tuple(use for use in self.offers if not use.allocations)

    def units(self) -> tuple[UnitView, ...]:
        """Per unit with something unmet, what remains of each gap, by country and unit id."""
        found: dict[tuple[str, str, str], list[GapOutcome]] = {}
        for outcome in self.gaps:
            if outcome.remaining > 0:
                share = outcome.gap.share
                found.setdefault((share.country, share.unit_id, share.declaration), []).append(outcome)
        views = []
        for (country, unit_id, declaration), outcomes in sorted(found.items()):
            ordered = sorted(outcomes, key=lambda o: _line_key(o.gap.line))
            unmet = tuple(Unmet(o.gap.line, o.remaining, o.gap.severity) for o in ordered)
            views.append(UnitView(unit_id, country, declaration, ordered[0].gap.deployment, unmet))
        return tuple(views)

    def countries(self) -> tuple[CountryView, ...]:
        """Per country, what remains of each line over its units."""
        by_country: dict[str, dict[tuple[int, str, str, str], list[GapOutcome]]] = {}
        for outcome in self.gaps:
            if outcome.remaining > 0:
                line = outcome.gap.line
                key = _line_key(line)
                by_country.setdefault(outcome.gap.share.country, {}).setdefault(key, []).append(outcome)
        views = []
        for country, lines in sorted(by_country.items()):
            unmet = tuple(
                Unmet(
                    outcomes[0].gap.line,
                    sum(o.remaining for o in outcomes),
                    max((o.gap.severity for o in outcomes), key=lambda s: s.rank),
                )
                for _, outcomes in sorted(lines.items())
            )
            units = len({o.gap.share.declaration for outcomes in lines.values() for o in outcomes})
            views.append(CountryView(country, unmet, units))
        return tuple(views)

    @property
    def needed(self) -> Amount:
        return sum(o.gap.amount for o in self.gaps)

    @property
    def met(self) -> Amount:
        return sum(o.met for o in self.gaps)


def _line_key(line: Line) -> tuple[int, str, str, str]:
    return CATEGORY_ORDER[line.category], line.kind, line.what, line.measure


def offers_of(model: Offers) -> tuple[Offer, ...]:
    """Every offer of a file, as the file lists them: seats, teams, then equipment."""
    found: list[Offer] = []
    for seats in model.seats:
        found.append(
            Offer(
                seats.id,
                seats.partner,
                OfferKind.SEATS,
                seats.course,
                seats.seats,
                seats.end,
                seats.language,
                seats.start,
                seats.place,
                len(found),
            )
        )
    for team in model.teams:
        found.append(
            Offer(
                team.id,
                team.partner,
                OfferKind.TEAM,
                team.course,
                team.capacity,
                team.end,
                team.language,
                team.start,
                None,
                len(found),
            )
        )
    for item in model.equipment:
        found.append(
            Offer(
                item.id, item.partner, OfferKind.EQUIPMENT, item.item, item.quantity, item.available, index=len(found)
            )
        )
    return tuple(found)


def closable(line: Line) -> bool:
    """Whether offers close a register line: a course in personnel, or items."""
    return (line.kind, line.measure) in ((COURSE, PERSONNEL), (EQUIPMENT, ITEMS))


def line_codes(line: Line) -> tuple[str, ...]:
    """The codes of which any closes a line: its ``what`` (``a or b``: the data form, the
    same in every language; ``pkcheck.checks.base.describe_codes``)."""
    return tuple(line.what.split(" or "))


@dataclass(frozen=True)
class UnitFacts:
    """What allocation needs of a unit that the register does not hold."""

    deployment: dt.date | None  # None: the declaration gives no deployment date
    languages: tuple[str, ...]  # the languages at least one person of the unit speaks


def unit_facts(report: Report) -> dict[str, UnitFacts]:
    """Each declaration's deployment date and languages, by its path."""
    facts = {}
    for result in report.results:
        given = (result.unit or {}).get("deployment_date")
        deployment = dt.date.fromisoformat(str(given)) if given else None
        spoken = tuple(sorted(code for code, count in result.languages.items() if count > 0))
        facts[result.path] = UnitFacts(deployment, spoken)
    return facts


def gaps_of(register: Register, facts: dict[str, UnitFacts]) -> tuple[list[Gap], int]:
    """The gaps offers can close, in the order of allocation, and how many register lines
    offers cannot close."""
    gaps: list[Gap] = []
    others = 0
    for line in register.lines:
        if not closable(line):
            others += 1
            continue
        codes = line_codes(line)
        for share in line.units:
            known = facts.get(share.declaration, UnitFacts(None, ()))
            deployment = known.deployment or register.as_of
            gaps.append(Gap(line, share, codes, deployment, known.deployment is not None, known.languages))
    gaps.sort(key=_gap_order)
    return [_ranked(gap, rank) for rank, gap in enumerate(gaps, 1)], others


def _ranked(gap: Gap, rank: int) -> Gap:
    return Gap(gap.line, gap.share, gap.codes, gap.deployment, gap.dated, gap.languages, rank)


def _gap_order(gap: Gap) -> tuple[int, dt.date, float, str, tuple[int, str, str, str], str]:
    return (
        -gap.severity.rank,
        gap.deployment,
        -float(gap.amount),
        gap.share.unit_id,
        _line_key(gap.line),
        gap.share.declaration,
    )


def allocate(gaps: Iterable[Gap], offers: Iterable[Offer]) -> tuple[list[GapOutcome], dict[str, list[Allocation]]]:
    """The greedy allocation of the module docstring: each gap, in order, takes from its
    eligible offers until it is met. Returns each gap's outcome, and each offer's allocations."""
    by_code: dict[str, list[Offer]] = {}
    for offer in offers:
        by_code.setdefault(offer.code, []).append(offer)
    for listed in by_code.values():
        listed.sort(key=lambda o: (o.ready, o.id))
    left: dict[str, Amount] = {offer.id: offer.amount for listed in by_code.values() for offer in listed}
    team_of: dict[str, str] = {}  # a team's id -> the declaration of the unit it was given to
    given: dict[str, list[Allocation]] = {}
    outcomes = []
    for gap in gaps:
        wanted = gap.line.measure
        candidates = [o for code in gap.codes for o in by_code.get(code, ()) if o.measure == wanted]
        if len(gap.codes) > 1:
            candidates.sort(key=lambda o: (o.ready, o.id))
        remaining: Amount = gap.amount
        allocations: list[Allocation] = []
        notes: list[Note] = []
        for offer in candidates:
            if remaining <= 0:
                break
            skip = _skip(offer, gap, left[offer.id], team_of.get(offer.id))
            if skip is not None:
                notes.append(Note(offer, skip))
                continue
            amount = min(remaining, left[offer.id])
            left[offer.id] -= amount
            remaining -= amount
            if offer.kind is OfferKind.TEAM:
                team_of[offer.id] = gap.share.declaration
            allocation = Allocation(offer, gap, amount)
            allocations.append(allocation)
            given.setdefault(offer.id, []).append(allocation)
        outcomes.append(GapOutcome(gap, tuple(allocations), tuple(notes) if remaining > 0 else ()))
    return outcomes, given


def _skip(offer: Offer, gap: Gap, left: Amount, team_unit: str | None) -> Skip | None:
    """Why ``offer`` cannot go to ``gap``, or None when it can."""
    if offer.language is not None:
        if not gap.languages:
            return Skip.NO_LANGUAGES
        if offer.language not in gap.languages:
            return Skip.LANGUAGE
    if offer.ready > gap.deployment:
        return Skip.LATE
    if team_unit is not None and team_unit != gap.share.declaration:
        return Skip.TEAM_TAKEN
    if left <= 0:
        return Skip.EXHAUSTED
    return None


def match(register: Register, facts: dict[str, UnitFacts], offers: Offers, offers_file: str) -> Matching:
    """The offers allocated to the register's gaps (the module docstring gives the rule);
    ``facts`` are the units' (``unit_facts`` of the report the register was built from)."""
    gaps, others = gaps_of(register, facts)
    listed = offers_of(offers)
    outcomes, given = allocate(gaps, listed)
    uses = tuple(OfferUse(offer, tuple(given.get(offer.id, ()))) for offer in listed)
    return Matching(
        register.tool_version,
        register.as_of,
        offers_file,
        register.declarations,
        tuple(outcomes),
        uses,
        others,
        register.invalid,
    )
