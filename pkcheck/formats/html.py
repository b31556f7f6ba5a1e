"""``--format html``: one self-contained page for a portfolio of units or a single unit.

The page needs nothing but itself: the styles are inline, the compliance bars are inline SVG,
and a Content-Security-Policy meta tag forbids fetching anything (no scripts, no fonts, no
images but ``data:``), so it opens the same offline, from a mail attachment or a file share.
Reference links of findings are shown by their titles only, for the same reason.

In order: a header with the as-of date and pkcheck version; the portfolio's compliance bars per
category (met, open, waived); one card per unit (unit id, name, country, type, the standard
and its version, the verdict in its colour, its own bars); per unit, a table of its open
findings, most severe first, with severity colours and the amounts required, declared and
short and where in the file; what is waived; and the gaps register of ``pkcheck gaps``
(``pkcheck.analyses.gaps.build``): what would close the open shortfalls, summed across units,
and the requirements without evidence. Every value that comes from an input file is shown escaped
(``pkcheck.escapes``: no control or bidi character reaches the page) and HTML-escaped, quotes
included, in text and attributes alike.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping

from pkcheck.analyses import gaps
from pkcheck.enums import Category, Severity
from pkcheck.escapes import MARKUP_SPELLING, inert, shown
from pkcheck.formats.amounts import amount, shortfalls
from pkcheck.report import Finding, Report, Result, Status, Verdict

SEVERITIES = sorted(Severity, key=lambda s: -s.rank)
VERDICT_LABEL = {
    Verdict.READY: "ready",
    Verdict.CONDITIONAL: "conditional",
    Verdict.NOT_READY: "not ready",
    Verdict.INVALID: "invalid",
}
# Bar segments, in drawing order: (name, statuses counted, colour).
SEGMENTS = (
    ("met", (Status.MET,), "#2da44e"),
    ("open", (Status.SHORTFALL, Status.NO_EVIDENCE), "#cf222e"),
    ("waived", (Status.WAIVED,), "#8c959f"),
)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px}h3{font-size:16px;margin:0}
.meta{color:#59636e}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}
.card{background:#fff;border:1px solid #d1d9e0;border-left:8px solid var(--v);border-radius:6px;padding:10px 12px}
.card .verdict{display:inline-block;background:var(--v);color:#fff;font-weight:600;border-radius:10px;padding:0 8px;margin:4px 0}
.card p{margin:2px 0}.small{font-size:12px;color:#59636e}
.v-ready{--v:#1a7f37}.v-conditional{--v:#9a6700}.v-not-ready{--v:#cf222e}.v-invalid{--v:#6e7781}
section.unit{background:#fff;border:1px solid #d1d9e0;border-radius:6px;padding:12px 16px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:8px 0;background:#fff}
th,td{border:1px solid #d1d9e0;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4;overflow-wrap:normal}td.n{text-align:right;white-space:nowrap}
.sev{font-weight:600;color:#fff;border-radius:4px;padding:0 6px;white-space:nowrap}
.s-critical{background:#a40e26}.s-major{background:#d1490c}.s-minor{background:#9a6700}.s-advisory{background:#0969da}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
svg{display:block}
"""


def render(report: Report) -> str:
    """The whole page: deterministic for the same report."""
    body = [
        "<main>",
        _header(report),
        _portfolio_bars(report),
        '<h2>Units</h2>\n<div class="cards">',
        *(_card(result) for result in report.results),
        "</div>",
        *(_details(result) for result in report.results),
        _register(report),
        _warnings(report),
        "</main>",
    ]
    return inert(
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en">',
                "<head>",
                '<meta charset="utf-8">',
                f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>Deployment readiness report, as of {report.as_of.isoformat()}</title>",
                f"<style>{STYLE}</style>",
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
    counted = ", ".join(f"{verdicts[v]} {VERDICT_LABEL[v]}" for v in Verdict)
    standards = sorted({f"{r.standard.id} {r.standard.version}" for r in report.results if r.standard})
    return "\n".join(
        [
            "<header>",
            "<h1>Deployment readiness report</h1>",
            (
                f'<p class="meta">As of <strong>{report.as_of.isoformat()}</strong> · pkcheck {escape(report.tool_version)} · '
                f"{len(report.results)} unit(s): {counted}</p>"
            ),
            f'<p class="meta">Standards: {escape(", ".join(standards) or "none")}</p>',
            "</header>",
        ]
    )


def _portfolio_bars(report: Report) -> str:
    findings = [f for result in report.results for f in result.findings]
    if not findings:
        return ""
    return "<h2>Compliance by category</h2>\n" + _legend() + "\n" + bars_svg(findings)


def _legend() -> str:
    items = "".join(f'<span><i style="background:{colour}"></i>{name}</span>' for name, _, colour in SEGMENTS)
    return f'<p class="legend small">{items} (requirements; not applicable ones left out)</p>'


def category_counts(findings: Iterable[Finding]) -> dict[Category, dict[str, int]]:
    """Per category (in the standard order), how many requirements are met, open and waived."""
    counts: dict[Category, dict[str, int]] = {}
    for finding in findings:
        for name, statuses, _ in SEGMENTS:
            if finding.status in statuses:
                row = counts.setdefault(finding.category, {segment: 0 for segment, _, _ in SEGMENTS})
                row[name] += 1
    return {category: counts[category] for category in Category if category in counts}


def bars_svg(findings: Iterable[Finding], width: int = 560) -> str:
    """One stacked horizontal bar per category, its segments proportional to the counts."""
    rows = category_counts(findings)
    label_width, bar_width, row_height = 110, width - 110 - 80, 22
    parts = [
        f'<svg width="{width}" height="{row_height * len(rows) + 4}" role="img" aria-label="compliance by category">'
    ]
    for index, (category, counts) in enumerate(rows.items()):
        y = index * row_height + 2
        total = sum(counts.values())
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">{category.value}</text>')
        x = label_width
        for name, _, colour in SEGMENTS:
            length = round(bar_width * counts[name] / total) if total else 0
            if length:
                parts.append(
                    f'<rect x="{x}" y="{y + 3}" width="{length}" height="16" fill="{colour}">'
                    f"<title>{category.value}: {counts[name]} {name}</title></rect>"
                )
            x += length
        met = counts["met"]
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 15}" font-size="12">{met}/{total} met</text>')
    parts.append("</svg>")
    return "".join(parts)


def _unit(result: Result) -> Mapping[str, object]:
    return result.unit or {}


def _anchor(result: Result) -> str:
    """A fragment id from the unit id, made safe for an attribute (ids come from input files)."""
    raw = str(_unit(result).get("id", result.path))
    return "u-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in raw)


def _card(result: Result) -> str:
    unit = _unit(result)
    verdict = result.verdict
    standard = f"{result.standard.id} {result.standard.version}" if result.standard else "-"
    kind = result.unit_titles.get("type") or unit.get("type", "-")
    mission = f" · {escape(str(result.unit_titles.get('mission') or unit['mission']))}" if unit.get("mission") else ""
    open_by = Counter(f.severity for f in result.findings if f.failing)
    opened = ", ".join(f"{open_by[s]} {s.value}" for s in SEVERITIES if open_by[s]) or "none"
    bars = bars_svg(result.findings, width=250) if result.findings else ""
    return "\n".join(
        [
            f'<div class="card v-{verdict.value}">',
            f'<h3><a href="#{_anchor(result)}">{escape(str(unit.get("id", result.path)))}</a></h3>',
            f"<p>{escape(str(unit.get('name', '')))}</p>",
            f'<span class="verdict">{VERDICT_LABEL[verdict]}</span>',
            f'<p class="small">Country {escape(str(unit.get("country", "-")))} · {escape(str(kind))}{mission}</p>',
            f'<p class="small">Standard {escape(standard)}</p>',
            f'<p class="small">File {escape(result.path)}</p>',
            f'<p class="small">Open: {opened}</p>',
            bars,
            "</div>",
        ]
    )


def _details(result: Result) -> str:
    open_findings = sorted((f for f in result.findings if f.failing), key=lambda f: (-f.severity.rank, f.requirement))
    waived = [f for f in result.findings if f.status is Status.WAIVED]
    if not (open_findings or waived or result.errors):
        return ""
    unit = _unit(result)
    title = str(unit.get("id", result.path)) + (f" ({unit['name']})" if unit.get("name") else "")
    lines = [
        f'<section class="unit" id="{_anchor(result)}">',
        (
            f'<h2>{escape(title)}: <span class="v-{result.verdict.value}" style="color:var(--v)">'
            f"{VERDICT_LABEL[result.verdict]}</span></h2>"
        ),
        f'<p class="small">File {escape(result.path)}</p>',
    ]
    if result.errors:
        lines.append("<p>The declaration could not be checked:</p><ul>")
        lines += [f"<li>{escape(str(e.location))}: {escape(e.message)}</li>" for e in result.errors]
        lines.append("</ul>")
    if open_findings:
        lines.append(
            "<table><thead><tr><th>Severity</th><th>Requirement</th><th>Finding</th><th>Required</th>"
            "<th>Declared</th><th>Short</th><th>Where</th></tr></thead><tbody>"
        )
        lines += [_finding_row(f) for f in open_findings]
        lines.append("</tbody></table>")
    if waived:
        lines.append("<p>Waived:</p><ul>")
        lines += [_waived(f) for f in waived]
        lines.append("</ul>")
    lines.append("</section>")
    return "\n".join(lines)


def _finding_row(finding: Finding) -> str:
    gaps = finding.gaps

    def column(values: Iterable[str]) -> str:
        return "<br>".join(escape(v) for v in values) or "-"

    short_cell = "no evidence" if finding.status is Status.NO_EVIDENCE else column(shortfalls(finding))
    where = f"{finding.location.path}:{finding.location.line}"
    return (
        f'<tr><td><span class="sev s-{finding.severity.value}">{finding.severity.value}</span></td>'
        f"<td><strong>{escape(finding.requirement)}</strong> {escape(finding.title)}</td>"
        f"<td>{escape(finding.message)}</td>"
        f'<td class="n">{column(amount(g.required) for g in gaps)}</td>'
        f'<td class="n">{column(amount(g.declared) for g in gaps)}</td>'
        f'<td class="n">{short_cell}</td><td>{escape(where)}</td></tr>'
    )


def _waived(finding: Finding) -> str:
    waiver = finding.waiver
    why = (
        f"{waiver.reason} (approved by {waiver.approved_by}, expires {waiver.expires.isoformat()})"
        if waiver
        else finding.message
    )
    return f"<li><strong>{escape(finding.requirement)}</strong> {escape(finding.title)}: {escape(why)}</li>"


def _register(report: Report) -> str:
    """``pkcheck gaps``' register of the same report (``pkcheck.analyses.gaps``), one source of
    truth: what would close the open shortfalls, summed across units, then the requirements
    without evidence. Invalid declarations have their cards and errors above."""
    register = gaps.build(report)
    if not (register.lines or register.evidence_missing):
        return "<h2>Gaps register</h2>\n<p>No open findings.</p>"
    lines = [
        "<h2>Gaps register</h2>",
        (
            '<p class="small">What would close the open shortfalls, summed across units (waived ones left out): '
            "the register pkcheck gaps lists.</p>"
        ),
    ]
    if register.lines:
        lines.append(
            "<table><thead><tr><th>Severity</th><th>Category</th><th>What closes it</th><th>Short</th>"
            "<th>Units concerned</th><th>Requirements</th></tr></thead><tbody>"
        )
        lines += [_register_line(line) for line in register.lines]
        lines.append("</tbody></table>")
    if register.evidence_missing:
        lines.append("<h3>Evidence missing (not counted above)</h3>")
        lines.append(
            "<table><thead><tr><th>Severity</th><th>Requirement</th><th>Units</th><th>Units concerned</th>"
            "</tr></thead><tbody>"
        )
        lines += [_evidence_missing(missing) for missing in register.evidence_missing]
        lines.append("</tbody></table>")
    return "\n".join(lines)


def _register_line(line: gaps.Line) -> str:
    kind = line.kind + (f", COE {line.coe_category}" if line.coe_category else "")
    units = "<br>".join(escape(f"{s.unit_id} ({s.country}) {gaps.amount_text(s.amount)}") for s in line.units)
    return (
        f'<tr><td><span class="sev s-{line.severity.value}">{line.severity.value}</span></td>'
        f"<td>{line.category.value}</td>"
        f'<td>{escape(gaps.label(line))}<br><span class="small">{escape(kind)}</span></td>'
        f'<td class="n">{escape(f"{gaps.amount_text(line.total)} {line.measure}")}</td>'
        f"<td>{units}</td><td>{escape(', '.join(line.requirements))}</td></tr>"
    )


def _evidence_missing(missing: gaps.EvidenceMissing) -> str:
    units = ", ".join(f"{u.unit_id} ({u.country})" for u in missing.units)
    return (
        f'<tr><td><span class="sev s-{missing.severity.value}">{missing.severity.value}</span></td>'
        f"<td><strong>{escape(missing.requirement)}</strong> {escape(missing.title)}</td>"
        f'<td class="n">{len(missing.units)}</td><td>{escape(units)}</td></tr>'
    )


def _warnings(report: Report) -> str:
    if not report.warnings:
        return ""
    items = "".join(f"<li>{escape(str(w.location))}: {escape(w.message)}</li>" for w in report.warnings)
    return f"<h2>Warnings</h2>\n<ul>{items}</ul>"
