"""The ``pkcheck: match/v1`` JSON that ``pkcheck match --format json`` writes, as models.

As for the gaps register (``pkcheck/models/gaps.py``): pkcheck never reads it; the models give
``pkcheck schema match``, every key described, and a test holds ``pkcheck/formats/match_json.py``
to them on real runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.enums import Category, Severity
from pkcheck.models.gaps import Invalid
from pkcheck.models.report import Closed, Tool

Amount = int | float
OfferKind = Literal["seats", "team", "equipment"]
Reason = Literal["language", "no-languages", "late", "exhausted", "team-taken"]


class _Line(Closed):
    category: Category = Field(description="The category of the requirements of the gap's register line.")
    kind: Literal["training", "equipment"] = Field(
        description="What closes the gap: `training` (personnel to train in a course) or `equipment` (items)."
    )
    what: str = Field(description="The course or item code (`a or b` when any of several counts), as `gaps` gives it.")
    measure: Literal["personnel", "items"] = Field(description="The unit of measure of the amounts.")


class _Unit(Closed):
    unit: str = Field(description="The unit's id.")
    country: str = Field(description="The unit's contributing country.")
    declaration: str = Field(description="The unit's declaration file.")


class Why(Closed):
    code: str = Field(description="The course or item of the offer, one the gap names.")
    language: str | None = Field(
        description="The language the course is taught in, one the unit declares; null for equipment."
    )
    ready: dt.date = Field(description="The day the offer is ready: a course's last day, equipment's availability.")
    deployment_date: dt.date = Field(description="The unit's deployment date, on or after `ready`.")
    deployment_date_given: bool = Field(
        description="Whether the declaration gives the deployment date; false: the as-of day stands for it."
    )
    rank: int = Field(description="The gap's place in the order of allocation, from 1.")
    severity: Severity = Field(description="The gap's severity, the first key of the order.")
    short: Amount = Field(description="What the unit lacks, before any offer: the third key of the order.")
    explanation: str = Field(description="All of it in a sentence, in the language of the run.")


class Allocation(_Unit, _Line):
    offer: str = Field(description="The offer's id.")
    partner: str = Field(description="The partner that makes the offer.")
    offer_kind: OfferKind = Field(description="`seats`, `team` (a mobile training team) or `equipment`.")
    amount: Amount = Field(description="How much of the offer goes to the gap: people trained, or items.")
    requirements: list[str] = Field(description="The requirements of the gap.")
    why: Why = Field(description="Why this offer went to this unit.")


class Closes(_Unit):
    what: str = Field(description="The course or item code of the gap, as `gaps` gives it.")
    category: Category = Field(description="The category of the gap's register line.")
    amount: Amount = Field(description="How much of the offer closes it.")


class OfferUse(Closed):
    id: str = Field(description="The offer's id.")
    partner: str = Field(description="The partner that makes the offer.")
    kind: OfferKind = Field(description="`seats`, `team` (a mobile training team) or `equipment`.")
    code: str = Field(description="The course or item offered.")
    measure: Literal["personnel", "items"] = Field(description="What the amounts count: people trained, or items.")
    amount: int = Field(description="Seats, the team's capacity, or items offered.")
    given: Amount = Field(description="How much of it goes to gaps.")
    left: Amount = Field(description="How much of it is left: `amount` less `given`.")
    language: str | None = Field(description="The language of a course; null for equipment.")
    start: dt.date | None = Field(description="A course's first day; null for equipment.")
    ready: dt.date = Field(description="A course's last day, or the day equipment is available.")
    place: str | None = Field(description="Where seats are held; null for teams and equipment.")
    closes: list[Closes] = Field(description="The gaps it closes, in the order of allocation.")


class Note(Closed):
    offer: str = Field(description="An offer of the gap's code that did not apply to it.")
    reason: Reason = Field(
        description="Why: `language` (taught in a language the unit does not declare), `no-languages` (the unit "
        "declares none), `late` (ready after the deployment date), `exhausted` (given out to gaps before) or "
        "`team-taken` (a mobile training team given to another unit)."
    )
    explanation: str = Field(description="The reason in a sentence, in the language of the run.")


class GapOutcome(_Unit, _Line):
    rank: int = Field(description="The gap's place in the order of allocation, from 1.")
    severity: Severity = Field(description="The gap's severity.")
    deployment_date: dt.date = Field(description="The unit's deployment date, or the as-of day without one.")
    requirements: list[str] = Field(description="The requirements of the gap.")
    short: Amount = Field(description="What the unit lacks, before any offer.")
    met: Amount = Field(description="What offers close of it.")
    remaining: Amount = Field(description="What remains unmet: `short` less `met`.")
    notes: list[Note] = Field(
        description="For a gap left unmet, the offers of its code that did not apply, and why; empty when it is met."
    )


class Unmet(_Line):
    remaining: Amount = Field(description="What remains unmet of the line.")
    severity: Severity = Field(description="The most severe gap counted.")


class UnitView(_Unit):
    deployment_date: dt.date = Field(description="The unit's deployment date, or the as-of day without one.")
    unmet: list[Unmet] = Field(description="What remains unmet of each of its gaps.")


class CountryView(Closed):
    country: str = Field(description="The contributing country.")
    units: int = Field(description="Its units with something unmet.")
    unmet: list[Unmet] = Field(description="What remains unmet of each line, over its units.")


class Summary(Closed):
    gaps: int = Field(description="The gaps offers could close: units' shares of course and item lines.")
    met: int = Field(description="Gaps met in full.")
    partly_met: int = Field(description="Gaps met in part.")
    offers: int = Field(description="Offers in the file.")
    unused: int = Field(description="Offers given to no gap.")
    other_lines: int = Field(
        description="Lines of the gaps register no offer kind closes (medical staff, capabilities, days...)."
    )


class Match(Closed):
    """Partners' offers allocated to the gaps of the declarations checked."""

    pkcheck: Literal["match/v1"] = Field(description="The kind of document: always `match/v1`.")
    tool: Tool = Field(description="The program that wrote the allocation.")
    as_of: dt.date = Field(description="The as-of day of the check the gaps come from.")
    offers_file: str = Field(description="The offers file (`--offers`).")
    declarations: int = Field(description="The declarations read.")
    rule: str = Field(description="The rule of allocation, in the language of the run.")
    summary: Summary = Field(description="Counts of gaps and offers.")
    allocations: list[Allocation] = Field(description="Every allocation, in the order of allocation.")
    offers: list[OfferUse] = Field(description="Every offer, as the file lists them, with what it closes.")
    gaps: list[GapOutcome] = Field(description="Every gap offers could close, in the order of allocation.")
    units: list[UnitView] = Field(description="Per unit with something unmet, what remains, by country and unit.")
    countries: list[CountryView] = Field(description="Per country, what remains unmet.")
    unused: list[str] = Field(description="The ids of the offers given to no gap.")
    invalid: list[Invalid] = Field(description="The declarations that could not be read or validated.")
