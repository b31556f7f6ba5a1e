"""The ``schema`` kind under hostile or heavy input, through the command line: nesting built
from YAML aliases (refused, located, exit 2), a ``path`` naming a list position, ``diff`` of
schema checks written differently, and one schema checked against many declarations, compiled
once per process whatever the number of jobs."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkcheck.checks.schema import compiled
from pkcheck.cli import app

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
"""
UNIT = "pkcheck: declaration/v1\nunit: {id: XA-TST-01, country: XA, type: infantry-battalion}\n"
ESCORTS = "        schema: {type: object, required: [escorts], properties: {escorts: {minimum: 4}}}\n"
LEVELS = 10_000


def _run(*arguments: str) -> Any:
    result = CliRunner().invoke(app, list(arguments))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _standard(folder: Path, settings: str, before: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "t-schema.yaml"
    path.write_text(before + HEADER + settings, encoding="utf-8")
    return path


def _check(declaration: Path, standards: Path, *more: str) -> Any:
    return _run("check", str(declaration), "--standards-path", str(standards), "--standard", "t-schema", *AS_OF, *more)


def _chain(name: str, first: str, link: str) -> str:
    """``LEVELS`` anchors under ``name``, each holding the one before it: nesting as deep as
    there are lines, written with aliases."""
    lines = [f"{name}:\n", f"  n0: &n0 {first}\n"]
    lines += [f"  n{i}: &n{i} {link.format(f'*n{i - 1}')}\n" for i in range(1, LEVELS)]
    return "".join(lines)


def test_a_declaration_nested_ten_thousand_levels_by_aliases_is_refused(tmp_path: Path) -> None:
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(UNIT + _chain("x-deep", "[1]", "[{}]") + f"x-mission: *n{LEVELS - 1}\n", encoding="utf-8")
    _standard(tmp_path / "standards", ESCORTS)
    result = _check(declaration, tmp_path / "standards")
    assert result.exit_code == 2
    # Located in the declaration, at the value that passes the limit.
    assert f"{declaration}:8333:3: more than 25,000 values (--max-nodes)" in result.stdout


def test_a_schema_nested_ten_thousand_levels_by_aliases_is_refused(tmp_path: Path) -> None:
    schema = f"        path: x-mission\n        schema: *n{LEVELS - 1}\n"
    standard = _standard(tmp_path, schema, before=_chain("x-defs", "{type: object}", "{{not: {}}}"))
    result = _run("lint", str(tmp_path))
    assert result.exit_code == 2
    [line] = [line for line in result.stdout.splitlines() if line.startswith(str(standard))]
    assert "--max-nodes" in line


def test_raised_limits_let_the_nesting_through_to_the_kinds_own_bounds(tmp_path: Path) -> None:
    """With the limits raised, a deep schema is refused by the kind (at its line) and a deep
    value is not checkable (no-evidence), never a crash."""
    levels, raised = 400, ("--max-nodes", "1000000", "--max-depth", "100000")
    chain = _chain("x-defs", "{type: object}", "{{not: {}}}").split("\n")[: levels + 1]
    schema = f"        path: x-mission\n        schema: *n{levels - 1}\n"
    _standard(tmp_path / "deep-schema", schema, before="\n".join(chain) + "\n")
    linted = _run("lint", str(tmp_path / "deep-schema"), *raised)
    assert linted.exit_code == 2 and "the schema is nested more than 64 levels deep" in linted.stdout
    recursive = (
        "        path: x-mission\n        schema: {$defs: {l: {items: {$ref: '#/$defs/l'}}}, $ref: '#/$defs/l'}\n"
    )
    standards = tmp_path / "recursive"
    _standard(standards, recursive)
    declaration = tmp_path / "declaration.yaml"
    deep = _chain("x-deep", "[1]", "[{}]").split("\n")[: levels + 1]
    declaration.write_text(UNIT + "\n".join(deep) + f"\nx-mission: *n{levels - 1}\n", encoding="utf-8")
    checked = _check(declaration, standards, *raised, "-f", "json")
    [finding] = json.loads(checked.stdout)["results"][0]["findings"]
    assert (checked.exit_code, finding["status"]) == (1, "no-evidence")
    assert "nested too deeply" in finding["message"]


@pytest.mark.parametrize(
    ("convoys", "status", "line"),
    [
        ("    - {escorts: 9}\n    - {escorts: 2}\n", "shortfall", 6),  # located at the entry's value
        ("    - {escorts: 9}\n    - {escorts: 4}\n", "met", 6),
        ("    - {escorts: 9}\n", "no-evidence", 4),
    ],
)
def test_a_path_naming_a_list_position(tmp_path: Path, convoys: str, status: str, line: int) -> None:
    standards = tmp_path / "standards"
    _standard(standards, "        path: x-mission.convoys.1\n" + ESCORTS)
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(UNIT + "x-mission:\n  convoys:\n" + convoys, encoding="utf-8")
    [finding] = json.loads(_check(declaration, standards, "-f", "json").stdout)["results"][0]["findings"]
    assert (finding["status"], finding["location"]["line"]) == (status, line)
    if status == "shortfall":
        assert "x-mission.convoys.1.escorts: 2 is less than the minimum of 4 (at 6:8)" in finding["message"]


def _changes(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str]]:
    """``diff`` between two versions of the standard, each given as its files."""
    for side, files in (("old", old), ("new", new)):
        for name, text in files.items():
            (tmp_path / side / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / name).write_text(text, encoding="utf-8")
    paths = (str(tmp_path / side / "t-schema.yaml") for side in ("old", "new"))
    result = _run("diff", *paths, "--format", "json")
    assert result.exit_code == 0, result.stdout
    changed = json.loads(result.stdout)["changed"]
    return [(c["field"], c["direction"]) for entry in changed for c in entry["changes"]]


def test_diff_of_a_schema_file_sees_its_content_not_how_it_is_written(tmp_path: Path) -> None:
    standard = HEADER + "        schema_file: schemas/s.json\n"
    one = '{"type": "object", "required": ["a"], "properties": {"a": {"minimum": 1, "type": "integer"}}}'
    reordered = (
        '{\n  "properties": {"a": {"type": "integer", "minimum": 1}},\n  "required": ["a"],\n  "type": "object"\n}\n'
    )
    other = one.replace('"minimum": 1', '"minimum": 2')
    same = _changes(
        tmp_path / "same",
        {"t-schema.yaml": standard, "schemas/s.json": one},
        {"t-schema.yaml": standard, "schemas/s.json": reordered},
    )
    assert same == []
    moved = _changes(
        tmp_path / "moved",
        {"t-schema.yaml": standard, "schemas/s.json": one},
        {"t-schema.yaml": standard, "schemas/s.json": other},
    )
    assert moved == [("check.schema.schema_file", "changed")]


def test_diff_of_an_inline_schema_nested_and_reordered(tmp_path: Path) -> None:
    one = "        schema: {properties: {a: {type: integer, minimum: 1}}, required: [a]}\n"
    block = (
        "        schema:\n          required: [a]\n          properties:\n            a: {minimum: 1, type: integer}\n"
    )
    other = "        schema: {properties: {a: {type: integer, minimum: 1}}, required: [a, b]}\n"
    assert _changes(tmp_path / "same", {"t-schema.yaml": HEADER + one}, {"t-schema.yaml": HEADER + block}) == []
    moved = _changes(tmp_path / "moved", {"t-schema.yaml": HEADER + one}, {"t-schema.yaml": HEADER + other})
    assert moved == [("check.schema.schema", "changed")]


DECLARATIONS = 500


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    _standard(folder / "standards", "        path: x-mission\n" + ESCORTS)
    (folder / "declarations").mkdir()
    for index in range(DECLARATIONS):
        escorts = index % 7  # some meet the minimum of 4, some do not
        text = UNIT.replace("XA-TST-01", f"XA-TST-{index:03d}") + f"x-mission: {{escorts: {escorts}}}\n"
        (folder / "declarations" / f"d{index:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_schema_against_many_declarations_is_compiled_once_per_process(
    many: Path, jobs: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compilations = tmp_path / "compilations"  # one line per compilation, by the process's id
    compile_validator = compiled._Guarded

    def counted(*arguments: Any, **keywords: Any) -> Any:
        with compilations.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return compile_validator(*arguments, **keywords)

    compiled._validator.cache_clear()
    monkeypatch.setattr(compiled, "_Guarded", counted)
    start = time.perf_counter()
    result = _check(many / "declarations", many / "standards", "--jobs", jobs, "-f", "json")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    findings = [f for r in json.loads(result.stdout)["results"] for f in r["findings"]]
    assert len(findings) == DECLARATIONS
    assert sum(f["status"] == "met" for f in findings) == sum(1 for i in range(DECLARATIONS) if i % 7 >= 4)
    by_process = compilations.read_text(encoding="utf-8").split()
    assert len(by_process) == len(set(by_process)) <= int(jobs), by_process  # at most once in each process
    with capsys.disabled():
        print(f"\n{DECLARATIONS} declarations, one schema check, --jobs {jobs}: {elapsed:.2f} s")
