"""MOUs (``pkcheck: mou/v1``): read, with the problems validation cannot see, and chosen for a
unit.

MOUs come from ``--mou`` files and from the standards search path (as vocabularies do). Which
applies to a unit, by its ``unit.id``:

1. the MOUs given with ``--mou`` that cover the unit, if any; else those of the search path;
2. files of one MOU ``id`` are its amendments: the one applied is the latest whose ``effective``
   day is on or before the unit's reference date (its deployment date, else the as-of day); an
   MOU none of whose amendments is in effect yet does not apply (and the unit is warned);
3. two files of one ``id`` and ``effective`` day are the same amendment twice, and two MOUs of
   different ids covering one unit are an ambiguity: either is a located input error at the
   unit's ``unit.id``, naming the files (a unit's equipment cannot be verified against two
   agreements at once).

A search path keeps of each MOU only what choosing it needs (``IndexedMou``); the one chosen for
a unit is read again when the unit is checked, in the process that checks it.

An MOU that cannot be validated does not stop a run: the units its ``units`` list names, as far
as it can be read, are invalid with its errors, and every other unit is checked. One whose units
cannot be read at all stops the run, as a bad waivers file does.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from pkcheck.diagnostics import Diagnostic, InputError, Level, Location
from pkcheck.enums import FileKind
from pkcheck.i18n import N_, _
from pkcheck.i18n import day as human_day
from pkcheck.library.lintcodes import Places, Use, unknown_places, unknown_warnings
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.tree import Position
from pkcheck.load.validate import validate_with
from pkcheck.load.yamlio import Document, load, read_bytes
from pkcheck.load.yamlio import digest as file_digest
from pkcheck.terms.vocabulary import Codes

if TYPE_CHECKING:  # loaded when an MOU is first read (``read_mou``): a run without MOUs never needs it
    from pkcheck.models.mou import Mou


class RunPlaces(NamedTuple):
    """Where the parts of an MOU that a check run reports are (0-based, as the loader gives
    them): all a run keeps of the document of an MOU read for a unit (``kept_for_runs``)."""

    keys: dict[str, Position]  # `id`, `effective` and `mission`
    mission: Position | None  # the mission's value
    lines: tuple[Position, ...]  # each Annex B line's `line` key
    items: tuple[Position, ...]  # each Annex B line's `item` value
    categories: dict[str, Position]  # each Annex C category's key

    def position(self, segments: Sequence[PathSegment], is_key: bool = True) -> Position | None:
        match tuple(segments):
            case (str(key),) if is_key:
                return self.keys.get(key)
            case ("mission",):
                return self.mission
            case ("major_equipment", int(index), "line"):
                return self.lines[index]
            case ("major_equipment", int(index), "item"):
                return self.items[index]
            case ("self_sustainment", str(category)):
                return self.categories.get(category)
        return None


@dataclass(frozen=True)
class LoadedMou:
    """An MOU's model and where its parts are: its whole located document (as read), or only
    the places a check run reports (as a run keeps one of the search path, ``kept_for_runs``)."""

    model: Mou
    document: Document
    places: RunPlaces | None = None

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def mou_id(self) -> str:
        return self.model.id

    @property
    def effective(self) -> dt.date:
        return self.model.effective

    def location(self, *segments: PathSegment) -> Location:
        if self.places is not None:
            return _located(self.path, self.places.position(segments))
        return locate(self.document.path, self.document.data, segments)

    def line_location(self, index: int) -> Location:
        """Where Annex B line ``index`` is: its ``line`` key."""
        if self.places is not None:  # as ``RunPlaces.position`` finds it, without matching the path
            return _located(self.path, self.places.lines[index])
        return self.location("major_equipment", index, "line")

    def category_location(self, category: str) -> Location:
        if self.places is not None:
            return _located(self.path, self.places.categories.get(category))
        return self.location("self_sustainment", category)


def kept_for_runs(source: Source) -> Source:
    """The MOU as a run keeps one of the search path read for a unit (``IndexedMou.read``): the
    model, with only the places a run reports (``RunPlaces``), not its whole document with
    every value's line and column."""
    if isinstance(source, BrokenMou) or source.places is not None:
        return source
    data = source.document.data
    lines = data.get("major_equipment") or ()  # validated: both optional
    annex_c = data.get("self_sustainment")
    places = RunPlaces(
        {key: data.key_positions[key] for key in ("id", "effective", "mission") if key in data},
        data.value_positions.get("mission"),
        tuple(line.key_positions["line"] for line in lines),
        tuple(line.value_positions["item"] for line in lines),
        dict(annex_c.key_positions) if annex_c else {},
    )
    return LoadedMou(source.model, Document(source.path, None), places)


def _located(path: str, position: Position | None) -> Location:
    line, column = position or (0, 0)
    return Location(path, line + 1, column + 1)


@dataclass(frozen=True)
class BrokenMou:
    """An MOU that could not be validated: its errors, and the unit ids it names, as read."""

    path: str
    units: tuple[str, ...]
    errors: tuple[Diagnostic, ...]


Source = LoadedMou | BrokenMou


@dataclass(frozen=True, slots=True)
class IndexedMou:
    """An MOU of the search path as a run keeps it until a unit it covers is checked: only what
    choosing the MOU of a unit needs (``choose``). A portfolio's search path can hold an MOU
    per unit, whose models would otherwise all stay in the process and every worker forked
    from it; the one chosen is read again (``read``) where its unit is checked.

    Given the ``digest`` of the bytes the search path read, it also keeps the MOU as a run
    keeps it (``kept_for_runs``), pickled and compressed (a kilobyte), until the first
    ``read``: that read only needs the file to hold the same bytes, not to parse and validate
    them again (half the time an MOU costs a portfolio)."""

    path: str
    mou_id: str
    effective: dt.date
    units: tuple[str, ...]
    keys: dict[str, Position]  # where `id` and `effective` are (0-based, as the loader gives them)
    limits: Limits
    digest: bytes = b""  # of the bytes read (``pkcheck.load.yamlio.digest``); empty: unknown
    kept: list[bytes] = field(default_factory=list)  # the packed MOU, until the first read takes it

    @classmethod
    def of(cls, loaded: LoadedMou, limits: Limits, digest: bytes = b"") -> IndexedMou:
        data = loaded.document.data
        keys = {key: data.key_positions[key] for key in ("id", "effective")}
        # Only this process's own objects, read back in this process or one forked from it.
        kept = [zlib.compress(pickle.dumps(kept_for_runs(loaded), pickle.HIGHEST_PROTOCOL), 1)] if digest else []
        model = loaded.model
        return cls(loaded.path, model.id, model.effective, tuple(model.units), keys, limits, digest, kept)

    def location(self, *segments: PathSegment) -> Location:
        match segments:
            case (str(key),):
                return _located(self.path, self.keys.get(key))
        return _located(self.path, None)

    def read(self) -> LoadedMou:
        """The MOU read again, with the run's limits, keeping the places a run reports; raises
        ``InputError``: its own errors, or one at its id when the file no longer says what it
        said when the search path was read (a unit is never verified against another MOU
        than the one chosen for it). The file still holding the bytes indexed, the MOU kept
        from them is the one read (once: a second unit it covers reads the file again)."""
        if self.kept and file_digest(read_bytes(self.path, self.limits)) == self.digest:
            again: LoadedMou = pickle.loads(zlib.decompress(self.kept.pop()))
            return again
        source = source_of(load(self.path, self.limits))
        if isinstance(source, BrokenMou):
            raise InputError(source.errors)
        model = source.model
        if (model.id, model.effective, tuple(model.units)) != (self.mou_id, self.effective, self.units):
            message = _(
                "MOU file {file} changed while the run read it: it was `{was}` effective {was_effective} for "
                "{was_units} unit(s), now `{now}` effective {now_effective} for {now_units}; check again"
            ).format(
                file=self.path,
                was=self.mou_id,
                was_effective=human_day(self.effective),
                was_units=len(self.units),
                now=model.id,
                now_effective=human_day(model.effective),
                now_units=len(model.units),
            )
            raise InputError((Diagnostic(source.location("id"), message),))
        return kept_for_runs(source)  # type: ignore[return-value]  # loaded in, loaded out


Found = IndexedMou | BrokenMou  # an MOU file as the search path keeps it
Candidate = LoadedMou | IndexedMou


def read_mou(document: Document) -> LoadedMou:
    """The MOU of a document of kind ``mou/v1``; raises ``InputError`` with every located
    problem: those of validation and the duplicate lines, items and units together, in the
    order of the file, so that one reading of the errors is enough to mend it."""
    from pkcheck.models.mou import Mou

    return LoadedMou(validate_with(document, Mou, FileKind.MOU, list(duplicate_errors(document))), document)


def source_of(document: Document) -> Source:
    """An MOU document as a run uses it: loaded, or broken with its errors and the units it names."""
    try:
        return read_mou(document)
    except InputError as exc:
        return BrokenMou(document.path, raw_units(document), exc.diagnostics)


def load_source(path: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """An MOU file named with ``--mou``; raises ``InputError`` when it cannot be read as YAML or
    JSON at all, or names no unit that can be read (nothing could be checked against it)."""
    source = source_of(load(path, limits))
    if isinstance(source, BrokenMou) and not source.units:
        raise InputError(source.errors)
    return source


def raw_units(document: Document) -> tuple[str, ...]:
    data = document.data
    units = data.get("units") if isinstance(data, dict) else None
    return tuple(unit for unit in units if isinstance(unit, str)) if isinstance(units, list) else ()


def duplicate_errors(document: Document) -> Iterator[Diagnostic]:
    """A line id, an item or a unit given twice: located at the second, naming the first's line.
    Read from the file's data as written, before validation, so that a file with other errors
    has its duplicates said with them; entries of the wrong type are left to validation."""
    data = document.data if isinstance(document.data, dict) else {}
    raw_lines = data.get("major_equipment")
    entries = [e if isinstance(e, dict) else {} for e in raw_lines] if isinstance(raw_lines, list) else []
    lines = [(e.get("line"), ("major_equipment", index, "line")) for index, e in enumerate(entries)]
    items = [(e.get("item"), ("major_equipment", index, "item")) for index, e in enumerate(entries)]
    raw_unit_list = data.get("units")
    listed = raw_unit_list if isinstance(raw_unit_list, list) else []
    units = [(unit, ("units", index)) for index, unit in enumerate(listed)]
    duplicates = (
        (N_("duplicate Annex B line `{value}` at line {line} (first at line {first}): an MOU lists each once"), lines),
        (N_("duplicate item `{value}` at line {line} (first at line {first}): an MOU lists each once"), items),
        (N_("duplicate unit `{value}` at line {line} (first at line {first}): an MOU lists each once"), units),
    )
    for said, named in duplicates:
        # Located only when given twice: locating every line and unit of every MOU of a search
        # path cost more than validating them.
        first: dict[str, tuple[PathSegment, ...]] = {}
        for value, segments in named:
            if not isinstance(value, str):
                continue
            if value in first:
                where = locate(document.path, document.data, segments)
                other = locate(document.path, document.data, first[value])
                message = _(said).format(value=value, line=where.line, first=other.line)
                yield Diagnostic(where, message)
            else:
                first[value] = segments


def mou_uses(loaded: LoadedMou) -> Iterator[Use]:
    """The codes an MOU uses: its items, self-sustainment categories and mission."""
    model = loaded.model
    for index, line in enumerate(model.major_equipment):
        yield Use("items", line.item, ("major_equipment", index, "item"), False)
    for category in model.self_sustainment:
        yield Use("self_sustainment", category, ("self_sustainment", category), True)
    if model.mission is not None:
        yield Use("missions", model.mission, ("mission",), False)


def code_warnings(loaded: LoadedMou, codes: Codes) -> list[Diagnostic]:
    """A warning per code of the MOU no vocabulary knows, with the nearest known code."""
    if loaded.places is None:
        document = loaded.document
        return unknown_warnings(codes, unknown_places(document.path, document.data, mou_uses(loaded), codes))
    places: Places = {}
    for section, code, segments, is_key in mou_uses(loaded):
        if not codes.known(section, code):
            where = _located(loaded.path, loaded.places.position(segments, is_key))
            places.setdefault((section, code), []).append(where)
    return unknown_warnings(codes, places)


def units_of(source: Source | Found) -> Sequence[str]:
    """The unit ids an MOU names (as far as a broken one can be read)."""
    return source.model.units if isinstance(source, LoadedMou) else source.units


@dataclass(frozen=True)
class Choice:
    """The MOU applied to a unit (None: none), and warnings about the choice."""

    mou: LoadedMou | None
    warnings: tuple[Diagnostic, ...] = ()


def choose(
    given: Sequence[Source], found: Sequence[Source | Found], unit_id: str, day: dt.date, where: Location
) -> Choice:
    """The MOU that applies to unit ``unit_id`` on ``day`` (see the module docstring), from the
    MOUs ``given`` and those ``found`` in the search path (any of them, or only those that name
    the unit: ``Library.mous_covering``); raises
    ``InputError``, located at ``where`` (the declaration's ``unit.id``) or in a broken MOU
    (one of the search path chosen is read here, see ``IndexedMou.read``)."""
    for sources in (given, found):
        covering = [s for s in sources if unit_id in units_of(s)]
        broken = [s for s in covering if isinstance(s, BrokenMou)]
        if broken:
            raise InputError(tuple(error for source in broken for error in source.errors))
        if covering:
            candidates = [s for s in covering if not isinstance(s, BrokenMou)]
            return _amendment(candidates, unit_id, day, where)
    return Choice(None)


def _amendment(covering: list[Candidate], unit_id: str, day: dt.date, where: Location) -> Choice:
    by_id: dict[str, list[Candidate]] = {}
    for mou in _first_of_each_file(covering):
        by_id.setdefault(mou.mou_id, []).append(mou)
    chosen: list[Candidate] = []
    warnings: list[Diagnostic] = []
    for mou_id, amendments in by_id.items():
        in_effect = [m for m in amendments if m.effective <= day]
        if not in_effect:
            first = min(amendments, key=lambda m: m.effective)
            message = _(
                "MOU `{mou}` covers unit `{unit}` but takes effect on {effective}, after {day}: not applied ({where})"
            ).format(
                mou=mou_id,
                unit=unit_id,
                effective=human_day(first.effective),
                day=human_day(day),
                where=first.location("effective"),
            )
            warnings.append(Diagnostic(where, message, Level.WARNING))
            continue
        latest = max(m.effective for m in in_effect)
        chosen.extend(m for m in in_effect if m.effective == latest)
    if len(chosen) > 1:
        named = ", ".join(
            _("`{mou}` effective {effective} ({where})").format(
                mou=m.mou_id, effective=human_day(m.effective), where=m.location("id")
            )
            for m in chosen
        )
        message = _("unit `{unit}` is covered by several MOUs: {mous}; give the one that applies with --mou").format(
            unit=unit_id, mous=named
        )
        raise InputError((Diagnostic(where, message),))
    if not chosen:
        return Choice(None, tuple(warnings))
    mou = chosen[0]
    return Choice(mou.read() if isinstance(mou, IndexedMou) else mou, tuple(warnings))


def _first_of_each_file(mous: Iterable[Candidate]) -> list[Candidate]:
    """Each file once (one named with ``--mou`` and found in the search path too)."""
    mous = list(mous)
    if len(mous) < 2:  # the usual case, an MOU per unit: no path to resolve (a system call per folder)
        return mous
    seen: dict[str, Candidate] = {}
    for mou in mous:
        seen.setdefault(_same_file_key(mou.path), mou)
    return list(seen.values())


def _same_file_key(path: str) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return path
