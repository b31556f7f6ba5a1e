"""``pkcheck check --baseline``: a report compared with an earlier ``report/v1`` JSON.

Findings are matched by unit id and requirement id (an MOU line's finding is ``MOU:<line>``),
never by file name or position. A finding is *open* when its status is ``shortfall`` or
``no-evidence``. Each finding of the new run is:

- ``new``: open now, not open in the baseline (absent, met, waived or not applicable there);
- ``worsened`` / ``improved`` / ``unchanged``: open in both runs; when both are shortfalls, by
  their *shortfall amount*, the sum over the finding's gaps of each gap's shortfall: a number
  counts as its absolute value, a list as its length, a text as 1 and a missing value as 0
  (a larger amount is worsened, a smaller one improved); when either is ``no-evidence``, there
  is no amount to compare and the finding is unchanged;
- ``closed``: open in the baseline, not open now (met, waived or not applicable), and also
  every requirement open in the baseline that is gone from the findings of a unit this run
  checks. An invalid declaration closes nothing: its findings could not be worked out.

A unit of the baseline that this run does not check (one file checked against a portfolio's
report) closes nothing either: nothing is known of it now. It is listed as not in this run,
with its open findings, which the counts leave out (SARIF gives them as ``absent``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import Category, FileKind, Severity
from pkcheck.i18n import _, day
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import locate
from pkcheck.load.validate import describe_errors
from pkcheck.load.yamlio import Document, decode, read_bytes, read_data
from pkcheck.report import (
    FAILING,
    BaselineComparison,
    BaselineState,
    ClosedFinding,
    Report,
    Status,
    UnitChange,
    Verdict,
    exit_code,
)


class _Read(BaseModel):
    # What a baseline must have; keys added by later versions are ignored.
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Gap(_Read):
    shortfall: int | float | str | list[str] | None


class _Finding(_Read):
    requirement: str
    status: Status
    severity: Severity
    category: Category | None = None
    title: str
    gaps: list[_Gap]


class _Declaration(_Read):
    path: str
    unit: dict[str, Any] | None


class _Result(_Read):
    declaration: _Declaration
    verdict: Verdict
    findings: list[_Finding]


class _Tool(_Read):
    name: str
    version: str


class _Report(_Read):
    pkcheck: str  # `report/v1`, checked before
    tool: _Tool
    as_of: dt.date
    results: list[_Result]


@dataclass(frozen=True)
class BaselineFinding:
    requirement: str
    status: Status
    severity: Severity
    title: str
    amount: float
    category: Category | None = None


@dataclass(frozen=True)
class BaselineUnit:
    verdict: Verdict
    findings: Mapping[str, BaselineFinding]  # by requirement id
    country: str | None = None
    path: str = ""


@dataclass(frozen=True)
class Baseline:
    """An earlier report, as far as comparing needs it."""

    path: str
    tool_version: str
    as_of: dt.date
    units: Mapping[str, BaselineUnit]  # by unit id


def amount(shortfalls: Iterable[object]) -> float:
    """A finding's shortfall amount: numbers by absolute value, lists by length, a text as 1,
    a missing value as 0, added up over its gaps."""
    total = 0.0
    for value in shortfalls:
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            total += abs(value)
        elif isinstance(value, (list, tuple)):
            total += len(value)
        else:
            total += 1
    return round(total, 9)


def load(path: str, limits: Limits = DEFAULT_LIMITS) -> Baseline:
    """The ``report/v1`` JSON at ``path``, or an ``InputError`` located in it: not JSON (YAML
    included), another kind of file, a key missing or of the wrong type. The file is held to
    the run's limits of bytes and depth; a report has a value per field of every finding, so
    the limit of values, made for declarations, does not apply to it."""
    text = decode(path, read_bytes(path, limits))
    try:
        data = json.loads(text, object_pairs_hook=_unique)
    except _DuplicateKey:
        # Which of the two values was meant cannot be known: the careful reader says where.
        _document(path, limits)
        raise InputError.at(
            path, _("a key is given twice; expected a report written by `pkcheck check -f json`")
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError.at(
            path,
            _("not JSON from here on; expected a report written by `pkcheck check -f json`"),
            exc.lineno,
            exc.colno,
        ) from None
    except RecursionError:
        raise InputError.at(path, _("the report is nested too deeply to be a `report/v1` report")) from None
    if not isinstance(data, dict):
        raise InputError.at(path, _("the top level is not an object; expected a `pkcheck: report/v1` report"))
    kind = data.get("pkcheck")
    if kind != FileKind.REPORT.value:
        message = _(
            "this is not a `{expected}` report (`pkcheck`: {kind}); expected the output of `pkcheck check -f json`"
        ).format(expected=FileKind.REPORT.value, kind=json.dumps(kind))
        raise InputError((Diagnostic(located(path, limits, ["pkcheck"] if "pkcheck" in data else []), message),))
    try:
        report = _Report.model_validate(data)
    except ValidationError:
        raise InputError(_errors(path, limits)) from None
    units: dict[str, BaselineUnit] = {}
    for result in report.results:
        unit_id = (result.declaration.unit or {}).get("id")
        if unit_id is None:
            continue
        findings = {
            f.requirement: BaselineFinding(
                f.requirement, f.status, f.severity, f.title, amount(g.shortfall for g in f.gaps), f.category
            )
            for f in result.findings
        }
        country = (result.declaration.unit or {}).get("country")
        units[str(unit_id)] = BaselineUnit(
            result.verdict, findings, None if country is None else str(country), result.declaration.path
        )
    return Baseline(path, report.tool.version, report.as_of, units)


class _DuplicateKey(ValueError):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (``json.loads`` keeps the last of two)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _DuplicateKey
    return found


def _document(path: str, limits: Limits) -> Document:
    # The file again, with every value's line and column, to say where a problem is: only
    # when there is one, and without the limit of values (the bytes were counted already).
    roomy = replace(limits, max_nodes=limits.max_bytes, max_line_length=limits.max_bytes)
    data, _warnings = read_data(path, roomy)
    return Document(path, data)


def located(path: str, limits: Limits, segments: list[str]) -> Location:
    """Where the value at ``segments`` stands in the report at ``path`` (read again, with places)."""
    return locate(path, _document(path, limits).data, segments)


def _errors(path: str, limits: Limits) -> tuple[Diagnostic, ...]:
    document = _document(path, limits)
    try:
        _Report.model_validate(document.data)
    except ValidationError as exc:
        return tuple(sorted(describe_errors(document, _Report, exc)))
    # Read as JSON the file is not a report, read with its places it is (a number beyond what
    # a float holds): said of the file as a whole.
    return (Diagnostic(Location(path, 1, 1), _("not a valid `report/v1` report")),)


def _state(before: BaselineFinding | None, status: Status, now: float) -> BaselineState | None:
    open_now = status in FAILING
    open_before = before is not None and before.status in FAILING
    if not open_now:
        return BaselineState.CLOSED if open_before else None
    if before is None or not open_before:
        return BaselineState.NEW
    if before.status is Status.SHORTFALL and status is Status.SHORTFALL:
        if now > before.amount:
            return BaselineState.WORSENED
        if now < before.amount:
            return BaselineState.IMPROVED
    return BaselineState.UNCHANGED


def _closed(findings: Iterable[BaselineFinding], titles: Mapping[str, str] | None = None) -> tuple[ClosedFinding, ...]:
    # The title as this run gives it where it has the requirement (in the report's language),
    # else as the baseline gave it.
    titles = titles or {}
    return tuple(
        ClosedFinding(f.requirement, f.severity.value, f.status.value, titles.get(f.requirement, f.title))
        for f in findings
        if f.status in FAILING
    )


def notes(report: Report, baseline: Baseline) -> tuple[str, ...]:
    """What differs between the two runs besides the declarations: the tool's version, the
    as-of date."""
    said: list[str] = []
    if baseline.tool_version != report.tool_version:
        said.append(
            _(
                "the baseline was written by pkcheck {before} and this run by pkcheck {now}: "
                "requirements and amounts may differ for that reason alone"
            ).format(before=baseline.tool_version, now=report.tool_version)
        )
    if baseline.as_of != report.as_of:
        said.append(
            _("the baseline is as of {before} and this run as of {now}").format(
                before=day(baseline.as_of), now=day(report.as_of)
            )
        )
    return tuple(said)


def compare(report: Report, baseline: Baseline) -> BaselineComparison:
    """Every result of ``report`` against the same unit of ``baseline``."""
    units: dict[str, UnitChange] = {}
    seen: set[str] = set()
    counts = {state.value: 0 for state in BaselineState}
    for result in report.results:
        unit_id = (result.unit or {}).get("id")
        if unit_id is None:
            continue
        unit = str(unit_id)
        seen.add(unit)
        before = baseline.units.get(unit)
        earlier: Mapping[str, BaselineFinding] = before.findings if before is not None else {}
        if result.verdict is Verdict.INVALID:
            units[result.path] = UnitChange(unit, before.verdict.value if before else None, result.verdict.value, {})
            continue
        states: dict[str, BaselineState] = {}
        present: set[str] = set()
        for finding in result.findings:
            present.add(finding.requirement)
            state = _state(earlier.get(finding.requirement), finding.status, amount(g.shortfall for g in finding.gaps))
            if state is not None:
                states[finding.requirement] = state
        titles = {finding.requirement: finding.title for finding in result.findings}
        closed = _closed(
            (f for r, f in earlier.items() if r in present and states.get(r) is BaselineState.CLOSED), titles
        )
        closed += _closed(f for r, f in earlier.items() if r not in present)
        for state in states.values():
            if state is not BaselineState.CLOSED:
                counts[state.value] += 1
        counts[BaselineState.CLOSED.value] += len(closed)
        units[result.path] = UnitChange(
            unit, before.verdict.value if before else None, result.verdict.value, states, closed
        )
    gone = tuple(
        UnitChange(unit, b.verdict.value, None, {}, _closed(b.findings.values()))
        for unit, b in sorted(baseline.units.items())
        if unit not in seen
    )
    return BaselineComparison(
        baseline.path, baseline.tool_version, baseline.as_of, notes(report, baseline), units, gone, counts
    )


def compared(report: Report, baseline: Baseline | None) -> Report:
    """``report`` with its comparison with ``baseline``, if one is given."""
    return report if baseline is None else replace(report, baseline=compare(report, baseline))


def fails_new(report: Report, fail_on: str) -> bool:
    """``--fail-on-new``: a new or worsened finding at or above ``fail_on``."""
    if report.baseline is None or fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    worse = (BaselineState.NEW, BaselineState.WORSENED)
    return any(
        finding.severity.rank >= threshold and report.baseline.state(result, finding) in worse
        for result in report.results
        for finding in result.findings
    )


def gated_exit_code(report: Report, fail_on: str, fail_on_new: bool) -> int:
    """The exit code of a run, with ``--fail-on-new``: a run whose only shortfalls at or above
    ``fail_on`` were already open in the baseline, and no worse, exits 0; an input that could not
    be checked is still 2."""
    code = exit_code(report, fail_on)
    if fail_on_new and code == 1 and not fails_new(report, fail_on):
        return 0
    return code


__all__: Sequence[str] = (
    "Baseline",
    "amount",
    "compare",
    "compared",
    "fails_new",
    "gated_exit_code",
    "load",
    "located",
)
