"""The capacity-building needs register (``pkcheck gaps``): every unwaived shortfall of a check
run, summed by what would close it.

Built from a report's findings only, so it says exactly what ``pkcheck check`` says. Each gap
of an unwaived ``shortfall`` finding becomes a share of one register line, keyed by the
requirement category and what closes it. What closes a gap is the check kind's to say
(``Kind.pieces``, data the check carries in the finding, never its rendered text): a course in
personnel to train, an item (or the items of which any counts) with its COE category, a medical
role, a capability or an entry counted in units lacking it, a declared amount in its unit
(docs/formats.md lists the line kinds).

When several requirements of a unit name the same thing, the unit's share is the largest of
their gaps, not their sum: with 1 medical officer declared, a minimum of 2 and a minimum of 3
are both closed by 2 more officers, not 3.

An MOU's shortfalls (``pkcheck.library.verification.pieces``) join the register by what closes
them: an Annex B line's, the line of its item; an Annex C category's, the line of that entry of
``self_sustainment``. The same rule holds between a unit's standard and its MOU (``_with_mou``):
what closes the MOU's line closes the standard's requirement on the same thing too.

A line's total over units (and each country's) is the sum of the units' shares where amounts
add up: personnel, items, beds, daily capacities and units lacking something. Where they do
not (minutes over a casualty-evacuation limit, days of supply, facility levels, a declared
value of no known measure), a sum would mean nothing, and the total is the largest share: what
the unit furthest from the requirement lacks. The kind says which (``Piece.adds``).

An amount is illustrative when it may rest on a placeholder: a unit's share is, when any
finding it gathers has an illustrative threshold (``Finding.illustrative``, what the check
report marks), even one whose gap is not the largest, since tuning that placeholder to the
mission's SUR or the MOU can change the largest; a line's total, a country's part of a line
and a COE category's total are, when any share they count is. The formats mark them as the
check report marks a required amount, so that nobody reads a placeholder as a UN rule.

Findings without evidence are not quantities; they are counted per requirement
(``evidence_missing``). Invalid declarations are listed as they are by ``check``, and so is a
declaration whose findings the register could not read (an internal error, a bug in pkcheck):
the others are still counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from pkcheck import checks
from pkcheck.analyses.parity import CountryShare, country_shares
from pkcheck.checks.pieces import Piece
from pkcheck.diagnostics import Diagnostic, Location, internal_error
from pkcheck.enums import Category, Severity
from pkcheck.i18n import ngettext, number
from pkcheck.library import mou_ids, verification
from pkcheck.report import Finding, Report, Result, Status, Verdict

Amount = int | float
CATEGORY_ORDER = {category: index for index, category in enumerate(Category)}
ITEMS = "items"  # the measure of equipment items, which COE categories classify


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
    illustrative: bool  # a finding of the share has an illustrative threshold


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
    adds: bool = True  # whether the units' amounts add up (see the module docstring)

    @property
    def total(self) -> Amount:
        """What the line asks for in all: the sum of the units' amounts, or the largest of them
        where amounts do not add up (minutes, days, levels)."""
        return combined(self, self.units)

    @property
    def severity(self) -> Severity:
        return max((share.severity for share in self.units), key=lambda s: s.rank)

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(sorted({r for share in self.units for r in share.requirements}))

    @property
    def illustrative(self) -> bool:
        """Whether the total may rest on a placeholder: a unit's share is illustrative."""
        return any(share.illustrative for share in self.units)


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
    unit: str | None = None  # the unit id and country, where the declaration's `unit` could be read
    country: str | None = None
    internal: tuple[Diagnostic, ...] = field(
        default=(), compare=False, repr=False
    )  # internal errors, for PKCHECK_DEBUG


@dataclass(frozen=True)
class CountryLine:
    line: Line
    total: Amount
    units: int
    illustrative: bool  # a share of the country's units is illustrative


@dataclass(frozen=True)
class CountryView:
    country: str
    lines: tuple[CountryLine, ...]
    evidence_missing: int


@dataclass(frozen=True)
class CoeTotal:
    """The items short of one COE category, over every line and unit."""

    coe_category: str
    items_short: Amount
    units: int
    illustrative: bool  # a line it counts is illustrative


@dataclass(frozen=True)
class Register:
    tool_version: str
    as_of: dt.date
    filters: Filters
    declarations: int
    lines: tuple[Line, ...] = ()
    evidence_missing: tuple[EvidenceMissing, ...] = ()
    invalid: tuple[Invalid, ...] = field(default_factory=tuple)
    # Invalid declarations of a country the filter leaves out: not listed, but counted, so that a
    # run that exits 2 always says why.
    invalid_elsewhere: int = 0
    # Each country's share of women against its units' gender parity target (advisory).
    women: tuple[CountryShare, ...] = ()

    @property
    def illustrative(self) -> bool:
        """Whether an amount of the register may rest on a placeholder, so that what the mark
        means is said: every amount marked is a line's, or counts a line's."""
        return any(line.illustrative for line in self.lines)

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
                    illustrative = any(s.illustrative for s in shares)
                    lines.append(CountryLine(line, combined(line, shares), len(shares), illustrative))
            evidence = sum(1 for e in self.evidence_missing for u in e.units if u.country == country)
            views.append(CountryView(country, tuple(lines), evidence))
        return tuple(views)

    def coe_totals(self) -> tuple[CoeTotal, ...]:
        """The items short per COE category over the lines counted in equipment items, by
        category code (``-`` for items no vocabulary gives a category)."""
        totals: dict[str, tuple[Amount, set[str], bool]] = {}
        for line in self.lines:
            if line.measure == ITEMS:
                key = line.coe_category or "-"
                amount, units, illustrative = totals.get(key, (0, set(), False))
                totals[key] = (
                    amount + line.total,
                    units | {s.declaration for s in line.units},
                    illustrative or line.illustrative,
                )
        return tuple(
            CoeTotal(key, amount, len(units), marked) for key, (amount, units, marked) in sorted(totals.items())
        )


def combined(line: Line, shares: Iterable[UnitShare]) -> Amount:
    """The amounts of several units' shares of a line: their sum, or their largest."""
    amounts = [share.amount for share in shares]
    return sum(amounts) if line.adds else max(amounts, default=0)


_Key = tuple[Category, str, str, str]  # a register line: category, kind, what, measure


def build(report: Report, filters: Filters = Filters()) -> Register:
    """The register of a report, counting only the findings ``filters`` keeps."""
    shares: dict[_Key, dict[UnitRef, list[tuple[Piece, Finding]]]] = {}
    evidence: dict[str, tuple[Finding, list[UnitRef]]] = {}
    invalid = []
    invalid_elsewhere = 0
    for checked in report.results:
        result, contributions = checked, None
        if result.verdict is not Verdict.INVALID:
            try:
                contributions = _contributions(result, filters)
            except Exception as exc:  # noqa: BLE001 - one declaration's bug must not cost the others their lines
                result = replace(result, verdict=Verdict.INVALID, errors=(internal_error(exc, Location(result.path)),))
        if contributions is None:
            if not _kept_when_invalid(result, filters):
                invalid_elsewhere += 1
            else:
                errors, known = result.errors, result.unit or {}
                unit_id, country = known.get("id"), known.get("country")
                internal = tuple(e for e in errors if e.internal)
                invalid.append(Invalid(result.path, tuple(str(e) for e in errors), unit_id, country, internal))
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
        report.tool_version,
        report.as_of,
        filters,
        len(report.results),
        tuple(lines),
        tuple(missing),
        tuple(invalid),
        invalid_elsewhere,
        _women(report, filters),
    )


def _women(report: Report, filters: Filters) -> tuple[CountryShare, ...]:
    """The countries' shares of women, of the countries and category the filters keep: the
    target is advisory and in the personnel category."""
    if filters.categories and Category.PERSONNEL not in filters.categories:
        return ()
    if filters.severity.rank > Severity.ADVISORY.rank:
        return ()
    return tuple(s for s in country_shares(report) if not filters.countries or s.country in filters.countries)


def _kept_when_invalid(result: Result, filters: Filters) -> bool:
    """Whether an invalid declaration is listed: always where its country could not be read
    (it may be one of those asked for), else when the country filter keeps its country."""
    country = (result.unit or {}).get("country")
    return not filters.countries or country is None or str(country) in filters.countries


_Need = tuple[_Key, Piece, Finding]  # a share of a line, and the finding it comes from


def _contributions(result: Result, filters: Filters) -> tuple[list[_Need], list[Finding]]:
    """What one declaration adds to the register: the shares of its shortfalls, each with
    the line it belongs to, and its findings without evidence. Worked out whole before any
    of it is added, so that an error in one declaration leaves no part of it in the register."""
    needs: list[_Need] = []
    mou_needs: list[_Need] = []
    missing_evidence: list[Finding] = []
    for finding in result.findings:
        if not filters.keeps(result, finding):
            continue
        if finding.status is Status.NO_EVIDENCE:
            missing_evidence.append(finding)
        elif finding.status is Status.SHORTFALL:
            found = mou_needs if finding.check_kind == mou_ids.KIND else needs
            found.extend(((finding.category, p.kind, p.what, p.measure), p, finding) for p in pieces(finding))
    return _with_mou(needs, mou_needs), missing_evidence


def _with_mou(needs: list[_Need], mou_needs: list[_Need]) -> list[_Need]:
    """A unit's shares with its MOU's: what closes an MOU line's shortfall closes a standard's
    requirement on the same thing too, so the two are never counted twice.

    A standard's share of the very thing an MOU line names (the same item, the same
    self-sustainment category) moves to the MOU's line, where the largest gap counts. A share of
    items of which any counts (``apc-wheeled-class-ii or apc-tracked``) is first closed by the
    MOU's shortfalls of those items, in the MOU's order, as shares of their lines; only what
    remains stays on its own line: the MOU names which of the items the unit brings."""
    if not mou_needs:
        return needs
    joined = list(mou_needs)
    for key, piece, finding in needs:
        same = [k for k, p, _ in mou_needs if (p.kind, p.what, p.measure) == (piece.kind, piece.what, piece.measure)]
        if same:
            joined.append((same[0], piece, finding))
            continue
        left = piece.amount
        for mou_key, mou_piece, _ in mou_needs:
            covered = mou_piece.codes and set(mou_piece.codes) <= set(piece.codes)
            if left > 0 and piece.adds and mou_piece.measure == piece.measure and covered:
                given = min(left, mou_piece.amount)
                joined.append((mou_key, replace(mou_piece, amount=given), finding))
                left -= given
        if left > 0:
            joined.append((key, replace(piece, amount=left), finding))
    return joined


def identity(invalid: Invalid) -> str:
    """`` (unit id, country)`` of an invalid declaration where its `unit` could be read, else ""."""
    return f" ({invalid.unit}, {invalid.country})" if invalid.unit is not None else ""


def country_of(result: Result) -> str:
    return str((result.unit or {}).get("country", "?"))


def _line(key: _Key, by_unit: dict[UnitRef, list[tuple[Piece, Finding]]]) -> Line:
    category, kind, what, measure = key
    units = []
    for unit, found in by_unit.items():
        # One provision closes every requirement on the same thing: the largest gap, not the sum.
        amount = max(piece.amount for piece, _ in found)
        severity = max((f.severity for _, f in found), key=lambda s: s.rank)
        requirements = tuple(sorted({f.requirement for _, f in found}))
        illustrative = any(f.illustrative for _, f in found)
        units.append(
            UnitShare(unit.unit_id, unit.country, unit.declaration, amount, severity, requirements, illustrative)
        )
    first, finding = next(iter(by_unit.values()))[0]
    shares = tuple(sorted(units, key=lambda s: (s.country, s.unit_id, s.declaration)))
    # A line no vocabulary titles (a value's path: `personnel.women`) takes its requirement's
    # title, so that every line reads as words with its path beside them.
    title = first.title or (finding.title if finding.title != what else None)
    return Line(category, kind, what, title, measure, first.coe_category, shares, first.adds)


def _line_order(line: Line) -> tuple[int, int, str, str, str]:
    return CATEGORY_ORDER[line.category], -line.severity.rank, line.kind, line.what, line.measure


def _unit_order(unit: UnitRef) -> tuple[str, str, str]:
    return unit.country, unit.unit_id, unit.declaration


def pieces(finding: Finding) -> Iterator[Piece]:
    """What would close each gap of a shortfall finding, in its kind's terms (``Kind.pieces``),
    or in an MOU's (``pkcheck.library.verification.pieces``)."""
    if finding.check_kind == mou_ids.KIND:
        return verification.pieces(finding)
    kind = checks.KINDS.get(finding.check_kind)
    return kind.pieces(finding) if kind is not None else iter(())


def label(line: Line) -> str:
    """``Title (code)`` for a line, or the code when no vocabulary titles it."""
    return f"{line.title} ({line.what})" if line.title else line.what


def elsewhere(register: Register) -> str:
    """What a country filter left out of the invalid declarations, where it left some out."""
    count = register.invalid_elsewhere
    if not count:
        return ""
    return ngettext(
        " (and {count} invalid declaration of other countries, not listed)",
        " (and {count} invalid declarations of other countries, not listed)",
        count,
    ).format(count=number(count))
