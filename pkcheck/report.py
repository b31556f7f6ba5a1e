"""The output contract: immutable findings, per-declaration results and the report.

Formatters see only these types. Everything a format needs (titles, references, remediation,
standard versions, the as-of date) travels inside the report.
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import hashlib
import io
import itertools
import os
import pickle
import secrets
import weakref
import zlib
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
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


Kept = TypeVar("Kept")  # a value kept once in a run's ``SharedValues``


class SharedValues:
    """The values many results of a run hold alike (a requirement's title, texts, references
    and basis, the titles of its codes, an MOU's remediation), each kept once: ``keep`` gives
    the one object kept for a value (found by a digest of its content), and a sequence packed
    with the store (``Packed``) names each object kept by its number in the store instead of
    holding a copy of it, so a thousand units' findings share one copy of what they have in
    common.

    Numbers are the store's own: a packed sequence sent to another process carries its store's
    ``token`` and the values it names, and there the store of that token (made on first need,
    and kept while a sequence packed with it lives) adopts those it lacks, so a result reads
    back equal wherever it was checked. A store used in a process forked from the one that
    made it takes a token of its own there, as its numbers from then on are that process's.

    A worker process sends every result to the one process that started it, which reads them
    all, in order: what it pickles ``delivering()`` carries each value once, the first time a
    result names it (a thousand units' results carried the same values a thousand times)."""

    __slots__ = (
        "__weakref__",
        "_by_key",
        "_delivered",
        "_found",
        "_keys",
        "_pending",
        "_pickled",
        "_pid",
        "_values",
        "token",
    )

    def __init__(self, token: str | None = None) -> None:
        self._values: dict[int, Any] = {}  # number -> the one object kept
        self._found: dict[bytes, int] = {}  # digest of a value's content -> its number
        # id of an object kept -> its number: every object named here is kept alive in
        # ``_values``, so an id is never another object's.
        self._keys: dict[int, int] = {}
        self._pickled: dict[int, bytes] = {}  # number -> its value pickled, once sent
        self._by_key: dict[Hashable, int] = {}  # a key given to ``keep`` -> the number of its value
        self._delivered: set[int] = set()  # the numbers whose values ``delivering`` has sent
        self._pending: set[int] | None = None  # those sent by the pickling under way, if any
        self._named(token if token is not None else _token())

    def _named(self, token: str) -> None:
        self.token, self._pid = token, os.getpid()
        _STORES[token] = self

    @classmethod
    def named(cls, token: str) -> SharedValues:
        """This process's store of ``token``, made if there is none."""
        found = _STORES.get(token)
        return found if found is not None else cls(token)

    def keep(self, value: Kept, key: Hashable = None) -> Kept:
        """The object kept for ``value`` (``value`` itself the first time): equal to it, and
        named by its number when packed. ``value`` must pickle (its content is digested
        pickled: values that are equal but pickle apart, ``1`` and ``1.0``, are kept apart).
        ``key``, if given, is what makes the value (equal keys, values that pickle alike): the
        value kept for it is found without digesting ``value``."""
        if id(value) in self._keys:
            return value
        if key is not None and (known := self._by_key.get(key)) is not None:
            found: Kept = self._values[known]
            return found
        if self._pid != os.getpid():
            self._named(_token())
        digest = _digest(value)
        number = self._found.get(digest)
        if number is None:
            number = self._found[digest] = len(self._values)
            while number in self._values:  # numbers adopted from elsewhere (not in practice)
                number = self._found[digest] = number + 1
            self._values[number] = value
            self._keys[id(value)] = number
        if key is not None:
            self._by_key[key] = number
        kept: Kept = self._values[number]
        return kept

    def __len__(self) -> int:
        return len(self._values)

    def key_of(self, value: object) -> int | None:
        """The number of an object kept (that very object), else None."""
        return self._keys.get(id(value))

    def value(self, number: int) -> Any:
        try:
            return self._values[number]
        except KeyError:
            raise pickle.UnpicklingError(f"no value {number} kept in {self.token}") from None

    def sent(self, named: bytes) -> tuple[bytes, bytes]:
        """The values of the numbers in ``named`` (an ``array`` of them, as bytes), each pickled
        (once), to send to another process: the length of each pickle (an ``array``, as bytes)
        and the pickles one after the other. One string of bytes, not a mapping with one per
        value: a unit's findings name hundreds, which the receiving process, holding most of
        them already, then need not unpickle one by one. While ``delivering``, a value sent
        before has the length 0 and no bytes (no pickle is empty)."""
        pickled, values, pending = self._pickled, [], self._pending
        for number in array.array("I", named):
            if pending is not None:
                if number in self._delivered or number in pending:
                    values.append(b"")
                    continue
                pending.add(number)
            found = pickled.get(number)
            if found is None:
                found = pickled[number] = pickle.dumps(self._values[number], pickle.HIGHEST_PROTOCOL)
            values.append(found)
        return array.array("I", map(len, values)).tobytes(), b"".join(values)

    @contextlib.contextmanager
    def delivering(self) -> Iterator[None]:
        """Pickling, inside, what goes to the one process that reads everything this store's
        process sends it, in order (a worker's results): each value is sent once, and counts
        as sent only if the pickling ends without an exception (a result that could not be
        pickled is replaced by its file's error, which names none)."""
        self._pending = set()
        try:
            yield
            self._delivered |= self._pending
        finally:
            self._pending = None

    def adopt(self, named: bytes, lengths: bytes, values: bytes) -> None:
        """Keep the values the store of this token in another process sent (``sent``), where
        this one has none yet: only those are unpickled."""
        numbers, kept = array.array("I", named), self._values
        missing = [index for index, number in enumerate(numbers) if number not in kept]
        if not missing:
            return
        ends = list(itertools.accumulate(array.array("I", lengths)))
        view = memoryview(values)
        for index in missing:
            start = ends[index - 1] if index else 0
            if start == ends[index]:  # sent before (``delivering``), yet not received here
                raise pickle.UnpicklingError(f"value {numbers[index]} of {self.token} was sent before but not received")
            # Only ever bytes a store of this run pickled, in a process forked from this one.
            value = kept[numbers[index]] = pickle.loads(view[start : ends[index]])
            self._keys[id(value)] = numbers[index]


_STORES: weakref.WeakValueDictionary[str, SharedValues] = weakref.WeakValueDictionary()


def _token() -> str:
    return secrets.token_hex(8)


def _digest(value: object) -> bytes:
    return hashlib.blake2b(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


def _pack(items: tuple[Any, ...], shared: SharedValues | None) -> tuple[bytes, bytes]:
    """The items pickled and compressed, and the numbers of the values kept in ``shared`` they
    name (an ``array`` of them, as bytes)."""
    if shared is None:
        return zlib.compress(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), 1), b""
    if all(type(item) in _KEPT_FIELDS for item in items):
        return _pack_fields(items, shared)
    # Any other items: every object pickled is looked up in the store, a Python call each.
    buffer, named, keys = io.BytesIO(), set(), shared._keys

    def persistent_id(value: object) -> int | None:
        number = keys.get(id(value))
        if number is not None:
            named.add(number)
        return number

    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = persistent_id  # type: ignore[method-assign]
    pickler.dump(items)
    return b"p" + zlib.compress(buffer.getbuffer(), 1), array.array("I", sorted(named)).tobytes()


def _pack_fields(items: tuple[Any, ...], shared: SharedValues) -> tuple[bytes, bytes]:
    """Items of the types of ``_KEPT_FIELDS`` (findings, an MOU's verified lines), packed with
    the store: a kept value is looked for only in the fields that may hold one, and each item
    is pickled as its type, its fields (``__dict__``) with the kept values taken out, and what
    was taken. Looking up every object pickled instead (``persistent_id``) was a Python call
    per object: millions in a portfolio with MOUs."""
    keys, named = shared._keys, set[int]()
    entries = []
    for item in items:
        state = item.__dict__
        taken: list[tuple[str, _Taken]] = []
        for name in _KEPT_FIELDS[type(item)]:
            found = _take(state[name], keys)
            if found is not None:
                if not taken:
                    state = dict(state)  # a copy: the item itself is left as it is
                state[name] = found[0]
                what = found[1]
                taken.append((name, what))
                named.update((what,) if isinstance(what, int) else (n for n in what if n is not None))
        entries.append((type(item), state, tuple(taken)))
    pickled = pickle.dumps(tuple(entries), protocol=pickle.HIGHEST_PROTOCOL)
    return b"f" + zlib.compress(pickled, 1), array.array("I", sorted(named)).tobytes()


# What ``_take`` took out of a value: the number of the value kept, or, for a tuple, the number
# of each element (None for an element not kept).
_Taken = int | tuple[int | None, ...]


def _take(value: object, keys: Mapping[int, int]) -> tuple[Any, _Taken] | None:
    """The value with what it holds of the store taken out (None in its place), and what was
    taken; None if it holds nothing kept."""
    number = keys.get(id(value))
    if number is not None:
        return None, number
    if type(value) is tuple and value:
        numbers = tuple([keys.get(id(element)) for element in value])
        if numbers.count(None) != len(numbers):
            return tuple([element if n is None else None for element, n in zip(value, numbers, strict=True)]), numbers
    return None


def _put(stripped: Any, taken: _Taken, shared: SharedValues) -> Any:
    """``_take`` undone: the value with the store's kept values back in."""
    if isinstance(taken, int):
        return shared.value(taken)
    return tuple([element if n is None else shared.value(n) for element, n in zip(stripped, taken, strict=True)])


def _unpack(packed: bytes, shared: SharedValues | None) -> Any:
    # Only ever bytes this module made from its own items in this run, never a file's.
    if shared is None:
        return pickle.loads(zlib.decompress(packed))
    how, packed = packed[:1], packed[1:]
    if how == b"p":
        unpickler = pickle.Unpickler(io.BytesIO(zlib.decompress(packed)))
        unpickler.persistent_load = shared.value  # type: ignore[method-assign]
        return unpickler.load()
    items = []
    for kind, state, taken in pickle.loads(zlib.decompress(packed)):
        for name, what in taken:
            state[name] = _put(state[name], what, shared)
        item = kind.__new__(kind)
        item.__dict__.update(state)  # as pickle itself restores a (frozen) dataclass
        items.append(item)
    return tuple(items)


class Packed(Sequence[Item]):
    """A sequence kept compressed until it is read: unpacked each time it is iterated, and
    equal to the tuple it was made from. Sent between processes as it is, still packed, with
    the values it names of its ``SharedValues``, if packed with one."""

    __slots__ = ("_length", "_named", "_packed", "_shared")

    def __init__(self, items: Sequence[Item], shared: SharedValues | None = None) -> None:
        self._packed, self._named = _pack(tuple(items), shared)
        self._length = len(items)
        self._shared = shared

    def unpack(self) -> tuple[Item, ...]:
        items: tuple[Item, ...] = _unpack(self._packed, self._shared)
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

    def _sent(self) -> tuple[str | None, bytes, bytes, bytes]:
        """The token of its store, the numbers of the values it names and those values
        (``SharedValues.sent``), to send it to another process."""
        if self._shared is None:
            return None, b"", b"", b""
        return self._shared.token, self._named, *self._shared.sent(self._named)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_packed, (type(self), self._packed, self._length, *self._sent()))


def _received(token: str | None, named: bytes, lengths: bytes, values: bytes) -> SharedValues | None:
    if token is None:
        return None
    shared = SharedValues.named(token)
    shared.adopt(named, lengths, values)
    return shared


def _packed(
    kind: type[Packed[Any]],
    packed: bytes,
    length: int,
    token: str | None = None,
    named: bytes = b"",
    lengths: bytes = b"",
    values: bytes = b"",
) -> Packed[Any]:
    items = kind.__new__(kind)
    items._packed, items._length = packed, length
    items._shared, items._named = _received(token, named, lengths, values), named
    return items


class PackedFindings(Packed[Finding]):
    """A result's findings, kept compressed until they are read.

    A portfolio's report holds every finding of every unit; packed, a unit's thirty-odd
    findings take a few kilobytes instead of tens, so a batch of a thousand declarations
    needs little more memory than one."""

    __slots__ = ("open_counts", "scheduled")

    def __init__(self, findings: Sequence[Finding], shared: SharedValues | None = None) -> None:
        super().__init__(findings, shared)
        # What a portfolio summary shows of each unit, kept unpacked: reading them does not
        # unpack every finding of every unit (the women target took a tenth of a portfolio's run).
        self.open_counts = open_counts(findings)
        self.scheduled = scheduled_entries(findings)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_packed_findings, (self._packed, self._length, self.open_counts, self.scheduled, *self._sent()))


def _packed_findings(
    packed: bytes,
    length: int,
    counts: dict[str, int],
    scheduled: dict[str, AppliedEntry],
    token: str | None = None,
    named: bytes = b"",
    lengths: bytes = b"",
    values: bytes = b"",
) -> PackedFindings:
    findings = PackedFindings.__new__(PackedFindings)
    findings._packed, findings._length, findings.open_counts = packed, length, counts
    findings.scheduled = scheduled
    findings._shared, findings._named = _received(token, named, lengths, values), named
    return findings


def scheduled_entries(findings: Iterable[Finding]) -> dict[str, AppliedEntry]:
    """Scheduled parameter -> the entry of it that the first finding reading it (and not
    ``not-applicable``) applied: kept with packed findings, read without unpacking them."""
    if isinstance(findings, PackedFindings):
        return dict(findings.scheduled)
    applied: dict[str, AppliedEntry] = {}
    for finding in findings:
        if finding.status is not Status.NOT_APPLICABLE:
            for entry in finding.scheduled:
                applied.setdefault(entry.parameter, entry)
    return applied


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


# The types of items packed field by field with a run's store (``_pack_fields``), and the fields
# of each that may hold a value kept there, itself or as elements of a tuple: a finding's texts,
# references, code titles and basis (``pkcheck.engine.RunCache.kept``, and an MOU's findings in
# ``pkcheck.library.verification``); a verified line holds none. A kept value held elsewhere is
# pickled as a copy: read back equal, only not shared.
_KEPT_FIELDS: dict[type, tuple[str, ...]] = {
    Finding: ("title", "references", "remediation", "rationale", "titles", "coe_categories", "basis"),
    VerifiedLine: (),
}


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

    def packed(self, shared: SharedValues | None = None) -> AppliedMou:
        """The same MOU with its verified lines and Annex C packed, as a result's findings are:
        a batch keeps those of every unit verified."""
        if isinstance(self.lines, Packed):
            return self
        return replace(self, lines=Packed(self.lines, shared), self_sustainment=Packed(self.self_sustainment, shared))

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
    # `personnel.languages` as the declaration gives it: the languages a partner's course can be
    # taught to the unit in (pkcheck.analyses.match).
    languages: Mapping[str, int] = field(default_factory=dict)

    def packed(self, shared: SharedValues | None = None) -> Result:
        """The same result with its findings packed (see ``PackedFindings``), naming the
        values kept in ``shared`` (the run's) instead of holding copies."""
        if isinstance(self.findings, PackedFindings):
            return self
        mou = self.mou if self.mou is None else self.mou.packed(shared)
        return replace(self, findings=PackedFindings(self.findings, shared), mou=mou)

    def open_counts(self) -> dict[str, int]:
        """Severity -> number of failing findings (see ``open_counts``)."""
        if isinstance(self.findings, PackedFindings):
            return dict(self.findings.open_counts)
        return open_counts(self.findings)

    def counts(self) -> dict[str, int]:
        return status_counts(self.findings)


class BaselineState(StrEnum):
    """How a finding stands against the same unit's finding of an earlier report (``--baseline``)."""

    NEW = "new"
    UNCHANGED = "unchanged"
    IMPROVED = "improved"
    WORSENED = "worsened"
    CLOSED = "closed"


@dataclass(frozen=True)
class ClosedFinding:
    """A finding open in the baseline (shortfall or no evidence) that is not open now: met,
    waived or not applicable, or gone from the unit's findings."""

    requirement: str
    severity: str
    status: str  # its status in the baseline
    title: str


@dataclass(frozen=True)
class UnitChange:
    """One unit against the baseline: its verdict then (None: not in the baseline) and now
    (None: not in this run), each open or closed finding's state by requirement id, and the
    findings closed since."""

    unit: str
    before: str | None
    after: str | None
    states: Mapping[str, BaselineState]
    closed: tuple[ClosedFinding, ...] = ()


@dataclass(frozen=True)
class BaselineComparison:
    """A report compared with an earlier one: the earlier report's file, tool version and as-of
    date, notes on what differs between the two runs, each result's change by its path, the
    units of the baseline this run no longer has, and the count of findings in each state."""

    path: str
    tool_version: str
    as_of: dt.date
    notes: tuple[str, ...]
    units: Mapping[str, UnitChange]  # by the result's path
    gone: tuple[UnitChange, ...]
    counts: Mapping[str, int]  # BaselineState value -> findings

    def state(self, result: Result, finding: Finding) -> BaselineState | None:
        change = self.units.get(result.path)
        return None if change is None else change.states.get(finding.requirement)


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
    baseline: BaselineComparison | None = None  # with --baseline: the comparison with an earlier report

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
