"""The published JSON Schemas agree with the loader: one source of truth, checked on real files."""

from __future__ import annotations

import json
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
    ],
    ids=["unknown-key", "quantity-as-text", "negative-count", "missing-unit-id", "wrong-kind"],
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
