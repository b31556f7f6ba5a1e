"""A deployment standard (``pkcheck: standard/v1``): requirements as data, each with one check.

The check *kinds* are code (``pkcheck/checks``), each with the model of its settings; a
requirement's ``check`` is validated by the model of its kind. Thresholds may be numbers or
expressions (``pkcheck.expressions``).
"""

import datetime as dt
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializationInfo,
    StringConstraints,
    Tag,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from pkcheck.enums import Category, Severity
from pkcheck.i18n import _
from pkcheck.models.common import SHAPE_TAG, Code, LocalText, Number, RequirementId, StrictModel, Text
from pkcheck.models.declaration import SECTIONS
from pkcheck.models.vocabulary import VocabularySections

SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")]


def _not_a_section(name: str) -> str:
    if name in SECTIONS:
        raise ValueError(_("parameter name `{name}` is a declaration section; rename it").format(name=name))
    return name


# A parameter may not shadow a declaration section, or `personnel.total` would become ambiguous.
ParameterName = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64), AfterValidator(_not_a_section)
]


class Check:
    """A requirement's check: one kind and its settings, validated by the kind's own model.

    The kinds are those of the registry (``pkcheck.checks.KINDS``) when a standard is
    validated, so that a kind registered at run time is known. A check validates as a mapping
    with one optional key per kind (``validating_model``), so errors are located and worded as
    for any model: ``check.training.coverage``, "unknown key `trainig` ...; did you mean
    `training`?". Its JSON Schema is generated from the same registry.
    """

    __slots__ = ("kind", "settings")

    def __init__(self, kind: str, settings: BaseModel) -> None:
        self.kind = kind
        self.settings: Any = settings

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Check):
            return NotImplemented
        return (self.kind, self.settings) == (other.kind, other.settings)

    def __hash__(self) -> int:
        return hash((self.kind, self.settings))

    def __repr__(self) -> str:
        return f"Check({self.kind}={self.settings!r})"

    @classmethod
    def validating_model(cls) -> type[BaseModel]:
        """The model a check validates with: one optional field per registered kind."""
        from pkcheck.checks import KINDS  # the kinds' models are built on this module's types

        return _checks_model(tuple((name, kind.settings, _summary(kind.doc)) for name, kind in KINDS.items()))

    @classmethod
    def _validate(cls, data: Any) -> "Check":
        if isinstance(data, Check):
            return data
        validated = cls.validating_model().model_validate(data)
        fields = type(validated).model_fields
        field = next(name for name in fields if getattr(validated, name) is not None)
        return cls(fields[field].alias or field, getattr(validated, field))

    def _serialize(self, info: SerializationInfo) -> dict[str, Any]:
        options = {
            "mode": info.mode,
            "by_alias": info.by_alias,  # None: as each settings model says (`schema` is an alias)
            "exclude_unset": info.exclude_unset,
            "exclude_defaults": info.exclude_defaults,
            "exclude_none": info.exclude_none,
        }
        return {self.kind: self.settings.model_dump(**options)}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        serializer = core_schema.plain_serializer_function_ser_schema(cls._serialize, info_arg=True)
        # The JSON Schema is made when asked for, from the kinds registered then. As an annotation
        # function (unlike ``__get_pydantic_json_schema__``) it may return a reference, so the
        # model is a definition (``$defs/Check``) as any model field's is, not inlined.
        metadata = {"pydantic_js_annotation_functions": [cls._json_schema]}
        return core_schema.no_info_plain_validator_function(cls._validate, serialization=serializer, metadata=metadata)

    @classmethod
    def _json_schema(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        model_schema = cls.validating_model().__pydantic_core_schema__
        generator = getattr(handler, "generate_json_schema", None)  # the generator, which files definitions
        return generator.generate_inner(model_schema) if generator is not None else handler(model_schema)


@lru_cache(maxsize=64)  # asked for each kind each time a check is validated: hundreds per standards library
def _summary(doc: str) -> str:
    """A kind's summary line, without the kind's name it starts with: what the kind checks."""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return first.partition(": ")[2].replace("``", "`") or first


@lru_cache(maxsize=8)
def _checks_model(kinds: tuple[tuple[str, type[BaseModel], str], ...]) -> type[BaseModel]:
    names = [name for name, _, _ in kinds]

    def exactly_one_kind(self: BaseModel) -> BaseModel:
        fields = type(self).model_fields
        found = [fields[name].alias or name for name in fields if getattr(self, name) is not None]
        if len(found) != 1:
            listed = (
                _("{either} or {other}").format(either=", ".join(names[:-1]), other=names[-1])
                if len(names) > 1
                else "".join(names)
            )
            shown = _("none")
            for position, key in enumerate(found):
                shown = (
                    f"`{key}`" if position == 0 else _("{first} and {second}").format(first=shown, second=f"`{key}`")
                )
            raise ValueError(
                _("a check has exactly one kind ({kinds}); found {found}").format(kinds=listed, found=shown)
            )
        return self

    # Each field is named apart from its kind (`schema` would shadow a method of pydantic's
    # models) and read and written under the kind's name.
    fields: dict[str, Any] = {
        f"kind_{name}": (settings | None, Field(None, alias=name, description=f"A `{name}` check: {summary}"))
        for name, settings, summary in kinds
    }
    validators: dict[str, Any] = {"_exactly_one_kind": model_validator(mode="after")(exactly_one_kind)}
    model: type[BaseModel] = create_model(
        "Check", __base__=StrictModel, __module__=__name__, __validators__=validators, **fields
    )
    return model


class ScheduleEntry(StrictModel):
    from_: dt.date = Field(alias="from", description="The first day this value applies.")
    value: Number = Field(description="The parameter's value from that day until the next entry's `from`.")


class ScheduledParameter(StrictModel):
    """A parameter whose value changes by date (a target that rises year by year)."""

    schedule: list[ScheduleEntry] = Field(
        min_length=1,
        description=(
            "Values by date, strictly increasing in `from`. A declaration is judged with the entry in force "
            "on its reference date (`unit.deployment_date`, else the as-of date); before the first entry "
            "the parameter has no value."
        ),
    )


def _parameter_kind(value: Any) -> str:
    return SHAPE_TAG + ("schedule" if isinstance(value, (dict, ScheduledParameter)) else "number")


# A parameter is a number or a schedule, told apart by its shape, so that a bad schedule is told
# what is wrong with it rather than that it is not a number.
ParameterValue = Annotated[
    Annotated[Number, Tag(SHAPE_TAG + "number")] | Annotated[ScheduledParameter, Tag(SHAPE_TAG + "schedule")],
    Discriminator(_parameter_kind),
]
ReferenceKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]


def _one_basis_schema(schema: dict[str, Any]) -> None:
    """The published schema says what the validator says: a reference with its locator, or
    illustrative, never both."""
    schema["patternProperties"] = {"^x-": {}}
    schema["oneOf"] = [
        {"required": ["reference", "locator"], "not": {"required": ["illustrative"]}},
        {"required": ["illustrative"], "not": {"anyOf": [{"required": ["reference"]}, {"required": ["locator"]}]}},
    ]


class Basis(StrictModel):
    """Where one number of a standard comes from: a source, with where in it, or a placeholder
    and what decides it in practice."""

    model_config = ConfigDict(json_schema_extra=_one_basis_schema)

    reference: ReferenceKey | None = Field(
        None, description="The id of the source in the standard's (or an ancestor's) `references`."
    )
    locator: Text | None = Field(
        None, description="Where in the source the number is: section, page, paragraph, table."
    )
    illustrative: LocalText | None = Field(
        None,
        description=(
            "The number is a placeholder, not taken from a source: what decides it in practice "
            "(the mission's SUR, the MOU's Annex B, the mission's CASEVAC plan)."
        ),
    )

    @model_validator(mode="after")
    def _one_basis(self) -> "Basis":
        if (self.reference is None) == (self.illustrative is None):
            raise ValueError(_("a basis is exactly one of `reference` (with `locator`) or `illustrative`"))
        if self.reference is not None and self.locator is None:
            raise ValueError(_("a `reference` basis needs a `locator`: where in the source (section, page, paragraph)"))
        if self.illustrative is not None and self.locator is not None:
            raise ValueError(_("an `illustrative` basis has no `locator`: it cites no source"))
        return self


class Requirement(StrictModel):
    id: RequirementId = Field(
        description="The requirement's id, upper-case words and a number (`INF-EQP-001`), unique in the composed standard; waivers and reports name it."
    )
    title: LocalText = Field(description="What is required, in a line; reports show it.")
    category: Category = Field(
        description="`training`, `equipment`, `medical`, `personnel`, `sustainment` or `conduct`: how reports and the gaps register group it."
    )
    severity: Severity = Field(
        description="`critical` (a shortfall makes the unit not ready), `major` (conditional), `minor` or `advisory` (the verdict stays ready)."
    )
    waivable: bool = Field(
        True,
        description="Whether a waiver may accept a shortfall of it (default true); a waiver for one that is not is a lint error.",
    )
    description: Text | None = Field(
        None, description="More about the requirement, for readers of the standard; reports do not show it."
    )
    rationale: LocalText | None = Field(
        None,
        description='Why it is required, for the unit that falls short; mark a threshold not found in a UN document "Illustrative threshold, not UN policy". `lint --strict` requires it.',
    )
    remediation: LocalText | None = Field(
        None, description="What a unit that falls short should do; reports show it. `lint --strict` requires it."
    )
    references: list[Annotated[str, StringConstraints(min_length=1)]] = Field(
        [],
        description="Keys of the standard's `references` that the requirement comes from; `lint --strict` requires at least one.",
    )
    effective_from: dt.date | None = Field(
        None,
        description=(
            "The first day the requirement applies, judged at the declaration's reference date "
            "(`unit.deployment_date`, else the as-of date); before it, the finding is not-applicable."
        ),
    )
    effective_until: dt.date | None = Field(
        None,
        description="The last day the requirement applies (inclusive); after it, the finding is not-applicable.",
    )
    check: Check = Field(description="How the requirement is judged: exactly one check kind, with its settings.")
    basis: dict[str, Basis] = Field(
        {},
        description="Where each threshold of the check comes from, by its key in the check's settings (a key its kind lists as a threshold); `lint --strict` requires one for each threshold that reads no parameter.",
    )


class Reference(StrictModel):
    title: LocalText = Field(description="The source: the document, its reference number and date.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        None, description="Where to read it (http or https); never fetched."
    )


class Standard(StrictModel):
    pkcheck: Literal["standard/v1"] = Field(description="The kind of file: always `standard/v1`.")
    id: Code = Field(
        description="The standard's id (kebab-case), unique in the standards search path; `--standard`, `extends` and test suites name it."
    )
    version: SemVer = Field(description="The standard's version (semantic versioning, `2.0.0`); reports name it.")
    title: LocalText = Field(description="What the standard is for, in a line; reports show it.")
    description: Text | None = Field(
        None, description="More about the standard, for its readers; reports do not show it."
    )
    unit_types: list[Code] = Field(
        [], description="The unit type codes it applies to: a declaration's `unit.type` selects it."
    )
    missions: list[Code] = Field(
        [],
        description="Mission codes for which it is an overlay: chosen over the standard without missions when `unit.mission` is one of them.",
    )
    extends: Code | None = Field(
        None, description="The id of the parent standard, whose parameters, references and requirements it inherits."
    )
    effective: dt.date | None = Field(
        None, description="The day the standard takes effect (YYYY-MM-DD), for its readers; pkcheck does not act on it."
    )
    parameters: dict[ParameterName, ParameterValue] = Field(
        {},
        description=(
            "Named numbers that thresholds use (`apc_quantity: 25`), or a `schedule` of numbers by date; "
            "a child standard may set its parent's, with a number or a schedule."
        ),
    )
    references: dict[ReferenceKey, Reference] = Field(
        {}, description="The sources requirements cite, by key: each a title and an address."
    )
    basis: dict[str, Basis] = Field(
        {},
        description="Where each parameter's value comes from, by parameter name; a standard that sets a parameter gives its own. `lint --strict` requires one for each parameter the standard sets.",
    )
    requirements: list[Requirement] = Field(
        [], description="The standard's own requirements, whose ids must not be inherited."
    )
    overrides: dict[RequirementId, dict[str, Any]] = Field(
        {},
        description="Only with `extends`: inherited requirement id -> the fields to change, merged key by key (the check kind stays).",
    )
    removes: dict[RequirementId, Text] = Field(
        {},
        description="Only with `extends`: inherited requirement id -> why this standard drops it; reports give the reason.",
    )
    vocabulary: VocabularySections | None = Field(
        None, description="Codes of this standard's own, with titles (the sections of a vocabulary file)."
    )

    @field_validator("overrides", "removes")
    @classmethod
    def _only_with_extends(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        if value and not info.data.get("extends"):
            raise ValueError(
                _("`{field}` needs `extends`: there is no parent standard to change").format(field=info.field_name)
            )
        return value
