"""``pkcheck diff --format json``: the ``pkcheck: diff/v1`` document, or ``mou-diff/v1`` for two
amendments of an MOU, deterministic to the byte."""

from __future__ import annotations

from typing import Any

from pkcheck.analyses.diff import AgainstResult, Change, Direction, StandardDiff, UnitChange
from pkcheck.analyses.mou_diff import Amendment, MouDiff
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.enums import FileKind
from pkcheck.formats.json_report import diagnostic_json, dumps, location_json
from pkcheck.report import StandardInfo


def render(diff: StandardDiff | MouDiff) -> str:
    if isinstance(diff, MouDiff):
        return dumps(mou_dict(diff)) + "\n"
    document = to_dict(diff)
    if diff.upcoming is not None:  # only with --upcoming: a diff without it stays as it was
        document["upcoming"] = _upcoming(diff.upcoming)
    return dumps(document) + "\n"


def to_dict(diff: StandardDiff) -> dict[str, Any]:
    # Fields changed in a direction no rule orders are `direction_unknown`: `changed` counts requirements.
    by_direction = {"direction_unknown" if d is Direction.CHANGED else d.value: diff.count(d) for d in Direction}
    summary = {"added": len(diff.added), "removed": len(diff.removed), "changed": len(diff.changed), **by_direction}
    summary.update({"parameters": len(diff.parameters), "relaxed_or_removed": diff.relaxed})
    head = {"pkcheck": FileKind.DIFF.value, "tool": {"name": "pkcheck", "version": diff.tool_version}}
    return head | {
        "old": _standard(diff.old),
        "new": _standard(diff.new),
        "summary": summary,
        "added": [
            {
                "requirement": a.requirement,
                "title": a.title,
                "category": a.category,
                "severity": a.severity.value,
                "location": location_json(a.location),
            }
            for a in diff.added
        ],
        "removed": [
            {
                "requirement": r.requirement,
                "title": r.title,
                "severity": r.severity.value,
                "reason": r.reason,
                "location": None if r.location is None else location_json(r.location),
                "old_location": location_json(r.old_location),
            }
            for r in diff.removed
        ],
        "changed": [
            {
                "requirement": c.requirement,
                "title": c.title,
                "severity": c.severity.value,
                "location": location_json(c.location),
                "changes": [_change(x) for x in c.changes],
            }
            for c in diff.changed
        ],
        "parameters": [
            {
                "name": p.name,
                "old": p.old,
                "new": p.new,
                "location": None if p.location is None else location_json(p.location),
                "used_by": list(p.used_by),
            }
            for p in diff.parameters
        ],
        "against": None if diff.against is None else _against(diff.against),
    }


def _standard(info: StandardInfo) -> dict[str, Any]:
    return {"id": info.id, "version": info.version, "title": info.title, "chain": list(info.chain), "path": info.path}


def _change(change: Change) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    return {
        "field": change.field,
        "old": plain(change.old),
        "new": plain(change.new),
        "direction": change.direction.value,
        "location": location_json(change.location),
        "note": change.note or None,
    }


def mou_dict(diff: MouDiff) -> dict[str, Any]:
    """The ``mou-diff/v1`` document (``pkcheck.models.mou_diff``)."""
    categories = [c.what for c in diff.categories]
    summary = {
        "lines_added": len(diff.lines_where("added")),
        "lines_removed": len(diff.lines_where("removed")),
        "lines_changed": diff.lines_changed,
        "categories_added": categories.count("added"),
        "categories_removed": categories.count("removed"),
        "categories_moved": categories.count("moved"),
        "units_added": sum(u.added for u in diff.units),
        "units_removed": sum(not u.added for u in diff.units),
        "tightened": diff.count(Direction.TIGHTENED),
        "relaxed": diff.count(Direction.RELAXED),
        "direction_unknown": diff.count(Direction.CHANGED),
        "relaxed_or_removed": diff.relaxed,
    }
    against = None
    if diff.against is not None:
        against = {key: value for key, value in _against(diff.against).items() if key != "not_applicable"}
        against["not_covered"] = [{"path": n.path, "unit": n.unit} for n in diff.not_covered]
    head = {"pkcheck": FileKind.MOU_DIFF.value, "tool": {"name": "pkcheck", "version": diff.tool_version}}
    return head | {
        "old": _amendment(diff.old),
        "new": _amendment(diff.new),
        "summary": summary,
        "lines": [
            {
                "line": c.line,
                "item": c.item,
                "change": c.what,
                "old": c.old,
                "new": c.new,
                "difference": c.difference,
                "direction": c.direction.value,
                "location": location_json(c.location),
                "note": c.note or None,
            }
            for c in diff.lines
        ],
        "categories": [
            {
                "category": c.category,
                "change": c.what,
                "old": c.old,
                "new": c.new,
                "direction": c.direction.value,
                "location": location_json(c.location),
            }
            for c in diff.categories
        ],
        "units": [
            {
                "unit": u.unit,
                "change": "added" if u.added else "removed",
                "direction": u.direction.value,
                "location": location_json(u.location),
            }
            for u in diff.units
        ],
        "against": against,
    }


def _amendment(side: Amendment) -> dict[str, Any]:
    return {
        "id": side.id,
        "reference": side.reference,
        "effective": side.effective.isoformat(),
        "mission": side.mission,
        "units": list(side.units),
        "path": side.path,
    }


def _against(against: AgainstResult) -> dict[str, Any]:
    return {
        "as_of": against.as_of,
        "checked": against.checked,
        "units": [_unit(u) for u in against.units],
        "invalid": [_unit(u) for u in against.invalid],
        "not_applicable": [{"path": n.path, "unit": n.unit, "unit_type": n.unit_type} for n in against.not_applicable],
    }


def _unit(unit: UnitChange) -> dict[str, Any]:
    return {
        "path": unit.path,
        "unit": unit.unit,
        "old_verdict": unit.old_verdict.value,
        "new_verdict": unit.new_verdict.value,
        "requirements": [{"requirement": s.requirement, "old": s.old, "new": s.new} for s in unit.statuses],
        "errors": [diagnostic_json(d) for d in unit.errors],
    }


def _upcoming(soon: UpcomingChanges) -> dict[str, Any]:
    """What starts or ends applying in the window (``pkcheck.analyses.upcoming``)."""
    return {
        "after": soon.start.isoformat(),
        "through": soon.end.isoformat(),
        "items": [
            {
                "day": item.day.isoformat(),
                "event": item.event,
                "subject": item.subject,
                "title": item.title if item.severity is not None else None,
                "value": item.title if item.severity is None else None,
                "severity": None if item.severity is None else item.severity.value,
                "words": item.words,
                "location": None if item.location is None else location_json(item.location),
                "used_by": list(item.used_by),
            }
            for item in soon.items
        ],
    }
