"""``pkcheck match --format markdown``: the allocation for a memo or a pull-request comment.

The headline and the rule; a table of allocations with why; the gaps left unmet with why
offers did not apply; what remains per country; the offers left unused; the declarations that
could not be checked. Text from files is escaped as in the check report's Markdown
(``markdown.cell`` and ``markdown.code``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pkcheck import words
from pkcheck.analyses.gaps import identity, label
from pkcheck.analyses.match import Matching
from pkcheck.escapes import inert
from pkcheck.formats.markdown import cell, code
from pkcheck.formats.matching import RULE, grouped, headline, offer_kind, offered, when, why
from pkcheck.i18n import _
from pkcheck.measures import amount_text, measured


def render(matching: Matching) -> str:
    out = [
        "# " + _("Offers matched to gaps"),
        "",
        cell(headline(matching)) + ".",
        "",
        _(RULE),
        "",
        "## " + _("Allocations"),
        "",
    ]
    if matching.allocations:
        out += _table(
            (_("Offer"), _("Partner"), _("Unit"), _("Country"), _("Gap"), _("Amount"), _("Why")),
            [
                (
                    code(a.offer.id, table=True),
                    cell(a.offer.partner),
                    code(a.gap.share.unit_id, table=True),
                    a.gap.share.country,
                    cell(label(a.gap.line)),
                    measured(a.amount, a.gap.line.measure),
                    cell(why(a)),
                )
                for a in matching.allocations
            ],
        )
    else:
        out += [_("No offer applies to any gap."), ""]
    remaining = [o for o in matching.gaps if o.remaining > 0]
    out += ["## " + _("Gaps left unmet"), ""]
    if remaining:
        out += _table(
            (_("Order"), _("Unit"), _("Country"), _("Gap"), _("Severity"), _("Unmet"), _("Why offers did not apply")),
            [
                (
                    str(o.gap.rank),
                    code(o.gap.share.unit_id, table=True),
                    o.gap.share.country,
                    cell(label(o.gap.line)),
                    words.severity(o.gap.severity),
                    _("{remaining} of {short}").format(
                        remaining=amount_text(o.remaining), short=measured(o.gap.amount, o.gap.line.measure)
                    ),
                    cell("; ".join(grouped(o))),
                )
                for o in remaining
            ],
        )
    else:
        out += [_("Every gap is met."), ""]
    countries = matching.countries()
    if countries:
        out += ["## " + _("What remains per country"), ""]
        out += _table(
            (_("Country"), _("Units"), _("What remains")),
            [
                (
                    view.country,
                    str(view.units),
                    cell("; ".join(f"{label(u.line)} {measured(u.amount, u.line.measure)}" for u in view.unmet)),
                )
                for view in countries
            ],
        )
    out += ["## " + _("Offers left unused"), ""]
    unused = matching.unused()
    if unused:
        out += _table(
            (_("Offer"), _("Partner"), _("Kind"), _("Offered"), _("When")),
            [
                (
                    code(u.offer.id, table=True),
                    cell(u.offer.partner),
                    offer_kind(u.offer.kind),
                    cell(offered(u.offer)),
                    when(u.offer),
                )
                for u in unused
            ],
        )
    else:
        out += [_("Every offer is used."), ""]
    if matching.invalid:
        out += ["## " + _("Declarations that could not be checked"), ""]
        for invalid in matching.invalid:
            out.append(f"- {code(invalid.declaration)}{cell(identity(invalid))}")
            out += [f"  - {cell(error)}" for error in invalid.errors]
        out.append("")
    return inert("\n".join(out).rstrip("\n") + "\n")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]
