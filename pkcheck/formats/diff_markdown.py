"""``pkcheck diff --format markdown``: the changes to a standard, for a pull-request comment.

A headline with the totals (and a warning when requirements are relaxed or removed), then tables
of the requirements added, removed and changed (one row per field), the parameters that changed
and, with ``--against``, the declarations whose verdict or statuses change. Two amendments of an
MOU give tables of the Annex B lines, the Annex C categories and the units covered instead. Text from files is
escaped as in the check report's Markdown (``markdown.cell`` and ``markdown.code``).
"""

from __future__ import annotations

from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, display
from pkcheck.analyses.mou_diff import Amendment, MouDiff
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.escapes import inert
from pkcheck.formats import mou_diff_text
from pkcheck.formats.diff_text import summary
from pkcheck.formats.markdown import cell, code

DIRECTION_LABEL = {
    Direction.TIGHTENED: "tightened",
    Direction.RELAXED: "**relaxed**",
    Direction.CHANGED: "changed",
    Direction.TEXT: "text",
}


def render(diff: StandardDiff | MouDiff) -> str:
    if isinstance(diff, MouDiff):
        return inert("\n".join(_mou(diff)).rstrip("\n") + "\n")
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


def _mou(diff: MouDiff) -> list[str]:
    old, new = diff.old, diff.new
    lines = [
        f"# MOU changes: {code(old.id)} effective {old.effective} → {new.effective}",
        "",
        *(
            f"- {label}: {cell(side.reference)}{_mission(side)} ({_code(side.path)})"
            for label, side in (("Old", old), ("New", new))
        ),
        "",
        f"{cell(mou_diff_text.summary(diff, width=1_000_000).plain)}",  # one line, however long
        "",
    ]
    if diff.lines:
        lines += ["## Annex B, major equipment", ""]
        lines += [_row(["Line", "Item", "Change", "Old", "New", "Direction", "Where", "Note"]), _row(["---"] * 8)]
        for c in diff.lines:
            new_value = display(c.new) + (f" ({c.difference:+d})" if c.difference is not None else "")
            cells = [cell(c.line), cell(c.item), c.what, cell(display(c.old)), cell(new_value)]
            lines.append(_row([*cells, DIRECTION_LABEL[c.direction], _code(c.location), cell(c.note or "-")]))
        lines.append("")
    if diff.categories:
        lines += ["## Annex C, self-sustainment", ""]
        lines += [_row(["Category", "Change", "Old", "New", "Direction", "Where"]), _row(["---"] * 6)]
        for g in diff.categories:
            cells = [cell(g.category), g.what, g.old or "-", g.new or "-", DIRECTION_LABEL[g.direction]]
            lines.append(_row([*cells, _code(g.location)]))
        lines.append("")
    if diff.units:
        lines += ["## Units covered", "", _row(["Unit", "Change", "Direction", "Where"]), _row(["---"] * 4)]
        for u in diff.units:
            change = "added" if u.added else "removed"
            lines.append(_row([cell(u.unit), change, DIRECTION_LABEL[u.direction], _code(u.location)]))
        lines.append("")
    if diff.against is not None:
        lines += _against(diff.against)
        if diff.not_covered:
            count = len(diff.not_covered)
            units = ", ".join(code(n.unit) for n in diff.not_covered)
            noun = "declaration" if count == 1 else "declarations"
            lines += ["", f"Not covered, not judged: {count} {noun} of units neither amendment covers: {units}."]
    return lines


def _mission(side: Amendment) -> str:
    return f", mission {cell(side.mission)}" if side.mission else ""


def _code(text: object) -> str:
    return code(text, table=True)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
