"""``value``: a value at a path of the declaration passes one or more comparisons.

Settings:

- ``path``: dotted path into the declaration, e.g. ``sustainment.water_days`` or
  ``personnel.roles.staff-officer`` (list positions are numbers: ``equipment.0.item``).
- One or more of ``min`` and ``max`` (numbers or expressions; exact, a fractional ``min`` is not
  rounded), ``equals`` (a value), ``one_of`` (a list of allowed values), ``includes`` (a list
  whose entries must all be present in the list, or keys in the mapping, at ``path``) and
  ``exists: true``.

An absent path is no-evidence (lists included), except for ``exists: true``, for which absence is
the shortfall. Gaps: ``min`` (min - value), ``max`` (value - max), ``includes`` (the required
entries, those of them declared, and the missing ones), ``equals``/``one_of``/``exists`` (no
amount).

PASS: ``{path: sustainment.water_days, min: 14}`` with ``water_days: 21``.
FAIL: ``{path: self_sustainment, includes: [catering, laundry]}`` without ``laundry``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from pkcheck.checks.base import MISSING, Context, MissingEvidence, Outcome, gap, path_segments, plain
from pkcheck.checks.draft import Draft, count, floor, include, lower_to, raise_to, sample, set_value, slot
from pkcheck.checks.kind import MAXIMUM, MINIMUM, Kind
from pkcheck.checks.pieces import Piece
from pkcheck.expressions import ExpressionError, number_problem, to_fraction
from pkcheck.i18n import N_, _, ngettext, number
from pkcheck.load.locate import PathSegment
from pkcheck.load.paths import field_type, path_problem
from pkcheck.messages import fill as fill_template
from pkcheck.models.common import DottedPath, StrictModel, Threshold, computable
from pkcheck.report import Finding, Gap, Status
from pkcheck.terms.codepaths import VALUE_PATHS, CodeUse, codes_at, path_codes
from pkcheck.terms.vocabulary import Codes

NAME = "value"
COMPARISONS = ("min", "max", "equals", "one_of", "includes", "exists")

# A value a `value` check compares with; a number in it must be computable, as a threshold's.
Scalar = Annotated[str | bool | int | float, BeforeValidator(computable)]


class ValueCheck(StrictModel):
    path: DottedPath = Field(
        description="The dotted path of the value in the declaration (`sustainment.water_days`, `personnel.roles.staff-officer`; list positions are numbers)."
    )
    min: Threshold | None = Field(
        None, description="The smallest value allowed (a number or an expression, exact: not rounded)."
    )
    max: Threshold | None = Field(None, description="The largest value allowed (a number or an expression).")
    equals: Scalar | None = Field(None, description="The one value allowed.")
    one_of: Annotated[list[Scalar], Field(min_length=1)] | None = Field(None, description="The values allowed.")
    includes: Annotated[list[Scalar], Field(min_length=1)] | None = Field(
        None, description="Entries that must all be in the list, or keys in the mapping, at `path`."
    )
    exists: Literal[True] | None = Field(
        None,
        description="`true`: the value must be given; its absence is the shortfall (without it, absence is no-evidence).",
    )

    @model_validator(mode="after")
    def _some_comparison(self) -> ValueCheck:
        if all(getattr(self, name) is None for name in COMPARISONS):
            raise ValueError(_("a value check needs one of: {comparisons}").format(comparisons=", ".join(COMPARISONS)))
        return self


MESSAGES = {
    "met": N_("`{path}`{path_title} is {declared}: {met}"),
    "present": N_("`{path}`{path_title} is present"),
    "met.min": N_("at least {required} required"),
    "met.max": N_("at most {required} allowed"),
    "met.equals": N_("as required"),
    "met.one_of": N_("one of the values allowed"),
    "met.includes": N_("all {required} required entries listed"),
    "shortfall": N_("`{path}`{path_title} is {declared}: {problems}"),
    "gap.min": N_("below the minimum of {required}"),
    "gap.max": N_("above the maximum of {required}"),
    "gap.equals": N_("{required} is required"),
    "gap.one_of": N_("expected one of {required}"),
    "gap.includes": N_("{shortfall} missing"),
    "gap.exists": N_("it must be declared"),
    "no-evidence": N_("the declaration does not give `{path}`{path_title}"),
    "not-a-number": N_("`{path}`{path_title} is not a number, so {criteria} cannot be checked"),
    "not-computable": N_(
        "`{path}`{path_title} is {declared}, not a number to compare with, so {criteria} cannot be checked"
    ),
}


class _NotANumber(Exception):
    pass


def check(settings: ValueCheck, context: Context) -> Outcome:
    path = path_segments(settings.path)
    value = context.lookup(settings.path)
    names = _criteria_names(settings)
    if value is MISSING or value is None:
        if settings.exists:
            absent = (gap("exists", "present", "absent", None, _unit(settings.path)),)
            values = _values(settings, "absent", ["exists"]) | {"problems": problems(absent)}
            return Outcome(Status.SHORTFALL, f"{NAME}.shortfall", values, path, absent)
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"path": settings.path, "path_title": ""}, path)
    problem = number_problem(value)
    compared = [name for name in names if name != "exists"]  # a present value satisfies `exists`
    if problem is not None and compared:
        # NaN, an infinity or a number beyond 10^308 (free `x-` values are not validated): no
        # comparison can be judged, and the finding points at the value.
        values = _values(settings, problem, compared)
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.not-computable", values, path)
    # Each comparison is judged on its own: shortfall if any falls short, else no-evidence if
    # any cannot be checked, else met (spec 2.1, "a check with several criteria").
    gaps: list[Gap] = []
    missing: str | None = None
    not_a_number: list[str] = []
    error: ExpressionError | None = None
    for name, compare in _COMPARISONS:
        if getattr(settings, name) is None:
            continue
        try:
            found = compare(settings, value, context)
        except MissingEvidence as absent:
            missing = missing or absent.path
        except _NotANumber:
            not_a_number.append(name)
        except ExpressionError as exc:  # a threshold that cannot be evaluated lacks evidence too
            error = error or exc
        else:
            if found is not None:
                gaps.append(found)
    if gaps:
        values = _values(settings, value, [g.criterion for g in gaps]) | {"problems": problems(gaps)}
        return Outcome(Status.SHORTFALL, f"{NAME}.shortfall", values, path, tuple(gaps))
    if error is not None:
        raise error  # the engine reports it, with where the threshold is defined
    if missing is not None:
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.no-evidence", {"path": missing, "path_title": ""}, path)
    if not_a_number:
        return Outcome(Status.NO_EVIDENCE, f"{NAME}.not-a-number", _values(settings, value, not_a_number), path)
    return _met(settings, value, names, context, path)


def _met(
    settings: ValueCheck, value: Any, names: list[str], context: Context, path: tuple[PathSegment, ...]
) -> Outcome:
    """Met, in plain words: each comparison as what holds (``at least 14``); a value that only
    has to be declared is present."""
    compared = [name for name in names if name != "exists"]
    values = _values(settings, value, names)
    if not compared:
        return Outcome(Status.MET, f"{NAME}.present", values, path)
    values["met"] = [
        fill_template(_(MESSAGES[f"met.{name}"]), {"required": _required(settings, name, context)}) for name in compared
    ]
    return Outcome(Status.MET, f"{NAME}.met", values, path)


def problems(gaps: Any, label: Callable[[str], str] = str) -> list[str]:
    """One short phrase per failed comparison, each from its own message template; ``label``
    names each listed entry (reports give codes their titles)."""

    def named(value: Any) -> Any:
        return tuple(label(v) for v in value) if isinstance(value, tuple) else value

    return [
        fill_template(
            _(MESSAGES[f"gap.{g.criterion}"]), {"required": named(g.required), "shortfall": named(g.shortfall)}
        )
        for g in gaps
    ]


def _values(settings: ValueCheck, value: Any, criteria: list[str]) -> dict[str, Any]:
    # `path_title` names a code in the path (`certifications.X`); the engine fills it in.
    return {"path": settings.path, "path_title": "", "declared": _show(value), "criteria": criteria}


def _required(settings: ValueCheck, name: str, context: Context) -> Any:
    """What a met comparison asked for, as its ``met.*`` message says it."""
    if name in ("min", "max"):
        return plain(context.threshold(getattr(settings, name)))
    return len(settings.includes or []) if name == "includes" else ""


def _criteria_names(settings: ValueCheck) -> list[str]:
    return [name for name in COMPARISONS if getattr(settings, name) is not None]


def _min(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    required, declared = context.threshold(settings.min), _number(value)  # type: ignore[arg-type]
    if declared >= required:
        return None
    return gap("min", required, declared, required - declared, _unit(settings.path))


def _max(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    limit, declared = context.threshold(settings.max), _number(value)  # type: ignore[arg-type]
    return gap("max", limit, declared, declared - limit, _unit(settings.path)) if declared > limit else None


def _equals(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    if _same(value, settings.equals):
        return None
    return gap("equals", _show(settings.equals), _show(value), None, _unit(settings.path))


def _one_of(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    options = settings.one_of or []
    if any(_same(value, option) for option in options):
        return None
    return gap("one_of", [_show(o) for o in options], _show(value), None, _unit(settings.path))


def _includes(settings: ValueCheck, value: Any, context: Context) -> Gap | None:
    wanted = settings.includes or []
    present = list(value.keys()) if isinstance(value, dict) else list(value) if isinstance(value, list) else [value]
    declared = [any(_same(p, entry) for p in present) for entry in wanted]
    found = [entry for entry, there in zip(wanted, declared, strict=True) if there]
    absent = [entry for entry, there in zip(wanted, declared, strict=True) if not there]
    if not absent:
        return None
    # Declared: the required entries that are there; other entries do not close the gap.
    shown = ([_show(e) for e in wanted], [_show(f) for f in found], [_show(a) for a in absent])
    return gap("includes", *shown, "entries")


# ``exists`` needs no entry: a present value satisfies it, an absent one is handled above.
_COMPARISONS: tuple[tuple[str, Callable[[ValueCheck, Any, Context], Gap | None]], ...] = (
    ("min", _min),
    ("max", _max),
    ("equals", _equals),
    ("one_of", _one_of),
    ("includes", _includes),
)


def _number(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _NotANumber
    return to_fraction(value)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        # NaN equals nothing, and a number pkcheck cannot compute with matches no entry.
        usable = number_problem(left) is None and number_problem(right) is None
        return usable and to_fraction(left) == to_fraction(right)
    return str(left) == str(right) if isinstance(left, str) and isinstance(right, str) else False


def _show(value: Any) -> Any:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if 0 < len(value) <= 4 else f"a list of {len(value)} entries"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else str(float(value))
    if isinstance(value, int) and number_problem(value) is not None:
        return "a number larger than 10^308"
    return value if isinstance(value, (int, str)) else str(value)


# What `_show` says of a value that is not one to write out, in the language of the message (the
# report's values keep the English).
_DECLARED_WORDS = {
    "absent": N_("absent"),
    "a mapping": N_("a mapping"),
    "a number larger than 10^308": N_("a number larger than 10^308"),
}
_A_LIST = re.compile(r"a list of ([0-9]+) entries")


def _declared_words(shown: Any) -> Any:
    if not isinstance(shown, str):
        return shown
    listed = _A_LIST.fullmatch(shown)
    if listed is not None:
        size = int(listed.group(1))
        return ngettext("a list of {count} entry", "a list of {count} entries", size).format(count=number(size))
    return _(_DECLARED_WORDS[shown]) if shown in _DECLARED_WORDS else shown


def _unit(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    if last.endswith("_days"):
        return "days"
    if last.endswith("_minutes"):
        return "minutes"
    return "personnel" if path.startswith("personnel.") else "value"


def describe(settings: ValueCheck) -> str:
    parts = []
    if settings.min is not None:
        parts.append(fill_template(_("at least {minimum}"), {"minimum": settings.min}))
    if settings.max is not None:
        parts.append(fill_template(_("at most {maximum}"), {"maximum": settings.max}))
    if settings.equals is not None:
        parts.append(_("equal to {value}").format(value=repr(settings.equals)))
    if settings.one_of is not None:
        parts.append(_("one of {values}").format(values=", ".join(map(str, settings.one_of))))
    if settings.includes is not None:
        parts.append(_("including {values}").format(values=", ".join(map(str, settings.includes))))
    if settings.exists:
        parts.append(_("declared"))
    return _("value: `{path}` {conditions}").format(path=settings.path, conditions=_(" and ").join(parts))


def fill(settings: ValueCheck, context: Context, draft: Draft) -> None:
    segments = settings.path.split(".")
    container, key = slot(draft, segments)
    if container is None:
        return  # a list position names no field a template can hold: the template says so
    kind = field_type(settings.path)
    if settings.min is not None:
        raise_to(container, key, count(context, settings.min, draft))
    if settings.max is not None:
        lower_to(container, key, floor(context, settings.max, draft))
    if settings.equals is not None:
        set_value(container, key, settings.equals, kind, settings.path, draft)
    if settings.one_of is not None and container.get(key) not in settings.one_of:
        set_value(container, key, settings.one_of[0], kind, settings.path, draft)
    if settings.includes is not None:
        include(container, key, kind, settings.includes, draft.as_of)
    if settings.exists and key not in container:
        container[key] = sample(kind, draft.as_of)
    draft.need(tuple(segments))


def code_uses(settings: Mapping[str, Any]) -> Iterator[CodeUse]:
    """A code in the path (``certifications.X``), and the codes compared with at a path of codes."""
    path = settings.get("path")
    if not isinstance(path, str):
        return
    for section, code in path_codes(path):
        yield CodeUse(section, code, ("path",))
    compared = VALUE_PATHS.get(tuple(path.split(".")))
    if compared is None:
        return
    for key in ("equals", "one_of", "includes"):
        yield from codes_at(settings, key, compared)


def titled(settings: ValueCheck, values: Mapping[str, Any], gaps: tuple[Gap, ...], vocabulary: Codes) -> dict[str, Any]:
    shown = dict(values)
    if "path" in values:
        named = [vocabulary.title(section, code) for section, code in path_codes(str(values["path"]))]
        shown["path_title"] = f" ({named[0]})" if named and named[0] else ""
    if "declared" in values:
        shown["declared"] = _declared_words(values["declared"])
    section = VALUE_PATHS.get(tuple(settings.path.split(".")))
    if "problems" in values and section is not None:
        shown["problems"] = problems(gaps, lambda code: vocabulary.label(section, code))
    return shown


def pieces(finding: Finding) -> Iterator[Piece]:
    """Entries to list (one unit lacking each), a declared amount to raise or lower, and values
    that are absent or not allowed (one unit each), titled by the vocabulary or the requirement."""
    path = str(finding.values.get("path", finding.requirement))
    # A path is titled by the vocabulary where it names a code, else by the requirement: a
    # register line is never a bare path.
    title = finding.titles.get(path.rsplit(".", 1)[-1]) or finding.title
    for found in finding.gaps:
        if isinstance(found.shortfall, tuple):
            for entry in found.shortfall:
                yield Piece("entry", f"{path}.{entry}", finding.titles.get(entry), "units", 1, adds=True)
        elif isinstance(found.shortfall, (int, float)):
            # People add up across units; days, minutes and a value of unknown measure do not.
            yield Piece(NAME, path, title, found.unit, found.shortfall, adds=found.unit == "personnel")
        else:
            kind = "missing" if found.criterion == "exists" else "nonconforming"
            yield Piece(kind, path, title, "units", 1, adds=True)


def reads(settings: ValueCheck) -> tuple[PathSegment, ...]:
    return path_segments(settings.path)


def lint(settings: ValueCheck) -> Iterator[tuple[tuple[PathSegment, ...], str]]:
    problem = path_problem(settings.path)
    if problem:
        yield ("path",), f"path `{settings.path}` cannot exist in a declaration: {problem}"


KIND = Kind(
    name=NAME,
    settings=ValueCheck,
    check=check,
    doc=__doc__ or "",
    messages=MESSAGES,
    describe=describe,
    fill=fill,
    pieces=pieces,
    examples=(
        {"path": "sustainment.water_days", "min": 14, "max": 60},
        {"path": "self_sustainment", "includes": ["catering"]},
        {"path": "unit.mission", "one_of": ["unmiss"], "exists": True},
        {"path": "medical.facility", "equals": "level-1"},
    ),
    codes=code_uses,
    titled=titled,
    thresholds={"min": MINIMUM, "max": MAXIMUM},
    all_of=frozenset({"includes"}),
    any_of=frozenset({"one_of"}),
    added_tightens=frozenset({"equals", "exists"}),
    reads=reads,
    lint=lint,
)
