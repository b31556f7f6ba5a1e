"""``schema``: a part of the declaration conforms to a JSON Schema (Draft 2020-12).

For data no other kind knows: a mission's own section under an ``x-`` key, a national annex.

Settings:

- ``path`` (optional): dotted path of the part checked, e.g. ``x-mission`` (list positions are
  numbers); the whole declaration when absent.
- Exactly one of ``schema``, the JSON Schema written in the standard, and ``schema_file``, a JSON
  or YAML file holding it: a relative path inside a subfolder of the standard's folder
  (``schemas/x.json``), read with the limits of every other file. A symbolic link is followed to
  another file of the folder (a schema shared by two subfolders); one that leads out of the
  folder, or to a file of the folder itself, is refused, and so is what is not a regular file (a
  named pipe, a device, a socket), unopened.

Met when the part conforms. Otherwise a shortfall listing every violation, each with the line
and column of the node it concerns (``x-mission.convoy_escorts: 2 is less than the minimum of
4 (at 14:19)``); the finding is located at the first. An absent (or null) ``path`` is
no-evidence, and so is a part nested too deeply to be checked.

The schema is checked when the standard is loaded (by ``lint`` and every other command), at its
line in the standard or its schema file: against the Draft 2020-12 metaschema; ``$schema``, if
given, names that dialect; a ``$ref`` or ``$dynamicRef`` must name a part of the same schema
(``#/$defs/NAME``, an ``$anchor``, an ``$id`` within it): pkcheck never fetches a schema, over the
network or from a file, and refuses a reference outside; references that lead back to where they
began while applying to the same value (``{$ref: "#"}``) are refused, as validation would never
end; nesting is limited to 64 levels. ``pattern`` and ``patternProperties`` are regular expressions
read as JSON Schema reads them (ECMA-262, without its ``u`` flag) and run by Python on
declaration text: ``\\d``, ``\\w`` and ``\\b`` are ASCII (``^\\d+$`` refuses ``"١٢٣"``),
``\\s`` is ECMA's white space and line endings (with the no-break and other Unicode spaces and
the byte order mark; without U+001C-U+001F and U+0085, which Python counts), ``.`` matches no
line ending (``\\n``, ``\\r``, U+2028, U+2029) and ``$`` the end of the text only; the rest of the
syntax is Python's (``(?i)`` folds ASCII letters only, ``(?u)`` is refused). Keys are matched
so too where ``additionalProperties`` and ``unevaluatedProperties`` ask which keys the patterns
name; each key either refuses (``false``) is a violation of its own, at the key. A pattern that
could backtrack without bound (a repetition inside a repetition such as ``(a+)+``, a repeated
choice whose branches begin alike, three repetitions in a row that match the same characters) is
refused, and text longer than 500 characters is not matched against a pattern (that is a
violation). ``format`` is an annotation
only, as the draft says by default: it is not checked.

Gaps: one per violation, with the path of the node it concerns as ``required``, what is wrong
there as ``declared``, and no amount; criterion ``given`` for a key the schema requires that is
absent, ``conforming`` for any other. The gaps register counts each as a value that is absent
(``missing``) or not allowed (``nonconforming``), one unit each. ``diff``: a
schema that changes (or a schema file whose content does) is ``changed``, as its direction is
not worked out; the same schema written differently (keys in another order) is no change.
``init``: a template holds the schema's first ``examples`` entry (or its ``default``) at
``path``; without one, the template lists the requirement as not met.

PASS: ``{path: x-mission, schema: {type: object, required: [convoy_escorts], properties:
{convoy_escorts: {type: integer, minimum: 4}}}}`` with ``x-mission: {convoy_escorts: 4}``.
FAIL: the same with ``convoy_escorts: 2`` (``x-mission.convoy_escorts: 2 is less than the
minimum of 4``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pkcheck.checks.base import MISSING, Context, Outcome, path_segments
from pkcheck.checks.draft import Draft, slot
from pkcheck.checks.kind import Kind
from pkcheck.checks.pieces import Piece
from pkcheck.checks.schema import files
from pkcheck.checks.schema.settings import NAME, SchemaCheck
from pkcheck.i18n import N_, _
from pkcheck.load.locate import PathSegment, locate
from pkcheck.report import Finding, Gap, Status

if TYPE_CHECKING:
    from pkcheck.checks.schema.compiled import Violation

__all__ = ["KIND", "NAME", "SchemaCheck"]


MESSAGES = {
    "met": N_("{part} conforms to its schema"),
    "shortfall": N_("{part} does not conform to its schema: {violations}"),
    "no-evidence": N_("the declaration does not give `{path}`"),
    "not-checkable": N_("{part} cannot be checked against its schema: {reason}"),
}


def check(settings: SchemaCheck, context: Context) -> Outcome:
    from pkcheck.checks.schema.compiled import NotApplicable, violations  # jsonschema only when needed

    where = _place(context.data, settings.path)
    part = context.lookup(settings.path) if settings.path is not None else context.data
    if part is MISSING or part is None:
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"path": settings.path}, where)
    shown = f"`{settings.path}`" if settings.path is not None else _("the declaration")
    try:
        found = violations(settings.document, part)
    except NotApplicable as exc:
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.not-checkable", {"part": shown, "reason": str(exc)}, where)
    if not found:
        return Outcome(Status.MET, f"{NAME}.met", {"part": shown}, where)
    located = sorted(
        ((locate("", context.data, (*where, *v.at)), (*where, *v.at), v) for v in found),
        key=lambda entry: (entry[0].line, entry[0].column),
    )
    said = [
        _("{path}: {problem} (at {line}:{column})").format(
            path=".".join(str(segment) for segment in at) or _("the declaration"),
            problem=v.message,
            line=spot.line,
            column=spot.column,
        )
        for spot, at, v in located
    ]
    gaps = tuple(Gap(_criterion(v), _dotted(at), v.message, None, "units") for _, at, v in located)
    values = {"part": shown, "violations": said}
    return Outcome(Status.SHORTFALL, f"{NAME}.shortfall", values, located[0][1], gaps)


def _place(data: Any, path: str | None) -> tuple[PathSegment, ...]:
    """Where ``path`` is in ``data``, as ``locate`` takes it: a segment is a list position only
    where it indexes a list (in ``convoys.1``, ``1`` is a key where ``convoys`` is a mapping)."""
    place: list[PathSegment] = []
    node = data
    for segment in path.split(".") if path is not None else ():
        if isinstance(node, list) and segment.isdigit():
            place.append(int(segment))
            node = node[int(segment)] if int(segment) < len(node) else None
        else:
            place.append(segment)
            node = node.get(segment) if isinstance(node, dict) else None
    return tuple(place)


def _criterion(violation: Violation) -> str:
    return "given" if violation.missing else "conforming"


def _dotted(at: tuple[PathSegment, ...]) -> str:
    return ".".join(str(segment) for segment in at) or "the declaration"


def describe(settings: SchemaCheck) -> str:
    part = f"`{settings.path}`" if settings.path is not None else "the whole declaration"
    source = f"the JSON Schema in `{settings.schema_file}`" if settings.schema_file else "a JSON Schema"
    return f"schema: {part} conforms to {source}"


def fill(settings: SchemaCheck, context: Context, draft: Draft) -> None:
    """The schema's first ``examples`` entry (or its ``default``), merged into what the
    template holds at ``path``; what conforms to a schema is not worked out otherwise (without
    one, the template lists the requirement as not met)."""
    schema = settings.document
    example = _example(schema) if isinstance(schema, dict) and settings.path is not None else None
    if example is None or settings.path is None:
        return
    segments = settings.path.split(".")
    container, key = slot(draft, segments)
    if container is None:
        return
    container[key] = _merged(container.get(key), copy.deepcopy(example))
    draft.need(tuple(segments))


def _example(schema: dict[str, Any]) -> Any:
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    return schema.get("default")


def _merged(held: Any, example: Any) -> Any:
    """Two requirements' examples of one section together (each key from the later one)."""
    if isinstance(held, dict) and isinstance(example, dict):
        return {**held, **{key: _merged(held.get(key), value) for key, value in example.items()}}
    return example


def pieces(finding: Finding) -> Iterator[Piece]:
    """Each violation: a value absent or not allowed, at the node it concerns, one unit each."""
    for found in finding.gaps:
        kind = "missing" if found.criterion == "given" else "nonconforming"
        yield Piece(kind, str(found.required), None, "units", 1, adds=True)


def reads(settings: SchemaCheck) -> tuple[PathSegment, ...]:
    return path_segments(settings.path) if settings.path is not None else ()


def lint(settings: SchemaCheck) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    """The problems of a schema written in the standard (a schema file's are reported in it,
    when it is read)."""
    if settings.inline is None:
        return
    from pkcheck.checks.schema.compiled import schema_problems

    for problem in schema_problems(settings.inline):
        yield ("schema", *problem.at), f"the schema: {problem.message}"


KIND = Kind(
    name=NAME,
    settings=SchemaCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=(
        {"path": "x-mission", "schema": {"type": "object", "required": ["convoy_escorts"]}},
        {"schema": True},
    ),
    reads=reads,
    lint=lint,
    files=files.FILES,
)
