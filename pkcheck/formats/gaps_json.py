"""``pkcheck gaps --format json``: the ``pkcheck: gaps/v1`` document, deterministic to the byte."""

from __future__ import annotations

from typing import Any

from pkcheck.analyses import parity
from pkcheck.analyses.gaps import EvidenceMissing, Line, Register
from pkcheck.enums import FileKind
from pkcheck.formats.json_report import dumps


def render(register: Register) -> str:
    return dumps(to_dict(register)) + "\n"


def to_dict(register: Register) -> dict[str, Any]:
    filters = register.filters
    return {
        "pkcheck": FileKind.GAPS.value,
        "tool": {"name": "pkcheck", "version": register.tool_version},
        "as_of": register.as_of.isoformat(),
        "filters": {
            "categories": [c.value for c in filters.categories],
            "countries": list(filters.countries),
            "severity": filters.severity.value,
        },
        "declarations": register.declarations,
        "lines": [_line(line) for line in register.lines],
        "coe_categories": [
            {
                "coe_category": t.coe_category,
                "items_short": t.items_short,
                "units": t.units,
                "illustrative": t.illustrative,
            }
            for t in register.coe_totals()
        ],
        "evidence_missing": [_evidence(entry) for entry in register.evidence_missing],
        "countries": [
            {
                "country": view.country,
                "lines": [
                    {**_key(item.line), "short": item.total, "units": item.units, "illustrative": item.illustrative}
                    for item in view.lines
                ],
                "evidence_missing": view.evidence_missing,
            }
            for view in register.countries()
        ],
        "invalid": [
            {"declaration": i.declaration, "unit": i.unit, "country": i.country, "errors": list(i.errors)}
            for i in register.invalid
        ],
        "invalid_other_countries": register.invalid_elsewhere,
        "women_by_country": [parity.to_json(line) for line in register.women],
    }


def _key(line: Line) -> dict[str, Any]:
    return {"category": line.category.value, "kind": line.kind, "what": line.what, "measure": line.measure}


def _line(line: Line) -> dict[str, Any]:
    return {
        **_key(line),
        "title": line.title,
        "coe_category": line.coe_category,
        "total": line.total,
        "illustrative": line.illustrative,
        "severity": line.severity.value,
        "requirements": list(line.requirements),
        "units": [
            {
                "unit": s.unit_id,
                "country": s.country,
                "declaration": s.declaration,
                "short": s.amount,
                "illustrative": s.illustrative,
                "severity": s.severity.value,
                "requirements": list(s.requirements),
            }
            for s in line.units
        ],
    }


def _evidence(entry: EvidenceMissing) -> dict[str, Any]:
    return {
        "requirement": entry.requirement,
        "title": entry.title,
        "category": entry.category.value,
        "severity": entry.severity.value,
        "units": [{"unit": u.unit_id, "country": u.country, "declaration": u.declaration} for u in entry.units],
    }
