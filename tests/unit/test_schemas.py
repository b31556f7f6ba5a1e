"""The published JSON Schemas agree with the loader: one source of truth, checked on real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.schemas import MODELS, render, schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "standards").glob("*.yaml"))
# JSON has no comments, so a JSON example cannot name its schema in a first line; it is still
# validated against it.
JSON_EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _messages(errors) -> list[str]:
    """Every message, including those inside anyOf branches (optional sections are `X | null`)."""
    found = []
    for error in errors:
        found.append(error.message)
        found.extend(_messages(error.context or []))
    return found


def _as_json(path: Path) -> dict:
    # Through JSON, as an editor or check-jsonschema would see the file (dates as strings).
    return json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    """Each generated schema is itself valid JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(schema(kind))


def test_there_is_a_json_example() -> None:
    """The JSON examples below are validated only if there are some."""
    assert JSON_EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES + JSON_EXAMPLES, ids=lambda p: p.name)
def test_every_shipped_file_validates_against_its_schema(path: Path) -> None:
    """The examples and shipped standards, which the loader accepts, pass their schema too."""
    data = _as_json(path)
    kind = data["pkcheck"].split("/")[0]
    errors = [e.message for e in _validator(kind).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["unit"].update(nmae="x"), "'nmae' does not match any of the regexes: '^x-'"),
        (lambda d: d["equipment"][0].update(quantity="12"), "is not of type 'integer'"),
        (lambda d: d["personnel"].update(total=-1), "less than the minimum"),
        (lambda d: d["unit"].pop("id"), "'id' is a required property"),
        (lambda d: d.update(pkcheck="standard/v1"), "was expected"),
        (lambda d: d["unit"].update(pcrs_level=4), "is not one of [1, 2, 3, 'rdl']"),
        (lambda d: d["unit"].update(pcrs_level="2"), "is not one of [1, 2, 3, 'rdl']"),
        (lambda d: d["unit"].update(pcrs_level=True), "is not one of [1, 2, 3, 'rdl']"),
    ],
    ids=[
        "unknown-key",
        "quantity-as-text",
        "negative-count",
        "missing-unit-id",
        "wrong-kind",
        "pcrs-level-unknown",
        "pcrs-level-as-text",
        "pcrs-level-true",
    ],
)
def test_schema_rejects_what_the_loader_rejects(change, expected: str) -> None:
    """A declaration broken in a way the loader refuses is refused by the schema as well."""
    data = _as_json(ROOT / "examples" / "xa-inf-01-ready.yaml")
    change(data)
    messages = _messages(_validator("declaration").iter_errors(data))
    assert any(expected in m for m in messages), messages


def test_user_keys_are_allowed_by_the_schema() -> None:
    """`x-` keys are free at any level, as in the loader."""
    data = _as_json(ROOT / "examples" / "xa-inf-01-ready.yaml")
    data["x-note"] = {"any": "thing"}
    data["equipment"][0]["x-remarks"] = "checked"
    assert list(_validator("declaration").iter_errors(data)) == []


def test_schema_command_prints_the_schema() -> None:
    """`pkcheck schema declaration` prints the same schema as JSON."""
    result = CliRunner().invoke(app, ["schema", "declaration"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema("declaration")


def test_schema_command_refuses_an_unknown_kind() -> None:
    """An unknown kind is a usage error (exit 2)."""
    assert CliRunner().invoke(app, ["schema", "pledge"]).exit_code == 2


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_committed_schema_files_are_current(kind: str) -> None:
    """The schema files the examples point editors at are exactly what `pkcheck schema` prints
    (regenerate with `pkcheck schema KIND > pkcheck/schemas/KIND.schema.json`)."""
    committed = ROOT / "pkcheck" / "schemas" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == render(kind)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_shipped_files_name_their_schema_for_editors(path: Path) -> None:
    """Each example and shipped standard starts with a yaml-language-server line naming its schema."""
    kind = _as_json(path)["pkcheck"].split("/")[0]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../pkcheck/schemas/{kind}.schema.json"


SUITES = sorted((ROOT / "tests" / "data" / "suites").glob("*/**/*.test.yaml")) + sorted(
    (ROOT / "standards" / "tests").glob("*.test.yaml")
)
BROKEN_SUITES = ROOT / "tests" / "data" / "suites" / "errors"


@pytest.mark.parametrize("path", [p for p in SUITES if BROKEN_SUITES not in p.parents], ids=lambda p: p.name)
def test_test_suites_validate_against_their_schema(path: Path) -> None:
    """The test suites the loader accepts (shipped and test data) pass the `test` schema."""
    assert [e.message for e in _validator("test").iter_errors(_as_json(path))] == []


def test_test_suite_schema_rejects_an_unknown_key() -> None:
    """A misspelt key in a case, refused by the loader, is refused by the schema too."""
    data = _as_json(BROKEN_SUITES / "unknown-key.test.yaml")
    assert any(
        "'verdcit' does not match any of the regexes" in m for m in _messages(_validator("test").iter_errors(data))
    )


def _report(*args: str) -> dict:
    result = CliRunner().invoke(
        app, ["check", *args, "--as-of", "2026-11-26", "--format", "json"], env={"PKCHECK_STANDARDS_PATH": ""}
    )
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout)


REPORTS = {
    "examples": ("examples/",),
    "examples-with-waivers": ("examples/", "--waivers", "examples/waivers.yaml"),
    "invalid-declaration": (
        "tests/data/inputs/negative-count.yaml",
        "tests/data/inputs/missing-unit-id.yaml",
        "tests/data/inputs/syntax-unclosed-flow.yaml",
    ),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return {name: _report(*args) for name, args in REPORTS.items()}
    finally:
        os.chdir(here)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_real_reports_validate_against_the_report_schema(reports: dict[str, dict], name: str) -> None:
    """What `pkcheck check --format json` writes is exactly what the `report` schema describes."""
    assert [e.message for e in _validator("report").iter_errors(reports[name])] == []


def test_the_reports_exercise_the_optional_parts_of_the_schema(reports: dict[str, dict]) -> None:
    """The reports validated above hold a waiver, an invalid result and gaps, so the schema is
    tested on them and not only on the simplest report."""
    findings = [f for report in reports.values() for r in report["results"] for f in r["findings"]]
    assert any("waiver" in f for f in findings) and any(f["gaps"] for f in findings)
    invalid = [r for r in reports["invalid-declaration"]["results"] if r["verdict"] == "invalid"]
    assert len(invalid) == 3 and all(r["errors"] and r["standard"] is None for r in invalid)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["results"][0].update(extra=1),
        lambda d: d["results"][0]["findings"][0].update(status="fine"),
        lambda d: d["results"][0]["findings"][0]["location"].update(line=0),
        lambda d: d["results"][0]["counts"].pop("no-evidence"),
    ],
    ids=["unknown-key", "unknown-status", "line-zero", "missing-count"],
)
def test_report_schema_is_closed(reports: dict[str, dict], change) -> None:
    """The report schema describes every key: one it does not know, or a wrong value, is refused."""
    data = json.loads(json.dumps(reports["examples"]))
    change(data)
    assert list(_validator("report").iter_errors(data))


def test_golden_reports_validate_against_the_report_schema() -> None:
    """The committed golden JSON reports are valid reports too."""
    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert [e.message for e in _validator("report").iter_errors(data)] == [], path.name
