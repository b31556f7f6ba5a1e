"""``pkcheck match --format text``: the allocation for a terminal, plain text wrapped to the width.

A headline and the rule; then per offer what it closes (and what is left of it); the gaps left
unmet with why offers of their code did not apply; what remains per unit and per country; the
offers left unused; and the declarations that could not be checked. Every value from a file is
shown escaped (``pkcheck.escapes.shown``) and the whole output made inert for CI logs.
"""

from __future__ import annotations

from pkcheck import words
from pkcheck.analyses.gaps import identity, label
from pkcheck.analyses.match import Matching, OfferUse
from pkcheck.escapes import inert, shown
from pkcheck.formats.lines import wrapped
from pkcheck.formats.matching import RULE, grouped, headline, offer_kind, offered, when, why
from pkcheck.i18n import _
from pkcheck.measures import amount_text, measured


def render(matching: Matching, *, color: bool = False, width: int = 80) -> str:
    out: list[str] = []

    def para(text: str, indent: int = 0, first: str | None = None) -> None:
        out.extend(wrapped(text, width, indent, first))

    para(_("Offers matched to gaps ({file})").format(file=shown(matching.offers_file)))
    para(headline(matching) + ".")
    out.append("")
    para(_(RULE))
    out.append("")
    out.append(_("Offers and what they close"))
    for use in matching.offers:
        _offer(use, para)
    remaining = [o for o in matching.gaps if o.remaining > 0]
    out.append("")
    if remaining:
        out.append(_("Gaps left unmet, in the order of allocation"))
        for outcome in remaining:
            gap = outcome.gap
            para(
                _("{rank}. {unit} ({country}): {what}, {severity}: {remaining} of {short} unmet").format(
                    rank=gap.rank,
                    unit=shown(gap.share.unit_id),
                    country=gap.share.country,
                    what=shown(label(gap.line)),
                    severity=words.severity(gap.severity),
                    remaining=amount_text(outcome.remaining),
                    short=measured(gap.amount, gap.line.measure),
                ),
                4,
                "  ",
            )
            for said in grouped(outcome):
                para(shown(said), 8, "      - ")
    else:
        out.append(_("Every gap is met."))
    units = matching.units()
    if units:
        out.append("")
        out.append(_("What remains per unit"))
        for view in units:
            parts = "; ".join(f"{shown(label(u.line))} {measured(u.amount, u.line.measure)}" for u in view.unmet)
            para(f"{shown(view.unit_id)} ({view.country}): {parts}", 4, "  ")
        out.append("")
        out.append(_("What remains per country"))
        for country in matching.countries():
            parts = "; ".join(f"{shown(label(u.line))} {measured(u.amount, u.line.measure)}" for u in country.unmet)
            para(f"{country.country}: {parts}", 4, "  ")
    unused = matching.unused()
    out.append("")
    if unused:
        out.append(_("Offers left unused"))
        for use in unused:
            para(
                _("{offer} ({partner}): {offered}, {when}").format(
                    offer=shown(use.offer.id),
                    partner=shown(use.offer.partner),
                    offered=offered(use.offer),
                    when=when(use.offer),
                ),
                4,
                "  ",
            )
    else:
        out.append(_("Every offer is used."))
    if matching.other_lines:
        out.append("")
        para(
            _(
                "{count} other lines of the gaps register (medical staff, capabilities, days of supply...) are not what partners offer here: see `pkcheck gaps`."
            ).format(count=matching.other_lines)
        )
    if matching.invalid:
        out.append("")
        out.append(_("Declarations that could not be checked, not counted"))
        for invalid in matching.invalid:
            para(shown(invalid.declaration + identity(invalid)), 4, "  ")
            for error in invalid.errors:
                para(shown(error), 6, "    ")
    return inert("\n".join(out) + "\n")


def _offer(use: OfferUse, para: object) -> None:
    offer = use.offer
    assert callable(para)
    para(
        _("{offer} ({partner}, {kind}): {offered}, {when}; {given} given, {left} left").format(
            offer=shown(offer.id),
            partner=shown(offer.partner),
            kind=offer_kind(offer.kind),
            offered=offered(offer),
            when=when(offer),
            given=amount_text(use.given),
            left=amount_text(use.left),
        ),
        4,
        "  ",
    )
    for allocation in use.allocations:
        gap = allocation.gap
        para(
            _("-> {unit} ({country}): {amount} for {what}. Why: {why}").format(
                unit=shown(gap.share.unit_id),
                country=gap.share.country,
                amount=measured(allocation.amount, gap.line.measure),
                what=shown(label(gap.line)),
                why=why(allocation),
            ),
            8,
            "      ",
        )
