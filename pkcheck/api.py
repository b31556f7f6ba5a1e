"""The Python API, for systems that embed pkcheck (a pledge portal, a notebook, a CI script).

It runs the same pipeline as the command line, so the same inputs give the same report and
the same bytes in every format::

    import datetime as dt
    import pkcheck

    report = pkcheck.check(["examples/"], waivers="examples/waivers.yaml", as_of=dt.date(2026, 11, 26))
    for result in report.results:
        print(result.unit["id"], result.verdict)
    markdown = pkcheck.render(report, "markdown")
    code = pkcheck.exit_code(report)          # 0, 1 or 2, as the command line would exit

``pkcheck.api.diff(OLD, NEW, against=[...])`` compares two versions of a standard as
``pkcheck diff`` does (a ``pkcheck.analyses.diff.StandardDiff``; ``pkcheck.formats.diff_json.render`` and
``diff_markdown.render`` give its JSON and Markdown). It is not re-exported from the package,
whose ``pkcheck.analyses.diff`` is the module that computes it. ``pkcheck.api.diff_mous(OLD,
NEW)`` compares two amendments of an MOU (a ``pkcheck.analyses.mou_diff.MouDiff``, rendered by
the same format modules), and ``diff_kind`` tells which of the two a pair of files asks for.

Bad declarations never raise: they become ``invalid`` results carrying located errors, and so
does an unexpected exception while one is checked (an internal error, a bug in pkcheck). What
stops a run raises: ``UsageError`` for a request that cannot be met (an unknown standard, a
missing folder, no declaration files), ``InputError`` (with ``.diagnostics``) for a standard or
waivers file that cannot be read or validated.

Arguments are checked when the function is called, not deep inside a check: a path is a ``str``
or an ``os.PathLike`` (``pathlib.Path``), and where several are taken (``paths``,
``standards_path``, ``against``) a single path is one path, never its characters; ``as_of`` is a
``datetime.date`` (a ``datetime`` counts as its date) or an ISO string ``YYYY-MM-DD``. An argument
of the wrong type raises ``TypeError``, one with an impossible value (a bad date, an unknown
format or ``fail_on``, ``jobs=0``) ``UsageError``; both name the parameter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING, TypeAlias

from pkcheck.diagnostics import Diagnostic, InputError, Level, UsageError, seen_from, working_directory
from pkcheck.engine import Settings, check_files, with_duplicate_ids
from pkcheck.enums import FileKind
from pkcheck.formats import OutputFormat, formatter
from pkcheck.i18n import _, language, ngettext
from pkcheck.library.mou_ids import ANNEX_B, ANNEX_C
from pkcheck.library.standards import EffectiveStandard, Library, search_path
from pkcheck.load.inputs import expand
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.validate import did_you_mean, nearest
from pkcheck.load.yamlio import load
from pkcheck.report import FAIL_ON_CHOICES, Report, Result, StandardInfo
from pkcheck.report import exit_code as _exit_code
from pkcheck.version import __version__

if TYPE_CHECKING:
    from pkcheck.analyses.baseline import Baseline
    from pkcheck.analyses.diff import StandardDiff
    from pkcheck.analyses.mou_diff import MouDiff
    from pkcheck.library.mous import Source
    from pkcheck.library.waivers import LocatedWaiver

FilePath: TypeAlias = "str | os.PathLike[str]"
FilePaths: TypeAlias = "FilePath | Iterable[FilePath]"  # one path, or several


def load_standards(standards_path: FilePaths | None = (), limits: Limits = DEFAULT_LIMITS, jobs: int = 1) -> Library:
    """The standards of the search path: ``standards_path`` folders, then the folders in
    ``PKCHECK_STANDARDS_PATH``, then the shipped standards. ``jobs`` above 1 reads a folder of
    many MOUs in that many processes; the library is the same."""
    standards_path = _paths(standards_path, "standards_path")
    limits = _checked_limits(limits)
    jobs = _positive(jobs, "jobs")
    missing = [folder for folder in standards_path if not os.path.isdir(folder)]
    if missing:
        raise UsageError(_("--standards-path {folder}: no such folder").format(folder=missing[0]))
    library = Library(search_path(list(standards_path)), limits, jobs=jobs)
    if library.errors:
        raise InputError(tuple(library.errors))
    return library


def load_standard(standard: FilePath, standards_path: FilePaths | None = ()) -> EffectiveStandard:
    """One effective standard (composed with its parents), by id or file."""
    standard = _path(standard, "standard")
    library = load_standards(standards_path)
    return library.effective(standard_id(library, standard))


def standard_id(library: Library, standard: FilePath) -> str:
    """The id of a standard named by id or by file (a file is added to ``library``)."""
    if not isinstance(library, Library):
        raise TypeError(f"library must be a pkcheck.library.standards.Library, not {_type(library)}")
    standard = _path(standard, "standard")
    if os.path.isfile(standard) or standard.endswith((".yaml", ".yml", ".json")):
        return library.add_file(standard).model.id
    if standard not in library.standards:
        known = sorted(library.standards)
        hint = did_you_mean(nearest(standard, known))
        raise UsageError(
            _("unknown standard `{standard}`{hint} (standards in the search path: {known})").format(
                standard=standard, hint=hint, known=", ".join(known) or _("none")
            )
        )
    return standard


def _waivers(path: str, limits: Limits) -> tuple[LocatedWaiver, ...]:
    from pkcheck.library.waivers import load_waivers  # loaded for a run that has waivers

    return load_waivers(path, limits)


def _mous(paths: Sequence[str], limits: Limits) -> tuple[Source, ...]:
    from pkcheck.library.mous import load_source  # loaded for a run that has MOUs

    return tuple(load_source(path, limits) for path in paths)


def settings(
    standards_path: FilePaths | None = (),
    standard: FilePath | None = None,
    waivers: FilePath | None = None,
    as_of: dt.date | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    mous: FilePaths | None = (),
    jobs: int = 1,
) -> Settings:
    """Everything a check run needs besides the declarations; ``limits`` bound every file read.
    ``as_of`` None is today. ``mous`` are MOU files (``pkcheck.library.mous``) applied by unit
    id before those of the search path. ``jobs``: see ``load_standards``."""
    standard, waivers = _optional_path(standard, "standard"), _optional_path(waivers, "waivers")
    mous = _paths(mous, "mous")
    day = _day(as_of)
    library = load_standards(standards_path, limits, jobs)
    chosen = standard_id(library, standard) if standard is not None else None
    if chosen is not None:
        library.effective(chosen)
    located: tuple[LocatedWaiver, ...] = _waivers(waivers, limits) if waivers is not None else ()
    given: tuple[Source, ...] = _mous(mous, limits) if mous else ()
    return Settings(library, day, chosen, located, limits, given)


def check(
    paths: FilePaths,
    *,
    standard: FilePath | None = None,
    standards_path: FilePaths | None = (),
    waivers: FilePath | None = None,
    as_of: dt.date | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int], Callable[[str], None]] | None = None,
    jobs: int = 1,
    mous: FilePaths | None = (),
    baseline: FilePath | None = None,
) -> Report:
    """Check declaration files (or folders of them) and return the report; ``limits`` bound
    the size, values, nesting and line length of every file read (``pkcheck.load.yamlio.Limits``).
    ``mous`` are MOU files each unit they cover is verified against, line by line.
    ``progress``, given the number of files, returns a function told each path once checked.
    ``jobs`` above 1 checks the files in that many processes; the report is the same.
    ``baseline`` is an earlier ``report/v1`` JSON (``check --baseline``): each finding of the
    report is then new, unchanged, improved, worsened or closed since it (``report.baseline``),
    and ``exit_code(report, fail_on_new=True)`` gives ``--fail-on-new``'s exit code. A baseline
    that cannot be read raises ``InputError`` before anything is checked."""
    paths = _paths(paths, "paths", required=True)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable or None, not {_type(progress)}")
    jobs = _positive(jobs, "jobs")
    earlier = _earlier(_optional_path(baseline, "baseline"), _checked_limits(limits))
    run = settings(standards_path, standard, waivers, as_of, limits, mous, jobs)
    files = expand(paths)
    if not files:
        raise UsageError(_("no declaration files found in: {paths}").format(paths=" ".join(paths)))
    advance = progress(len(files)) if progress is not None else None
    results = with_duplicate_ids(check_files(files, run, advance, jobs), run.limits)
    report = Report(
        __version__, run.as_of, results, waiver_warnings(run, results), root=working_directory(), lang=language()
    )
    if earlier is None:
        return report
    from pkcheck.analyses.baseline import compared

    return compared(report, earlier)


def _earlier(path: str | None, limits: Limits) -> Baseline | None:
    """The baseline's report, read before anything is checked (as the command line does)."""
    if path is None:
        return None
    from pkcheck.analyses import baseline

    return baseline.load(path, limits)


def waiver_warnings(run: Settings, results: Sequence[Result]) -> tuple[Diagnostic, ...]:
    """Waivers that cannot apply to anything checked, so that a typo never passes silently,
    without a warning for every waiver of a shared file that is meant for other units:

    - a waiver for a unit id that differs from a checked one only in case or punctuation
      (``xb-inf-02`` for ``XB-INF-02``) is warned about at its line, with the id it may mean;
    - waivers for units not checked in this run are named together, once;
    - a waiver for a checked unit (or every unit, ``*``) whose requirement no standard used in
      the run has is warned about at its line. The standards used are the one forced with
      ``--standard`` and those the declarations were checked against, known from the results,
      since with ``--jobs`` they were composed in other processes."""
    if not run.waivers:
        return ()  # and no standard is composed here again, after the workers did
    used_ids = {result.standard.id for result in results if result.standard is not None}
    if run.standard is not None:
        used_ids.add(run.standard)
    used = {item.requirement.id for standard_id in used_ids for item in run.library.effective(standard_id).requirements}
    used |= {finding_id for result in results for finding_id in mou_ids(result)}
    units = sorted({str(result.unit["id"]) for result in results if result.unit is not None and "id" in result.unit})
    by_form = {_id_form(unit): unit for unit in units}
    found: list[Diagnostic] = []
    elsewhere: list[LocatedWaiver] = []
    for w in run.waivers:
        if not w.waiver.covers_any(units):
            meant = by_form.get(_id_form(w.waiver.unit))
            if meant is None:
                elsewhere.append(w)
            else:
                message = _("waiver for unit `{unit}` matches no declaration checked").format(unit=w.waiver.unit)
                message += did_you_mean(meant)
                found.append(Diagnostic(w.location, message, Level.WARNING))
        elif w.waiver.requirement not in used:
            message = _("waiver for `{requirement}` matches no requirement of the standards used").format(
                requirement=w.waiver.requirement
            )
            found.append(Diagnostic(w.location, message, Level.WARNING))
    if elsewhere:
        names = ", ".join(f"`{w.waiver.unit}`" for w in elsewhere)
        message = ngettext(
            "{count} waiver is for units not checked in this run, and not applied: {units}",
            "{count} waivers are for units not checked in this run, and not applied: {units}",
            len(elsewhere),
        ).format(count=len(elsewhere), units=names)
        found.append(Diagnostic(elsewhere[0].location, message, Level.WARNING))
    return tuple(sorted(found, key=lambda d: (d.location.path, d.location.line, d.location.column)))


def mou_ids(result: Result) -> list[str]:
    """The ids of the findings of the MOU a result was verified against: its Annex B lines and
    the Annex C categories the contributor provides."""
    if result.mou is None:
        return []
    lines = [ANNEX_B + line.line for line in result.mou.lines]
    return lines + [
        ANNEX_C + category for category, provider in result.mou.self_sustainment if provider == "contributor"
    ]


def _id_form(unit_id: str) -> str:
    """A unit id without case and punctuation, to tell a mistyped id from another unit's."""
    return "".join(character for character in unit_id.casefold() if character.isalnum())


def diff(
    old: FilePath,
    new: FilePath,
    *,
    standards_path: FilePaths | None = (),
    against: FilePaths | None = (),
    waivers: FilePath | None = None,
    as_of: dt.date | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    upcoming: dt.date | None = None,
) -> StandardDiff:
    """What changed between two versions of a standard (each an id or a file), and with
    ``against``, which of those declarations (files or folders) check differently under them.
    With ``upcoming`` (a day), also what comes into force or lapses in NEW after the as-of date
    up to and including that day (``pkcheck.analyses.upcoming``).

    Each version is loaded into a library of its own, so two files of the same id do not
    shadow each other."""
    from pkcheck.analyses.diff import Side, compare, compare_results, parameter_location, unit_types
    from pkcheck.analyses.samples import declarations_of
    from pkcheck.analyses.upcoming import upcoming as coming

    versions = (_path(old, "old"), _path(new, "new"))
    against = _paths(against, "against")
    runs = [settings(standards_path, version, waivers, as_of, limits) for version in versions]
    files = expand(against)
    if against and not files:
        raise UsageError(_("--against: no declaration files found in: {paths}").format(paths=" ".join(against)))
    old_side, new_side = (Side(run.library.effective(run.standard or ""), run.library.standards) for run in runs)
    # The thresholds whose direction no rule tells are tried on the --against declarations too.
    result = compare(old_side, replace(new_side, declarations=declarations_of(files, limits)), __version__)
    result = replace(result, old=_as_seen(result.old), new=_as_seen(result.new))
    if upcoming is not None:
        if not isinstance(upcoming, dt.date):
            raise TypeError(f"upcoming must be a date, not {_type(upcoming)}")
        soon = coming(new_side.standard, runs[1].as_of, upcoming, lambda name: parameter_location(new_side, name))
        result = replace(result, upcoming=soon)
    if not against:
        return result
    old_results, new_results = (check_files(files, run) for run in runs)
    # A unit of a type neither version is for is not judged by it (`check --standard` warns).
    types = unit_types(old_side, new_side)
    return replace(result, against=compare_results(old_results, new_results, runs[0].as_of.isoformat(), types))


def _as_seen(info: StandardInfo) -> StandardInfo:
    """A standard's file as a user names it (``seen_from``)."""
    return replace(info, path=seen_from(info.path, working_directory()))


def diff_kind(old: FilePath, new: FilePath, limits: Limits = DEFAULT_LIMITS) -> FileKind:
    """What ``pkcheck diff OLD NEW`` compares: two standards (``FileKind.STANDARD``; each an id or
    a file) or two amendments of an MOU (``FileKind.MOU``, both files). Raises ``UsageError`` when
    one is an MOU and the other is not, ``InputError`` when a file cannot be read."""
    names = {"old": _path(old, "old"), "new": _path(new, "new")}
    kinds = {name: _file_kind(path, limits) for name, path in names.items()}
    mous = [name for name, kind in kinds.items() if kind == FileKind.MOU]
    if len(mous) == 1:
        other = "new" if mous[0] == "old" else "old"
        if kinds[other]:
            said = _(
                "{mou} {mou_file} is an MOU (`{mou_kind}`) but {other} {other_file} is a `{kind}` file: "
                "`pkcheck diff` compares two versions of a standard, or two amendments of an MOU"
            )
        else:
            said = _(
                "{mou} {mou_file} is an MOU (`{mou_kind}`) but {other} {other_file} is a standard: "
                "`pkcheck diff` compares two versions of a standard, or two amendments of an MOU"
            )
        raise UsageError(
            said.format(
                mou=mous[0].upper(),
                mou_file=names[mous[0]],
                mou_kind=FileKind.MOU.value,
                other=other.upper(),
                other_file=names[other],
                kind=kinds[other],
            )
        )
    return FileKind.MOU if mous else FileKind.STANDARD


def _file_kind(path: str, limits: Limits) -> str | None:
    """The ``pkcheck:`` kind of a file, or None for a standard's id (not a file)."""
    if not os.path.isfile(path):
        return None
    data = load(path, limits).data
    kind = data.get("pkcheck") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def diff_mous(
    old: FilePath,
    new: FilePath,
    *,
    standards_path: FilePaths | None = (),
    against: FilePaths | None = (),
    waivers: FilePath | None = None,
    as_of: dt.date | str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> MouDiff:
    """What changed between two amendments of one MOU (files of ``pkcheck: mou/v1`` and the same
    ``id``; another id is a ``UsageError``), and with ``against``, which of those declarations of
    the units they cover check differently under each (each amendment applied as if in effect,
    and no other MOU); declarations of other units are named as not covered."""
    from pkcheck.analyses.mou_diff import compare, covered_results
    from pkcheck.library.mous import read_mou

    limits = _checked_limits(limits)
    olds, news = (read_mou(load(_path(path, name), limits)) for path, name in ((old, "old"), (new, "new")))
    if olds.model.id != news.model.id:
        raise UsageError(
            _(
                "OLD {old} is MOU `{old_id}` but NEW {new} is MOU `{new_id}`: "
                "`pkcheck diff` compares two amendments of one MOU (files of the same `id`)"
            ).format(old=olds.path, old_id=olds.model.id, new=news.path, new_id=news.model.id)
        )
    against = _paths(against, "against")
    run = settings(standards_path, None, waivers, as_of, limits)
    files = expand(against)
    if against and not files:
        raise UsageError(_("--against: no declaration files found in: {paths}").format(paths=" ".join(against)))
    result = compare(olds, news, __version__)
    if not against:
        return result
    old_results, new_results = (
        check_files(files, replace(run, mous=(mou,), given_mou_only=True)) for mou in (olds, news)
    )
    changes, not_covered = covered_results(result, old_results, new_results, run.as_of.isoformat())
    return replace(result, against=changes, not_covered=not_covered)


def render(report: Report, output_format: str = "text", *, verbose: bool = False, width: int = 100) -> str:
    """The report in one format (text, json, sarif, junit, markdown, github, html), as a string."""
    _report(report)
    chosen = _choice(output_format, [f.value for f in OutputFormat], "output_format")
    if not isinstance(verbose, bool):
        raise TypeError(f"verbose must be a bool, not {_type(verbose)}")
    return formatter(OutputFormat(chosen), verbose=verbose, width=_positive(width, "width"))(report)


def exit_code(report: Report, fail_on: str = "major", *, fail_on_new: bool = False) -> int:
    """The command line's exit code for this report: 0, 1 (a gap at or above ``fail_on``) or 2.
    ``fail_on_new`` is ``--fail-on-new``: 1 only for a new or worsened gap at or above ``fail_on``
    since the baseline the report was checked against (``check(baseline=...)``)."""
    _report(report)
    chosen = _choice(fail_on, FAIL_ON_CHOICES, "fail_on")
    if not isinstance(fail_on_new, bool):
        raise TypeError(f"fail_on_new must be a bool, not {_type(fail_on_new)}")
    if not fail_on_new:
        return _exit_code(report, chosen)
    if report.baseline is None:
        raise UsageError(_("--fail-on-new needs --baseline FILE: new findings are new since a baseline"))
    from pkcheck.analyses.baseline import gated_exit_code

    return gated_exit_code(report, chosen, fail_on_new)


# The checks of arguments (see the module docstring).


def _type(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _path(value: object, name: str) -> str:
    """One path, as a string: a ``str`` or an ``os.PathLike`` of one, never empty."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else value
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a path (a str or an os.PathLike such as pathlib.Path), not {_type(value)}")
    if not text:
        raise UsageError(_("{name} is empty").format(name=name))
    return text


def _optional_path(value: object, name: str) -> str | None:
    return None if value is None else _path(value, name)


def _paths(value: object, name: str, required: bool = False) -> list[str]:
    """Paths: one path (never taken as its characters), or an iterable of them in a defined
    order (not a set, whose order would change the report's from run to run); None is none
    where they are optional."""
    if value is None and not required:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [_path(value, name)]
    if isinstance(value, (bytes, bytearray, Mapping, AbstractSet)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a path or a list of paths, not {_type(value)}")
    return [_path(item, f"{name}[{index}]") for index, item in enumerate(value)]


def _day(value: object) -> dt.date:
    """``as_of``: a date (a datetime's date), an ISO date string, or None for today."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"as_of must be a datetime.date or a date string YYYY-MM-DD, not {_type(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("as_of {value} is not a date YYYY-MM-DD").format(value=repr(value))) from None


def _positive(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {_type(value)}")
    if value < 1:
        raise UsageError(_("{name} must be a positive whole number, not {value}").format(name=name, value=value))
    return value


def _checked_limits(limits: object) -> Limits:
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a pkcheck.load.limits.Limits, not {_type(limits)}")
    for field in dataclasses.fields(Limits):
        _positive(getattr(limits, field.name), f"limits.{field.name}")
    return limits


def _choice(value: object, choices: Sequence[str], name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {_type(value)}")
    if value not in choices:
        raise UsageError(
            _("unknown {name} `{value}`; choose one of: {choices}").format(
                name=name, value=value, choices=", ".join(choices)
            )
        )
    return value


def _report(report: object) -> None:
    if not isinstance(report, Report):
        raise TypeError(f"report must be a pkcheck.report.Report, not {_type(report)}")
