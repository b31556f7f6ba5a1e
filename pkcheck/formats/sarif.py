"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).

One run. One rule per requirement (its id, title, rationale, remediation and first reference
URL); one result per finding that is not ``met``: ``fail`` results at level ``error`` for critical
and major, ``warning`` for minor, ``note`` for advisory; waived findings carry an accepted
suppression with the waiver's reason; not-applicable ones are ``notApplicable`` results. A file
that cannot be read or validated gives ``error`` results of the rule ``PKCHECK-INPUT``, and
warnings go to the invocation's notifications. ``partialFingerprints`` hash the unit id and the
requirement id, so a result keeps its identity when lines move.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from pkcheck.diagnostics import Diagnostic, Location
from pkcheck.enums import Severity
from pkcheck.formats.json_report import gap_to_dict
from pkcheck.report import Finding, Report, Result, Status

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_RULE = "PKCHECK-INPUT"
FINGERPRINT = "pkcheck/unit-requirement/v1"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.ADVISORY: "note"}


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [r for result in report.results for r in _results(result, index)]
    warnings = [*report.warnings, *(w for result in report.results for w in result.warnings)]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "pkcheck", "version": report.tool_version, "rules": rules}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [_notification(w) for w in warnings]}],
        "results": results,
        "properties": {"as_of": report.as_of.isoformat()},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rules(report: Report) -> list[dict[str, Any]]:
    """One rule per requirement id, sorted, as the first result that has the requirement gives it."""
    first: dict[str, Finding] = {}
    for result in report.results:
        for finding in result.findings:
            first.setdefault(finding.requirement, finding)
    rules = [_rule(first[requirement]) for requirement in sorted(first)]
    if any(result.errors for result in report.results):
        rules.append({
            "id": INPUT_RULE,
            "name": "InputError",
            "shortDescription": {"text": "The file could not be read or validated"},
            "help": {"text": "Fix the error at the location given; the declaration is not checked until then."},
            "defaultConfiguration": {"level": "error"},
        })
    return rules


def _rule(finding: Finding) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": finding.requirement,
        "name": _pascal(finding.title),
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": finding.rationale or finding.title},
        "help": {"text": finding.remediation or finding.title},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {
            "category": finding.category.value,
            "severity": finding.severity.value,
            "check": finding.check_kind,
            "tags": [finding.category.value, finding.severity.value],
        },
    }
    url = next((r.url for r in finding.references if r.url), None)
    if url:
        rule["helpUri"] = url
    return rule


def _results(result: Result, index: dict[str, int]) -> list[dict[str, Any]]:
    unit_id = str((result.unit or {}).get("id", result.path))
    found = [_result(finding, unit_id, index) for finding in result.findings if finding.status is not Status.MET]
    errors = [_error(error, index) for error in result.errors]
    return found + errors


def _result(finding: Finding, unit_id: str, index: dict[str, int]) -> dict[str, Any]:
    applicable = finding.status is not Status.NOT_APPLICABLE
    data: dict[str, Any] = {
        "ruleId": finding.requirement,
        "ruleIndex": index[finding.requirement],
        "kind": "fail" if applicable else "notApplicable",
        "level": LEVELS[finding.severity] if applicable else "none",
        "message": {"text": f"{unit_id}: {finding.message}"},
        "locations": [_location(finding.location)],
        "partialFingerprints": {FINGERPRINT: _fingerprint(unit_id, finding.requirement)},
        "properties": {
            "unit": unit_id,
            "status": finding.status.value,
            "severity": finding.severity.value,
            "gaps": [gap_to_dict(g) for g in finding.gaps],
        },
    }
    if finding.status is Status.WAIVED and finding.waiver is not None:
        waiver = finding.waiver
        data["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": f"{waiver.reason} (approved by {waiver.approved_by}, expires {waiver.expires.isoformat()})",
            "location": _location(waiver.location),
        }]
    return data


def _error(error: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    return {
        "ruleId": INPUT_RULE,
        "ruleIndex": index[INPUT_RULE],
        "kind": "fail",
        "level": "error",
        "message": {"text": error.message},
        "locations": [_location(error.location)],
    }


def _notification(warning: Diagnostic) -> dict[str, Any]:
    return {"level": "warning", "message": {"text": warning.message}, "locations": [_location(warning.location)]}


def _location(location: Location) -> dict[str, Any]:
    region = {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)}
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(location.path)}, "region": region}}


def _uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file URI."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _fingerprint(unit_id: str, requirement: str) -> str:
    return hashlib.sha256(f"{unit_id}\x00{requirement}".encode()).hexdigest()


def _pascal(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(w[:1].upper() + w[1:] for w in words)[:100] or "Requirement"
