"""Parameters scheduled by date and requirements with a window of dates: what applies on a day.

A declaration is judged on its reference date (``unit.deployment_date``, else the as-of date), the
same day the check kinds call the reference date: a scheduled parameter takes the value of the
last entry whose ``from`` is on or before that day, and a requirement applies from its
``effective_from`` through its ``effective_until`` (both inclusive, both optional).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import NamedTuple

from pkcheck.i18n import _
from pkcheck.i18n import day as human_day
from pkcheck.report import AppliedEntry


class Entry(NamedTuple):
    """One value of a schedule and the first day it applies."""

    start: dt.date
    value: Fraction


Schedule = tuple[Entry, ...]  # strictly increasing in ``start``, at least one entry


def entry_on(schedule: Schedule, day: dt.date) -> Entry | None:
    """The entry in force on ``day``; None before the first entry."""
    found = None
    for entry in schedule:
        if entry.start > day:
            break
        found = entry
    return found


def values_on(
    parameters: Mapping[str, Fraction], schedules: Mapping[str, Schedule], day: dt.date
) -> tuple[dict[str, Fraction], dict[str, str]]:
    """The parameters' values on ``day``, and for each scheduled parameter without one then, why
    (its schedule starts later)."""
    values = dict(parameters)
    unset: dict[str, str] = {}
    for name, schedule in schedules.items():
        entry = entry_on(schedule, day)
        if entry is None:
            del values[name]
            unset[name] = _("parameter `{name}` has no value on {day}: its schedule starts on {start}").format(
                name=name, day=human_day(day), start=human_day(schedule[0].start)
            )
        else:
            values[name] = entry.value
    return values, unset


def number(value: Fraction) -> str:
    """A parameter's value as written in a standard: ``0.09``, ``12``."""
    return str(value.numerator) if value.denominator == 1 else format(float(value), "g")


def applied_text(name: str, entry: Entry | AppliedEntry) -> str:
    """Which entry applied: ``women_target 0.09 from 2022-01-01``."""
    return f"{name} {number(entry.value)} from {entry.start}"


def schedule_text(schedule: Schedule) -> str:
    """Every entry: ``0.08 from 2021-01-01, 0.09 from 2022-01-01``."""
    return ", ".join(f"{number(e.value)} from {e.start}" for e in schedule)


def in_window(start: dt.date | None, until: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (until is None or day <= until)


def window_text(start: dt.date | None, until: dt.date | None) -> str | None:
    """A requirement's window in words, or None when it has none."""
    if start and until:
        return _("applies from {start} until {until}").format(start=human_day(start), until=human_day(until))
    if start:
        return _("applies from {start}").format(start=human_day(start))
    if until:
        return _("applies until {until}").format(until=human_day(until))
    return None
