"""Check declarations against standards: the pipeline from a file path to a ``Result``.

load (yamlio) -> validate (models) -> choose the standard -> run each requirement's check ->
findings -> waivers -> verdict. Pure apart from reading the input file; never prints.

Whatever happens while one file is read or checked stays with that file: bad input is an
``invalid`` result with located errors, and so is an unexpected exception (a bug in pkcheck,
``diagnostics.internal_error``), so that every other file of a batch is still checked.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pkcheck import checks
from pkcheck.checks.base import Context, DeclaredValueError, Outcome
from pkcheck.diagnostics import Diagnostic, InputError, Level, Location, internal_error
from pkcheck.enums import FileKind
from pkcheck.expressions import ExpressionError
from pkcheck.i18n import DEFAULT, _, day, language, number
from pkcheck.library.basis import threshold_bases
from pkcheck.library.lintcodes import Places, declaration_uses, unknown_places, unknown_warnings
from pkcheck.library.lintdates import parameters_read
from pkcheck.library.lintstaff import staff_warnings
from pkcheck.library.schedules import applied_text, entry_on, in_window
from pkcheck.library.standards import EffectiveRequirement, EffectiveStandard, Library
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import locate
from pkcheck.load.validate import unit_identity, validate
from pkcheck.load.yamlio import Document, load
from pkcheck.localized import localized
from pkcheck.messages import TEMPLATES, fill, joined
from pkcheck.models.declaration import Declaration
from pkcheck.models.standard import Requirement
from pkcheck.report import (
    AppliedEntry,
    AppliedMou,
    BasisInfo,
    Finding,
    ReferenceInfo,
    Result,
    SharedValues,
    Status,
    Verdict,
    verdict_of,
)
from pkcheck.terms.vocabulary import EMPTY, Codes
from pkcheck.titles import codes_used, coe_categories, titled_values, titles

if TYPE_CHECKING:
    # Loaded only for a unit with an MOU, or a run with waivers: most checks have neither.
    from pkcheck.library.mous import LoadedMou, Source
    from pkcheck.library.waivers import LocatedWaiver


@dataclass(frozen=True)
class Settings:
    """What a run needs besides the declaration files; never changed by checking."""

    library: Library
    as_of: dt.date
    standard: str | None = None  # a forced standard id (``--standard``)
    waivers: tuple[LocatedWaiver, ...] = ()
    limits: Limits = DEFAULT_LIMITS
    mous: tuple[Source, ...] = ()  # the MOUs given with ``--mou``; the library has those of the search path
    # ``pkcheck diff`` of two amendments: only the MOU given applies, whatever its effective day,
    # so that each amendment is verified as if it were the one in effect.
    given_mou_only: bool = False


class RunCache:
    """What checking works out once and then reuses, for one run: the parts of each
    requirement's findings that do not depend on the declaration, by (standard, requirement).

    Made by whoever starts a run (``check_files`` makes one per call; a single ``check_file``
    makes its own when given none) and passed along; each worker process of ``pkcheck.parallel``
    has its own (``worker_check``), so nothing a worker works out is shared with another, or
    sent back but with the results that hold it.

    ``shared`` keeps each of those parts once, by value (and the values an MOU's findings
    hold alike), and the results packed in the run (``check_and_pack``) name them there
    instead of holding copies: a portfolio's thousand units hold one copy of each
    requirement's texts, references and basis. A result a worker sends back carries the
    values it names (``pkcheck.report.SharedValues``)."""

    def __init__(self) -> None:
        self._shared: dict[tuple[str, str], SharedParts] = {}
        self._codes: dict[str, frozenset[tuple[str, str]]] = {}
        self._check_codes: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self.shared = SharedValues()

    def standard_codes(self, library: Library, standard: EffectiveStandard) -> frozenset[tuple[str, str]]:
        """The (section, code) of every code the standard uses (``standard_codes``)."""
        found = self._codes.get(standard.id)
        if found is None:
            found = self._codes[standard.id] = standard_codes(library, standard)
        return found

    def check_codes(self, item: EffectiveRequirement, standard: EffectiveStandard) -> tuple[tuple[str, str], ...]:
        """The (section, code) of every code the requirement's check uses (``codes_used``): an
        MOU's self-sustainment categories are matched against them for every unit verified."""
        key = (standard.id, item.requirement.id)
        found = self._check_codes.get(key)
        if found is None:
            found = self._check_codes[key] = tuple(codes_used(item.requirement.check))
        return found

    def shared_parts(self, item: EffectiveRequirement, standard: EffectiveStandard, vocabulary: Codes) -> SharedParts:
        key = (standard.id, item.requirement.id)
        parts = self._shared.get(key)
        if parts is None:
            parts = self._shared[key] = self.kept(shared_parts(item, standard, vocabulary))
        return parts

    def kept(self, parts: SharedParts) -> SharedParts:
        """The parts with each value kept in ``shared`` (an equal one another requirement has
        is the same object)."""
        keep = self.shared.keep
        return SharedParts(
            keep(parts.references),
            keep(parts.titles),
            keep(parts.coe_categories),
            parts.scheduled,
            tuple(keep(basis) for basis in parts.basis),
            *(None if text is None else keep(text) for text in (parts.title, parts.remediation, parts.rationale)),
        )


def standard_codes(library: Library, standard: EffectiveStandard) -> frozenset[tuple[str, str]]:
    """The (section, code) of every code the standard uses (the unit types and missions down
    its chain, and the codes of its requirements): known to a declaration checked against it,
    whatever the vocabularies say."""
    models = [library.standards[name].model for name in standard.chain if name in library.standards]
    scope = {
        (section, code)
        for model in models
        for section in ("unit_types", "missions")
        for code in getattr(model, section)
    }
    uses = {use for item in standard.requirements for use in codes_used(item.requirement.check)}
    return frozenset(scope | uses)


@dataclass(frozen=True, slots=True)
class SharedParts:
    """The parts of a requirement's finding that do not depend on the declaration. Built once
    per run and shared by every finding, which keeps a large portfolio's report small."""

    references: tuple[ReferenceInfo, ...]
    titles: Mapping[str, str]
    coe_categories: Mapping[str, str]
    scheduled: tuple[str, ...] = ()  # the scheduled parameters its check reads
    basis: tuple[BasisInfo, ...] = ()
    title: str | None = None  # the requirement's, as its findings give them
    remediation: str | None = None
    rationale: str | None = None


def shared_parts(item: EffectiveRequirement, standard: EffectiveStandard, vocabulary: Codes) -> SharedParts:
    requirement = item.requirement
    references = tuple(
        ReferenceInfo(key, localized(standard.references[key].title), standard.references[key].url)
        for key in requirement.references
        if key in standard.references
    )
    basis = threshold_bases(requirement, standard.parameters, standard.basis)
    scheduled = parameters_read(requirement, standard.schedules) if standard.schedules else ()
    return SharedParts(
        references,
        titles(requirement.check, vocabulary),
        coe_categories(requirement.check, vocabulary),
        scheduled,
        basis,
        localized(requirement.title),
        localized(requirement.remediation),
        localized(requirement.rationale),
    )


def check_file(path: str, settings: Settings, cache: RunCache | None = None) -> Result:
    """One declaration file to one result; bad input becomes an ``invalid`` result, never an
    exception, and so does an unexpected one (see the module docstring). ``cache`` is the
    run's, when the file is one of several."""
    try:
        return _check_file(path, settings, cache or RunCache())
    except InputError as exc:  # bad input found late: still the file's located errors
        return Result(path, None, None, Verdict.INVALID, errors=exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - one file's bug must not cost the batch its other results
        return internal_error_result(path, exc)


def internal_error_result(path: str, exc: Exception) -> Result:
    """The result of a file that an unexpected exception (a bug in pkcheck) stopped checking."""
    return invalid_result(path, internal_error(exc, Location(path)))


def invalid_result(path: str, error: Diagnostic) -> Result:
    """The result of a file that could not be checked, for the one reason ``error`` gives."""
    return Result(path, None, None, Verdict.INVALID, errors=(error,))


class _RequirementFailed(Exception):
    """An unexpected exception in one requirement's check, as the internal error it is reported
    as: located where in the declaration that check looks, the best position known."""

    def __init__(self, error: Diagnostic) -> None:
        super().__init__(error.message)
        self.error = error


def _check_file(path: str, settings: Settings, cache: RunCache) -> Result:
    try:
        document = load(path, settings.limits)
    except InputError as exc:
        return Result(path, None, None, Verdict.INVALID, errors=exc.diagnostics)
    vocabulary = settings.library.codes
    try:
        declaration = validate(document, Declaration, FileKind.DECLARATION)
    except InputError as exc:
        # The unit's identity, where it can be read, keeps the file among its country's units.
        known = unit_identity(document)
        titles_known = _unit_titles(known, vocabulary) if known else {}
        return Result(
            path,
            known,
            None,
            Verdict.INVALID,
            warnings=document.warnings,
            errors=exc.diagnostics,
            unit_titles=titles_known,
        )
    unit = declaration.unit.model_dump(mode="json", exclude_none=True)
    unit_titles = _unit_titles(unit, vocabulary)
    # Values YAML 1.1 would read differently and unknown codes are warned about, and the
    # declaration is still checked. A code the standard itself uses is known to it.
    try:
        standard, warnings = choose_standard(document, declaration, settings)
    except InputError as exc:
        places = unknown_places(document.path, document.data, declaration_uses(document.data), vocabulary)
        return Result(
            path,
            unit,
            None,
            Verdict.INVALID,
            warnings=_document_warnings(document, declaration, places, vocabulary),
            errors=exc.diagnostics,
            unit_titles=unit_titles,
            unknown_codes=tuple(places),
        )
    places = unknown_places(
        document.path,
        document.data,
        declaration_uses(document.data),
        vocabulary,
        cache.standard_codes(settings.library, standard),
    )
    unknown = _document_warnings(document, declaration, places, vocabulary)
    try:
        mou, mou_warnings = choose_mou(document, declaration, settings)
        findings, waiver_warnings, applied = check_declaration(document, declaration, standard, settings, cache, mou)
    except InputError as exc:  # a value a check found it cannot use, or the MOU that applies; located
        errors = exc.diagnostics
    except _RequirementFailed as failed:
        errors = (failed.error,)
    else:
        return Result(
            path,
            unit,
            standard.info(),
            verdict_of(findings),
            findings,
            unknown + warnings + mou_warnings + waiver_warnings,
            unit_titles=unit_titles,
            unknown_codes=tuple(places),
            personnel=_strength(declaration),
            mou=applied,
            languages=dict(declaration.personnel.languages or {}) if declaration.personnel else {},
        )
    return Result(
        path,
        unit,
        None,
        Verdict.INVALID,
        warnings=unknown + warnings,
        errors=errors,
        unit_titles=unit_titles,
        unknown_codes=tuple(places),
    )


def _strength(declaration: Declaration) -> dict[str, int]:
    """The declared `total` and `women`, those given."""
    personnel = declaration.personnel
    if personnel is None:
        return {}
    return {key: value for key, value in (("total", personnel.total), ("women", personnel.women)) if value is not None}


def _document_warnings(
    document: Document, declaration: Declaration, places: Places, vocabulary: Codes
) -> tuple[Diagnostic, ...]:
    """The loader's warnings, a warning per unknown code, in file order, and a warning per
    medical role counted differently in ``personnel.roles`` (``pkcheck.library.lintstaff``)."""
    staff = staff_warnings(document.path, document.data, declaration)
    return document.warnings + tuple(unknown_warnings(vocabulary, places)) + tuple(staff)


def _unit_titles(unit: Mapping[str, Any], vocabulary: Codes) -> dict[str, str]:
    """The titles of the unit's type and mission codes, where a vocabulary has them."""
    found = {"type": vocabulary.title("unit_types", unit["type"])}
    if "mission" in unit:
        found["mission"] = vocabulary.title("missions", unit["mission"])
    return {key: title for key, title in found.items() if title is not None}


def choose_standard(
    document: Document, declaration: Declaration, settings: Settings
) -> tuple[EffectiveStandard, tuple[Diagnostic, ...]]:
    library, unit = settings.library, declaration.unit
    warnings: tuple[Diagnostic, ...] = ()
    if settings.standard is not None:
        standard_id = settings.standard
        overlay = library.overlay_for(unit.type, unit.mission)
        if overlay and overlay != standard_id:
            where = locate(document.path, document.data, ("unit", "mission"))
            message = _(
                "mission `{mission}` would select the overlay `{overlay}`; checking against `{standard}` as asked"
            ).format(mission=unit.mission, overlay=overlay, standard=standard_id)
            warnings = (Diagnostic(where, message, Level.WARNING),)
        forced = library.standards.get(standard_id)
        types = forced.model.unit_types if forced is not None else []
        if types and unit.type not in types:
            # A standard for another kind of unit judges this one by the wrong requirements.
            where = locate(document.path, document.data, ("unit", "type"))
            listed = joined([f"`{t}`" for t in types])
            message = _("`{standard}` is a standard for {types}, not `{type}`; checking against it as asked").format(
                standard=standard_id, types=listed, type=unit.type
            )
            warnings += (Diagnostic(where, message, Level.WARNING),)
    else:
        try:
            standard_id = library.select(unit.type, unit.mission)
        except LookupError as exc:
            raise InputError((Diagnostic(locate(document.path, document.data, ("unit", "type")), str(exc)),)) from None
    return library.effective(standard_id), warnings


def choose_mou(
    document: Document, declaration: Declaration, settings: Settings
) -> tuple[LoadedMou | None, tuple[Diagnostic, ...]]:
    """The MOU that applies to the unit (``pkcheck.library.mous.choose``) and the warnings about
    it: the choice's, and its codes no vocabulary knows; raises ``InputError``."""
    unit = declaration.unit
    found = () if settings.given_mou_only else settings.library.mous_covering(unit.id)
    if not settings.mous and not found:
        return None, ()
    from pkcheck.library.mous import choose, code_warnings

    where = locate(document.path, document.data, ("unit", "id"))
    if settings.given_mou_only:
        choice = choose(settings.mous, (), unit.id, dt.date.max, where)
    else:
        choice = choose(settings.mous, found, unit.id, unit.deployment_date or settings.as_of, where)
    if choice.mou is None:
        return None, choice.warnings
    mission = choice.mou.model.mission
    warnings = list(choice.warnings)
    if mission is not None and unit.mission is not None and mission != unit.mission:
        message = _(
            "MOU `{mou}` is for mission `{mission}` ({where}), but the unit's mission is `{unit_mission}`; "
            "verified against it as it covers unit `{unit}`"
        ).format(
            mou=choice.mou.model.id,
            mission=mission,
            where=choice.mou.location("mission"),
            unit_mission=unit.mission,
            unit=unit.id,
        )
        warnings.append(Diagnostic(locate(document.path, document.data, ("unit", "mission")), message, Level.WARNING))
    return choice.mou, (*warnings, *code_warnings(choice.mou, settings.library.codes))


def check_declaration(
    document: Document,
    declaration: Declaration,
    standard: EffectiveStandard,
    settings: Settings,
    cache: RunCache | None = None,
    mou: LoadedMou | None = None,
) -> tuple[tuple[Finding, ...], tuple[Diagnostic, ...], AppliedMou | None]:
    """Every requirement's finding, then with an MOU every finding of its lines, waivers
    applied; warnings about waivers that cannot apply and leases that differ from the MOU's;
    and the MOU as verified (``pkcheck.library.verification``)."""
    context = context_for(document, declaration, standard, settings.as_of)
    cache = cache or RunCache()
    findings: list[Finding] = []
    warnings: list[Diagnostic] = []
    verification = None
    if mou is not None:
        from pkcheck.library import verification as mou_lines

        verification = mou_lines.verify(
            mou, declaration, document, standard, context.parameters, settings.library.codes, cache.shared.keep
        )
        warnings.extend(verification.warnings)
    for item in standard.requirements:
        shared = cache.shared_parts(item, standard, settings.library.codes)
        try:
            finding = evaluate_requirement(item, standard, context, document, settings.library.codes, shared)
        except InputError:
            raise
        except Exception as exc:  # reported by check_file as this file's internal error
            check = item.requirement.check
            where = locate(document.path, document.data, checks.get(check.kind).section(check.settings))
            raise _RequirementFailed(
                internal_error(exc, where, _("requirement {id}").format(id=item.requirement.id))
            ) from exc
        if mou is not None:  # a requirement only for categories the MOU gives to the UN
            categories = mou_lines.un_provided(mou, cache.check_codes(item, standard))
            if categories and finding.status is not Status.NOT_APPLICABLE:
                finding = mou_lines.not_applicable(finding, mou, categories)
        findings.append(_waived(finding, item.requirement.waivable, declaration, settings, warnings))
    if verification is None:
        return tuple(findings), tuple(warnings), None
    findings.extend(_waived(finding, True, declaration, settings, warnings) for finding in verification.findings)
    return tuple(findings), tuple(warnings), mou_lines.with_statuses(verification.applied, findings)


def _waived(
    finding: Finding, waivable: bool, declaration: Declaration, settings: Settings, warnings: list[Diagnostic]
) -> Finding:
    """The finding with the waiver that matches it applied; a waiver of a requirement that is
    not waivable is ignored, with a warning added to ``warnings``."""
    if not settings.waivers:
        return finding
    from pkcheck.library.waivers import apply_waiver, find_waiver

    waiver = find_waiver(settings.waivers, finding.requirement, declaration.unit.id, settings.as_of)
    if waiver is not None and not waivable:
        message = _("`{requirement}` is not waivable; the waiver at {where} is ignored").format(
            requirement=finding.requirement, where=waiver.location
        )
        warnings.append(Diagnostic(waiver.location, message, Level.WARNING))
        return finding
    return apply_waiver(finding, waiver, settings.as_of) if waiver is not None else finding


def context_for(document: Document, declaration: Declaration, standard: EffectiveStandard, as_of: dt.date) -> Context:
    """What every check of the declaration against the standard sees: the parameters as they
    are on the declaration's reference date (a schedule's entry then)."""
    tour_months = int(standard.parameters.get("tour_months", 12))
    day = declaration.unit.deployment_date or as_of
    parameters, unset = standard.parameters_on(day) if standard.schedules else (standard.parameters, {})
    return Context(declaration, document.data, as_of, parameters, tour_months, unset)


def outcome_of(item: EffectiveRequirement, context: Context) -> Outcome:
    """The requirement's check of the declaration: a threshold that cannot be computed makes it
    no-evidence, located at the declared value when that is what is at fault."""
    check = item.requirement.check
    try:
        return checks.get(check.kind).check(check.settings, context)
    except ExpressionError as exc:
        values = {"error": _("{error} (threshold defined at {where})").format(error=exc.message, where=item.location)}
        evidence = exc.evidence if isinstance(exc, DeclaredValueError) else ()
        return Outcome(Status.NO_EVIDENCE, "threshold.error", values, evidence)


def evaluate_requirement(
    item: EffectiveRequirement,
    standard: EffectiveStandard,
    context: Context,
    document: Document,
    vocabulary: Codes = EMPTY,
    shared: SharedParts | None = None,
) -> Finding:
    """One requirement's finding; ``vocabulary`` gives the codes in its message their titles."""
    requirement = item.requirement
    shared = shared or shared_parts(item, standard, vocabulary)
    day = context.reference_date
    start, until = requirement.effective_from, requirement.effective_until
    if not in_window(start, until, day):
        outcome = outside_window(requirement, context)
        message = fill(_(TEMPLATES[outcome.message_id]), outcome.values)
    else:
        outcome = outcome_of(item, context)
        message = fill(
            _(checks.template(outcome.message_id)),
            titled_values(requirement.check, outcome.values, outcome.gaps, vocabulary),
        )
    scheduled = scheduled_entries(shared.scheduled, standard, day)
    if scheduled:
        message = fill(
            _(TEMPLATES["schedule.applied"]),
            {"message": message, "entries": "; ".join(_applied(entry) for entry in scheduled)},
        )
    return Finding(
        requirement=requirement.id,
        title=localized(requirement.title) if shared.title is None else shared.title,
        category=requirement.category,
        severity=requirement.severity,
        status=outcome.status,
        message_id=outcome.message_id,
        values=dict(outcome.values),
        message=message,
        gaps=outcome.gaps,
        location=locate(document.path, document.data, outcome.evidence),
        check_kind=requirement.check.kind,
        references=shared.references,
        remediation=shared.remediation,
        rationale=shared.rationale,
        titles=shared.titles,
        coe_categories=shared.coe_categories,
        effective_from=start,
        effective_until=until,
        scheduled=scheduled,
        basis=shared.basis,
    )


def _applied(entry: AppliedEntry) -> str:
    """Which entry of a scheduled parameter applied, in a message: ``women_target 0.09 from
    2022-01-01`` (as ``applied_text`` writes it for the machine formats), ``0,09`` and the date
    in full in French."""
    if language() == DEFAULT:
        return applied_text(entry.parameter, entry)
    value = number(float(entry.value))
    return _("{parameter} {value} from {day}").format(parameter=entry.parameter, value=value, day=day(entry.start))


def outside_window(requirement: Requirement, context: Context) -> Outcome:
    """The outcome of a requirement that does not apply on the reference date: not yet, or no
    longer. Located at the deployment date, which decided it, when declared."""
    start, until = requirement.effective_from, requirement.effective_until
    evidence = ("unit", "deployment_date") if context.declaration.unit.deployment_date else ()
    if start is not None and context.reference_date < start:
        return Outcome(Status.NOT_APPLICABLE, "window.not_yet", {"effective_from": start.isoformat()}, evidence)
    return Outcome(Status.NOT_APPLICABLE, "window.ended", {"effective_until": str(until)}, evidence)


def scheduled_entries(names: tuple[str, ...], standard: EffectiveStandard, day: dt.date) -> tuple[AppliedEntry, ...]:
    """Which entry of each scheduled parameter of ``names`` applied on ``day``
    (``women_target 0.09 from 2022-01-01``); none for a parameter without one then."""
    found = []
    for name in names:
        entry = entry_on(standard.schedules[name], day)
        if entry is not None:
            found.append(AppliedEntry(name, entry.value, entry.start))
    return tuple(found)


def check_files(
    paths: Sequence[str], settings: Settings, progress: Callable[[str], None] | None = None, jobs: int = 1
) -> tuple[Result, ...]:
    """Every file's result, in order; ``progress`` is told each path once it is checked.
    With ``jobs`` above 1, files are checked in that many processes (``pkcheck.parallel``);
    only the results are kept, never the parsed files."""
    jobs = min(jobs, len(paths))
    if jobs > 1:
        from pkcheck import parallel

    cache = RunCache()
    if jobs > 1 and parallel.can_fork():
        checked: Iterable[Result] = parallel.run_in_workers(paths, worker_check(settings), invalid_result, jobs)
    elif len(paths) > 1:
        checked = (check_and_pack(path, settings, cache) for path in paths)
    else:
        checked = (check_file(path, settings, cache) for path in paths)
    results = []
    for path, result in zip(paths, checked, strict=True):
        results.append(result)
        if progress is not None:
            progress(path)
    return tuple(results)


def check_and_pack(path: str, settings: Settings, cache: RunCache) -> Result:
    """``check_file``, with the findings packed: a batch keeps every result, and packed
    findings take a tenth of the memory (and are sent between processes as they are)."""
    result = check_file(path, settings, cache)
    try:
        return result.packed(cache.shared)
    except Exception as exc:  # noqa: BLE001 - as in check_file
        return internal_error_result(path, exc)


def worker_check(
    settings: Settings, check: Callable[[str, Settings, RunCache], Result] = check_and_pack
) -> Callable[[], Callable[[str], Result]]:
    """What makes a worker process's check of its files (``pkcheck.parallel``): ``check``
    (``check_and_pack``) with the run's settings and a ``RunCache`` of the worker's own, so that
    nothing a worker works out is shared with another, or sent back but with the results that
    hold it."""

    def start() -> Callable[[str], Result]:
        return _WorkerJob(settings, check)

    return start


class _WorkerJob:
    """A worker process's check of its files, with the worker's own ``RunCache``. Its results
    go to the process that started the worker, which reads them all, in order (``dumps``): each
    value they share (``SharedValues``) is sent with the first result that names it, not with
    every one (a result carried 50 KB of them, sent again for each of a thousand units)."""

    def __init__(self, settings: Settings, check: Callable[[str, Settings, RunCache], Result]) -> None:
        self.settings, self.check, self.cache = settings, check, RunCache()

    def __call__(self, path: str) -> Result:
        return self.check(path, self.settings, self.cache)

    def dumps(self, result: Result) -> bytes:
        with self.cache.shared.delivering():
            return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def with_duplicate_ids(results: Sequence[Result], limits: Limits = DEFAULT_LIMITS) -> tuple[Result, ...]:
    """The results, each of a file whose unit id another file of the run declares too warned
    about it at its ``unit.id``, naming the others: reports tell units apart by their id."""
    paths_of: dict[str, list[str]] = {}
    for result in results:
        if result.unit is not None and "id" in result.unit:
            paths_of.setdefault(str(result.unit["id"]), []).append(result.path)
    return tuple(_warned_of_duplicate(result, paths_of, limits) for result in results)


def _warned_of_duplicate(result: Result, paths_of: Mapping[str, list[str]], limits: Limits) -> Result:
    if result.unit is None or "id" not in result.unit:
        return result
    unit_id = str(result.unit["id"])
    others = [path for path in paths_of[unit_id] if path != result.path]
    if not others:
        return result
    message = _("unit id `{unit}` is also declared by {files}").format(unit=unit_id, files=", ".join(others))
    warning = Diagnostic(_unit_id_location(result.path, limits), message, Level.WARNING)
    return replace(result, warnings=(*result.warnings, warning))


def _unit_id_location(path: str, limits: Limits) -> Location:
    """Where a checked file declares its unit id (read again: results keep no parsed file)."""
    try:
        document = load(path, limits)
    except InputError:  # changed since it was checked
        return Location(path)
    return locate(document.path, document.data, ("unit", "id"))
