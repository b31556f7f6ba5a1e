"""What comes into force or lapses soon (``pkcheck diff --upcoming``): in NEW, the requirements
whose ``effective_from`` or ``effective_until`` changes whether they apply within a window of
days, and the scheduled parameters whose next entry starts within it.

A requirement *starts* on its ``effective_from`` and *ends* on the day after its
``effective_until`` (its last day); either is listed when that day is after the as-of date and
on or before the window's last day. Pure: it reads only the composed standard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pkcheck.diagnostics import Location
from pkcheck.enums import Severity
from pkcheck.library.lintdates import parameters_read
from pkcheck.library.schedules import number
from pkcheck.library.standards import EffectiveStandard
from pkcheck.localized import localized


@dataclass(frozen=True)
class Upcoming:
    """One change in force: a requirement that starts or ends, or a parameter's next value."""

    day: dt.date  # the first day it is so
    event: str  # `starts`, `ends` or `value`
    subject: str  # a requirement id, or a parameter name
    title: str  # the requirement's title, or the parameter's new value
    severity: Severity | None
    location: Location | None
    used_by: tuple[str, ...] = ()  # for a parameter: the requirements that read it

    @property
    def words(self) -> str:
        """What happens, in words: ``applies from 2027-01-01``."""
        if self.event == "starts":
            return f"applies from {self.day}"
        if self.event == "ends":
            return f"applied until {self.day - dt.timedelta(days=1)}"
        return f"{self.title} from {self.day}"


@dataclass(frozen=True)
class UpcomingChanges:
    start: dt.date  # the as-of date (not included)
    end: dt.date  # the window's last day (included)
    items: tuple[Upcoming, ...]


def upcoming(
    standard: EffectiveStandard,
    start: dt.date,
    end: dt.date,
    where: Callable[[str], Location | None] = lambda name: None,
) -> UpcomingChanges:
    """The changes in force after ``start`` up to and including ``end``, in order of day;
    ``where`` locates a parameter in the standard's files."""
    items = []
    for item in standard.requirements:
        requirement = item.requirement
        until = requirement.effective_until
        after = until + dt.timedelta(days=1) if until is not None and until < dt.date.max else None
        for event, day in (("starts", requirement.effective_from), ("ends", after)):
            if day is not None and start < day <= end:
                items.append(
                    Upcoming(
                        day, event, requirement.id, localized(requirement.title), requirement.severity, item.location
                    )
                )
    for name, schedule in standard.schedules.items():
        users = tuple(
            sorted(i.requirement.id for i in standard.requirements if parameters_read(i.requirement, (name,)))
        )
        for entry in schedule:
            if start < entry.start <= end:
                items.append(Upcoming(entry.start, "value", name, number(entry.value), None, where(name), users))
    return UpcomingChanges(start, end, tuple(sorted(items, key=lambda u: (u.day, u.subject, u.event))))
