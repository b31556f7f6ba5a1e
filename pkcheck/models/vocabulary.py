"""A vocabulary (``pkcheck: vocabulary/v1``): the codes standards and declarations use, each with
a title for reports.

Codes are never refused for being unknown; ``lint`` and ``check`` warn about a code no loaded
vocabulary knows, naming the nearest known one. Every section is optional and maps a code to
its title, except ``items``, which maps a code to its title and COE category. A standard may
carry the same sections under ``vocabulary:`` for codes of its own.
"""

from typing import Literal

from pydantic import Field

from pkcheck.models.common import Code, StrictModel, Text
from pkcheck.models.declaration import FacilityLevel


class Item(StrictModel):
    """An equipment item: its title and its contingent-owned equipment (COE) category."""

    title: Text
    coe_category: Code = Field(description="COE major equipment category, e.g. armoured-personnel-carriers.")


class VocabularySections(StrictModel):
    """The code sections, each optional: code -> title (``items``: code -> {title, coe_category})."""

    unit_types: dict[Code, Text] = {}
    missions: dict[Code, Text] = {}
    items: dict[Code, Item] = {}
    courses: dict[Code, Text] = {}
    roles: dict[Code, Text] = Field({}, description="Personnel roles; also the keys of medical staff.")
    capabilities: dict[Code, Text] = Field({}, description="Medical capabilities.")
    self_sustainment: dict[Code, Text] = Field({}, description="COE self-sustainment categories.")
    certifications: dict[Code, Text] = {}
    languages: dict[Code, Text] = {}
    facility_levels: dict[FacilityLevel, Text] = Field({}, description="Titles of the medical facility levels.")


class Vocabulary(VocabularySections):
    pkcheck: Literal["vocabulary/v1"]
    id: Code
    title: Text
