"""``pkcheck init``: a declaration template for a unit type's standard."""

import datetime as dt
import os
from typing import TYPE_CHECKING, Annotated

import typer

from pkcheck.cli import options
from pkcheck.cli.batch import standards_inputs
from pkcheck.cli.errors import fail, usage
from pkcheck.cli.options import StandardsPath
from pkcheck.cli.parse import file_or_stdout
from pkcheck.cli.writing import refuse_overwriting, write
from pkcheck.diagnostics import InputError, UsageError

if TYPE_CHECKING:
    from pkcheck.engine import Settings

UnitType = Annotated[
    str, typer.Argument(metavar="UNIT-TYPE", help="The unit type, e.g. infantry-battalion (see `pkcheck list`).")
]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the template to FILE (default: standard output)."),
]
Mission = Annotated[
    str | None,
    typer.Option(
        "--mission", metavar="CODE", help="The unit's mission; it may select an overlay standard, e.g. high-threat."
    ),
]
Standard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        "-s",
        metavar="ID-OR-FILE",
        help="Use this standard instead of the one chosen by unit type and mission.",
    ),
]
UnitId = Annotated[str, typer.Option("--unit-id", metavar="ID", help="The unit id to put in the template.")]
Country = Annotated[
    str,
    typer.Option(
        "--country", metavar="CC", help="The contributing country (ISO 3166-1 alpha-2) to put in the template."
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Date for the template's dates, YYYY-MM-DD (default: today)."),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]


def init_command(
    unit_type: UnitType,
    output: Output = None,
    mission: Mission = None,
    standard: Standard = None,
    unit_id: UnitId = "XX-UNIT-01",
    country: Country = "XX",
    as_of: AsOf = None,
    force: Force = False,
    standards_path: StandardsPath = None,
) -> None:
    """Write a declaration template for a unit type's standard.

    The template lists every field the standard examines, each commented with the requirements
    that examine it and set to the smallest value that meets them, so it checks `ready` as
    written. Replace the values with your unit's, then run `pkcheck check FILE`.
    """
    from pkcheck.analyses.template import UnitFields, build, unit_field_errors
    from pkcheck.escapes import line

    day = options.day(as_of)
    output = file_or_stdout(output)
    unit = UnitFields(unit_type, unit_id, country, mission)
    for problem in unit_field_errors(unit):
        usage(problem)
    if output and os.path.isfile(output) and not force:  # a device or pipe holds nothing to lose
        usage(f"{output} exists; use --force to overwrite it")
    refuse_overwriting([output], *standards_inputs(standards_path, standard))
    try:
        settings = _settings(standards_path or [], standard, day)
        library = settings.library
        standard_id = settings.standard or library.select(unit_type, mission)
        effective = library.effective(standard_id)
        text = build(effective, unit, day)
    except LookupError as exc:
        usage(str(exc))
    except InputError as exc:
        fail(exc.diagnostics)
    write(text, output)
    if output:
        typer.echo(line(f"wrote {output}: a declaration template for {effective.id} {effective.version}"), err=True)


def _settings(folders: list[str], standard: str | None, day: dt.date) -> "Settings":
    """The settings of a check against the standard chosen; one that cannot be found is a
    usage error."""
    from pkcheck import api

    try:
        return api.settings(folders, standard, None, day, options.limits())
    except UsageError as exc:
        usage(str(exc))
