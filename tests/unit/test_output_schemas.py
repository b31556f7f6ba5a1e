"""The JSON outputs of `gaps`, `diff`, `test` and `progress` are what their schemas (`pkcheck schema gaps`,
`diff`, `test-report`, `progress`) describe, on real runs over the examples, the shipped standards and test
data; and every key of every schema pkcheck serves is described."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.cli.schema import SchemaKind
from pkcheck.enums import OUTPUT_KINDS
from pkcheck.schemas import KINDS, MODELS

ROOT = Path(__file__).resolve().parents[2]
INVALID = "tests/data/inputs/negative-count.yaml"
DIFF = "tests/data/diff/composition"
SUITES = "tests/data/suites"

# name -> (the command's arguments, its exit code): each run is validated against its schema.
RUNS: dict[str, tuple[tuple[str, ...], int]] = {
    "gaps-examples": (("gaps", "examples/", "--waivers", "examples/waivers.yaml", "--as-of", "2026-11-26"), 0),
    "gaps-filtered-with-invalid": (("gaps", "examples/", INVALID, "--category", "equipment", "--severity", "major"), 2),
    "gaps-by-country": (("gaps", "examples/", "--country", "xc", "--country", "XD"), 0),
    "diff-overlay-against": (
        (
            "diff",
            "un-infantry-battalion",
            "standards/un-infantry-battalion-high-threat.yaml",
            "--against",
            "examples/",
            "--against",
            INVALID,
            "--as-of",
            "2026-11-26",
        ),
        2,
    ),
    "diff-removed": (("diff", f"{DIFF}/old.yaml", f"{DIFF}/new.yaml", "--standards-path", f"{DIFF}/lib"), 0),
    "diff-schedules": (("diff", "tests/data/diff/schedules/old.yaml", "tests/data/diff/schedules/new.yaml"), 0),
    "diff-upcoming": (
        (
            "diff",
            *("dated-targets",) * 2,
            "--standards-path",
            "tests/data/dated",
            "--upcoming",
            "14m",
            "--as-of",
            "2026-11-26",
        ),
        0,
    ),
    "mou-diff-against": (
        (
            "diff",
            "examples/mous/mou-xa-inf-01.yaml",
            "tests/data/mou-diff/amendment-2.yaml",
            "--against",
            "examples/",
            "--against",
            INVALID,
            "--as-of",
            "2026-11-26",
        ),
        0,
    ),
    "mou-diff-rules": (("diff", "tests/data/mou-diff/rules-old.yaml", "tests/data/mou-diff/rules-new.yaml"), 0),
    "test-shipped": (("test", "standards/tests"), 0),
    "progress-example": (
        (
            "progress",
            "examples/progress/2027-07-01.json",
            "examples/progress/2026-06-01.json",
            "examples/progress/2026-11-26.json",
        ),
        0,
    ),
    "match-examples": (
        (
            "match",
            "examples/",
            "--offers",
            "examples/offers.yaml",
            "--waivers",
            "examples/waivers.yaml",
            "--as-of",
            "2026-11-26",
        ),
        0,
    ),
    "match-with-invalid": (
        ("match", "examples/xd-inf-04-high-threat-not-ready.yaml", INVALID, "--offers", "examples/offers.yaml"),
        2,
    ),
    "test-failing-and-broken": (("test", "--standards-path", f"{SUITES}/standards", SUITES), 2),
}


def _schema_of(name: str) -> str:
    if name.startswith("mou-diff-"):
        return "mou-diff"
    return {"gaps": "gaps", "diff": "diff", "test": "test-report", "progress": "progress", "match": "match"}[
        name.partition("-")[0]
    ]


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, Any]]:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        found = {}
        for name, (args, code) in RUNS.items():
            run = CliRunner().invoke(app, [*args, "--format", "json"], env={"PKCHECK_STANDARDS_PATH": ""})
            assert run.exit_code == code, (name, run.output)
            found[name] = json.loads(run.stdout)
        return found
    finally:
        os.chdir(here)


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = CliRunner().invoke(app, ["schema", kind]).stdout
    return jsonschema.Draft202012Validator(
        json.loads(schema), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("name", sorted(RUNS))
def test_real_outputs_validate_against_their_schema(outputs: dict[str, dict[str, Any]], name: str) -> None:
    document = outputs[name]
    assert document["pkcheck"] == KINDS[_schema_of(name)][0].value
    assert [e.message for e in _validator(_schema_of(name)).iter_errors(document)] == []


def test_the_outputs_exercise_the_optional_parts_of_the_schemas(outputs: dict[str, dict[str, Any]]) -> None:
    """The documents validated above hold what is null or empty in simpler runs, so the schemas
    are tested on it."""
    gaps = outputs["gaps-filtered-with-invalid"]
    assert gaps["invalid"] and gaps["filters"]["categories"] == ["equipment"]
    assert outputs["gaps-by-country"]["filters"]["countries"] == ["XC", "XD"]
    assert outputs["gaps-examples"]["evidence_missing"] and outputs["gaps-examples"]["coe_categories"]
    assert any(line["coe_category"] is None for line in outputs["gaps-examples"]["lines"])
    against = outputs["diff-overlay-against"]["against"]
    assert against["units"] and against["invalid"] and outputs["diff-overlay-against"]["parameters"]
    removed = outputs["diff-removed"]["removed"]
    assert any(r["reason"] for r in removed) and any(r["location"] is None for r in removed)
    assert outputs["diff-removed"]["against"] is None
    assert any(isinstance(p["old"], list) for p in outputs["diff-schedules"]["parameters"])
    assert {i["event"] for i in outputs["diff-upcoming"]["upcoming"]["items"]} == {"starts", "ends", "value"}
    mou = outputs["mou-diff-against"]
    assert mou["against"]["units"] and mou["against"]["not_covered"] and mou["lines"] and mou["categories"]
    assert outputs["mou-diff-rules"]["units"] and outputs["mou-diff-rules"]["new"]["mission"]
    cases = [c for s in outputs["test-failing-and-broken"]["suites"] for c in s["cases"]]
    assert {c["outcome"] for c in cases} == {"pass", "fail", "error"}
    assert any(s["coverage"] is None and s["errors"] for s in outputs["test-failing-and-broken"]["suites"])
    match = outputs["match-examples"]
    assert match["allocations"] and match["unused"] and match["units"] and match["countries"]
    assert any(g["notes"] for g in match["gaps"]) and any(o["place"] is None for o in match["offers"])
    assert any(a["why"]["language"] is None for a in match["allocations"])
    assert outputs["match-with-invalid"]["invalid"]


def test_the_diff_summary_counts_changed_requirements(outputs: dict[str, dict[str, Any]]) -> None:
    """`changed` counts requirements, as the schema says; fields changed in no known direction are
    `direction_unknown`."""
    for name in ("diff-overlay-against", "diff-removed"):
        document = outputs[name]
        summary = document["summary"]
        assert summary["changed"] == len(document["changed"])
        directions = [change["direction"] for item in document["changed"] for change in item["changes"]]
        for direction in ("tightened", "relaxed", "text"):
            assert summary[direction] == directions.count(direction)
        assert summary["direction_unknown"] == directions.count("changed")


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("gaps-examples", lambda d: d["lines"][0].update(extra=1)),
        ("gaps-examples", lambda d: d["lines"][0]["units"][0].pop("short")),
        ("diff-removed", lambda d: d["summary"].update(changed=-1)),
        ("diff-overlay-against", lambda d: d["changed"][0]["changes"][0].update(direction="looser")),
        ("test-shipped", lambda d: d["suites"][0]["cases"][0].update(outcome="passed")),
        ("mou-diff-rules", lambda d: d["lines"][0].update(change="lease changed")),
        ("mou-diff-against", lambda d: d["against"].pop("not_covered")),
        ("match-examples", lambda d: d["gaps"][0]["notes"].append({"offer": "X", "reason": "late"})),
        ("match-examples", lambda d: d["allocations"][0]["why"].update(rank="first")),
    ],
    ids=[
        "gaps-unknown-key",
        "gaps-missing-short",
        "diff-negative-count",
        "diff-direction",
        "test-outcome",
        "mou-diff-change",
        "mou-diff-missing-not-covered",
        "match-note-without-explanation",
        "match-rank",
    ],
)
def test_output_schemas_are_closed(outputs: dict[str, dict[str, Any]], name: str, change: Any) -> None:
    """A key the schema does not know, a key missing or a wrong value is refused."""
    document = json.loads(json.dumps(outputs[name]))
    change(document)
    assert list(_validator(_schema_of(name)).iter_errors(document))


def test_every_output_kind_has_a_schema() -> None:
    """What pkcheck writes has a schema, and `pkcheck schema` offers every schema there is."""
    assert {kind for kind, _ in KINDS.values()} >= set(OUTPUT_KINDS)
    assert {kind.value for kind in SchemaKind} == set(MODELS)


def _properties(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every property of every object of a schema, with where it is."""
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            yield f"{where}/properties/{name}", value
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", [kind.value for kind in SchemaKind])
def test_every_key_of_every_schema_is_described(kind: str) -> None:
    """`pkcheck schema KIND` describes each key it knows: what it means, its unit, its values."""
    schema = json.loads(CliRunner().invoke(app, ["schema", kind]).stdout)
    properties = list(_properties(schema, "#"))
    assert properties
    undescribed = [where for where, value in properties if not (isinstance(value, dict) and value.get("description"))]
    assert undescribed == []


def test_an_undescribed_key_is_found() -> None:
    """The walk above sees properties however deep, in `$defs` and in `anyOf` branches."""
    schema = {
        "properties": {"a": {"description": "A."}},
        "$defs": {"B": {"anyOf": [{"properties": {"c": {"type": "string"}}}, {"type": "null"}]}},
    }
    assert [where for where, value in _properties(schema, "#") if "description" not in value] == [
        "#/$defs/B/anyOf/0/properties/c"
    ]
