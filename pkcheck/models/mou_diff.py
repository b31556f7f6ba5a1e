"""The ``pkcheck: mou-diff/v1`` JSON that ``pkcheck diff --format json`` writes for two amendments
of an MOU, as models.

As for ``diff/v1`` (``pkcheck/models/diff.py``), whose ``against`` parts it shares: pkcheck never
reads it; the models give ``pkcheck schema mou-diff``, every key described, and a test holds
``pkcheck/formats/diff_json.py`` to them on real comparisons.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from pkcheck.models.diff import UnitChange
from pkcheck.models.report import Closed, Location, Tool

Direction = Literal["tightened", "relaxed", "changed", "text"]
DIRECTION = (
    "For the unit: `tightened` (it must bring or declare more), `relaxed` (less), `changed` (no rule says which way)."
)


class Amendment(Closed):
    id: str = Field(description="The MOU's id, the same on both sides.")
    reference: str = Field(description="The MOU as documents cite it, with its amendment.")
    effective: dt.date = Field(description="The day this amendment takes effect.")
    mission: str | None = Field(description="The mission it is for; null when it names none.")
    units: list[str] = Field(description="The units it covers, as it lists them.")
    path: str = Field(description="Its file.")


class Summary(Closed):
    lines_added: int = Field(ge=0, description="Annex B lines NEW has and OLD does not.")
    lines_removed: int = Field(ge=0, description="Annex B lines OLD has and NEW does not.")
    lines_changed: int = Field(
        ge=0, description="Annex B lines in both whose item, quantity, lease or severity differ."
    )
    categories_added: int = Field(ge=0, description="Annex C categories NEW lists and OLD does not.")
    categories_removed: int = Field(ge=0, description="Annex C categories OLD lists and NEW does not.")
    categories_moved: int = Field(
        ge=0, description="Annex C categories whose provider changed (contributor to UN, or UN to contributor)."
    )
    units_added: int = Field(ge=0, description="Units NEW covers and OLD does not.")
    units_removed: int = Field(ge=0, description="Units OLD covers and NEW does not.")
    tightened: int = Field(ge=0, description="Changes that ask more of a unit, lines, categories and units together.")
    relaxed: int = Field(ge=0, description="Changes that ask less of a unit.")
    direction_unknown: int = Field(ge=0, description="Changes no rule orders: another item under the same line id.")
    relaxed_or_removed: bool = Field(
        description="Whether a change asks less of a unit, or may: what `--fail-on-relaxation` exits 1 on."
    )


class LineChange(Closed):
    line: str = Field(description="The Annex B line's id (`B-001`).")
    item: str = Field(description="Its item in NEW (in OLD for a line removed).")
    change: Literal["added", "removed", "item", "quantity", "lease", "severity"] = Field(
        description="The line `added` or `removed`, or the field of a line in both that differs."
    )
    old: str | int | None = Field(
        description="The field's value in OLD; for a line removed, the line (`2 forklift, dry, major`); null for one added."
    )
    new: str | int | None = Field(
        description="The field's value in NEW; for a line added, the line (`6 generator, wet, major`); null for one removed."
    )
    difference: int | None = Field(description="For a quantity, NEW's less OLD's; else null.")
    direction: Direction = Field(description=DIRECTION)
    location: Location = Field(description="In NEW, the field or the line; in OLD for a line removed.")
    note: str | None = Field(
        description="What else explains it: who keeps a leased item serviceable, or why it may relax."
    )


class CategoryChange(Closed):
    category: str = Field(description="The self-sustainment category's code.")
    change: Literal["added", "removed", "moved"] = Field(description="Listed by NEW only, by OLD only, or by both.")
    old: Literal["contributor", "un"] | None = Field(
        description="Who provides it in OLD; null when OLD does not list it."
    )
    new: Literal["contributor", "un"] | None = Field(
        description="Who provides it in NEW; null when NEW does not list it."
    )
    direction: Direction = Field(description=DIRECTION)
    location: Location = Field(description="In NEW; in OLD for a category removed.")


class UnitCovered(Closed):
    unit: str = Field(description="The unit's id.")
    change: Literal["added", "removed"] = Field(description="Covered by NEW only (`added`) or by OLD only (`removed`).")
    direction: Direction = Field(description=DIRECTION)
    location: Location = Field(description="In NEW's `units`; in OLD's for a unit removed.")


class NotCovered(Closed):
    path: str = Field(description="The declaration file.")
    unit: str = Field(description="The unit's id, which neither amendment covers.")


class Against(Closed):
    as_of: dt.date = Field(description="The day dates were judged as of (`--as-of`, else the day of the run).")
    checked: int = Field(
        ge=0, description="How many declarations were judged under both amendments: the units covered."
    )
    units: list[UnitChange] = Field(
        description="The declarations whose verdict or requirement statuses differ (MOU lines are `MOU:B-001`, `MOU:C-catering`)."
    )
    invalid: list[UnitChange] = Field(description="The declarations that could not be checked under either amendment.")
    not_covered: list[NotCovered] = Field(description="The declarations not judged: of units neither amendment covers.")


class MouDiff(Closed):
    """A comparison of two amendments of one MOU."""

    pkcheck: Literal["mou-diff/v1"] = Field(description="The kind of document: always `mou-diff/v1`.")
    tool: Tool = Field(description="The program that wrote the comparison.")
    old: Amendment = Field(description="OLD, the amendment compared from.")
    new: Amendment = Field(description="NEW, the amendment compared to.")
    summary: Summary = Field(description="How many lines, categories and units changed, and how.")
    lines: list[LineChange] = Field(
        description="Annex B: each line added or removed and each field changed, by line id."
    )
    categories: list[CategoryChange] = Field(description="Annex C: each category added, removed or moved, by code.")
    units: list[UnitCovered] = Field(description="The units covered added, then removed.")
    against: Against | None = Field(
        description="With `--against`, how the declarations of the units covered check under each amendment "
        "(each applied as if in effect); null without it."
    )
