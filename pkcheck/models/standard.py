"""A deployment standard (``pkcheck: standard/v1``): requirements as data, each with one check.

The check *kinds* are code (``pkcheck/checks``); this module only fixes the shape of their
settings. Thresholds may be numbers or expressions (``pkcheck.library.expressions``).
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pkcheck.enums import Category, Severity
from pkcheck.models.common import (
    Code,
    Number,
    Ratio,
    RequirementId,
    StrictModel,
    Text,
    Threshold,
    computable,
)
from pkcheck.models.declaration import SECTIONS, FacilityLevel, TimelineKey
from pkcheck.models.vocabulary import VocabularySections

SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")]


def _not_a_section(name: str) -> str:
    if name in SECTIONS:
        raise ValueError(f"parameter name `{name}` is a declaration section; rename it")
    return name


# A parameter may not shadow a declaration section, or `personnel.total` would become ambiguous.
ParameterName = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64), AfterValidator(_not_a_section)
]
DottedPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", max_length=200)]
# A value a `value` check compares with; a number in it must be computable, as a threshold's.
Scalar = Annotated[str | bool | int | float, BeforeValidator(computable)]
CodeOrCodes = Code | Annotated[list[Code], Field(min_length=1)]


class TrainingCheck(StrictModel):
    course: CodeOrCodes
    coverage: Ratio | None = None
    count: Threshold | None = None
    population: Code = "all"
    valid_through: Literal["deployment", "tour"] = "deployment"
    max_age_months: Annotated[int, Field(ge=0, le=600, strict=True)] | None = None

    @model_validator(mode="after")
    def _coverage_or_count(self) -> "TrainingCheck":
        if (self.coverage is None) == (self.count is None):
            raise ValueError("give exactly one of `coverage` (a ratio of the population) or `count`")
        return self


class EquipmentCheck(StrictModel):
    item: CodeOrCodes
    quantity: Threshold
    serviceable: Ratio | None = None


class MedicalCheck(StrictModel):
    facility: FacilityLevel | None = None
    staff: dict[Code, Threshold] | None = None
    beds: Threshold | None = None
    outpatients_per_day: Threshold | None = None
    surgeries_per_day: Threshold | None = None
    supply_days: Threshold | None = None
    capabilities: list[Code] | None = None
    casevac_minutes: dict[TimelineKey, Threshold] | None = None

    @model_validator(mode="after")
    def _some_criterion(self) -> "MedicalCheck":
        if not any(getattr(self, name) is not None for name in type(self).model_fields):
            raise ValueError("a medical check needs at least one criterion")
        return self


class ValueCheck(StrictModel):
    path: DottedPath
    min: Threshold | None = None
    max: Threshold | None = None
    equals: Scalar | None = None
    one_of: Annotated[list[Scalar], Field(min_length=1)] | None = None
    includes: Annotated[list[Scalar], Field(min_length=1)] | None = None
    exists: Literal[True] | None = None

    @model_validator(mode="after")
    def _some_comparison(self) -> "ValueCheck":
        comparisons = ("min", "max", "equals", "one_of", "includes", "exists")
        if all(getattr(self, name) is None for name in comparisons):
            raise ValueError("a value check needs one of: " + ", ".join(comparisons))
        return self


class Check(StrictModel):
    training: TrainingCheck | None = None
    equipment: EquipmentCheck | None = None
    medical: MedicalCheck | None = None
    value: ValueCheck | None = None

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> "Check":
        kinds = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(kinds) != 1:
            found = " and ".join(f"`{k}`" for k in kinds) or "none"
            raise ValueError(f"a check has exactly one kind (training, equipment, medical or value); found {found}")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)

    @property
    def settings(self) -> Any:
        return getattr(self, self.kind)


class Requirement(StrictModel):
    id: RequirementId
    title: Text
    category: Category
    severity: Severity
    waivable: bool = True
    description: Text | None = None
    rationale: Text | None = None
    remediation: Text | None = None
    references: list[Annotated[str, StringConstraints(min_length=1)]] = []
    check: Check


class Reference(StrictModel):
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Standard(StrictModel):
    pkcheck: Literal["standard/v1"]
    id: Code
    version: SemVer
    title: Text
    description: Text | None = None
    unit_types: list[Code] = []
    missions: list[Code] = []
    extends: Code | None = None
    effective: dt.date | None = None
    parameters: dict[ParameterName, Number] = {}
    references: dict[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")], Reference] = {}
    requirements: list[Requirement] = []
    overrides: dict[RequirementId, dict[str, Any]] = {}
    removes: dict[RequirementId, Text] = {}
    vocabulary: VocabularySections | None = Field(
        None, description="Codes of this standard's own, with titles (the sections of a vocabulary file)."
    )

    @field_validator("overrides", "removes")
    @classmethod
    def _only_with_extends(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        if value and not info.data.get("extends"):
            raise ValueError(f"`{info.field_name}` needs `extends`: there is no parent standard to change")
        return value
