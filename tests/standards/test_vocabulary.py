"""The vocabulary: codes with titles, merged from vocabulary files in the search path and the
``vocabulary:`` sections of standards; unknown codes are warnings in ``lint`` and ``check``,
errors under ``lint --strict``; reports give codes their titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_lint import lint
from textlines import line_of
from typer.testing import CliRunner

from pkcheck.cli import app
from pkcheck.library.standards import Library, search_path

DATA = Path(__file__).resolve().parent.parent / "data" / "vocabulary"
REPO = Path(__file__).resolve().parent.parent.parent
ORGANISATION = DATA / "organisation"
STANDARD = ORGANISATION / "standard.yaml"
DECLARATION = ORGANISATION / "misspelt-declaration.yaml"


def check(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--as-of", "2026-11-26", *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


# --- loading and merging -----------------------------------------------------------------------


def test_the_shipped_vocabulary_comes_with_the_shipped_folder() -> None:
    codes = Library(search_path([])).codes
    assert codes.title("items", "apc-wheeled-class-ii") == "Armoured personnel carrier, wheeled, class II"
    assert codes.coe_categories["apc-wheeled-class-ii"] == "armoured-personnel-carriers"
    assert codes.title("facility_levels", "level-1") == "Level 1 medical facility"


@pytest.mark.parametrize(
    ("section", "code", "title"),
    [
        ("courses", "xa-convoy-drill", "XA convoy drill"),  # a vocabulary file in a search-path folder
        ("roles", "boat-handler", "Boat handler"),  # a standard's own `vocabulary:` section
        ("unit_types", "xa-river-company", "XA river company"),
        ("items", "generator", "Generator set, 20 kVA"),  # the first vocabulary in the search path wins
        ("courses", "un-cptm", "UN Core Pre-deployment Training Materials"),  # the shipped one is still loaded
    ],
)
def test_codes_merge_from_every_loaded_vocabulary(section: str, code: str, title: str) -> None:
    codes = Library(search_path([str(ORGANISATION)])).codes
    assert codes.known(section, code)
    assert codes.title(section, code) == title


def test_a_code_of_another_section_is_not_known() -> None:
    codes = Library(search_path([])).codes
    assert codes.known("capabilities", "laboratory")
    assert not codes.known("courses", "laboratory")


def test_a_childs_own_codes_are_known_to_lint_and_check() -> None:
    folder = DATA / "child"
    code, reported = lint(str(folder / "child.yaml"))
    assert (code, reported) == (0, [])
    code, out = check("--standards-path", str(folder), str(folder / "declaration.yaml"))
    warnings = [line for line in out.splitlines() if "warning:" in line]
    path = folder / "declaration.yaml"
    assert warnings == [
        f"{path}:{line_of(path, 'xa-river-patroll')}:14: warning: unknown course code `xa-river-patroll`; did you mean `xa-river-patrol`?"
    ]


def test_a_broken_vocabulary_file_is_a_located_input_error() -> None:
    path = DATA / "broken" / "vocabulary.yaml"
    code, reported = lint(str(DATA / "broken"))
    assert code == 2
    assert [(r.path, r.line, r.column, r.warning) for r in reported] == [(str(path), line_of(path, "boat:"), 3, False)]
    assert "missing required key `coe_category`" in reported[0].message
    result = CliRunner().invoke(
        app, ["check", "--standards-path", str(DATA / "broken"), str(REPO / "examples" / "xa-inf-01-ready.yaml")]
    )
    assert result.exit_code == 2
    assert f"{path}:{line_of(path, 'boat:')}:3: `items.boat`: missing required key `coe_category`" in result.stderr


# --- lint warnings -------------------------------------------------------------------------------

# (text identifying the line, the code, the message)
STANDARD_WARNINGS = [
    (
        "unit_types: [",
        "infantry-batalion",
        "unknown unit type code `infantry-batalion`; did you mean `infantry-battalion`?",
    ),
    ("missions:", "high-treat", "unknown mission code `high-treat`; did you mean `high-threat`?"),
    ("un-bfak", "un-bfak", "unknown course code `un-bfak`; did you mean `un-bfac`?"),
    ("un-bfak", "medical-oficer", "unknown role code `medical-oficer`; did you mean `medical-officer`?"),
    (
        "apc-wheeled-clas-ii",
        "apc-wheeled-clas-ii",
        "unknown equipment item code `apc-wheeled-clas-ii`; did you mean `apc-wheeled-class-ii`?",
    ),
    ("boat-handlr", "'value(", "unknown role code `boat-handlr`; did you mean `boat-handler`?"),
    ("nurze", "nurze", "unknown role code `nurze`; did you mean `nurse`?"),
    ("labratory", "labratory", "unknown medical capability code `labratory`; did you mean `laboratory`?"),
    (
        "human-rights-screning",
        "certifications.",
        "unknown certification code `human-rights-screning`; did you mean `human-rights-screening`?",
    ),
    ("laundary", "laundary", "unknown self-sustainment category code `laundary`; did you mean `laundry`?"),
    ("languages.fre", "personnel.", "unknown language code `fre`; did you mean `fr`?"),
    ("primary-cair", "primary-cair", "unknown medical capability code `primary-cair`; did you mean `primary-care`?"),
]


def _expected(path: Path, rows: list[tuple[str, str, str]]) -> list[tuple[int, int, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for text, code, message in rows:
        line = line_of(path, text)
        found.append((line, lines[line - 1].index(code) + 1, message))
    return sorted(found)


def test_lint_warns_at_every_unknown_code_of_a_standard() -> None:
    """Each warning is at the code itself (a path or expression: at its start) and names the
    nearest known code; codes from the folder's vocabulary file and the standard's own section
    raise none."""
    code, reported = lint(str(STANDARD))
    assert code == 0
    assert all(r.warning and r.path == str(STANDARD) for r in reported)
    assert sorted((r.line, r.column, r.message) for r in reported) == _expected(STANDARD, STANDARD_WARNINGS)


def test_lint_warns_at_unknown_codes_of_a_declaration() -> None:
    code, reported = lint("--standards-path", str(ORGANISATION), str(DECLARATION))
    assert code == 0
    assert [(r.line, r.column, r.message) for r in reported] == _expected(
        DECLARATION,
        [
            (
                "apc-wheeled-clas-ii",
                "apc-wheeled-clas-ii",
                "unknown equipment item code `apc-wheeled-clas-ii`; did you mean `apc-wheeled-class-ii`?",
            ),
            ("laundary", "laundary", "unknown self-sustainment category code `laundary`; did you mean `laundry`?"),
        ],
    )


def test_a_code_with_no_near_neighbour_is_named_without_a_suggestion() -> None:
    codes = Library(search_path([])).codes
    assert codes.unknown("courses", "zzzz") == "unknown course code `zzzz`"
    assert codes.unknown("courses", "un-cptm") is None


@pytest.mark.parametrize(
    ("arguments", "exit_code"),
    [
        ([str(STANDARD)], 0),
        (["--strict", str(STANDARD)], 2),
        (["--strict", str(DATA / "child" / "child.yaml")], 0),
        (["--strict", str(REPO / "standards"), str(REPO / "examples")], 0),
    ],
    ids=["warnings", "strict-warnings", "strict-clean", "strict-shipped"],
)
def test_strict_makes_warnings_errors(arguments: list[str], exit_code: int) -> None:
    result = CliRunner().invoke(app, ["lint", *arguments])
    assert result.exit_code == exit_code, result.stdout


def test_the_shipped_standards_and_examples_pass_lint_strict() -> None:
    """What CI runs: `pkcheck lint --strict standards examples`."""
    result = CliRunner().invoke(app, ["lint", "--strict", str(REPO / "standards"), str(REPO / "examples")])
    assert result.exit_code == 0 and result.stdout.endswith(" file(s) linted: 0 error(s), 0 warning(s)\n")
    assert len(result.stdout.splitlines()) == 1, result.stdout


# --- check: warnings and titles ------------------------------------------------------------------


def _check_json() -> dict:
    code, out = check(
        "--standards-path", str(ORGANISATION), "--standard", "xa-misspelt", "-f", "json", str(DECLARATION)
    )
    assert code == 1
    return json.loads(out)["results"][0]


def test_check_never_warns_about_a_code_its_standard_uses_and_still_checks() -> None:
    """The misspelt item and category are the standard's own: the declaration must use them to
    meet it, so they are known to it (``lint`` of the standard warns about them)."""
    result = _check_json()
    assert result["verdict"] == "conditional"
    assert result["warnings"] == []


def test_json_findings_keep_codes_and_add_titles() -> None:
    result = _check_json()
    assert result["declaration"]["unit"]["type"] == "xa-river-company"
    assert result["declaration"]["unit_titles"] == {"type": "XA river company"}
    findings = {f["requirement"]: f for f in result["findings"]}
    convoy = findings["XAM-TRN-001"]
    assert convoy["titles"] == {"boat-handler": "Boat handler", "xa-convoy-drill": "XA convoy drill"}
    assert "XA convoy drill (xa-convoy-drill)" in convoy["message"]
    assert findings["XAM-TRN-002"]["titles"] == {"un-cptm": "UN Core Pre-deployment Training Materials"}
    assert findings["XAM-MED-001"]["gaps"][1]["shortfall"] == ["labratory"]


def test_text_report_names_codes_by_title_and_code() -> None:
    code, out = check(str(REPO / "examples" / "xc-inf-03-not-ready.yaml"))
    assert code == 1
    flat = " ".join(out.split())
    for shown in (
        "Type Infantry battalion (infantry-battalion)",
        "Armoured personnel carrier, wheeled, class II (apc-wheeled-class-ii) or Armoured personnel carrier, tracked (apc-tracked)",
        "valid UN Core Pre-deployment Training Materials (un-cptm) training",
        "Medical officer (staff.medical-officer)",
        "Observation, night (observation-night) missing",
        "(Operational readiness certificate) is absent",
        "missing: Forward medical",  # in the shortfall column, beside `(forward-medical-team)`
    ):
        assert shown in flat, shown


def test_strict_shows_warnings_as_the_errors_they_count_as() -> None:
    plain = CliRunner().invoke(app, ["lint", str(STANDARD)])
    strict = CliRunner().invoke(app, ["lint", "--strict", str(STANDARD)])
    warned = [line for line in plain.stdout.splitlines() if ": warning: " in line]
    assert warned
    *plain_lines, plain_summary = plain.stdout.splitlines()
    *strict_lines, strict_summary = strict.stdout.splitlines()
    # --strict also requires rationales, remediations and references, and a basis for each
    # number, which this standard lacks.
    unbased = [line for line in strict_lines if " has no basis: " in line]
    undocumented = [line for line in strict_lines if "(`lint --strict` requires" in line]
    assert unbased
    assert [line for line in strict_lines if line not in unbased + undocumented] == [
        line.replace(": warning: ", ": ", 1) for line in plain_lines
    ]
    assert plain_summary.endswith(f"0 error(s), {len(warned)} warning(s)")
    assert strict_summary.endswith(f"{len(warned) + len(unbased) + len(undocumented)} error(s), 0 warning(s)")
