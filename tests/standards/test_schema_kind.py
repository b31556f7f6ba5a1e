"""The ``schema`` kind through the command line: a schema's problems located in the standard or
in its schema file (exit 2, never a traceback), schema files read safely, ``explain``, ``diff``
and ``gaps`` on schema checks, and a standard's schema never fetched from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkcheck.cli import app

REPO = Path(__file__).resolve().parents[2]
AS_OF = ["--as-of", "2026-11-26"]
HEADER = """pkcheck: standard/v1
id: t-schema
version: 1.0.0
title: Schema checks
unit_types: [infantry-battalion]
requirements:
  - id: T-SCH-001
    title: Mission section
    category: sustainment
    severity: major
    check:
      schema:
        path: x-mission
"""
DECLARATION = """pkcheck: declaration/v1
unit: {id: XA-TST-01, country: XA, type: infantry-battalion}
x-mission:
  convoy_escorts: 2
"""


def _run(*arguments: str) -> Any:
    result = CliRunner().invoke(app, list(arguments))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _standard(folder: Path, settings: str, name: str = "t-schema.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + settings, encoding="utf-8")
    return path


def _lint(folder: Path) -> tuple[int, list[str]]:
    result = _run("lint", str(folder))
    return result.exit_code, result.stdout.splitlines()[:-1]  # the last line counts the files linted


def test_a_bad_inline_schema_is_located_at_its_node(tmp_path: Path) -> None:
    settings = (
        "        schema:\n          type: object\n          properties:\n            convoy_escorts: {minimum: four}\n"
    )
    path = _standard(tmp_path, settings)
    code, lines = _lint(tmp_path)
    assert code == 2
    assert lines == [
        f'{path}:17:30: `T-SCH-001`: the schema: "four" is not a number',
    ]


def test_a_remote_reference_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    _standard(tmp_path, '        schema: {$ref: "https://example.com/x-mission.json"}\n')
    code, lines = _lint(tmp_path)
    assert code == 2
    [line] = lines
    assert ":14:18: " in line
    assert "refers outside this schema, and pkcheck never fetches a schema" in line


def test_a_dangerous_pattern_and_a_loop_are_refused(tmp_path: Path) -> None:
    settings = '        schema:\n          properties: {a: {pattern: "^(a+)+$"}, b: {$ref: "#/properties/b"}}\n'
    _standard(tmp_path, settings)
    code, lines = _lint(tmp_path)
    assert code == 2
    assert len(lines) == 2
    assert "exponential time" in lines[0] and "would never end" in lines[1]


def test_exactly_one_of_schema_and_schema_file(tmp_path: Path) -> None:
    _standard(tmp_path, "        schema: {type: object}\n        schema_file: x.json\n")
    code, lines = _lint(tmp_path)
    assert code == 2 and "give exactly one of `schema`" in lines[0]


def _checked(tmp_path: Path, standard: Path) -> Any:
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(DECLARATION, encoding="utf-8")
    arguments = ("--standards-path", str(standard.parent), "--standard", "t-schema")
    return _run("check", str(declaration), *arguments, *AS_OF, "-f", "json")


def test_a_schema_file_relative_to_the_standard(tmp_path: Path) -> None:
    standard = _standard(tmp_path / "library", "        schema_file: schemas/x-mission.yaml\n")
    (tmp_path / "library" / "schemas").mkdir()
    schema = "type: object\nproperties:\n  convoy_escorts: {type: integer, minimum: 4}\n"
    (tmp_path / "library" / "schemas" / "x-mission.yaml").write_text(schema, encoding="utf-8")
    result = _checked(tmp_path, standard)
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["results"][0]["findings"]
    assert finding["message"] == (
        "`x-mission` does not conform to its schema: x-mission.convoy_escorts: 2 is less than the minimum of 4 (at 4:3)"
    )
    assert finding["location"]["line"] == 4
    # `lint` reads the schema file as the standard's schema, not as a file of its own kind.
    assert _lint(tmp_path / "library") == (0, [])


def test_a_schema_files_problems_are_located_in_it(tmp_path: Path) -> None:
    standard = _standard(tmp_path / "library", "        schema_file: schemas/x-mission.json\n")
    (tmp_path / "library" / "schemas").mkdir()
    schema = tmp_path / "library" / "schemas" / "x-mission.json"
    schema.write_text('{\n  "type": "object",\n  "minProperties": -1\n}\n', encoding="utf-8")
    result = _checked(tmp_path, standard)
    assert result.exit_code == 2
    assert f"{schema}:3:3: the schema: -1 is less than the minimum of 0" in result.stderr


def test_schema_file_errors_are_located_never_a_traceback(tmp_path: Path) -> None:
    library = tmp_path / "library"
    cases = {
        "schemas/missing.json": "no such file",
        "/etc/hostname": "is an absolute path",
        "../outside.json": "climbs out of the standard's folder",
        "schemas/../../outside.json": "climbs out of the standard's folder",
        "beside.json": "keep it in a subfolder",
        "schemas/broken.json": "syntax error",
        "schemas/list.json": "a schema file holds one mapping",
        "schemas/folder": "is a directory",
    }
    (library / "schemas" / "folder").mkdir(parents=True)
    (library / "schemas" / "broken.json").write_text('{"type": ', encoding="utf-8")
    (library / "schemas" / "list.json").write_text("[1, 2]\n", encoding="utf-8")
    (tmp_path / "outside.json").write_text("{}", encoding="utf-8")
    for name, said in cases.items():
        standard = _standard(library, f"        schema_file: {name}\n")
        result = _checked(tmp_path, standard)
        assert result.exit_code == 2, name
        assert said in result.stderr, (name, result.stderr)
        if not name.startswith("schemas/"):
            assert f"{standard}:14:9: `schema_file` `{name}`" in result.stderr


def test_an_override_reads_its_own_schema_file_and_keeps_an_inherited_one(tmp_path: Path) -> None:
    parent = tmp_path / "parent"
    _standard(parent, "        schema_file: schemas/escorts.json\n")
    (parent / "schemas").mkdir()
    (parent / "schemas" / "escorts.json").write_text(
        '{"properties": {"convoy_escorts": {"minimum": 4}}}', encoding="utf-8"
    )
    child = tmp_path / "child"
    child.mkdir()
    overlay = "pkcheck: standard/v1\nid: t-child\nversion: 1.0.0\ntitle: Child\nunit_types: [infantry-battalion]\n"
    overlay += "missions: [t-mission]\nextends: t-schema\n"
    (child / "t-child.yaml").write_text(overlay, encoding="utf-8")
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(
        DECLARATION.replace("type: infantry-battalion}", "type: infantry-battalion, mission: t-mission}"),
        encoding="utf-8",
    )
    paths = ["--standards-path", str(parent), "--standards-path", str(child)]
    inherited = _run("check", str(declaration), *paths, *AS_OF, "-f", "json")
    assert json.loads(inherited.stdout)["results"][0]["findings"][0]["status"] == "shortfall"
    overlay += "overrides:\n  T-SCH-001:\n    check: {schema: {schema_file: schemas/lenient.json}}\n"
    (child / "t-child.yaml").write_text(overlay, encoding="utf-8")
    (child / "schemas").mkdir()
    (child / "schemas" / "lenient.json").write_text(
        '{"properties": {"convoy_escorts": {"minimum": 1}}}', encoding="utf-8"
    )
    overridden = _run("check", str(declaration), *paths, *AS_OF, "-f", "json")
    assert json.loads(overridden.stdout)["results"][0]["findings"][0]["status"] == "met"


def test_explain_says_what_the_check_asks() -> None:
    result = _run("explain", "CONV-SUS-002")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())  # the check's sentence may be wrapped to the width
    assert "`x-mission` conforms to the JSON Schema in `schemas/x-mission-routes.schema.json`" in words


def _diff(tmp_path: Path, old: str, new: str) -> Any:
    (tmp_path / "old").mkdir(exist_ok=True)
    (tmp_path / "new").mkdir(exist_ok=True)
    (tmp_path / "old" / "t-schema.yaml").write_text(HEADER + old, encoding="utf-8")
    (tmp_path / "new" / "t-schema.yaml").write_text(HEADER + new, encoding="utf-8")
    old_path, new_path = tmp_path / "old" / "t-schema.yaml", tmp_path / "new" / "t-schema.yaml"
    return _run("diff", str(old_path), str(new_path), "--format", "json")


def _changes(result: Any) -> list[Any]:
    changed = json.loads(result.stdout)["changed"]
    return [(c["field"], c["direction"]) for entry in changed for c in entry["changes"]]


def test_diff_a_changed_schema_is_changed_the_same_one_reordered_is_not(tmp_path: Path) -> None:
    one = "        schema: {type: object, required: [a]}\n"
    reordered = "        schema: {required: [a], type: object}\n"
    other = "        schema: {type: object, required: [b]}\n"
    assert _changes(_diff(tmp_path, one, reordered)) == []
    assert _changes(_diff(tmp_path, one, other)) == [("check.schema.schema", "changed")]


def test_diff_sees_the_content_of_a_schema_file(tmp_path: Path) -> None:
    setting = "        schema_file: schemas/s.json\n"
    for side, content in (("old", '{"required": ["a"]}'), ("new", '{"required": ["b"]}')):
        (tmp_path / side / "schemas").mkdir(parents=True)
        (tmp_path / side / "schemas" / "s.json").write_text(content, encoding="utf-8")
    assert _changes(_diff(tmp_path, setting, setting)) == [("check.schema.schema_file", "changed")]


def test_the_gaps_register_counts_each_violation_in_units() -> None:
    result = _run("gaps", str(REPO / "examples"), *AS_OF, "--format", "json")
    lines = [line for line in json.loads(result.stdout)["lines"] if line["what"].startswith("x-mission")]
    assert {(line["kind"], line["what"], line["measure"], line["total"]) for line in lines} == {
        ("missing", "x-mission.escort_vehicles", "units", 1),
        ("nonconforming", "x-mission.convoy_escorts", "units", 1),
        ("nonconforming", "x-mission.routes.1.id", "units", 1),
        ("nonconforming", "x-mission.routes.1.reconnoitred", "units", 1),
    }


def _lint_in_a_process(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pkcheck", "lint", str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_schema_file_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    _standard(tmp_path / "standards", "        schema_file: schemas/s.json\n")
    (tmp_path / "standards" / "schemas").mkdir()
    os.mkfifo(tmp_path / "standards" / "schemas" / "s.json")
    result = _lint_in_a_process(tmp_path / "standards")
    assert result.returncode == 2 and "s.json" in result.stdout + result.stderr


def test_a_schema_file_linked_from_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps({"type": "object", "required": ["convoy_escorts"]}), encoding="utf-8")
    _standard(tmp_path / "standards", "        schema_file: schemas/s.json\n")
    (tmp_path / "standards" / "schemas").mkdir()
    (tmp_path / "standards" / "schemas" / "s.json").symlink_to(outside)
    code, lines = _lint(tmp_path / "standards")
    assert code == 2 and any("s.json" in line and "outside" in line for line in lines)
