"""Each contributing country's share of women against the gender parity target of its units.

The Uniformed Gender Parity Strategy's targets are measured by DPO per contributing country,
across its personnel of a category, not per unit; a standard judges each unit against the target
of its deployment year only as advisory. This adds up a country's units judged against the same
target (troops, or Formed Police Units, with the same entry in force) from their declared
`personnel.total` and `personnel.women`; a country whose units were judged against different
targets has one line per target. The target of a unit is the entry of `women_target` its
finding says applied; a unit with none (not checked, or its standard's target not scheduled)
is left out.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from pkcheck.i18n import N_, _, day, language, ngettext, number
from pkcheck.report import Report, Result, scheduled_entries

TARGET = "women_target"


@dataclass(frozen=True)
class CountryShare:
    """A country's units judged against one target: their personnel, women and shortfall."""

    country: str
    target: Fraction
    since: dt.date  # the first day of the target's entry
    unit_types: tuple[str, ...]
    units: int
    personnel: int
    women: int
    undeclared: int  # units of the line that declare no total or no women: not counted

    @property
    def share(self) -> Fraction:
        return Fraction(self.women, self.personnel) if self.personnel else Fraction(0)

    @property
    def required(self) -> int:
        return math.ceil(self.personnel * self.target)

    @property
    def short(self) -> int:
        return max(0, self.required - self.women)


def target_of(result: Result) -> tuple[Fraction, dt.date] | None:
    """The women target the unit was judged against, and the day its entry applies from."""
    applied = scheduled_entries(result.findings)  # kept beside a batch's packed findings
    entry = applied.get(TARGET)
    return None if entry is None else (entry.value, entry.start)


def country_shares(report: Report) -> tuple[CountryShare, ...]:
    """One line per country and target, by country then target."""
    groups: dict[tuple[str, Fraction, dt.date], list[Result]] = {}
    for result in report.results:
        target = target_of(result)
        if target is not None:
            country = str((result.unit or {}).get("country", "-"))
            groups.setdefault((country, *target), []).append(result)
    return tuple(_line(key, results) for key, results in sorted(groups.items(), key=lambda item: item[0]))


def _line(key: tuple[str, Fraction, dt.date], results: list[Result]) -> CountryShare:
    counted = [r for r in results if "total" in r.personnel and "women" in r.personnel]
    types = sorted({str((r.unit or {}).get("type", "-")) for r in results})
    return CountryShare(
        country=key[0],
        target=key[1],
        since=key[2],
        unit_types=tuple(types),
        units=len(results),
        personnel=sum(r.personnel["total"] for r in counted),
        women=sum(r.personnel["women"] for r in counted),
        undeclared=len(results) - len(counted),
    )


HEADING = N_(
    "Each country's share of women against the gender parity target its units were judged against (advisory: "
    "DPO measures the targets per contributing country, not per unit; a country whose units were "
    "judged against different targets, troops and Formed Police Units, has a line for each):"
)
"""The sentence above the table, in English; ``heading()`` gives it in the language in use."""


def heading() -> str:
    """``HEADING`` in the language in use."""
    return _(HEADING)


def target_text(line: CountryShare, *, plain: bool = False) -> str:
    """``8 % from 2021-01-01`` in the language in use; ``plain``: the number and the ISO date as a
    spreadsheet reads them (``8 % à compter du 2021-01-01``)."""
    if plain:
        return _("{target} from {day}").format(target=percent(line.target, plain=True), day=line.since.isoformat())
    return _("{target} from {day}").format(target=percent(line.target), day=day(line.since))


COLUMNS = (N_("Country"), N_("Target"), N_("Units"), N_("Personnel"), N_("Women"), N_("Share"), N_("Short"))
"""The table's headers, in English; ``columns()`` gives them in the language in use."""


def columns() -> tuple[str, ...]:
    """``COLUMNS`` in the language in use."""
    return tuple(_(name) for name in COLUMNS)


def cells(line: CountryShare) -> tuple[str, ...]:
    """A line's cells under ``COLUMNS``, as every format for people shows them."""
    return (
        line.country,
        target_text(line),
        number(line.units),
        number(line.personnel),
        number(line.women),
        share_text(line),
        number(line.short),
    )


def undeclared_text(units: int) -> str:
    return ngettext(
        "{count} unit(s) declare no personnel.total or personnel.women and are not counted.",
        "{count} unit(s) declare no personnel.total or personnel.women and are not counted.",
        units,
    ).format(count=number(units))


def percent(value: Fraction, *, plain: bool = False) -> str:
    """A target as people read it: ``8 %``, ``12.5 %`` (French ``12,5 %``, unless ``plain``)."""
    text = f"{float(value * 100):.1f}".removesuffix(".0")
    return text + " %" if plain or language() == "en" else _percent(float(text))


def share_text(line: CountryShare, *, plain: bool = False) -> str:
    """The share to a tenth of a percent: ``5.9 %``, ``8.0 %`` (French ``5,9 %``, unless ``plain``)."""
    value = float(line.share * 100)
    return f"{value:.1f} %" if plain or language() == "en" else _percent(value, digits=1)


def _percent(value: float, digits: int | None = None) -> str:
    """A percentage in French: the number as CLDR writes it, a no-break space before ``%``."""
    shown = number(round(value, 1), digits=digits) if digits is not None else number(value)
    return shown + "\u00a0%"


def to_json(line: CountryShare) -> dict[str, object]:
    """A line as the JSON report and the gaps register give it."""
    return {
        "country": line.country,
        "target": float(line.target),
        "target_from": line.since.isoformat(),
        "unit_types": list(line.unit_types),
        "units": line.units,
        "personnel": line.personnel,
        "women": line.women,
        "share": round(float(line.share), 4),
        "required": line.required,
        "short": line.short,
        "undeclared": line.undeclared,
    }
