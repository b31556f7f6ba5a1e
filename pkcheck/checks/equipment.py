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
from fractions import Fraction

from pkcheck.checks.base import Context, MissingEvidence, Outcome, codes, describe_codes, gap
from pkcheck.models.standard import EquipmentCheck
from pkcheck.report import Status

KIND = "equipment"


def check(settings: EquipmentCheck, context: Context) -> Outcome:
    item = describe_codes(settings.item)
    try:
        quantity = context.count(settings.quantity)
    except MissingEvidence as missing:
        path = tuple(missing.path.split("."))
        return Outcome(Status.NO_EVIDENCE, "equipment.no-evidence", {"item": item, "missing": missing.path}, path)
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
        return Outcome(Status.MET, "equipment.met", values, evidence)
    if serviceable_short > quantity_short:
        values |= {"required": needed_serviceable, "shortfall": serviceable_short}
        gaps = (gap("serviceable", needed_serviceable, serviceable, serviceable_short, "items"),)
        return Outcome(Status.SHORTFALL, "equipment.shortfall.serviceable", values, evidence, gaps)
    values |= {"shortfall": quantity_short}
    gaps = (gap("quantity", quantity, declared, quantity_short, "items"),)
    return Outcome(Status.SHORTFALL, "equipment.shortfall.quantity", values, evidence, gaps)
