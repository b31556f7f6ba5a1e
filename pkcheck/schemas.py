"""JSON Schemas of the input files, generated from the same models the loader validates with,
and of the JSON outputs (the report, the gaps register, a comparison of standards, the test
report, the progress over several reports), generated from models a test holds their writers to. Every key is described.

Editors use them for completion (``# yaml-language-server: $schema=...``); they are never a second
source of truth: a test checks that every example, and real reports, validate against them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from pkcheck.enums import FileKind
from pkcheck.models.declaration import Declaration
from pkcheck.models.diff import Diff
from pkcheck.models.gaps import Gaps
from pkcheck.models.match import Match
from pkcheck.models.mou import Mou
from pkcheck.models.mou_diff import MouDiff
from pkcheck.models.offers import Offers
from pkcheck.models.progress import Progress
from pkcheck.models.report import Report
from pkcheck.models.standard import Standard
from pkcheck.models.testreport import TestReport
from pkcheck.models.testsuite import Suite
from pkcheck.models.translation import Translation
from pkcheck.models.vocabulary import Vocabulary
from pkcheck.models.waivers import Waivers

# The kinds of file with a schema, by family (``pkcheck schema declaration``), each with its model.
KINDS: dict[str, tuple[FileKind, type[BaseModel]]] = {
    kind.family: (kind, model)
    for kind, model in (
        (FileKind.DECLARATION, Declaration),
        (FileKind.REPORT, Report),
        (FileKind.STANDARD, Standard),
        (FileKind.TEST, Suite),
        (FileKind.VOCABULARY, Vocabulary),
        (FileKind.WAIVERS, Waivers),
        (FileKind.MOU, Mou),
        (FileKind.TRANSLATION, Translation),
        (FileKind.OFFERS, Offers),
        (FileKind.GAPS, Gaps),
        (FileKind.DIFF, Diff),
        (FileKind.MOU_DIFF, MouDiff),
        (FileKind.MATCH, Match),
        (FileKind.TEST_REPORT, TestReport),
        (FileKind.PROGRESS, Progress),
    )
}
MODELS: dict[str, type[BaseModel]] = {family: model for family, (_, model) in KINDS.items()}

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file; raises ``KeyError`` for an unknown kind."""
    file_kind, model = KINDS[kind]
    generated = model.model_json_schema(mode="validation")
    return {
        "$schema": DIALECT,
        "title": f"pkcheck {file_kind.value}",
        **{k: v for k, v in generated.items() if k != "title"},
    }


def render(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, sort_keys=True) + "\n"
