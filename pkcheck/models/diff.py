"""The ``pkcheck: diff/v1`` JSON that ``pkcheck diff --format json`` writes, as models.

As for the report (``pkcheck/models/report.py``): pkcheck never reads it; the models give
``pkcheck schema diff``, every key described, and a test holds ``pkcheck/formats/diff_json.py``
to them on real comparisons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from pkcheck.enums import Severity
from pkcheck.models.report import Closed, Diagnostic, Location, Tool
from pkcheck.report import Status, Verdict

Number = int | float


class StandardVersion(Closed):
    id: str = Field(description="The standard's id.")
    version: str = Field(description="The version this side of the comparison has (semantic versioning).")
    title: str = Field(description="Its title.")
    chain: list[str] = Field(description="Its ancestry, base first, ending with this standard: what was composed.")
    path: str = Field(description="Its file.")


class Summary(Closed):
    added: int = Field(ge=0, description="Requirements NEW has and OLD does not.")
    removed: int = Field(ge=0, description="Requirements OLD has and NEW does not.")
    changed: int = Field(ge=0, description="Requirements in both whose fields differ.")
    tightened: int = Field(
        ge=0,
        description="Fields changed so that a unit needs more: a higher minimum, a lower maximum, a raised "
        "severity, an alternative dropped.",
    )
    relaxed: int = Field(ge=0, description="Fields changed so that a unit needs less.")
    direction_unknown: int = Field(
        ge=0, description="Fields changed in a way no rule orders (another path, population or check kind)."
    )
    text: int = Field(ge=0, description="Fields whose text alone changed: titles, rationales, remediations.")
    parameters: int = Field(ge=0, description="Parameters whose value changed, or that one version lacks.")
    relaxed_or_removed: bool = Field(
        description="Whether a requirement is removed or relaxed, or may be: what `--fail-on-relaxation` exits 1 on."
    )


class Added(Closed):
    requirement: str = Field(description="The requirement's id.")
    title: str = Field(description="Its title in NEW.")
    category: str = Field(description="Its category.")
    severity: Severity = Field(description="Its severity.")
    location: Location = Field(description="Where NEW defines it.")


class Removed(Closed):
    requirement: str = Field(description="The requirement's id.")
    title: str = Field(description="Its title in OLD.")
    severity: Severity = Field(description="Its severity in OLD.")
    reason: str | None = Field(description="Why NEW removes it, from its `removes` entry; null when it gives none.")
    location: Location | None = Field(description="NEW's `removes` entry; null when NEW just no longer has it.")
    old_location: Location = Field(description="Where OLD defines it.")


class FieldChange(Closed):
    field: str = Field(description="The field, dotted from the requirement: `severity`, `check.equipment.quantity`.")
    old: Any = Field(description="Its value in OLD, as written (an expression stays text); null when absent.")
    new: Any = Field(description="Its value in NEW, as written; null when absent.")
    direction: Literal["tightened", "relaxed", "changed", "text"] = Field(
        description="`tightened` (a unit needs more), `relaxed` (less), `changed` (no rule says which way) or "
        "`text` (words only)."
    )
    location: Location = Field(description="In NEW: the field, the parameter that moved it, or the requirement.")
    note: str | None = Field(
        description="What else explains the change, such as the values of expressions or the parameter that moved it."
    )


class Changed(Closed):
    requirement: str = Field(description="The requirement's id.")
    title: str = Field(description="Its title in NEW.")
    severity: Severity = Field(description="Its severity in NEW.")
    location: Location = Field(description="Where NEW defines or overrides it.")
    changes: list[FieldChange] = Field(description="Each field that differs, in field order.")


class ScheduleEntry(Closed):
    from_: dt.date = Field(alias="from", description="The first day the value applies.")
    value: Number = Field(description="The value from that day.")


ParameterValue = Number | list[ScheduleEntry] | None


class Parameter(Closed):
    name: str = Field(description="The parameter's name.")
    old: ParameterValue = Field(
        description="Its value in OLD: a number, a scheduled parameter's entries, or null when OLD has no such parameter."
    )
    new: ParameterValue = Field(
        description="Its value in NEW: a number, a scheduled parameter's entries, or null when NEW has no such parameter."
    )
    location: Location | None = Field(description="Where NEW sets it; null when NEW no longer has it.")
    used_by: list[str] = Field(description="The requirements whose thresholds name it (in NEW, else in OLD).")


class StatusChange(Closed):
    requirement: str = Field(description="The requirement's id.")
    old: Status | None = Field(description="Its status under OLD; null when OLD does not have it.")
    new: Status | None = Field(description="Its status under NEW; null when NEW does not have it.")


class UnitChange(Closed):
    path: str = Field(description="The declaration file.")
    unit: str | None = Field(description="The unit's id; null when the declaration could not be read.")
    old_verdict: Verdict = Field(description="Its verdict under OLD.")
    new_verdict: Verdict = Field(description="Its verdict under NEW.")
    requirements: list[StatusChange] = Field(description="Each requirement whose status differs.")
    errors: list[Diagnostic] = Field(description="Why the declaration could not be checked under either version.")


class NotApplicable(Closed):
    path: str = Field(description="The declaration file.")
    unit: str | None = Field(description="The unit's id; null when it could not be read.")
    unit_type: str = Field(description="The unit's type, which neither version of the standard is for.")


class Against(Closed):
    as_of: dt.date = Field(description="The day dates were judged as of (`--as-of`, else the day of the run).")
    checked: int = Field(
        ge=0, description="How many declarations were judged under both versions: those of a unit type it is for."
    )
    units: list[UnitChange] = Field(description="The declarations whose verdict or requirement statuses differ.")
    invalid: list[UnitChange] = Field(description="The declarations that could not be checked under either version.")
    not_applicable: list[NotApplicable] = Field(
        description="The declarations not judged: of a unit type neither version of the standard is for."
    )


class UpcomingItem(Closed):
    day: dt.date = Field(description="The first day it is so: a requirement's first or first-not-applying day.")
    event: Literal["starts", "ends", "value"] = Field(
        description="`starts` (a requirement's `effective_from`), `ends` (the day after its `effective_until`) "
        "or `value` (a scheduled parameter's next entry)."
    )
    subject: str = Field(description="The requirement's id, or the parameter's name.")
    title: str | None = Field(description="The requirement's title; null for a parameter.")
    value: str | None = Field(description="The parameter's new value; null for a requirement.")
    severity: Severity | None = Field(description="The requirement's severity; null for a parameter.")
    words: str = Field(description="What happens, in words: `applies from 2027-01-01`, `applied until 2026-12-31`.")
    location: Location | None = Field(description="Where NEW defines the requirement or sets the parameter.")
    used_by: list[str] = Field(description="For a parameter, the requirements that read it; else empty.")


class Upcoming(Closed):
    after: dt.date = Field(description="The as-of date: the window starts the day after it.")
    through: dt.date = Field(description="The window's last day (the as-of date plus `--upcoming`).")
    items: list[UpcomingItem] = Field(description="What starts or ends applying in the window, in order of day.")


class Diff(Closed):
    """A comparison of two versions of a standard, each as composed with its parents."""

    pkcheck: Literal["diff/v1"] = Field(description="The kind of document: always `diff/v1`.")
    tool: Tool = Field(description="The program that wrote the comparison.")
    old: StandardVersion = Field(description="OLD, the version compared from.")
    new: StandardVersion = Field(description="NEW, the version compared to.")
    summary: Summary = Field(description="How many requirements, fields and parameters changed, and how.")
    added: list[Added] = Field(description="The requirements NEW adds, by id.")
    removed: list[Removed] = Field(description="The requirements NEW removes, by id.")
    changed: list[Changed] = Field(description="The requirements whose fields differ, by id.")
    parameters: list[Parameter] = Field(description="The parameters that changed, by name.")
    against: Against | None = Field(
        description="With `--against`, how the declarations given check under each version; null without it."
    )
    upcoming: Upcoming | None = Field(
        None,
        description="Only with `--upcoming`: what in NEW starts or ends applying within the window after the as-of date.",
    )
