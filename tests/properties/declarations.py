"""Hypothesis strategies for valid declarations, built field by field from
``pkcheck.models.declaration`` with the codes of the shipped vocabulary, and a checker that
runs them through the same pipeline as ``pkcheck check``."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from pkcheck import api
from pkcheck.engine import Settings, check_file
from pkcheck.models.common import MAX_COUNT
from pkcheck.models.declaration import Declaration
from pkcheck.report import Result

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)
_VOCABULARY = YAML(typ="safe", pure=True).load((REPO / "standards" / "vocabulary.yaml").read_text(encoding="utf-8"))


def _codes(section: str) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(_VOCABULARY[section]))


COUNTS = st.integers(0, 2000) | st.sampled_from([0, 1, MAX_COUNT])
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


def _unit() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": st.just("XT-PROP-01"), "country": st.sampled_from(["XT", "XA"]), "type": _codes("unit_types")},
        optional={"mission": _codes("missions"), "tour_months": st.integers(1, 60), "deployment_date": DATES.map(str)},
    )


@st.composite
def _personnel(draw: st.DrawFn) -> dict[str, Any]:
    total = draw(COUNTS)
    found: dict[str, Any] = {"total": total, "women": draw(st.integers(0, total))}
    found["roles"] = draw(st.dictionaries(_codes("roles"), st.integers(0, max(total, 1)), max_size=4))
    found["languages"] = draw(st.dictionaries(_codes("languages"), st.integers(0, max(total, 1)), max_size=2))
    return found


@st.composite
def _training(draw: st.DrawFn) -> dict[str, Any]:
    completed = draw(DATES)
    entry = {"course": draw(_codes("courses")), "trained": draw(COUNTS), "completed": str(completed)}
    if draw(st.booleans()):
        entry["expires"] = str(completed + dt.timedelta(days=draw(st.integers(0, 2000))))
    if draw(st.booleans()):
        entry["role"] = draw(_codes("roles"))
    return entry


@st.composite
def _equipment(draw: st.DrawFn) -> dict[str, Any]:
    quantity = draw(COUNTS)
    line: dict[str, Any] = {"item": draw(_codes("items")), "quantity": quantity}
    if draw(st.booleans()):
        line["serviceable"] = draw(st.integers(0, quantity))
    if draw(st.booleans()):
        line["lease"] = draw(st.sampled_from(["wet", "dry"]))
    return line


def _medical() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "facility": st.sampled_from(["none", "basic", "level-1", "level-2", "level-2-plus", "level-3"]),
            "staff": st.dictionaries(_codes("roles"), COUNTS, max_size=4),
            "beds": COUNTS,
            "outpatients_per_day": COUNTS,
            "surgeries_per_day": COUNTS,
            "supply_days": COUNTS,
            "capabilities": st.lists(_codes("capabilities"), max_size=4, unique=True),
            "casevac_minutes": st.dictionaries(
                st.sampled_from(["first-responder", "damage-control-surgery"]), COUNTS, max_size=2
            ),
        },
    )


@st.composite
def _certification(draw: st.DrawFn) -> dict[str, Any]:
    issued = draw(DATES)
    found: dict[str, Any] = {"issued": str(issued)}
    if draw(st.booleans()):
        found["expires"] = str(issued + dt.timedelta(days=draw(st.integers(0, 2000))))
    return found


def declarations() -> st.SearchStrategy[dict[str, Any]]:
    """A valid declaration as plain data (dates as ``YYYY-MM-DD`` text); every section but
    ``unit`` may be left out."""
    return st.fixed_dictionaries(
        {"pkcheck": st.just("declaration/v1"), "unit": _unit()},
        optional={
            "personnel": _personnel(),
            "training": st.lists(_training(), max_size=5),
            "equipment": st.lists(_equipment(), max_size=6),
            "medical": _medical(),
            "self_sustainment": st.lists(_codes("self_sustainment"), max_size=4, unique=True),
            "certifications": st.dictionaries(_codes("certifications"), _certification(), max_size=3),
            "sustainment": st.fixed_dictionaries(
                {}, optional=dict.fromkeys(("water_days", "rations_days", "fuel_days", "ammunition_days"), COUNTS)
            ),
        },
    )


@cache
def shipped() -> Settings:
    """``pkcheck.api.settings`` for the shipped standards, built once: the checks then run
    exactly as ``pkcheck.api.check`` runs them, without reloading the standards each time."""
    return api.settings(as_of=AS_OF)


def write(folder: str, name: str, data: dict[str, Any], as_json: bool = False) -> str:
    path = os.path.join(folder, name + (".json" if as_json else ".yaml"))
    with open(path, "w", encoding="utf-8") as handle:
        if as_json:
            json.dump(data, handle)
        else:
            YAML(typ="safe", pure=True).dump(data, handle)
    return path


def check(data: dict[str, Any], as_json: bool = False) -> Result:
    """The result of checking ``data`` written to a file of its own."""
    with tempfile.TemporaryDirectory() as folder:
        return check_file(write(folder, "declaration", data, as_json), shipped())


def statuses(result: Result) -> dict[str, str]:
    return {finding.requirement: finding.status.value for finding in result.findings}


def is_valid(data: dict[str, Any]) -> bool:
    """Whether the models accept ``data`` (the strategy aims at valid data; the few it misses,
    such as a role count above the total, are left to the models to judge)."""
    try:
        Declaration.model_validate(data)
    except ValueError:
        return False
    return True
