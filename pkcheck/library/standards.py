"""Find standards on the search path, compose them (extends, overrides, removes) and choose one
for a declaration.

The search path is the ``--standards-path`` folders, then ``PKCHECK_STANDARDS_PATH``, then the
standards shipped with pkcheck. An id found in several folders is taken from the first.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from pkcheck import checks
from pkcheck.checks.kind import KindFiles, Locator
from pkcheck.diagnostics import Diagnostic, InputError, Location
from pkcheck.enums import OUTPUT_KINDS, FileKind
from pkcheck.expressions import ExpressionError, parse, to_fraction
from pkcheck.i18n import DEFAULT, _, language
from pkcheck.library.basis import requirement_basis_problems
from pkcheck.library.lintdates import window_errors
from pkcheck.library.schedules import Entry, Schedule, values_on
from pkcheck.library.translations import (
    LoadedTranslation,
    Unresolved,
    apply_to_standard,
    apply_to_vocabulary,
    companion_of,
    is_translation_file,
)
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import PathSegment, locate
from pkcheck.load.validate import describe_errors, did_you_mean, document_kind, nearest, suggestion, validate
from pkcheck.load.yamlio import Document, load, load_digested
from pkcheck.localized import localized
from pkcheck.models.common import TRANSLATED_LANGUAGES
from pkcheck.models.standard import Basis, Reference, Requirement, ScheduledParameter, Standard
from pkcheck.models.vocabulary import Vocabulary
from pkcheck.report import StandardInfo
from pkcheck.terms.vocabulary import Codes, merge

if TYPE_CHECKING:
    # Loaded only when the search path holds an MOU: most runs have none.
    from pkcheck.library.mous import Found, Source

ENVIRONMENT_VARIABLE = "PKCHECK_STANDARDS_PATH"
# A folder of at least this many files is read in worker processes when the run has several
# (``--jobs``): a portfolio's search path can hold an MOU per unit, a thousand files that would
# otherwise be parsed one after another before any unit is checked.
READ_IN_WORKERS_FROM = 64
STANDARD_SUFFIXES = (".yaml", ".yml", ".json")  # JSON is valid input too (spec, "All files")


def shipped_folder() -> Path:
    """The standards inside the installed package, or the repository's ``standards/``."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "standards"
    return packaged if packaged.is_dir() else package.parent / "standards"


def search_path(folders: Sequence[str] = (), environ: dict[str, str] | None = None) -> list[str]:
    environ = dict(os.environ) if environ is None else environ
    from_env = [p for p in environ.get(ENVIRONMENT_VARIABLE, "").split(os.pathsep) if p]
    return [*folders, *from_env, str(shipped_folder())]


class LoadedStandard(NamedTuple):
    model: Standard
    document: Document
    # The companion of translations applied to it, and what of it names inherited texts.
    translation: tuple[LoadedTranslation, Unresolved] | None = None

    def location(self, *segments: PathSegment) -> Location:
        return locate(self.document.path, self.document.data, segments)


class EffectiveRequirement(NamedTuple):
    """A requirement as it applies after composition, with where it was defined or last changed."""

    requirement: Requirement
    defined_in: str
    changed_by: tuple[str, ...]
    location: Location
    source: tuple[PathSegment, ...] = ()  # where in its file: ("requirements", 3) or ("overrides", ID)


@dataclass(frozen=True)
class EffectiveStandard:
    id: str
    version: str
    title: str
    path: str
    chain: tuple[str, ...]
    parameters: dict[str, Fraction]
    references: dict[str, Reference]
    requirements: tuple[EffectiveRequirement, ...]
    removed: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Scheduled parameters by name; ``parameters`` holds each at its last entry, the end state.
    schedules: dict[str, Schedule] = field(default_factory=dict)
    effective: dt.date | None = None  # the nearest `effective` down the chain
    basis: dict[str, Basis] = field(default_factory=dict)  # parameter -> where its value comes from

    def parameters_on(self, day: dt.date) -> tuple[dict[str, Fraction], dict[str, str]]:
        """The parameters' values on ``day``, and why a scheduled one has none then."""
        return values_on(self.parameters, self.schedules, day)

    def parameter_sets(self) -> Iterator[dict[str, Fraction]]:
        """The parameters at their end state, then on each day a schedule changes: every set of
        values a threshold can be computed with (a parameter whose schedule has not started keeps
        its end state, so that its name is known)."""
        yield self.parameters
        for day in sorted({entry.start for schedule in self.schedules.values() for entry in schedule}):
            yield {**self.parameters, **self.parameters_on(day)[0]}

    def info(self) -> StandardInfo:
        return StandardInfo(self.id, self.version, localized(self.title), self.chain, self.path)

    def get(self, requirement_id: str) -> EffectiveRequirement | None:
        return next((r for r in self.requirements if r.requirement.id == requirement_id), None)


EMPTY_PARENT = EffectiveStandard("", "", "", "", (), {}, {}, ())  # what a standard without `extends` builds on


class Library:
    """The standards of a search path, loaded once and composed on demand."""

    def __init__(
        self,
        folders: Sequence[str],
        limits: Limits = DEFAULT_LIMITS,
        languages: Sequence[str] | None = None,
        jobs: int = 1,
    ) -> None:
        self.folders = list(folders)
        self.limits = limits
        self.jobs = jobs  # the processes a large folder's MOUs may be read in (``_read_ahead``)
        # The languages whose companions of translations are read: by default the language in
        # use, if it is not English (an English run never reads one); `lint` reads them all.
        chosen = (language(),) if languages is None else tuple(languages)
        self.languages = tuple(lang for lang in chosen if lang != DEFAULT)
        self.translation_files: list[str] = []  # the companions found in the folders, read or not
        self.standards: dict[str, LoadedStandard] = {}
        self.vocabularies: list[Vocabulary] = []  # the vocabulary files, in search-path order
        self.mous: list[Found] = []  # the MOU files, in search-path order (``pkcheck.library.mous``)
        self.errors: list[Diagnostic] = []
        self.check_files: set[str] = set()  # the files checks name, read with their standards (``KindFiles``)
        self._effective: dict[str, EffectiveStandard] = {}
        self._unknown_parents: dict[str, str] = {}  # parent id -> the error's message
        self._codes: Codes | None = None
        # Unit id -> the MOU files that name it, in search-path order: indexed as they are found,
        # so that worker processes forked for a run inherit the index instead of each building it.
        self._mous_by_unit: dict[str, list[Found]] = {}
        for folder in self.folders:
            self._discover(folder)

    def _discover(self, folder: str) -> None:
        in_folder: dict[str, LoadedStandard] = {}
        files: list[str] = []
        for path in _standard_files(folder):
            if _maybe_companion(path) and is_translation_file(path):
                self.translation_files.append(path)  # read with the file it translates
                continue
            files.append(path)
        for path, found in zip(files, self._read_ahead(files), strict=True):
            if found is not None:
                self._add_found(found)
                continue
            loaded = self._load(path)
            if loaded is None:
                continue
            sid = loaded.model.id
            if sid in in_folder:
                first = in_folder[sid].document.path
                self.errors.append(
                    Diagnostic(
                        loaded.location("id"),
                        _("standard id `{id}` is also defined in {file}").format(id=sid, file=first),
                    )
                )
                continue
            in_folder[sid] = loaded
            self.standards.setdefault(sid, loaded)

    def _load(self, path: str) -> LoadedStandard | None:
        try:
            document, digest = load_digested(path, self.limits)
            if document.data.get("pkcheck") in OUTPUT_KINDS:
                return None  # a file pkcheck wrote: not a standard, and not an error
            kind = document_kind(document)
            if kind == FileKind.VOCABULARY:
                self.vocabularies.append(self._translated_vocabulary(validate(document, Vocabulary, kind), path))
            if kind == FileKind.MOU:
                from pkcheck.library.mous import source_of

                self._add_mou(source_of(document), digest)
            if kind != FileKind.STANDARD:
                return None
            loaded = self._with_check_files(LoadedStandard(validate(document, Standard, FileKind.STANDARD), document))
        except InputError as exc:
            self.errors.extend(exc.diagnostics)
            return None
        try:
            return self._translated(loaded)
        except InputError as exc:  # the standard still reads, in English
            self.errors.extend(exc.diagnostics)
            return loaded

    def _translated(self, loaded: LoadedStandard) -> LoadedStandard:
        """The standard with the translations of its companions in the run's languages;
        raises ``InputError`` for a companion's problems."""
        for lang in self.languages:
            path = companion_of(loaded.document.path, lang)
            if path is None:
                continue
            companion = _read_translation(path, self.limits, loaded.model.id)
            model, unresolved = apply_to_standard(loaded.model, companion)
            loaded = LoadedStandard(model, loaded.document, (companion, unresolved))
        return loaded

    def _translated_vocabulary(self, vocabulary: Vocabulary, path: str) -> Vocabulary:
        for lang in self.languages:
            companion_path = companion_of(path, lang)
            if companion_path is None:
                continue
            try:
                vocabulary = apply_to_vocabulary(
                    vocabulary, _read_translation(companion_path, self.limits, vocabulary.id)
                )
            except InputError as exc:  # the vocabulary still reads, in English
                self.errors.extend(exc.diagnostics)
        return vocabulary

    def mous_covering(self, unit_id: str) -> list[Found]:
        """The MOU files of the search path that name the unit, in search-path order: indexed,
        so that a portfolio of units, each with its MOU, is not searched unit by unit."""
        return self._mous_by_unit.get(unit_id, [])

    def _read_ahead(self, files: list[str]) -> Iterable[Found | None]:
        """For each file, the MOU as the library keeps it (``_found``) when it was read in a
        worker process, else None: the file is read here, in order, as any other. Only a large
        folder of a run with several processes is read ahead; a file that is not an MOU, or
        cannot be read, or whose worker failed, is read (and its errors reported) here."""
        if self.jobs < 2 or len(files) < READ_IN_WORKERS_FROM:
            return [None] * len(files)
        from pkcheck import parallel

        if not parallel.can_fork():
            return [None] * len(files)
        limits = self.limits
        return list(parallel.run_in_workers(files, lambda: partial(_mou_read_ahead, limits), _not_read, self.jobs))

    def _add_mou(self, source: Source, digest: bytes = b"") -> None:
        self._add_found(_found(source, self.limits, digest))

    def _add_found(self, found: Found) -> None:
        """An MOU that names no unit that can be read is an error of the library, as a bad
        standard is; one that names units makes those units invalid when they are checked."""
        from pkcheck.library.mous import BrokenMou, units_of

        if isinstance(found, BrokenMou) and not found.units:
            self.errors.extend(found.errors)
            return
        self.mous.append(found)
        for unit in dict.fromkeys(units_of(found)):
            self._mous_by_unit.setdefault(unit, []).append(found)

    def add_file(self, path: str) -> LoadedStandard:
        """Load a standard named by file (``--standard FILE``); it shadows one of the same id."""
        document = load(path, self.limits)
        loaded = self._with_check_files(LoadedStandard(validate(document, Standard, FileKind.STANDARD), document))
        loaded = self._translated(loaded)
        known = self.standards.get(loaded.model.id)
        if known is not None and known.document.path == document.path:
            return known  # found in its folder already: what was composed from it still holds
        self.standards[loaded.model.id] = loaded
        self._effective.clear()
        self._unknown_parents.clear()
        self._codes = None
        return loaded

    def _with_check_files(self, loaded: LoadedStandard) -> LoadedStandard:
        """The standard with the files its checks name read; raises ``InputError``."""
        document = loaded.document
        naming = [
            (index, requirement, files)
            for index, requirement in enumerate(loaded.model.requirements)
            if (files := _files(requirement)) is not None
        ]
        for _index, requirement, files in naming:
            self.check_files.update(files.paths(requirement.check.settings, document.path))
        errors: list[Diagnostic] = []
        for index, requirement, files in naming:
            at = _settings_locator(loaded, ("requirements", index), requirement)
            errors.extend(files.read(requirement.check.settings, document.path, self.limits, at))
        if errors:
            raise InputError(tuple(errors))
        return loaded

    @property
    def codes(self) -> Codes:
        """The codes of every vocabulary file, then of every loaded standard's ``vocabulary:``."""
        if self._codes is None:
            sections = [s.model.vocabulary for s in self.standards.values() if s.model.vocabulary is not None]
            self._codes = merge([*self.vocabularies, *sections])
        return self._codes

    def effective(self, standard_id: str) -> EffectiveStandard:
        """The composed standard; raises ``InputError`` naming every composition problem.

        Composed without recursion, ancestors first, so an ``extends`` chain of any length
        composes; every ancestor composed on the way is kept for the next call."""
        for ancestor in reversed(self._uncomposed_lineage(standard_id)):
            extends = self.standards[ancestor].model.extends
            parent = EMPTY_PARENT if extends is None else self._effective[extends]
            self._effective[ancestor] = _Composer(self.standards[ancestor], parent, self.limits).build()
        return self._effective[standard_id]

    def _uncomposed_lineage(self, standard_id: str) -> list[str]:
        """``standard_id`` and its ancestors not composed yet, nearest first; raises
        ``InputError`` for an unknown parent or a cycle on the way."""
        lineage: list[str] = []
        position: dict[str, int] = {}
        current: str | None = standard_id
        while current is not None and current not in self._effective:
            position[current] = len(lineage)
            lineage.append(current)
            loaded = self.standards[current]
            current = loaded.model.extends
            if current in position:
                raise InputError((self._cycle(lineage[position[current] :]),))
            if current is not None and current not in self.standards:
                raise InputError((Diagnostic(loaded.location("extends"), self._unknown_parent(current)),))
        return lineage

    def _cycle(self, members: list[str]) -> Diagnostic:
        """The cycle is reported at the `extends` of its first member on the way down (the
        standard being composed, when it is in the cycle), so linting one file of a cycle
        points into that file."""
        cycle = " -> ".join([*members, members[0]])
        return Diagnostic(
            self.standards[members[0]].location("extends"), _("cycle in `extends`: {cycle}").format(cycle=cycle)
        )

    def _unknown_parent(self, parent: str) -> str:
        """Worded once per parent: every standard down a long chain meets the same one."""
        if parent not in self._unknown_parents:
            known = sorted(self.standards)
            hint = did_you_mean(nearest(parent, known))
            message = _("unknown parent standard `{parent}`{hint} (standards in the search path: {known})").format(
                parent=parent, hint=hint, known=", ".join(known) or _("none")
            )
            self._unknown_parents[parent] = message
        return self._unknown_parents[parent]

    def select(self, unit_type: str, mission: str | None) -> str:
        """The id of the standard for a unit type and mission (an overlay wins); raises ``LookupError``."""
        if mission:
            overlays = [
                s for s in self.standards.values() if mission in s.model.missions and unit_type in s.model.unit_types
            ]
            if len(overlays) == 1:
                return overlays[0].model.id
            if overlays:
                raise LookupError(
                    _("several overlays for unit type `{type}` and mission `{mission}`: {standards}").format(
                        type=unit_type, mission=mission, standards=_ids(overlays)
                    )
                )
        bases = [s for s in self.standards.values() if not s.model.missions and unit_type in s.model.unit_types]
        if len(bases) == 1:
            return bases[0].model.id
        if bases:
            raise LookupError(
                _("several standards apply to unit type `{type}`: {standards}; choose one with --standard").format(
                    type=unit_type, standards=_ids(bases)
                )
            )
        known = sorted({t for s in self.standards.values() for t in s.model.unit_types})
        raise LookupError(
            _("no standard in the search path applies to unit type `{type}`; known unit types: {known}").format(
                type=unit_type, known=", ".join(known) or _("none")
            )
        )

    def overlay_for(self, unit_type: str, mission: str | None) -> str | None:
        if not mission:
            return None
        found = [
            s.model.id
            for s in self.standards.values()
            if mission in s.model.missions and unit_type in s.model.unit_types
        ]
        return found[0] if len(found) == 1 else None


def _found(source: Source, limits: Limits, digest: bytes) -> Found:
    """An MOU as the library keeps it: of one that can be read, only what choosing it needs
    (``IndexedMou``)."""
    from pkcheck.library.mous import BrokenMou, IndexedMou

    return source if isinstance(source, BrokenMou) else IndexedMou.of(source, limits, digest)


def _mou_read_ahead(limits: Limits, path: str) -> Found | None:
    """In a worker process: the MOU at ``path`` as the library keeps it, or None for a file
    that is not an MOU or cannot be read (the library reads it again, and says why)."""
    from pkcheck.library.mous import source_of

    try:
        document, digest = load_digested(path, limits)
        if document.data.get("pkcheck") in OUTPUT_KINDS or document_kind(document) != FileKind.MOU:
            return None
    except InputError:
        return None
    return _found(source_of(document), limits, digest)


def _not_read(_path: str, _error: Diagnostic) -> None:
    """A file whose worker failed: read it again in the library's own process."""


def _ids(standards: Iterable[LoadedStandard]) -> str:
    return ", ".join(sorted(f"`{s.model.id}` ({s.document.path})" for s in standards))


def _maybe_companion(path: str) -> bool:
    """Whether a file's name is that of a companion of translations (``name.fr.yaml``)."""
    return Path(path).stem.rpartition(".")[2] in TRANSLATED_LANGUAGES


def _read_translation(path: str, limits: Limits, translated_id: str) -> LoadedTranslation:
    from pkcheck.library.translations import read

    return read(path, limits, translated_id)


def _standard_files(folder: str) -> list[str]:
    path = Path(folder)
    if not path.is_dir():
        return []
    # Hidden files (editor backups, `.#name.yaml` locks) are skipped, as `lint` and `check` skip them.
    return sorted(
        str(p) for p in path.iterdir() if p.suffix in STANDARD_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


class _Composer:
    """Builds one standard's effective requirements from its parent's, collecting every error."""

    def __init__(self, loaded: LoadedStandard, parent: EffectiveStandard, limits: Limits = DEFAULT_LIMITS) -> None:
        self.loaded = loaded
        self.limits = limits
        self.model = loaded.model
        self.parent = parent
        self.errors: list[Diagnostic] = []
        self.requirements: dict[str, EffectiveRequirement] = {r.requirement.id: r for r in parent.requirements}
        self.parent_ids = frozenset(self.requirements)
        self.own: list[str] = []  # ids this standard defines or changes, in the order met

    def error(self, message: str, *segments: PathSegment) -> None:
        self.errors.append(Diagnostic(self.loaded.location(*segments), message))

    def _parameters(self) -> tuple[dict[str, Fraction], dict[str, Schedule]]:
        """The parent's parameters with this standard's: a number replaces a schedule and a
        schedule a number."""
        parameters, schedules = dict(self.parent.parameters), dict(self.parent.schedules)
        for name, value in self.model.parameters.items():
            schedules.pop(name, None)
            if isinstance(value, ScheduledParameter):
                schedules[name] = tuple(Entry(e.from_, to_fraction(e.value)) for e in value.schedule)
                parameters[name] = schedules[name][-1].value
                self._schedule_order(name, value)
            else:
                parameters[name] = to_fraction(value)
        return parameters, schedules

    def _schedule_order(self, name: str, parameter: ScheduledParameter) -> None:
        for index, (before, entry) in enumerate(zip(parameter.schedule, parameter.schedule[1:], strict=False)):
            if entry.from_ <= before.from_:
                if entry.from_ == before.from_:
                    said = _(
                        "parameter `{name}`: the schedule's entries must be in order of `from`, without repeats; "
                        "{day} repeats {before} of the entry before"
                    )
                else:
                    said = _(
                        "parameter `{name}`: the schedule's entries must be in order of `from`, without repeats; "
                        "{day} comes before {before} of the entry before"
                    )
                self.error(
                    said.format(name=name, day=entry.from_, before=before.from_),
                    *("parameters", name, "schedule", index + 1, "from"),
                )

    def build(self) -> EffectiveStandard:
        parameters, schedules = self._parameters()
        references = {**self.parent.references, **self.model.references}
        # A value this standard sets is its own: the parent's basis was for the parent's value.
        inherited = {k: v for k, v in self.parent.basis.items() if k not in self.model.parameters}
        basis = {**inherited, **self.model.basis}
        tour = self.model.parameters.get("tour_months")
        if isinstance(tour, ScheduledParameter):
            self.error(_("parameter `tour_months` cannot be scheduled"), "parameters", "tour_months")
        elif tour is not None and (to_fraction(tour).denominator != 1 or not 1 <= tour <= 60):
            self.error(
                _("parameter `tour_months` must be a whole number of months from 1 to 60, got {value}").format(
                    value=tour
                ),
                "parameters",
                "tour_months",
            )
        removed = dict(self.parent.removed)
        for requirement_id, reason in self.model.removes.items():
            if self.requirements.pop(requirement_id, None) is None:
                self.error(
                    _("cannot remove `{id}`: {reason}").format(
                        id=requirement_id, reason=self._not_inherited(requirement_id)
                    ),
                    "removes",
                    requirement_id,
                )
            else:
                removed[requirement_id] = (reason, self.model.id)
        for requirement_id, patch in self.model.overrides.items():
            self._override(requirement_id, patch)
        self._add_own()
        effective = EffectiveStandard(
            self.model.id,
            self.model.version,
            self.model.title,
            self.loaded.document.path,
            (*self.parent.chain, self.model.id),
            parameters,
            references,
            tuple(self.requirements.values()),
            removed,
            schedules,
            self.model.effective or self.parent.effective,
            basis,
        )
        # Only what this standard defines or changes: the inherited ones were checked in the parent.
        own = [self.requirements[requirement_id] for requirement_id in self.own]
        self.errors.extend(_reference_errors(self.loaded, effective, own))
        self.errors.extend(basis_errors(self.loaded, effective, own))
        self.errors.extend(_expression_errors(self.loaded, effective, own))
        self.errors.extend(_check_file_errors(own))
        self.errors.extend(window_errors(self.loaded, effective, own))
        self.errors.extend(_unresolved_errors(self.loaded, effective))
        if self.errors:
            raise InputError(tuple(sorted(set(self.errors))))
        return effective

    def _not_inherited(self, requirement_id: str, overriding: bool = False) -> str:
        if overriding and requirement_id in self.model.removes and requirement_id in self.parent_ids:
            return _("this standard removes it (see `removes`)")
        if requirement_id in self.parent.removed:
            return _("`{remover}` removed it, so it is not inherited from `{parent}`").format(
                remover=self.parent.removed[requirement_id][1], parent=self.model.extends
            )
        return _("it is not inherited from `{parent}`").format(parent=self.model.extends)

    def _override(self, requirement_id: str, patch: dict[str, Any]) -> None:
        inherited = self.requirements.get(requirement_id)
        if inherited is None:
            self.error(
                _("cannot override `{id}`: {reason}").format(
                    id=requirement_id, reason=self._not_inherited(requirement_id, overriding=True)
                ),
                "overrides",
                requirement_id,
            )
            return
        original = inherited.requirement
        if "id" in patch and patch["id"] != requirement_id:
            self.error(_("an override cannot change a requirement's `id`"), "overrides", requirement_id, "id")
            return
        new_kinds = (
            set(patch.get("check") or {}) - {original.check.kind} if isinstance(patch.get("check"), dict) else set()
        )
        if new_kinds:
            kinds = ", ".join(sorted(str(k) for k in new_kinds))
            self.error(
                _("an override cannot change the check kind of `{id}` from `{kind}` to `{kinds}`").format(
                    id=requirement_id, kind=original.check.kind, kinds=kinds
                ),
                "overrides",
                requirement_id,
                "check",
            )
            return
        merged = _without_stale_basis(deep_merge(original.model_dump(mode="python", exclude_unset=True), patch), patch)
        try:
            requirement = Requirement.model_validate(merged)
        except ValidationError as exc:
            self.errors.extend(describe_errors(self.loaded.document, Requirement, exc, ("overrides", requirement_id)))
            return
        self._read_check_files(original, requirement, patch)
        requirement = _inherited_translations(original, requirement, patch)
        self.requirements[requirement_id] = EffectiveRequirement(
            requirement,
            inherited.defined_in,
            (*inherited.changed_by, self.model.id),
            self.loaded.location("overrides", requirement_id),
            ("overrides", requirement_id),
        )
        self.own.append(requirement_id)

    def _read_check_files(self, original: Requirement, requirement: Requirement, patch: dict[str, Any]) -> None:
        """A file an override's check names is read relative to this standard's file; one it
        inherits was read with its parent."""
        files = _files(requirement)
        if files is None:
            return
        check = patch.get("check")
        settings = check.get(requirement.check.kind) if isinstance(check, dict) else None
        if files.carry(original.check.settings, requirement.check.settings, settings):
            at = _settings_locator(self.loaded, ("overrides", requirement.id), requirement)
            self.errors.extend(files.read(requirement.check.settings, self.loaded.document.path, self.limits, at))

    def _add_own(self) -> None:
        first_line: dict[str, int] = {}
        for index, requirement in enumerate(self.model.requirements):
            where = self.loaded.location("requirements", index)
            if requirement.id in first_line:
                self.error(
                    _("duplicate requirement id `{id}` (first at line {line})").format(
                        id=requirement.id, line=first_line[requirement.id]
                    ),
                    "requirements",
                    index,
                    "id",
                )
                continue
            first_line[requirement.id] = where.line
            if requirement.id in self.requirements:
                owner = self.requirements[requirement.id].defined_in
                if owner == self.model.extends:
                    said = _(
                        "requirement id `{id}` is already inherited from parent `{parent}`: "
                        "a standard's own requirement ids must be new; change it with `overrides`"
                    )
                else:
                    said = _(
                        "requirement id `{id}` is already inherited from parent `{parent}` (defined in `{owner}`): "
                        "a standard's own requirement ids must be new; change it with `overrides`"
                    )
                message = said.format(id=requirement.id, parent=self.model.extends, owner=owner)
                self.error(message, "requirements", index, "id")
                continue
            self.requirements[requirement.id] = EffectiveRequirement(
                requirement, self.model.id, (), where, ("requirements", index)
            )
            self.own.append(requirement.id)


def _inherited_translations(original: Requirement, requirement: Requirement, patch: dict[str, Any]) -> Requirement:
    """An overridden requirement keeps the translations of the texts its override does not
    change (composing it from its parent's written-out form leaves them behind)."""
    update: dict[str, Any] = {
        name: getattr(original, name)
        for name in ("title", "rationale", "remediation")
        if name not in patch and getattr(original, name) is not None
    }
    given_basis = patch.get("basis")
    given: dict[str, Any] = given_basis if isinstance(given_basis, dict) else {}
    kept = {
        key: original.basis[key]
        for key, basis in requirement.basis.items()
        if key not in given and key in original.basis and original.basis[key] == basis
    }
    if kept:
        update["basis"] = {**requirement.basis, **kept}
    return requirement.model_copy(update=update) if update else requirement


def _unresolved_errors(loaded: LoadedStandard, effective: EffectiveStandard) -> Iterator[Diagnostic]:
    """What a child's companion names that the child neither defines, changes nor inherits."""
    if loaded.translation is None:
        return
    companion, unresolved = loaded.translation
    for requirement_id in unresolved.requirements:
        if effective.get(requirement_id) is None:
            known = sorted(r.requirement.id for r in effective.requirements)
            message = _("unknown requirement id `{id}`{hint}").format(
                id=requirement_id, hint=suggestion(requirement_id, known)
            )
            yield Diagnostic(companion.location("requirements", requirement_id), message)
    for key in unresolved.references:
        if key not in effective.references:
            message = _("unknown reference key `{key}`{hint}").format(
                key=key, hint=suggestion(key, sorted(effective.references))
            )
            yield Diagnostic(companion.location("references", key), message)
    for name in unresolved.basis:
        if name not in effective.basis:
            message = _("no basis of a parameter `{name}` in the standard{hint}").format(
                name=name, hint=suggestion(name, sorted(effective.basis))
            )
            yield Diagnostic(companion.location("basis", name), message)


def deep_merge(base: Any, patch: Any) -> Any:
    """Maps merge key by key; lists and scalars replace."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = deep_merge(base[key], value) if key in base else _plain(value)
        return merged
    return _plain(patch)


def _without_stale_basis(merged: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """An override that changes a threshold drops the basis inherited for it: that basis was for
    the old value. The override gives one of its own in its ``basis``."""
    check, given = patch.get("check"), patch.get("basis")
    changed = (
        {key for settings in check.values() if isinstance(settings, dict) for key in settings}
        if isinstance(check, dict)
        else set()
    )
    kept = given if isinstance(given, dict) else {}
    stale = {key for key in changed if key not in kept}
    if not stale or not isinstance(merged.get("basis"), dict):
        return merged
    return {**merged, "basis": {k: v for k, v in merged["basis"].items() if k not in stale}}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _reference_errors(
    loaded: LoadedStandard, effective: EffectiveStandard, own: list[EffectiveRequirement]
) -> Iterator[Diagnostic]:
    for item in own:
        for index, key in enumerate(item.requirement.references):
            if key not in effective.references:
                known = sorted(effective.references)
                hint = did_you_mean(nearest(key, known))
                where = loaded.location(*item.source, "references", index)
                message = _("`{id}`: unknown reference key `{key}`{hint} (known: {known})").format(
                    id=item.requirement.id, key=key, hint=hint, known=", ".join(known) or _("none")
                )
                yield Diagnostic(where, message)


def basis_errors(
    loaded: LoadedStandard, effective: EffectiveStandard, own: list[EffectiveRequirement]
) -> Iterator[Diagnostic]:
    """A basis names a parameter there is, a threshold the check gives, a reference there is."""
    parameters = sorted(effective.parameters)
    for name, basis in loaded.model.basis.items():
        if name not in effective.parameters:
            message = _("basis for unknown parameter `{name}`").format(name=name) + suggestion(name, parameters)
            yield Diagnostic(loaded.location("basis", name), message)
        yield from _basis_reference_errors(loaded, effective, basis, ("basis", name))
    for item in own:
        where = (*item.source, "basis")
        for key, problem in requirement_basis_problems(item.requirement):
            yield Diagnostic(
                loaded.location(*where, key), _("`{id}`: {problem}").format(id=item.requirement.id, problem=problem)
            )
        for key, basis in item.requirement.basis.items():
            yield from _basis_reference_errors(loaded, effective, basis, (*where, key))


def _basis_reference_errors(
    loaded: LoadedStandard, effective: EffectiveStandard, basis: Basis, where: tuple[PathSegment, ...]
) -> Iterator[Diagnostic]:
    if basis.reference is None or basis.reference in effective.references:
        return
    known = sorted(effective.references)
    hint = did_you_mean(nearest(basis.reference, known))
    message = _("unknown reference key `{key}`{hint} (known: {known})").format(
        key=basis.reference, hint=hint, known=", ".join(known) or _("none")
    )
    yield Diagnostic(loaded.location(*where, "reference"), message)


def _expression_errors(
    loaded: LoadedStandard, effective: EffectiveStandard, own: list[EffectiveRequirement]
) -> Iterator[Diagnostic]:
    for item in own:
        for segments, problem in _problems(item.requirement, effective):
            yield Diagnostic(
                loaded.location(*item.source, *segments),
                _("`{id}`: {problem}").format(id=item.requirement.id, problem=problem),
            )
    if not loaded.model.parameters:
        return
    # An inherited requirement was checked with its parent's parameters; a value this standard
    # gives a parameter can still break it (a divisor set to 0), so check it again here and
    # point at the parameter.
    mine = {item.requirement.id for item in own}  # by id: comparing whole requirements took a tenth of composing
    for item in effective.requirements:
        if item.requirement.id in mine:
            continue
        for segments, problem in _problems(item.requirement, effective):
            where = _parameter_location(loaded, _names_at(item.requirement, segments))
            message = _("`{id}` (inherited from `{parent}`) with this standard's parameters: {problem}").format(
                id=item.requirement.id, parent=item.defined_in, problem=problem
            )
            yield Diagnostic(where, message)


def _problems(requirement: Requirement, effective: EffectiveStandard) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    """The problems of a requirement's thresholds with every set of values the parameters take
    (a schedule's every entry), each once."""
    from pkcheck.library.lintexpr import threshold_problems

    found = dict.fromkeys(
        problem for parameters in effective.parameter_sets() for problem in threshold_problems(requirement, parameters)
    )
    yield from found


def _files(requirement: Requirement) -> KindFiles | None:
    """How the kind of a requirement's check reads the files its settings name, if they can."""
    return checks.get(requirement.check.kind).files


def _settings_locator(loaded: LoadedStandard, where: tuple[PathSegment, ...], requirement: Requirement) -> Locator:
    """Locates a place in the check settings of ``requirement``, which is at ``where`` in the file."""

    def at(*segments: PathSegment) -> Location:
        return loaded.location(*where, "check", requirement.check.kind, *segments)

    return at


def _check_file_errors(own: list[EffectiveRequirement]) -> Iterator[Diagnostic]:
    for item in own:
        files = _files(item.requirement)
        if files is not None:
            yield from files.problems(item.requirement.check.settings)


def _parameter_location(loaded: LoadedStandard, names: Sequence[str]) -> Location:
    """This standard's first parameter (in file order) of ``names``, else its ``parameters`` key."""
    for name in loaded.model.parameters:
        if name in names:
            return loaded.location("parameters", name)
    return loaded.location("parameters")


def _names_at(requirement: Requirement, segments: Sequence[PathSegment]) -> tuple[str, ...]:
    """The names the threshold at ``segments`` of a requirement reads (none when there is no
    expression there)."""
    value: Any = requirement.model_dump(mode="json", exclude_none=True)
    for segment in segments:
        value = value.get(segment) if isinstance(value, dict) else None
    try:
        return parse(value).references if isinstance(value, str) else ()
    except ExpressionError:
        return ()
