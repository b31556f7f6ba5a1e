"""What every check kind receives and returns.

A check sees the validated declaration, the raw document (for paths and positions), the dates
and the standard's parameters. It returns an ``Outcome``: a status, gaps, a message template and
the declaration path it examined. The engine adds the requirement's identity and the location.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from pkcheck.expressions import Expression, ExpressionError, evaluate, number_problem, parse, to_fraction
from pkcheck.i18n import _
from pkcheck.load.locate import PathSegment
from pkcheck.models.declaration import Declaration
from pkcheck.report import Gap, GapValue, Status
from pkcheck.terms.vocabulary import Codes, labels

MISSING = object()


class MissingEvidence(Exception):
    """A value a check needs is not in the declaration (status no-evidence)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class DeclaredValueError(ExpressionError):
    """A threshold reads a declared value that is not a number it can compute with (text, NaN,
    an infinity, a number beyond 10^308). Like any threshold that cannot be evaluated, the
    finding is no-evidence; it is located at the declared value, which is at fault."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message, 1)
        self.path = path

    def __reduce__(self) -> tuple[type[DeclaredValueError], tuple[str, str]]:  # type: ignore[override]
        return type(self), (self.message, self.path)

    @property
    def evidence(self) -> tuple[PathSegment, ...]:
        return path_segments(self.path)


def path_segments(path: str) -> tuple[PathSegment, ...]:
    """A dotted declaration path as ``locate()`` takes it: list positions are numbers."""
    return tuple(int(s) if s.isdigit() else s for s in path.split("."))


@dataclass(frozen=True)
class Context:
    declaration: Declaration
    data: Any
    as_of: dt.date
    parameters: Mapping[str, Fraction]
    default_tour_months: int = 12
    # A scheduled parameter without a value on the reference date (its schedule starts later),
    # with why: a threshold reading it cannot be computed, and the finding says so.
    unset: Mapping[str, str] = field(default_factory=dict)

    @property
    def reference_date(self) -> dt.date:
        """The deployment date if declared, else the as-of date."""
        return self.declaration.unit.deployment_date or self.as_of

    @property
    def tour_months(self) -> int:
        return self.declaration.unit.tour_months or self.default_tour_months

    def lookup(self, path: str) -> Any:
        """The raw value at a dotted declaration path, or ``MISSING``."""
        node = self.data
        for segment in path.split("."):
            if isinstance(node, dict) and segment in node:
                node = node[segment]
            elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
                node = node[int(segment)]
            else:
                return MISSING
        return node

    def number(self, path: str) -> Fraction | None:
        value = self.lookup(path)
        if value is MISSING or value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DeclaredValueError(_("`{path}` in the declaration is not a number").format(path=path), path)
        problem = number_problem(value)
        if problem is not None:
            raise DeclaredValueError(
                _("`{path}` in the declaration is {problem}, not a number to compute with").format(
                    path=path, problem=problem
                ),
                path,
            )
        return to_fraction(value)

    def resolve(self, name: str) -> Fraction | None:
        """A bare name is a parameter if the standard has one, else a declaration path."""
        if name in self.parameters:
            return self.parameters[name]
        if name in self.unset:
            raise ExpressionError(self.unset[name], 1)
        return self.number(name)

    def threshold(self, value: float | str) -> Fraction:
        """The exact value of a threshold; raises ``MissingEvidence`` when an expression names
        a declaration path that is absent."""
        if not isinstance(value, str):
            return to_fraction(value)
        expression = compiled(value)
        result = evaluate(expression, self.resolve)
        if result is None:
            missing = next((r for r in expression.references if self.resolve(r) is None), value)
            raise MissingEvidence(missing)
        return result

    def count(self, value: float | str) -> int:
        """A required number of people or items: fractional results are rounded up."""
        return math.ceil(self.threshold(value))


@lru_cache(maxsize=4096)
def compiled(source: str) -> Expression:
    return parse(source)


class Outcome(NamedTuple):
    status: Status
    message_id: str
    values: Mapping[str, Any]
    evidence: tuple[PathSegment, ...] = ()
    gaps: tuple[Gap, ...] = ()


def plain(value: Fraction | int) -> int | float:
    """A number for reports: whole numbers as int, others as the nearest float; one too large
    for a float to hold its fraction (2^53 and more) as the nearest whole number, so that no
    amount in a report is ever an infinity."""
    value = Fraction(value)
    if value.denominator == 1 or abs(value) >= 2**53:
        return round(value)
    return float(value)


GapInput = GapValue | Fraction | list[Any]  # a list is reported as a tuple of texts


def gap(criterion: str, required: GapInput, declared: GapInput, shortfall: GapInput, unit: str) -> Gap:
    return Gap(criterion, _plain_value(required), _plain_value(declared), _plain_value(shortfall), unit)


def _plain_value(value: Any) -> GapValue:
    if isinstance(value, (Fraction, int)) and not isinstance(value, bool):
        return plain(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # never a NaN or infinity in a report (JSON has no such number)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return value  # type: ignore[no-any-return]


def add_months(day: dt.date, months: int) -> dt.date:
    """Keeps the day of month, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

    The calendar ends on 9999-12-31 and begins on 0001-01-01, and so does the arithmetic: a
    tour from a deployment on 9999-12-31 (a common "not known yet" placeholder) ends on
    9999-12-31, which an expiry on 9999-12-31 (the usual "does not expire") lasts through; an
    age limit that reaches back before 0001-01-01 excludes nothing."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def codes(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def describe_codes(value: str | list[str]) -> str:
    """Codes of which any counts, as data (a gaps line's ``what``): ``a or b`` in every language."""
    names = codes(value)
    return names[0] if len(names) == 1 else " or ".join(names)


def either(names: Iterable[str]) -> str:
    """Codes or titles of which any counts, for people: ``a or b``, French ``a ou b``."""
    return _(" or ").join(names)


def labelled(values: Mapping[str, Any], key: str, section: str, vocabulary: Codes) -> dict[str, Any]:
    """Template values with the codes at ``key`` (a code or codes of which any counts) named
    ``Title (code)`` by the vocabulary, joined with "or"."""
    shown = dict(values)
    if key in shown:
        shown[key] = labels(vocabulary, section, codes(shown[key]))
    return shown
