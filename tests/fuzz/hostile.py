"""Hypothesis strategies for the campaign: hostile text, extreme values and odd file names, put
into every field of declarations, standards and waivers (a ``World``).

Declarations start from the valid ones of ``tests/properties/declarations.py`` and are then
poisoned: text with terminal escapes, CI workflow commands after a line break, bidi controls
and Markdown, HTML or spreadsheet markup goes into every text field, code, key and file name;
dates at the ends of the calendar and numbers beyond any range go into every date and number.
Some of it is valid (a unit name may say anything) and must come out intact and inert; some of
it is not (a course code cannot hold an escape sequence) and must come out as a located error,
whose message quotes it and so must be just as inert.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from typing import Any

from hypothesis import strategies as st
from mutations import REPO
from world import Raw, World, dump

sys.path.insert(0, str(REPO / "tests" / "properties"))
from declarations import declarations as valid_declarations

# Text a file may carry that a terminal, a CI runner, a Markdown or HTML renderer or a
# spreadsheet would act on, and characters that are hard to carry at all.
HOSTILE = [
    "\x1b]0;pwned\x07",  # window title
    "\x1b]52;c;cHduZWQ=\x07",  # clipboard write
    "\x1b]8;;https://example.invalid\x1b\\link\x1b]8;;\x1b\\",  # hyperlink
    "\x1b[2J\x1b[H",  # clear screen
    "\x1b[31m",
    "\x9b31m",  # C1 control sequence introducer
    "\x9d0;t\x9c",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\r",
    "\x7f",
    "\x85",
    "\x00",
    "\x01",
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2067",
    "\u2069",
    "\u200f",
    "\u2028",
    "\ufeff",
    "\n::error::x",
    "\n::add-mask::x",
    "\n  ::warning file=a::b",
    "\n::error file=a,line=1,col=1,title=t::m",
    "\n##[add-mask]x",
    "##[group]x",
    "\r::error::x",
    "\u2028::error::x",
    "\x85::error::x",
    "\n\u00a0::error::x",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![i](https://example.invalid/i.png)",
    "[l](javascript:alert(1))",
    "@octocat",
    "<!-- c -->",
    "<br>",
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    ";=1+1;",
    "|",
    "`",
    "\\",
    "%0A",
    "&lt;",
    "]]>",
    '"',
    "'",
    "*x*",
    "\u00a0",
    "\U0001f600",
    "é",
    "\ufdd0",
]
_WORDS = st.sampled_from(["x", "1st Battalion", "A", " ", "Field hospital"])

_MANY_DIGITS = Raw("1" + "0" * 5000)  # past Python's 4,300-digit limit for int <-> text
NUMBERS = [
    Raw("1e400"),
    Raw("-1e400"),
    Raw(".inf"),
    Raw("-.inf"),
    Raw(".nan"),
    Raw("-0.0"),
    _MANY_DIGITS,
    Raw("1e-400"),
    10_000_000,
    10_000_001,
    2**63,
    2**64 + 1,
    -1,
    0,
    1,
    0.5,
    1e308,
    5e-324,
]
DATES = [
    Raw(text)
    for text in (
        "0001-01-01",
        "0001-06-30",
        "9999-12-31",
        "9999-12-01",
        "2024-02-29",
        "2000-02-29",
        "2023-02-29",
        "0000-01-01",
        "10000-01-01",
    )
]
AS_OF = ["2026-11-26", "0001-01-01", "9999-12-31", "2024-02-29", "9999-11-30", "0001-12-31"]
EXPRESSIONS = [
    "1e5000",
    "ceil(1e5000 / 3)",
    "personnel.total * 1e4400",
    "1e400",
    "max(1e300 * 1e300, 1)",
    "p_big * p_big * 1e29",
    "ceil(personnel.total / p_a)",
    'value("x-fz.score")',
    'ceil(value("x-fz.score") * 2)',
    "personnel.total / p_zero",
    "floor(-1)",
    "tour_months * 1e29 * 1e29",
]


def rarely(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any], odds: int = 4) -> st.SearchStrategy[Any]:
    """``odd`` once in ``odds + 1`` draws, else ``usual`` (towards which examples shrink): a
    standard or waivers file refused for one odd value would hide everything after it."""
    return st.integers(0, odds).flatmap(lambda roll: odd if roll == odds else usual)


# Half the text is hostile: an input shrinks to one with hostile text only where it matters.
TEXTS = rarely(
    _WORDS, st.lists(st.sampled_from(HOSTILE) | st.text(max_size=6) | _WORDS, min_size=1, max_size=4).map("".join), 1
)
TEXTS = TEXTS.map(lambda text: text or "x")
numbers = st.sampled_from(NUMBERS) | st.integers(0, 100)
dates = st.sampled_from(DATES) | st.dates().map(lambda day: Raw(day.isoformat()))
thresholds = rarely(st.integers(0, 50), numbers | st.sampled_from(EXPRESSIONS), 1)
ratios = rarely(st.sampled_from([1.0, 0.5, 0.0]), st.sampled_from([Raw(".nan"), Raw("1e400"), Raw("-0.0"), 1.5]))
scalars = TEXTS | numbers | st.booleans()
_USUAL_DATES = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(lambda day: Raw(day.isoformat()))
SEVERITIES = ["critical", "major", "minor", "advisory"]
UNIT_TYPE = "fz-unit"  # the generated standard's unit type
UNIT_TYPES = [
    UNIT_TYPE,
    "infantry-battalion",
    "formed-police-unit",
    "level-1-hospital",
    "level-2-hospital",
]  # with a standard

# File names: pieces a file system allows but a report must show safely.
NAME_PIECES = [
    "unit",
    " ",
    ";=1+1;",
    "=1+1",
    "-",
    "--help",
    "\\",
    "\x1b]0;t\x07",
    "\x1b[2J",
    "\n::error::x",
    "\n##[add-mask]x",
    "\udcff",
    "\udce9",
    "\u202e",
    "é",
    "@x",
    "`",
    "|",
    "<b>",
    "#",
    "%0A",
    "'",
    '"',
    "\r",
    "\x07",
    "\x9b",
    "a" * 200,
]


@st.composite
def file_names(draw: st.DrawFn, suffixes: tuple[str, ...] = (".yaml", ".yml", ".json")) -> str:
    """A file name of up to 255 bytes ending in one of ``suffixes``; not hidden (a leading dot
    would make pkcheck skip it)."""
    piece = rarely(st.sampled_from(["unit", "pledge", "x"]), st.sampled_from(NAME_PIECES), 2)
    stem = "".join(draw(st.lists(piece, min_size=1, max_size=3)))
    suffix = draw(st.sampled_from(suffixes))
    while len(_name_bytes(stem + suffix)) > 255:
        stem = stem[:-1]
    return (stem.lstrip(".") or "unit") + suffix


def _name_bytes(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


# --- declarations ---------------------------------------------------------------------------


def _mappings(data: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(data, dict):
        found.append(data)
        for value in data.values():
            found += _mappings(value)
    elif isinstance(data, list):
        for value in data:
            found += _mappings(value)
    return found


@st.composite
def _poison(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """One hostile or extreme edit of a declaration, in place."""
    unit = data["unit"]
    edit = draw(
        st.sampled_from(
            [
                "name",
                "id",
                "code",
                "deployment",
                "tour",
                "training",
                "count",
                "certificate",
                "x-key",
                "unknown-key",
                "x-fz",
                "x-fz",
            ]
        )
    )
    if edit == "name":
        unit["name"] = draw(TEXTS)
    elif edit == "id":
        unit["id"] = draw(TEXTS)
    elif edit == "code":
        slot = draw(st.sampled_from(["type", "mission", "course", "item", "role"]))
        if slot in ("type", "mission"):
            unit[slot] = draw(TEXTS)
        elif slot == "role":
            data.setdefault("personnel", {"total": 10}).setdefault("roles", {})[draw(TEXTS)] = 1
        else:
            section, entry = (
                ("training", {"trained": 1, "completed": "2026-01-01"})
                if slot == "course"
                else ("equipment", {"quantity": 1})
            )
            data.setdefault(section, []).append({slot: draw(TEXTS), **entry})
    elif edit == "deployment":
        unit["deployment_date"] = draw(dates)
    elif edit == "tour":
        unit["tour_months"] = draw(st.sampled_from([1, 60, 61, 0, Raw(".inf"), Raw("1e400")]))
    elif edit == "training":
        entry = {
            "course": draw(st.sampled_from(["unit-pdt", "weapons-qualification", "un-bfac", "fz-course"])),
            "trained": 1,
            "completed": draw(dates),
        }
        if draw(st.booleans()):
            entry["expires"] = draw(dates)
        data.setdefault("training", []).append(entry)
    elif edit == "count":
        section = draw(st.sampled_from(["personnel", "equipment", "training", "medical"]))
        if section == "personnel":
            data.setdefault("personnel", {})["total"] = draw(numbers)
        elif section == "medical":
            data.setdefault("medical", {})["beds"] = draw(numbers)
        elif section == "equipment":
            data.setdefault("equipment", []).append({"item": "fz-item", "quantity": draw(numbers)})
        else:
            data.setdefault("training", []).append(
                {"course": "fz-course", "trained": draw(numbers), "completed": "2026-01-01"}
            )
    elif edit == "certificate":
        certificate = {"issued": draw(dates), "by": draw(TEXTS)}
        if draw(st.booleans()):
            certificate["expires"] = draw(dates)
        data.setdefault("certifications", {})[draw(st.sampled_from(["operational-readiness", "fz-cert"]))] = certificate
    elif edit in ("x-key", "unknown-key"):
        target = draw(st.sampled_from(_mappings(data)))
        key = ("x-" if edit == "x-key" else "") + draw(TEXTS)
        target[key] = draw(scalars | st.lists(scalars, max_size=2))
    else:
        data["x-fz"] = {"score": draw(numbers), "label": draw(TEXTS), "flags": draw(st.lists(scalars, max_size=2))}


@st.composite
def declarations(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A file name and a declaration: a valid one, of the generated standard's unit type or a
    shipped one, with up to four hostile or extreme edits."""
    data = copy.deepcopy(draw(valid_declarations()))
    data["unit"]["type"] = draw(st.sampled_from(UNIT_TYPES))
    if data["unit"]["type"] == UNIT_TYPE:
        data["unit"].pop("mission", None)
    if "personnel" not in data and draw(st.integers(0, 3)):
        data["personnel"] = {"total": draw(st.integers(1, 100))}  # most checks need it to look at anything
    for _ in range(draw(st.integers(0, 4))):
        draw(_poison(data))
    return draw(file_names()), data


# --- standards ------------------------------------------------------------------------------

_PATHS = [
    "x-fz.score",
    "x-fz.label",
    "x-fz.flags",
    "personnel.total",
    "unit.deployment_date",
    "unit.name",
    "unit.tour_months",
]


@st.composite
def _check(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["training", "equipment", "medical", "value", "value"]))
    if kind == "training":
        check: dict[str, Any] = {"course": draw(st.sampled_from(["un-cptm", "unit-pdt", "fz-course"]))}
        if draw(st.booleans()):
            check["coverage"] = draw(ratios)
        else:
            check["count"] = draw(thresholds)
        if draw(st.booleans()):
            check["valid_through"] = "tour"
        if draw(st.booleans()):
            check["max_age_months"] = draw(st.sampled_from([0, 1, 6, 600, 601]))
        return {"training": check}
    if kind == "equipment":
        check = {"item": draw(st.sampled_from(["apc-tracked", "fz-item"])), "quantity": draw(thresholds)}
        if draw(st.booleans()):
            check["serviceable"] = draw(ratios)
        return {"equipment": check}
    if kind == "medical":
        field = draw(st.sampled_from(["beds", "supply_days", "staff", "casevac_minutes"]))
        value = draw(thresholds)
        return {
            "medical": {
                field: {"nurse" if field == "staff" else "first_aid": value}
                if field in ("staff", "casevac_minutes")
                else value
            }
        }
    check = {"path": draw(st.sampled_from(_PATHS))}
    comparison = draw(st.sampled_from(["min", "max", "equals", "one_of", "includes", "exists"]))
    if comparison in ("min", "max"):
        check[comparison] = draw(thresholds)
    elif comparison == "equals":
        check[comparison] = draw(scalars | st.just(Raw(".nan")))
    elif comparison == "exists":
        check[comparison] = True
    else:
        check[comparison] = draw(st.lists(scalars | st.just(Raw(".nan")), min_size=1, max_size=3))
    return {"value": check}


_CATEGORIES = ["training", "equipment", "medical", "personnel", "sustainment", "conduct"]


@st.composite
def _requirement(draw: st.DrawFn, number: int) -> dict[str, Any]:
    requirement: dict[str, Any] = {
        "id": f"FZ-REQ-{number:03d}",
        "title": draw(TEXTS),
        "category": draw(st.sampled_from(_CATEGORIES)),
        "severity": draw(st.sampled_from(SEVERITIES)),
    }
    for key in ("description", "rationale", "remediation"):
        if draw(st.booleans()):
            requirement[key] = draw(TEXTS)
    if draw(st.booleans()):
        requirement["references"] = ["fz-ref"]
    if draw(st.integers(0, 9)) == 0:
        requirement["waivable"] = False
    requirement["check"] = draw(_check())
    return requirement


@st.composite
def _standard(draw: st.DrawFn) -> dict[str, Any]:
    standard: dict[str, Any] = {
        "pkcheck": "standard/v1",
        "id": "fz-standard",
        "version": "1.0.0",
        "title": draw(TEXTS),
        "unit_types": [UNIT_TYPE],
        "parameters": {"p_a": draw(rarely(st.integers(1, 100), numbers)), "p_big": 10_000_000, "p_zero": 0},
        "references": {"fz-ref": {"title": draw(TEXTS), "url": "https://example.invalid/standard"}},
        "requirements": [draw(_requirement(number)) for number in range(1, draw(st.integers(1, 4)) + 1)],
        "vocabulary": {
            "unit_types": {UNIT_TYPE: draw(TEXTS)},
            "courses": {"fz-course": draw(TEXTS)},
            "items": {"fz-item": {"title": draw(TEXTS), "coe_category": "fz-category"}},
        },
    }
    if draw(st.booleans()):
        standard["description"] = draw(TEXTS)
    if draw(st.booleans()):
        standard["extends"] = "un-core-contingent"
    if draw(st.booleans()):
        standard["effective"] = draw(rarely(_USUAL_DATES, dates))
    return standard


@st.composite
def _new_version(draw: st.DrawFn, old: dict[str, Any]) -> dict[str, Any]:
    """The next version of a standard: thresholds, severities and titles changed, a
    requirement removed or added, an inherited one overridden or removed."""
    new = copy.deepcopy(old)
    new["version"] = draw(st.sampled_from(["1.0.1", "2.0.0", "1.0.0"]))
    for requirement in new["requirements"]:
        change = draw(st.sampled_from(["none", "severity", "title", "check"]))
        if change == "severity":
            requirement["severity"] = draw(st.sampled_from(SEVERITIES))
        elif change == "title":
            requirement["title"] = draw(TEXTS)
        elif change == "check":
            requirement["check"] = draw(_check())
    if len(new["requirements"]) > 1 and draw(st.booleans()):
        new["requirements"].pop()
    if draw(st.booleans()):
        new["requirements"].append(draw(_requirement(9)))
    new["parameters"]["p_a"] = draw(rarely(st.integers(1, 100), numbers))
    if "extends" in new and draw(st.booleans()):
        new["overrides"] = {"CORE-TRN-001": {"severity": draw(st.sampled_from(SEVERITIES)), "title": draw(TEXTS)}}
        new["removes"] = {"CORE-PER-001": draw(TEXTS)}
    return new


@st.composite
def _waivers(draw: st.DrawFn, unit_ids: list[str]) -> dict[str, Any]:
    requirements = rarely(st.sampled_from(["FZ-REQ-001", "FZ-REQ-002", "CORE-TRN-001", "INF-EQP-001"]), TEXTS)
    units = rarely(st.sampled_from(["*", *unit_ids]), TEXTS)
    waiver = st.fixed_dictionaries(
        {
            "requirement": requirements,
            "unit": units,
            "reason": TEXTS,
            "approved_by": TEXTS,
            "expires": rarely(_USUAL_DATES, dates),
        }
    )
    return {"pkcheck": "waivers/v1", "waivers": draw(st.lists(waiver, min_size=1, max_size=3))}


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """A folder of one to three declarations, a standard in two versions, maybe waivers, and
    the as-of date and --fail-on severity to check them with."""
    files: dict[str, str] = {}
    unit_ids = []
    for _ in range(draw(st.integers(1, 3))):
        name, data = draw(declarations())
        files[name] = dump(data, as_json=name.endswith(".json"))
        unit_ids.append(str(data["unit"].get("id")))
    old = draw(_standard())
    new = draw(_new_version(old))
    waivers = dump(draw(_waivers(unit_ids))) if draw(st.booleans()) else None
    return World(
        declarations=files,
        old_standard=dump(old),
        new_standard=dump(new),
        waivers=waivers,
        as_of=draw(st.sampled_from(AS_OF) | st.dates().map(lambda day: day.isoformat())),
        fail_on=draw(st.sampled_from([*SEVERITIES, "never"])),
        standard_name=draw(file_names((".yaml",))),
        waivers_name=draw(file_names((".yaml",))),
    )
