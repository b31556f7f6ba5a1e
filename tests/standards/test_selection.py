"""The standards search path and the choice of a standard for a declaration (spec 2.3
"Selection" and 6, last paragraph)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from textlines import line_of
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.engine import Settings, check_file
from pkcheck.library.standards import ENVIRONMENT_VARIABLE, Library, search_path, shipped_folder

DATA = Path(__file__).resolve().parent.parent / "data" / "standards"
REPO = Path(__file__).resolve().parent.parent.parent
SELECTION = DATA / "selection"
AS_OF = dt.date(2026, 11, 26)


# --- search path -----------------------------------------------------------------------------


def test_search_path_order_options_then_environment_then_shipped() -> None:
    environ = {ENVIRONMENT_VARIABLE: os.pathsep.join(["/env/one", "", "/env/two"])}
    assert search_path(["/opt/a", "/opt/b"], environ=environ) == [
        "/opt/a",
        "/opt/b",
        "/env/one",
        "/env/two",
        str(shipped_folder()),
    ]
    assert search_path([], environ={}) == [str(shipped_folder())]
    assert search_path(["/opt/a"], environ={ENVIRONMENT_VARIABLE: ""}) == ["/opt/a", str(shipped_folder())]


def test_shipped_folder_holds_the_shipped_standards() -> None:
    shipped = sorted(p.name for p in Path(shipped_folder()).glob("*.yaml"))
    assert shipped == sorted(p.name for p in (REPO / "standards").glob("*.yaml"))
    assert "un-infantry-battalion" in Library([str(shipped_folder())]).standards


def test_search_path_reads_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(DATA / "search-path" / "env"))
    assert search_path([]) == [str(DATA / "search-path" / "env"), str(shipped_folder())]


def test_the_first_folder_wins_a_local_copy_shadows_a_shipped_one() -> None:
    local, shipped = str(DATA / "search-path" / "local"), str(DATA / "search-path" / "shipped")
    found = Library([local, shipped])
    assert found.errors == []
    assert found.standards["sp-shadowed"].model.title == "Local copy"
    assert found.standards["sp-shadowed"].document.path == str(DATA / "search-path" / "local" / "shadow.yaml")
    assert found.effective("sp-shadowed").version == "2.0.0"
    assert found.standards["sp-other"].model.title == "Only in the shipped folder"
    assert Library([shipped, local]).standards["sp-shadowed"].model.title == "Shipped copy"
    # the shadowed copy is no candidate: selection is not ambiguous
    assert found.select("search-path-unit", None) == "sp-shadowed"


def test_environment_folders_come_after_the_options_and_before_the_shipped_ones() -> None:
    environ = {ENVIRONMENT_VARIABLE: str(DATA / "search-path" / "env")}
    shipped = str(DATA / "search-path" / "shipped")
    from_env = Library([*search_path([], environ=environ), shipped])
    assert from_env.standards["sp-other"].model.version == "3.0.0"
    from_option = Library(search_path([shipped], environ=environ))
    assert from_option.standards["sp-other"].model.version == "1.0.0"


def test_the_same_id_twice_in_one_folder_is_an_error() -> None:
    second = DATA / "dup-in-folder" / "b.yaml"
    found = Library([str(DATA / "dup-in-folder")])
    assert len(found.errors) == 1
    error = found.errors[0]
    assert (error.location.path, error.location.line) == (str(second), line_of(second, "id: dif-std"))
    assert "standard id `dif-std`" in error.message
    assert str(DATA / "dup-in-folder" / "a.yaml") in error.message


def test_the_same_id_in_two_folders_is_not_an_error() -> None:
    found = Library([str(DATA / "search-path" / "local"), str(DATA / "search-path" / "shipped")])
    assert found.errors == []


def test_check_stops_on_an_id_twice_in_one_folder() -> None:
    declaration = DATA / "several-bases" / "decl.yaml"
    result = CliRunner().invoke(
        app, ["check", "--standards-path", str(DATA / "dup-in-folder"), "--as-of", "2026-11-26", str(declaration)]
    )
    assert result.exit_code == 2
    second = DATA / "dup-in-folder" / "b.yaml"
    assert f"{second}:{line_of(second, 'id: dif-std')}:1: standard id `dif-std`" in result.output


def test_the_environment_variable_is_used_by_check() -> None:
    declaration = SELECTION / "decl-jungle.yaml"
    result = CliRunner().invoke(
        app,
        ["check", "--as-of", "2026-11-26", "--format", "json", "--fail-on", "never", str(declaration)],
        env={ENVIRONMENT_VARIABLE: str(SELECTION)},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["standard"]["id"] == "sel-base"


# --- selection -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def selection() -> Library:
    found = Library([str(SELECTION)])
    assert found.errors == []
    return found


@pytest.mark.parametrize(
    ("unit_type", "mission", "expected"),
    [
        ("signals-company", None, "sel-base"),
        ("signals-company", "jungle", "sel-base"),  # no overlay for that mission: the base
        ("signals-company", "desert", "sel-desert"),  # missions and unit_types both match: the overlay
        ("engineer-company", None, "sel-engineer"),
        ("engineer-company", "desert", "sel-engineer"),  # the desert overlay is for signals companies
        ("engineer-company", "jungle", "sel-jungle-engineer"),
    ],
)
def test_selection_by_unit_type_and_mission(
    selection: Library, unit_type: str, mission: str | None, expected: str
) -> None:
    assert selection.select(unit_type, mission) == expected


def test_unit_types_and_missions_are_not_inherited(selection: Library) -> None:
    variant = selection.standards["sel-desert-variant"].model
    assert (variant.unit_types, variant.missions) == ([], [])
    engineer = selection.standards["sel-engineer"].model
    assert (engineer.unit_types, engineer.missions) == (["engineer-company"], [])
    # were they inherited, sel-desert-variant would be a second desert overlay and sel-engineer
    # a second base for signals companies
    assert selection.select("signals-company", "desert") == "sel-desert"
    assert selection.select("signals-company", None) == "sel-base"
    assert selection.overlay_for("signals-company", "desert") == "sel-desert"
    assert selection.effective("sel-desert-variant").chain == ("sel-base", "sel-desert", "sel-desert-variant")


def test_no_candidate_lists_the_known_unit_types(selection: Library) -> None:
    with pytest.raises(LookupError) as raised:
        selection.select("submarine-flotilla", None)
    message = str(raised.value)
    assert "`submarine-flotilla`" in message
    assert "known unit types: engineer-company, signals-company" in message


def test_no_candidate_is_an_invalid_declaration_located_at_its_type(selection: Library) -> None:
    path = SELECTION / "decl-unknown-type.yaml"
    result = check_file(str(path), Settings(selection, AS_OF))
    assert result.verdict == "invalid"
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.location.path, error.location.line, error.location.column) == (
        str(path),
        line_of(path, "type: submarine-flotilla"),
        3,
    )
    assert "known unit types: engineer-company, signals-company" in error.message


def test_several_bases_are_listed() -> None:
    found = Library([str(DATA / "several-bases")])
    with pytest.raises(LookupError) as raised:
        found.select("medical-company", None)
    message = str(raised.value)
    assert "several standards apply to unit type `medical-company`" in message
    assert "`sev-one`" in message and "`sev-two`" in message
    assert str(DATA / "several-bases" / "one.yaml") in message
    assert "--standard" in message
    assert found.select("field-hospital", None) == "sev-two"


def test_several_overlays_are_listed() -> None:
    found = Library([str(DATA / "several-bases")])
    with pytest.raises(LookupError) as raised:
        found.select("medical-company", "desert")
    message = str(raised.value)
    assert "several overlays" in message and "`desert`" in message
    assert "`sev-desert-one`" in message and "`sev-desert-two`" in message
    assert found.select("medical-company", "arctic") == "sev-desert-two"
    assert found.overlay_for("medical-company", "desert") is None


def test_several_candidates_through_check_is_exit_2_with_the_list() -> None:
    declaration = DATA / "several-bases" / "decl.yaml"
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--standards-path",
            str(DATA / "several-bases"),
            "--as-of",
            "2026-11-26",
            "-f",
            "json",
            str(declaration),
        ],
    )
    assert result.exit_code == 2
    [error] = json.loads(result.stdout)["results"][0]["errors"]
    assert error["location"]["line"] == line_of(declaration, "type: medical-company")
    assert "`sev-one`" in error["message"] and "`sev-two`" in error["message"]


def test_the_overlay_is_chosen_and_composed(selection: Library) -> None:
    result = check_file(str(SELECTION / "decl-desert.yaml"), Settings(selection, AS_OF))
    assert result.standard is not None
    assert (result.standard.id, result.standard.chain) == ("sel-desert", ("sel-base", "sel-desert"))
    assert result.warnings == ()
    water = next(f for f in result.findings if f.requirement == "SEL-SUS-001")
    assert [(g.criterion, g.required, g.declared) for g in water.gaps] == [("min", 30, 20)]  # the overlay's 30


def test_forcing_a_standard_over_an_overlay_warns_naming_the_overlay(selection: Library) -> None:
    path = SELECTION / "decl-desert.yaml"
    result = check_file(str(path), Settings(selection, AS_OF, standard="sel-base"))
    assert result.standard is not None and result.standard.id == "sel-base"
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.level == "warning"
    assert "`sel-desert`" in warning.message and "`sel-base`" in warning.message
    assert (warning.location.path, warning.location.line) == (str(path), line_of(path, "mission: desert"))
    water = next(f for f in result.findings if f.requirement == "SEL-SUS-001")
    assert water.status == "met"  # the base's 14 days


def test_no_warning_when_forcing_the_overlay_itself_or_without_an_overlay(selection: Library) -> None:
    forced_overlay = check_file(str(SELECTION / "decl-desert.yaml"), Settings(selection, AS_OF, standard="sel-desert"))
    assert forced_overlay.warnings == ()
    jungle = check_file(str(SELECTION / "decl-jungle.yaml"), Settings(selection, AS_OF, standard="sel-base"))
    assert jungle.warnings == ()


def test_forcing_a_standard_through_the_command_line_warns() -> None:
    path = SELECTION / "decl-desert.yaml"
    result = CliRunner().invoke(
        app,
        [
            "check",
            "-s",
            "sel-base",
            "--standards-path",
            str(SELECTION),
            "--as-of",
            "2026-11-26",
            "-f",
            "json",
            str(path),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    [warning] = report["results"][0]["warnings"]
    assert "`sel-desert`" in warning["message"]
    assert warning["level"] == "warning"
    assert warning["location"]["line"] == line_of(path, "mission: desert")
    assert report["results"][0]["standard"]["id"] == "sel-base"


def test_a_standards_folder_reads_json_standards_and_skips_hidden_files_and_reports() -> None:
    """JSON is valid input (spec, "All files"); an editor's hidden backup and a report that
    pkcheck wrote into the folder are neither standards nor errors."""
    found = Library([str(DATA / "json-and-hidden")])
    assert found.errors == []
    assert list(found.standards) == ["json-std"]
    assert found.standards["json-std"].model.version == "1.0.0"  # not the hidden 0.9.0 copy
    assert found.select("json-unit", None) == "json-std"
    assert [item.requirement.id for item in found.effective("json-std").requirements] == ["JSN-SUS-001"]
