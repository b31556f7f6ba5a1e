"""A unit declaration (``pkcheck: declaration/v1``): what a contributing country declares
about one unit it pledges. Only ``pkcheck`` and ``unit`` are required; a section left out
means "not declared" and yields no-evidence for the checks that need it."""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from pkcheck.models.common import FACILITY_LEVELS, Code, Count, StrictModel, Text

FacilityLevel = Literal["none", "basic", "level-1", "level-2", "level-2-plus", "level-3"]
assert FacilityLevel.__args__ == FACILITY_LEVELS  # type: ignore[attr-defined]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=100)]
TimelineKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+([_-][a-z0-9]+)*$")]


class Unit(StrictModel):
    id: UnitId = Field(description="Unique unit id, used by waivers and reports, e.g. XA-INF-01.")
    name: Text | None = None
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code (XA..XZ are reserved for examples).")
    type: Code = Field(description="Unit type code; selects the standard when none is given.")
    mission: Code | None = Field(None, description="Mission or environment code; may select an overlay.")
    deployment_date: dt.date | None = None
    tour_months: Annotated[int, Field(ge=1, le=60, strict=True)] | None = None


class Personnel(StrictModel):
    total: Count | None = None
    women: Count | None = None
    roles: dict[Code, Count] | None = None
    languages: dict[Code, Count] | None = None

    @field_validator("women")
    @classmethod
    def _women_within_total(cls, women: int | None, info: ValidationInfo) -> int | None:
        total = info.data.get("total")
        if women is not None and total is not None and women > total:
            raise ValueError(f"women ({women}) cannot exceed total ({total})")
        return women


class TrainingEntry(StrictModel):
    course: Code
    trained: Count
    completed: dt.date
    expires: dt.date | None = None
    role: Code = "all"

    @field_validator("expires")
    @classmethod
    def _expires_after_completed(cls, expires: dt.date | None, info: ValidationInfo) -> dt.date | None:
        completed = info.data.get("completed")
        if expires is not None and completed is not None and expires < completed:
            raise ValueError(f"expires ({expires}) is before completed ({completed})")
        return expires


class EquipmentLine(StrictModel):
    item: Code
    quantity: Count
    serviceable: Count | None = None
    lease: Literal["wet", "dry"] | None = None

    @field_validator("serviceable")
    @classmethod
    def _serviceable_within_quantity(cls, serviceable: int | None, info: ValidationInfo) -> int | None:
        quantity = info.data.get("quantity")
        if serviceable is not None and quantity is not None and serviceable > quantity:
            raise ValueError(f"serviceable ({serviceable}) cannot exceed quantity ({quantity})")
        return serviceable

    @property
    def serviceable_count(self) -> int:
        return self.quantity if self.serviceable is None else self.serviceable


class Medical(StrictModel):
    facility: FacilityLevel | None = None
    staff: dict[Code, Count] | None = None
    beds: Count | None = None
    outpatients_per_day: Count | None = None
    surgeries_per_day: Count | None = None
    supply_days: Count | None = None
    capabilities: list[Code] | None = None
    casevac_minutes: dict[TimelineKey, Count] | None = None


class Certification(StrictModel):
    issued: dt.date
    by: Text | None = None
    expires: dt.date | None = None


class Sustainment(StrictModel):
    water_days: Count | None = None
    rations_days: Count | None = None
    fuel_days: Count | None = None
    ammunition_days: Count | None = None


class Declaration(StrictModel):
    pkcheck: Literal["declaration/v1"]
    unit: Unit
    personnel: Personnel | None = None
    training: list[TrainingEntry] | None = None
    equipment: list[EquipmentLine] | None = None
    medical: Medical | None = None
    self_sustainment: list[Code] | None = None
    certifications: dict[Code, Certification] | None = None
    sustainment: Sustainment | None = None


SECTIONS = tuple(name for name in Declaration.model_fields if name != "pkcheck")
