"""``--format html``: one self-contained page for a portfolio of units or a single unit.

The page needs nothing but itself: the styles are inline, the compliance bars are inline SVG,
and a Content-Security-Policy meta tag forbids fetching anything (no scripts, no fonts, no
images but ``data:``), so it opens the same offline, from a mail attachment or a file share.
Reference links of findings are shown by their titles only, for the same reason.

In order: a header with the as-of date and pkcheck version; the portfolio's compliance bars per
category (met, open, waived); one card per unit (unit id, name, country, type, the standard
and its version, the verdict in its colour and words, its own bars), worst first as in the text
report (``pkcheck.report.worst_unit_first``); per unit, in the same order, a section with a
table of its open findings, most severe first, with severity colours and words and the amounts
required, declared and short and where in the file; what is waived; for a unit verified against
its MOU, the verification (which MOU and amendment applied, a row per Annex B line and the totals
by COE category, as the text report has them: ``pkcheck.formats.verification``); and the gaps register of ``pkcheck gaps``
(``pkcheck.analyses.gaps.build``): what would close the open shortfalls, summed across units
(a total that may rest on an illustrative threshold marked as a required amount is), and the
requirements without evidence. Every value that comes from an input file is shown escaped
(``pkcheck.escapes``: no control or bidi character reaches the page) and HTML-escaped, quotes
included, in text and attributes alike.

The stylesheet keeps the page within a 1024-pixel screen (tables at fixed column widths, long
cells wrapped) and prints it on A4, the summary first and then a unit a page.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pkcheck import measures, words
from pkcheck.analyses import gaps, parity
from pkcheck.diagnostics import Location
from pkcheck.enums import Category, Severity
from pkcheck.escapes import MARKUP_SPELLING, inert, shown
from pkcheck.formats import amounts, counted, since, verification
from pkcheck.formats.amounts import amount, plain, shortfalls, titled
from pkcheck.i18n import N_, _, day, language, ngettext, number
from pkcheck.report import AppliedMou, BaselineComparison, Finding, Report, Result, Status, worst_unit_first

SEVERITIES = sorted(Severity, key=lambda s: -s.rank)
# Bar segments, in drawing order: (name, statuses counted, colour). The colours differ in
# lightness as well as hue (met mid, open dark, waived light), so a bar reads in greyscale too.
SEGMENTS = (
    ("met", (Status.MET,), "#2da44e"),
    ("open", (Status.SHORTFALL, Status.NO_EVIDENCE), "#a40e26"),
    ("waived", (Status.WAIVED,), "#d1d9e0"),
)
SEGMENT_NAMES = {"met": N_("met"), "open": N_("open"), "waived": N_("waived")}  # as people read them
# The bars' text is laid out without measuring it (no script), so its width is reserved per
# character, at a little more than a character of the sans-serif fonts takes: 0.62 em.
EM_PER_CHARACTER = 0.62
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Tables are laid out at fixed column widths (table-layout:fixed), so a long cell wraps inside
# its column instead of widening the table past the screen or squeezing its neighbours; the
# widths are per table, by column (Required holds "(illustrative)" whole, never broken inside
# the word). Text colours on their backgrounds are at least 4.5:1. In print, a pixel of padding
# keeps the right border of a full-width table inside the printed area.
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px}h3{font-size:16px;margin:0}
.meta{color:#59636e}
nav a{margin-right:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}
.card{background:#fff;border:1px solid #d1d9e0;border-left:8px solid var(--v);border-radius:6px;padding:10px 12px;min-width:0}
.card .verdict{display:inline-block;background:var(--v);color:#fff;font-weight:600;border-radius:10px;padding:0 8px;margin:4px 0}
.card p,.print-only p{margin:2px 0}.small{font-size:12px;color:#59636e}
.v-ready{--v:#1a7f37}.v-conditional{--v:#8a5c00}.v-not-ready{--v:#cf222e}.v-invalid{--v:#636c76}
section.unit{background:#fff;border:1px solid #d1d9e0;border-radius:6px;padding:12px 16px;margin:12px 0}
section.unit>h2{margin-top:4px}
table{border-collapse:collapse;width:100%;margin:8px 0;background:#fff;table-layout:fixed}
th,td{box-sizing:border-box;border:1px solid #d1d9e0;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4;overflow-wrap:normal}td.n{text-align:right;overflow-wrap:normal}
td ul{margin:0;padding:0 0 0 1.1em}td.where{overflow-wrap:break-word}
.sev{font-size:12px;font-weight:600;color:#fff;border-radius:4px;padding:0 5px;white-space:nowrap}
.s-critical{background:#a40e26}.s-major{background:#b3400a}.s-minor{background:#8a5c00}.s-advisory{background:#0969da}
.findings th:nth-child(1),.register th:nth-child(1),.evidence th:nth-child(1){width:6.5em}
.findings th:nth-child(2){width:16%}.findings th:nth-child(4){width:8em}.findings th:nth-child(5){width:6em}
.findings th:nth-child(6){width:14%}.findings th:nth-child(7){width:13%}
.register th:nth-child(2){width:7.5em}.register th:nth-child(3){width:24%}.register th:nth-child(4){width:9em}
.register th:nth-child(6){width:16%}
.evidence th:nth-child(2){width:35%}.evidence th:nth-child(3){width:4.5em}
.parity th:nth-child(1){width:6.5em}.parity th:nth-child(2){width:13em}
.mou-lines th:nth-child(1){width:6.5em}.mou-lines th:nth-child(n+3){width:6.5em}.mou-lines th:nth-child(5){width:7.5em}
.mou-totals th:nth-child(n+2){width:6.5em}.mou-totals th:nth-child(5){width:7.5em}
section.unit h3{margin:16px 0 4px}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #59636e}
svg{display:block;max-width:100%;height:auto}.print-only{display:none}
@page{size:A4;margin:14mm 12mm}
@media print{
body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:none;padding:0 1px}
nav{display:none}
.print-only{display:block;margin:4px 0 8px}
table{font-size:8.5pt}
a{color:inherit;text-decoration:none}
h2,h3{break-after:avoid}
.cards{grid-template-columns:repeat(3,1fr);gap:8px}
.card{break-inside:avoid}
section.unit,section.register{break-before:page;border:0;border-radius:0;padding:0;margin:0}
section.register>h2{margin-top:0}
tr,li{break-inside:avoid}
thead{display:table-header-group}
}
"""


def render(report: Report) -> str:
    """The whole page: deterministic for the same report. Units are worst first, in the
    order of the text report, in the cards and in the sections alike."""
    results = sorted(report.results, key=worst_unit_first)
    anchors = _anchors(results)
    body = [
        "<main>",
        _header(report),
        _portfolio_bars(report),
        _women_by_country(report),
        _baseline(report.baseline),
        '<h2 id="units">' + _("Units") + '</h2>\n<div class="cards">',
        *(_card(result, anchor) for result, anchor in zip(results, anchors, strict=True)),
        "</div>",
        *(_details(result, anchor, report.baseline) for result, anchor in zip(results, anchors, strict=True)),
        _register(report),
        _warnings(report),
        "</main>",
    ]
    return page(_("Deployment readiness report, as of {date}").format(date=escape(day(report.as_of))), body)


def page(title: str, body: Iterable[str | None], style: str = "") -> str:
    """A whole self-contained page of ``body`` (its parts, None for an absent one) and
    ``title`` (HTML text: what comes from a file in it already escaped): this
    format's style sheet with ``style`` after it, the content security policy that allows no
    script and nothing from elsewhere, and no line a CI runner would obey. The report, the
    progress of units and the match of offers are each such a page."""
    return inert(
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{language()}">',
                "<head>",
                '<meta charset="utf-8">',
                f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{title}</title>",
                f"<style>{STYLE}{style}</style>",
                "</head>",
                "<body>",
                *filter(None, body),
                "</body>",
                "</html>",
            ]
        )
        + "\n",
        MARKUP_SPELLING,
    )


def escape(value: object) -> str:
    """A value from a file as HTML text or an attribute value."""
    return html.escape(shown(value), quote=True)


def _header(report: Report) -> str:
    verdicts = Counter(result.verdict for result in report.results)
    standards = sorted({f"{r.standard.id} {r.standard.version}" for r in report.results if r.standard})
    total = len(report.results)
    units = ngettext("{count} unit(s): {verdicts}", "{count} unit(s): {verdicts}", total).format(
        count=number(total), verdicts=escape(counted.verdict_list(verdicts))
    )
    dated = _("As of {date}").format(date=f"<strong>{escape(day(report.as_of))}</strong>")
    return "\n".join(
        [
            "<header>",
            "<h1>" + _("Deployment readiness report") + "</h1>",
            f'<p class="meta">{dated} · pkcheck {escape(report.tool_version)} · {units}</p>',
            '<p class="meta">'
            + _("Standards: {standards}").format(standards=escape(", ".join(standards) or _("none")))
            + "</p>",
            _nav(report),
            "</header>",
        ]
    )


def _nav(report: Report) -> str:
    """Links to the parts of a long page; on screen only (the print stylesheet leaves it out)."""
    links = [("units", _("Units")), ("gaps", _("Gaps register"))]
    links += [("warnings", _("Warnings"))] if report.warnings else []
    items = "".join(f'<a href="#{anchor}">{name}</a>' for anchor, name in links)
    label = escape(_("Parts of the page"))
    return f'<nav class="small" aria-label="{label}">{items}</nav>'


def _portfolio_bars(report: Report) -> str:
    findings = [f for result in report.results for f in result.findings]
    if not findings:
        return ""
    return "<h2>" + _("Compliance by category") + "</h2>\n" + _legend() + "\n" + bars_svg(findings)


NUMBER = '<td class="n">'


def _women_by_country(report: Report) -> str:
    """A portfolio's share of women by country against its units' target (``pkcheck.analyses.parity``)."""
    shares = parity.country_shares(report) if len(report.results) > 1 else ()
    if not shares:
        return ""
    # Country and target read as text; the counts and the share are numbers, aligned right.
    rows = "\n".join(
        "<tr>"
        + "".join((NUMBER if i >= 2 else "<td>") + f"{escape(v)}</td>" for i, v in enumerate(parity.cells(line)))
        + "</tr>"
        for line in shares
    )
    undeclared = sum(line.undeclared for line in shares)
    note = f'\n<p class="small">{escape(parity.undeclared_text(undeclared))}</p>' if undeclared else ""
    return (
        "<h2>"
        + _("Women by country")
        + f'</h2>\n<p class="small">{escape(parity.heading())}</p>\n'
        + _table_head("parity", _("Women by country"), parity.columns())
        + f"\n{rows}\n</tbody></table>{note}"
    )


def _legend() -> str:
    items = "".join(
        f'<span><i style="background:{colour}"></i>' + _(SEGMENT_NAMES[name]) + "</span>"
        for name, _statuses, colour in SEGMENTS
    )
    return f'<p class="legend small">{items} ' + _("(requirements; not applicable ones left out)") + "</p>"


def category_counts(findings: Iterable[Finding]) -> dict[Category, dict[str, int]]:
    """Per category (in the standard order), how many requirements are met, open and waived."""
    counts: dict[Category, dict[str, int]] = {}
    for finding in findings:
        for name, statuses, _colour in SEGMENTS:
            if finding.status in statuses:
                row = counts.setdefault(finding.category, {segment: 0 for segment, _s, _c in SEGMENTS})
                row[name] += 1
    return {category: counts[category] for category in Category if category in counts}


def bars_svg(findings: Iterable[Finding], width: int = 560) -> str:
    """One stacked horizontal bar per category, its segments proportional to the counts, between
    the category's name and its ``met/total met`` count; the bar takes the width the longest
    name and count leave. It scales down to its container (``viewBox``)."""
    rows = category_counts(findings)
    counts_text = {
        category: _("{met}/{applicable} met").format(met=number(counts["met"]), applicable=number(sum(counts.values())))
        for category, counts in rows.items()
    }
    label_width = _text_width(max((words.category(c) for c in rows), key=len, default=""), 13) + 8
    count_width = _text_width(max(counts_text.values(), key=len, default=""), 12) + 8
    bar_width, row_height = max(width - label_width - count_width, 40), 22
    width = label_width + bar_width + count_width
    height = row_height * len(rows) + 4
    parts = [
        (
            f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            'aria-label="' + escape(_("compliance by category")) + '">'
        )
    ]
    for index, (category, counts) in enumerate(rows.items()):
        y = index * row_height + 2
        total = sum(counts.values())
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">{words.category(category)}</text>')
        done = 0
        for name, _statuses, colour in SEGMENTS:
            # From the running total, so that the segments always add up to the whole bar.
            start, done = _scaled(bar_width, done, total), done + counts[name]
            length = _scaled(bar_width, done, total) - start
            if length:
                parts.append(
                    f'<rect x="{label_width + start}" y="{y + 3}" width="{length}" height="16" fill="{colour}">'
                    "<title>"
                    + _("{category}: {count} {segment}").format(
                        category=words.category(category), count=number(counts[name]), segment=_(SEGMENT_NAMES[name])
                    )
                    + "</title></rect>"
                )
        parts.append(
            f'<text x="{label_width + bar_width + 8}" y="{y + 15}" font-size="12">{counts_text[category]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _text_width(text: str, font_size: int) -> int:
    return math.ceil(len(text) * font_size * EM_PER_CHARACTER)


def _scaled(width: int, count: int, total: int) -> int:
    return round(width * count / total) if total else 0


def _unit(result: Result) -> Mapping[str, object]:
    return result.unit or {}


def _anchors(results: list[Result]) -> list[str]:
    """A fragment id per unit, from its unit id made safe for an attribute (ids come from input
    files); a second unit whose id gives the same fragment (two files of one unit, or ids that
    differ only in characters made safe) gets ``-2``, a third ``-3``, so each card links to its
    own section."""
    anchors: list[str] = []
    taken: set[str] = set()
    for result in results:
        raw = str(_unit(result).get("id", result.path))
        base = "u-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in raw)
        anchor, number = base, 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _card(result: Result, anchor: str) -> str:
    unit = _unit(result)
    verdict = result.verdict
    bars = bars_svg(result.findings, width=250) if result.findings else ""
    return "\n".join(
        [
            f'<div class="card v-{verdict.value}">',
            f'<h3><a href="#{anchor}">{escape(str(unit.get("id", result.path)))}</a></h3>',
            f"<p>{escape(str(unit.get('name', '')))}</p>",
            f'<span class="verdict">{words.verdict(verdict)}</span>',
            *_facts(result),
            bars,
            "</div>",
        ]
    )


def _facts(result: Result, *, with_file: bool = True) -> list[str]:
    """What a card says of its unit besides its id, name and verdict: country, type and
    mission, standard, open findings by severity. The unit's printed page says it too."""
    unit = _unit(result)
    standard = f"{result.standard.id} {result.standard.version}" if result.standard else "-"
    kind = result.unit_titles.get("type") or unit.get("type", "-")
    mission = f" · {escape(str(result.unit_titles.get('mission') or unit['mission']))}" if unit.get("mission") else ""
    open_by = Counter(f.severity for f in result.findings if f.failing)
    opened = ", ".join(counted.severities(open_by[s], s) for s in SEVERITIES if open_by[s]) or _("none")
    country = _("Country {country}").format(country=escape(str(unit.get("country", "-"))))
    return [
        f'<p class="small">{country} · {escape(str(kind))}{mission}</p>',
        '<p class="small">' + _("Standard {standard}").format(standard=escape(standard)) + "</p>",
        *(['<p class="small">' + _("File {path}").format(path=escape(result.path)) + "</p>"] if with_file else []),
        '<p class="small">' + _("Open: {severities}").format(severities=opened) + "</p>",
    ]


def _baseline(comparison: BaselineComparison | None) -> str:
    """The report against its baseline: the counts of each state, the notes, the units gone."""
    if comparison is None:
        return ""
    lines = ['<section class="baseline">', "<p>" + escape(since.summary(comparison)) + "</p>"]
    lines += ['<p class="small">' + escape(note) + "</p>" for note in since.notes(comparison)]
    heading = since.gone_heading(comparison)
    if heading is not None:
        lines.append("<p>" + escape(heading) + "</p><ul>")
        lines += [_item(escape(u), escape(t)) for u, t in map(since.gone_item, comparison.gone)]
        lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _details(result: Result, anchor: str, comparison: BaselineComparison | None = None) -> str:
    """The unit's section, which its card links to (a page of its own in print): its open
    findings, what is waived and the errors that stopped it; a line when there is none."""
    open_findings = sorted((f for f in result.findings if f.failing), key=lambda f: (-f.severity.rank, f.requirement))
    waived = [f for f in result.findings if f.status is Status.WAIVED]
    outside = [f for f in result.findings if f.status is Status.NOT_APPLICABLE]
    unit = _unit(result)
    title = str(unit.get("id", result.path)) + (f" ({unit['name']})" if unit.get("name") else "")
    lines = [
        f'<section class="unit" id="{anchor}">',
        "<h2>"
        + _("{unit}: {verdict}").format(
            unit=escape(title),
            verdict=f'<span class="v-{result.verdict.value}" style="color:var(--v)">{words.verdict(result.verdict)}</span>',
        )
        + "</h2>",
        '<p class="small">' + _("File {path}").format(path=escape(result.path)) + "</p>",
        *(
            ["<p>" + escape(since.verdict_change(change)) + "</p>"]
            if (change := since.change(comparison, result))
            else []
        ),
        # On paper a unit's page stands alone (its card is pages away): what the card says, again.
        '<div class="print-only">',
        *_facts(result, with_file=False),  # the section names its file already
        bars_svg(result.findings) if result.findings else "",
        "</div>",
    ]
    if not (open_findings or waived or result.errors):
        lines.append("<p>" + _("No open findings; nothing waived.") + "</p>")
    if result.errors:
        lines.append("<p>" + _("The declaration could not be checked:") + "</p><ul>")
        lines += [_item(escape(str(e.location)), escape(e.message)) for e in result.errors]
        lines.append("</ul>")
    if open_findings:
        lines.append(
            _table_head(
                "findings",
                _("Open findings of {unit}, most severe first").format(unit=unit.get("id", result.path)),
                amounts.finding_headers(),
            )
        )
        lines += [_finding_row(f, since.state(comparison, result, f)) for f in open_findings]
        lines.append("</tbody></table>")
        if amounts.marked(open_findings):
            lines.append(f'<p class="small">{escape(amounts.legend())}</p>')
    if waived:
        lines.append("<p>" + _("Waived:") + "</p><ul>")
        lines += [_listed(f) for f in waived]
        lines.append("</ul>")
    if outside:
        # Not yet (or no longer) in force: shown so that a contributor sees what is coming.
        lines.append("<p>" + _("Not applicable on the reference date:") + "</p><ul>")
        lines += [_listed(f) for f in outside]
        lines.append("</ul>")
    if change is not None and change.closed:
        lines.append("<p>" + escape(since.closed_heading(change)) + "</p><ul>")
        lines += [_item(escape(lead), escape(said)) for lead, said in map(since.closed_item, change.closed)]
        lines.append("</ul>")
    if result.mou is not None:
        lines.append(_verification(result.mou, str(unit.get("id", result.path))))
    lines.append("</section>")
    return "\n".join(lines)


def _verification(mou: AppliedMou, unit_id: str) -> str:
    """The unit's MOU verification: the MOU applied, its Annex B lines and their totals."""
    lines = [
        "<h3>" + _("MOU verification") + "</h3>",
        f"<p>{verification.applied(mou, escape)}</p>",
        f'<p class="small">{escape(verification.rule(mou))}</p>',
    ]
    if not mou.lines:
        return "\n".join([*lines, f"<p>{escape(verification.no_lines())}</p>"])
    rows = [verification.line_cells(line) for line in mou.lines]
    named = _("MOU lines of {unit}").format(unit=unit_id)
    lines.append(_values_table("mou-lines", named, verification.HEADERS, rows))
    totals = verification.totals(mou)
    named = _("MOU totals of {unit} by COE category").format(unit=unit_id)
    lines.append(_values_table("mou-totals", named, verification.TOTAL_HEADERS, totals))
    return "\n".join(lines)


def _values_table(kind: str, label: str, english: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A table of values from files under ``english`` headers in the language in use, numbers
    to the right."""
    numeric = verification.numeric(english)
    body = "\n".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(v)}</td>' if n else f"<td>{escape(v)}</td>"
            for v, n in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f"{_table_head(kind, label, verification.headers(english))}\n{body}\n</tbody></table>"


def _finding_row(finding: Finding, marker: str | None = None) -> str:
    gaps = finding.gaps

    def column(values: Iterable[str]) -> str:
        return "<br>".join(escape(v) for v in values) or "-"

    short_cell = words.status(Status.NO_EVIDENCE) if finding.status is Status.NO_EVIDENCE else _short_cell(finding)
    where = _path_line(finding.location)
    for related in finding.related:  # the MOU line an MOU finding verifies
        where += '<br><span class="small">' + _("MOU line") + f"</span> {_path_line(related.location)}"
    return (
        f'<tr><td><span class="sev s-{finding.severity.value}">{words.severity(finding.severity)}</span></td>'
        f"<td><strong>{escape(finding.requirement)}</strong> {escape(finding.title)}"
        + ("" if marker is None else f'<br><em class="small">{escape(marker)}</em>')
        + "</td>"
        f"<td>{escape(finding.message)}</td>"
        f'<td class="n">{column(amounts.required(g, finding) for g in gaps)}</td>'
        f'<td class="n">{column(amount(g.declared) for g in gaps)}</td>'
        f'<td>{short_cell}</td><td class="where">{where}</td></tr>'
    )


def _path_line(location: Location) -> str:
    """``path:line`` for the Where column. A file name is long for its column: it may break
    after a slash or a dot, and only there (td.where does not break words), so the line number
    stays whole with what precedes it."""
    return re.sub(r"([/.])", r"\1<wbr>", escape(location.path)) + f":{location.line}"


def _short_cell(finding: Finding) -> str:
    """Each gap's shortfall on a line of its own; a list of missing entries (capabilities,
    items) as a list, an entry a line, under what the shortfall says before it."""
    cells = []
    for gap, text in zip(finding.gaps, shortfalls(finding), strict=True):
        if isinstance(gap.shortfall, tuple) and gap.shortfall:
            entries = titled(gap.shortfall, finding.titles)
            head = text.removesuffix(plain(entries)).rstrip()
            cells.append(escape(head) + "<ul>" + "".join(f"<li>{escape(e)}</li>" for e in entries) + "</ul>")
        else:
            cells.append(escape(text))
    return "<br>".join(cells) or "-"


def _table_head(kind: str, label: str, headers: Iterable[str]) -> str:
    """A data table's start: its class (which sets its column widths), its name for assistive
    technology, and its column headers."""
    cells = "".join(f'<th scope="col">{header}</th>' for header in headers)
    return f'<table class="{kind}" aria-label="{escape(label)}"><thead><tr>{cells}</tr></thead><tbody>'


def _listed(finding: Finding) -> str:
    """A waived or not-applicable finding as a list item: why it is not open."""
    waiver = finding.waiver
    why = (
        _("{reason} (approved by {approver}, expires {date})").format(
            reason=waiver.reason, approver=waiver.approved_by, date=day(waiver.expires)
        )
        if waiver
        else finding.message
    )
    return _item(f"<strong>{escape(finding.requirement)}</strong> {escape(finding.title)}", escape(why))


def _item(lead: str, text: str) -> str:
    """A list item: what it is about, then what is said of it (both HTML already)."""
    return "<li>" + _("{lead}: {text}").format(lead=lead, text=text) + "</li>"


def _register(report: Report) -> str:
    """``pkcheck gaps``' register of the same report (``pkcheck.analyses.gaps``), one source of
    truth: what would close the open shortfalls, summed across units, then the requirements
    without evidence. Invalid declarations have their cards and errors above."""
    register = gaps.build(report)
    if not (register.lines or register.evidence_missing):
        # No page of its own in print for one line.
        return (
            '<section id="gaps">\n<h2>'
            + _("Gaps register")
            + "</h2>\n<p>"
            + _("No open findings.")
            + "</p>\n</section>"
        )
    said = _(
        "What would close the open shortfalls, summed across units (waived ones left out): "
        "the register pkcheck gaps lists."
    )
    lines = [
        '<section class="register" id="gaps">',
        "<h2>" + _("Gaps register") + "</h2>",
        f'<p class="small">{said}</p>',
    ]
    if register.lines:
        lines.append(
            _table_head(
                "register",
                _("What would close the open shortfalls"),
                (
                    _("Severity"),
                    _("Category"),
                    _("What closes it"),
                    _("Short"),
                    _("Units concerned"),
                    _("Requirements"),
                ),
            )
        )
        lines += [_register_line(line) for line in register.lines]
        lines.append("</tbody></table>")
        if register.illustrative:
            lines.append(f'<p class="small">{escape(amounts.legend())}</p>')
    if register.evidence_missing:
        lines.append("<h3>" + _("Evidence missing (not counted above)") + "</h3>")
        lines.append(
            _table_head(
                "evidence",
                _("Requirements without evidence"),
                (_("Severity"), _("Requirement"), _("Units"), _("Units concerned")),
            )
        )
        lines += [_evidence_missing(missing) for missing in register.evidence_missing]
        lines.append("</tbody></table>")
    lines.append("</section>")
    return "\n".join(lines)


def _register_line(line: gaps.Line) -> str:
    kind = words.gap_kind(line.kind) + (
        _(", COE {category}").format(category=line.coe_category) if line.coe_category else ""
    )
    units = "<br>".join(escape(f"{s.unit_id} ({s.country}) {measures.amount_text(s.amount)}") for s in line.units)
    return (
        f'<tr><td><span class="sev s-{line.severity.value}">{words.severity(line.severity)}</span></td>'
        f"<td>{words.category(line.category)}</td>"
        f'<td>{escape(gaps.label(line))}<br><span class="small">{escape(kind)}</span></td>'
        f'<td class="n">{escape(amounts.mark(measures.measured(line.total, line.measure), line.illustrative))}</td>'
        f"<td>{units}</td><td>{escape(', '.join(line.requirements))}</td></tr>"
    )


def _evidence_missing(missing: gaps.EvidenceMissing) -> str:
    units = ", ".join(f"{u.unit_id} ({u.country})" for u in missing.units)
    return (
        f'<tr><td><span class="sev s-{missing.severity.value}">{words.severity(missing.severity)}</span></td>'
        f"<td><strong>{escape(missing.requirement)}</strong> {escape(missing.title)}</td>"
        f'<td class="n">{number(len(missing.units))}</td><td>{escape(units)}</td></tr>'
    )


def _warnings(report: Report) -> str:
    if not report.warnings:
        return ""
    items = "".join(_item(escape(str(w.location)), escape(w.message)) for w in report.warnings)
    return '<h2 id="warnings">' + _("Warnings") + f"</h2>\n<ul>{items}</ul>"
