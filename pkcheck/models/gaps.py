"""The ``pkcheck: gaps/v1`` JSON that ``pkcheck gaps --format json`` writes, as models.

As for the report (``pkcheck/models/report.py``): pkcheck never reads it; the models give
``pkcheck schema gaps``, every key described, and a test holds ``pkcheck/formats/gaps_json.py``
to them on real registers.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.enums import Category, Severity
from pkcheck.models.report import Closed, Tool, WomenShare

Amount = int | float

_ILLUSTRATIVE = (
    "an illustrative threshold (a placeholder to tune to the mission's SUR or the MOU, not a figure of a UN "
    "source; the check report's `illustrative`)"
)
_SHORT = (
    "in the line's `measure`: personnel, items, beds, patients or surgeries a day, units lacking something; "
    "minutes over a casualty-evacuation limit, days of supply, facility levels"
)


class Filters(Closed):
    categories: list[Category] = Field(
        description="The requirement categories counted (`--category`); empty when every category is."
    )
    countries: list[str] = Field(
        description="The contributing countries whose units are counted (`--country`, in upper case); empty when "
        "every country's are."
    )
    severity: Severity = Field(
        description="The least severe requirements counted (`--severity`); `advisory`, the default, counts all."
    )


class _LineKey(Closed):
    category: Category = Field(description="The category of the requirements the line gathers.")
    kind: str = Field(
        description="What closes the gaps: `equipment` (items), `training` (personnel to train in a course), "
        "`medical-staff` (personnel of a role), `medical-capability` (units lacking a capability), `medical` (beds, "
        "supply days, casualty-evacuation minutes, facility levels...), `value` (a declared amount), `entry` (units "
        "missing an entry of a list), `missing` (units missing a value, such as a certificate) or `nonconforming` "
        "(units whose value is not allowed)."
    )
    what: str = Field(
        description="The thing needed: an item code (`a or b` when any of several counts), a course, a role, a "
        "capability, or a path of the declaration."
    )
    measure: str = Field(
        description="The unit of measure of the amounts: `personnel`, `items`, `units`, `beds`, `days`, `minutes`, "
        "`patients/day`, `surgeries/day`, `levels`, `value`."
    )


class UnitRef(Closed):
    unit: str = Field(description="The unit's id (`unit.id` of its declaration).")
    country: str = Field(description="The unit's contributing country (`unit.country`).")
    declaration: str = Field(description="The unit's declaration file.")


class UnitShare(UnitRef):
    short: Amount = Field(
        description=f"What the unit needs, {_SHORT}: the largest gap of its requirements on the line, since one "
        "provision closes them all."
    )
    illustrative: bool = Field(
        description=f"Whether `short` may rest on {_ILLUSTRATIVE}: true when a requirement of the unit on the line "
        "has one, even one whose gap is not the largest, since tuning it can change the largest."
    )
    severity: Severity = Field(description="The worst severity of the unit's requirements on the line.")
    requirements: list[str] = Field(description="The ids of the unit's requirements on the line.")


class Line(_LineKey):
    title: str | None = Field(
        description="What `what` is, in words: the vocabulary's title of its code, else its requirement's title."
    )
    coe_category: str | None = Field(
        description="For equipment, the item's Contingent-Owned Equipment category from the vocabulary; null "
        "otherwise, or when no vocabulary gives one."
    )
    total: Amount = Field(
        description=f"What the units need in all, {_SHORT}: the sum of their shares where amounts add up "
        "(personnel, items, beds, daily capacities, units), else the largest share (minutes, days, levels)."
    )
    illustrative: bool = Field(
        description=f"Whether `total` may rest on {_ILLUSTRATIVE}: true when at least one unit's share is "
        "(`units[].illustrative`)."
    )
    severity: Severity = Field(description="The worst severity among the units' shares.")
    requirements: list[str] = Field(description="The ids of every requirement on the line, in order.")
    units: list[UnitShare] = Field(description="Each unit's share, by country, unit id and file.")


class CoeTotal(Closed):
    coe_category: str = Field(
        description="A Contingent-Owned Equipment category code; `-` for items no vocabulary gives one."
    )
    items_short: Amount = Field(description="Items short in that category, over every line and unit.")
    units: int = Field(ge=0, description="How many units are short of items of that category.")
    illustrative: bool = Field(
        description=f"Whether `items_short` may rest on {_ILLUSTRATIVE}: true when a line it counts is."
    )


class EvidenceMissing(Closed):
    requirement: str = Field(description="The id of a requirement some units give no evidence for.")
    title: str = Field(description="The requirement's title.")
    category: Category = Field(description="The requirement's category.")
    severity: Severity = Field(description="The requirement's severity.")
    units: list[UnitRef] = Field(description="The units whose declarations do not give what the check needs.")


class CountryLine(_LineKey):
    short: Amount = Field(description=f"What the country's units need on the line, {_SHORT}, summed as `total` is.")
    units: int = Field(ge=0, description="How many of the country's units have a share of the line.")
    illustrative: bool = Field(
        description=f"Whether `short` may rest on {_ILLUSTRATIVE}: true when at least one of the country's units' "
        "shares of the line is."
    )


class Country(Closed):
    country: str = Field(description="A contributing country's code.")
    lines: list[CountryLine] = Field(description="The country's share of each line it has a share of, in line order.")
    evidence_missing: int = Field(
        ge=0, description="How many of its units' requirements lack evidence (entries of `evidence_missing`)."
    )


class Invalid(Closed):
    declaration: str = Field(description="A declaration that could not be read or validated, so is not counted.")
    unit: str | None = Field(description="Its unit's id, where its `unit` section could be read; else null.")
    country: str | None = Field(description="Its unit's country, where its `unit` section could be read; else null.")
    errors: list[str] = Field(description="Its errors, each `path:line:column: message`.")


class Gaps(Closed):
    """A capacity-building register: every unwaived shortfall of the declarations checked, summed by
    what would close it."""

    pkcheck: Literal["gaps/v1"] = Field(description="The kind of document: always `gaps/v1`.")
    tool: Tool = Field(description="The program that wrote the register.")
    as_of: dt.date = Field(description="The day dates were judged as of (`--as-of`, else the day of the run).")
    filters: Filters = Field(description="What was counted: the `--category`, `--country` and `--severity` given.")
    declarations: int = Field(ge=0, description="How many declarations were read, invalid ones included.")
    lines: list[Line] = Field(
        description="One per thing needed (category, kind, what, measure), by category, worst severity first, then "
        "kind and what."
    )
    coe_categories: list[CoeTotal] = Field(
        description="The items short per Contingent-Owned Equipment category, by category code."
    )
    evidence_missing: list[EvidenceMissing] = Field(
        description="Requirements some units give no evidence for: not quantities, so never summed."
    )
    countries: list[Country] = Field(description="Each contributing country's share of the register, by country code.")
    invalid: list[Invalid] = Field(
        description="The declarations that could not be counted, with their errors: those of the countries asked "
        "for, and every one whose country could not be read."
    )
    invalid_other_countries: int = Field(
        ge=0,
        description="Invalid declarations of countries `--country` leaves out: not listed, but they make the run "
        "exit 2.",
    )
    women_by_country: list[WomenShare] = Field(
        description="Each country's share of women against the gender parity target its units were judged against, "
        "as in the check report's `women_by_country`: of the countries `--country` keeps; empty when `--category` "
        "leaves out personnel or `--severity` is above advisory (the target is advisory)."
    )
