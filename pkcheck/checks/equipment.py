"""``equipment``: enough of an item is declared, and enough of it is serviceable.

Settings:

- ``item``: an item code, or a list of codes of which any counts.
- ``quantity``: the number required (a number or an expression; rounded up if fractional).
- ``serviceable`` (optional): a ratio 0..1 of the *required* quantity that must be serviceable.

Declared and serviceable counts are summed over every matching equipment line; a line without
``serviceable`` is fully serviceable; no matching line means zero.

Met when declared >= quantity and serviceable >= ceil(ratio x quantity). Otherwise one gap of
max(quantity - declared, ceil(ratio x quantity) - serviceable) items, named ``serviceable``
when the serviceability term is the larger, else ``quantity``, so one missing vehicle is never
counted twice.

PASS: ``{item: apc-wheeled-class-ii, quantity: 10, serviceable: 0.9}`` with 12 declared, 11
serviceable. FAIL: 10 declared, 8 serviceable (gap: serviceable, 9 required, 8 declared, 1 short).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from pydantic import Field

from pkcheck.checks.base import Context, MissingEvidence, Outcome, codes, compiled, either, gap, labelled
from pkcheck.checks.draft import Draft, count
from pkcheck.checks.kind import MINIMUM, Kind
from pkcheck.checks.pieces import Piece, coded_pieces
from pkcheck.expressions import Call
from pkcheck.i18n import N_, _
from pkcheck.messages import fill as fill_template
from pkcheck.models.common import CodeOrCodes, Ratio, StrictModel, Threshold
from pkcheck.report import Finding, Gap, Status
from pkcheck.terms.codepaths import CodeUse, codes_at
from pkcheck.terms.vocabulary import Codes

NAME = "equipment"


class EquipmentCheck(StrictModel):
    item: CodeOrCodes = Field(description="An item code, or a list of codes of which any counts.")
    quantity: Threshold = Field(
        description="The number of items required (a number or an expression; rounded up if fractional)."
    )
    serviceable: Ratio | None = Field(
        None,
        description="The ratio 0..1 of the required quantity that must be serviceable (ceil(ratio x quantity) items).",
    )


MESSAGES = {
    "met": N_("{declared} {item} declared ({serviceable} serviceable); {required} required"),
    "shortfall.quantity": N_("{declared} {item} declared, {required} required: {shortfall} short"),
    "shortfall.serviceable": N_(
        "{serviceable} serviceable {item}, {required} required ({ratio} of {quantity}): {shortfall} short"
    ),
    "no-evidence": N_("cannot check {item}: the declaration does not give `{missing}`"),
}


def check(settings: EquipmentCheck, context: Context) -> Outcome:
    item = codes(settings.item)
    try:
        quantity = context.count(settings.quantity)
    except MissingEvidence as missing:
        path = tuple(missing.path.split("."))
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"item": item, "missing": missing.path}, path)
    items = codes(settings.item)
    lines = [(i, line) for i, line in enumerate(context.declaration.equipment or []) if line.item in items]
    declared = sum(line.quantity for _, line in lines)
    serviceable = sum(line.serviceable_count for _, line in lines)
    ratio = Fraction(str(settings.serviceable)) if settings.serviceable is not None else Fraction(0)
    needed_serviceable = math.ceil(ratio * quantity)
    evidence = ("equipment", lines[0][0]) if lines else ("equipment",)
    values = {
        "item": item,
        "declared": declared,
        "serviceable": serviceable,
        "required": quantity,
        "quantity": quantity,
        "ratio": f"{float(ratio):.0%}",
        "shortfall": 0,
    }
    quantity_short, serviceable_short = quantity - declared, needed_serviceable - serviceable
    if max(quantity_short, serviceable_short) <= 0:
        return Outcome(Status.MET, f"{NAME}.met", values, evidence)
    if serviceable_short > quantity_short:
        values |= {"required": needed_serviceable, "shortfall": serviceable_short}
        gaps = (gap("serviceable", needed_serviceable, serviceable, serviceable_short, "items"),)
        return Outcome(Status.SHORTFALL, f"{NAME}.shortfall.serviceable", values, evidence, gaps)
    values |= {"shortfall": quantity_short}
    gaps = (gap("quantity", quantity, declared, quantity_short, "items"),)
    return Outcome(Status.SHORTFALL, f"{NAME}.shortfall.quantity", values, evidence, gaps)


def describe(settings: EquipmentCheck) -> str:
    values = {"quantity": settings.quantity, "items": either(codes(settings.item))}
    if settings.serviceable:
        values["ratio"] = f"{settings.serviceable:.0%}"
        return fill_template(
            _("equipment: at least {quantity} {items} declared, and {ratio} of that quantity serviceable"), values
        )
    return fill_template(_("equipment: at least {quantity} {items} declared"), values)


def fill(settings: EquipmentCheck, context: Context, draft: Draft) -> None:
    """A line of the first item, as large as the largest requirement on it, with as many
    serviceable as the requirements ask: the serviceability ratio of the quantity, or all of
    it where a requirement gives no ratio. ``serviceable`` is always written, as a line without
    it counts as all serviceable."""
    quantity = count(context, settings.quantity, draft)
    if quantity is None:
        return
    item = codes(settings.item)[0]
    line = draft.entry(NAME, item, {"item": item, "quantity": 0, "serviceable": 0})
    line["quantity"] = max(line["quantity"], quantity)
    draft.need((NAME, item))
    if settings.serviceable is None:
        line["serviceable"] = max(line["serviceable"], quantity)
        return
    needed = math.ceil(Fraction(str(settings.serviceable)) * quantity)
    line["serviceable"] = max(line["serviceable"], needed)
    note = fill_template(
        _("at least {needed} serviceable ({ratio} of {quantity} required)"),
        {"needed": needed, "ratio": f"{settings.serviceable:.0%}", "quantity": quantity},
    )
    draft.note((NAME, item, "serviceable"), note)


def formulas(settings: EquipmentCheck) -> Iterator[tuple[str, Any]]:
    """The quantity, and the serviceable count its ratio asks (of the quantity rounded up)."""
    yield "quantity", settings.quantity
    if settings.serviceable is not None:
        yield "serviceable", f"ceil({settings.serviceable} * {_rounded_up(settings.quantity)})"


def evidence(settings: EquipmentCheck, context: Context) -> Iterator[tuple[str | int, ...]]:
    """Each equipment line of the item (or of any of the items)."""
    items = codes(settings.item)
    for index, line in enumerate(context.declaration.equipment or []):
        if line.item in items:
            yield (NAME, index)


def _rounded_up(quantity: float | str) -> str:
    """The quantity as the check counts it, rounded up, as an expression."""
    if isinstance(quantity, str):
        root = compiled(quantity).root
        return quantity if isinstance(root, Call) and root.function == "ceil" else f"ceil({quantity})"
    return str(quantity) if float(quantity).is_integer() else f"ceil({quantity})"


def code_uses(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    return codes_at(settings, "item", "items")


def titled(
    settings: EquipmentCheck, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    return labelled(values, "item", "items", vocabulary)


def coe_items(settings: EquipmentCheck) -> tuple[str, ...]:
    return codes(settings.item)


def pieces(finding: Finding) -> Iterator[Piece]:
    """Items to provide (any one of the items), with their COE category."""
    return coded_pieces(finding, NAME, finding.values.get("item", finding.requirement))


KIND = Kind(
    name=NAME,
    formulas=formulas,
    evidence=evidence,
    settings=EquipmentCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=({"item": ["apc-wheeled-class-ii", "apc-tracked"], "quantity": 10, "serviceable": 0.5},),
    codes=code_uses,
    titled=titled,
    coe_items=coe_items,
    thresholds={"quantity": MINIMUM, "serviceable": MINIMUM},
    any_of=frozenset({"item"}),
)
