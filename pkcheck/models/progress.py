"""The ``pkcheck: progress/v1`` JSON that ``pkcheck progress --format json`` writes, as models.

As for the report (``pkcheck/models/report.py``): pkcheck never reads it; the models give
``pkcheck schema progress``, every key described, and a test holds
``pkcheck/formats/progress_json.py`` to them on real runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.enums import Category, Severity
from pkcheck.models.report import Closed, Tool
from pkcheck.report import Verdict

_BY_SEVERITY = "Open findings by severity: one key per severity (`critical`, `major`, `minor`, `advisory`)."


class Assessment(Closed):
    as_of: dt.date = Field(description="The report's date (its `as_of`).")
    report: str = Field(description="The report file, as given on the command line.")
    tool_version: str = Field(description="The version of pkcheck that wrote the report.")


class OpenFinding(Closed):
    requirement: str = Field(description="The requirement's id (an MOU line's is `MOU:<line>`).")
    severity: Severity = Field(description="Its severity in the report it comes from.")
    category: Category | None = Field(description="Its category in that report; null where the report gives none.")
    status: Literal["shortfall", "no-evidence"] = Field(description="Its status in that report.")
    title: str = Field(description="The requirement's title, as that report gives it (in its language).")


class UnitDate(Closed):
    as_of: dt.date = Field(description="The date of the assessment.")
    assessed: bool = Field(description="Whether the report of that date holds the unit; the rest is null if not.")
    declaration: str | None = Field(description="The declaration file the report checked for the unit.")
    verdict: Verdict | None = Field(description="The unit's verdict at that date.")
    open: int | None = Field(ge=0, description="How many findings were open (a shortfall or without evidence).")
    by_severity: dict[Severity, int] | None = Field(description=_BY_SEVERITY)
    by_category: dict[str, int] | None = Field(
        description="Open findings by requirement category: one key per category, and `-` for findings of a report "
        "that gives no category, where there are some."
    )
    findings: list[OpenFinding] | None = Field(description="The open findings, the most severe first, then by id.")


class Change(Closed):
    before: dt.date = Field(description="The earlier of two consecutive assessments of the unit.")
    after: dt.date = Field(description="The later one (dates the unit was not assessed at are passed over).")
    verdict_before: Verdict = Field(description="The unit's verdict at `before`.")
    verdict_after: Verdict = Field(description="The unit's verdict at `after`.")
    compared: bool = Field(
        description="False when the declaration was invalid at either date: there were no findings to compare, and "
        "`closed` and `opened` are empty."
    )
    closed: list[OpenFinding] = Field(description="Open at `before`, not open at `after`: as they stood at `before`.")
    opened: list[OpenFinding] = Field(description="Open at `after`, not open at `before`: as they stand at `after`.")


class Unit(Closed):
    unit: str = Field(description="The unit's id, by which the reports are matched.")
    country: str = Field(description="The unit's contributing country (as the latest report gives it; `?` if none).")
    dates: list[UnitDate] = Field(description="One per assessment, in date order.")
    changes: list[Change] = Field(description="One per pair of consecutive assessments of the unit, in date order.")


class CountryDate(Closed):
    as_of: dt.date = Field(description="The date of the assessment.")
    units: int = Field(ge=0, description="How many of the country's units that report holds.")
    verdicts: dict[Verdict, int] = Field(description="How many of them had each verdict: one key per verdict.")
    open: int = Field(ge=0, description="Their open findings, together.")
    by_severity: dict[Severity, int] = Field(description=_BY_SEVERITY)


class Country(Closed):
    country: str = Field(description="The contributing country's code.")
    dates: list[CountryDate] = Field(description="One per assessment, in date order.")


class Progress(Closed):
    """Units followed over several dated `report/v1` reports: their verdicts and open findings at each date, and
    what closed and opened in between."""

    pkcheck: Literal["progress/v1"] = Field(description="The kind of document: always `progress/v1`.")
    tool: Tool = Field(description="The program that wrote the document.")
    assessments: list[Assessment] = Field(description="The reports read, in date order.")
    units: list[Unit] = Field(description="Every unit of any report, by country, then unit id.")
    countries: list[Country] = Field(description="Per country, its units' totals at each date, by country code.")
    notes: list[str] = Field(
        description="What differs between the reports besides the declarations (different versions of pkcheck)."
    )
