"""Verify a declaration against the MOU that applies to its unit, line by line: a finding per
Annex B line (``MOU:<line>``), a finding per Annex C category the contributor provides
(``MOU:C-<category>``), and which of the standard's requirements the MOU makes not applicable.

Annex B: the declared quantity of the line's item (every declaration line of that item, added
up) against the MOU quantity, and the serviceable ones against the serviceability standard
times the MOU quantity. The standard is the parameter ``mou_serviceability`` of the unit's
standard (its ``basis`` says where it comes from); a standard without it asks every item of
the MOU quantity to be serviceable. The serviceable items required are rounded up: a unit is
never told it needs 22.5 vehicles, and rounding down would accept fewer serviceable items than
the standard asks. The shortfall is the serviceable items to add or repair to meet both the
quantity and the serviceability (an item added serviceable counts for both). The lease says
who keeps the items serviceable (wet: the contributor; dry: the UN); a declaration line of the
item whose ``lease`` differs from the MOU's is warned about at that ``lease``.

Annex C: each category the contributor provides must be in the declaration's
``self_sustainment``. A category the UN provides is not required of the unit: a requirement of
the standard whose check uses self-sustainment codes and no other code, every one of them a
category the MOU gives to the UN, is not applicable, naming the MOU's line. A requirement that
also asks for categories the contributor provides is checked as written.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pkcheck import words
from pkcheck.checks import equipment
from pkcheck.checks.pieces import Piece
from pkcheck.diagnostics import Diagnostic, Level, Location
from pkcheck.enums import Category, Severity
from pkcheck.i18n import N_, _, number
from pkcheck.library.mou_ids import ANNEX_B, ANNEX_C, KIND
from pkcheck.library.mous import LoadedMou
from pkcheck.library.standards import EffectiveStandard
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.yamlio import Document
from pkcheck.messages import TEMPLATES, fill, joined
from pkcheck.models.declaration import Declaration
from pkcheck.report import (
    AppliedMou,
    BasisInfo,
    Finding,
    Gap,
    ReferenceInfo,
    RelatedLocation,
    Status,
    VerifiedLine,
)
from pkcheck.terms.vocabulary import Codes

if TYPE_CHECKING:  # the MOU models are loaded where an MOU is read (``pkcheck.library.mous``)
    from pkcheck.models.mou import MajorEquipmentLine

PARAMETER = "mou_serviceability"
WHOLE = Fraction(1)  # without the parameter: every item of the MOU quantity serviceable
WITHOUT_PARAMETER = N_(
    "the standard has no parameter `{parameter}`, so every item of the MOU quantity must be serviceable"
)
# Who keeps a line's items serviceable, by lease (``MAINTAINER[lease]``, translated with ``_``
# where a person reads it), and the lease as a message says it.
MAINTAINER = {"wet": N_("the contributor"), "dry": N_("the UN")}
# Translators: the lease of an MOU line, after "lease" (wet lease, dry lease).
# The register lines an MOU's shortfalls join: the items of an Annex B line, as a standard's
# `equipment` requirement on the item gives them, and the entry of an Annex C category in
# `self_sustainment`, as a standard's `value` requirement listing it does.
ITEM_LINE = equipment.NAME
ENTRY_LINE = "entry"
LINE_REMEDIATION = N_("Bring the line's items, serviceable, before the inspection, or agree an amendment of the MOU.")
CATEGORY_REMEDIATION = N_("Declare the category in `self_sustainment`, or agree an amendment of the MOU's Annex C.")

Value = TypeVar("Value")


class Keep(Protocol):
    """The one object kept for a value, found by ``key`` where given (``SharedValues.keep``)."""

    def __call__(self, value: Value, key: Hashable = None) -> Value: ...


def _itself(value: Value, key: Hashable = None) -> Value:
    return value


@dataclass(frozen=True)
class Verification:
    """What verifying a unit against its MOU gives: the findings (Annex B lines, then Annex C
    categories), the MOU as the report shows it, and the warnings (leases that differ)."""

    findings: tuple[Finding, ...]
    applied: AppliedMou
    warnings: tuple[Diagnostic, ...]


def serviceability(standard: EffectiveStandard, parameters: Mapping[str, Fraction]) -> tuple[Fraction, BasisInfo]:
    """The share of an MOU quantity that must be serviceable, and where it comes from."""
    if PARAMETER not in parameters:
        return WHOLE, BasisInfo(
            "serviceable", illustrative=_(WITHOUT_PARAMETER).format(parameter=PARAMETER), parameter=PARAMETER
        )
    basis = standard.basis.get(PARAMETER)
    if basis is None:
        return parameters[PARAMETER], BasisInfo("serviceable", parameter=PARAMETER)
    return parameters[PARAMETER], BasisInfo(
        "serviceable", basis.reference, basis.locator, basis.illustrative, parameter=PARAMETER
    )


def required_serviceable(ratio: Fraction, quantity: int) -> int:
    """The serviceable items an MOU line of ``quantity`` asks for (``ratio``: ``serviceability``),
    rounded up: never a fraction of a vehicle, and never fewer than the standard asks. Checking
    and the ``pkcheck init`` template both count it here. In whole numbers (the ceiling of
    numerator x quantity / denominator): a ``Fraction`` product costs a portfolio's MOU lines
    more than all the rest of their arithmetic."""
    return -(-ratio.numerator * quantity // ratio.denominator)


def verify(
    mou: LoadedMou,
    declaration: Declaration,
    document: Document,
    standard: EffectiveStandard,
    parameters: Mapping[str, Fraction],
    codes: Codes,
    keep: Keep = _itself,
) -> Verification:
    """The unit's findings against the MOU and the MOU as verified; ``keep`` gives the object
    kept for a value many units' findings hold alike (the run's ``SharedValues.keep``)."""
    ratio, basis = serviceability(standard, parameters)
    basis = keep(basis)
    shared = _Shared(keep, (_reference(mou),), percent(ratio))
    # The declaration's equipment lines of each item, found once for all the MOU's lines (a
    # unit's equipment recorded by section has a hundred lines, an MOU a dozen).
    by_item: dict[str, list[int]] = {}
    for position, entry in enumerate(declaration.equipment or ()):
        by_item.setdefault(entry.item, []).append(position)
    findings: list[Finding] = []
    lines: list[VerifiedLine] = []
    warnings: list[Diagnostic] = []
    for index, line in enumerate(mou.model.major_equipment):
        found = by_item.get(line.item, [])
        finding, verified = _line(mou, index, line, found, declaration, document, ratio, basis, codes, shared)
        findings.append(finding)
        lines.append(verified)
        warnings.extend(_lease_warnings(mou, index, line, found, declaration, document))
    for category, provider in mou.model.self_sustainment.items():
        if provider == "contributor":
            findings.append(_category(mou, category, declaration, document, codes, shared))
    model = mou.model
    applied = AppliedMou(
        model.id,
        model.reference,
        model.effective,
        mou.path,
        ratio,
        tuple(lines),
        tuple(model.self_sustainment.items()),
        model.mission,
    )
    return Verification(tuple(findings), applied, tuple(warnings))


@dataclass(frozen=True)
class _Shared:
    """What a unit's MOU findings share: the kept object of a value (``keep``), the MOU's
    reference, one for all its findings, and the serviceability as its messages say it."""

    keep: Keep
    references: tuple[ReferenceInfo, ...]
    ratio: str  # ``percent(ratio)``


def _line(
    mou: LoadedMou,
    index: int,
    line: MajorEquipmentLine,
    found: list[int],  # the positions of the declaration's equipment lines of the item
    declaration: Declaration,
    document: Document,
    ratio: Fraction,
    basis: BasisInfo,
    codes: Codes,
    shared: _Shared,
) -> tuple[Finding, VerifiedLine]:
    equipment = declaration.equipment or []
    present = sum(equipment[i].quantity for i in found)
    serviceable = sum(equipment[i].serviceable_count for i in found)
    required = required_serviceable(ratio, line.quantity)
    short_quantity, short_serviceable = max(line.quantity - present, 0), max(required - serviceable, 0)
    shortfall = max(short_quantity, short_serviceable)
    if declaration.equipment is None:
        status, case = Status.NO_EVIDENCE, "no-evidence"
    else:
        status, case = (Status.SHORTFALL, "shortfall") if shortfall else (Status.MET, "met")
    title = codes.title("items", line.item)
    values: dict[str, Any] = {
        "mou": mou.model.id,
        "line": line.line,
        "item": line.item,
        "quantity": line.quantity,
        "present": present,
        "serviceable": serviceable,
        "required_serviceable": required,
        "ratio": shared.ratio,
        "shortfall": shortfall,
        "lease": line.lease,
        "maintainer": MAINTAINER[line.lease],
    }
    shown = {
        **values,
        "item": f"{title} ({line.item})" if title else line.item,
        "lease": words.lease(line.lease),
        "maintainer": _(MAINTAINER[line.lease]),
    }
    gaps = []
    if status is Status.SHORTFALL and short_quantity:
        gaps.append(Gap("quantity", line.quantity, present, short_quantity, "items"))
    if status is Status.SHORTFALL and short_serviceable:
        gaps.append(Gap("serviceable", required, serviceable, short_serviceable, "items"))
    evidence: tuple[PathSegment, ...] = ("equipment", found[0]) if found else ("equipment",)
    where = mou.line_location(index)
    finding = Finding(
        requirement=ANNEX_B + line.line,
        title=_("MOU Annex B line {line}: {item}, {quantity} ({lease} lease)").format(
            line=line.line, item=title or line.item, quantity=number(line.quantity), lease=words.lease(line.lease)
        ),
        category=Category.EQUIPMENT,
        severity=line.severity,
        status=status,
        message_id=f"mou.line.{case}",
        values=values,
        message=fill(_(TEMPLATES[f"mou.line.{case}"]), shown),
        gaps=tuple(gaps),
        location=_located(document, evidence),
        check_kind=KIND,
        references=shared.references,
        remediation=shared.keep(_(LINE_REMEDIATION)),
        titles=shared.keep({line.item: title} if title else {}, ("titles", line.item, title)),
        coe_categories=shared.keep(
            {line.item: c} if (c := codes.coe_categories.get(line.item)) else {}, ("coe", line.item, c)
        ),
        basis=(BasisInfo("quantity", mou.model.id, f"Annex B line {line.line}"), basis),
        related=(
            RelatedLocation(where, _("MOU `{mou}` Annex B line {line}").format(mou=mou.model.id, line=line.line)),
        ),
    )
    declared_leases = tuple(sorted({str(equipment[i].lease) for i in found if equipment[i].lease is not None}))
    verified = VerifiedLine(
        line.line,
        line.item,
        line.quantity,
        present,
        serviceable,
        required,
        shortfall,
        line.lease,
        status,
        where,
        title,
        codes.coe_categories.get(line.item),
        declared_leases,
    )
    return finding, verified


def _lease_warnings(
    mou: LoadedMou,
    index: int,
    line: MajorEquipmentLine,
    lines: list[int],  # the positions of the declaration's equipment lines of the item
    declaration: Declaration,
    document: Document,
) -> list[Diagnostic]:
    equipment = declaration.equipment or []
    found = []
    for position in lines:
        lease = equipment[position].lease
        if lease is not None and lease != line.lease:
            where = _located(document, ("equipment", position, "lease"))
            message = _(
                "`{item}` is declared on a {declared} lease, but MOU `{mou}` line {line} ({where}) is a {lease} "
                "lease: {maintainer} keeps them serviceable"
            ).format(
                item=line.item,
                declared=words.lease(str(lease)),
                mou=mou.model.id,
                line=line.line,
                where=mou.line_location(index),
                lease=words.lease(line.lease),
                maintainer=_(MAINTAINER[line.lease]),
            )
            found.append(Diagnostic(where, message, Level.WARNING))
    return found


def _category(
    mou: LoadedMou, category: str, declaration: Declaration, document: Document, codes: Codes, shared: _Shared
) -> Finding:
    declared = declaration.self_sustainment
    title = codes.title("self_sustainment", category)
    evidence: tuple[PathSegment, ...]
    if declared is None:
        status, case, evidence = Status.NO_EVIDENCE, "no-evidence", ("self_sustainment",)
    elif category in declared:
        status, case, evidence = Status.MET, "met", ("self_sustainment", declared.index(category))
    else:
        status, case, evidence = Status.SHORTFALL, "shortfall", ("self_sustainment",)
    gaps: tuple[Gap, ...] = ()
    if status is Status.SHORTFALL:
        # As a standard's list requirement reports it: the entries required, those of them
        # declared (none), and those missing; the unit's other categories are beside the point.
        gaps = (Gap("includes", (category,), (), (category,), "entries"),)
    values = {"mou": mou.model.id, "category": category}
    shown = f"{title} ({category})" if title else category
    where = mou.category_location(category)
    return Finding(
        requirement=ANNEX_C + category,
        title=_("MOU Annex C: {category}, provided by the contributor").format(category=title or category),
        category=Category.SUSTAINMENT,
        severity=Severity.MAJOR,  # Annex C gives no severity: that of a line without one
        status=status,
        message_id=f"mou.category.{case}",
        values=values,
        message=fill(_(TEMPLATES[f"mou.category.{case}"]), {**values, "category": shown}),
        gaps=gaps,
        location=_located(document, evidence),
        check_kind=KIND,
        references=shared.references,
        remediation=shared.keep(_(CATEGORY_REMEDIATION)),
        titles=shared.keep({category: title} if title else {}, ("titles", category, title)),
        related=(
            RelatedLocation(where, _("MOU `{mou}` Annex C {categories}").format(mou=mou.model.id, categories=category)),
        ),
    )


def un_provided(mou: LoadedMou, codes_of: Sequence[tuple[str, str]]) -> list[str]:
    """The categories the MOU gives to the UN that make a requirement not applicable: all the
    codes its check uses (``codes_of``), when they are self-sustainment categories the UN
    provides; else none."""
    given = mou.model.self_sustainment
    if not codes_of or any(section != "self_sustainment" or given.get(code) != "un" for section, code in codes_of):
        return []
    return list(dict.fromkeys(code for _, code in codes_of))


def not_applicable(finding: Finding, mou: LoadedMou, categories: Sequence[str]) -> Finding:
    """A requirement of the standard that only asks for categories the UN provides."""
    where = mou.category_location(categories[0])
    values = {"mou": mou.model.id, "categories": list(categories), "where": str(where)}
    return replace(
        finding,
        status=Status.NOT_APPLICABLE,
        message_id="mou.un-provided",
        values=values,
        message=fill(_(TEMPLATES["mou.un-provided"]), values),
        gaps=(),
        related=(
            RelatedLocation(
                where,
                _("MOU `{mou}` Annex C {categories}").format(mou=mou.model.id, categories=joined(list(categories))),
            ),
        ),
    )


def with_statuses(applied: AppliedMou, findings: Sequence[Finding]) -> AppliedMou:
    """The MOU's lines with the statuses of their findings after waivers."""
    status = {finding.requirement: finding.status for finding in findings}
    lines = tuple(_with_status(line, status.get(ANNEX_B + line.line, line.status)) for line in applied.lines)
    return replace(applied, lines=lines)


def _with_status(line: VerifiedLine, status: Status) -> VerifiedLine:
    # The line itself when its status stands (no waiver): a copy per line cost a portfolio more
    # than working the lines out.
    return line if status is line.status else replace(line, status=status)


def pieces(finding: Finding) -> Iterator[Piece]:
    """What closes an MOU finding's shortfall in the ``pkcheck gaps`` register: the items of an
    Annex B line, the serviceable items it is short (one item added serviceable counts for both
    its quantity and its serviceability, so the larger gap, never their sum), with the item's
    COE category; one unit lacking an Annex C category in ``self_sustainment``."""
    values = finding.values
    if finding.status is not Status.SHORTFALL:
        return
    if "item" in values:
        item = str(values["item"])
        coe = finding.coe_categories.get(item)
        yield Piece(ITEM_LINE, item, finding.titles.get(item), "items", values["shortfall"], True, coe, (item,))
    elif "category" in values:
        category = str(values["category"])
        yield Piece(ENTRY_LINE, f"self_sustainment.{category}", finding.titles.get(category), "units", 1, True)


def percent(ratio: Fraction) -> str:
    return f"{float(ratio * 100):g}%"  # one word: a line is never broken inside it


def _reference(mou: LoadedMou) -> ReferenceInfo:
    return ReferenceInfo(mou.model.id, mou.model.reference)


def _located(document: Document, segments: Sequence[PathSegment]) -> Location:
    return locate(document.path, document.data, segments)
