"""``--format json``: the ``pkcheck: report/v1`` document, deterministic to the byte.

Text is written as read, JSON-escaped; what JSON leaves raw but a terminal would obey (C1
controls, bidi characters) is written as ``\\u`` escapes, and a byte of a file name that is not
UTF-8, which no JSON string can hold, as the text ``\\xff`` (``pkcheck.escapes.json_text``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pkcheck.analyses import parity
from pkcheck.diagnostics import Diagnostic, Location
from pkcheck.enums import FileKind
from pkcheck.escapes import json_text
from pkcheck.library.schedules import applied_text
from pkcheck.report import (
    AppliedMou,
    BaselineComparison,
    BaselineState,
    BasisInfo,
    ClosedFinding,
    Finding,
    Gap,
    Report,
    Result,
    VerifiedLine,
    status_counts,
)

_RESULTS = "\x00results\x00"


def render(report: Report) -> str:
    return "".join(render_pieces(report))


def render_pieces(report: Report) -> Iterator[str]:
    """The document in pieces, one result at a time: the same bytes as dumping it whole, but a
    portfolio's report (50 MB of text for 1,000 units) is never held whole, as text or as a
    tree of dicts, when it is written to a file."""
    head = {**to_dict(report, results=False), "results": _RESULTS}
    before, after = (dumps(head) + "\n").split(json.dumps(_RESULTS), 1)
    yield before
    if not report.results:
        yield "[]"
    for index, result in enumerate(report.results):
        yield ("[\n    " if index == 0 else ",\n    ") + dumps(_result(result, report.baseline)).replace("\n", "\n    ")
    if report.results:
        yield "\n  ]"
    yield after


def dumps(data: Any) -> str:
    """``data`` as every pkcheck JSON document writes it: indented, UTF-8 text, made safe by
    ``json_text``."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False))


def to_dict(report: Report, results: bool = True) -> dict[str, Any]:
    return {
        "pkcheck": FileKind.REPORT.value,
        "tool": {"name": "pkcheck", "version": report.tool_version},
        "as_of": report.as_of.isoformat(),
        "lang": report.lang,
        "results": [_result(result, report.baseline) for result in report.results] if results else [],
        "warnings": [diagnostic_json(d) for d in report.warnings],
        "women_by_country": [parity.to_json(line) for line in parity.country_shares(report)],
        **({} if report.baseline is None else {"baseline": baseline_json(report.baseline)}),
    }


def baseline_json(comparison: BaselineComparison) -> dict[str, Any]:
    """The earlier report compared with (``--baseline``): its file, tool version and as-of date,
    the notes on what differs, the findings in each state, and the units gone since."""
    return {
        "path": comparison.path,
        "tool": {"name": "pkcheck", "version": comparison.tool_version},
        "as_of": comparison.as_of.isoformat(),
        "notes": list(comparison.notes),
        "counts": {state.value: comparison.counts.get(state.value, 0) for state in BaselineState},
        "gone": [
            {"unit": change.unit, "verdict_before": change.before, "open": [closed_json(c) for c in change.closed]}
            for change in comparison.gone
        ],
    }


def closed_json(closed: ClosedFinding) -> dict[str, Any]:
    return {
        "requirement": closed.requirement,
        "severity": closed.severity,
        "status": closed.status,
        "title": closed.title,
    }


def _result(result: Result, baseline: BaselineComparison | None = None) -> dict[str, Any]:
    standard = result.standard
    findings = tuple(result.findings)  # unpacked once
    data: dict[str, Any] = {
        "declaration": {
            "path": result.path,
            "unit": dict(result.unit) if result.unit is not None else None,
            "unit_titles": dict(result.unit_titles),
        },
        "standard": None
        if standard is None
        else {
            "id": standard.id,
            "version": standard.version,
            "title": standard.title,
            "chain": list(standard.chain),
        },
        "verdict": result.verdict.value,
        "counts": status_counts(findings),
        "findings": [_finding(f, baseline, result) for f in findings],
        "warnings": [diagnostic_json(d) for d in result.warnings],
        "errors": [diagnostic_json(d) for d in result.errors],
    }
    if result.mou is not None:
        data["mou"] = mou_json(result.mou)
    if baseline is not None:
        change = baseline.units.get(result.path)
        data["baseline"] = {
            "verdict_before": None if change is None else change.before,
            "closed": [] if change is None else [closed_json(c) for c in change.closed],
        }
    return data


def mou_json(mou: AppliedMou) -> dict[str, Any]:
    """The MOU a unit was verified against and its Annex B lines, in items."""
    return {
        "id": mou.id,
        "reference": mou.reference,
        "effective": mou.effective.isoformat(),
        "path": mou.path,
        "mission": mou.mission,
        "serviceability": float(mou.serviceability),
        "lines": [line_json(line) for line in mou.lines],
        "self_sustainment": [{"category": c, "provider": p} for c, p in mou.self_sustainment],
    }


def line_json(line: VerifiedLine) -> dict[str, Any]:
    """An Annex B line as verified, in items."""
    return {
        "line": line.line,
        "item": line.item,
        "title": line.title,
        "coe_category": line.coe_category,
        "quantity": line.quantity,
        "present": line.present,
        "serviceable": line.serviceable,
        "required_serviceable": line.required_serviceable,
        "shortfall": line.shortfall,
        "lease": line.lease,
        "declared_leases": list(line.declared_leases),
        "status": line.status.value,
        "location": location_json(line.location),
    }


def _finding(
    finding: Finding, baseline: BaselineComparison | None = None, result: Result | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "requirement": finding.requirement,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "category": finding.category.value,
        "title": finding.title,
        "message": finding.message,
        "message_id": finding.message_id,
        "gaps": [gap_to_dict(g) for g in finding.gaps],
        "location": location_json(finding.location),
        "check": finding.check_kind,
        "references": [{"key": r.key, "title": r.title, "url": r.url} for r in finding.references],
        "remediation": finding.remediation,
        "titles": dict(finding.titles),
        "basis": [basis_json(b) for b in finding.basis],
        "illustrative": finding.illustrative,
    }
    data.update(window_properties(finding))
    if finding.related:
        data["related"] = [{"note": r.note, "location": location_json(r.location)} for r in finding.related]
    if baseline is not None and result is not None:
        state = baseline.state(result, finding)
        data["baseline"] = None if state is None else state.value
    if finding.waiver is not None:
        waiver = finding.waiver
        data["waiver"] = {
            "reason": waiver.reason,
            "approved_by": waiver.approved_by,
            "expires": waiver.expires.isoformat(),
            "in_force": waiver.in_force,
            "location": location_json(waiver.location),
        }
    return data


def window_properties(finding: Finding) -> dict[str, Any]:
    """The requirement's window and the schedule entries that applied, where there are any."""
    data: dict[str, Any] = {}
    if finding.effective_from is not None:
        data["effective_from"] = finding.effective_from.isoformat()
    if finding.effective_until is not None:
        data["effective_until"] = finding.effective_until.isoformat()
    if finding.scheduled:
        data["scheduled"] = [applied_text(applied.parameter, applied) for applied in finding.scheduled]
    return data


def gap_to_dict(gap: Gap) -> dict[str, Any]:
    def value(v: Any) -> Any:
        return list(v) if isinstance(v, tuple) else v

    return {
        "criterion": gap.criterion,
        "required": value(gap.required),
        "declared": value(gap.declared),
        "shortfall": value(gap.shortfall),
        "unit": gap.unit,
    }


def basis_json(basis: BasisInfo) -> dict[str, str]:
    """A threshold's basis with the keys it has: ``reference`` and ``locator``, or ``illustrative``."""
    keys = ("threshold", "parameter", "reference", "locator", "illustrative")
    return {key: value for key in keys if (value := getattr(basis, key)) is not None}


def location_json(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "message": diagnostic.message,
        "level": diagnostic.level.value,
        "location": location_json(diagnostic.location),
    }
