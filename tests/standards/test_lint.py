"""``pkcheck lint`` through the command line: every problem is a ``path:line:column: message``
line on standard output, exit code 2 on any error, 0 otherwise (warnings allowed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textlines import line_of
from typer.testing import CliRunner

from pkcheck.cli import app

DATA = Path(__file__).resolve().parent.parent / "data" / "standards"
REPO = Path(__file__).resolve().parent.parent.parent
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<warning>warning: )?(?P<message>.+)$")


@dataclass(frozen=True)
class Reported:
    path: str
    line: int
    column: int
    warning: bool
    message: str


def lint(*arguments: str) -> tuple[int, list[Reported]]:
    result = CliRunner().invoke(app, ["lint", *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    reported = []
    *diagnostics, summary = result.stdout.splitlines()
    assert re.fullmatch(r"\d+ file\(s\) linted: \d+ error\(s\), \d+ warning\(s\)", summary), summary
    assert result.stderr == ""  # the report, summary included, is on standard output
    for text in diagnostics:
        match = LINE.match(text)
        assert match, f"not a `path:line:column: message` line: {text!r}"
        reported.append(
            Reported(match["path"], int(match["line"]), int(match["column"]), bool(match["warning"]), match["message"])
        )
    return result.exit_code, reported


# --- clean input -----------------------------------------------------------------------------


def test_the_shipped_standards_lint_clean() -> None:
    code, reported = lint(str(REPO / "standards"))
    assert (code, reported) == (0, [])


def test_without_paths_lint_checks_the_search_path() -> None:
    code, reported = lint()
    assert (code, reported) == (0, [])
    code, reported = lint("--standards-path", str(DATA / "composition-chain"))
    assert (code, reported) == (0, [])


def test_the_examples_lint_clean() -> None:
    code, reported = lint(str(REPO / "examples"))
    assert (code, reported) == (0, [])


@pytest.mark.parametrize(
    "scenario",
    [
        "composition-chain",
        "selection",
        "remove-and-redefine",
        "waivers/standards",
        "search-path",
        "several-bases",
        "json-and-hidden",
    ],
)
def test_good_scenarios_lint_clean(scenario: str) -> None:
    code, reported = lint(str(DATA / scenario))
    assert (code, reported) == (0, [])


# --- each error class, at its line -----------------------------------------------------------

# scenario -> [(file, text that identifies the line, substrings of the message)]
ERRORS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "own-id-not-new": [
        ("child.yaml", "id: PAR-EQP-001", ("`PAR-EQP-001`", "parent `own-parent`", "must be new")),
        ("child.yaml", "id: GRD-TRN-001", ("`GRD-TRN-001`", "parent `own-parent`", "`own-grand`")),
    ],
    "duplicate-ids": [
        ("standard.yaml", "=    id: DUP-TRN-001", ("duplicate requirement id `DUP-TRN-001`", "first at line 6")),
    ],
    "not-inherited": [
        ("child.yaml", "NIB-TRN-002:", ("cannot override `NIB-TRN-002`", "not inherited from `ni-base`")),
        ("child.yaml", "NIB-EQP-009:", ("cannot remove `NIB-EQP-009`", "not inherited from `ni-base`")),
    ],
    "kind-change": [
        ("child.yaml", "=    check:", ("`KCB-TRN-001`", "check kind", "from `training` to `equipment`")),
    ],
    "unknown-parent": [
        (
            "child.yaml",
            "extends:",
            ("unknown parent standard `un-infantry-batallion`", "did you mean `un-infantry-battalion`?"),
        ),
    ],
    "cycle-1": [
        ("self.yaml", "extends:", ("cycle in `extends`: cyc-self -> cyc-self",)),
    ],
    "cycle-2": [
        ("a.yaml", "extends:", ("cycle in `extends`: cyc2-a -> cyc2-b -> cyc2-a",)),
        ("b.yaml", "extends:", ("cycle in `extends`: cyc2-b -> cyc2-a -> cyc2-b",)),
    ],
    "cycle-3": [
        ("a.yaml", "extends:", ("cycle in `extends`: cyc3-a -> cyc3-b -> cyc3-c -> cyc3-a",)),
        ("b.yaml", "extends:", ("cycle in `extends`: cyc3-b -> cyc3-c -> cyc3-a -> cyc3-b",)),
        ("c.yaml", "extends:", ("cycle in `extends`: cyc3-c -> cyc3-a -> cyc3-b -> cyc3-c",)),
    ],
    "unknown-reference": [
        ("standard.yaml", "coe-manul", ("`REF-EQP-001`", "unknown reference key `coe-manul`", "known: sur-inf")),
    ],
    "expressions": [
        ("parse.yaml", "quantity:", ("bad expression", "bad syntax")),
        (
            "standard.yaml",
            "apc_quantty + 1",
            ("unknown name `apc_quantty`", "did you mean the parameter `apc_quantity`?"),
        ),
        ("standard.yaml", "personel.total", ("unknown name `personel.total`", "did you mean `personnel`?")),
        ("standard.yaml", "apc_quantity / (2 - 2)", ("`EXP-EQP-004`", "division by zero")),
        ("standard.yaml", "personnel.total / spare", ("`EXP-EQP-005`", "division by zero")),
    ],
    "negative-thresholds": [
        ("standard.yaml", "quantity: -3", ("`NEG-EQP-001`", "must not be negative")),
        ("standard.yaml", "min: -1", ("`NEG-SUS-001`", "must not be negative")),
        ("standard.yaml", 'count: "reserve - 5"', ("`NEG-TRN-001`", "evaluates to -3")),
        ("standard.yaml", "nurse:", ("`NEG-MED-001`", "evaluates to -1")),
    ],
    "non-finite-thresholds": [
        ("standard.yaml", "spare: .nan", ("`parameters.spare`", "finite number", "got NaN")),
        ("standard.yaml", "quantity: .inf", ("`requirements[0].check.equipment.quantity`", "got infinity")),
        ("standard.yaml", "count: .nan", ("`requirements[1].check.training.count`", "got NaN")),
        ("standard.yaml", "min: 1e400", ("`requirements[2].check.value.min`", "such as `1e400`")),
        ("standard.yaml", "max: -.inf", ("`requirements[3].check.value.max`", "got -infinity")),
        ("standard.yaml", "equals: .nan", ("`requirements[4].check.value.equals`", "got NaN")),
        ("standard.yaml", "- .Inf", ("`requirements[5].check.value.one_of[1]`", "got infinity")),
        ("standard.yaml", "- 2e999", ("`requirements[6].check.value.includes[1]`", "got infinity")),
        ("standard.yaml", "beds: 1000", ("`requirements[7].check.medical.beds`", "larger than 10^308")),
        ("standard.yaml", "nurse: .INF", ("`requirements[7].check.medical.staff.nurse`", "got infinity")),
        ("standard.yaml", "surgery: .NaN", ("`requirements[7].check.medical.casevac_minutes.surgery`", "got NaN")),
        ("expression.yaml", "min: ", ("`NFX-SUS-001`", "the result of `*` is out of range", "(column 69)")),
        ("override.yaml", "min: .inf", ("`overrides.CORE-SUS-001.check.value.min`", "got infinity")),
    ],
    "parameter-breaks-inherited": [
        ("child.yaml", "personnel_per_generator: 0", ("`PBI-EQP-001` (inherited from `pbi-base`)", "division by zero")),
        ("child.yaml", "generator_reserve: 0", ("`PBI-EQP-002` (inherited from `pbi-base`)", "evaluates to -1")),
    ],
    "value-path": [
        (
            "standard.yaml",
            "=        path: sustainment.water_day",
            ("path `sustainment.water_day` cannot exist", "did you mean `water_days`?"),
        ),
        (
            "standard.yaml",
            "path: personnel.roles.staff_officer",
            ("`VP-PER-001`", "did you mean `personnel.roles.staff-officer`?"),
        ),
        ("standard.yaml", "staff_officer * 20", ("`VP-PER-002`", "unknown name `personnel.roles.staff_officer`")),
    ],
    "section-parameter": [
        ("standard.yaml", "personnel: 850", ("parameter name `personnel` is a declaration section",)),
    ],
    "overrides-without-extends": [
        ("standard.yaml", "overrides:", ("`overrides` needs `extends`",)),
        ("standard.yaml", "removes:", ("`removes` needs `extends`",)),
    ],
    "dup-in-folder": [
        ("b.yaml", "id: dif-std", ("standard id `dif-std` is also defined in", "a.yaml")),
    ],
    "bad-override": [
        ("child.yaml", "severity: urgent", ("got 'urgent'",)),
        ("child.yaml", "no-such-ref", ("unknown reference key `no-such-ref`",)),
        ("child.yaml", "personnel.totl", ("did you mean `total`?",)),
        ("child.yaml", "id: BOB-SUS-009", ("cannot change a requirement's `id`",)),
        ("child.yaml", "=  BOB-SUS-002:", ("cannot override `BOB-SUS-002`", "removes")),
    ],
}


@pytest.mark.parametrize("scenario", sorted(ERRORS))
def test_each_error_is_reported_at_its_line(scenario: str) -> None:
    folder = DATA / scenario
    code, reported = lint(str(folder))
    assert code == 2
    # The only warnings are about codes no vocabulary knows (a misspelt role, say); they are
    # tested on their own below.
    assert all(r.message.startswith("unknown ") for r in reported if r.warning), reported
    reported = [r for r in reported if not r.warning]
    expected = sorted((str(folder / file), line_of(folder / file, text)) for file, text, _ in ERRORS[scenario])
    assert sorted((r.path, r.line) for r in reported) == expected, "\n".join(r.message for r in reported)
    for file, text, substrings in ERRORS[scenario]:
        where = (str(folder / file), line_of(folder / file, text))
        [message] = [r.message for r in reported if (r.path, r.line) == where]
        for substring in substrings:
            assert substring in message, message


def test_columns_are_those_of_the_key_or_entry() -> None:
    folder = DATA / "not-inherited"
    _, reported = lint(str(folder))
    assert {r.column for r in reported} == {3}  # the keys inside `overrides:` and `removes:`
    _, [cycle] = lint(str(DATA / "cycle-1"))
    assert cycle.column == 1
    path = DATA / "unknown-reference" / "standard.yaml"
    _, [reference] = lint(str(path))
    assert reference.column == path.read_text().splitlines()[reference.line - 1].index("coe-manul") + 1


def test_one_file_of_a_cycle_is_reported_in_that_file() -> None:
    path = DATA / "cycle-3" / "b.yaml"
    code, reported = lint(str(path))
    assert code == 2
    assert [(r.path, r.line) for r in reported] == [(str(path), line_of(path, "extends:"))]


def test_a_relative_path_finds_the_problems_of_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    code, reported = lint("./dup-in-folder/b.yaml")
    assert code == 2
    assert [(r.path, r.line) for r in reported] == [
        ("dup-in-folder/b.yaml", line_of(DATA / "dup-in-folder" / "b.yaml", "id: dif-std"))
    ]
    code, reported = lint("./cycle-1")
    assert (code, [(r.path, r.line) for r in reported]) == (2, [("cycle-1/self.yaml", 5)])


def test_a_clean_child_of_a_clean_parent_in_another_folder() -> None:
    """The parent is found through --standards-path; linting only the child is clean."""
    child = DATA / "composition-chain" / "leaf.yaml"
    code, reported = lint(str(child))
    assert (code, reported) == (0, [])


# --- waivers and declarations ----------------------------------------------------------------

WAIVER_STANDARDS = str(DATA / "waivers" / "standards")


def test_a_waiver_for_a_requirement_that_is_not_waivable_is_an_error() -> None:
    path = DATA / "lint-waivers" / "not-waivable.yaml"
    code, reported = lint("--standards-path", WAIVER_STANDARDS, str(path))
    assert code == 2
    assert [(r.path, r.line, r.column, r.warning) for r in reported] == [
        (str(path), line_of(path, "requirement: WV-CON-001"), 5, False)
    ]
    assert "`WV-CON-001` is not waivable" in reported[0].message


def test_a_waiver_for_an_unknown_requirement_is_a_warning() -> None:
    path = DATA / "lint-waivers" / "unknown.yaml"
    code, reported = lint("--standards-path", WAIVER_STANDARDS, str(path))
    assert code == 0
    assert [(r.path, r.line, r.warning) for r in reported] == [(str(path), line_of(path, "WV-EQP-091"), True)]
    assert "`WV-EQP-091`" in reported[0].message


def test_waivers_must_have_reason_approver_and_expiry() -> None:
    path = DATA / "lint-waivers" / "missing-fields.yaml"
    code, reported = lint("--standards-path", WAIVER_STANDARDS, str(path))
    assert code == 2
    assert [(r.line, r.warning) for r in reported] == [
        (line_of(path, "requirement: WV-EQP-001"), False),
        (line_of(path, "requirement: WV-SUS-001"), False),
        (line_of(path, "requirement: WV-TRN-001"), False),
    ]
    assert "missing required key `reason`" in reported[0].message
    assert "missing required key `approved_by`" in reported[1].message
    assert "missing required key `expires`" in reported[2].message


def test_a_broken_declaration() -> None:
    path = DATA / "lint-declaration" / "broken.yaml"
    code, reported = lint(str(path))
    assert code == 2
    by_line = {r.line: r.message for r in reported}
    assert sorted(by_line) == [
        line_of(path, "serviceable: 7"),
        line_of(path, "=  - item: ambulance"),
        line_of(path, "quantitty"),
    ]
    assert "cannot exceed quantity" in by_line[line_of(path, "serviceable: 7")]
    assert "missing required key `quantity`" in by_line[line_of(path, "=  - item: ambulance")]
    assert "did you mean `quantity`?" in by_line[line_of(path, "quantitty")]


def test_a_folder_of_mixed_files_reports_each() -> None:
    code, reported = lint(
        "--standards-path",
        WAIVER_STANDARDS,
        str(DATA / "lint-waivers"),
        str(DATA / "lint-declaration"),
        str(DATA / "cycle-1"),
    )
    assert code == 2
    files = {Path(r.path).name for r in reported}
    assert files == {"not-waivable.yaml", "unknown.yaml", "missing-fields.yaml", "broken.yaml", "self.yaml"}
    assert sum(r.warning for r in reported) == 1


# --- lint --strict: requirements that explain themselves ----------------------------------------

UNDOCUMENTED = DATA / "undocumented"


def test_plain_lint_accepts_a_requirement_without_rationale_remediation_or_reference() -> None:
    """They are optional while a standard is drafted."""
    assert lint(str(UNDOCUMENTED)) == (0, [])


def test_strict_requires_a_rationale_a_remediation_and_a_reference() -> None:
    """Each requirement that lacks one (or has an empty list of references) is an error at the
    requirement naming what it lacks; so is an override that empties one, at its key. What a
    child inherits is the parent's to explain."""
    code, reported = lint("--strict", str(UNDOCUMENTED))
    assert code == 2
    base, child = UNDOCUMENTED / "base.yaml", UNDOCUMENTED / "child.yaml"
    assert [(Path(r.path), r.line, r.column, r.message.split(" (")[0]) for r in reported] == [
        (base, line_of(base, "id: UDB-EQP-002"), 5, "requirement `UDB-EQP-002` has no references"),
        (base, line_of(base, "id: UDB-EQP-003"), 5, "requirement `UDB-EQP-003` has no remediation or references"),
        (
            base,
            line_of(base, "id: UDB-EQP-004"),
            5,
            "requirement `UDB-EQP-004` has no rationale, remediation or references",
        ),
        (child, line_of(child, "references: []"), 5, "requirement `UDB-EQP-001` has no references"),
    ]
    assert not any(r.warning for r in reported)
    assert reported[2].message.endswith(
        "a unit short of it is not told why it is required, how to close a shortfall or where it comes from"
    )
