"""``pkcheck diff`` in the terminal, drawn with rich like ``formats/text.py``.

A header naming both versions and the totals; then the requirements added, removed and changed
(one line per changed field: old -> new, the direction and where in NEW), the parameters that
changed, and with ``--against`` each declaration whose verdict or statuses change (two
amendments of an MOU are laid out by ``mou_diff_text``, with the same pieces). Locations
stay on one line so they can be grepped and clicked. Colour only when asked for; text from files
is shown escaped, as in the check report.
"""

from __future__ import annotations

import datetime as dt
import io

from rich.text import Text

from pkcheck import words
from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, Value, display
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
from pkcheck.i18n import N_, _, day, language, ngettext, number, pgettext
from pkcheck.report import StandardInfo, Verdict

DIRECTION_STYLE = {
    Direction.TIGHTENED: "yellow",
    Direction.RELAXED: "bold red",
    Direction.CHANGED: "magenta",
    Direction.TEXT: "dim",
}

SUMMARY_LABEL = {
    Direction.TIGHTENED: N_("{count} tightened"),
    Direction.RELAXED: N_("{count} relaxed"),
    Direction.CHANGED: N_("{count} direction unknown"),
    Direction.TEXT: N_("{count} text only"),
}
"""How many fields changed each way, as the summary counts them (``summary_count``)."""


def summary_count(direction: Direction, count: int) -> str:
    """``3 tightened``, in the language in use."""
    return _(SUMMARY_LABEL[direction]).format(count=number(count))


def _moved(field: str, old: Value, new: Value) -> str:
    """``      field: old -> new  `` of a change, values shown escaped."""
    return f"      {shown(field)}: {shown(shown_value(field, old))} -> {shown(shown_value(field, new))}  "


def shown_value(field: str, value: Value) -> str:
    """A field's value as a change shows it (``display``); in French, a severity or a category
    in words."""
    text = display(value)
    if language() == "en" or value is None:
        return text
    if field == "severity":
        return words.severity(text)
    if field == "category":
        return words.category(text)
    return text


def absent(status: str | None) -> str:
    """A requirement's status in an ``--against`` line, or ``absent`` where a version has none."""
    if not status:
        return pgettext("status", "absent")
    return status if language() == "en" else words.status(status)  # English keeps the code it always showed


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
        flowed(_plain(_("Old  {standard}").format(standard=_name(diff.old))), width, 5),
        flowed(_plain(_("New  {standard}").format(standard=_name(diff.new))), width, 5),
        summary(diff, width),
    ]
    if diff.added:
        out += [Text(""), Text(_("Added"), style="bold")]
        for a in diff.added:
            out.append(_requirement_line(a.requirement, a.severity.value, a.title, a.location, width))
    if diff.removed:
        out += [Text(""), Text(_("Removed"), style="bold")]
        for r in diff.removed:
            where = [_where(r.location)] if r.location else [("  " + _("(was"), "", False), _where(r.old_location, ")")]
            out.append(_requirement_line(r.requirement, r.severity.value, r.title, where, width))
            if r.reason:
                reason = _("reason: {reason}").format(reason=shown(r.reason))
                out.append(flowed([("      " + reason, "dim", False)], width, 8))
    if diff.changed:
        out += [Text(""), Text(_("Changed"), style="bold")]
        for c in diff.changed:
            out.append(_requirement_line(c.requirement, c.severity.value, c.title, c.location, width))
            for change in c.changes:
                pieces: list[Piece] = [
                    (
                        _moved(change.field, change.old, change.new),
                        "",
                        False,
                    ),
                    (words.direction(change.direction), DIRECTION_STYLE[change.direction], False),
                    _where(change.location),
                ]
                if change.note:
                    pieces.append((f"  ({shown(change.note)})", "dim", False))
                out.append(flowed(pieces, width, 8))
    if diff.parameters:
        out += [Text(""), Text(_("Parameters"), style="bold")]
        for p in diff.parameters:
            pieces = [(f"  {shown(p.name)}: {shown(display(p.old))} -> {shown(display(p.new))}", "", False)]
            if p.location:
                pieces.append(_where(p.location))
            if p.used_by:
                pieces.append(
                    ("  " + _("used by {requirements}").format(requirements=shown(", ".join(p.used_by))), "dim", False)
                )
            out.append(flowed(pieces, width, 4))
    if diff.upcoming is not None:
        out += [Text(""), *_upcoming(diff.upcoming, width)]
    if diff.against is not None:
        out += [Text(""), *against_lines(diff.against, width)]
    return out


def _upcoming(soon: UpcomingChanges, width: int) -> list[Text]:
    """What comes into force or lapses in the window, a line each, in order of day."""
    heading = _("Upcoming after {start} through {end}").format(start=day(soon.start), end=day(soon.end))
    out = [Text(heading, style="bold")]
    if not soon.items:
        out.append(Text("  " + _("Nothing starts or ends applying.")))
    for item in soon.items:
        if item.severity is None:  # a parameter's next value
            pieces: list[Piece] = [(f"  {day(item.day)}  {shown(item.subject)} {item.words}", "", False)]
            if item.location:
                pieces.append(_where(item.location))
            if item.used_by:
                used_by = _("used by {requirements}").format(requirements=shown(", ".join(item.used_by)))
                pieces.append(("  " + used_by, "dim", False))
        else:
            pieces = [
                (f"  {day(item.day)}  {shown(item.subject)}  ", "", False),
                (words.severity(item.severity), SEVERITY_STYLE[item.severity.value], False),
                (f"  {shown(item.title)}: {item.words}", "", False),
                _where(item.location),
            ]
        out.append(flowed(pieces, width, 4 + len(day(item.day))))  # under what comes after the day
    return out


def _plain(text: str) -> list[Piece]:
    return [(text, "", False)]


def _where(location: object, after: str = "") -> Piece:
    """A location, kept whole so that it can be clicked and searched."""
    return (f"  {shown(location)}{after}", "cyan", True)


def summary(diff: StandardDiff, width: int = 100) -> Text:
    if diff.empty:
        return Text(_("No requirement or parameter changed."))
    fields = ", ".join(summary_count(d, diff.count(d)) for d in Direction)
    count = len(diff.parameters)
    parameters = ngettext("{count} parameter(s) changed", "{count} parameter(s) changed", count)
    parameters = parameters.format(count=number(count))
    counts = _("{added} added, {removed} removed, {changed} changed (fields: {fields}), {parameters}").format(
        added=number(len(diff.added)),
        removed=number(len(diff.removed)),
        changed=number(len(diff.changed)),
        fields=fields,
        parameters=parameters,
    )
    pieces: list[Piece] = [(counts, "", False)]
    if diff.removed or diff.count(Direction.RELAXED):
        pieces.append((_(" - relaxes or removes requirements"), "bold red", False))
    elif diff.may_relax:
        pieces.append((_(" - may relax requirements (see the notes)"), "bold red", False))
    return flowed(pieces, width, 2)


def _name(info: StandardInfo) -> str:
    return shown(f"{info.id} {info.version} ({info.path})")


def _requirement_line(requirement: str, severity: str, title: str, where: Location | list[Piece], width: int) -> Text:
    pieces: list[Piece] = [
        (f"  {shown(requirement)}  ", "", True),
        (words.severity(severity), SEVERITY_STYLE[severity], False),
        (f"  {shown(title)}", "", False),
    ]
    pieces += where if isinstance(where, list) else [_where(where)]
    return flowed(pieces, width, 4)


def against_lines(against: AgainstResult, width: int) -> list[Text]:
    """Each declaration whose verdict or statuses change under NEW, and those not judged."""
    judged = ngettext(
        "Declarations, as of {day}: {changed} of {checked} change",
        "Declarations, as of {day}: {changed} of {checked} change",
        len(against.units),
    ).format(day=as_of_text(against.as_of), changed=number(len(against.units)), checked=number(against.checked))
    out = [flowed([(judged, "bold", False)], width, 2)]
    for unit in against.units:
        pieces: list[Piece] = [
            (f"  {shown(unit.path)}", "", True),
            (" " + _("{unit}: ").format(unit=shown(unit.unit or "?")), "", False),
            (words.verdict(unit.old_verdict), VERDICT_STYLE[unit.old_verdict], True),
            (" -> ", "", False),
            (words.verdict(unit.new_verdict), VERDICT_STYLE[unit.new_verdict], True),
        ]
        out.append(flowed(pieces, width, 4))
        out += [
            flowed(_plain(shown(f"      {_status_change(s.requirement, s.old, s.new)}")), width, 8)
            for s in unit.statuses
        ]
        out += [located(e, "red", width, 6) for e in unit.errors]
    for unit in against.invalid:
        pieces = [
            (f"  {shown(unit.path)}:", "", True),
            (f" {words.verdict(Verdict.INVALID)}", VERDICT_STYLE[Verdict.INVALID], False),
            (_(" under both versions"), "", False),
        ]
        out.append(flowed(pieces, width, 4))
        out += [located(e, "red", width, 6) for e in unit.errors]
    if against.not_applicable:
        types = ", ".join(against.not_applicable_types())
        count = len(against.not_applicable)
        heading = ngettext(
            "Not applicable, not judged: {count} declaration of a unit type the standard is not for ({types})",
            "Not applicable, not judged: {count} declarations of a unit type the standard is not for ({types})",
            count,
        ).format(count=number(count), types=types)
        out += [Text(""), flowed([(shown(heading), "bold", False)], width, 2)]
        units = [shown(n.unit or n.path) for n in against.not_applicable]
        out.append(laid_out("\n".join(packed(units, ", ", width, 2))))
    return out


def _status_change(requirement: str, old: str | None, new: str | None) -> str:
    """``REQ: met -> shortfall``, a status ``absent`` where a version has none."""
    return _("{requirement}: {old} -> {new}").format(requirement=requirement, old=absent(old), new=absent(new))


def as_of_text(text: str) -> str:
    """The ``--against`` as-of date (ISO text) for people."""
    try:
        return day(dt.date.fromisoformat(text))
    except ValueError:
        return text
