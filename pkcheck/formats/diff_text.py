"""``pkcheck diff`` in the terminal, drawn with rich like ``formats/text.py``.

A header naming both versions and the totals; then the requirements added, removed and changed
(one line per changed field: old -> new, the direction and where in NEW), the parameters that
changed, and with ``--against`` each declaration whose verdict or statuses change (two
amendments of an MOU are laid out by ``mou_diff_text``, with the same pieces). Locations
stay on one line so they can be grepped and clicked. Colour only when asked for; text from files
is shown escaped, as in the check report.
"""

from __future__ import annotations

import io

from rich.text import Text

from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, display
from pkcheck.analyses.mou_diff import MouDiff
from pkcheck.analyses.upcoming import UpcomingChanges
from pkcheck.diagnostics import Location
from pkcheck.escapes import shown
from pkcheck.formats.lines import packed
from pkcheck.formats.text import (
    SEVERITY_STYLE,
    VERDICT_STYLE,
    Piece,
    finished,
    flowed,
    laid_out,
    located,
    make_console,
)
from pkcheck.report import StandardInfo, Verdict

DIRECTION_STYLE = {
    Direction.TIGHTENED: "yellow",
    Direction.RELAXED: "bold red",
    Direction.CHANGED: "magenta",
    Direction.TEXT: "dim",
}

SUMMARY_LABEL = {
    Direction.TIGHTENED: "tightened",
    Direction.RELAXED: "relaxed",
    Direction.CHANGED: "direction unknown",
    Direction.TEXT: "text only",
}


def render(diff: StandardDiff | MouDiff, *, color: bool = False, width: int = 100) -> str:
    """The comparison of two standards, or of two amendments of an MOU (``mou_diff_text``)."""
    from pkcheck.formats import mou_diff_text  # which draws with this module's pieces

    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width, soft_wrap=True)
    drawn = mou_diff_text.lines(diff, width) if isinstance(diff, MouDiff) else lines(diff, width)
    for line in drawn:
        console.print(line, crop=False)
    return finished(buffer)


def lines(diff: StandardDiff, width: int = 100) -> list[Text]:
    """The report's lines, each wrapped under itself to ``width`` (at spaces, a location whole)."""
    out = [
        flowed(_plain(f"Old  {_name(diff.old)}"), width, 5),
        flowed(_plain(f"New  {_name(diff.new)}"), width, 5),
        summary(diff, width),
    ]
    if diff.added:
        out += [Text(""), Text("Added", style="bold")]
        for a in diff.added:
            out.append(_requirement_line(a.requirement, a.severity.value, a.title, a.location, width))
    if diff.removed:
        out += [Text(""), Text("Removed", style="bold")]
        for r in diff.removed:
            where = [_where(r.location)] if r.location else [("  (was", "", False), _where(r.old_location, ")")]
            out.append(_requirement_line(r.requirement, r.severity.value, r.title, where, width))
            if r.reason:
                out.append(flowed([(f"      reason: {shown(r.reason)}", "dim", False)], width, 8))
    if diff.changed:
        out += [Text(""), Text("Changed", style="bold")]
        for c in diff.changed:
            out.append(_requirement_line(c.requirement, c.severity.value, c.title, c.location, width))
            for change in c.changes:
                pieces: list[Piece] = [
                    (
                        f"      {shown(change.field)}: {shown(display(change.old))} -> {shown(display(change.new))}  ",
                        "",
                        False,
                    ),
                    (change.direction.value, DIRECTION_STYLE[change.direction], False),
                    _where(change.location),
                ]
                if change.note:
                    pieces.append((f"  ({shown(change.note)})", "dim", False))
                out.append(flowed(pieces, width, 8))
    if diff.parameters:
        out += [Text(""), Text("Parameters", style="bold")]
        for p in diff.parameters:
            pieces = [(f"  {shown(p.name)}: {shown(display(p.old))} -> {shown(display(p.new))}", "", False)]
            if p.location:
                pieces.append(_where(p.location))
            if p.used_by:
                pieces.append((f"  used by {shown(', '.join(p.used_by))}", "dim", False))
            out.append(flowed(pieces, width, 4))
    if diff.upcoming is not None:
        out += [Text(""), *_upcoming(diff.upcoming, width)]
    if diff.against is not None:
        out += [Text(""), *against_lines(diff.against, width)]
    return out


def _upcoming(soon: UpcomingChanges, width: int) -> list[Text]:
    """What comes into force or lapses in the window, a line each, in order of day."""
    out = [Text(f"Upcoming after {soon.start} through {soon.end}", style="bold")]
    if not soon.items:
        out.append(Text("  Nothing starts or ends applying."))
    for item in soon.items:
        if item.severity is None:  # a parameter's next value
            pieces: list[Piece] = [(f"  {item.day}  {shown(item.subject)} {item.words}", "", False)]
            if item.location:
                pieces.append(_where(item.location))
            if item.used_by:
                pieces.append((f"  used by {shown(', '.join(item.used_by))}", "dim", False))
        else:
            pieces = [
                (f"  {item.day}  {shown(item.subject)}  ", "", False),
                (item.severity.value, SEVERITY_STYLE[item.severity.value], False),
                (f"  {shown(item.title)}: {item.words}", "", False),
                _where(item.location),
            ]
        out.append(flowed(pieces, width, 14))
    return out


def _plain(text: str) -> list[Piece]:
    return [(text, "", False)]


def _where(location: object, after: str = "") -> Piece:
    """A location, kept whole so that it can be clicked and searched."""
    return (f"  {shown(location)}{after}", "cyan", True)


def summary(diff: StandardDiff, width: int = 100) -> Text:
    if diff.empty:
        return Text("No requirement or parameter changed.")
    fields = ", ".join(f"{diff.count(d)} {SUMMARY_LABEL[d]}" for d in Direction)
    counts = (
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed "
        f"(fields: {fields}), {len(diff.parameters)} parameter(s) changed"
    )
    pieces: list[Piece] = [(counts, "", False)]
    if diff.removed or diff.count(Direction.RELAXED):
        pieces.append((" - relaxes or removes requirements", "bold red", False))
    elif diff.may_relax:
        pieces.append((" - may relax requirements (see the notes)", "bold red", False))
    return flowed(pieces, width, 2)


def _name(info: StandardInfo) -> str:
    return shown(f"{info.id} {info.version} ({info.path})")


def _requirement_line(requirement: str, severity: str, title: str, where: Location | list[Piece], width: int) -> Text:
    pieces: list[Piece] = [
        (f"  {shown(requirement)}  ", "", True),
        (severity, SEVERITY_STYLE[severity], False),
        (f"  {shown(title)}", "", False),
    ]
    pieces += where if isinstance(where, list) else [_where(where)]
    return flowed(pieces, width, 4)


def against_lines(against: AgainstResult, width: int) -> list[Text]:
    """Each declaration whose verdict or statuses change under NEW, and those not judged."""
    judged = f"{len(against.units)} of {against.checked} change"
    out = [flowed([(f"Declarations, as of {against.as_of}: {judged}", "bold", False)], width, 2)]
    for unit in against.units:
        pieces: list[Piece] = [
            (f"  {shown(unit.path)}", "", True),
            (f" {shown(unit.unit or '?')}: ", "", False),
            (unit.old_verdict.label, VERDICT_STYLE[unit.old_verdict], True),
            (" -> ", "", False),
            (unit.new_verdict.label, VERDICT_STYLE[unit.new_verdict], True),
        ]
        out.append(flowed(pieces, width, 4))
        out += [
            flowed(_plain(shown(f"      {s.requirement}: {s.old or 'absent'} -> {s.new or 'absent'}")), width, 8)
            for s in unit.statuses
        ]
        out += [located(e, "red", width, 6) for e in unit.errors]
    for unit in against.invalid:
        pieces = [
            (f"  {shown(unit.path)}:", "", True),
            (f" {Verdict.INVALID.value}", VERDICT_STYLE[Verdict.INVALID], False),
            (" under both versions", "", False),
        ]
        out.append(flowed(pieces, width, 4))
        out += [located(e, "red", width, 6) for e in unit.errors]
    if against.not_applicable:
        types = ", ".join(against.not_applicable_types())
        count = len(against.not_applicable)
        noun = "declaration" if count == 1 else "declarations"
        heading = f"Not applicable, not judged: {count} {noun} of a unit type the standard is not for ({types})"
        out += [Text(""), flowed([(shown(heading), "bold", False)], width, 2)]
        units = [shown(n.unit or n.path) for n in against.not_applicable]
        out.append(laid_out("\n".join(packed(units, ", ", width, 2))))
    return out
