"""A Memorandum of Understanding (``pkcheck: mou/v1``): what one unit agreed with the UN to
bring (Annex B, major equipment, line by line) and who provides each self-sustainment category
(Annex C: the contributor or the UN). Checking verifies a unit against it line by line, on top
of its standard.

Duplicate line ids, items and units are located errors too, found beside validation in the
file's data as written (``pkcheck.library.mous``), where both lines can be named, and said
together with the file's other errors.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints

from pkcheck.enums import Severity
from pkcheck.models.common import LINE_PATTERN, Code, Count, StrictModel, Text
from pkcheck.models.declaration import UnitId

# Upper-case, like requirement ids (`B-001`); an Annex C category is a lower-case code, so the
# finding ids `MOU:B-001` and `MOU:C-catering` can never be the same.
LineId = Annotated[str, Strict(), StringConstraints(pattern=LINE_PATTERN, max_length=50)]
Lease = Literal["wet", "dry"]
Provider = Literal["contributor", "un"]


class MajorEquipmentLine(StrictModel):
    line: LineId = Field(description="The line's id in Annex B (`B-001`): findings are `MOU:<line>`.")
    item: Code = Field(description="The item code (`apc-wheeled-class-ii`), as declarations name it.")
    quantity: Count = Field(description="How many of the item the unit brings under the MOU.")
    lease: Lease = Field(
        description="`wet`: the contributor provides and maintains the item; `dry`: the UN, or a third party, maintains it."
    )
    severity: Severity = Field(
        Severity.MAJOR,
        description="The severity of a shortfall on this line: critical, major (the default), minor or advisory.",
    )


class Mou(StrictModel):
    pkcheck: Literal["mou/v1"] = Field(description="The kind of file: always `mou/v1`.")
    id: Code = Field(description="The MOU's id (`mou-xa-inf-01-minusca`); files of one id are amendments of one MOU.")
    reference: Text = Field(description="The MOU as documents cite it, with its amendment; reports show it.")
    units: Annotated[list[UnitId], Field(min_length=1)] = Field(
        description="The ids of the units it covers (`unit.id` of their declarations)."
    )
    mission: Code | None = Field(None, description="The mission it is for; a unit of another mission is warned about.")
    effective: dt.date = Field(
        description="The day this MOU, or this amendment, takes effect (YYYY-MM-DD): the amendment applied to a unit "
        "is the latest in effect on its reference date."
    )
    major_equipment: list[MajorEquipmentLine] = Field(
        [],
        description="Annex B: each line of major equipment, its item, quantity and lease; empty when the UN provides it.",
    )
    self_sustainment: dict[Code, Provider] = Field(
        {},
        description="Annex C: who provides each self-sustainment category (`catering: contributor`, `field-defence-stores: un`).",
    )
