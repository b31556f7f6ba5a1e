"""`pkcheck diff OLD NEW`: exit codes, --fail-on-relaxation, --against, the three formats and
errors in either version. The field-by-field rules are tested in ``tests/diff``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

DIFF = "tests/data/diff"
SHIPPED = Path("standards/un-infantry-battalion.yaml")


def _case(name: str) -> tuple[str, str]:
    return f"{DIFF}/{name}/old.yaml", f"{DIFF}/{name}/new.yaml"


def test_text_lists_each_change_with_its_direction_and_location(cli: Any) -> None:
    run = cli("diff", *_case("minimums"))
    assert run.exit_code == 0, run.stderr
    assert "check.equipment.quantity: 10 -> 12  tightened  tests/data/diff/minimums/new.yaml:13:" in run.stdout
    assert "check.value.min: 7 -> 5  relaxed" in run.stdout
    assert "relaxes or removes requirements" in run.stdout
    assert run.stdout == cli("diff", *_case("minimums"), fresh=True).stdout


def test_nothing_changed(cli: Any) -> None:
    run = cli("diff", *_case("unchanged"), "--fail-on-relaxation")
    assert (run.exit_code, run.stderr) == (0, "")
    assert "No requirement or parameter changed." in run.stdout


def test_fail_on_relaxation(cli: Any) -> None:
    """Exit 1 when NEW relaxes or removes a requirement, only with the option."""
    assert cli("diff", *_case("maximums")).exit_code == 0
    assert cli("diff", *_case("maximums"), "--fail-on-relaxation").exit_code == 1
    # Removed requirements count as relaxations, even when nothing else is relaxed.
    composition = ("--standards-path", f"{DIFF}/composition/lib")
    assert cli("diff", *_case("composition"), *composition, "--fail-on-relaxation").exit_code == 1
    # Only a changed check kind: no rule tells its direction, so it may relax (it never passes silently).
    changed_kind = cli("diff", *_case("kind-change"), "--fail-on-relaxation")
    assert changed_kind.exit_code == 1
    assert "may relax: the check kind changed" in _words(changed_kind.stdout)  # a note wraps under its line


def test_a_threshold_over_the_declaration_is_tried_over_values(cli: Any) -> None:
    """A rewritten threshold that reads the declaration is tried over values: relaxed fails
    --fail-on-relaxation, tightened passes, and one that crosses may relax: it fails, with a
    note in every format naming a value where it is looser."""
    relaxed = cli("diff", *_case("tried-relaxed"), "--fail-on-relaxation")
    assert relaxed.exit_code == 1 and "relaxed" in relaxed.stdout
    assert cli("diff", *_case("tried-tightened"), "--fail-on-relaxation").exit_code == 0
    note = "may relax: lower for personnel.total = 250 (5 -> 4)"
    crossing = cli("diff", *_case("tried-crossing"), "--fail-on-relaxation")
    assert crossing.exit_code == 1
    assert note in _words(crossing.stdout) and "may relax requirements" in _words(crossing.stdout)
    assert note.replace("->", "-\\>") in cli("diff", *_case("tried-crossing"), "-f", "markdown").stdout
    data = cli("diff", *_case("tried-crossing"), "-f", "json").json()
    assert data["changed"][0]["changes"][0]["note"].startswith(note)
    assert data["summary"]["relaxed_or_removed"] is True


def test_json_is_the_diff_document(cli: Any, tmp_path: Path) -> None:
    run = cli("diff", *_case("composition"), "--standards-path", f"{DIFF}/composition/lib", "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["pkcheck"] == "diff/v1"
    assert (data["old"]["version"], data["new"]["version"]) == ("1.0.0", "2.0.0")
    assert data["new"]["chain"] == ["t-parent", "t-child"]
    assert [r["requirement"] for r in data["removed"]] == ["C-SUS-001", "P-SUS-001"]
    assert data["removed"][1]["reason"] == "Water is supplied by the mission."
    assert data["removed"][1]["location"]["path"].endswith("composition/new.yaml")
    change = data["changed"][0]["changes"][0]
    assert change == {
        "field": "check.equipment.quantity",
        "old": "trucks",
        "new": 12,
        "direction": "tightened",
        "location": {"path": f"{DIFF}/composition/new.yaml", "line": 10, "column": 19},
        "note": "10 -> 12",
    }
    assert data["summary"]["relaxed_or_removed"] is True and data["against"] is None
    out = tmp_path / "diff.json"
    written = cli(
        "diff", *_case("composition"), "--standards-path", f"{DIFF}/composition/lib", "-f", "json", "-o", str(out)
    )
    assert (written.exit_code, written.stdout) == (0, "")
    assert out.read_text(encoding="utf-8") == run.stdout


def test_markdown_for_a_pull_request(cli: Any) -> None:
    run = cli("diff", *_case("lists"), "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "# Standard changes: `t-lists` 1.0.0 → `t-lists` 1.1.0"
    assert "| Requirement | Field | Old | New | Direction | Where | Note |" in lines
    # Brackets from the standards are escaped: in a comment they could otherwise make a link.
    assert any(
        line.startswith("| T-TRN-001 | `check.training.course` | un-fmac | \\[un-fmac, atls\\] | **relaxed** |")
        for line in lines
    )


def _tightened_copy(tmp_path: Path) -> tuple[Path, str]:
    """The shipped infantry standard with its armoured-personnel-carrier quantity raised far above
    any example's fleet; returns the copy and the id of that requirement."""
    yaml = YAML()
    data = yaml.load(SHIPPED.read_text(encoding="utf-8"))
    for requirement in data["requirements"]:
        equipment = requirement["check"].get("equipment")
        if equipment and "apc-wheeled-class-ii" in (
            equipment["item"] if isinstance(equipment["item"], list) else [equipment["item"]]
        ):
            equipment["quantity"] = 1000
            path = tmp_path / "un-infantry-battalion.yaml"
            with path.open("w", encoding="utf-8") as stream:
                yaml.dump(data, stream)
            return path, requirement["id"]
    raise AssertionError("no APC requirement in the shipped infantry standard")


def test_against_lists_the_units_whose_verdict_changes(cli: Any, tmp_path: Path) -> None:
    new, requirement = _tightened_copy(tmp_path)
    args = ("diff", "un-infantry-battalion", str(new), "--against", "examples", "--as-of", "2026-11-26")
    run = cli(*args, "--format", "json", "--fail-on-relaxation")
    assert run.exit_code == 0, run.stderr  # a tightened threshold is not a relaxation
    data = run.json()
    [changed] = data["changed"]
    assert changed["requirement"] == requirement
    assert changed["changes"][0]["direction"] == "tightened"
    units = {u["unit"]: u for u in data["against"]["units"]}
    assert units["XA-INF-01"]["old_verdict"] == "ready" and units["XA-INF-01"]["new_verdict"] == "not-ready"
    assert {"requirement": requirement, "old": "met", "new": "shortfall"} in units["XA-INF-01"]["requirements"]
    declarations = [
        p
        for p in Path("examples").iterdir()
        if p.suffix in (".yaml", ".json") and p.name not in ("waivers.yaml", "offers.yaml")
    ]
    # Only the infantry battalions are judged: the standard is not for the other unit types.
    infantry = {p.name for p in declarations if "-inf-" in p.name}
    assert data["against"]["checked"] == len(infantry) < len(declarations)
    assert {Path(u["path"]).name for u in data["against"]["units"]} <= infantry
    not_applicable = data["against"]["not_applicable"]
    assert {Path(n["path"]).name for n in not_applicable} == {p.name for p in declarations} - infantry
    assert {n["unit_type"] for n in not_applicable} == {
        "formed-police-unit",
        "level-1-hospital",
        "level-2-hospital",
        "military-engineer-unit",
        "eod-company",
        "military-police-company",
        "utility-helicopter-unit",
    }
    assert all(n["unit"] == Path(n["path"]).stem[:9].upper() for n in not_applicable)
    text = cli(*args)
    assert "examples/xa-inf-01-ready.yaml XA-INF-01: ready -> not ready" in text.stdout
    assert "ready → not ready" in cli(*args, "--format", "markdown").stdout  # words for people, as in text
    assert f"{requirement}: met -> shortfall" in text.stdout
    ids = ", ".join(sorted(n["unit"] for n in not_applicable))
    assert f"Not applicable, not judged: {len(not_applicable)} declarations of a unit type" in text.stdout
    assert ids in _words(text.stdout)
    markdown = cli(*args, "--format", "markdown").stdout
    assert f"Not applicable, not judged: {len(not_applicable)} declarations of a unit type" in markdown
    assert "`XF-FPU-01`, `XG-FPU-02`" in markdown


def _words(text: str) -> str:
    """Text with each run of spaces and line breaks made one space: wrapped lines read as one."""
    return " ".join(text.split())


def test_against_reports_an_invalid_declaration_and_goes_on(cli: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pkcheck: declaration/v1\nunit: {id: XA-INF-09}\n", encoding="utf-8")
    new, _ = _tightened_copy(tmp_path)
    run = cli(
        "diff",
        "un-infantry-battalion",
        str(new),
        "--against",
        str(broken),
        "--against",
        "examples/xa-inf-01-ready.yaml",
        "--as-of",
        "2026-11-26",
        "-f",
        "json",
    )
    assert run.exit_code == 2, run.stderr  # as `check` exits, after the whole report
    against = run.json()["against"]
    assert [u["unit"] for u in against["units"]] == ["XA-INF-01"]
    [invalid] = against["invalid"]
    assert invalid["path"] == str(broken) and invalid["errors"][0]["location"]["line"] == 2


def test_a_broken_new_version_is_a_located_error(cli: Any, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    text = (
        Path(f"{DIFF}/minimums/new.yaml").read_text(encoding="utf-8").replace("quantity: 12", "quantity: twelve dozen")
    )
    new.write_text(text, encoding="utf-8")
    run = cli("diff", f"{DIFF}/minimums/old.yaml", str(new))
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.startswith(f"{new}:13:9: "), run.stderr


def test_unknown_standard_and_missing_file(cli: Any, tmp_path: Path) -> None:
    run = cli("diff", "no-such-standard", f"{DIFF}/minimums/new.yaml")
    assert run.exit_code == 2 and "unknown standard `no-such-standard`" in run.stderr
    missing = cli("diff", f"{DIFF}/minimums/old.yaml", f"{DIFF}/missing.yaml")
    assert missing.exit_code == 2 and missing.stderr.startswith(f"{DIFF}/missing.yaml:1:1: "), missing.stderr
    empty = cli("diff", *_case("minimums"), "--against", str(tmp_path))
    assert empty.exit_code == 2 and "--against: no declaration files found" in empty.stderr
    # A declaration file that is not there is reported like any invalid declaration.
    gone = cli("diff", *_case("minimums"), "--against", f"{DIFF}/no-such-declaration.yaml")
    assert gone.exit_code == 2 and "no-such-declaration.yaml: invalid under both versions" in gone.stdout


def test_the_example_in_the_docs_is_what_diff_prints(cli: Any) -> None:
    doc = Path("docs/formats.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Comparing versions of a standard") :]
    block = section[section.index("```text\n") + len("```text\n") :]
    shown = block[: block.index("```\n")]
    assert cli("diff", *_case("minimums")).stdout.startswith(shown)


def test_a_standard_that_lists_no_unit_types_judges_every_unit(cli: Any) -> None:
    data = cli("diff", *_case("minimums"), "--against", "examples/", "--as-of", "2026-11-26", "-f", "json").json()
    assert data["against"]["not_applicable"] == []
    assert data["against"]["checked"] == len([p for p in Path("examples").iterdir() if p.name.startswith("x")])
