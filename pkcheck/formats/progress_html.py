"""``pkcheck progress --format html``: one self-contained page, with small trend charts.

No script and no external resource (the check report's Content-Security-Policy and stylesheet,
``pkcheck.formats.html``): it opens offline, prints on A4, and reads without colour. Per unit, an
inline SVG draws its open findings at each date as a bar stacked by severity (each segment with
its count and severity in a ``<title>``, each bar with its total written above it, a date the
unit was not assessed at marked ``-``), then a table gives the same figures with its verdicts,
and a list what closed and opened between its consecutive assessments. Per country, the same
chart of its units' open findings and a table of totals. Every text from a report is escaped
(``html.escape``), and the sentences are those of the text format (``progress_words``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pkcheck import words
from pkcheck.analyses.progress import SEVERITIES, Progress
from pkcheck.enums import Severity
from pkcheck.formats import progress_words as says
from pkcheck.formats.html import EM_PER_CHARACTER, escape, page
from pkcheck.i18n import _, day, number

# The severities' colours of the check report's badges (white text on them is at least 4.5:1),
# darkest first, so that the stack reads in greyscale too.
COLOURS = {
    Severity.CRITICAL: "#a40e26",
    Severity.MAJOR: "#b3400a",
    Severity.MINOR: "#8a5c00",
    Severity.ADVISORY: "#0969da",
}
# Printed, a unit is kept whole on a page, but units follow one another: the check report's
# page per unit would leave most of each page blank for a chart and three lines.
EXTRA_STYLE = """
.trend th:nth-child(1){width:9em}.trend th:nth-child(2){width:10em}.trend th:nth-child(n+3){width:7em}
.trend th:last-child{width:auto}.totals th:nth-child(1){width:9em}.assessments th:nth-child(1){width:9em}
.changes li{margin:2px 0}
section.unit h2{margin:4px 0 8px}
@media print{section.unit{break-before:auto;break-inside:avoid;margin:0 0 12px}}
"""
BAR, GAP, CHART_HEIGHT, LABEL = 34, 26, 110, 18  # pixels


def render(progress: Progress) -> str:
    days = [day(when) for when in progress.dates]
    body = [
        "<main>",
        "<h1>" + _("Progress of units") + "</h1>",
        f'<p class="meta">{escape(says.headline(progress))}</p>',
    ]
    notes = [escape(_("Note: {note}").format(note=note)) for note in progress.notes]
    body += [f'<p class="meta">{note}</p>' for note in notes]
    body += ['<nav><a href="#units">' + _("Units") + '</a><a href="#countries">' + _("By country") + "</a></nav>"]
    body += ["<h2>" + _("Assessments") + "</h2>"]
    body += _table(
        _("Assessments"),
        "assessments",
        (_("Date"), _("Report"), _("pkcheck")),
        [
            (escape(when), escape(a.path), escape(a.tool_version))
            for when, a in zip(days, progress.assessments, strict=True)
        ],
    )
    body += [_legend(), '<h2 id="units">' + _("Units") + "</h2>"]
    for unit in progress.units:
        name = _("{unit} ({country})").format(unit=unit.unit, country=unit.country)
        body += ['<section class="unit">', f"<h3>{escape(name)}</h3>"]
        totals = [None if s is None else s.by_severity() for s in unit.states]
        body.append(_chart(name, days, totals))
        rows = []
        for when, state in zip(days, unit.states, strict=True):
            if state is None:
                rows.append((escape(when), escape(says.state(None)), "", *[""] * len(SEVERITIES), ""))
                continue
            counts = state.by_severity()
            rows.append(
                (
                    escape(when),
                    escape(words.verdict(state.verdict)),
                    number(len(state.open)),
                    *(number(counts[s]) for s in SEVERITIES),
                    escape(says.by_category(state)),
                )
            )
        heads = (_("Date"), _("Verdict"), _("Open"), *(words.severity(s) for s in SEVERITIES), _("By category"))
        body += _table(_("{unit}: verdict and open findings by date").format(unit=name), "trend", heads, rows)
        if unit.changes:
            body.append('<ul class="changes">')
        for change in unit.changes:
            if not change.compared:
                details = escape(says.not_compared())
            else:
                details = escape(says.closed(change)) + "<br>" + escape(says.opened(change))
            body.append(f"<li><strong>{escape(says.change_heading(change))}</strong><br>{details}</li>")
        if unit.changes:
            body.append("</ul>")
        body.append("</section>")
    body.append('<h2 id="countries">' + _("By country") + "</h2>")
    for country in progress.countries:
        body += ['<section class="unit">', f"<h3>{escape(country.country)}</h3>"]
        body.append(_chart(country.country, days, [dict(t.open) if t.units else None for t in country.dates]))
        rows = [
            (escape(when), escape(says.country_date(totals))) for when, totals in zip(days, country.dates, strict=True)
        ]
        label = _("{country}: units and open findings by date").format(country=country.country)
        body += _table(label, "totals", (_("Date"), _("Units and open findings")), rows)
        body.append("</section>")
    body.append("</main>")
    title = says.headline(progress)
    return page(escape(title), body, EXTRA_STYLE)


def _legend() -> str:
    items = "".join(
        f'<span><i style="background:{COLOURS[s]}"></i>{escape(words.severity(s))}</span>' for s in SEVERITIES
    )
    heading = escape(_("Open findings by severity:"))
    return f'<p class="legend">{heading} {items}</p>'


def _chart(name: str, days: Sequence[str], totals: Sequence[dict[Severity, int] | None]) -> str:
    """Open findings at each date, a bar stacked by severity, scaled to the largest total."""
    largest = max((sum(t.values()) for t in totals if t is not None), default=0) or 1
    # Each date is written whole under its bar: the slot is as wide as the longest takes.
    slot = max(BAR + GAP, math.ceil(max(map(len, days), default=0) * 11 * EM_PER_CHARACTER) + 8)
    width = len(days) * slot
    height = CHART_HEIGHT + 2 * LABEL
    label = _("{name}: open findings by date").format(name=name)
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
    ]
    parts.append(
        f'<line x1="0" y1="{CHART_HEIGHT + LABEL}" x2="{width}" y2="{CHART_HEIGHT + LABEL}" stroke="#59636e"/>'
    )
    for index, (when, counts) in enumerate(zip(days, totals, strict=True)):
        centre = index * slot + slot // 2
        x = centre - BAR // 2
        base = CHART_HEIGHT + LABEL
        parts.append(f'<text x="{centre}" y="{base + 14}" font-size="11" text-anchor="middle">{escape(when)}</text>')
        if counts is None:
            parts.append(
                f'<text x="{centre}" y="{base - 4}" font-size="12" text-anchor="middle">-'
                f"<title>{escape(when)}: {escape(says.state(None))}</title></text>"
            )
            continue
        total, top = sum(counts.values()), base
        for severity in reversed(SEVERITIES):  # advisory at the top, critical at the bottom
            count = counts[severity]
            if not count:
                continue
            length = round(CHART_HEIGHT * count / largest)
            top -= length
            what = _("{date}: {word}: {count}").format(date=when, word=words.severity(severity), count=number(count))
            parts.append(
                f'<rect x="{x}" y="{top}" width="{BAR}" height="{length}" fill="{COLOURS[severity]}">'
                f"<title>{escape(what)}</title></rect>"
            )
        parts.append(f'<text x="{centre}" y="{top - 4}" font-size="12" text-anchor="middle">{number(total)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(label: str, kind: str, heads: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A data table: named, with column headers; cells come escaped."""
    found = [f'<table class="{kind}" aria-label="{escape(label)}">', "<thead><tr>"]
    found += [f'<th scope="col">{escape(head)}</th>' for head in heads]
    found.append("</tr></thead><tbody>")
    for row in rows:
        found.append("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>")
    found.append("</tbody></table>")
    return found
