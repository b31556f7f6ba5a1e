"""The ``schema`` kind under hostile or heavy input, through the command line: nesting built
from YAML aliases (refused, located, exit 2), a ``path`` naming a list position, ``diff`` of
schema checks written differently, and one schema checked against many declarations, compiled
once per process whatever the number of jobs."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from test_schema_kind import HEADER as SCHEMA_KIND_HEADER
from test_schema_kind import _run

from pkcheck.checks.schema import compiled

AS_OF = ["--as-of", "2026-11-26"]
# The standard of the kind's other tests, without its `path`.
HEADER = SCHEMA_KIND_HEADER.removesuffix("        path: x-mission\n")
UNIT = "pkcheck: declaration/v1\nunit: {id: XA-TST-01, country: XA, type: infantry-battalion}\n"
ESCORTS = "        schema: {type: object, required: [escorts], properties: {escorts: {minimum: 4}}}\n"
LEVELS = 10_000


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
        # In a mapping, `1` is a key: the violation is located at it all the same.
        ("    '0': {escorts: 9}\n    '1': {escorts: 2}\n", "shortfall", 6),
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
        column = convoys.splitlines()[1].index("escorts") + 1
        assert f"x-mission.convoys.1.escorts: 2 is less than the minimum of 4 (at 6:{column})" in finding["message"]


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


def _schema_file_standard(tmp_path: Path) -> Path:
    standards = tmp_path / "standards"
    _standard(standards, "        path: x-mission\n        schema_file: schemas/s.json\n")
    (standards / "schemas").mkdir()
    return standards


def test_a_schema_file_linked_to_another_file_of_the_folder_is_read(tmp_path: Path) -> None:
    standards = _schema_file_standard(tmp_path)
    (standards / "schemas" / "v2").mkdir()
    (standards / "schemas" / "v2" / "s.json").write_text('{"required": ["escorts"]}', encoding="utf-8")
    (standards / "schemas" / "s.json").symlink_to("v2/s.json")
    assert _run("lint", str(standards)).exit_code == 0  # the target is read as the schema, not as a standard
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(UNIT + "x-mission: {convoys: 1}\n", encoding="utf-8")
    [finding] = json.loads(_check(declaration, standards, "-f", "json").stdout)["results"][0]["findings"]
    assert finding["message"] == "`x-mission` does not conform to its schema: x-mission.escorts: must be given (at 3:1)"


def test_a_schema_file_linked_to_a_file_of_the_folder_itself_is_refused(tmp_path: Path) -> None:
    standards = _schema_file_standard(tmp_path)
    (standards / "beside.json").write_text("{}", encoding="utf-8")
    (standards / "schemas" / "s.json").symlink_to("../beside.json")
    lines = _run("lint", str(standards)).stdout.splitlines()
    assert (
        f"{standards / 't-schema.yaml'}:14:9: `schema_file` `schemas/s.json` leads to a file in the standard's"
        in "\n".join(lines)
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="sockets in the file system")
def test_a_schema_file_that_is_a_socket_is_refused(tmp_path: Path) -> None:
    standards = _schema_file_standard(tmp_path)
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(standards / "schemas" / "s.json"))
        result = _run("lint", str(standards))
    assert result.exit_code == 2
    assert "`schema_file` `schemas/s.json` is a socket, not a regular file" in result.stdout


@pytest.mark.parametrize("back", [False, True])
def test_a_link_changed_while_the_schema_file_is_opened_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, back: bool
) -> None:
    """The link is turned to a file outside just before the file is opened (and, with ``back``,
    turned back just after): what was opened is refused either way."""
    standards = _schema_file_standard(tmp_path)
    (standards / "schemas" / "inside.json").write_text("{}", encoding="utf-8")
    (tmp_path / "outside.json").write_text('{"required": ["secret"]}', encoding="utf-8")
    link = standards / "schemas" / "s.json"
    link.symlink_to("inside.json")
    real_open = os.open

    def swapping_open(path: Any, *arguments: Any, **keywords: Any) -> int:
        if str(path) != str(link):
            return real_open(path, *arguments, **keywords)
        link.unlink()
        link.symlink_to(tmp_path / "outside.json")
        opened = real_open(path, *arguments, **keywords)
        if back:
            link.unlink()
            link.symlink_to("inside.json")
        return opened

    monkeypatch.setattr(os, "open", swapping_open)
    result = _run("lint", str(standards))
    assert result.exit_code == 2
    said = "changed while it was being opened" if back else "leads outside the standard's folder"
    assert f"`schema_file` `schemas/s.json` {said}" in result.stdout
