"""``pkcheck match --format csv``: the allocation flat, for a spreadsheet.

RFC 4180 (comma-separated, CRLF line ends), UTF-8, with a header row, and the same guard against
formulas as the gaps register's CSV (``pkcheck.formats.gaps_csv``): every text cell quoted and
made inert, numbers pkcheck computes written bare. One row per:

- ``allocation``: an offer given to a unit's gap (``amount``: people trained or items), with
  ``explanation`` saying why;
- ``unmet``: what remains of a gap (``amount``), ``reason`` the codes of why offers of its code
  did not apply (``language``, ``no-languages``, ``late``, ``exhausted``, ``team-taken``);
- ``left``: what is left of an offer partly given (``amount``);
- ``unused``: an offer given to no gap (``amount``: all of it).
"""

from __future__ import annotations

from pkcheck.analyses.match import Gap, Matching, Offer
from pkcheck.escapes import inert
from pkcheck.formats.gaps_csv import _quoted, safe
from pkcheck.formats.matching import skipped, why
from pkcheck.i18n import N_, _
from pkcheck.measures import plain_amount

HEADER = (
    "row",
    "offer",
    "partner",
    "offer_kind",
    "code",
    "unit",
    "country",
    "declaration",
    "category",
    "what",
    "measure",
    "amount",
    "severity",
    "deployment_date",
    "rank",
    "reason",
    "explanation",
)
NUMBERS = frozenset({"amount", "rank"})
HEADER_WORDS = {
    "row": N_("row"),
    "offer": N_("offer"),
    "partner": N_("partner"),
    "offer_kind": N_("offer_kind"),
    "code": N_("code"),
    "unit": N_("unit"),
    "country": N_("country"),
    "declaration": N_("declaration"),
    "category": N_("category"),
    "what": N_("what"),
    "measure": N_("measure"),
    "amount": N_("amount"),
    "severity": N_("severity"),
    "deployment_date": N_("deployment_date"),
    "rank": N_("rank"),
    "reason": N_("reason"),
    "explanation": N_("explanation"),
}


def render(matching: Matching) -> str:
    lines = [",".join(_quoted(safe(_(HEADER_WORDS[name]))) for name in HEADER)]
    for row in rows(matching):
        lines.append(",".join(_field(column, value) for column, value in zip(HEADER, row, strict=True)))
    return inert("".join(line + "\r\n" for line in lines))


def _offer(offer: Offer) -> list[str]:
    return [offer.id, offer.partner, offer.kind.value, offer.code]


def _gap(gap: Gap) -> list[str]:
    share, line = gap.share, gap.line
    return [share.unit_id, share.country, share.declaration, line.category.value, line.what, line.measure]


def rows(matching: Matching) -> list[list[str]]:
    found = []
    for a in matching.allocations:
        gap = a.gap
        found.append(
            [
                "allocation",
                *_offer(a.offer),
                *_gap(gap),
                plain_amount(a.amount),
                gap.severity.value,
                gap.deployment.isoformat(),
                str(gap.rank),
                "",
                why(a),
            ]
        )
    for outcome in matching.gaps:
        if outcome.remaining > 0:
            gap = outcome.gap
            found.append(
                [
                    "unmet",
                    "",
                    "",
                    "",
                    "",
                    *_gap(gap),
                    plain_amount(outcome.remaining),
                    gap.severity.value,
                    gap.deployment.isoformat(),
                    str(gap.rank),
                    " ".join(f"{n.offer.id}:{n.skip.value}" for n in outcome.notes),
                    "; ".join(f"{n.offer.id}: {skipped(n, gap)}" for n in outcome.notes),
                ]
            )
    for use in matching.offers:
        if use.left > 0:
            kind = "left" if use.allocations else "unused"
            found.append(
                [
                    kind,
                    *_offer(use.offer),
                    "",
                    "",
                    "",
                    "",
                    "",
                    use.offer.measure,
                    plain_amount(use.left),
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    return found


def _field(column: str, value: str) -> str:
    if column in NUMBERS and value and value.replace(".", "", 1).isdigit():
        return value
    return _quoted(safe(value))
