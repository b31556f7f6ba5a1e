"""The ``pkcheck: report/v1`` JSON that ``pkcheck check --format json`` writes, as models.

pkcheck never reads reports; these models exist so that ``pkcheck schema report`` gives
consumers an exact JSON Schema of them. A test validates real reports against it, so the schema
and ``pkcheck/formats/json_report.py`` cannot drift apart. Unlike the input models, no key may be
added: a consumer can rely on every key being described here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pkcheck.enums import Category, Severity
from pkcheck.report import Status, Verdict


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(_Closed):
    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class Diagnostic(_Closed):
    message: str
    level: Literal["error", "warning"]
    location: Location


class Tool(_Closed):
    name: Literal["pkcheck"]
    version: str


class DeclarationInfo(_Closed):
    path: str
    unit: dict[str, Any] | None = Field(
        description=(
            "The declaration's `unit` section. For an invalid declaration, its `id`, `country` and `type` "
            "(with `name` and `mission` when valid) where those can be read, else null."
        )
    )
    unit_titles: dict[str, str] = Field(
        description="`type` and `mission`: the title the vocabulary gives the unit's code."
    )


class StandardInfo(_Closed):
    id: str
    version: str
    title: str
    chain: list[str] = Field(description="The standard's ancestry, base first, ending with this standard.")


class Counts(_Closed):
    met: int = Field(ge=0)
    shortfall: int = Field(ge=0)
    no_evidence: int = Field(ge=0, alias="no-evidence")
    waived: int = Field(ge=0)
    not_applicable: int = Field(ge=0, alias="not-applicable")


GapValue = int | float | str | list[str] | None


class Gap(_Closed):
    criterion: str
    required: GapValue
    declared: GapValue
    shortfall: GapValue
    unit: str


class Reference(_Closed):
    key: str
    title: str
    url: str | None


class Basis(_Closed):
    threshold: str = Field(description="The key of the threshold in the check's settings (`coverage`, `quantity`).")
    parameter: str | None = Field(
        None, description="Present when the threshold is an expression and this is the basis of a parameter it reads."
    )
    reference: str | None = Field(None, description="The key of the source in the standard's `references`.")
    locator: str | None = Field(None, description="Where in the source: section, page, paragraph; with `reference`.")
    illustrative: str | None = Field(
        None,
        description="Present when the threshold is a placeholder, not a figure of a source: what decides it in practice.",
    )


class Waiver(_Closed):
    reason: str
    approved_by: str
    expires: dt.date
    in_force: bool
    location: Location


class Finding(_Closed):
    requirement: str
    status: Status
    severity: Severity
    category: Category
    title: str
    message: str
    message_id: str
    gaps: list[Gap]
    location: Location
    check: str = Field(description="The check kind: training, equipment, medical or value.")
    references: list[Reference]
    remediation: str | None
    titles: dict[str, str] = Field(
        description="Code -> title, for the codes the finding's check uses (from the loaded vocabularies)."
    )
    basis: list[Basis] = Field(
        description="Where each threshold of the check comes from (empty when the standard does not say)."
    )
    illustrative: bool = Field(
        description="Whether a threshold of the check is illustrative: a placeholder, not a figure of a source."
    )
    waiver: Waiver | None = Field(None, description="Present when a waiver matched the requirement and unit.")


class Result(_Closed):
    declaration: DeclarationInfo
    standard: StandardInfo | None
    verdict: Verdict
    counts: Counts
    findings: list[Finding]
    warnings: list[Diagnostic]
    errors: list[Diagnostic]


class Report(_Closed):
    """A report: one result per declaration checked."""

    pkcheck: Literal["report/v1"]
    tool: Tool
    as_of: dt.date
    results: list[Result]
    warnings: list[Diagnostic]
