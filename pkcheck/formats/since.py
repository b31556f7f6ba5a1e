"""What the human formats (text, Markdown, HTML) say of a report compared with a baseline
(``pkcheck check --baseline``): the same sentences in each, which each escapes and lays out.

Nothing here is said without a baseline: a report without one renders as it always did.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pkcheck import words
from pkcheck.i18n import _, day, ngettext, number
from pkcheck.report import BaselineComparison, BaselineState, ClosedFinding, Finding, Result, UnitChange

# In the summary line's order: what needs attention first.
ORDER = (
    BaselineState.NEW,
    BaselineState.WORSENED,
    BaselineState.IMPROVED,
    BaselineState.UNCHANGED,
    BaselineState.CLOSED,
)
_COUNTED: Mapping[BaselineState, Callable[[int], str]] = {
    BaselineState.NEW: lambda n: ngettext("{count} new", "{count} new", n),
    BaselineState.WORSENED: lambda n: ngettext("{count} worsened", "{count} worsened", n),
    BaselineState.IMPROVED: lambda n: ngettext("{count} improved", "{count} improved", n),
    BaselineState.UNCHANGED: lambda n: ngettext("{count} unchanged", "{count} unchanged", n),
    BaselineState.CLOSED: lambda n: ngettext("{count} closed", "{count} closed", n),
}


def counts(comparison: BaselineComparison) -> str:
    """``3 new, 2 worsened, 4 improved, 10 unchanged, 5 closed``."""
    return ", ".join(
        _COUNTED[state](n).format(count=number(n)) for state in ORDER for n in [comparison.counts.get(state.value, 0)]
    )


def summary(comparison: BaselineComparison) -> str:
    """The report's line on its baseline: the file, its version and date, and the counts."""
    return _("Since the baseline {path} (pkcheck {version}, as of {date}): {counts}.").format(
        path=comparison.path, version=comparison.tool_version, date=day(comparison.as_of), counts=counts(comparison)
    )


def notes(comparison: BaselineComparison) -> list[str]:
    """What differs between the two runs besides the declarations, a sentence each."""
    return [_("Note: {note}.").format(note=note) for note in comparison.notes]


def state(comparison: BaselineComparison | None, result: Result, finding: Finding) -> str | None:
    """A finding's marker: ``since the baseline: worsened``; None without a state."""
    found = None if comparison is None else comparison.state(result, finding)
    return None if found is None else _("since the baseline: {state}").format(state=words.baseline_state(found))


def change(comparison: BaselineComparison | None, result: Result) -> UnitChange | None:
    return None if comparison is None else comparison.units.get(result.path)


def verdict_change(change: UnitChange) -> str:
    """``Verdict since the baseline: conditional -> not ready.``"""
    before = _("not in the baseline") if change.before is None else words.verdict(change.before)
    after = _("not in this run") if change.after is None else words.verdict(change.after)
    return _("Verdict since the baseline: {before} -> {after}.").format(before=before, after=after)


def closed_heading(change: UnitChange) -> str:
    count = len(change.closed)
    return ngettext(
        "{count} finding closed since the baseline:", "{count} findings closed since the baseline:", count
    ).format(count=number(count))


def closed_item(closed: ClosedFinding) -> tuple[str, str]:
    """A closed finding as a list item: its requirement and title, then its severity and its
    status in the baseline."""
    return f"{closed.requirement} {closed.title}", _("{severity}, was {status}").format(
        severity=words.severity(closed.severity), status=words.status(closed.status)
    )


def gone_heading(comparison: BaselineComparison) -> str | None:
    count = len(comparison.gone)
    if not count:
        return None
    return ngettext(
        "{count} unit of the baseline is not in this run:", "{count} units of the baseline are not in this run:", count
    ).format(count=number(count))


def gone_item(change: UnitChange) -> tuple[str, str]:
    closed = len(change.closed)
    said = ngettext(
        "was {verdict}; {count} open finding, not checked in this run",
        "was {verdict}; {count} open findings, not checked in this run",
        closed,
    )
    return change.unit, said.format(verdict=words.verdict(change.before or ""), count=number(closed))
