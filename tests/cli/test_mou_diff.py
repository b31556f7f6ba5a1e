"""`pkcheck diff OLD_MOU NEW_MOU`: two amendments of an MOU through the command line: the three
formats, --fail-on-relaxation, --against (each amendment applied as if in effect; units not
covered named apart) and the usage errors. The rules of each change are data, in
``tests/data/mou-diff/cases.yaml`` (``tests/diff/test_mou_diff_cases.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AMENDMENT_1 = "examples/mous/mou-xa-inf-01.yaml"
AMENDMENT_2 = "tests/data/mou-diff/amendment-2.yaml"
MORE_APCS = "tests/data/mou-diff/more-apcs.yaml"
AS_OF = ("--as-of", "2026-11-26")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_text_lists_lines_categories_and_the_amendments(cli: Any) -> None:
    run = cli("diff", AMENDMENT_1, AMENDMENT_2)
    assert (run.exit_code, run.stderr) == (0, "")
    words = _words(run.stdout)
    assert "Old mou-xa-inf-01 effective 2026-10-01 (examples/mous/mou-xa-inf-01.yaml)" in words
    assert "New mou-xa-inf-01 effective 2027-04-01 (tests/data/mou-diff/amendment-2.yaml)" in words
    assert "XA-INF-01, amendment 2" in words
    assert "Annex B: 1 added, 1 removed, 3 changed; Annex C: 1 added, 1 removed, 2 moved" in words
    assert "asks less of a unit" in words
    assert f"B-001 apc-wheeled-class-ii quantity: 20 -> 24 (+4) tightened {AMENDMENT_2}:17:5" in words
    assert "B-006 water-tanker quantity: 4 -> 3 (-1) relaxed" in words
    assert "B-009 forklift removed: 2 forklift, dry, major relaxed examples/mous/mou-xa-inf-01.yaml:48:5" in words
    assert "catering: contributor -> un relaxed" in words
    assert run.stdout == cli("diff", AMENDMENT_1, AMENDMENT_2, fresh=True).stdout


def test_fail_on_relaxation(cli: Any) -> None:
    """Exit 1 when NEW asks less of a unit, only with the option; a quantity raised alone passes."""
    assert cli("diff", AMENDMENT_1, AMENDMENT_2, "--fail-on-relaxation").exit_code == 1
    tightened = cli("diff", AMENDMENT_1, MORE_APCS, "--fail-on-relaxation")
    assert tightened.exit_code == 0 and "asks less" not in tightened.stdout
    assert cli("diff", MORE_APCS, AMENDMENT_1, "--fail-on-relaxation").exit_code == 1
    rules = ("tests/data/mou-diff/rules-old.yaml", "tests/data/mou-diff/rules-new.yaml")
    assert cli("diff", *rules, "--fail-on-relaxation").exit_code == 1
    same = cli("diff", AMENDMENT_1, AMENDMENT_1, "--fail-on-relaxation")
    assert same.exit_code == 0 and "No line, category or unit covered changed." in same.stdout


def test_json_is_the_mou_diff_document(cli: Any) -> None:
    data = cli("diff", AMENDMENT_1, AMENDMENT_2, "-f", "json").json()
    assert data["pkcheck"] == "mou-diff/v1"
    assert (data["old"]["effective"], data["new"]["effective"]) == ("2026-10-01", "2027-04-01")
    assert data["summary"]["relaxed_or_removed"] is True
    assert data["lines"][0] == {
        "line": "B-001",
        "item": "apc-wheeled-class-ii",
        "change": "quantity",
        "old": 20,
        "new": 24,
        "difference": 4,
        "direction": "tightened",
        "location": {"path": AMENDMENT_2, "line": 17, "column": 5},
        "note": None,
    }
    assert data["categories"][0]["change"] == "moved" and data["against"] is None


def test_markdown_has_a_table_per_annex(cli: Any) -> None:
    run = cli("diff", AMENDMENT_1, AMENDMENT_2, "-f", "markdown")
    assert run.exit_code == 0
    assert run.stdout.startswith("# MOU changes: `mou-xa-inf-01` effective 2026-10-01 → 2027-04-01\n")
    assert "| B-001 | apc-wheeled-class-ii | quantity | 20 | 24 (+4) | tightened |" in run.stdout
    assert "| catering | moved | contributor | un | **relaxed** |" in run.stdout
    assert "## Units covered" not in run.stdout


def test_against_applies_each_amendment_as_if_in_effect(cli: Any) -> None:
    """Amendment 2 takes effect after the as-of day, yet XA-INF-01 is verified against it: its
    verdict and MOU lines change; the other examples are not covered, named and not judged."""
    run = cli("diff", AMENDMENT_1, AMENDMENT_2, "--against", "examples/", *AS_OF, "-f", "json")
    assert run.exit_code == 0, run.stderr
    against = run.json()["against"]
    assert against["checked"] == 1 and against["invalid"] == []
    (unit,) = against["units"]
    assert (unit["unit"], unit["old_verdict"], unit["new_verdict"]) == ("XA-INF-01", "ready", "not-ready")
    assert {"requirement": "MOU:B-001", "old": "met", "new": "shortfall"} in unit["requirements"]
    assert {"requirement": "MOU:B-009", "old": "met", "new": None} in unit["requirements"]
    assert {"requirement": "MOU:C-catering", "old": "met", "new": None} in unit["requirements"]
    assert len(against["not_covered"]) == 29 and "XA-INF-01" not in {n["unit"] for n in against["not_covered"]}
    text = _words(cli("diff", AMENDMENT_1, AMENDMENT_2, "--against", "examples/", *AS_OF).stdout)
    assert "examples/xa-inf-01-ready.yaml XA-INF-01: ready -> not ready MOU:B-001: met -> shortfall" in text
    assert "Not covered, not judged: 29 declarations of units neither amendment covers XB-INF-02," in text


def test_an_invalid_covered_declaration_exits_2(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "pkcheck: declaration/v1\nunit: {id: XA-INF-01, country: XA, type: infantry-battalion}\n"
        "personnel: {total: -5}\n",
        encoding="utf-8",
    )
    run = cli("diff", AMENDMENT_1, AMENDMENT_2, "--against", str(bad), *AS_OF, "-f", "json")
    assert run.exit_code == 2
    assert [u["path"] for u in run.json()["against"]["invalid"]] == [str(bad)]


def test_usage_errors(cli: Any) -> None:
    other = cli("diff", AMENDMENT_1, "examples/mous/mou-xb-inf-02.yaml")
    assert other.exit_code == 2 and other.stdout == ""
    assert "is MOU `mou-xa-inf-01` but NEW examples/mous/mou-xb-inf-02.yaml is MOU `mou-xb-inf-02`" in other.stderr
    assert "two amendments of one MOU" in other.stderr
    for args in ((AMENDMENT_1, "un-infantry-battalion"), ("standards/un-infantry-battalion.yaml", AMENDMENT_1)):
        mixed = cli("diff", *args)
        assert mixed.exit_code == 2 and "is an MOU (`mou/v1`) but" in mixed.stderr, mixed.stderr
        assert "compares two versions of a standard, or two amendments of an MOU" in mixed.stderr
    upcoming = cli("diff", AMENDMENT_1, AMENDMENT_2, "--upcoming", "180d")
    assert upcoming.exit_code == 2 and "--upcoming" in upcoming.stderr


def test_a_bad_amendment_is_a_located_error(cli: Any) -> None:
    run = cli("diff", AMENDMENT_1, "tests/data/mou/bad/negative-quantity.yaml")
    assert run.exit_code == 2 and run.stdout == ""
    assert (
        "tests/data/mou/bad/negative-quantity.yaml:9:5: `major_equipment[0].quantity`: must be at least 0" in run.stderr
    )
