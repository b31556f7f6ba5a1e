"""The commands about the standards themselves: ``lint``, ``list`` and ``explain``."""

import dataclasses
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from pkcheck.cli import options
from pkcheck.cli.errors import echo_diagnostics, show_tracebacks, usage
from pkcheck.cli.options import StandardsPath, limit_options
from pkcheck.cli.parse import LimitTexts
from pkcheck.diagnostics import InputError, Level

if TYPE_CHECKING:
    from pkcheck.library.standards import EffectiveStandard, Library

LintPaths = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Standards, waivers and declaration files or folders (default: the standards search path).",
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings (such as unknown codes) as errors.")]


@limit_options
def lint_command(
    paths: LintPaths = None,
    standards_path: StandardsPath = None,
    strict: Strict = False,
    *,
    limits: LimitTexts,
) -> None:
    """Validate standards, vocabularies, waivers and declarations without checking them (for CI
    gating of standards). Codes no loaded vocabulary knows are warnings.

    Exit codes: 0 no errors (warnings allowed, unless --strict); 2 at least one error; 3 an
    internal error (a bug in pkcheck) stopped the run.
    """
    from pkcheck.analyses.lint import lint
    from pkcheck.escapes import line
    from pkcheck.library.standards import search_path

    folders = search_path(standards_path or [])
    count, diagnostics = lint(paths or folders, folders, options.limits(limits))
    if strict:  # shown as what they count as
        diagnostics = [dataclasses.replace(d, level=Level.ERROR) for d in diagnostics]
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    for diagnostic in diagnostics:
        typer.echo(line(diagnostic))
    show_tracebacks(diagnostics)
    warnings = len(diagnostics) - len(errors)
    # The summary ends the report on standard output, as `check` and `test` end theirs.
    typer.echo(f"{count} file(s) linted: {len(errors)} error(s), {warnings} warning(s)")
    raise typer.Exit(2 if errors else 0)


def list_command(standards_path: StandardsPath = None) -> None:
    """List the standards in the search path: id, version, unit types, missions, requirements, file.

    A standard shadowed by one of the same id earlier in the search path is not listed.
    """
    from pkcheck.escapes import line
    from pkcheck.library.standards import Library, search_path

    library = Library(search_path(standards_path or []), options.limits())
    rows: list[tuple[str, ...]] = [("ID", "VERSION", "UNIT TYPES", "MISSIONS", "EXTENDS", "REQUIREMENTS", "FILE")]
    for standard_id in sorted(library.standards):
        rows.append(_standard_row(library, standard_id))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        padded = "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        typer.echo(line(padded + "  " + row[-1]))  # the last column, FILE, is not padded
    echo_diagnostics(library.errors)
    raise typer.Exit(2 if library.errors else 0)


def _standard_row(library: "Library", standard_id: str) -> tuple[str, ...]:
    from pkcheck.escapes import shown

    loaded = library.standards[standard_id]
    model = loaded.model
    try:
        count = str(len(library.effective(standard_id).requirements))
    except InputError:
        count = "invalid (see pkcheck lint)"
    cells = (
        model.id,
        model.version,
        ", ".join(model.unit_types) or "-",
        ", ".join(model.missions) or "-",
        model.extends or "-",
        count,
        loaded.document.path,
    )
    return tuple(shown(cell) for cell in cells)  # escaped before the columns are measured


RequirementId = Annotated[str, typer.Argument(metavar="REQUIREMENT-ID", help="A requirement id, e.g. INF-EQP-001.")]
InStandard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID",
        help="Explain it as it stands in this standard (default: the standard that defines it).",
    ),
]


def explain_command(
    requirement_id: RequirementId, standard: InStandard = None, standards_path: StandardsPath = None
) -> None:
    """Explain one requirement: its check in plain words, rationale, remediation, references, and
    the standards that defined or changed it."""
    from pkcheck.analyses.explain import explain
    from pkcheck.library.standards import Library, search_path
    from pkcheck.titles import titles

    library = Library(search_path(standards_path or []), options.limits())
    holders, broken = _standards_with(library, requirement_id)
    if not holders:
        _no_such_requirement(library, requirement_id, broken)
    if standard is not None and standard not in holders:
        usage(
            f"standard `{standard}`{_nearest_holder(standard, holders)} has no requirement `{requirement_id}`; it is in: {', '.join(holders)}"
        )
    chosen = holders[standard] if standard else _defining(holders, requirement_id)
    others = [sid for sid in holders if sid != chosen.id]
    requirement = chosen.get(requirement_id)
    assert requirement is not None  # every holder has it
    typer.echo(explain(chosen, requirement_id, others, titles(requirement.requirement.check, library.codes)), nl=False)


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
                f"pkcheck: error: `{requirement_id}` is in standard `{standard_id}` ({path}), which cannot be composed:"
            ),
            err=True,
        )
        echo_diagnostics(broken[standard_id].diagnostics)
    if naming:
        raise typer.Exit(2)
    unread = len({d.location.path for d in library.errors} | {library.standards[sid].document.path for sid in broken})
    hint = f"; {unread} standard file(s) could not be read or composed (see `pkcheck lint`)" if unread else ""
    usage(
        f"no standard in the search path has a requirement `{requirement_id}`{hint}{_nearest_requirement(library, requirement_id)}"
    )


def _nearest_holder(standard: str, holders: "dict[str, EffectiveStandard]") -> str:
    """`` (did you mean `un-infantry-battalion`?)`` when ``--standard`` names, misspelt or
    wrongly cased, one of the standards that have the requirement."""
    from pkcheck.load.validate import nearest

    match = nearest(standard, list(holders))
    return f" (did you mean `{match}`?)" if match is not None else ""


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
