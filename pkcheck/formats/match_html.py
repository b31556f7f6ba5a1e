"""``pkcheck match --format html``: the allocation as one self-contained page, styled like the
check report's page (``pkcheck.formats.html``: its style sheet and Content-Security-Policy, no
script, nothing fetched), printable on A4.

The headline and the rule; the allocations with why; the gaps left unmet with why offers did
not apply; what remains per unit and per country; the offers left unused; the declarations
that could not be checked. Every value from a file is escaped (``html.escape``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pkcheck import words
from pkcheck.analyses.gaps import identity, label
from pkcheck.analyses.match import Matching
from pkcheck.formats.html import escape, page
from pkcheck.formats.matching import RULE, grouped, headline, offer_kind, offered, when, why
from pkcheck.i18n import _, day
from pkcheck.measures import amount_text, measured

# Column widths of this page's tables (the check report's style sheet gives the rest); printed,
# its sections follow one another instead of each starting a page, as the report's units do.
MATCH_STYLE = """
.allocations th:nth-child(1){width:9em}.allocations th:nth-child(2){width:13%}.allocations th:nth-child(3){width:7.5em}
.allocations th:nth-child(4){width:16%}.allocations th:nth-child(5){width:7em}.allocations th:nth-child(6){width:38%}
.unmet th:nth-child(1){width:4em}.unmet th:nth-child(2){width:7.5em}.unmet th:nth-child(3){width:22%}
.unmet th:nth-child(4){width:6.5em}.unmet th:nth-child(5){width:9em}
.remains th:nth-child(1){width:9em}.remains th:nth-child(2){width:5em}
.unused th:nth-child(1){width:9em}.unused th:nth-child(3){width:12em}
@media print{section.register{break-before:auto;margin:0 0 12px}}
"""


def render(matching: Matching) -> str:
    body = [
        "<main>",
        "<h1>" + escape(_("Offers matched to gaps")) + "</h1>",
        '<p class="meta">'
        + escape(headline(matching))
        + ". "
        + escape(_("As of {date}; offers: {file}.").format(date=day(matching.as_of), file=matching.offers_file))
        + "</p>",
        "<p>" + escape(_(RULE)) + "</p>",
        _allocations(matching),
        _unmet(matching),
        _remains(matching),
        _unused(matching),
        _invalid(matching),
        "</main>",
    ]
    return page(escape(_("Offers matched to gaps")), body, MATCH_STYLE)


def _table(kind: str, title: str, headers: Iterable[str], rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{kind}" aria-label="{escape(title)}"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def _severity(code: str) -> str:
    return f'<span class="sev s-{escape(code)}">{escape(words.severity(code))}</span>'


def _allocations(matching: Matching) -> str:
    title = _("Allocations")
    if not matching.allocations:
        return f'<h2 id="allocations">{escape(title)}</h2><p>{escape(_("No offer applies to any gap."))}</p>'
    rows = [
        (
            escape(a.offer.id),
            escape(a.offer.partner),
            escape(a.gap.share.unit_id) + " (" + escape(a.gap.share.country) + ")",
            escape(label(a.gap.line)),
            escape(measured(a.amount, a.gap.line.measure)),
            escape(why(a)),
        )
        for a in matching.allocations
    ]
    head = (_("Offer"), _("Partner"), _("Unit"), _("Gap"), _("Amount"), _("Why"))
    return f'<section class="register"><h2 id="allocations">{escape(title)}</h2>{_table("allocations", title, head, rows)}</section>'


def _unmet(matching: Matching) -> str:
    title = _("Gaps left unmet")
    remaining = [o for o in matching.gaps if o.remaining > 0]
    if not remaining:
        return f'<h2 id="unmet">{escape(title)}</h2><p>{escape(_("Every gap is met."))}</p>'
    rows = [
        (
            str(o.gap.rank),
            escape(o.gap.share.unit_id) + " (" + escape(o.gap.share.country) + ")",
            escape(label(o.gap.line)),
            _severity(o.gap.severity.value),
            escape(
                _("{remaining} of {short}").format(
                    remaining=amount_text(o.remaining), short=measured(o.gap.amount, o.gap.line.measure)
                )
            ),
            "<br>".join(escape(said) for said in grouped(o)),
        )
        for o in remaining
    ]
    head = (_("Order"), _("Unit"), _("Gap"), _("Severity"), _("Unmet"), _("Why offers did not apply"))
    return f'<h2 id="unmet">{escape(title)}</h2>{_table("unmet", title, head, rows)}'


def _remains(matching: Matching) -> str:
    units, countries = matching.units(), matching.countries()
    if not units:
        return ""
    unit_rows = [
        (
            escape(view.unit_id) + " (" + escape(view.country) + ")",
            escape(day(view.deployment)),
            "<br>".join(escape(f"{label(u.line)}: {measured(u.amount, u.line.measure)}") for u in view.unmet),
        )
        for view in units
    ]
    country_rows = [
        (
            escape(view.country),
            str(view.units),
            "<br>".join(escape(f"{label(u.line)}: {measured(u.amount, u.line.measure)}") for u in view.unmet),
        )
        for view in countries
    ]
    per_unit, per_country = _("What remains per unit"), _("What remains per country")
    return (
        f'<h2 id="units">{escape(per_unit)}</h2>'
        + _table("remains", per_unit, (_("Unit"), _("Deploys"), _("What remains")), unit_rows)
        + f'<h2 id="countries">{escape(per_country)}</h2>'
        + _table("remains", per_country, (_("Country"), _("Units"), _("What remains")), country_rows)
    )


def _unused(matching: Matching) -> str:
    title = _("Offers left unused")
    unused = matching.unused()
    if not unused:
        return f'<h2 id="unused">{escape(title)}</h2><p>{escape(_("Every offer is used."))}</p>'
    rows = [
        (
            escape(u.offer.id),
            escape(u.offer.partner),
            escape(offer_kind(u.offer.kind)),
            escape(offered(u.offer)),
            escape(when(u.offer)),
        )
        for u in unused
    ]
    head = (_("Offer"), _("Partner"), _("Kind"), _("Offered"), _("When"))
    return f'<h2 id="unused">{escape(title)}</h2>{_table("unused", title, head, rows)}'


def _invalid(matching: Matching) -> str:
    if not matching.invalid:
        return ""
    items = "".join(
        "<li>"
        + escape(i.declaration + identity(i))
        + "<ul>"
        + "".join(f"<li>{escape(e)}</li>" for e in i.errors)
        + "</ul></li>"
        for i in matching.invalid
    )
    return f'<h2 id="invalid">{escape(_("Declarations that could not be checked"))}</h2><ul>{items}</ul>'
