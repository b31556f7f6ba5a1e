"""Which way a threshold moves between two versions when no rule can tell: tried over values.

A threshold that reads the declaration (``ceil(personnel.total / 50)`` rewritten as
``ceil(personnel.total / 60)``) has no single value to compare, and the operators tell its
direction only when the text stays the same (``pkcheck.analyses.drift``). So both versions are
evaluated, each with its own parameters, at the same points, and compared point by point:

- the ``--against`` declarations first (their own values at the paths the thresholds read);
- then a grid of values for those paths: every whole number from 0 to 120, fractions of one
  (for ratios; a path the format holds a count at takes whole numbers only), larger values up
  to 1,000,000, and the values of the parameters of either version with their neighbours (where
  a rewrite tends to cross). With several paths, every path takes each value together, and each
  path runs through the grid while the others hold a few anchors.

A point where either version cannot be evaluated (a path absent, a division by zero) is left
out. The outcome is the first point where NEW is higher and the first where it is lower (an
``--against`` declaration before any grid point), and how many points were compared. Trying is
not proof: a rewrite that differs only between the values tried goes unseen. ``pkcheck diff``
turns the outcome into a direction (see ``pkcheck.analyses.diff``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

from pkcheck.checks.base import Context, DeclaredValueError
from pkcheck.diagnostics import InputError
from pkcheck.enums import FileKind
from pkcheck.expressions import Expression, ExpressionError, evaluate, parse, to_fraction
from pkcheck.i18n import _
from pkcheck.load.limits import Limits
from pkcheck.load.paths import field_type
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import load
from pkcheck.models.declaration import Declaration

Threshold = int | float | str
Point = Mapping[str, Fraction]  # a value for each declaration path the thresholds read

GRID: tuple[Fraction, ...] = tuple(
    sorted(
        {Fraction(n) for n in range(121)}
        | {Fraction(n, 10) for n in range(1, 10)}
        | {Fraction(n, 4) for n in (1, 3)}
        | {Fraction(n) for n in (150, 200, 250, 300, 400, 500, 600, 750, 1000, 1500, 2000, 3000, 5000, 10_000)}
        | {Fraction(n) for n in (100_000, 1_000_000)}
    )
)
ANCHORS: tuple[Fraction, ...] = tuple(Fraction(n) for n in (0, 1, 10, 100, 1000))


@dataclass(frozen=True)
class Declared:
    """An ``--against`` declaration, read as a check reads it (``checks.base.Context``)."""

    path: str
    context: Context

    def number(self, name: str) -> Fraction | None:
        """The number at a dotted path, or None when it is absent or not a number to compute with."""
        try:
            return self.context.number(name)
        except DeclaredValueError:
            return None


@dataclass(frozen=True)
class Witness:
    """A point where the versions differ, with both values."""

    point: tuple[tuple[str, Fraction], ...]
    old: Fraction
    new: Fraction
    declaration: str | None = None  # the ``--against`` file the point comes from

    def describe(self) -> str:
        """``personnel.total = 120 (3 -> 2)``, naming the declaration file when there is one."""
        values = ", ".join(f"{name} = {_number(value)}" for name, value in self.point) or _("any declaration")
        moved = f"({_number(self.old)} -> {_number(self.new)})"
        if self.declaration:
            return _("{values} in {declaration} {moved}").format(
                values=values, declaration=self.declaration, moved=moved
            )
        return f"{values} {moved}"


@dataclass(frozen=True)
class Comparison:
    higher: Witness | None  # the first point where NEW is higher
    lower: Witness | None  # the first point where NEW is lower
    tried: int  # the points where both versions could be evaluated


def compare(
    before: Threshold,
    old_parameters: Mapping[str, Fraction],
    after: Threshold,
    new_parameters: Mapping[str, Fraction],
    declarations: Sequence[Declared] = (),
) -> Comparison:
    """OLD's threshold against NEW's at every point (see the module docstring)."""
    old, new = _parsed(before), _parsed(after)
    if old is None or new is None:
        return Comparison(None, None, 0)
    names = tuple(
        dict.fromkeys(
            [n for n in _references(old) if n not in old_parameters]
            + [n for n in _references(new) if n not in new_parameters]
        )
    )
    higher = lower = None
    tried = 0
    for point, declaration in _points(names, old_parameters, new_parameters, declarations):
        old_value, new_value = _value(old, old_parameters, point), _value(new, new_parameters, point)
        if old_value is None or new_value is None:
            continue
        tried += 1
        if new_value != old_value:
            witness = Witness(tuple((n, point[n]) for n in names), old_value, new_value, declaration)
            if new_value > old_value and higher is None:
                higher = witness
            elif new_value < old_value and lower is None:
                lower = witness
    return Comparison(higher, lower, tried)


def declarations_of(paths: Sequence[str], limits: Limits) -> Callable[[], tuple[Declared, ...]]:
    """The ``--against`` files as ``Declared``, read on first use only (most diffs need none);
    a file that cannot be read or validated is left out (the ``--against`` check reports it)."""

    @functools.cache
    def read() -> tuple[Declared, ...]:
        found = []
        for path in paths:
            try:
                document = load(path, limits)
                declaration = validate(document, Declaration, FileKind.DECLARATION)
            except InputError:
                continue
            # Only declared values are read: the day and the parameters are never asked for.
            found.append(Declared(path, Context(declaration, document.data, dt.date.min, {})))
        return tuple(found)

    return read


def _parsed(threshold: Threshold) -> Expression | Fraction | None:
    if not isinstance(threshold, str):
        return to_fraction(threshold)
    try:
        return parse(threshold)
    except ExpressionError:
        return None


def _references(threshold: Expression | Fraction) -> tuple[str, ...]:
    return threshold.references if isinstance(threshold, Expression) else ()


def _value(threshold: Expression | Fraction, parameters: Mapping[str, Fraction], point: Point) -> Fraction | None:
    if isinstance(threshold, Fraction):
        return threshold
    try:
        return evaluate(threshold, lambda name: parameters[name] if name in parameters else point.get(name))
    except ExpressionError:  # a division by zero, or out of range, at this point
        return None


def _points(
    names: tuple[str, ...],
    old_parameters: Mapping[str, Fraction],
    new_parameters: Mapping[str, Fraction],
    declarations: Sequence[Declared],
) -> Iterator[tuple[Point, str | None]]:
    for declared in declarations:
        values = {name: declared.number(name) for name in names}
        if all(value is not None for value in values.values()):
            yield {n: v for n, v in values.items() if v is not None}, declared.path
    if not names:
        yield {}, None
        return
    grid = _grid(chain(old_parameters.values(), new_parameters.values()))
    for point in _grid_points(names, grid):
        yield point, None


def _grid(parameters: Iterator[Fraction]) -> tuple[Fraction, ...]:
    """The grid, with each parameter's value and its neighbours (never negative)."""
    near = {v + step for v in parameters for step in (-1, 0, 1) if v + step >= 0}
    return tuple(sorted(set(GRID) | near))


def _grid_points(names: tuple[str, ...], grid: tuple[Fraction, ...]) -> Iterator[Point]:
    allowed = {name: _allowed(name) for name in names}
    for value in grid:
        if all(allowed[name](value) for name in names):
            yield dict.fromkeys(names, value)
    if len(names) < 2:
        return
    for name in names:
        for anchor in ANCHORS:
            for value in filter(allowed[name], grid):
                yield {other: (value if other == name else anchor) for other in names}


def _allowed(name: str) -> Callable[[Fraction], bool]:
    """Which values a declaration may hold at a path: whole numbers where the format wants a
    count, any number elsewhere (ratios, and paths under ``x-`` keys)."""
    if field_type(name) is int:
        return lambda value: value.denominator == 1
    return lambda value: True


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
