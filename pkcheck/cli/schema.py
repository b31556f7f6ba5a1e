"""``pkcheck schema``: the JSON Schema of each kind of file pkcheck reads or writes."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from pkcheck.i18n import N_


class SchemaKind(StrEnum):
    DECLARATION = "declaration"
    STANDARD = "standard"
    TEST = "test"
    VOCABULARY = "vocabulary"
    WAIVERS = "waivers"
    MOU = "mou"
    TRANSLATION = "translation"
    OFFERS = "offers"
    REPORT = "report"
    GAPS = "gaps"
    DIFF = "diff"
    MOU_DIFF = "mou-diff"
    MATCH = "match"
    TEST_REPORT = "test-report"
    PROGRESS = "progress"


Kind = Annotated[SchemaKind, typer.Argument(help=N_("Which file's schema to print."))]


HELP = N_(
    "Print the JSON Schema (draft 2020-12) of a declaration, standard, vocabulary, waivers, MOU (mou), test suite (test), companion of translations (translation) or partners' offers (offers) file, or of a JSON output: the report of check (report), the register of gaps (gaps), a comparison of diff (diff), of two amendments of an MOU (mou-diff), the allocation of match (match), the progress of units over several reports (progress) or the report of test (test-report).\n\n"
    "The schema is generated from the models pkcheck validates with, every key described. Point your editor at it for completion, e.g. with a first line `# yaml-language-server: $schema=declaration.schema.json`; validate outputs with it."
)


def schema_command(kind: Kind) -> None:
    """``pkcheck schema`` (its help: ``HELP``)."""
    from pkcheck.schemas import render

    sys.stdout.write(render(kind.value))
