"""``headcount``: a role has at least a number of personnel (a toy kind, defined by a test).

Settings:

- ``role``: a role code (``personnel.roles[role]``).
- ``minimum``: the number required (a number or an expression; rounded up if fractional).

Met when the declared headcount of the role is at least the minimum; otherwise one gap
(criterion ``minimum``, unit ``personnel``). A declaration without the role is no-evidence.

PASS: ``{role: nurse, minimum: 2}`` with ``personnel.roles.nurse: 2``.
FAIL: ``{role: nurse, minimum: 3}`` with ``personnel.roles.nurse: 1`` (gap: 2 personnel).

This module is everything pkcheck knows about the kind: registered with one entry in
``pkcheck.checks.KINDS``, it works in every command (tests/checks/test_toy_kind.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import Field

from pkcheck.checks.base import Context, MissingEvidence, Outcome, gap
from pkcheck.checks.draft import Draft, count, raise_to
from pkcheck.checks.kind import MINIMUM, Kind
from pkcheck.checks.pieces import Piece
from pkcheck.load.locate import PathSegment
from pkcheck.models.common import Code, StrictModel, Threshold
from pkcheck.report import Finding, Gap, Status
from pkcheck.terms.codepaths import CodeUse, code_at
from pkcheck.terms.vocabulary import Codes

NAME = "headcount"


class HeadcountCheck(StrictModel):
    role: Code = Field(description="The role code counted in `personnel.roles`.")
    minimum: Threshold = Field(description="The fewest personnel of that role accepted (a number or an expression).")


MESSAGES = {
    "met": "{declared} {role} declared, {required} required",
    "shortfall": "{declared} {role} declared, {required} required: {shortfall} short",
    "no-evidence": "cannot count {role}: the declaration does not give `{missing}`",
}


def check(settings: HeadcountCheck, context: Context) -> Outcome:
    where = reads(settings)
    try:
        required = context.count(settings.minimum)
    except MissingEvidence as missing:
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"role": settings.role, "missing": missing.path})
    declared = context.lookup(".".join(str(s) for s in where))
    if not isinstance(declared, int):
        values = {"role": settings.role, "missing": f"personnel.roles.{settings.role}"}
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", values, where[:2])
    values = {"role": settings.role, "declared": declared, "required": required, "shortfall": required - declared}
    if declared >= required:
        return Outcome(Status.MET, f"{NAME}.met", values, where)
    gaps = (gap("minimum", required, declared, required - declared, "personnel"),)
    return Outcome(Status.SHORTFALL, f"{NAME}.shortfall", values, where, gaps)


def describe(settings: HeadcountCheck) -> str:
    return f"headcount: at least {settings.minimum} {settings.role} (personnel.roles.{settings.role})"


def fill(settings: HeadcountCheck, context: Context, draft: Draft) -> None:
    roles = draft.section("personnel").setdefault("roles", {})
    raise_to(roles, settings.role, count(context, settings.minimum, draft))
    draft.need(("personnel", "roles", settings.role))


def pieces(finding: Finding) -> Iterator[Piece]:
    role = str(finding.values["role"])
    for found in finding.gaps:
        if isinstance(found.shortfall, (int, float)):
            yield Piece(NAME, role, finding.titles.get(role), found.unit, found.shortfall, adds=True)


def code_uses(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    return code_at(settings, "role", "roles")


def titled(
    settings: HeadcountCheck, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes
) -> dict[str, Any]:
    return {**values, "role": vocabulary.label("roles", settings.role)}


def reads(settings: HeadcountCheck) -> tuple[PathSegment, ...]:
    return ("personnel", "roles", settings.role)


KIND = Kind(
    name=NAME,
    settings=HeadcountCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=({"role": "nurse", "minimum": 2},),
    codes=code_uses,
    titled=titled,
    thresholds={"minimum": MINIMUM},
    reads=reads,
)
