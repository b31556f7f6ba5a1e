"""The ``pkcheck: report/v1`` JSON that ``pkcheck check --format json`` writes, as models.

pkcheck never reads reports; these models exist so that ``pkcheck schema report`` gives
consumers an exact JSON Schema of them. A test validates real reports against it, so the schema
and ``pkcheck/formats/json_report.py`` cannot drift apart. Unlike the input models, no key may be
added: a consumer can rely on every key being described here. The other JSON outputs
(``gaps/v1``, ``diff/v1``, ``test-report/v1``) share ``Closed``, ``Tool``, ``Location`` and
``Diagnostic``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pkcheck.enums import Category, Severity
from pkcheck.report import BaselineState, Status, Verdict


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(Closed):
    path: str = Field(description="The file, as given on the command line or found in a folder given there.")
    line: int = Field(ge=1, description="The line in that file, from 1.")
    column: int = Field(ge=1, description="The column in that line, from 1, counted in characters.")


class Diagnostic(Closed):
    message: str = Field(description="What is wrong, in words, with the values concerned quoted.")
    level: Literal["error", "warning"] = Field(
        description="`error`: the file, or the part of it concerned, could not be used; `warning`: it was used, "
        "but probably not as its author meant (an unknown code, a YAML 1.1 value, a waiver that matches nothing)."
    )
    location: Location = Field(description="Where the problem is.")


class Tool(Closed):
    name: Literal["pkcheck"] = Field(description="The program that wrote the document: always `pkcheck`.")
    version: str = Field(description="pkcheck's version, as `pkcheck --version` prints it.")


class DeclarationInfo(Closed):
    path: str = Field(
        description="The declaration file, as given on the command line or found in a folder given there."
    )
    unit: dict[str, Any] | None = Field(
        description=(
            "The declaration's `unit` section. For an invalid declaration, its `id`, `country` and `type` "
            "(with `name` and `mission` when valid) where those can be read, else null."
        )
    )
    unit_titles: dict[str, str] = Field(
        description="`type` and `mission`: the title the vocabulary gives the unit's code."
    )


class StandardInfo(Closed):
    id: str = Field(description="The id of the standard the declaration was checked against.")
    version: str = Field(description="Its version (semantic versioning), as the standard states it.")
    title: str = Field(description="Its title.")
    chain: list[str] = Field(description="The standard's ancestry, base first, ending with this standard.")


class Counts(Closed):
    met: int = Field(ge=0, description="Requirements met.")
    shortfall: int = Field(ge=0, description="Requirements the declaration falls short of, not waived.")
    no_evidence: int = Field(
        ge=0, alias="no-evidence", description="Requirements the declaration gives no evidence for, not waived."
    )
    waived: int = Field(ge=0, description="Requirements not met, whose shortfall a waiver in force accepts.")
    not_applicable: int = Field(
        ge=0, alias="not-applicable", description="Requirements that do not apply to this unit."
    )


GapValue = int | float | str | list[str] | None


class Gap(Closed):
    criterion: str = Field(
        description="The setting of the check that is not met: `quantity`, `serviceable`, `coverage`, `count`, "
        "`min`, `max`, `exists`, `includes`, `staff.<role>`, `casevac_minutes.<key>`, `capabilities`..."
    )
    required: GapValue = Field(
        description="What the requirement asks for: an amount in `unit`, a value, or the list of entries required."
    )
    declared: GapValue = Field(
        description="What the declaration gives: an amount in `unit`, a value, or the entries declared."
    )
    shortfall: GapValue = Field(
        description="How far the declaration falls short, in `unit` (for a maximum, how far over); the entries "
        "missing, for a list; null where no amount says it (a value absent or not allowed)."
    )
    unit: str = Field(
        description="The unit of measure of `required`, `declared` and `shortfall`: `personnel`, `items`, `days`, "
        "`minutes`, `beds`, `entries`, `value`..."
    )


class Reference(Closed):
    key: str = Field(description="The reference's key in the standard's `references`.")
    title: str = Field(description="The source: the document, its reference number and date, as the standard cites it.")
    url: str | None = Field(description="Where to read it; null when the standard gives no address.")


class Basis(Closed):
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


class Waiver(Closed):
    reason: str = Field(description="Why the shortfall is accepted, as the waiver says.")
    approved_by: str = Field(description="Who approved the waiver.")
    expires: dt.date = Field(description="The last day the waiver is in force (YYYY-MM-DD).")
    in_force: bool = Field(
        description="Whether the waiver is in force on the report's `as_of` day; an expired waiver waives nothing."
    )
    location: Location = Field(description="The waiver in its waivers file.")


class Related(Closed):
    note: str = Field(description="What is there, in words: `MOU `mou-xa-inf-01` Annex B line B-001`.")
    location: Location = Field(description="The place.")


class Finding(Closed):
    requirement: str = Field(description="The requirement's id, e.g. `INF-EQP-001`.")
    status: Status = Field(
        description="`met`; `shortfall` (the declaration falls short); `no-evidence` (it does not give what the "
        "check needs); `waived` (short, and a waiver in force accepts it); `not-applicable`."
    )
    severity: Severity = Field(description="The requirement's severity: `critical`, `major`, `minor` or `advisory`.")
    category: Category = Field(
        description="The requirement's category: `training`, `equipment`, `medical`, `personnel`, `sustainment` "
        "or `conduct`."
    )
    title: str = Field(description="The requirement's title.")
    message: str = Field(description="What was found, in a sentence, with the amounts and codes concerned.")
    message_id: str = Field(
        description="The template `message` came from (`<check kind>.<case>`): stable, to match findings on."
    )
    gaps: list[Gap] = Field(description="Each setting of the check the declaration does not meet; empty when met.")
    location: Location = Field(
        description="The line the finding concerns: in the declaration, the value or section the check read (the "
        "nearest part given, when that is missing); in the standard, a threshold that could not be computed."
    )
    check: str = Field(description="The check kind: training, equipment, medical, value or schema.")
    references: list[Reference] = Field(description="The sources the requirement cites, in its order.")
    remediation: str | None = Field(
        description="What to do to meet the requirement, as the standard says; null when it says nothing."
    )
    titles: dict[str, str] = Field(
        description="Code -> title, for the codes the finding's check uses (from the loaded vocabularies)."
    )
    # The requirement's window, judged at the reference date (the deployment date, else the as-of date).
    effective_from: dt.date | None = Field(None, description="Present when the requirement applies from a date.")
    effective_until: dt.date | None = Field(None, description="Present when the requirement applies until a date.")
    scheduled: list[str] | None = Field(
        None,
        description=(
            "Present when the check reads scheduled parameters: the entry of each that applied on the "
            "reference date, e.g. `women_target 0.09 from 2022-01-01`."
        ),
    )
    basis: list[Basis] = Field(
        description="Where each threshold of the check comes from (empty when the standard does not say)."
    )
    illustrative: bool = Field(
        description="Whether a threshold of the check is illustrative: a placeholder, not a figure of a source."
    )
    waiver: Waiver | None = Field(None, description="Present when a waiver matched the requirement and unit.")
    related: list[Related] | None = Field(
        None,
        description="Present when the finding concerns other places besides `location`: for an MOU's line "
        "(`requirement` `MOU:<line>` or `MOU:C-<category>`, `check` `mou`), the line in the MOU.",
    )
    baseline: BaselineState | None = Field(
        None,
        description="Present when the report is compared with an earlier one (`--baseline`): `new` (open now, not "
        "open then), `unchanged`, `improved` or `worsened` (open in both; by the shortfall amount, the sum of "
        "the gaps' numeric shortfalls, lists counted by length), `closed` (open then, not now); null when the "
        "finding is not open now and was not open then. Matched by unit id and requirement id.",
    )


class ClosedFinding(Closed):
    requirement: str = Field(description="The requirement's id, as in the baseline.")
    severity: Severity = Field(description="Its severity in the baseline.")
    status: Literal["shortfall", "no-evidence"] = Field(description="Its status in the baseline.")
    title: str = Field(description="The requirement's title, as in the baseline.")


class ResultBaseline(Closed):
    verdict_before: Verdict | None = Field(
        description="The unit's verdict in the baseline; null when the baseline has no unit of this id."
    )
    closed: list[ClosedFinding] = Field(
        description="The unit's findings open in the baseline and not open now (met, waived or not applicable, "
        "or no longer among its findings)."
    )


class GoneUnit(Closed):
    unit: str = Field(description="The unit's id.")
    verdict_before: Verdict = Field(description="Its verdict in the baseline.")
    open: list[ClosedFinding] = Field(
        description="Its findings open in the baseline: not closed, since this run does not check the unit."
    )


class BaselineCounts(Closed):
    new: int = Field(ge=0, description="Findings open now and not open in the baseline.")
    unchanged: int = Field(ge=0, description="Findings open in both with the same shortfall amount.")
    improved: int = Field(ge=0, description="Findings open in both with a smaller shortfall amount.")
    worsened: int = Field(ge=0, description="Findings open in both with a larger shortfall amount.")
    closed: int = Field(
        ge=0, description="Findings open in the baseline and not open now, of the units this run checks."
    )


class BaselineSummary(Closed):
    path: str = Field(description="The baseline file, as given with `--baseline`.")
    tool: Tool = Field(description="The program that wrote the baseline, with its version.")
    as_of: dt.date = Field(description="The baseline's as-of date.")
    notes: list[str] = Field(
        description="What differs between the two runs besides the declarations: another version of pkcheck, "
        "another as-of date; in words."
    )
    counts: BaselineCounts = Field(description="How many findings are in each state.")
    gone: list[GoneUnit] = Field(description="The units of the baseline this run does not have, by unit id.")


class VerifiedLine(Closed):
    line: str = Field(description="The Annex B line's id (`B-001`); its finding is `MOU:<line>`.")
    item: str = Field(description="The item code.")
    title: str | None = Field(description="The item's title, where a vocabulary has one.")
    coe_category: str | None = Field(description="The item's COE category, where a vocabulary has one.")
    quantity: int = Field(ge=0, description="The quantity the MOU lists, in items.")
    present: int = Field(ge=0, description="The quantity declared: every declaration line of the item, added up.")
    serviceable: int = Field(ge=0, description="Of those, the serviceable ones.")
    required_serviceable: int = Field(
        ge=0, description="The serviceable items required: `serviceability` x `quantity`, rounded up."
    )
    shortfall: int = Field(
        ge=0,
        description="The serviceable items to add or repair to meet both `quantity` and `required_serviceable` "
        "(an item added serviceable counts for both); 0 when met.",
    )
    lease: Literal["wet", "dry"] = Field(
        description="The MOU's lease: `wet`, the contributor keeps the items serviceable; `dry`, the UN does."
    )
    declared_leases: list[str] = Field(description="The leases the declaration's lines of the item give, sorted.")
    status: Status = Field(description="The status of the line's finding, after waivers.")
    location: Location = Field(description="The line in the MOU.")


class SelfSustainmentLine(Closed):
    category: str = Field(description="The self-sustainment category code.")
    provider: Literal["contributor", "un"] = Field(description="Who provides it under the MOU's Annex C.")


class AppliedMou(Closed):
    id: str = Field(description="The MOU's id.")
    reference: str = Field(description="The MOU as documents cite it, with its amendment.")
    effective: dt.date = Field(description="The day the amendment applied took effect.")
    path: str = Field(description="The MOU file.")
    mission: str | None = Field(description="The mission the MOU is for, where it says.")
    serviceability: float = Field(
        description="The share of each line's quantity that must be serviceable (the standard's parameter "
        "`mou_serviceability`; 1 without it)."
    )
    lines: list[VerifiedLine] = Field(description="Annex B, line by line, in the MOU's order.")
    self_sustainment: list[SelfSustainmentLine] = Field(description="Annex C, in the MOU's order.")


class Result(Closed):
    declaration: DeclarationInfo = Field(description="The declaration checked.")
    standard: StandardInfo | None = Field(
        description="The standard it was checked against; null when the declaration could not be read."
    )
    verdict: Verdict = Field(
        description="`not-ready` if an unwaived critical requirement falls short or lacks evidence; `conditional` "
        "if a major one does; otherwise `ready`; `invalid` when the declaration could not be read or validated."
    )
    counts: Counts = Field(description="How many requirements have each status.")
    findings: list[Finding] = Field(
        description="One per requirement of the standard, met or not, in the standard's order; empty when invalid."
    )
    warnings: list[Diagnostic] = Field(description="Problems of the declaration that did not stop its check.")
    errors: list[Diagnostic] = Field(description="Why the declaration could not be checked; empty unless `invalid`.")
    mou: AppliedMou | None = Field(
        None,
        description="Present when an MOU applied to the unit (given with `--mou`, or found in the standards "
        "search path, by unit id): the MOU and its Annex B lines as verified; its findings are among `findings`.",
    )
    baseline: ResultBaseline | None = Field(
        None, description="Present when the report is compared with an earlier one (`--baseline`)."
    )


class WomenShare(Closed):
    """A country's units judged against one gender parity target, added up: DPO measures the
    targets per contributing country, not per unit."""

    country: str = Field(description="The contributing country (`unit.country`).")
    target: float = Field(
        description="The share of women the units were judged against (`women_target`), 0.08 for 8 %."
    )
    target_from: dt.date = Field(description="The first day of the target's entry in the standard's schedule.")
    unit_types: list[str] = Field(description="The unit types of the units counted, sorted.")
    units: int = Field(description="Units of the country judged against this target.")
    personnel: int = Field(description="Their declared `personnel.total`, added up.")
    women: int = Field(description="Their declared `personnel.women`, added up.")
    share: float = Field(description="`women` / `personnel`, to four decimals (0 with no personnel).")
    required: int = Field(description="Women the target asks of the country's personnel: ceil(personnel x target).")
    short: int = Field(description="How many women fewer than `required` are declared; 0 when the target is met.")
    undeclared: int = Field(description="Units that declare no `personnel.total` or no `personnel.women`: not counted.")


class Report(Closed):
    """A report: one result per declaration checked."""

    pkcheck: Literal["report/v1"] = Field(description="The kind of document: always `report/v1`.")
    tool: Tool = Field(description="The program that wrote the report.")
    as_of: dt.date = Field(description="The day dates were judged as of (`--as-of`, else the day of the run).")
    lang: Literal["en", "fr"] = Field(
        "en",
        description="The language the report's messages and titles are written in (`--lang`); ids, codes, "
        "keys and enum values are the same in every language. Absent from reports of earlier versions: English.",
    )
    results: list[Result] = Field(description="One per declaration, in the order of the files read.")
    warnings: list[Diagnostic] = Field(
        description="Problems of the run's other files, such as a waiver that matches no requirement."
    )
    women_by_country: list[WomenShare] = Field(
        description="Each country's share of women against the gender parity target its units were judged "
        "against (the entry of the scheduled parameter `women_target` in force on their reference date), one "
        "entry per country and target, by country then target; units with no such target are left out."
    )
    baseline: BaselineSummary | None = Field(
        None,
        description="Present when the report is compared with an earlier `report/v1` (`--baseline`): that "
        "report, the notes on what differs, and the findings in each state.",
    )
