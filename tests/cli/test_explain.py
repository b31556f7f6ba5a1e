"""`pkcheck explain`: one requirement in plain words, with where it was defined and changed."""

from __future__ import annotations

from pathlib import Path

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
