"""``--format markdown``: a report for a pull-request comment or a memo.

A summary table with one row per declaration (unit, country, type, standard, verdict and the
number of open findings by severity), then for each declaration that is not ready, a table of
its open findings, most severe first, with the quantities required, declared and short, and
where in the file; then what is waived. Pipes and line breaks in values are escaped, so a table
never breaks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from pkcheck.enums import Severity
from pkcheck.formats.amounts import amount, plain, short, titled
from pkcheck.report import Finding, Gap, Report, Result, Status, Verdict

SEVERITIES = sorted(Severity, key=lambda s: -s.rank)
VERDICT_LABEL = {
    Verdict.READY: "ready",
    Verdict.CONDITIONAL: "**conditional**",
    Verdict.NOT_READY: "**not ready**",
    Verdict.INVALID: "**invalid**",
}


def render(report: Report) -> str:
    lines = ["# Deployment readiness report", "", _headline(report), ""]
    lines += _summary_table(report)
    for result in report.results:
        lines += _details(result)
    if report.warnings:
        lines += ["", "## Warnings", ""] + [f"- `{w.location}`: {cell(w.message)}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def _headline(report: Report) -> str:
    verdicts = Counter(result.verdict for result in report.results)
    counted = ", ".join(f"{verdicts[v]} {v.value}" for v in Verdict)
    return f"As of {report.as_of.isoformat()}, pkcheck {report.tool_version}: {len(report.results)} declaration(s): {counted}."


def _summary_table(report: Report) -> list[str]:
    header = ["Unit", "Country", "Type", "Standard", "Verdict", *(s.value.capitalize() for s in SEVERITIES)]
    rows = [_row(header), _row(["---"] * len(header))]
    for result in report.results:
        unit = result.unit or {}
        standard = f"{result.standard.id} {result.standard.version}" if result.standard else "-"
        open_by = Counter(f.severity for f in result.findings if f.failing)
        rows.append(_row([
            f"`{unit.get('id', result.path)}`", unit.get("country", "-"), unit.get("type", "-"), standard,
            VERDICT_LABEL[result.verdict], *(str(open_by[s]) for s in SEVERITIES),
        ]))
    return rows


def _details(result: Result) -> list[str]:
    open_findings = sorted((f for f in result.findings if f.failing), key=lambda f: (-f.severity.rank, f.requirement))
    waived = [f for f in result.findings if f.status is Status.WAIVED]
    if not (open_findings or waived or result.errors):
        return []
    unit = result.unit or {}
    title = f"{unit.get('id', result.path)}" + (f" ({unit['name']})" if unit.get("name") else "")
    lines = ["", f"## {cell(title)}: {VERDICT_LABEL[result.verdict]}", "", f"File `{result.path}`."]
    if result.errors:
        lines += ["", "The declaration could not be checked:", ""] + [f"- `{e.location}`: {cell(e.message)}" for e in result.errors]
    if open_findings:
        lines += ["", _row(["Severity", "Requirement", "Finding", "Required", "Declared", "Short", "Where"])]
        lines.append(_row(["---"] * 7))
        lines += [_finding_row(f) for f in open_findings]
    if waived:
        lines += ["", "Waived:", ""] + [f"- {f.requirement} {cell(f.title)}: {cell(f.waiver.reason if f.waiver else f.message)}" for f in waived]
    return lines


def _finding_row(finding: Finding) -> str:
    gaps = finding.gaps
    required = "<br>".join(cell(amount(g.required)) for g in gaps) or "-"
    declared = "<br>".join(cell(amount(g.declared)) for g in gaps) or "-"
    short = "no evidence" if finding.status is Status.NO_EVIDENCE else "<br>".join(_short(g, finding.titles) for g in gaps) or "-"
    where = f"`{finding.location.path}:{finding.location.line}`"
    return _row([
        finding.severity.value, f"{finding.requirement} {cell(finding.title)}", cell(finding.message),
        required, declared, short, where,
    ])


def _short(gap: Gap, titles: Mapping[str, str]) -> str:
    if isinstance(gap.shortfall, tuple):
        return f"missing {cell(plain(titled(gap.shortfall, titles)))}"
    return cell(short(gap))


def cell(text: str) -> str:
    """Text safe inside a table cell: no pipe or line break can end the cell or the row."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
