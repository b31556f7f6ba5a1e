"""A vocabulary (``pkcheck: vocabulary/v1``): the codes standards and declarations use, each with
a title for reports.

Codes are never refused for being unknown; ``lint`` and ``check`` warn about a code no loaded
vocabulary knows, naming the nearest known one. Every section is optional and maps a code to
its title, except ``items``, which maps a code to its title and COE category. A standard may
carry the same sections under ``vocabulary:`` for codes of its own.
"""

from typing import Literal

from pydantic import Field

from pkcheck.models.common import Code, LocalText, StrictModel
from pkcheck.models.declaration import FacilityLevel


class Item(StrictModel):
    """An equipment item: its title and its contingent-owned equipment (COE) category."""

    title: LocalText = Field(description="The item's name, as reports show it.")
    coe_category: Code = Field(description="COE major equipment category, e.g. armoured-personnel-carriers.")


class VocabularySections(StrictModel):
    """The code sections, each optional: code -> title (``items``: code -> {title, coe_category})."""

    unit_types: dict[Code, LocalText] = Field({}, description="Unit types (`infantry-battalion`), each with its title.")
    missions: dict[Code, LocalText] = Field(
        {}, description="Missions or environments (`high-threat`), each with its title."
    )
    items: dict[Code, Item] = Field(
        {}, description="Equipment items (`apc-wheeled-class-ii`), each with its title and COE category."
    )
    courses: dict[Code, LocalText] = Field({}, description="Training courses (`un-cptm`), each with its title.")
    roles: dict[Code, LocalText] = Field({}, description="Personnel roles; also the keys of medical staff.")
    capabilities: dict[Code, LocalText] = Field({}, description="Medical capabilities.")
    self_sustainment: dict[Code, LocalText] = Field({}, description="COE self-sustainment categories.")
    certifications: dict[Code, LocalText] = Field(
        {}, description="National certifications (`pre-deployment-training`), each with its title."
    )
    languages: dict[Code, LocalText] = Field({}, description="Mission languages (`en`), each with its title.")
    facility_levels: dict[FacilityLevel, LocalText] = Field({}, description="Titles of the medical facility levels.")


class Vocabulary(VocabularySections):
    pkcheck: Literal["vocabulary/v1"] = Field(description="The kind of file: always `vocabulary/v1`.")
    id: Code = Field(description="The vocabulary's id, to name it in messages.")
    title: LocalText = Field(description="What the vocabulary is, in words.")
