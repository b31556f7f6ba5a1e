"""What changed between two amendments of an MOU (``pkcheck: mou/v1``), for the units it covers.

``compare(old, new)`` takes two loaded amendments of one MOU (the same ``id``) and returns a
``MouDiff``: the Annex B lines added and removed, and for each line in both every field that
differs (the item, the quantity with its difference, the lease, the severity); the Annex C
categories added, removed or moved between the contributor and the UN; the units covered added
and removed; the effective day and the reference. Each change has a direction *for the unit*
(fewer obligations is relaxed), in the vocabulary of ``pkcheck.analyses.diff``:

- Annex B: a line added, a quantity raised, a severity raised, a lease from dry to wet (the
  contributor now keeps the items serviceable) is ``tightened``; a line removed, a quantity
  lowered, a severity lowered, a lease from wet to dry is ``relaxed``; another item under the
  same line id is ``changed`` and a *possible relaxation* (the unit may need less of something);
- Annex C: a category the contributor provides, added or moved to it from the UN, is
  ``tightened`` (the unit must declare it); removed, or moved to the UN, ``relaxed``. A category
  the UN provides, added, is ``relaxed`` (a standard's requirement for it becomes not
  applicable), removed ``tightened``;
- units: a unit added is ``tightened`` (it is now verified line by line), removed ``relaxed``;
- the effective day, the reference and the mission are ``text``: they change no line.

``relaxed`` (``--fail-on-relaxation``) is any change relaxed or possibly relaxed. Pure: the
amendments were loaded by the caller; ``against`` results come from the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pkcheck.analyses.diff import AgainstResult, Direction, Value, compare_results
from pkcheck.diagnostics import Location
from pkcheck.enums import Severity
from pkcheck.i18n import _
from pkcheck.library.mous import LoadedMou
from pkcheck.models.mou import MajorEquipmentLine
from pkcheck.report import Result

# The fields of an Annex B line compared, in the order they are listed.
LINE_FIELDS = ("item", "quantity", "lease", "severity")


@dataclass(frozen=True)
class Amendment:
    """One side of the comparison, as the reports name it."""

    id: str
    reference: str
    effective: dt.date
    mission: str | None
    units: tuple[str, ...]
    path: str


@dataclass(frozen=True)
class LineChange:
    """An Annex B line added or removed (``field`` ``line``), or one field of a line in both."""

    line: str
    item: str  # in NEW, or in OLD for a line removed
    field: str  # ``line`` (added or removed), or one of LINE_FIELDS
    old: Value  # for a line added or removed: None on the side without it
    new: Value
    direction: Direction
    location: Location  # in NEW; in OLD for a line removed
    note: str = ""
    may_relax: bool = False

    @property
    def difference(self) -> int | None:
        """A quantity's new less its old."""
        if self.field == "quantity" and isinstance(self.old, int) and isinstance(self.new, int):
            return self.new - self.old
        return None

    @property
    def what(self) -> str:
        """``added``, ``removed`` or the field that changed."""
        if self.field != "line":
            return self.field
        return "added" if self.old is None else "removed"


@dataclass(frozen=True)
class CategoryChange:
    """An Annex C category added, removed or moved: who provides it in OLD and NEW (None: absent)."""

    category: str
    old: str | None
    new: str | None
    direction: Direction
    location: Location  # in NEW; in OLD for a category removed

    @property
    def what(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "moved"


@dataclass(frozen=True)
class UnitCovered:
    """A unit NEW covers and OLD does not (``added``), or the reverse (``removed``)."""

    unit: str
    added: bool
    location: Location  # in NEW's ``units``; in OLD's for a unit removed

    @property
    def direction(self) -> Direction:
        return Direction.TIGHTENED if self.added else Direction.RELAXED


@dataclass(frozen=True)
class NotCovered:
    """An ``--against`` declaration of a unit neither amendment covers: not judged by them."""

    path: str
    unit: str


@dataclass(frozen=True)
class MouDiff:
    old: Amendment
    new: Amendment
    lines: tuple[LineChange, ...]
    categories: tuple[CategoryChange, ...]
    units: tuple[UnitCovered, ...]
    against: AgainstResult | None = None
    not_covered: tuple[NotCovered, ...] = ()  # with ``against``
    tool_version: str = ""

    def directions(self) -> list[Direction]:
        """The direction of every change, lines, categories and units."""
        return (
            [c.direction for c in self.lines]
            + [c.direction for c in self.categories]
            + [u.direction for u in self.units]
        )

    def count(self, direction: Direction) -> int:
        return self.directions().count(direction)

    def lines_where(self, what: str) -> list[LineChange]:
        return [c for c in self.lines if c.what == what]

    @property
    def lines_changed(self) -> int:
        """How many lines in both amendments have a field that differs."""
        return len({c.line for c in self.lines if c.field != "line"})

    @property
    def may_relax(self) -> bool:
        return any(c.may_relax for c in self.lines)

    @property
    def relaxed(self) -> bool:
        """Whether any change asks less of a unit, or may (``--fail-on-relaxation``)."""
        return self.count(Direction.RELAXED) > 0 or self.may_relax

    @property
    def empty(self) -> bool:
        return not (self.lines or self.categories or self.units)

    def texts(self) -> list[tuple[str, str, str]]:
        """What changed that changes no line: ``(field, old, new)`` of the effective day, the
        reference and the mission."""
        pairs = [
            ("effective", self.old.effective.isoformat(), self.new.effective.isoformat()),
            ("reference", self.old.reference, self.new.reference),
            ("mission", self.old.mission or "-", self.new.mission or "-"),
        ]
        return [(field, old, new) for field, old, new in pairs if old != new]


def amendment(mou: LoadedMou) -> Amendment:
    model = mou.model
    return Amendment(model.id, model.reference, model.effective, model.mission, tuple(model.units), mou.path)


def compare(old: LoadedMou, new: LoadedMou, tool_version: str = "") -> MouDiff:
    """The differences between two amendments of one MOU (the caller checks the ids agree)."""
    return MouDiff(
        amendment(old),
        amendment(new),
        tuple(_line_changes(old, new)),
        tuple(_category_changes(old, new)),
        tuple(_unit_changes(old, new)),
        tool_version=tool_version,
    )


def _lines(mou: LoadedMou) -> dict[str, tuple[int, MajorEquipmentLine]]:
    return {line.line: (index, line) for index, line in enumerate(mou.model.major_equipment)}


def _line_changes(old: LoadedMou, new: LoadedMou) -> Iterator[LineChange]:
    olds, news = _lines(old), _lines(new)
    for line_id in sorted(set(olds) | set(news)):
        if line_id not in olds:
            index, line = news[line_id]
            where = new.line_location(index)
            yield LineChange(line_id, line.item, "line", None, _summary(line), Direction.TIGHTENED, where)
        elif line_id not in news:
            index, line = olds[line_id]
            where = old.line_location(index)
            yield LineChange(line_id, line.item, "line", _summary(line), None, Direction.RELAXED, where)
        else:
            (_, before), (index, after) = olds[line_id], news[line_id]
            for field in LINE_FIELDS:
                was, now = getattr(before, field), getattr(after, field)
                if was != now:
                    where = new.location("major_equipment", index, field)
                    yield _field_change(line_id, after.item, field, was, now, where)


def _summary(line: MajorEquipmentLine) -> str:
    """A line as the reports show it added or removed: ``25 apc-wheeled-class-ii, wet, critical``."""
    return f"{line.quantity} {line.item}, {line.lease}, {line.severity.value}"


def _field_change(line: str, item: str, field: str, was: Value, now: Value, where: Location) -> LineChange:
    if field == "item":
        note = _("may relax: another item, which way it moves cannot be told")
        return LineChange(line, item, field, was, now, Direction.CHANGED, where, note, True)
    if field == "quantity":
        higher = now > was
    elif field == "severity":
        higher = Severity(now).rank > Severity(was).rank
        was, now = Severity(was).value, Severity(now).value
    else:  # the lease: under a wet lease the contributor keeps the items serviceable, under a dry one the UN
        higher = now == "wet"
    note = _("the contributor keeps them serviceable") if field == "lease" and higher else ""
    if field == "lease" and not higher:
        note = _("the UN keeps them serviceable")
    return LineChange(line, item, field, was, now, Direction.TIGHTENED if higher else Direction.RELAXED, where, note)


def _category_changes(old: LoadedMou, new: LoadedMou) -> Iterator[CategoryChange]:
    olds, news = old.model.self_sustainment, new.model.self_sustainment
    for category in sorted(set(olds) | set(news)):
        was, now = olds.get(category), news.get(category)
        if was == now:
            continue
        # What the contributor provides, the unit must declare: more of it is tightened, and a
        # category the UN provides makes a standard's requirement for it not applicable.
        asks = {"contributor": 2, None: 1, "un": 0}
        direction = Direction.TIGHTENED if asks[now] > asks[was] else Direction.RELAXED
        where = new.category_location(category) if now is not None else old.category_location(category)
        yield CategoryChange(category, was, now, direction, where)


def _unit_changes(old: LoadedMou, new: LoadedMou) -> Iterator[UnitCovered]:
    olds, news = old.model.units, new.model.units
    for index, unit in enumerate(news):
        if unit not in olds:
            yield UnitCovered(unit, True, new.location("units", index))
    for index, unit in enumerate(olds):
        if unit not in news:
            yield UnitCovered(unit, False, old.location("units", index))


def covered_results(
    diff: MouDiff, old: Sequence[Result], new: Sequence[Result], as_of: str
) -> tuple[AgainstResult, tuple[NotCovered, ...]]:
    """The declarations (checked in the same order under OLD and NEW) whose outcome changed,
    among the units either amendment covers, and those of the units neither covers. A
    declaration whose unit id cannot be read is judged (it is invalid, and listed so)."""
    covered = set(diff.old.units) | set(diff.new.units)
    judged: list[tuple[Result, Result]] = []
    skipped: list[NotCovered] = []
    for before, after in zip(old, new, strict=True):
        unit = (after.unit or before.unit or {}).get("id")
        if unit is not None and str(unit) not in covered:
            skipped.append(NotCovered(after.path, str(unit)))
        else:
            judged.append((before, after))
    against = compare_results([b for b, _ in judged], [a for _, a in judged], as_of)
    return against, tuple(skipped)
