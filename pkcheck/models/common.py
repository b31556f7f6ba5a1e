"""Types shared by every input model: codes, counts, ratios, thresholds and the strict base."""

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Strict,
    StringConstraints,
    Tag,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

from pkcheck.i18n import _
from pkcheck.localized import Translated

CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# An MOU's Annex B line id (``pkcheck.models.mou``); here, so that explaining a pattern does not
# load the MOU models.
LINE_PATTERN = r"^[A-Z0-9]+(-[A-Z0-9]+)*$"
# The languages a companion file translates into (``pkcheck.models.translation``); here, so that
# telling a companion file by its name does not load the translation models.
TRANSLATED_LANGUAGES = ("fr",)
REQUIREMENT_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
# What a waiver names: a requirement of a standard, or a line of an MOU (`MOU:B-001`, an Annex C
# category `MOU:C-catering`).
WAIVED_ID_PATTERN = r"^([A-Z][A-Z0-9]*(-[A-Z0-9]+)+|MOU:([A-Z0-9]+(-[A-Z0-9]+)*|C-[a-z0-9]+(-[a-z0-9]+)*))$"
SHAPE_TAG = "shape:"  # begins the tags of a union told apart by shape; error messages leave them out
MAX_COUNT = 10_000_000  # far above any unit; catches typos and overflow attempts

Code = Annotated[str, Strict(), StringConstraints(pattern=CODE_PATTERN, max_length=100)]
RequirementId = Annotated[str, Strict(), StringConstraints(pattern=REQUIREMENT_ID_PATTERN, max_length=100)]
WaivedId = Annotated[str, Strict(), StringConstraints(pattern=WAIVED_ID_PATTERN, max_length=100)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=10_000)]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
Ratio = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
CodeOrCodes = Code | Annotated[list[Code], Field(min_length=1)]  # a code, or codes of which any counts
# A place in a declaration a check reads: `x-mission.convoy_escorts` (list positions are numbers).
DottedPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", max_length=200)]


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(_("expected a number, not true/false"))  # noqa: TRY004 - pydantic reports only a ValueError as invalid input
    return value


def _valid_expression(value: Any) -> Any:
    if isinstance(value, str):
        from pkcheck.expressions import ExpressionError, parse

        try:
            parse(value)
        except ExpressionError as exc:
            raise ValueError(
                _("bad expression {expression}: {problem} (column {column})").format(
                    expression=repr(value), problem=exc.message, column=exc.column
                )
            ) from None
    return value


def computable(value: Any) -> Any:
    """A number in a standard must be one pkcheck can compute with: finite (not ``.nan``,
    ``.inf``, or ``1e400``, which YAML reads as infinity) and at most 10^308 in size. Anything
    else passes through to the type's own checks."""
    from pkcheck.expressions import number_problem  # imported here, as above: keeps model import light

    problem = number_problem(value)
    if problem is not None:
        raise ValueError(_("must be a finite number from -10^308 to 10^308, got {value}").format(value=problem))
    return value


Number = Annotated[
    float | int, BeforeValidator(computable), BeforeValidator(_not_bool), Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)
]
# A threshold: a non-negative number or an expression string (spec 2.2), checked when loaded.
Threshold = Annotated[
    float | int | str,
    BeforeValidator(_valid_expression),
    BeforeValidator(computable),
    BeforeValidator(_not_bool),
]


FACILITY_LEVELS = ("none", "basic", "level-1", "level-2", "level-2-plus", "level-3")


def _allow_user_keys(schema: dict[str, Any]) -> None:
    """The published schema must accept ``x-`` keys just as the loader does."""
    schema["patternProperties"] = {"^x-": {}}


class StrictModel(BaseModel):
    """Unknown keys are errors, except ``x-`` keys, which are free for users' own data."""

    # defer_build: a model's validator is built when it is first needed, so that a run builds
    # only those of the files it reads (a check of declarations builds no MOU or offers model).
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, json_schema_extra=_allow_user_keys, defer_build=True
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_user_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(isinstance(k, str) and k.startswith("x-") for k in data):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


class LocalizedText(StrictModel):
    """A text given per language: English, and its French."""

    en: Text = Field(description="The text in English (required).")
    fr: Text | None = Field(None, description="The text in French; without it, French reports show the English.")


def _text_shape(value: Any) -> str:
    return SHAPE_TAG + ("mapping" if isinstance(value, (dict, LocalizedText)) else "text")


def _translated(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A mapping of languages becomes a ``Translated`` English text; a ``Translated`` given
    again (an override composed from its parent's requirement) keeps its translations."""
    validated = handler(value)
    if isinstance(value, Translated):
        return value
    if isinstance(validated, LocalizedText):
        return Translated(validated.en, {"fr": validated.fr} if validated.fr is not None else {})
    return validated


# A text of a standard or vocabulary that may be given per language (docs/formats.md,
# "Translations"): a string (English), or `{en: ..., fr: ...}`. Validated, it is a `str` (a
# `pkcheck.localized.Translated` when it has translations); written out, it is its English.
if TYPE_CHECKING:  # what the code reads: always a `str`
    LocalText = Text
else:
    LocalText = Annotated[
        Annotated[Text, Tag(SHAPE_TAG + "text")] | Annotated[LocalizedText, Tag(SHAPE_TAG + "mapping")],
        Discriminator(_text_shape),
        WrapValidator(_translated),
        PlainSerializer(str, return_type=str),
    ]
