"""``pkcheck diff`` in the terminal, drawn with rich like ``formats/text.py``.

A header naming both versions and the totals; then the requirements added, removed and changed
(one line per changed field: old -> new, the direction and where in NEW), the parameters that
changed, and with ``--against`` each declaration whose verdict or statuses change. Locations
stay on one line so they can be grepped and clicked. Colour only when asked for; text from files
is shown escaped, as in the check report.
"""

from __future__ import annotations

import io

from rich.text import Text

from pkcheck.analyses.diff import AgainstResult, Direction, StandardDiff, display
from pkcheck.escapes import shown
from pkcheck.formats.text import SEVERITY_STYLE, VERDICT_STYLE, diagnostic_line, finished, make_console
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


def render(diff: StandardDiff, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width, soft_wrap=True)
    for line in lines(diff):
        console.print(line, crop=False)
    return finished(buffer)


def lines(diff: StandardDiff) -> list[Text]:
    out = [Text(f"Old  {_name(diff.old)}"), Text(f"New  {_name(diff.new)}"), summary(diff)]
    if diff.added:
        out += [Text(""), Text("Added", style="bold")]
        for a in diff.added:
            out.append(_requirement_line(a.requirement, a.severity.value, a.title, f"  {shown(a.location)}"))
    if diff.removed:
        out += [Text(""), Text("Removed", style="bold")]
        for r in diff.removed:
            where = f"  {shown(r.location)}" if r.location else f"  (was {shown(r.old_location)})"
            line = _requirement_line(r.requirement, r.severity.value, r.title, where)
            out.append(line)
            if r.reason:
                out.append(Text(f"      reason: {shown(r.reason)}", style="dim"))
    if diff.changed:
        out += [Text(""), Text("Changed", style="bold")]
        for c in diff.changed:
            out.append(_requirement_line(c.requirement, c.severity.value, c.title, f"  {shown(c.location)}"))
            for change in c.changes:
                line = Text(
                    f"      {shown(change.field)}: {shown(display(change.old))} -> {shown(display(change.new))}  "
                )
                line.append(change.direction.value, style=DIRECTION_STYLE[change.direction])
                line.append(f"  {shown(change.location)}", style="cyan")
                if change.note:
                    line.append(f"  ({shown(change.note)})", style="dim")
                out.append(line)
    if diff.parameters:
        out += [Text(""), Text("Parameters", style="bold")]
        for p in diff.parameters:
            line = Text(f"  {shown(p.name)}: {shown(display(p.old))} -> {shown(display(p.new))}")
            if p.location:
                line.append(f"  {shown(p.location)}", style="cyan")
            if p.used_by:
                line.append(f"  used by {shown(', '.join(p.used_by))}", style="dim")
            out.append(line)
    if diff.against is not None:
        out += [Text(""), *_against(diff.against)]
    return out


def summary(diff: StandardDiff) -> Text:
    if diff.empty:
        return Text("No requirement or parameter changed.")
    fields = ", ".join(f"{diff.count(d)} {SUMMARY_LABEL[d]}" for d in Direction)
    text = Text(
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed "
        f"(fields: {fields}), {len(diff.parameters)} parameter(s) changed"
    )
    if diff.removed or diff.count(Direction.RELAXED):
        text.append(" - relaxes or removes requirements", style="bold red")
    elif diff.may_relax:
        text.append(" - may relax requirements (see the notes)", style="bold red")
    return text


def _name(info: StandardInfo) -> str:
    return shown(f"{info.id} {info.version} ({info.path})")


def _requirement_line(requirement: str, severity: str, title: str, where: str) -> Text:
    line = Text(f"  {shown(requirement)}  ")
    line.append(severity, style=SEVERITY_STYLE[severity])
    line.append(f"  {shown(title)}")
    line.append(where, style="cyan")
    return line


def _against(against: AgainstResult) -> list[Text]:
    out = [Text(f"Declarations, as of {against.as_of}: {len(against.units)} of {against.checked} change", style="bold")]
    for unit in against.units:
        line = Text(f"  {shown(unit.path)} {shown(unit.unit or '?')}: ")
        line.append(unit.old_verdict.label, style=VERDICT_STYLE[unit.old_verdict])
        line.append(" -> ")
        line.append(unit.new_verdict.label, style=VERDICT_STYLE[unit.new_verdict])
        out.append(line)
        out += [
            Text(shown(f"      {s.requirement}: {s.old or 'absent'} -> {s.new or 'absent'}")) for s in unit.statuses
        ]
        out += [diagnostic_line(e, "red", indent=6) for e in unit.errors]
    for unit in against.invalid:
        line = Text(f"  {shown(unit.path)}: ")
        line.append(Verdict.INVALID.value, style=VERDICT_STYLE[Verdict.INVALID])
        line.append(" under both versions")
        out.append(line)
        out += [diagnostic_line(e, "red", indent=6) for e in unit.errors]
    return out
