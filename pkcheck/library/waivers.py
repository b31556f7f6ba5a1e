"""Load a waivers file and apply its waivers to findings (expiry judged on the as-of date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

from pkcheck.diagnostics import Location
from pkcheck.enums import FileKind
from pkcheck.i18n import _
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import locate
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import load
from pkcheck.messages import TEMPLATES, fill
from pkcheck.models.waivers import Waiver, Waivers
from pkcheck.report import Finding, Status, WaiverInfo


class LocatedWaiver(NamedTuple):
    waiver: Waiver
    location: Location


def load_waivers(path: str, limits: Limits = DEFAULT_LIMITS) -> tuple[LocatedWaiver, ...]:
    document = load(path, limits)
    model = validate(document, Waivers, FileKind.WAIVERS)
    return tuple(
        LocatedWaiver(waiver, locate(path, document.data, ("waivers", index)))
        for index, waiver in enumerate(model.waivers)
    )


def find_waiver(
    waivers: tuple[LocatedWaiver, ...], requirement: str, unit_id: str, as_of: dt.date
) -> LocatedWaiver | None:
    """The matching waiver in force, else the matching one that expires last (to say it expired)."""
    matching = [w for w in waivers if w.waiver.requirement == requirement and w.waiver.covers(unit_id)]
    in_force = [w for w in matching if w.waiver.expires >= as_of]
    candidates = in_force or matching
    return max(candidates, key=lambda w: (w.waiver.expires, w.location.line)) if candidates else None


def apply_waiver(finding: Finding, located: LocatedWaiver | None, as_of: dt.date) -> Finding:
    """A waiver in force turns a shortfall or no-evidence into ``waived``; an expired one only says so."""
    if located is None or not finding.failing:
        return finding
    waiver = located.waiver
    in_force = waiver.expires >= as_of
    info = WaiverInfo(waiver.reason, waiver.approved_by, waiver.expires, located.location, in_force)
    values = {
        "message": finding.message,
        "expires": waiver.expires.isoformat(),
        "approved_by": waiver.approved_by,
        "reason": waiver.reason,
    }
    message_id = "waiver.applied" if in_force else "waiver.expired"
    status = Status.WAIVED if in_force else finding.status
    return replace(finding, status=status, message=fill(_(TEMPLATES[message_id]), values), waiver=info)
