"""The ``pkcheck: test-report/v1`` JSON that ``pkcheck test --format json`` writes, as models.

As for the report (``pkcheck/models/report.py``): pkcheck never reads it; the models give
``pkcheck schema test-report``, every key described, and a test holds
``pkcheck/formats/suite_json.py`` to them on real runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.enums import Category
from pkcheck.models.report import Closed, Diagnostic, Location, Tool
from pkcheck.report import Verdict


class SuiteStandard(Closed):
    id: str = Field(description="The id of the standard the suite tests.")
    version: str = Field(description="Its version (semantic versioning).")
    path: str = Field(description="Its file.")


class Mismatch(Closed):
    subject: str = Field(description="What was expected: `verdict`, or the id of a requirement whose status was.")
    expected: str = Field(description="The verdict or status the case expects.")
    actual: str = Field(description="The verdict or status the check gave.")


class Case(Closed):
    name: str = Field(description="The case's name, as the suite gives it.")
    outcome: Literal["pass", "fail", "error"] = Field(
        description="`pass`: every expectation met; `fail`: one is not (see `mismatches`); `error`: the case could "
        "not run (see `errors`)."
    )
    location: Location = Field(description="The case in its suite.")
    declaration: str = Field(description="The case's declaration file, resolved from the suite's folder.")
    as_of: dt.date | None = Field(description="The day the case judges dates as of; null when it could not be read.")
    verdict: Verdict | None = Field(description="The verdict the check gave; null when the case did not run.")
    mismatches: list[Mismatch] = Field(description="Each expectation not met: expected against actual.")
    errors: list[Diagnostic] = Field(description="Why the case could not run: its declaration or waivers, located.")


class Coverage(Closed):
    complete: bool = Field(
        description="Whether every requirement is expected both met and failing by some case, and every category "
        "has a case where all of it is met and one where some of it fails (`--require-coverage` asks for this)."
    )
    never_met: list[str] = Field(description="Requirements no case expects `met`.")
    never_failing: list[str] = Field(description="Requirements no case expects `shortfall` or `no-evidence`.")
    categories_never_met: list[Category] = Field(
        description="Categories with no case that expects all of their requirements `met`."
    )
    categories_never_failing: list[Category] = Field(
        description="Categories with no case that expects any of their requirements to fail."
    )


class Suite(Closed):
    path: str = Field(description="The suite's file.")
    standard: SuiteStandard | None = Field(
        description="The standard it tests; null when the suite or its standard could not be loaded."
    )
    cases: list[Case] = Field(description="Each case, in the suite's order.")
    coverage: Coverage | None = Field(
        description="What the cases exercise; null when the suite or its standard could not be loaded."
    )
    errors: list[Diagnostic] = Field(description="Why the suite, or its standard, could not be loaded.")


class Summary(Closed):
    suites: int = Field(ge=0, description="Suites run.")
    cases: int = Field(ge=0, description="Cases run, in every suite.")
    pass_: int = Field(ge=0, alias="pass", description="Cases whose every expectation was met.")
    fail: int = Field(ge=0, description="Cases with an expectation not met.")
    error: int = Field(ge=0, description="Cases that could not run.")
    coverage_gaps: int = Field(ge=0, description="Suites whose coverage is not complete.")


class TestReport(Closed):
    """The results of standard test suites (``pkcheck test``)."""

    __test__ = False  # not a test class, for pytest

    pkcheck: Literal["test-report/v1"] = Field(description="The kind of document: always `test-report/v1`.")
    tool: Tool = Field(description="The program that ran the suites.")
    suites: list[Suite] = Field(description="Each suite, in the order of the files read.")
    summary: Summary = Field(description="The counts of the run.")
    errors: list[Diagnostic] = Field(description="Problems of the run outside any suite, such as a PATH with no suite.")
