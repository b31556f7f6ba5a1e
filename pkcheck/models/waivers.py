"""A waivers file (``pkcheck: waivers/v1``): approved, dated exceptions to requirements.

There are no open-ended waivers: ``reason``, ``approved_by`` and ``expires`` are required.
"""

import datetime as dt
from collections.abc import Collection
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pkcheck.models.common import RequirementId, StrictModel, Text

UnitSelector = Annotated[str, StringConstraints(pattern=r"^(\*|[A-Za-z0-9][A-Za-z0-9._-]*)$", max_length=100)]


class Waiver(StrictModel):
    requirement: RequirementId
    unit: UnitSelector = Field(description='A unit id, or "*" for every unit.')
    reason: Text
    approved_by: Text
    expires: dt.date

    def covers(self, unit_id: str) -> bool:
        return self.unit in ("*", unit_id)

    def covers_any(self, unit_ids: Collection[str]) -> bool:
        return self.unit == "*" or self.unit in unit_ids


class Waivers(StrictModel):
    pkcheck: Literal["waivers/v1"]
    waivers: list[Waiver] = []
