"""``pkcheck diff --format markdown``: the changes to a standard, for a pull-request comment.

A headline with the totals (and a warning when requirements are relaxed or removed), then tables
of the requirements added, removed and changed (one row per field), the parameters that changed
and, with ``--against``, the declarations whose verdict or statuses change. Two amendments of an
MOU give tables of the Annex B lines, the Annex C categories and the units covered instead. Text from files is
escaped as in the check report's Markdown (``markdown.cell`` and ``markdown.code``).
"""

from __future__ import annotations

from pkcheck import words
from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, display
from pkcheck.analyses.mou_diff import Amendment, MouDiff
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.escapes import inert
from pkcheck.formats import mou_diff_text
from pkcheck.formats.diff_text import absent, as_of_text, shown_value, summary
from pkcheck.formats.markdown import cell, code
from pkcheck.formats.mou_diff_text import provider, value, what
from pkcheck.i18n import _, day, ngettext, number


def direction_label(direction: Direction) -> str:
    """A change's direction in the tables, a relaxation in bold."""
    word = words.direction(direction)
    return f"**{word}**" if direction is Direction.RELAXED else word


def _header(*names: str) -> list[str]:
    """A table's header row and its rule."""
    return [_row(list(names)), _row(["---"] * len(names))]


def render(diff: StandardDiff | MouDiff) -> str:
    if isinstance(diff, MouDiff):
        return inert("\n".join(_mou(diff)).rstrip("\n") + "\n")
    lines = [
        "# "
        + _("Standard changes: {old} {old_version} → {new} {new_version}").format(
            old=code(diff.old.id),
            old_version=cell(diff.old.version),
            new=code(diff.new.id),
            new_version=cell(diff.new.version),
        ),
        "",
        f"{cell(summary(diff, width=1_000_000).plain)}",  # one line, however long
        "",
    ]
    if diff.added:
        lines += ["## " + _("Added"), "", *_header(_("Requirement"), _("Severity"), _("Title"), _("Where"))]
        lines += [
            _row([cell(a.requirement), words.severity(a.severity), cell(a.title), _code(a.location)])
            for a in diff.added
        ]
        lines.append("")
    if diff.removed:
        lines += [
            "## " + _("Removed"),
            "",
            *_header(_("Requirement"), _("Severity"), _("Title"), _("Reason"), _("Where")),
        ]
        lines += [
            _row(
                [
                    cell(r.requirement),
                    words.severity(r.severity),
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
            "## " + _("Changed"),
            "",
            *_header(_("Requirement"), _("Field"), _("Old"), _("New"), _("Direction"), _("Where"), _("Note")),
        ]
        for c in diff.changed:
            for x in c.changes:
                lines.append(
                    _row(
                        [
                            cell(c.requirement),
                            _code(x.field),
                            cell(shown_value(x.field, x.old)),
                            cell(shown_value(x.field, x.new)),
                            direction_label(x.direction),
                            _code(x.location),
                            cell(x.note or "-"),
                        ]
                    )
                )
        lines.append("")
    if diff.parameters:
        lines += [
            "## " + _("Parameters"),
            "",
            *_header(_("Parameter"), _("Old"), _("New"), _("Used by"), _("Where")),
        ]
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
    heading = _("Upcoming after {start} through {end}").format(start=day(soon.start), end=day(soon.end))
    lines = ["## " + heading, ""]
    if not soon.items:
        return [*lines, _("Nothing starts or ends applying."), ""]
    lines += _header(_("Day"), _("Requirement or parameter"), _("Severity"), _("What"), _("Where"))
    for item in soon.items:
        subject = cell(item.subject) + (f" {cell(item.title)}" if item.severity is not None else "")
        used_by = _(" (used by {requirements})").format(requirements=cell(", ".join(item.used_by)))
        happens = cell(item.words) + (used_by if item.used_by else "")
        severity = words.severity(item.severity) if item.severity is not None else "-"
        where = _code(item.location) if item.location else "-"
        lines.append(_row([day(item.day), subject, severity, happens, where]))
    return [*lines, ""]


def _against(against: AgainstResult) -> list[str]:
    differently = ngettext(
        "{changed} of {checked} declaration(s) check differently.",
        "{changed} of {checked} declaration(s) check differently.",
        len(against.units),
    ).format(changed=number(len(against.units)), checked=number(against.checked))
    lines = ["## " + _("Declarations (as of {day})").format(day=as_of_text(against.as_of)), "", differently, ""]
    if against.units:
        lines += _header(_("Unit"), _("File"), _("Verdict"), _("Requirements"))
        for unit in against.units:
            statuses = (
                "<br>".join(
                    cell(
                        _("{requirement}: {old} → {new}").format(
                            requirement=s.requirement, old=absent(s.old), new=absent(s.new)
                        )
                    )
                    for s in unit.statuses
                )
                or "-"
            )
            verdict = f"{words.verdict(unit.old_verdict)} → {words.verdict(unit.new_verdict)}"
            lines.append(_row([cell(unit.unit or "-"), _code(unit.path), verdict, statuses]))
        lines.append("")
    for unit in against.invalid:
        errors = "; ".join(f"{code(e.location)}: {cell(e.message)}" for e in unit.errors)
        lines.append(
            "- " + _("{file} is invalid under both versions: {errors}").format(file=code(unit.path), errors=errors)
        )
    if against.not_applicable:
        types = ", ".join(cell(t) for t in against.not_applicable_types())
        units = ", ".join(code(n.unit or n.path) for n in against.not_applicable)
        lines += [""] if against.invalid else []  # after the list of invalid ones
        count = len(against.not_applicable)
        lines.append(
            ngettext(
                "Not applicable, not judged: {count} declaration of a unit type the standard is not for "
                "({types}): {units}.",
                "Not applicable, not judged: {count} declarations of a unit type the standard is not for "
                "({types}): {units}.",
                count,
            ).format(count=number(count), types=types, units=units)
        )
    return lines


def _mou(diff: MouDiff) -> list[str]:
    old, new = diff.old, diff.new
    lines = [
        "# "
        + _("MOU changes: {mou} effective {old} → {new}").format(
            mou=code(old.id), old=day(old.effective), new=day(new.effective)
        ),
        "",
        *(
            "- "
            + _("{side}: {reference}{mission} ({path})").format(
                side=label, reference=cell(side.reference), mission=_mission(side), path=_code(side.path)
            )
            for label, side in ((_("Old"), old), (_("New"), new))
        ),
        "",
        f"{cell(mou_diff_text.summary(diff, width=1_000_000).plain)}",  # one line, however long
        "",
    ]
    if diff.lines:
        lines += ["## " + _("Annex B, major equipment"), ""]
        lines += _header(_("Line"), _("Item"), _("Change"), _("Old"), _("New"), _("Direction"), _("Where"), _("Note"))
        for c in diff.lines:
            old_value = value(c.field, display(c.old))
            new_value = value(c.field, display(c.new)) + (f" ({c.difference:+d})" if c.difference is not None else "")
            cells = [cell(c.line), cell(c.item), what(c.what), cell(old_value), cell(new_value)]
            lines.append(_row([*cells, direction_label(c.direction), _code(c.location), cell(c.note or "-")]))
        lines.append("")
    if diff.categories:
        lines += ["## " + _("Annex C, self-sustainment"), ""]
        lines += _header(_("Category"), _("Change"), _("Old"), _("New"), _("Direction"), _("Where"))
        for g in diff.categories:
            cells = [cell(g.category), what(g.what), provider(g.old) or "-", provider(g.new) or "-"]
            cells.append(direction_label(g.direction))
            lines.append(_row([*cells, _code(g.location)]))
        lines.append("")
    if diff.units:
        lines += ["## " + _("Units covered"), "", *_header(_("Unit"), _("Change"), _("Direction"), _("Where"))]
        for u in diff.units:
            change = what("added" if u.added else "removed")
            lines.append(_row([cell(u.unit), change, direction_label(u.direction), _code(u.location)]))
        lines.append("")
    if diff.against is not None:
        lines += _against(diff.against)
        if diff.not_covered:
            count = len(diff.not_covered)
            units = ", ".join(code(n.unit) for n in diff.not_covered)
            covered = ngettext(
                "Not covered, not judged: {count} declaration of units neither amendment covers: {units}.",
                "Not covered, not judged: {count} declarations of units neither amendment covers: {units}.",
                count,
            ).format(count=number(count), units=units)
            lines += ["", covered]
    return lines


def _mission(side: Amendment) -> str:
    return _(", mission {mission}").format(mission=cell(side.mission)) if side.mission else ""


def _code(text: object) -> str:
    return code(text, table=True)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
