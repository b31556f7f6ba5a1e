"""``pkcheck match --format json``: the ``match/v1`` document (``pkcheck.models.match``)."""

from __future__ import annotations

from typing import Any

from pkcheck.analyses.match import Allocation, Gap, GapOutcome, Matching, OfferUse, Unmet
from pkcheck.enums import FileKind
from pkcheck.formats.json_report import dumps
from pkcheck.formats.matching import RULE, skipped, why
from pkcheck.i18n import _


def render(matching: Matching) -> str:
    return dumps(to_dict(matching)) + "\n"


def to_dict(matching: Matching) -> dict[str, Any]:
    outcomes = matching.gaps
    return {
        "pkcheck": FileKind.MATCH.value,
        "tool": {"name": "pkcheck", "version": matching.tool_version},
        "as_of": matching.as_of.isoformat(),
        "offers_file": matching.offers_file,
        "declarations": matching.declarations,
        "rule": _(RULE),
        "summary": {
            "gaps": len(outcomes),
            "met": sum(1 for o in outcomes if o.remaining <= 0),
            "partly_met": sum(1 for o in outcomes if o.met > 0 and o.remaining > 0),
            "offers": len(matching.offers),
            "unused": len(matching.unused()),
            "other_lines": matching.other_lines,
        },
        "allocations": [_allocation(a) for a in matching.allocations],
        "offers": [_offer(use) for use in matching.offers],
        "gaps": [_gap(o) for o in outcomes],
        "units": [
            {
                "unit": view.unit_id,
                "country": view.country,
                "declaration": view.declaration,
                "deployment_date": view.deployment.isoformat(),
                "unmet": [_unmet(u) for u in view.unmet],
            }
            for view in matching.units()
        ],
        "countries": [
            {"country": view.country, "units": view.units, "unmet": [_unmet(u) for u in view.unmet]}
            for view in matching.countries()
        ],
        "unused": [use.offer.id for use in matching.unused()],
        "invalid": [
            {"declaration": i.declaration, "unit": i.unit, "country": i.country, "errors": list(i.errors)}
            for i in matching.invalid
        ],
    }


def _line(gap: Gap) -> dict[str, Any]:
    line = gap.line
    return {"category": line.category.value, "kind": line.kind, "what": line.what, "measure": line.measure}


def _unit(gap: Gap) -> dict[str, Any]:
    share = gap.share
    return {"unit": share.unit_id, "country": share.country, "declaration": share.declaration}


def _allocation(allocation: Allocation) -> dict[str, Any]:
    offer, gap = allocation.offer, allocation.gap
    return {
        "offer": offer.id,
        "partner": offer.partner,
        "offer_kind": offer.kind.value,
        **_unit(gap),
        **_line(gap),
        "requirements": list(gap.share.requirements),
        "amount": allocation.amount,
        "why": {
            "code": offer.code,
            "language": offer.language,
            "ready": offer.ready.isoformat(),
            "deployment_date": gap.deployment.isoformat(),
            "deployment_date_given": gap.dated,
            "rank": gap.rank,
            "severity": gap.severity.value,
            "short": gap.amount,
            "explanation": why(allocation),
        },
    }


def _offer(use: OfferUse) -> dict[str, Any]:
    offer = use.offer
    return {
        "id": offer.id,
        "partner": offer.partner,
        "kind": offer.kind.value,
        "code": offer.code,
        "measure": offer.measure,
        "amount": offer.amount,
        "given": use.given,
        "left": use.left,
        "language": offer.language,
        "start": offer.start.isoformat() if offer.start else None,
        "ready": offer.ready.isoformat(),
        "place": offer.place,
        "closes": [
            {**_unit(a.gap), "what": a.gap.line.what, "category": a.gap.line.category.value, "amount": a.amount}
            for a in use.allocations
        ],
    }


def _gap(outcome: GapOutcome) -> dict[str, Any]:
    gap = outcome.gap
    return {
        **_unit(gap),
        **_line(gap),
        "rank": gap.rank,
        "severity": gap.severity.value,
        "deployment_date": gap.deployment.isoformat(),
        "requirements": list(gap.share.requirements),
        "short": gap.amount,
        "met": outcome.met,
        "remaining": outcome.remaining,
        "notes": [{"offer": n.offer.id, "reason": n.skip.value, "explanation": skipped(n, gap)} for n in outcome.notes],
    }


def _unmet(unmet: Unmet) -> dict[str, Any]:
    line = unmet.line
    return {
        "category": line.category.value,
        "kind": line.kind,
        "what": line.what,
        "measure": line.measure,
        "remaining": unmet.amount,
        "severity": unmet.severity.value,
    }
