"""A unit declaration (``pkcheck: declaration/v1``): what a contributing country declares
about one unit it pledges. Only ``pkcheck`` and ``unit`` are required; a section left out
means "not declared" and yields no-evidence for the checks that need it."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationInfo, field_validator

from pkcheck.i18n import _
from pkcheck.models.common import FACILITY_LEVELS, Code, Count, StrictModel, Text

FacilityLevel = Literal["none", "basic", "level-1", "level-2", "level-2-plus", "level-3"]
assert FacilityLevel.__args__ == FACILITY_LEVELS  # type: ignore[attr-defined]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=100)]
TimelineKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([_-][a-z0-9]+)*$")]


def _level_as_written(value: object) -> object:
    """A level is written as the number or the code itself: ``true``, ``2.0`` and the text
    ``"2"`` are refused, as a count refuses them, rather than read as a level they may not mean
    (pydantic would take ``true`` for 1 and ``2.0`` for 2)."""
    if isinstance(value, (bool, float)):
        shown = str(value).lower() if isinstance(value, bool) else value
        raise ValueError(_("must be one of 1, 2, 3 or 'rdl', got {value}").format(value=shown))  # noqa: TRY004 - pydantic reports only a ValueError as invalid input
    if isinstance(value, str) and value.strip() in ("1", "2", "3"):
        raise ValueError(
            _("must be one of 1, 2, 3 or 'rdl', got the text {text}: write the level without quotes, `{level}`").format(
                text=repr(value), level=value.strip()
            )
        )
    return value


# The PCRS ladder: Levels 1 to 3, then the Rapid Deployment Level.
PcrsLevel = Annotated[Literal[1, 2, 3, "rdl"], BeforeValidator(_level_as_written)]


class Unit(StrictModel):
    id: UnitId = Field(description="Unique unit id, used by waivers and reports, e.g. XA-INF-01.")
    name: Text | None = Field(None, description="The unit's name, as reports show it.")
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code (XA..XZ are reserved for examples).")
    type: Code = Field(description="Unit type code; selects the standard when none is given.")
    mission: Code | None = Field(None, description="Mission or environment code; may select an overlay.")
    deployment_date: dt.date | None = Field(
        None,
        description="The day the unit deploys (YYYY-MM-DD): the reference date training and certificates must be valid on, and the start of the tour. Without it, the as-of day is the reference date.",
    )
    tour_months: Annotated[int, Field(ge=1, le=60, strict=True)] | None = Field(
        None,
        description="The tour's length in months, 1 to 60; default: the standard's parameter `tour_months`, else 12.",
    )
    pcrs_level: PcrsLevel | None = Field(
        None,
        description="The pledge's level in the Peacekeeping Capability Readiness System (PCRS): 1, 2 or 3 (written as numbers, not text), or `rdl`, the Rapid Deployment Level.",
    )


class Personnel(StrictModel):
    total: Count | None = Field(None, description="The unit's strength: every member, in personnel.")
    women: Count | None = Field(None, description="Women in the unit, in personnel; at most `total`.")
    roles: dict[Code, Count] | None = Field(
        None,
        description="Personnel per role code (`staff-officer: 40`): the population of a training requirement for a role.",
    )
    languages: dict[Code, Count] | None = Field(
        None, description="Personnel proficient in each mission language, by language code (`en: 60`)."
    )

    @field_validator("women")
    @classmethod
    def _women_within_total(cls, women: int | None, info: ValidationInfo) -> int | None:
        total = info.data.get("total")
        if women is not None and total is not None and women > total:
            raise ValueError(_("women ({women}) cannot exceed total ({total})").format(women=women, total=total))
        return women


class TrainingEntry(StrictModel):
    course: Code = Field(description="The course code (`un-cptm`).")
    trained: Count = Field(description="How many personnel of this cohort completed the course.")
    completed: dt.date = Field(
        description="The day this cohort completed the course (YYYY-MM-DD); a cohort completed after the as-of day does not count yet."
    )
    expires: dt.date | None = Field(
        None,
        description="The last day the cohort's training is valid (YYYY-MM-DD), not before `completed`; absent: it does not expire.",
    )
    role: Code = Field(
        "all",
        description="The population the cohort belongs to: `all` (the default) or a role code of `personnel.roles`.",
    )

    @field_validator("expires")
    @classmethod
    def _expires_after_completed(cls, expires: dt.date | None, info: ValidationInfo) -> dt.date | None:
        completed = info.data.get("completed")
        if expires is not None and completed is not None and expires < completed:
            raise ValueError(
                _("expires ({expires}) is before completed ({completed})").format(expires=expires, completed=completed)
            )
        return expires


class EquipmentLine(StrictModel):
    item: Code = Field(description="The item code (`apc-wheeled-class-ii`).")
    quantity: Count = Field(description="How many of the item the unit deploys.")
    serviceable: Count | None = Field(
        None, description="How many of them are serviceable; at most `quantity`, which is the default."
    )
    lease: Literal["wet", "dry"] | None = Field(
        None,
        description="The COE lease: `wet` (the contributing country maintains the item) or `dry` (the UN, or a third party, maintains it).",
    )

    @field_validator("serviceable")
    @classmethod
    def _serviceable_within_quantity(cls, serviceable: int | None, info: ValidationInfo) -> int | None:
        quantity = info.data.get("quantity")
        if serviceable is not None and quantity is not None and serviceable > quantity:
            raise ValueError(
                _("serviceable ({serviceable}) cannot exceed quantity ({quantity})").format(
                    serviceable=serviceable, quantity=quantity
                )
            )
        return serviceable

    @property
    def serviceable_count(self) -> int:
        return self.quantity if self.serviceable is None else self.serviceable


class Medical(StrictModel):
    facility: FacilityLevel | None = Field(
        None,
        description="The unit's medical facility level: none < basic < level-1 < level-2 < level-2-plus < level-3.",
    )
    staff: dict[Code, Count] | None = Field(
        None, description="Medical staff per role code (`medical-officer: 2`), in personnel."
    )
    beds: Count | None = Field(None, description="Beds the facility holds.")
    outpatients_per_day: Count | None = Field(None, description="Outpatients the facility can see a day.")
    surgeries_per_day: Count | None = Field(None, description="Surgeries the facility can perform a day.")
    supply_days: Count | None = Field(None, description="Days of medical supplies the unit deploys with.")
    capabilities: list[Code] | None = Field(
        None, description="The medical capability codes the unit provides (`laboratory`, `resuscitation`)."
    )
    casevac_minutes: dict[TimelineKey, Count] | None = Field(
        None,
        description="Casualty-evacuation times by stage of care (`first_aid: 10`, `resuscitation: 60`, `surgery: 120`), in minutes.",
    )


class Certification(StrictModel):
    issued: dt.date = Field(description="The day the certificate was issued (YYYY-MM-DD).")
    by: Text | None = Field(None, description="Who issued it.")
    expires: dt.date | None = Field(
        None, description="The last day it is valid (YYYY-MM-DD); absent: it does not expire."
    )


class Sustainment(StrictModel):
    water_days: Count | None = Field(None, description="Days of water the unit can sustain itself with.")
    rations_days: Count | None = Field(None, description="Days of rations the unit can sustain itself with.")
    fuel_days: Count | None = Field(None, description="Days of fuel the unit can sustain itself with.")
    ammunition_days: Count | None = Field(None, description="Days of ammunition the unit can sustain itself with.")


class Declaration(StrictModel):
    pkcheck: Literal["declaration/v1"] = Field(description="The kind of file: always `declaration/v1`.")
    unit: Unit = Field(description="The unit pledged: its id, country, type and dates.")
    personnel: Personnel | None = Field(None, description="The unit's strength, women, roles and languages.")
    training: list[TrainingEntry] | None = Field(
        None, description="Cohorts of personnel who completed a course: each course, how many, when, until when."
    )
    equipment: list[EquipmentLine] | None = Field(
        None, description="Major equipment: each item, how many, how many serviceable, the lease."
    )
    medical: Medical | None = Field(
        None,
        description="The unit's medical support: facility level, staff, beds, capacities, supplies, capabilities, casualty evacuation.",
    )
    self_sustainment: list[Code] | None = Field(
        None,
        description="The self-sustainment categories the unit provides for itself (codes such as `catering`, `tentage`).",
    )
    certifications: dict[Code, Certification] | None = Field(
        None,
        description="National certifications of the unit, by code (`pre-deployment-training`): when issued, by whom, until when.",
    )
    sustainment: Sustainment | None = Field(
        None, description="Days the unit can sustain itself in water, rations, fuel and ammunition."
    )


SECTIONS = tuple(name for name in Declaration.model_fields if name != "pkcheck")
