"""Bad input through the command line (spec sections 1, 4 and 6).

The corpus in ``tests/data/inputs/`` holds one file per kind of input error, and
``expected.yaml`` there gives the line, column and exact message pkcheck must report for
each. Every error must end in exit code 2 and a ``path:line:column: message`` line, never a
traceback. Batches, missing and unreadable files, JSON input and the YAML 1.2 reading of
``country: NO`` are tested here too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
INPUTS = REPO / "tests" / "data" / "inputs"
AS_OF = "2026-11-26"
EXAMPLES = ("xa-inf-01-ready", "xb-inf-02-conditional", "xc-inf-03-not-ready")
UNIT = "unit:\n  id: XT-INF-01\n  country: XT\n  type: infantry-battalion\n"


def _expected() -> dict[str, dict[str, Any]]:
    table = YAML(typ="safe", pure=True).load((INPUTS / "expected.yaml").read_text(encoding="utf-8"))
    return {str(name): dict(entry) for name, entry in table.items()}


EXPECTED = _expected()
ERRORS = sorted(name for name, entry in EXPECTED.items() if "line" in entry)
ACCEPTED = sorted(name for name, entry in EXPECTED.items() if "verdict" in entry)


def _relative(name: str) -> str:
    return f"tests/data/inputs/{name}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _reports(run: Any, diagnostic: str) -> bool:
    """Whether the output holds the diagnostic, allowing for line wrapping (which only
    ``test_text_report_prints_each_error_on_one_line`` is about)."""
    return _flat(diagnostic) in _flat(run.stdout + "\n" + run.stderr)


def test_every_corpus_file_has_an_expectation() -> None:
    """The table and the folder list the same files, so no case is silently skipped."""
    files = {p.name for p in INPUTS.iterdir() if p.is_file() and not p.name.startswith(".")} - {"expected.yaml"}
    assert files == set(EXPECTED)
    for name, entry in EXPECTED.items():
        assert set(entry) in ({"line", "column", "message", "message_fr"}, {"verdict"}), name


@pytest.mark.parametrize("name", ERRORS)
def test_input_error_is_located(cli: Any, name: str) -> None:
    """Each bad file exits 2 with ``path:line:column: message`` in the text report."""
    entry = EXPECTED[name]
    run = cli("check", _relative(name), "--as-of", AS_OF)
    assert run.exit_code == 2, run.stdout + run.stderr
    prefix = f"{_relative(name)}:{entry['line']}:{entry['column']}: "
    starts = [line for line in run.lines() if line.startswith(prefix)]
    assert starts, f"no line starts with {prefix!r} in:\n{run.stdout}{run.stderr}"
    # Compared with whitespace collapsed: a long message may be wrapped (see the one-line test).
    flat = _flat(run.stdout + "\n" + run.stderr)
    assert _flat(prefix) in flat
    assert _flat(entry["message"]) in flat[flat.index(_flat(prefix)) :], flat
    assert f"{prefix}{entry['message']}" in run.lines()


@pytest.fixture
def corpus_json(cli: Any) -> dict[str, dict[str, Any]]:
    """The JSON results of the whole corpus, checked in one batch (a batch reports each file
    as when checked alone: ``test_batch_reports_every_file``)."""
    run = cli("check", *(_relative(name) for name in sorted(EXPECTED)), "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 2
    return {Path(r["declaration"]["path"]).name: r for r in run.json()["results"]}


@pytest.mark.parametrize("name", ERRORS)
def test_input_error_in_json_report(corpus_json: dict[str, dict[str, Any]], name: str) -> None:
    """The JSON report gives the same error, located, under an ``invalid`` result."""
    entry, result = EXPECTED[name], corpus_json[name]
    assert result["verdict"] == "invalid"
    assert result["findings"] == []
    first = result["errors"][0]
    assert first["location"] == {"path": _relative(name), "line": entry["line"], "column": entry["column"]}
    assert first["message"] == entry["message"]
    assert first["level"] == "error"


def test_text_report_prints_each_error_on_one_line(cli: Any, corpus_json: dict[str, dict[str, Any]]) -> None:
    """An error line is ``path:line:column: message`` whole, never wrapped (editors and CI
    problem matchers read it line by line)."""
    broken = []
    for name in ERRORS:
        lines = cli("check", _relative(name), "--as-of", AS_OF).lines()
        for error in corpus_json[name]["errors"]:
            location = error["location"]
            whole = f"{location['path']}:{location['line']}:{location['column']}: {error['message']}"
            if whole not in lines:
                broken.append(whole)
    assert not broken, "error lines wrapped or missing in the text report:\n" + "\n".join(broken)


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_corpus_file(corpus_json: dict[str, dict[str, Any]], name: str) -> None:
    """A UTF-8 byte-order mark is not an error: the file is checked like any other."""
    result = corpus_json[name]
    assert result["errors"] == []
    assert result["verdict"] == EXPECTED[name]["verdict"]
    assert result["declaration"]["unit"]["id"] == "XT-INF-01"


def test_alias_bomb_is_refused_quickly(cli: Any) -> None:
    """Alias expansion is bounded: the billion-laughs file is an error, not a hang."""
    start = time.monotonic()
    run = cli("check", _relative("alias-bomb.yaml"), "--as-of", AS_OF, fresh=True)
    assert run.exit_code == 2
    assert time.monotonic() - start < 10


@pytest.mark.parametrize(
    ("body", "where"),
    [
        pytest.param(f"x-deep: {'[' * 5000}{']' * 5000}\n", "6:73: nesting is deeper than 64 levels", id="flow"),
        pytest.param("x-deep:\n" + "- " * 5000 + "x\n", "7:131: nesting is deeper than 64 levels", id="block"),
    ],
)
def test_nesting_deeper_than_the_parser_can_follow(cli: Any, tmp_path: Path, body: str, where: str) -> None:
    """Thousands of levels, beyond Python's recursion limit, are an error, quickly."""
    path = tmp_path / "very-deep.yaml"
    path.write_text(f"pkcheck: declaration/v1\n{UNIT}{body}", encoding="utf-8")
    start = time.monotonic()
    run = cli("check", str(path), "--as-of", AS_OF)
    assert time.monotonic() - start < 5
    assert run.exit_code == 2
    assert _reports(run, f"{path}:{where}"), run.stdout


def test_missing_file(cli: Any) -> None:
    """A path that does not exist is an input error (exit 2) located at line 1."""
    run = cli("check", "tests/data/inputs/no-such-file.yaml", "--as-of", AS_OF)
    assert run.exit_code == 2
    assert _reports(run, "tests/data/inputs/no-such-file.yaml:1:1: no such file"), run.stdout


def test_missing_file_in_a_batch_does_not_stop_the_others(cli: Any) -> None:
    run = cli("check", "no-such-file.yaml", f"examples/{EXAMPLES[0]}.yaml", "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 2
    verdicts = [r["verdict"] for r in run.json()["results"]]
    assert verdicts == ["invalid", "ready"]


def test_folder_without_declarations(cli: Any, tmp_path: Path) -> None:
    """A folder with nothing to check (here only a waivers file and a text file) is a usage error."""
    shutil.copy(REPO / "examples" / "waivers.yaml", tmp_path / "waivers.yaml")
    (tmp_path / "notes.txt").write_text("not a declaration\n", encoding="utf-8")
    run = cli("check", str(tmp_path), "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "no declaration files found" in run.stderr
    assert "Verdict" not in run.stdout


def test_unreadable_file(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    shutil.copy(REPO / "examples" / f"{EXAMPLES[0]}.yaml", path)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user can read a file with mode 000 (root)")
        run = cli("check", str(path), "--as-of", AS_OF)
    finally:
        path.chmod(0o644)
    assert run.exit_code == 2
    assert _reports(run, f"{path}:1:1: permission denied: the file cannot be read"), run.stdout


def test_country_no_is_norway(cli: Any, tmp_path: Path) -> None:
    """YAML 1.2: ``NO`` is text, not false; the declaration is valid."""
    path = tmp_path / "norway.yaml"
    path.write_text(f"pkcheck: declaration/v1\n{UNIT.replace('XT', 'NO')}", encoding="utf-8")
    run = cli("check", str(path), "--as-of", AS_OF, "--format", "json")
    assert run.exit_code != 2, run.stdout
    (result,) = run.json()["results"]
    assert result["errors"] == []
    assert result["declaration"]["unit"]["country"] == "NO"


def test_explicit_str_tag_is_text(cli: Any, tmp_path: Path) -> None:
    """``country: !!str NO`` (a habit from YAML 1.1) is the text ``NO`` too."""
    path = tmp_path / "tagged.yaml"
    path.write_text(f"pkcheck: declaration/v1\n{UNIT.replace('XT', '!!str NO')}", encoding="utf-8")
    (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
    assert result["errors"] == []
    assert result["declaration"]["unit"]["country"] == "NO"


def _as_json(name: str, tmp_path: Path, **dump: Any) -> Path:
    data = YAML(typ="safe", pure=True).load((REPO / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, default=str, **dump), encoding="utf-8")
    return path


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    """A JSON result without what depends on the file's layout (path, lines, and the lines a
    message names, such as a training cohort's)."""
    findings = [
        {k: re.sub(r" on line \d+", " on line N", v) if k == "message" else v for k, v in f.items() if k != "location"}
        for f in result["findings"]
    ]
    unit = result["declaration"]["unit"]
    return {"unit": unit, "verdict": result["verdict"], "counts": result["counts"], "findings": findings}


@pytest.mark.parametrize("name", EXAMPLES)
def test_json_input_gives_the_same_result_as_yaml(cli: Any, tmp_path: Path, name: str) -> None:
    """The same declaration as JSON gives the same verdict and findings."""
    json_path = _as_json(name, tmp_path, indent=2)
    from_yaml = cli("check", f"examples/{name}.yaml", "--as-of", AS_OF, "--format", "json")
    from_json = cli("check", str(json_path), "--as-of", AS_OF, "--format", "json")
    assert from_json.exit_code == from_yaml.exit_code
    assert _comparable(from_json.json()["results"][0]) == _comparable(from_yaml.json()["results"][0])


def test_json_input_on_one_line_and_with_tabs(cli: Any, tmp_path: Path) -> None:
    """Minified JSON, and JSON indented with tabs (valid JSON, though YAML forbids tab
    indentation), are read."""
    name = EXAMPLES[1]
    (from_yaml,) = cli("check", f"examples/{name}.yaml", "--as-of", AS_OF, "--format", "json").json()["results"]
    expected = _comparable(from_yaml)
    for variant, dump in (("compact", {"separators": (",", ":")}), ("tabs", {"indent": "\t"})):
        folder = tmp_path / variant
        folder.mkdir()
        path = _as_json(name, folder, **dump)
        (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
        assert result["errors"] == [], variant
        assert _comparable(result) == expected, variant


def test_json_escaped_character_outside_the_basic_plane(cli: Any, tmp_path: Path) -> None:
    """JSON writes such a character as a surrogate pair of escapes; it is one character."""
    path = tmp_path / "emoji.json"
    unit = {"id": "XT-INF-01", "name": "Unit \U0001f54a", "country": "XT", "type": "infantry-battalion"}
    # json.dumps escapes it (ensure_ascii) as "\ud83d\udd4a"
    path.write_text(json.dumps({"pkcheck": "declaration/v1", "unit": unit}), encoding="utf-8")
    (result,) = cli("check", str(path), "--as-of", AS_OF, "--format", "json").json()["results"]
    assert result["errors"] == []
    assert result["declaration"]["unit"]["name"] == "Unit \U0001f54a"


def _batch_folder(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    folder = tmp_path / "batch"
    folder.mkdir()
    good = [f"{name}.yaml" for name in EXAMPLES]
    bad = ["duplicate-key.yaml", "latin1.yaml", "syntax-unclosed-flow.yaml", "women-over-total.yaml"]
    for name in good:
        shutil.copy(REPO / "examples" / name, folder / name)
    for name in bad:
        shutil.copy(INPUTS / name, folder / name)
    shutil.copy(REPO / "examples" / "waivers.yaml", folder / "waivers.yaml")  # skipped: another kind
    return folder, good, bad


def test_batch_reports_every_file(cli: Any, tmp_path: Path) -> None:
    """Good files are reported exactly as when checked alone, bad ones as ``invalid`` with
    their errors, and the batch exits 2."""
    folder, good, bad = _batch_folder(tmp_path)
    run = cli("check", str(folder), "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 2
    results = {Path(r["declaration"]["path"]).name: r for r in run.json()["results"]}
    assert sorted(results) == sorted(good + bad)
    for name in good:
        alone = cli("check", str(folder / name), "--as-of", AS_OF, "--format", "json").json()["results"][0]
        assert results[name] == alone, name
    for name in bad:
        result = results[name]
        assert result["verdict"] == "invalid", name
        assert result["findings"] == []
        assert result["errors"], name
        assert all(e["location"]["path"] == str(folder / name) for e in result["errors"])
        alone = cli("check", str(folder / name), "--as-of", AS_OF, "--format", "json").json()["results"][0]
        assert result == alone, name


def test_batch_text_report_summarises(cli: Any, tmp_path: Path) -> None:
    folder, _, _ = _batch_folder(tmp_path)
    run = cli("check", str(folder), "--as-of", AS_OF)
    assert run.exit_code == 2
    assert "7 declarations: 1 ready, 1 conditional, 1 not ready, 4 invalid" in run.lines()


def test_other_kinds_in_a_folder_are_skipped(cli: Any, tmp_path: Path) -> None:
    """Waivers and standards beside declarations are not checked as declarations, whatever
    their layout: JSON (pretty or minified), a byte-order mark, a long header comment."""
    waivers = (REPO / "examples" / "waivers.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe", pure=True).load(waivers)
    (tmp_path / "waivers.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    (tmp_path / "waivers-min.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    (tmp_path / "waivers-bom.yaml").write_text("\ufeff" + waivers[waivers.index("pkcheck:") :], encoding="utf-8")
    (tmp_path / "waivers-long-header.yaml").write_text("# Licence text.\n" * 2000 + waivers, encoding="utf-8")
    mentioned = "# Read by pkcheck; pkcheck: waivers/v1 is the format.\n" + waivers
    (tmp_path / "waivers-mentioned.yaml").write_text(mentioned, encoding="utf-8")
    shutil.copy(REPO / "standards" / "un-infantry-battalion.yaml", tmp_path / "standard.yaml")
    unit = (REPO / "examples" / f"{EXAMPLES[0]}.yaml").read_text(encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(unit, encoding="utf-8")
    # Another kind's key that does not start its line does not make a declaration another kind.
    (tmp_path / "unit-mentions.yaml").write_text(
        "# see pkcheck: standard/v1\n" + unit + "# x pkcheck: waivers/v1\n", encoding="utf-8"
    )
    run = cli("check", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert [Path(r["declaration"]["path"]).name for r in run.json()["results"]] == ["unit-mentions.yaml", "unit.yaml"]
    assert run.exit_code == 0


def test_other_kind_named_explicitly_is_an_error(cli: Any) -> None:
    """Named on the command line, a waivers file is reported as the wrong kind."""
    run = cli("check", "examples/waivers.yaml", "--as-of", AS_OF)
    assert run.exit_code == 2
    message = "this is a `waivers/v1` file, but a `declaration/v1` file is expected here"
    assert _reports(run, f"examples/waivers.yaml:15:1: {message}")
