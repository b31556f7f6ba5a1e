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
``pkcheck diff`` does (a ``pkcheck.diff.StandardDiff``; ``pkcheck.formats.diff_json.render`` and
``diff_markdown.render`` give its JSON and Markdown). It is not re-exported from the package,
whose ``pkcheck.diff`` is the module that computes it.

Bad declarations never raise: they become ``invalid`` results carrying located errors. What
stops a run raises: ``UsageError`` for a request that cannot be met (an unknown standard, a
missing folder, no declaration files), ``InputError`` (with ``.diagnostics``) for a standard or
waivers file that cannot be read or validated.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pkcheck import __version__
from pkcheck.diagnostics import Diagnostic, InputError, Level, UsageError
from pkcheck.engine import Settings, check_files
from pkcheck.formats import OutputFormat, formatter
from pkcheck.inputs import expand
from pkcheck.limits import DEFAULT_LIMITS, Limits
from pkcheck.report import Report, Result
from pkcheck.report import exit_code as _exit_code
from pkcheck.standards import EffectiveStandard, Library, search_path
from pkcheck.waivers import LocatedWaiver, load_waivers

if TYPE_CHECKING:
    from pkcheck.diff import StandardDiff


def load_standards(standards_path: Sequence[str] = (), limits: Limits = DEFAULT_LIMITS) -> Library:
    """The standards of the search path: ``standards_path`` folders, then the folders in
    ``PKCHECK_STANDARDS_PATH``, then the shipped standards."""
    missing = [folder for folder in standards_path if not os.path.isdir(folder)]
    if missing:
        raise UsageError(f"--standards-path {missing[0]}: no such folder")
    library = Library(search_path(list(standards_path)), limits)
    if library.errors:
        raise InputError(tuple(library.errors))
    return library


def load_standard(standard: str, standards_path: Sequence[str] = ()) -> EffectiveStandard:
    """One effective standard (composed with its parents), by id or file."""
    library = load_standards(standards_path)
    return library.effective(standard_id(library, standard))


def standard_id(library: Library, standard: str) -> str:
    """The id of a standard named by id or by file (a file is added to ``library``)."""
    if os.path.isfile(standard) or standard.endswith((".yaml", ".yml", ".json")):
        return library.add_file(standard).model.id
    if standard not in library.standards:
        known = ", ".join(sorted(library.standards)) or "none"
        raise UsageError(f"unknown standard `{standard}`; standards in the search path: {known}")
    return standard


def settings(
    standards_path: Sequence[str] = (),
    standard: str | None = None,
    waivers: str | None = None,
    as_of: dt.date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Settings:
    """Everything a check run needs besides the declarations; ``limits`` bound every file read."""
    library = load_standards(standards_path, limits)
    chosen = standard_id(library, standard) if standard else None
    if chosen is not None:
        library.effective(chosen)
    located: tuple[LocatedWaiver, ...] = load_waivers(waivers, limits) if waivers else ()
    return Settings(library, as_of or dt.date.today(), chosen, located, limits)


def check(
    paths: Sequence[str],
    *,
    standard: str | None = None,
    standards_path: Sequence[str] = (),
    waivers: str | None = None,
    as_of: dt.date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int], Callable[[str], None]] | None = None,
    jobs: int = 1,
) -> Report:
    """Check declaration files (or folders of them) and return the report; ``limits`` bound
    the size, values, nesting and line length of every file read (``pkcheck.yamlio.Limits``).
    ``progress``, given the number of files, returns a function told each path once checked.
    ``jobs`` above 1 checks the files in that many processes; the report is the same."""
    run = settings(standards_path, standard, waivers, as_of, limits)
    files = expand(paths)
    if not files:
        raise UsageError(f"no declaration files found in: {' '.join(paths)}")
    advance = progress(len(files)) if progress is not None else None
    results = check_files(files, run, advance, jobs)
    return Report(__version__, run.as_of, results, waiver_warnings(run, results), root=os.getcwd())


def waiver_warnings(run: Settings, results: Sequence[Result]) -> tuple[Diagnostic, ...]:
    """Waivers that match no requirement of the standards used in the run: the one forced
    with ``--standard``, and those the declarations were checked against (known from the
    results, since with ``--jobs`` they were composed in other processes)."""
    used_ids = {result.standard.id for result in results if result.standard is not None}
    if run.standard is not None:
        used_ids.add(run.standard)
    used = {item.requirement.id for standard_id in used_ids for item in run.library.effective(standard_id).requirements}
    return tuple(
        Diagnostic(w.location, f"waiver for `{w.waiver.requirement}` matches no requirement of the standards used", Level.WARNING)
        for w in run.waivers
        if w.waiver.requirement not in used
    )


def diff(
    old: str,
    new: str,
    *,
    standards_path: Sequence[str] = (),
    against: Sequence[str] = (),
    waivers: str | None = None,
    as_of: dt.date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> StandardDiff:
    """What changed between two versions of a standard (each an id or a file), and with
    ``against``, which of those declarations (files or folders) check differently under them.

    Each version is loaded into a library of its own, so two files of the same id do not
    shadow each other."""
    from pkcheck.diff import Side, compare, compare_results  # noqa: PLC0415 - only this command needs it

    runs = [settings(standards_path, version, waivers, as_of, limits) for version in (old, new)]
    sides = [Side(run.library.effective(run.standard or ""), run.library.standards) for run in runs]
    result = compare(sides[0], sides[1], __version__)
    if not against:
        return result
    files = expand(against)
    if not files:
        raise UsageError(f"--against: no declaration files found in: {' '.join(against)}")
    old_results, new_results = (check_files(files, run) for run in runs)
    return replace(result, against=compare_results(old_results, new_results, runs[0].as_of.isoformat()))


def render(report: Report, output_format: str = "text", *, verbose: bool = False, width: int = 110) -> str:
    """The report in one format (text, json, sarif, junit, markdown, github, html), as a string."""
    return formatter(OutputFormat(output_format), verbose=verbose, width=width)(report)


def exit_code(report: Report, fail_on: str = "major") -> int:
    """The command line's exit code for this report: 0, 1 (a gap at or above ``fail_on``) or 2."""
    return _exit_code(report, fail_on)
