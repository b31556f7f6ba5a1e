"""Partners' offers (``pkcheck: offers/v1``): training seats on a course, mobile training teams
and equipment that partners offer to close units' gaps. ``pkcheck match`` allocates them to the
gaps register of declarations (``pkcheck.analyses.match``).

An offer's id is unique in its file, whatever its list: duplicates are located errors found
beside validation, in the file's data as written (``pkcheck.library.offers``), where both
entries can be named, and said together with the other errors of the file.
"""

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import Field, Strict, StringConstraints, model_validator

from pkcheck.i18n import _
from pkcheck.models.common import Code, StrictModel, Text

OFFER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
OfferId = Annotated[str, Strict(), StringConstraints(pattern=OFFER_PATTERN, max_length=100)]
Positive = Annotated[int, Strict(), Field(ge=1, le=10_000_000)]


class _Dated(StrictModel):
    start: dt.date = Field(description="The first day of the course (YYYY-MM-DD).")
    end: dt.date = Field(
        description="The last day of the course (YYYY-MM-DD); it must be on or before a unit's deployment date."
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.end < self.start:
            raise ValueError(
                _("the course ends ({end}) before it starts ({start})").format(
                    end=self.end.isoformat(), start=self.start.isoformat()
                )
            )
        return self


class SeatsOffer(_Dated):
    id: OfferId = Field(description="The offer's id, unique in the file (`XL-SEATS-01`): reports name the offer by it.")
    partner: Text = Field(description="The partner that offers the seats, as reports show it.")
    course: Code = Field(description="The course code (`un-cptm`), as declarations and standards name it.")
    seats: Positive = Field(description="How many seats: each trains one person.")
    language: Code = Field(
        description="The language the course is taught in (`en`): one per offer; list the same course in another language as another offer."
    )
    place: Text = Field(description="Where the course is held (`Entebbe, Regional Service Centre`).")


class TeamOffer(_Dated):
    id: OfferId = Field(description="The offer's id, unique in the file (`XL-MTT-01`): reports name the offer by it.")
    partner: Text = Field(description="The partner that sends the team, as reports show it.")
    course: Code = Field(description="The course code the team teaches (`un-ied-threat-mitigation`).")
    capacity: Positive = Field(
        description="How many people the team trains; a team trains the people of one unit only, at the unit's location."
    )
    language: Code = Field(description="The language the team teaches in (`fr`): one per offer.")


class EquipmentOffer(StrictModel):
    id: OfferId = Field(description="The offer's id, unique in the file (`XL-EQ-01`): reports name the offer by it.")
    partner: Text = Field(description="The partner that offers the equipment, as reports show it.")
    item: Code = Field(description="The item code (`night-vision-device`), as declarations and standards name it.")
    quantity: Positive = Field(description="How many of the item are offered.")
    available: dt.date = Field(
        description="The day the items are available from (YYYY-MM-DD); it must be on or before a unit's deployment date."
    )


class Offers(StrictModel):
    pkcheck: Literal["offers/v1"] = Field(description="The kind of file: always `offers/v1`.")
    title: Text | None = Field(None, description="What the offers are (`Partners' offers, March 2027 rotation`).")
    seats: list[SeatsOffer] = Field([], description="Seats on courses that partners run.")
    teams: list[TeamOffer] = Field([], description="Mobile training teams: a course taught to one unit.")
    equipment: list[EquipmentOffer] = Field([], description="Equipment that partners offer.")
