"""The commands about the standards themselves: ``lint``, ``list`` and ``explain``."""

import dataclasses
import os
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from pkcheck.cli import options
from pkcheck.cli.errors import echo_diagnostics, fail, show_tracebacks, usage
from pkcheck.cli.options import AsOf, StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.diagnostics import InputError, Level, working_directory
from pkcheck.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from pkcheck.analyses.explain import UnitExplanation
    from pkcheck.library.standards import EffectiveStandard, Library

LintPaths = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help=N_("Standards, waivers and declaration files or folders (default: the standards search path)."),
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help=(
            N_(
                "Treat warnings (such as unknown codes) as errors, require every requirement to give a "
                "rationale, a remediation and a reference, and every parameter and threshold a basis."
            )
        ),
    ),
]


LINT_HELP = N_(
    "Validate standards, vocabularies, waivers and declarations without checking them (for CI gating of standards). Codes no loaded vocabulary knows are warnings. With --strict, every parameter and threshold of a standard must also give its basis (a reference with a locator, or `illustrative`).\n\n"
    "Exit codes: 0 no errors (warnings allowed, unless --strict); 2 at least one error; 3 an internal error (a bug in pkcheck) stopped the run."
)


@limit_options
def lint_command(
    paths: LintPaths = None,
    standards_path: StandardsPath = None,
    strict: Strict = False,
    *,
    limits: LimitTexts,
) -> None:
    """``pkcheck lint`` (its help: ``LINT_HELP``)."""
    from pkcheck.analyses.lint import lint
    from pkcheck.escapes import line
    from pkcheck.library.standards import search_path

    folders = search_path(standards_path or [])
    count, diagnostics = lint(paths or folders, folders, options.limits(limits), strict=strict)
    if strict:  # shown as what they count as
        diagnostics = [dataclasses.replace(d, level=Level.ERROR) for d in diagnostics]
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    for diagnostic in diagnostics:
        typer.echo(line(diagnostic))
    show_tracebacks(diagnostics)
    warnings = len(diagnostics) - len(errors)
    # The summary ends the report on standard output, as `check` and `test` end theirs.
    typer.echo(_lint_summary(count, len(errors), warnings))
    raise typer.Exit(2 if errors else 0)


def _lint_summary(files: int, errors: int, warnings: int) -> str:
    """``3 file(s) linted: 0 error(s), 1 warning(s)``, each count in its form for the number."""
    from pkcheck.i18n import number

    # Translators: the parts are the three counts below, e.g. "3 files linted: 0 errors, 1 warning".
    return _("{files}: {errors}, {warnings}").format(
        files=ngettext("{count} file(s) linted", "{count} file(s) linted", files).format(count=number(files)),
        errors=ngettext("{count} error(s)", "{count} error(s)", errors).format(count=number(errors)),
        warnings=ngettext("{count} warning(s)", "{count} warning(s)", warnings).format(count=number(warnings)),
    )


ListVerbose = Annotated[bool, typer.Option("--verbose", "-v", help=N_("Also give each standard's file, in full."))]
LIST_HEADERS = (
    N_("ID"),
    N_("VERSION"),
    N_("UNIT TYPES"),
    N_("MISSIONS"),
    N_("EXTENDS"),
    N_("REQUIREMENTS"),
    N_("FROM"),
)
FILE_HEADER = N_("FILE")


LIST_HELP = N_(
    "List the standards in the search path: id, version, unit types, missions, parent, requirements, and where each comes from (`shipped`, or the folder as given); with --verbose, its file in full.\n\n"
    "One row per standard where the rows fit the width, else a block per standard. A standard shadowed by one of the same id earlier in the search path is not listed."
)


def list_command(standards_path: StandardsPath = None, verbose: ListVerbose = False) -> None:
    """``pkcheck list`` (its help: ``LIST_HELP``)."""
    from pkcheck.cli.writing import terminal
    from pkcheck.escapes import line
    from pkcheck.library.standards import Library, search_path

    folders = search_path(standards_path or [])
    library = Library(folders, options.limits())
    rows = [_standard_row(library, standard_id, folders, verbose) for standard_id in sorted(library.standards)]
    headers = tuple(_(header) for header in ((*LIST_HEADERS, FILE_HEADER) if verbose else LIST_HEADERS))
    for text in _listing(headers, rows, terminal(None)[1]):
        typer.echo(line(text))
    echo_diagnostics(library.errors)
    raise typer.Exit(2 if library.errors else 0)


def _listing(headers: tuple[str, ...], rows: list[tuple[str, ...]], width: int) -> list[str]:
    """Aligned rows (the last column not padded) where they fit ``width``; else each standard
    as its id, version and source, then its other fields, wrapped under it."""
    from pkcheck.formats.lines import wrapped

    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers) - 1)]
    table = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in (headers, *rows)
    ]
    if max(len(text) for text in table) <= width:
        return table
    blocks: list[str] = []
    for row in rows:
        blocks.append(f"{row[0]} {row[1]} ({row[6]})")
        fields = [f"{name.lower()} {value}" for name, value in zip(headers[2:6], row[2:6], strict=True)]
        # Translators: the separator of the fields of a standard in `pkcheck list` on a narrow terminal.
        blocks.extend(wrapped(_("; ").join(fields), width, 4, first="  "))
        blocks.extend("  " + _("file {path}").format(path=path) for path in row[7:])
    return blocks


def _standard_row(library: "Library", standard_id: str, folders: list[str], verbose: bool) -> tuple[str, ...]:
    from pkcheck.escapes import shown

    loaded = library.standards[standard_id]
    model = loaded.model
    try:
        count = str(len(library.effective(standard_id).requirements))
    except InputError:
        count = _("invalid (see pkcheck lint)")
    path = loaded.document.path
    cells = (
        model.id,
        model.version,
        ", ".join(model.unit_types) or "-",
        ", ".join(model.missions) or "-",
        model.extends or "-",
        count,
        _source(path, folders),
        *((os.path.abspath(path),) if verbose else ()),
    )
    return tuple(shown(cell) for cell in cells)  # escaped before the columns are measured


def _source(path: str, folders: list[str]) -> str:
    """Where a standard file comes from: ``shipped`` with pkcheck, or the folder of the search
    path it was found in, as it was given."""
    from pkcheck.library.standards import shipped_folder

    for folder in folders:
        if os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == os.path.abspath(folder):
            return _("shipped") if os.path.abspath(folder) == os.path.abspath(shipped_folder()) else folder
    return os.path.dirname(path) or "."


RequirementId = Annotated[str, typer.Argument(metavar="REQUIREMENT-ID", help=N_("A requirement id, e.g. INF-EQP-001."))]
InStandard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID",
        help=N_("Explain it as it stands in this standard (default: the standard that defines it)."),
    ),
]


For = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="FILE",
        help=N_(
            "Also check it for the unit this declaration describes: its thresholds computed with "
            "the unit's values, the evidence declared (file:line) and the result."
        ),
    ),
]


EXPLAIN_HELP = N_(
    "Explain one requirement: its check in plain words, rationale, remediation, references, and the standards that defined or changed it. With --for FILE, as the standard of that unit has it, then for the unit: each threshold computed with its values, the lines of the declaration it reads, and the result as `check` reports it (waivers are not applied).\n\n"
    "Exit codes: 0 explained (whatever the result for the unit); 2 an unknown requirement, a unit it does not apply to, or a declaration that cannot be read or validated."
)


def explain_command(
    requirement_id: RequirementId,
    standard: InStandard = None,
    standards_path: StandardsPath = None,
    for_: For = None,
    as_of: AsOf = None,
) -> None:
    """``pkcheck explain`` (its help: ``EXPLAIN_HELP``)."""
    from pkcheck.analyses.explain import explain
    from pkcheck.cli.writing import terminal
    from pkcheck.library.standards import Library, search_path
    from pkcheck.titles import titles

    day = options.day(as_of)
    library = Library(search_path(standards_path or []), options.limits())
    holders, broken = _standards_with(library, requirement_id)
    if not holders:
        _no_such_requirement(library, requirement_id, broken)
    if standard is not None and standard not in holders:
        usage(
            _("standard `{standard}`{hint} has no requirement `{requirement}`; it is in: {standards}").format(
                standard=standard,
                hint=_nearest_holder(standard, holders),
                requirement=requirement_id,
                standards=", ".join(holders),
            )
        )
    unit_text = ""
    if for_ is not None:
        explained = _for_unit(library, requirement_id, for_, standard, day, holders)
        standard = explained.standard_id
        unit_text = _unit_text(explained)
    chosen = holders[standard] if standard else _defining(holders, requirement_id)
    others = [sid for sid in holders if sid != chosen.id]
    requirement = chosen.get(requirement_id)
    assert requirement is not None  # every holder has it
    text = explain(
        chosen, requirement_id, others, titles(requirement.requirement.check, library.codes), working_directory()
    )
    typer.echo(_fitted(text + unit_text, terminal(None)[1]), nl=False)


def _for_unit(
    library: "Library",
    requirement_id: str,
    path: str,
    standard: str | None,
    day: "dt.date",
    holders: "dict[str, EffectiveStandard]",
) -> "UnitExplanation":
    """The requirement checked for the unit at ``path``; a declaration that cannot be checked,
    or a unit whose standard does not have the requirement, stops the command (exit 2)."""
    from pkcheck.analyses.explain import NotApplicable, for_unit
    from pkcheck.engine import Settings

    settings = Settings(library, day, standard, limits=options.limits())
    try:
        return for_unit(path, settings, requirement_id)
    except InputError as exc:
        fail(exc.diagnostics)
    except NotApplicable as exc:
        usage(
            _(
                "`{requirement}` does not apply to unit `{unit}` ({path}): a unit of type `{unit_type}` is "
                "checked against `{standard}`, which has no `{requirement}`; it is in: {standards}"
            ).format(
                requirement=requirement_id,
                unit=exc.unit_id,
                path=path,
                unit_type=exc.unit_type,
                standard=exc.standard,
                standards=", ".join(holders),
            )
        )


def _unit_text(explained: "UnitExplanation") -> str:
    from pkcheck.formats.explain_text import render

    return render(explained)


EXPLAIN_INDENT = 15  # "  Remediation  " and the other labels of `explain`


def _fitted(explanation: str, width: int) -> str:
    """The explanation wrapped to ``width``: each field's value under itself, the title under
    itself after the requirement's id; paths, codes and addresses are never broken."""
    from pkcheck.formats.lines import hanging

    head, *fields = explanation.splitlines()
    lines = hanging(head, width, head.index("  ") + 2)
    for field in fields:
        lines.extend(hanging(field, width, EXPLAIN_INDENT))
    return "".join(line + "\n" for line in lines)


def _standards_with(
    library: "Library", requirement_id: str
) -> "tuple[dict[str, EffectiveStandard], dict[str, InputError]]":
    """The composed standards that have the requirement, and every standard that cannot be
    composed, with why."""
    found, broken = {}, {}
    for standard_id in sorted(library.standards):
        try:
            effective = library.effective(standard_id)
        except InputError as exc:
            broken[standard_id] = exc
            continue
        if effective.get(requirement_id) is not None:
            found[standard_id] = effective
    return found, broken


def _no_such_requirement(library: "Library", requirement_id: str, broken: dict[str, InputError]) -> NoReturn:
    """No composed standard has the requirement: the errors of each standard that cannot be
    composed and defines or overrides it, or else a usage error that says whether some
    standards could not be read or composed."""
    from pkcheck.escapes import line

    naming = [
        standard_id
        for standard_id in broken
        if requirement_id in library.standards[standard_id].model.overrides
        or any(r.id == requirement_id for r in library.standards[standard_id].model.requirements)
    ]
    for standard_id in naming:
        path = library.standards[standard_id].document.path
        typer.echo(
            line(
                _(
                    "pkcheck: error: `{requirement}` is in standard `{standard}` ({path}), which cannot be composed:"
                ).format(requirement=requirement_id, standard=standard_id, path=path)
            ),
            err=True,
        )
        echo_diagnostics(broken[standard_id].diagnostics)
    if naming:
        raise typer.Exit(2)
    unread = len({d.location.path for d in library.errors} | {library.standards[sid].document.path for sid in broken})
    message = (
        ngettext(
            "no standard in the search path has a requirement `{requirement}`; {count} standard file(s) could not be "
            "read or composed (see `pkcheck lint`){hint}",
            "no standard in the search path has a requirement `{requirement}`; {count} standard file(s) could not be "
            "read or composed (see `pkcheck lint`){hint}",
            unread,
        )
        if unread
        else _("no standard in the search path has a requirement `{requirement}`{hint}")
    )
    usage(message.format(requirement=requirement_id, count=unread, hint=_nearest_requirement(library, requirement_id)))


def _nearest_holder(standard: str, holders: "dict[str, EffectiveStandard]") -> str:
    """`` (did you mean `un-infantry-battalion`?)`` when ``--standard`` names, misspelt or
    wrongly cased, one of the standards that have the requirement."""
    from pkcheck.load.validate import nearest

    match = nearest(standard, list(holders))
    return _(" (did you mean `{standard}`?)").format(standard=match) if match is not None else ""


def _nearest_requirement(library: "Library", requirement_id: str) -> str:
    """``; did you mean `INF-TRN-001`?`` for a misspelt (or wrongly cased) requirement id."""
    from pkcheck.load.validate import did_you_mean, nearest

    known = sorted({r.id for s in library.standards.values() for r in s.model.requirements})
    return did_you_mean(nearest(requirement_id, known))


def _defining(holders: "dict[str, EffectiveStandard]", requirement_id: str) -> "EffectiveStandard":
    """The standard that defines the requirement, where it has it; else the first that has it."""
    first = next(iter(holders.values()))
    requirement = first.get(requirement_id)
    assert requirement is not None  # every holder has it
    return holders.get(requirement.defined_in, first)
