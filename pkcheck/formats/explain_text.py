"""The part of ``pkcheck explain REQ --for FILE`` about the unit, as text: lines of the same
``  Label        value`` layout as the requirement's explanation, which the command line wraps
to the width. Values from files (names, paths, declared values, messages) are shown escaped."""

from __future__ import annotations

from pkcheck import words
from pkcheck.analyses.explain import LABEL, Computed, UnitExplanation
from pkcheck.escapes import inert, shown
from pkcheck.formats.text import gap_lines
from pkcheck.i18n import _, day
from pkcheck.report import Status


def render(explained: UnitExplanation) -> str:
    """The unit's lines, each ending in a newline, after a blank line."""
    unit = explained.unit
    name = f" {unit['name']}" if "name" in unit else ""
    finding = explained.finding
    checked = _("against {standard} {version}, as of {day}").format(
        standard=explained.standard_id, version=explained.version, day=day(explained.as_of)
    )
    lines = [
        (_("Unit"), f"{unit['id']}{name} ({unit['country']}), {explained.path}"),
        (_("Checked"), checked),
    ]
    lines += [(_("Computed"), _computed(c)) for c in explained.computed]
    lines += [
        (_("Evidence"), f"{e.location.path}:{e.location.line} {e.path}" + (f": {e.value}" if e.value else ""))
        for e in explained.evidence
    ]
    result = _("{status} ({severity}): {message}").format(
        status=words.status(finding.status), severity=words.severity(finding.severity), message=finding.message
    )
    lines.append((_("Result"), result))
    if finding.status is Status.SHORTFALL:
        lines += [("", line) for line in gap_lines(finding)]
    lines += [(_("Warning"), f"{w.location}: {w.message}") for w in explained.warnings]
    return inert("\n" + "".join(f"  {label:<{LABEL}} {shown(text)}\n" for label, text in lines))


def _computed(computed: Computed) -> str:
    """``label: written = with values = result``, each step shown once."""
    steps = [computed.written]
    if computed.substituted not in steps and computed.substituted != computed.result:
        steps.append(computed.substituted)
    if computed.result is not None and computed.result not in steps:
        steps.append(computed.result)
    text = f"{computed.label}: {' = '.join(steps)}"
    return f"{text} ({computed.problem})" if computed.problem else text
