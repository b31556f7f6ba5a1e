"""``pkcheck diff --format markdown``: the changes to a standard, for a pull-request comment.

A headline with the totals (and a warning when requirements are relaxed or removed), then tables
of the requirements added, removed and changed (one row per field), the parameters that changed
and, with ``--against``, the declarations whose verdict or statuses change. Text from files is
escaped as in the check report's Markdown (``markdown.cell`` and ``markdown.code``).
"""

from __future__ import annotations

from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, display
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.escapes import inert
from pkcheck.formats.diff_text import summary
from pkcheck.formats.markdown import cell, code

DIRECTION_LABEL = {
    Direction.TIGHTENED: "tightened",
    Direction.RELAXED: "**relaxed**",
    Direction.CHANGED: "changed",
    Direction.TEXT: "text",
}


def render(diff: StandardDiff) -> str:
    lines = [
        f"# Standard changes: {code(diff.old.id)} {cell(diff.old.version)} → {code(diff.new.id)} {cell(diff.new.version)}",
        "",
        f"{cell(summary(diff).plain)}",
        "",
    ]
    if diff.added:
        lines += ["## Added", "", _row(["Requirement", "Severity", "Title", "Where"]), _row(["---"] * 4)]
        lines += [_row([cell(a.requirement), a.severity.value, cell(a.title), _code(a.location)]) for a in diff.added]
        lines.append("")
    if diff.removed:
        lines += ["## Removed", "", _row(["Requirement", "Severity", "Title", "Reason", "Where"]), _row(["---"] * 5)]
        lines += [
            _row(
                [
                    cell(r.requirement),
                    r.severity.value,
                    cell(r.title),
                    cell(r.reason or "-"),
                    _code(r.location or r.old_location),
                ]
            )
            for r in diff.removed
        ]
        lines.append("")
    if diff.changed:
        lines += [
            "## Changed",
            "",
            _row(["Requirement", "Field", "Old", "New", "Direction", "Where", "Note"]),
            _row(["---"] * 7),
        ]
        for c in diff.changed:
            for x in c.changes:
                lines.append(
                    _row(
                        [
                            cell(c.requirement),
                            _code(x.field),
                            cell(display(x.old)),
                            cell(display(x.new)),
                            DIRECTION_LABEL[x.direction],
                            _code(x.location),
                            cell(x.note or "-"),
                        ]
                    )
                )
        lines.append("")
    if diff.parameters:
        lines += ["## Parameters", "", _row(["Parameter", "Old", "New", "Used by", "Where"]), _row(["---"] * 5)]
        for p in diff.parameters:
            where = _code(p.location) if p.location else "-"
            lines.append(
                _row(
                    [
                        _code(p.name),
                        cell(display(p.old)),
                        cell(display(p.new)),
                        cell(", ".join(p.used_by) or "-"),
                        where,
                    ]
                )
            )
        lines.append("")
    if diff.upcoming is not None:
        lines += _upcoming(diff.upcoming)
    if diff.against is not None:
        lines += _against(diff.against)
    return inert("\n".join(lines).rstrip("\n") + "\n")


def _upcoming(soon: UpcomingChanges) -> list[str]:
    lines = [f"## Upcoming after {soon.start} through {soon.end}", ""]
    if not soon.items:
        return [*lines, "Nothing starts or ends applying.", ""]
    lines += [_row(["Day", "Requirement or parameter", "Severity", "What", "Where"]), _row(["---"] * 5)]
    for item in soon.items:
        subject = cell(item.subject) + (f" {cell(item.title)}" if item.severity is not None else "")
        what = cell(item.words) + (f" (used by {cell(', '.join(item.used_by))})" if item.used_by else "")
        severity = item.severity.value if item.severity is not None else "-"
        lines.append(_row([str(item.day), subject, severity, what, _code(item.location) if item.location else "-"]))
    return [*lines, ""]


def _against(against: AgainstResult) -> list[str]:
    lines = [
        f"## Declarations (as of {against.as_of})",
        "",
        f"{len(against.units)} of {against.checked} declaration(s) check differently.",
        "",
    ]
    if against.units:
        lines += [_row(["Unit", "File", "Verdict", "Requirements"]), _row(["---"] * 4)]
        for unit in against.units:
            statuses = (
                "<br>".join(cell(f"{s.requirement}: {s.old or 'absent'} → {s.new or 'absent'}") for s in unit.statuses)
                or "-"
            )
            verdict = f"{unit.old_verdict.label} → {unit.new_verdict.label}"
            lines.append(_row([cell(unit.unit or "-"), _code(unit.path), verdict, statuses]))
        lines.append("")
    for unit in against.invalid:
        lines.append(
            f"- {code(unit.path)} is invalid under both versions: "
            + "; ".join(f"{code(e.location)}: {cell(e.message)}" for e in unit.errors)
        )
    if against.not_applicable:
        types = ", ".join(cell(t) for t in against.not_applicable_types())
        units = ", ".join(code(n.unit or n.path) for n in against.not_applicable)
        lines += [""] if against.invalid else []  # after the list of invalid ones
        count = len(against.not_applicable)
        lines.append(
            f"Not applicable, not judged: {count} {'declaration' if count == 1 else 'declarations'} of a unit type "
            f"the standard is not for ({types}): {units}."
        )
    return lines


def _code(text: object) -> str:
    return code(text, table=True)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
