"""A waivers file (``pkcheck: waivers/v1``): approved, dated exceptions to requirements.

There are no open-ended waivers: ``reason``, ``approved_by`` and ``expires`` are required.
"""

import datetime as dt
from collections.abc import Collection
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pkcheck.models.common import StrictModel, Text, WaivedId

UnitSelector = Annotated[str, StringConstraints(pattern=r"^(\*|[A-Za-z0-9][A-Za-z0-9._-]*)$", max_length=100)]


class Waiver(StrictModel):
    requirement: WaivedId = Field(
        description="The id of the requirement waived (`INF-EQP-003`), or of an MOU line (`MOU:B-001`, `MOU:C-catering`)."
    )
    unit: UnitSelector = Field(description='A unit id, or "*" for every unit.')
    reason: Text = Field(description="Why the shortfall is accepted; reports show it.")
    approved_by: Text = Field(description="Who approved the waiver (an office or a person); reports show it.")
    expires: dt.date = Field(
        description="The last day the waiver is in force (YYYY-MM-DD); afterwards it waives nothing and the finding says it expired."
    )

    def covers(self, unit_id: str) -> bool:
        return self.unit in ("*", unit_id)

    def covers_any(self, unit_ids: Collection[str]) -> bool:
        return self.unit == "*" or self.unit in unit_ids


class Waivers(StrictModel):
    pkcheck: Literal["waivers/v1"] = Field(description="The kind of file: always `waivers/v1`.")
    waivers: list[Waiver] = Field(
        [],
        description="The waivers: each accepts the shortfall of one requirement, for one unit or every unit, until a date.",
    )
