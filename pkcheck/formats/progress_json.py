"""``pkcheck progress --format json``: the ``pkcheck: progress/v1`` document, deterministic to the
byte (``pkcheck schema progress`` describes it)."""

from __future__ import annotations

from typing import Any

from pkcheck.analyses.progress import OpenFinding, Progress, State
from pkcheck.enums import FileKind
from pkcheck.formats.json_report import dumps
from pkcheck.version import __version__


def render(progress: Progress) -> str:
    return dumps(to_dict(progress)) + "\n"


def to_dict(progress: Progress) -> dict[str, Any]:
    dates = progress.dates
    return {
        "pkcheck": FileKind.PROGRESS.value,
        "tool": {"name": "pkcheck", "version": __version__},
        "assessments": [
            {"as_of": a.as_of.isoformat(), "report": a.path, "tool_version": a.tool_version}
            for a in progress.assessments
        ],
        "units": [
            {
                "unit": unit.unit,
                "country": unit.country,
                "dates": [_date(when.isoformat(), state) for when, state in zip(dates, unit.states, strict=True)],
                "changes": [
                    {
                        "before": c.before.isoformat(),
                        "after": c.after.isoformat(),
                        "verdict_before": c.verdict_before.value,
                        "verdict_after": c.verdict_after.value,
                        "compared": c.compared,
                        "closed": [_finding(f) for f in c.closed],
                        "opened": [_finding(f) for f in c.opened],
                    }
                    for c in unit.changes
                ],
            }
            for unit in progress.units
        ],
        "countries": [
            {
                "country": country.country,
                "dates": [
                    {
                        "as_of": when.isoformat(),
                        "units": totals.units,
                        "verdicts": {v.value: n for v, n in totals.verdicts.items()},
                        "open": totals.open_total,
                        "by_severity": {s.value: n for s, n in totals.open.items()},
                    }
                    for when, totals in zip(dates, country.dates, strict=True)
                ],
            }
            for country in progress.countries
        ],
        "notes": list(progress.notes),
    }


def _date(as_of: str, state: State | None) -> dict[str, Any]:
    if state is None:
        return {
            "as_of": as_of,
            "assessed": False,
            "declaration": None,
            "verdict": None,
            "open": None,
            "by_severity": None,
            "by_category": None,
            "findings": None,
        }
    return {
        "as_of": as_of,
        "assessed": True,
        "declaration": state.declaration,
        "verdict": state.verdict.value,
        "open": len(state.open),
        "by_severity": {s.value: n for s, n in state.by_severity().items()},
        "by_category": state.by_category(),
        "findings": [_finding(f) for f in state.open],
    }


def _finding(finding: OpenFinding) -> dict[str, Any]:
    return {
        "requirement": finding.requirement,
        "severity": finding.severity.value,
        "category": None if finding.category is None else finding.category.value,
        "status": finding.status,
        "title": finding.title,
    }
