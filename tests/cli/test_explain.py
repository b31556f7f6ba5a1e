"""`pkcheck explain`: one requirement in plain words, with where it was defined and changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkcheck.cli import app

CHAIN = str(Path(__file__).resolve().parents[1] / "data" / "standards" / "composition-chain")


def _explain(*args: str) -> tuple[int, dict[str, str]]:
    result = CliRunner().invoke(app, ["explain", *args], env={"PKCHECK_STANDARDS_PATH": ""})
    fields: dict[str, str] = {}
    label = ""
    for line in result.stdout.splitlines()[1:]:
        if line.startswith(" " * 15):  # a field wrapped to the width goes on under its value
            fields[label] += " " + line.strip()
            continue
        label, _, value = line.strip().partition(" ")
        fields.setdefault(label, value.strip())
    return result.exit_code, fields


def test_explains_a_shipped_requirement_with_parameter_values() -> None:
    """The check is described in words, parameters shown with their values, sources cited."""
    code, fields = _explain("INF-EQP-001")
    assert code == 0
    assert fields["Check"].startswith("equipment: at least apc_quantity (= 25) apc-wheeled-class-ii or apc-tracked")
    assert "90% of that quantity serviceable" in fields["Check"]
    assert fields["Severity"] == "critical"
    assert fields["Codes"] == (
        "apc-tracked: Armoured personnel carrier, tracked; apc-wheeled-class-ii: Armoured personnel carrier, wheeled, class II"
    )
    assert fields["Defined"] == "in   un-infantry-battalion"
    assert fields["Reference"].startswith("[coe-manual]")
    assert "Illustrative threshold" in fields["Rationale"]


def test_default_is_the_defining_standard_and_others_are_named() -> None:
    """Without --standard, the requirement is shown as its defining standard has it."""
    code, fields = _explain("CMP-TRN-002", "--standards-path", CHAIN)
    assert code == 0
    assert fields["Standard"].startswith("comp-core 1.0.0")
    assert "90% of all personnel" in fields["Check"]
    assert fields["Also"] == "in      comp-leaf, comp-mid"


def test_the_chain_of_changes_is_shown_for_a_child() -> None:
    """In a child, the effective (overridden) check is shown with every standard that changed it."""
    code, fields = _explain("CMP-TRN-002", "--standard", "comp-leaf", "--standards-path", CHAIN)
    assert code == 0
    assert fields["Standard"] == "comp-leaf 2.0.0 (comp-core > comp-mid > comp-leaf)"
    assert "50% of all personnel" in fields["Check"] and fields["Severity"] == "critical"
    assert fields["Changed"].startswith("by   comp-mid, comp-leaf (last at ")
    assert "leaf.yaml:" in fields["Changed"]


def test_unknown_requirement_is_a_usage_error() -> None:
    """An id no standard has exits 2 with a message."""
    result = CliRunner().invoke(app, ["explain", "NOPE-001"])
    assert result.exit_code == 2
    assert "no standard in the search path has a requirement `NOPE-001`" in result.output


def test_standard_without_the_requirement_is_a_usage_error() -> None:
    """Asking for a standard that lacks the requirement names the ones that have it."""
    result = CliRunner().invoke(
        app, ["explain", "CMP-TRN-002", "-s", "un-infantry-battalion", "--standards-path", CHAIN]
    )
    assert result.exit_code == 2
    assert "it is in: comp-core, comp-leaf, comp-mid" in result.output


def test_a_requirement_of_a_standard_that_cannot_be_composed_shows_why() -> None:
    """Its standard's errors, located, not "no standard has it" (exit 2)."""
    folder = str(Path(__file__).resolve().parents[1] / "data" / "standards" / "explain-broken")
    result = CliRunner().invoke(
        app, ["explain", "XPL-TRN-001", "--standards-path", folder], env={"PKCHECK_STANDARDS_PATH": ""}
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"pkcheck: error: `XPL-TRN-001` is in standard `xpl-broken` ({folder}/standard.yaml), which cannot be composed:"
    )
    assert lines[1].startswith(f"{folder}/standard.yaml:7:1: unknown parent standard `un-infantry-batallion`")
    other = CliRunner().invoke(
        app, ["explain", "NOPE-001", "--standards-path", folder], env={"PKCHECK_STANDARDS_PATH": ""}
    )
    assert other.exit_code == 2
    assert "`NOPE-001`; 1 standard file(s) could not be read or composed (see `pkcheck lint`)" in other.stderr


# --- explain REQ --for FILE --------------------------------------------------------------------

AS_OF = "2026-11-26"


def _explain_for(*args: str) -> tuple[int, dict[str, list[str]], str]:
    """Exit code, the fields of the unit's part (label -> each value, wrapped lines joined) and
    standard error."""
    result = CliRunner().invoke(app, ["explain", *args, "--as-of", AS_OF], env={"PKCHECK_STANDARDS_PATH": ""})
    fields: dict[str, list[str]] = {}
    unit_part = result.stdout.split("\n\n", 1)[1] if "\n\n" in result.stdout else ""
    label = ""
    for line in unit_part.splitlines():
        if line.startswith(" " * 15):
            fields[label][-1] += " " + line.strip()
            continue
        label, _, value = line.strip().partition(" ")
        fields.setdefault(label, []).append(value.strip())
    return result.exit_code, fields, result.stderr


def test_for_a_unit_the_threshold_is_computed_with_its_values() -> None:
    """`ceil(personnel.total / personnel_per_generator)` for a battalion of 850: the formula, the
    unit's numbers in it, and the result; the lines it reads; the finding as `check` words it."""
    code, fields, _ = _explain_for("INF-EQP-003", "--for", "examples/xb-inf-02-conditional.yaml")
    assert code == 0
    assert fields["Unit"] == ["XB-INF-02 2nd Infantry Battalion (XB), examples/xb-inf-02-conditional.yaml"]
    assert fields["Checked"] == [f"against un-infantry-battalion 3.1.0, as of {AS_OF}"]
    assert fields["Computed"] == [
        "quantity: ceil(personnel.total / personnel_per_generator) = ceil(850 / 85) = 10",
        "serviceable: ceil(0.9 * ceil(personnel.total / personnel_per_generator)) = ceil(0.9 * ceil(850 / 85)) = 9",
    ]
    assert fields["Evidence"] == [
        "examples/xb-inf-02-conditional.yaml:129 equipment.3: {item: generator, quantity: 10, serviceable: 7, lease: wet}",
        "examples/xb-inf-02-conditional.yaml:37 personnel.total: 850",
    ]
    assert fields["Result"] == [
        (
            "shortfall (major): 7 serviceable Generator set (generator), 9 required (90% of 10): 2 short "
            "required 9 (illustrative), declared 7, short 2 items"
        )
    ]


def test_the_result_is_the_finding_of_check() -> None:
    """The same status and message as the JSON report of `check` for that unit."""
    report = CliRunner().invoke(
        app,
        ["check", "examples/xk-l2h-01-conditional.yaml", "--as-of", AS_OF, "-f", "json"],
        env={"PKCHECK_STANDARDS_PATH": ""},
    )
    findings = {f["requirement"]: f for f in json.loads(report.stdout)["results"][0]["findings"]}
    for requirement in ("L2H-TRN-003", "L2H-MED-005", "L2H-PER-001", "CORE-PER-001"):
        code, fields, _ = _explain_for(requirement, "--for", "examples/xk-l2h-01-conditional.yaml")
        assert code == 0
        finding = findings[requirement]
        status = finding["status"].replace("-", " ")
        assert fields["Result"][0].startswith(f"{status} ({finding['severity']}): {finding['message']}")


def test_a_coverage_of_a_role_and_a_parameter_are_computed() -> None:
    code, fields, _ = _explain_for("L2H-TRN-003", "--for", "examples/xk-l2h-01-conditional.yaml")
    assert code == 0
    assert fields["Computed"] == ['required: ceil(0.5 * value("personnel.roles.nurse")) = ceil(0.5 * 14) = 7']
    assert "examples/xk-l2h-01-conditional.yaml:42 personnel.roles.nurse: 14" in fields["Evidence"]
    code, fields, _ = _explain_for("CORE-PER-001", "--for", "examples/xk-l2h-01-conditional.yaml")
    assert fields["Computed"] == ["min: ceil(personnel.total * women_target) = ceil(62 * 0.08) = 5"]


def test_a_value_the_unit_does_not_declare_is_named() -> None:
    """The threshold cannot be computed: the name missing is said, and the result is no evidence."""
    code, fields, _ = _explain_for("INF-EQP-003", "--for", "tests/data/explain/no-strength.yaml")
    assert code == 0
    assert fields["Computed"][0] == (
        "quantity: ceil(personnel.total / personnel_per_generator) = ceil(? / 85) (`personnel.total` not declared)"
    )
    assert fields["Result"][0].startswith("no evidence (major): cannot check Generator set (generator)")


def test_a_disagreement_of_medical_staff_is_shown_with_the_unit() -> None:
    code, fields, _ = _explain_for("L2H-TRN-002", "--for", "tests/data/explain/one-surgeon.yaml")
    assert code == 0
    assert fields["Result"][0].startswith("met (major): 1 of 1 required personnel")
    assert fields["Warning"] == [
        (
            "tests/data/explain/one-surgeon.yaml:13:5: `medical.staff.surgeon` is 2 but `personnel.roles.surgeon` is 1 "
            "(line 7): medical checks count 2, training of the role counts 1; declare the same number in both"
        )
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("L2H-TRN-03", "--for", "examples/xb-inf-02-conditional.yaml"),
            "pkcheck: error: no standard in the search path has a requirement `L2H-TRN-03`; did you mean `L2H-TRN-003`?",
        ),
        (
            ("L2H-TRN-003", "--for", "examples/xb-inf-02-conditional.yaml"),
            (
                "pkcheck: error: `L2H-TRN-003` does not apply to unit `XB-INF-02` (examples/xb-inf-02-conditional.yaml): "
                "a unit of type `infantry-battalion` is checked against `un-infantry-battalion`, which has no "
                "`L2H-TRN-003`; it is in: un-level-2-hospital"
            ),
        ),
        (
            ("L2H-TRN-003", "--for", "tests/data/explain/misspelt.yaml"),
            "tests/data/explain/misspelt.yaml:3:1: unknown key `personel`; did you mean `personnel`?",
        ),
        (
            ("L2H-TRN-003", "--for", "tests/data/explain/absent.yaml"),
            "tests/data/explain/absent.yaml:1:1: no such file",
        ),
    ],
)
def test_what_cannot_be_explained_for_a_unit_is_exit_2(args: tuple[str, ...], message: str) -> None:
    code, fields, stderr = _explain_for(*args)
    assert code == 2
    assert stderr.splitlines() == [message]
    assert fields == {}


def test_text_from_the_declaration_is_shown_escaped(tmp_path: Path) -> None:
    """A unit's name with an escape sequence and a right-to-left override is shown as data."""
    declaration = tmp_path / "unit.yaml"
    declaration.write_text(
        'pkcheck: declaration/v1\nunit: {id: XB-INF-13, name: "Bn \\e[31m\\u202e", country: XB, type: infantry-battalion}\n',
        encoding="utf-8",
    )
    code, fields, _ = _explain_for("INF-EQP-003", "--for", str(declaration))
    assert code == 0
    assert fields["Unit"] == [f"XB-INF-13 Bn \\x1b[31m\\u202e (XB), {declaration}"]


def test_the_evidence_is_every_place_the_check_reads() -> None:
    """Each cohort a training requirement counts and its population; each medical value compared
    (not the section that holds them)."""
    _, fields, _ = _explain_for("CORE-TRN-002", "--for", "examples/xb-inf-02-conditional.yaml")
    assert [evidence.split(" ")[0] for evidence in fields["Evidence"]] == [
        "examples/xb-inf-02-conditional.yaml:81",
        "examples/xb-inf-02-conditional.yaml:85",
        "examples/xb-inf-02-conditional.yaml:89",
        "examples/xb-inf-02-conditional.yaml:37",
    ]
    _, fields, _ = _explain_for("L2H-MED-004", "--for", "examples/xm-l2h-02-not-ready.yaml")
    assert fields["Evidence"] == [
        "examples/xm-l2h-02-not-ready.yaml:86 medical.beds: 12",
        "examples/xm-l2h-02-not-ready.yaml:87 medical.outpatients_per_day: 40",
    ]
    assert fields["Computed"] == ["beds: inpatient_beds = 10", "outpatients_per_day: outpatient_capacity = 40"]
