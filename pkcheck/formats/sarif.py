"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).

One run. One rule per requirement (its id, title, rationale, remediation and first reference
URL); one result per finding that is not ``met``: ``fail`` results at level ``error`` for critical
and major, ``warning`` for minor, ``note`` for advisory; waived findings carry an accepted
suppression with the waiver's reason; not-applicable ones are ``notApplicable`` results. A file
that cannot be read or validated gives ``error`` results of the rule ``PKCHECK-INPUT``, and
warnings go to the invocation's notifications. ``partialFingerprints`` hash the unit id and the
requirement id, so a result keeps its identity when lines move.

A unit verified against its MOU: one rule per kind of MOU line, ``MOU:B`` (an Annex B line of
major equipment) and ``MOU:C`` (an Annex C self-sustainment category the contributor provides),
and a result per line not met, located in the declaration like any finding, with its finding's
id (``MOU:B-003``) and the MOU line in its ``properties`` (an Annex B line as verified, as the
JSON report's ``mou`` gives it: item, MOU quantity, present, serviceable, required serviceable,
shortfall, lease). A finding's other places (the MOU line) are its ``relatedLocations``, each
linked from the end of its message (``[note](1)``, where the message's own brackets are
escaped, as SARIF's embedded links require), so that a viewer shows it.

Files are located as code-scanning tools expect (GitHub's among them): a file under the run's
working directory (``Report.root``) by a relative URI with ``uriBaseId`` ``%SRCROOT%``, which
``run.originalUriBaseIds`` maps to the directory's ``file://`` URI; any other file by its
absolute ``file://`` URI. Both are normalised (no ``.`` or ``..`` segment, which validators
refuse) and percent-encoded from the file name's bytes (RFC 3986): a space is ``%20``, a
backslash in a POSIX name ``%5C`` (it is not a separator there), and a byte of a name that is not
UTF-8 keeps its value (``%FF``). Texts are written as in the JSON report.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any
from urllib.parse import quote_from_bytes

from pkcheck import words
from pkcheck.diagnostics import Diagnostic, Location
from pkcheck.enums import Severity
from pkcheck.formats import verification
from pkcheck.formats.json_report import basis_json, dumps, gap_to_dict, line_json, window_properties
from pkcheck.i18n import N_, _
from pkcheck.report import (
    AppliedMou,
    BaselineComparison,
    BaselineState,
    ClosedFinding,
    Finding,
    Report,
    Result,
    Status,
    UnitChange,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_RULE = "PKCHECK-INPUT"
FINGERPRINT = "pkcheck/unit-requirement/v1"
SRCROOT = "%SRCROOT%"
_DRIVE = re.compile("[A-Za-z]:/")  # a Windows path's drive, kept as written in a file URI
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.ADVISORY: "note"}
# The rules of the kinds of MOU line: what each verifies, the same for every line of its kind
# (a line's severity is its result's level; a line without one is major).
MOU_RULES: dict[verification.Annex, dict[str, str]] = {
    "B": {
        "name": "MouMajorEquipmentLine",
        "short": N_("MOU Annex B: a line of major equipment, present and serviceable"),
        "full": N_(
            "Each line of major equipment in Annex B of the unit's Memorandum of Understanding: the declared "
            "quantity of the item (every declaration line of it, added up) against the MOU quantity, and the "
            "serviceable ones against the serviceability standard times that quantity, rounded up. The lease says "
            "who keeps the items serviceable: the contributor under a wet lease, the UN under a dry one."
        ),
    },
    "C": {
        "name": "MouSelfSustainmentCategory",
        "short": N_("MOU Annex C: a self-sustainment category the contributor provides, declared"),
        "full": N_(
            "Each self-sustainment category that Annex C of the unit's Memorandum of Understanding has the "
            "contributor provide must be declared in self_sustainment; a category the UN provides is not "
            "required of the unit."
        ),
    },
}


def render(report: Report) -> str:
    return dumps(to_dict(report)) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    where = _Locator(report.root)
    results = [r for result in report.results for r in _results(result, index, where, report.baseline)]
    if report.baseline is not None:
        results += [_absent(change.unit, closed, index) for change in report.baseline.gone for closed in change.closed]
    warnings = [*report.warnings, *(w for result in report.results for w in result.warnings)]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "pkcheck", "version": report.tool_version, "rules": rules}},
        "invocations": [
            {"executionSuccessful": True, "toolExecutionNotifications": [_notification(w, where) for w in warnings]}
        ],
        "results": results,
        "properties": {"as_of": report.as_of.isoformat()},
    }
    if report.baseline is not None:
        comparison = report.baseline
        run["properties"]["baseline"] = {
            "path": comparison.path,
            "tool": {"name": "pkcheck", "version": comparison.tool_version},
            "as_of": comparison.as_of.isoformat(),
            "notes": list(comparison.notes),
            "counts": dict(comparison.counts),
        }
    if report.root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": where.root_uri}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule_id(finding: Finding) -> str:
    """The requirement's id; for an MOU finding, its kind of MOU line's (``MOU:B``, ``MOU:C``)."""
    kind = verification.annex(finding)
    return finding.requirement if kind is None else f"MOU:{kind}"


def _rules(report: Report) -> list[dict[str, Any]]:
    """One rule per requirement id and per kind of MOU line, sorted, as the first result that
    has it gives it."""
    first: dict[str, Finding] = {}
    for result in report.results:
        for finding in result.findings:
            first.setdefault(_rule_id(finding), finding)
    rules = [_rule(rule_id, first[rule_id]) for rule_id in sorted(first)]
    if any(result.errors for result in report.results):
        rules.append(
            {
                "id": INPUT_RULE,
                "name": "InputError",
                "shortDescription": {"text": _("The file could not be read or validated")},
                "help": {"text": _("Fix the error at the location given; the declaration is not checked until then.")},
                "defaultConfiguration": {"level": "error"},
            }
        )
    return rules


def _rule(rule_id: str, finding: Finding) -> dict[str, Any]:
    kind = verification.annex(finding)
    if kind is not None:
        return _mou_rule(rule_id, kind, finding)
    rule: dict[str, Any] = {
        "id": rule_id,
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


def _mou_rule(rule_id: str, kind: verification.Annex, finding: Finding) -> dict[str, Any]:
    """The rule of a kind of MOU line; its help is what the findings of that kind say to do."""
    texts = MOU_RULES[kind]
    category = finding.category.value
    return {
        "id": rule_id,
        "name": texts["name"],
        "shortDescription": {"text": _(texts["short"])},
        "fullDescription": {"text": _(texts["full"])},
        "help": {"text": finding.remediation or _(texts["short"])},
        "defaultConfiguration": {"level": LEVELS[Severity.MAJOR]},
        "properties": {"category": category, "check": finding.check_kind, "tags": [category, "mou"]},
    }


def _results(
    result: Result, index: dict[str, int], where: _Locator, comparison: BaselineComparison | None = None
) -> list[dict[str, Any]]:
    unit_id = str((result.unit or {}).get("id", result.path))
    mou = result.mou.unpacked() if result.mou is not None else None  # its lines read once, not per finding
    found = [
        _result(finding, unit_id, index, where, mou) for finding in result.findings if finding.status is not Status.MET
    ]
    errors = [_error(error, index, where) for error in result.errors]
    if comparison is None:
        return found + errors
    change = comparison.units.get(result.path)
    shown = [finding for finding in result.findings if finding.status is not Status.MET]
    for data, finding in zip(found, shown, strict=True):
        data["baselineState"] = _baseline_state(change, finding)
    for error in errors:
        error["baselineState"] = "new" if change is None or change.before is None else "unchanged"
    # A finding closed since the baseline that is no longer a result (met, or gone): absent.
    listed = {finding.requirement for finding in shown}
    rules = {finding.requirement: _rule_id(finding) for finding in result.findings}
    absent = [
        _absent(unit_id, closed, index, rules.get(closed.requirement))
        for closed in (change.closed if change is not None else ())
        if closed.requirement not in listed
    ]
    return found + errors + absent


def _baseline_state(change: UnitChange | None, finding: Finding) -> str:
    """SARIF's ``baselineState`` of a result: ``new``, ``unchanged``, or ``updated`` for a
    finding improved or worsened, or closed while still a result (now waived or not
    applicable). A waived or not-applicable result with no state is ``unchanged`` when its
    unit is in the baseline, else ``new``."""
    state = None if change is None else change.states.get(finding.requirement)
    if state is None:
        return "unchanged" if change is not None and change.before is not None else "new"
    return _SARIF_STATES[state]


_SARIF_STATES = {
    BaselineState.NEW: "new",
    BaselineState.UNCHANGED: "unchanged",
    BaselineState.IMPROVED: "updated",
    BaselineState.WORSENED: "updated",
    BaselineState.CLOSED: "updated",
}


def _absent(unit_id: str, closed: ClosedFinding, index: dict[str, int], rule_id: str | None = None) -> dict[str, Any]:
    """A finding open in the baseline that is no result of this run: SARIF's ``absent`` result."""
    rule_id = closed.requirement if rule_id is None else rule_id
    message = _("{unit}: {requirement} {title}: closed since the baseline (was {status})").format(
        unit=unit_id, requirement=closed.requirement, title=closed.title, status=words.status(closed.status)
    )
    data: dict[str, Any] = {"ruleId": rule_id}
    if rule_id in index:
        data["ruleIndex"] = index[rule_id]
    data.update(
        {
            "kind": "pass",
            "level": "none",
            "message": {"text": message},
            "baselineState": "absent",
            "partialFingerprints": {FINGERPRINT: _fingerprint(unit_id, closed.requirement)},
            "properties": {
                "unit": unit_id,
                "requirement": closed.requirement,
                "status": closed.status,
                "severity": closed.severity,
            },
        }
    )
    return data


def _result(
    finding: Finding, unit_id: str, index: dict[str, int], where: _Locator, mou: AppliedMou | None
) -> dict[str, Any]:
    applicable = finding.status is not Status.NOT_APPLICABLE
    rule_id = _rule_id(finding)
    message = _("{unit}: {message}").format(unit=unit_id, message=finding.message)
    if finding.related:  # each other place linked from the message, as viewers show them
        links = _("; ").join(f"[{_literal(r.note)}]({n})" for n, r in enumerate(finding.related, 1))
        message = _("{message} (see {links})").format(message=_literal(message), links=links)
    data: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "kind": "fail" if applicable else "notApplicable",
        "level": LEVELS[finding.severity] if applicable else "none",
        "message": {"text": message},
        "locations": [where.location(finding.location)],
        "partialFingerprints": {FINGERPRINT: _fingerprint(unit_id, finding.requirement)},
        "properties": {
            "unit": unit_id,
            "status": finding.status.value,
            "severity": finding.severity.value,
            "gaps": [gap_to_dict(g) for g in finding.gaps],
            **window_properties(finding),
            "basis": [basis_json(b) for b in finding.basis],
            "illustrative": finding.illustrative,
            **_mou_properties(finding, mou),
        },
    }
    if finding.related:
        data["relatedLocations"] = [
            {"id": n, **where.location(r.location), "message": {"text": r.note}}
            for n, r in enumerate(finding.related, 1)
        ]
    if finding.status is Status.WAIVED and finding.waiver is not None:
        waiver = finding.waiver
        data["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": _("{reason} (approved by {approver}, expires {date})").format(
                    reason=waiver.reason, approver=waiver.approved_by, date=waiver.expires.isoformat()
                ),
                "location": where.location(waiver.location),
            }
        ]
    return data


def _mou_properties(finding: Finding, mou: AppliedMou | None) -> dict[str, Any]:
    """An MOU finding's id (its rule is its kind's) and the MOU line as verified, in items."""
    kind = verification.annex(finding)
    if kind is None or mou is None:
        return {}
    details: dict[str, Any] = {"id": mou.id, "reference": mou.reference, "effective": mou.effective.isoformat()}
    line = verification.verified_line(mou, finding)
    if line is not None:
        details |= line_json(line)  # as the JSON report gives it
    elif kind == "C":
        details |= {"category": str(finding.values.get("category")), "provider": "contributor"}
    return {"requirement": finding.requirement, "mou": details}


def _literal(text: str) -> str:
    """Text in a message with embedded links: its own brackets escaped, so that none reads as a link."""
    return re.sub(r"([\[\]])", r"\\\1", text)


def _error(error: Diagnostic, index: dict[str, int], where: _Locator) -> dict[str, Any]:
    return {
        "ruleId": INPUT_RULE,
        "ruleIndex": index[INPUT_RULE],
        "kind": "fail",
        "level": "error",
        "message": {"text": error.message},
        "locations": [where.location(error.location)],
    }


def _notification(warning: Diagnostic, where: _Locator) -> dict[str, Any]:
    return {"level": "warning", "message": {"text": warning.message}, "locations": [where.location(warning.location)]}


class _Locator:
    """SARIF locations of files, against the working directory ``root`` where it is known (see
    the module's docstring); without it, a relative path stays relative to ``%SRCROOT%``."""

    def __init__(self, root: str | None) -> None:
        self.root = root
        self.root_uri = "" if root is None else _directory_uri(root)

    def location(self, location: Location) -> dict[str, Any]:
        region = {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)}
        return {"physicalLocation": {"artifactLocation": self.artifact(location.path), "region": region}}

    def artifact(self, path: str) -> dict[str, str]:
        if self.root is None:
            absolute, relative = (path, None) if os.path.isabs(path) else (None, os.path.normpath(path))
        else:
            absolute = os.path.normpath(os.path.join(self.root, path))  # an absolute path ignores root
            relative = _inside(absolute, self.root)
        if relative is None:
            return {"uri": _file_uri(os.path.normpath(absolute or path))}
        return {"uri": _percent_encoded(relative.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _inside(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` (both absolute and normalised), or None outside it."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:  # on another Windows drive
        return None
    return None if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def _file_uri(absolute: str) -> str:
    posix = absolute.replace(os.sep, "/")
    drive = _DRIVE.match(posix)
    if drive:
        return "file:///" + drive.group() + _percent_encoded(posix[drive.end() :])
    return "file://" + _percent_encoded(posix)


def _directory_uri(absolute: str) -> str:
    """A directory's ``file://`` URI, ending with one slash, as a base URI must (the root
    directory's is ``file:///``)."""
    uri = _file_uri(absolute)
    return uri if uri.endswith("/") else uri + "/"


def _percent_encoded(path: str) -> str:
    """A path as a URI path: every byte but unreserved characters and `/` percent-encoded."""
    return quote_from_bytes(os.fsencode(path), safe="/")


def _fingerprint(unit_id: str, requirement: str) -> str:
    return hashlib.sha256(f"{unit_id}\x00{requirement}".encode("utf-8", "surrogatepass")).hexdigest()


def _pascal(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(w[:1].upper() + w[1:] for w in words)[:100] or "Requirement"
