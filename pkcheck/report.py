"""The output contract: immutable findings, per-declaration results and the report.

Formatters see only these types. Everything a format needs (titles, references, remediation,
standard versions, the as-of date) travels inside the report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any, NamedTuple, TypeVar, overload

from pkcheck.diagnostics import Diagnostic, Location
from pkcheck.enums import Category, Severity

Item = TypeVar("Item")  # what a packed sequence holds


class Status(StrEnum):
    MET = "met"
    SHORTFALL = "shortfall"
    NO_EVIDENCE = "no-evidence"
    WAIVED = "waived"
    NOT_APPLICABLE = "not-applicable"


class Verdict(StrEnum):
    READY = "ready"
    CONDITIONAL = "conditional"
    NOT_READY = "not-ready"
    INVALID = "invalid"

    @property
    def label(self) -> str:
        """The verdict as people read it ("not ready"); machine formats keep the code (``value``)."""
        return self.value.replace("-", " ")


FAILING = (Status.SHORTFALL, Status.NO_EVIDENCE)
GapValue = int | float | str | tuple[str, ...] | None


@dataclass(frozen=True)
class Gap:
    """How far one criterion of a requirement falls short, in ``unit``."""

    criterion: str
    required: GapValue
    declared: GapValue
    shortfall: GapValue
    unit: str


@dataclass(frozen=True)
class ReferenceInfo:
    key: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class BasisInfo:
    """Where one threshold of a finding comes from: a reference (``reference``, ``locator``) or
    a placeholder (``illustrative``: what decides it in practice). ``parameter`` names the
    parameter whose basis it is, when the threshold is an expression over parameters."""

    threshold: str
    reference: str | None = None
    locator: str | None = None
    illustrative: str | None = None
    parameter: str | None = None


@dataclass(frozen=True)
class WaiverInfo:
    reason: str
    approved_by: str
    expires: dt.date
    location: Location
    in_force: bool


class AppliedEntry(NamedTuple):
    """The entry of a scheduled parameter a check read: the parameter, its value and the first
    day the entry applies (said ``women_target 0.09 from 2022-01-01``)."""

    parameter: str
    value: Fraction
    start: dt.date


@dataclass(frozen=True)
class RelatedLocation:
    """Another place a finding concerns besides its ``location`` (the MOU line a unit's
    equipment is verified against), and what is there."""

    location: Location
    note: str


@dataclass(frozen=True)
class Finding:
    """The outcome of one requirement for one declaration.

    ``message`` is rendered from the template ``message_id`` with ``values``, so a report can be
    given in another language without touching the checks.
    """

    requirement: str
    title: str
    category: Category
    severity: Severity
    status: Status
    message_id: str
    values: Mapping[str, Any]
    message: str
    gaps: tuple[Gap, ...]
    location: Location
    check_kind: str
    references: tuple[ReferenceInfo, ...] = ()
    remediation: str | None = None
    rationale: str | None = None
    waiver: WaiverInfo | None = None
    titles: Mapping[str, str] = field(default_factory=dict)  # code -> title, for the codes the check uses
    coe_categories: Mapping[str, str] = field(default_factory=dict)  # equipment item code -> COE category
    effective_from: dt.date | None = None  # the requirement's window, when it has one
    effective_until: dt.date | None = None
    # Which entry of each scheduled parameter the check read applied on the reference date.
    scheduled: tuple[AppliedEntry, ...] = ()
    basis: tuple[BasisInfo, ...] = ()  # where each threshold of the check comes from
    related: tuple[RelatedLocation, ...] = ()  # other places it concerns: an MOU line

    @property
    def failing(self) -> bool:
        return self.status in FAILING

    @property
    def illustrative(self) -> bool:
        """Whether a threshold of the check is a placeholder, not a figure of a source."""
        return any(item.illustrative is not None for item in self.basis)


class Packed(Sequence[Item]):
    """A sequence kept compressed until it is read: unpacked each time it is iterated, and
    equal to the tuple it was made from. Sent between processes as it is, still packed."""

    __slots__ = ("_length", "_packed")

    def __init__(self, items: Sequence[Item]) -> None:
        import pickle
        import zlib

        self._packed = zlib.compress(pickle.dumps(tuple(items), protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._length = len(items)

    def unpack(self) -> tuple[Item, ...]:
        import pickle
        import zlib

        # Only ever bytes this class made from its own items in this run, never a file's.
        items: tuple[Item, ...] = pickle.loads(zlib.decompress(self._packed))
        return items

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Item]:
        return iter(self.unpack())

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, index: int | slice) -> Item | tuple[Item, ...]:
        return self.unpack()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Packed, tuple)):
            return self.unpack() == tuple(other)
        return NotImplemented

    # Unhashable, as the tuple of findings it may equal is (findings hold mappings).
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.unpack()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_packed, (type(self), self._packed, self._length))


def _packed(kind: type[Packed[Any]], packed: bytes, length: int) -> Packed[Any]:
    items = kind.__new__(kind)
    items._packed, items._length = packed, length
    return items


class PackedFindings(Packed[Finding]):
    """A result's findings, kept compressed until they are read.

    A portfolio's report holds every finding of every unit; packed, a unit's thirty-odd
    findings take a few kilobytes instead of tens, so a batch of a thousand declarations
    needs little more memory than one."""

    __slots__ = ("open_counts",)

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(findings)
        # What a portfolio summary shows of each unit, kept unpacked.
        self.open_counts = open_counts(findings)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_packed_findings, (self._packed, self._length, self.open_counts))


def _packed_findings(packed: bytes, length: int, counts: dict[str, int]) -> PackedFindings:
    findings = PackedFindings.__new__(PackedFindings)
    findings._packed, findings._length, findings.open_counts = packed, length, counts
    return findings


def status_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Status -> number of findings, every status present."""
    counts = {status.value: 0 for status in Status}
    for finding in findings:
        counts[finding.status.value] += 1
    return counts


def open_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Severity -> number of failing (unwaived shortfall or no-evidence) findings, every
    severity present, most severe first."""
    counts = {severity.value: 0 for severity in sorted(Severity, key=lambda s: -s.rank)}
    for finding in findings:
        if finding.failing:
            counts[finding.severity.value] += 1
    return counts


@dataclass(frozen=True)
class StandardInfo:
    id: str
    version: str
    title: str
    chain: tuple[str, ...]
    path: str


@dataclass(frozen=True)
class VerifiedLine:
    """One Annex B line of an MOU against the declaration, in items: what the MOU lists, what is
    declared present and serviceable, how many serviceable the serviceability standard asks of
    the MOU quantity (rounded up), and the shortfall: the serviceable items to add or repair to
    meet both. ``status`` is its finding's, after waivers."""

    line: str
    item: str
    quantity: int
    present: int
    serviceable: int
    required_serviceable: int
    shortfall: int
    lease: str
    status: Status
    location: Location  # the line in the MOU
    title: str | None = None  # the item's title, where a vocabulary has one
    coe_category: str | None = None
    declared_leases: tuple[str, ...] = ()  # the leases the declaration's lines of the item give


@dataclass(frozen=True)
class AppliedMou:
    """The MOU (amendment) a unit was verified against, and its Annex B lines as verified."""

    id: str
    reference: str
    effective: dt.date
    path: str
    serviceability: Fraction  # the share of the MOU quantity that must be serviceable
    lines: Sequence[VerifiedLine] = ()  # a tuple, or Packed in a batch
    # Annex C: (category, contributor|un), as the MOU lists them; a tuple, or Packed in a batch
    self_sustainment: Sequence[tuple[str, str]] = ()
    mission: str | None = None

    def packed(self) -> AppliedMou:
        """The same MOU with its verified lines and Annex C packed, as a result's findings are:
        a batch keeps those of every unit verified."""
        if isinstance(self.lines, Packed):
            return self
        return replace(self, lines=Packed(self.lines), self_sustainment=Packed(self.self_sustainment))

    def unpacked(self) -> AppliedMou:
        """The same MOU with its lines and Annex C as tuples: for reading them once per finding."""
        if not isinstance(self.lines, Packed):
            return self
        return replace(self, lines=tuple(self.lines), self_sustainment=tuple(self.self_sustainment))


@dataclass(frozen=True)
class Result:
    """Everything known about one input declaration: findings, or the errors that stopped it."""

    path: str
    unit: Mapping[str, Any] | None
    standard: StandardInfo | None
    verdict: Verdict
    findings: Sequence[Finding] = ()  # a tuple, or PackedFindings in a batch
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    unit_titles: Mapping[str, str] = field(default_factory=dict)  # `type`/`mission` -> the code's title
    unknown_codes: tuple[tuple[str, str], ...] = ()  # (section, code) of codes no vocabulary knows
    # `total` and `women` as the declaration gives them: a country's share of women is counted
    # across its units (pkcheck.analyses.parity).
    personnel: Mapping[str, int] = field(default_factory=dict)
    mou: AppliedMou | None = None  # the MOU the unit was verified against, if one applied

    def packed(self) -> Result:
        """The same result with its findings packed (see ``PackedFindings``)."""
        if isinstance(self.findings, PackedFindings):
            return self
        mou = self.mou if self.mou is None else self.mou.packed()
        return replace(self, findings=PackedFindings(self.findings), mou=mou)

    def open_counts(self) -> dict[str, int]:
        """Severity -> number of failing findings (see ``open_counts``)."""
        if isinstance(self.findings, PackedFindings):
            return dict(self.findings.open_counts)
        return open_counts(self.findings)

    def counts(self) -> dict[str, int]:
        return status_counts(self.findings)


@dataclass(frozen=True)
class Report:
    """``root`` is the absolute folder the relative paths in the report are relative to (the
    working directory of the run), where known: SARIF locates files against it."""

    tool_version: str
    as_of: dt.date
    results: tuple[Result, ...]
    warnings: tuple[Diagnostic, ...] = field(default_factory=tuple)
    root: str | None = None
    lang: str = "en"  # the language its messages are written in (pkcheck.i18n)

    def unknown_codes(self) -> list[UnknownCode]:
        """Each code no vocabulary knows with the number of files that use it, the most used
        first: a portfolio's summary of the codes its files were warned about."""
        files = Counter(pair for result in self.results for pair in set(result.unknown_codes))
        ordered = sorted(files.items(), key=lambda item: (-item[1], item[0]))
        return [UnknownCode(section, code, count) for (section, code), count in ordered]


class UnknownCode(NamedTuple):
    """A code no loaded vocabulary knows: its vocabulary section, the code, how many files use it."""

    section: str
    code: str
    files: int


def verdict_of(findings: Sequence[Finding]) -> Verdict:
    """not-ready on any unwaived critical gap, conditional on any major one, else ready."""
    worst = max((f.severity.rank for f in findings if f.failing), default=0)
    if worst >= Severity.CRITICAL.rank:
        return Verdict.NOT_READY
    if worst >= Severity.MAJOR.rank:
        return Verdict.CONDITIONAL
    return Verdict.READY


VERDICT_ORDER = {Verdict.INVALID: 0, Verdict.NOT_READY: 1, Verdict.CONDITIONAL: 2, Verdict.READY: 3}


def worst_unit_first(result: Result, counts: Mapping[str, int] | None = None) -> tuple[int, int, int, int, str, str]:
    """The order of units in the reports for people: invalid, not ready, conditional, then
    ready; within a verdict, the most open critical, then major, then minor findings first;
    then by unit id and file. ``counts`` are the result's ``open_counts`` where already known."""
    counts = result.open_counts() if counts is None else counts
    unit_id = str((result.unit or {}).get("id", ""))
    return VERDICT_ORDER[result.verdict], -counts["critical"], -counts["major"], -counts["minor"], unit_id, result.path


FAIL_ON_CHOICES = ("critical", "major", "minor", "advisory", "never")


def exit_code(report: Report, fail_on: str = "major") -> int:
    """2 if any input is invalid; else 1 if any unwaived gap is at or above ``fail_on``; else 0."""
    if any(result.verdict is Verdict.INVALID for result in report.results):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    # Counted from what a batch keeps of each result's failing findings, without unpacking them.
    open_severities = (Severity(s) for r in report.results for s, count in r.open_counts().items() if count)
    return 1 if any(severity.rank >= threshold for severity in open_severities) else 0
