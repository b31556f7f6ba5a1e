"""A standard test suite (``pkcheck: test/v1``): declarations and the verdict and statuses a
standard is expected to give them, so a change to a standard that changes its results is caught.

Paths (``standard`` when it is a file, ``declaration``, ``waivers``) are relative to the suite
file. ``as_of`` is required at the top or in every case, so results do not depend on the day the
suite runs; that rule is checked by ``pkcheck.analyses.suites`` where it can point at the case.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.models.common import RequirementId, StrictModel, Text
from pkcheck.report import Status, Verdict


class Case(StrictModel):
    """One declaration and what the standard is expected to make of it."""

    name: Text = Field(description="What the case shows, e.g. `too few armoured vehicles`; unique in the suite.")
    declaration: Text = Field(description="The declaration file, relative to the suite file.")
    verdict: Verdict | None = Field(None, description="The expected verdict (not compared when left out).")
    statuses: dict[RequirementId, Status] = Field(
        default_factory=dict, description="The expected status of named requirements of the standard."
    )
    others: Status | None = Field(
        None, description="The expected status of every requirement not in `statuses` (not compared when left out)."
    )
    as_of: dt.date | None = Field(None, description="Judge dates as of this day (overrides the suite's `as_of`).")
    waivers: Text | None = Field(None, description="A waivers file for this case (overrides the suite's `waivers`).")


class Suite(StrictModel):
    """A standard and the cases it is tested with."""

    pkcheck: Literal["test/v1"] = Field(description="The kind of file: always `test/v1`.")
    standard: Text = Field(description="A standard id from the search path, or a standard file relative to the suite.")
    as_of: dt.date | None = Field(None, description="Judge dates as of this day; required here or in every case.")
    waivers: Text | None = Field(None, description="A waivers file applied to every case, relative to the suite.")
    cases: list[Case] = Field(
        min_length=1, description="The cases, at least one: each a declaration and what the standard should give it."
    )
