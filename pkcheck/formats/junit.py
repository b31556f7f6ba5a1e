"""``--format junit``: JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps).

One ``testsuite`` per declaration (named by unit id, with the file, standard and verdict as
properties) and one ``testcase`` per requirement (``classname`` the unit id, ``name`` the
requirement id and title). Shortfall and no-evidence are ``failure`` (with the message, gaps,
location and remediation); waived and not-applicable are ``skipped``. A declaration that cannot
be read or validated is a suite with one ``error`` testcase listing its errors. No times are
written, so the same inputs give the same bytes.

A unit verified against its MOU has the MOU applied as a property of its suite (``mou``: id,
effective day, reference, file) and a testcase per MOU line (``MOU:B-003``, ``MOU:C-catering``)
after those of its standard, all of class ``<unit id> MOU <MOU id>``, so that a CI system lists
them together; a line's failure gives its numbers (MOU quantity, present, serviceable of those
required, shortfall, lease) and where the line is in the MOU.

The report is always well-formed XML, whatever the files say: every value from a file, in an
attribute or in text, is shown escaped (``pkcheck.escapes``), so no character XML 1.0 forbids (a
control character, a lone surrogate) reaches it. A CI system that cannot parse a report drops
it whole.

Compared with a baseline (``--baseline``), each suite also has the properties ``baseline`` (the
file and its as-of date) and ``verdict_before`` (the unit's verdict then, ``none`` when the
baseline has no unit of its id); the testcases keep their meaning.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from pkcheck.escapes import MARKUP_SPELLING, inert, shown
from pkcheck.formats import verification
from pkcheck.formats.amounts import illustrative_note, plain
from pkcheck.i18n import _
from pkcheck.report import AppliedMou, Finding, GapValue, Report, Result, Status, VerifiedLine

SKIPPED = (Status.WAIVED, Status.NOT_APPLICABLE)


def render(report: Report) -> str:
    root = ET.Element("testsuites", {"name": "pkcheck"})
    suites = [_suite(result, report) for result in report.results]
    root.attrib |= _totals(suites)
    root.extend(suites)
    ET.indent(root)
    return inert(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", MARKUP_SPELLING
    )


def _totals(suites: list[ET.Element]) -> dict[str, str]:
    return {name: str(sum(int(s.get(name, "0")) for s in suites)) for name in ("tests", "failures", "errors")}


def _suite(result: Result, report: Report) -> ET.Element:
    unit_id = shown((result.unit or {}).get("id", result.path))
    findings = tuple(result.findings)  # read once: a batch's findings are packed
    suite = ET.Element(
        "testsuite",
        {
            "name": unit_id,
            "tests": str(len(findings) if not result.errors else 1),
            "failures": str(sum(1 for f in findings if f.failing)),
            "errors": str(1 if result.errors else 0),
            "skipped": str(sum(1 for f in findings if f.status in SKIPPED)),
            "file": shown(result.path),
        },
    )
    properties = ET.SubElement(suite, "properties")
    standard = shown(f"{result.standard.id} {result.standard.version}") if result.standard else "none"
    named = [("verdict", result.verdict.value), ("standard", standard), ("as_of", report.as_of.isoformat())]
    if result.mou is not None:
        named.append(("mou", verification.applied(result.mou, shown, date=dt.date.isoformat)))
    if report.baseline is not None:  # the report compared with (--baseline), and the unit's verdict then
        change = report.baseline.units.get(result.path)
        named.append(("baseline", shown(f"{report.baseline.path} {report.baseline.as_of.isoformat()}")))
        named.append(("verdict_before", (change.before if change is not None else None) or "none"))
    for name, value in named:
        ET.SubElement(properties, "property", {"name": name, "value": value})
    if result.errors:
        case = ET.SubElement(
            suite, "testcase", {"classname": unit_id, "name": "input: the declaration can be read and validated"}
        )
        error = ET.SubElement(case, "error", {"type": "input-error", "message": shown(result.errors[0].message)})
        error.text = "\n".join(shown(e) for e in result.errors)
    mou = result.mou.unpacked() if result.mou is not None else None  # its lines read once, not per finding
    for finding in findings:
        suite.append(_case(finding, unit_id, mou))
    return suite


def _case(finding: Finding, unit_id: str, mou: AppliedMou | None) -> ET.Element:
    classname = unit_id
    if mou is not None and verification.annex(finding) is not None:
        classname = f"{unit_id} MOU {shown(mou.id)}"  # the MOU's lines together, after the standard's
    case = ET.Element("testcase", {"classname": classname, "name": shown(f"{finding.requirement} {finding.title}")})
    if finding.failing:
        failure = ET.SubElement(
            case,
            "failure",
            {
                "type": f"{finding.severity.value} {finding.status.value}",
                "message": shown(finding.message + illustrative_note(finding)),
            },
        )
        failure.text = _details(finding, verification.verified_line(mou, finding))
    elif finding.status in SKIPPED:
        reason = finding.waiver.reason if finding.status is Status.WAIVED and finding.waiver else finding.message
        ET.SubElement(case, "skipped", {"type": finding.status.value, "message": shown(reason)})
    return case


def _details(finding: Finding, line: VerifiedLine | None) -> str:
    lines = [f"{finding.location}: {finding.message}{illustrative_note(finding)}"]
    said = _("{criterion}: required {required}, declared {declared}, short {short} {unit}")
    lines += [
        said.format(
            criterion=g.criterion,
            required=_value(g.required),
            declared=_value(g.declared),
            short=_value(g.shortfall),
            unit=g.unit,
        )
        for g in finding.gaps
    ]
    if line is not None:
        lines.append(verification.line_summary(line))
    lines += [verification.related_text(related) for related in finding.related]
    if finding.remediation:
        lines.append(_("Remediation: {remediation}").format(remediation=finding.remediation))
    return "\n".join(shown(line) for line in lines)


def _value(value: GapValue) -> str:
    """A gap's value as a reader writes it: ``[a, b]`` for a list of codes, ``-`` for none."""
    return f"[{plain(value)}]" if isinstance(value, tuple) else plain(value)
