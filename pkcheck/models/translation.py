"""A companion file of translations (``pkcheck: translation/v1``): the French of a standard's or a
vocabulary's texts, kept beside it as ``<stem>.fr.yaml`` (docs/formats.md, "Translations").

It names what it translates (``translates``: the standard's or vocabulary's id) and the language
(``lang``); every text it gives must be one the translated file has (an unknown requirement id,
reference key, parameter or code is an error of the companion, located in it). Ids, codes,
checks and numbers are never translated.
"""

from typing import Literal

from pydantic import Field

from pkcheck.models.common import Code, RequirementId, StrictModel, Text


class RequirementTranslation(StrictModel):
    """The translated texts of one requirement; any may be left out (it then reads in English)."""

    title: Text | None = Field(None, description="The requirement's `title`, translated.")
    rationale: Text | None = Field(None, description="The requirement's `rationale`, translated.")
    remediation: Text | None = Field(None, description="The requirement's `remediation`, translated.")
    basis: dict[str, Text] = Field(
        {},
        description="The `illustrative` text of the requirement's `basis`, translated, by its key (a threshold of the check).",
    )


class Translation(StrictModel):
    pkcheck: Literal["translation/v1"] = Field(description="The kind of file: always `translation/v1`.")
    translates: Code = Field(
        description="The id of the standard or vocabulary it translates, which is in the same folder, in the file `<stem>.yaml` of this file's `<stem>.<lang>.yaml`."
    )
    lang: Literal["fr"] = Field(description="The language of the translations: `fr` (French).")
    title: Text | None = Field(None, description="The standard's or vocabulary's `title`, translated.")
    references: dict[str, Text] = Field(
        {}, description="Reference key -> the reference's `title`, translated (a standard's)."
    )
    basis: dict[str, Text] = Field(
        {},
        description="Parameter name -> the `illustrative` text of the parameter's `basis`, translated (a standard's).",
    )
    requirements: dict[RequirementId, RequirementTranslation] = Field(
        {},
        description="Requirement id -> its translated texts: those the standard defines or changes with `overrides` (a standard's).",
    )
    unit_types: dict[Code, Text] = Field({}, description="Unit type code -> its title, translated (a vocabulary's).")
    missions: dict[Code, Text] = Field({}, description="Mission code -> its title, translated.")
    items: dict[Code, Text] = Field({}, description="Equipment item code -> its title, translated.")
    courses: dict[Code, Text] = Field({}, description="Course code -> its title, translated.")
    roles: dict[Code, Text] = Field({}, description="Role code -> its title, translated.")
    capabilities: dict[Code, Text] = Field({}, description="Medical capability code -> its title, translated.")
    self_sustainment: dict[Code, Text] = Field(
        {}, description="Self-sustainment category code -> its title, translated."
    )
    certifications: dict[Code, Text] = Field({}, description="Certification code -> its title, translated.")
    languages: dict[Code, Text] = Field({}, description="Language code -> its title, translated.")
    facility_levels: dict[str, Text] = Field({}, description="Medical facility level -> its title, translated.")
