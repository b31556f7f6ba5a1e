"""The capacity-building needs register (``pkcheck gaps``): every unwaived shortfall of a check
run, summed by what would close it.

Built from a report's findings only, so it says exactly what ``pkcheck check`` says. Each gap
of an unwaived ``shortfall`` finding becomes a share of one register line, keyed by the
requirement category and what closes it:

- ``equipment``: the item (or the items of which any counts), in items, with its COE category;
- ``training``: the course, in personnel to train;
- ``medical-staff``: a medical role, in personnel; ``medical-capability``: a capability, counted
  in units lacking it; ``medical``: beds, supply days, casualty-evacuation minutes over, levels;
- ``value``: a declared amount (e.g. ``sustainment.water_days``), in its unit (days, personnel);
- ``entry``: a listed entry (``self_sustainment.laundry``), counted in units lacking it;
- ``missing`` and ``nonconforming``: a value that is absent (a certificate) or not an allowed
  one, counted in units.

When several requirements of a unit name the same thing, the unit's share is the largest of
their gaps, not their sum: with 1 medical officer declared, a minimum of 2 and a minimum of 3
are both closed by 2 more officers, not 3. Findings without evidence are not quantities; they are counted per requirement (``evidence_missing``). Invalid declarations are
listed as they are by ``check``, and so is a declaration whose findings the register could not
read (an internal error, a bug in pkcheck): the others are still counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from pkcheck.diagnostics import Diagnostic, Location, internal_error
from pkcheck.enums import Category, Severity
from pkcheck.report import Finding, Report, Result, Status, Verdict

Amount = int | float
CATEGORY_ORDER = {category: index for index, category in enumerate(Category)}


@dataclass(frozen=True)
class Filters:
    """Which findings the register counts; an empty tuple means all."""

    categories: tuple[Category, ...] = ()
    countries: tuple[str, ...] = ()
    severity: Severity = Severity.ADVISORY  # the minimum severity counted

    def keeps(self, result: Result, finding: Finding) -> bool:
        if self.categories and finding.category not in self.categories:
            return False
        return finding.severity.rank >= self.severity.rank and (
            not self.countries or country_of(result) in self.countries
        )


@dataclass(frozen=True)
class UnitShare:
    """One unit's part of a register line."""

    unit_id: str
    country: str
    declaration: str
    amount: Amount
    severity: Severity
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class Line:
    """One thing to provide, with what each unit lacks of it."""

    category: Category
    kind: str
    what: str
    title: str | None
    measure: str  # the unit of measure of the amounts: items, personnel, days, units...
    coe_category: str | None
    units: tuple[UnitShare, ...]

    @property
    def total(self) -> Amount:
        return sum(share.amount for share in self.units)

    @property
    def severity(self) -> Severity:
        return max((share.severity for share in self.units), key=lambda s: s.rank)

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(sorted({r for share in self.units for r in share.requirements}))


@dataclass(frozen=True)
class UnitRef:
    unit_id: str
    country: str
    declaration: str


@dataclass(frozen=True)
class EvidenceMissing:
    """A requirement some units give no evidence for: a count, not a quantity."""

    requirement: str
    title: str
    category: Category
    severity: Severity
    units: tuple[UnitRef, ...]


@dataclass(frozen=True)
class Invalid:
    """A declaration that could not be checked, with its located errors."""

    declaration: str
    errors: tuple[str, ...]
    internal: tuple[Diagnostic, ...] = field(
        default=(), compare=False, repr=False
    )  # internal errors, for PKCHECK_DEBUG


@dataclass(frozen=True)
class CountryLine:
    line: Line
    total: Amount
    units: int


@dataclass(frozen=True)
class CountryView:
    country: str
    lines: tuple[CountryLine, ...]
    evidence_missing: int


@dataclass(frozen=True)
class Register:
    tool_version: str
    as_of: dt.date
    filters: Filters
    declarations: int
    lines: tuple[Line, ...] = ()
    evidence_missing: tuple[EvidenceMissing, ...] = ()
    invalid: tuple[Invalid, ...] = field(default_factory=tuple)

    def countries(self) -> tuple[CountryView, ...]:
        """Per country, each line's total for that country's units, in register order."""
        names = sorted(
            {s.country for line in self.lines for s in line.units}
            | {u.country for e in self.evidence_missing for u in e.units}
        )
        views = []
        for country in names:
            lines = []
            for line in self.lines:
                shares = [s for s in line.units if s.country == country]
                if shares:
                    lines.append(CountryLine(line, sum(s.amount for s in shares), len(shares)))
            evidence = sum(1 for e in self.evidence_missing for u in e.units if u.country == country)
            views.append(CountryView(country, tuple(lines), evidence))
        return tuple(views)

    def coe_totals(self) -> tuple[tuple[str, Amount, int], ...]:
        """(COE category, items short, units) over the equipment lines, by category code."""
        totals: dict[str, tuple[Amount, set[str]]] = {}
        for line in self.lines:
            if line.kind == "equipment":
                key = line.coe_category or "-"
                amount, units = totals.get(key, (0, set()))
                totals[key] = (amount + line.total, units | {s.declaration for s in line.units})
        return tuple((key, amount, len(units)) for key, (amount, units) in sorted(totals.items()))


@dataclass(frozen=True)
class _Piece:
    """One gap turned into a share of a line, before units are combined."""

    kind: str
    what: str
    title: str | None
    measure: str
    amount: Amount
    coe_category: str | None = None


_Key = tuple[Category, str, str, str]  # a register line: category, kind, what, measure


def build(report: Report, filters: Filters = Filters()) -> Register:
    """The register of a report, counting only the findings ``filters`` keeps."""
    shares: dict[_Key, dict[UnitRef, list[tuple[_Piece, Finding]]]] = {}
    evidence: dict[str, tuple[Finding, list[UnitRef]]] = {}
    invalid = []
    for result in report.results:
        contributions = None
        if result.verdict is not Verdict.INVALID:
            try:
                contributions = _contributions(result, filters)
            except Exception as exc:  # noqa: BLE001 - one declaration's bug must not cost the others their lines
                result = replace(result, verdict=Verdict.INVALID, errors=(internal_error(exc, Location(result.path)),))
        if contributions is None:
            if not filters.countries or country_of(result) in filters.countries:
                errors = result.errors
                invalid.append(
                    Invalid(result.path, tuple(str(e) for e in errors), tuple(e for e in errors if e.internal))
                )
            continue
        needs, missing_evidence = contributions
        unit = UnitRef(str((result.unit or {}).get("id", "?")), country_of(result), result.path)
        for key, piece, finding in needs:
            shares.setdefault(key, {}).setdefault(unit, []).append((piece, finding))
        for finding in missing_evidence:
            evidence.setdefault(finding.requirement, (finding, []))[1].append(unit)
    lines = sorted((_line(key, by_unit) for key, by_unit in shares.items()), key=_line_order)
    missing = sorted(
        (
            EvidenceMissing(f.requirement, f.title, f.category, f.severity, tuple(sorted(units, key=_unit_order)))
            for f, units in evidence.values()
        ),
        key=lambda e: (CATEGORY_ORDER[e.category], -e.severity.rank, e.requirement),
    )
    return Register(
        report.tool_version, report.as_of, filters, len(report.results), tuple(lines), tuple(missing), tuple(invalid)
    )


def _contributions(result: Result, filters: Filters) -> tuple[list[tuple[_Key, _Piece, Finding]], list[Finding]]:
    """What one declaration adds to the register: the shares of its shortfalls, each with
    the line it belongs to, and its findings without evidence. Worked out whole before any
    of it is added, so that an error in one declaration leaves no part of it in the register."""
    needs: list[tuple[_Key, _Piece, Finding]] = []
    missing_evidence: list[Finding] = []
    for finding in result.findings:
        if not filters.keeps(result, finding):
            continue
        if finding.status is Status.NO_EVIDENCE:
            missing_evidence.append(finding)
        elif finding.status is Status.SHORTFALL:
            needs.extend(
                ((finding.category, piece.kind, piece.what, piece.measure), piece, finding) for piece in pieces(finding)
            )
    return needs, missing_evidence


def country_of(result: Result) -> str:
    return str((result.unit or {}).get("country", "?"))


def _line(key: _Key, by_unit: dict[UnitRef, list[tuple[_Piece, Finding]]]) -> Line:
    category, kind, what, measure = key
    units = []
    for unit, found in by_unit.items():
        # One provision closes every requirement on the same thing: the largest gap, not the sum.
        amount = max(piece.amount for piece, _ in found)
        severity = max((f.severity for _, f in found), key=lambda s: s.rank)
        requirements = tuple(sorted({f.requirement for _, f in found}))
        units.append(UnitShare(unit.unit_id, unit.country, unit.declaration, amount, severity, requirements))
    first = next(iter(by_unit.values()))[0][0]
    shares = tuple(sorted(units, key=lambda s: (s.country, s.unit_id, s.declaration)))
    return Line(category, kind, what, first.title, measure, first.coe_category, shares)


def _line_order(line: Line) -> tuple[int, int, str, str, str]:
    return CATEGORY_ORDER[line.category], -line.severity.rank, line.kind, line.what, line.measure


def _unit_order(unit: UnitRef) -> tuple[str, str, str]:
    return unit.country, unit.unit_id, unit.declaration


def pieces(finding: Finding) -> Iterator[_Piece]:
    """What would close each gap of a shortfall finding."""
    if finding.check_kind == "equipment":
        yield from _coded(finding, "equipment", str(finding.values.get("item", finding.requirement)))
    elif finding.check_kind == "training":
        yield from _coded(finding, "training", str(finding.values.get("course", finding.requirement)))
    elif finding.check_kind == "medical":
        yield from _medical(finding)
    else:
        yield from _value(finding, str(finding.values.get("path", finding.requirement)))


def _coded(finding: Finding, kind: str, codes: str) -> Iterator[_Piece]:
    """Equipment and training: the codes of which any counts (checks join them with `or`)."""
    names = codes.split(" or ")
    title = " or ".join(finding.titles[c] for c in names) if all(c in finding.titles for c in names) else None
    categories = sorted({finding.coe_categories[c] for c in names if c in finding.coe_categories})
    for gap in finding.gaps:
        if isinstance(gap.shortfall, (int, float)):
            yield _Piece(kind, codes, title, gap.unit, gap.shortfall, ", ".join(categories) or None)


def _medical(finding: Finding) -> Iterator[_Piece]:
    for gap in finding.gaps:
        if gap.criterion.startswith("staff.") and isinstance(gap.shortfall, (int, float)):
            role = gap.criterion.removeprefix("staff.")
            yield _Piece("medical-staff", role, finding.titles.get(role), gap.unit, gap.shortfall)
        elif isinstance(gap.shortfall, tuple):
            for code in gap.shortfall:
                yield _Piece("medical-capability", code, finding.titles.get(code), "units", 1)
        elif isinstance(gap.shortfall, (int, float)):
            yield _Piece("medical", gap.criterion, None, gap.unit, gap.shortfall)
        else:
            yield _Piece("medical", gap.criterion, None, "units", 1)


def _value(finding: Finding, path: str) -> Iterator[_Piece]:
    for gap in finding.gaps:
        if isinstance(gap.shortfall, tuple):
            for entry in gap.shortfall:
                yield _Piece("entry", f"{path}.{entry}", finding.titles.get(entry), "units", 1)
        elif isinstance(gap.shortfall, (int, float)):
            yield _Piece("value", path, finding.titles.get(path.rsplit(".", 1)[-1]), gap.unit, gap.shortfall)
        else:
            kind = "missing" if gap.criterion == "exists" else "nonconforming"
            yield _Piece(kind, path, finding.titles.get(path.rsplit(".", 1)[-1]), "units", 1)


def label(line: Line) -> str:
    """``Title (code)`` for a line, or the code when no vocabulary titles it."""
    return f"{line.title} ({line.what})" if line.title else line.what


def amount_text(value: Amount) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
