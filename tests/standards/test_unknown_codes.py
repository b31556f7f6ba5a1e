"""Unknown codes of declarations: one warning per distinct code of a file, naming its lines;
none for a code the declaration's standard uses; the nearest known code searched for once per
code in a run; and a portfolio's summary of its unknown codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_lint import lint
from typer.testing import CliRunner

from pkcheck import api
from pkcheck.cli import app
from pkcheck.report import UnknownCode
from pkcheck.terms import vocabulary

DATA = Path(__file__).resolve().parent.parent / "data" / "vocabulary"
OWN = DATA / "own-codes"
REPEATED = OWN / "repeated-codes.yaml"
PORTFOLIO = DATA / "portfolio"
AS_OF = "2026-11-26"

# `driver` is on lines 8, 10 and 12 of the declaration, `laundary` on 14.
REPEATED_WARNINGS = [
    (8, 14, "unknown course code `driver` (lines 8, 10, 12)"),
    (14, 20, "unknown self-sustainment category code `laundary`; did you mean `laundry`?"),
]


def _check(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--as-of", AS_OF, "--standards-path", str(OWN), *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_check_warns_once_per_code_at_its_first_use_naming_its_lines() -> None:
    code, out = _check("-f", "json", str(REPEATED))
    assert code == 0
    warnings = json.loads(out)["results"][0]["warnings"]
    assert [(w["location"]["line"], w["location"]["column"], w["message"]) for w in warnings] == REPEATED_WARNINGS


def test_lint_of_a_declaration_follows_the_same_rules() -> None:
    """`xf-company` and `xf-driving` are no vocabulary's, but the standard the declaration
    selects applies to that unit type and names that course."""
    code, reported = lint("--standards-path", str(OWN), str(REPEATED))
    assert code == 0
    assert [(r.line, r.column, r.message) for r in reported] == REPEATED_WARNINGS


def test_lint_of_the_standard_still_warns_about_its_own_unlisted_codes() -> None:
    code, reported = lint("--standards-path", str(OWN), str(OWN / "standard.yaml"))
    assert code == 0
    assert [r.message for r in reported] == [
        "unknown unit type code `xf-company`; did you mean `eod-company`?",
        "unknown course code `xf-driving`; did you mean `stm-4x4-driving`?",
    ]


def test_the_nearest_code_is_searched_for_once_per_code_in_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    search = vocabulary.closest

    def counting(code: str, known: list[str]) -> str | None:
        searched.append(code)
        return search(code, known)

    monkeypatch.setattr(vocabulary, "closest", counting)
    api.check([str(PORTFOLIO), str(REPEATED)], standards_path=[str(OWN)], as_of=AS_OF)
    assert sorted(searched) == ["driver", "laundary"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_portfolio_report_counts_the_files_that_use_each_unknown_code(jobs: int) -> None:
    """The same with files checked in worker processes, each with its own cache."""
    report = api.check([str(PORTFOLIO)], standards_path=[str(OWN)], as_of=AS_OF, jobs=jobs)
    assert report.unknown_codes() == [
        UnknownCode("courses", "driver", 2),
        UnknownCode("self_sustainment", "laundary", 1),
    ]


def test_the_text_report_of_a_portfolio_ends_with_its_unknown_codes() -> None:
    code, out = _check(str(PORTFOLIO))
    assert code == 0
    assert out.splitlines()[-3:] == [
        "Unknown codes (no loaded vocabulary has them):",
        "  course `driver`: 2 files",
        "  self-sustainment category `laundary`: 1 file",
    ]


def test_one_declaration_has_its_warnings_and_no_summary() -> None:
    code, out = _check(str(REPEATED))
    assert code == 0
    assert "Unknown codes" not in out
    assert "unknown course code `driver` (lines 8, 10, 12)" in out


# --- a portfolio's other surprises: one unit id in two files, waivers that match nothing --------


def _warnings(report: api.Report) -> dict[str, list[tuple[int, str]]]:
    return {Path(r.path).name: [(w.location.line, w.message) for w in r.warnings] for r in report.results}


def test_two_files_with_one_unit_id_are_each_warned_at_the_id_naming_the_other() -> None:
    report = api.check([str(PORTFOLIO)], standards_path=[str(OWN)], as_of=AS_OF)
    a, c = (str(PORTFOLIO / name) for name in ("unit-a.yaml", "unit-c.yaml"))
    warnings = _warnings(report)
    assert warnings["unit-a.yaml"][-1] == (3, f"unit id `XF-CO-01` is also declared by {c}")
    assert warnings["unit-c.yaml"] == [(3, f"unit id `XF-CO-01` is also declared by {a}")]
    assert all("also declared" not in message for _, message in warnings["unit-b.yaml"])


def test_one_file_of_a_unit_id_is_not_warned() -> None:
    report = api.check([str(PORTFOLIO / "unit-c.yaml")], standards_path=[str(OWN)], as_of=AS_OF)
    assert report.results[0].warnings == ()


def test_waivers_for_no_checked_unit_or_no_requirement_of_the_run_are_warned_at_their_line() -> None:
    waivers = DATA / "portfolio-waivers.yaml"
    report = api.check([str(PORTFOLIO)], standards_path=[str(OWN)], waivers=str(waivers), as_of=AS_OF)
    assert [(w.location.path, w.location.line, w.message) for w in report.warnings] == [
        (str(waivers), 5, "1 waiver is for units not checked in this run, and not applied: `XF-CO-99`"),
        (str(waivers), 10, "waiver for `XFO-TRN-999` matches no requirement of the standards used"),
    ]


def test_only_waivers_for_units_outside_the_run_are_warned_about() -> None:
    """The waiver for XF-CO-02, the unit checked, is not."""
    waivers = DATA / "portfolio-waivers.yaml"
    report = api.check([str(PORTFOLIO / "unit-b.yaml")], standards_path=[str(OWN)], waivers=str(waivers), as_of=AS_OF)
    assert [w.message for w in report.warnings] == [
        "1 waiver is for units not checked in this run, and not applied: `XF-CO-99`",
        "waiver for `XFO-TRN-999` matches no requirement of the standards used",
    ]


def test_a_waiver_for_a_mistyped_unit_id_is_warned_at_its_line_with_the_id_it_may_mean(tmp_path: Path) -> None:
    """Waivers for other units are named once, together; one whose id differs from a checked
    unit's only in case and punctuation is a typo, and its requirement is not judged."""
    waivers = tmp_path / "waivers.yaml"
    entries = [("XFO-TRN-001", "xf_co-02"), ("XFO-TRN-001", "XF-CO-98"), ("XFO-TRN-777", "XF-CO-99")]
    waivers.write_text(
        "pkcheck: waivers/v1\nwaivers:\n"
        + "".join(
            f"  - {{requirement: {r}, unit: '{u}', reason: r, approved_by: a, expires: 2027-01-01}}\n"
            for r, u in entries
        ),
        encoding="utf-8",
    )
    report = api.check([str(PORTFOLIO / "unit-b.yaml")], standards_path=[str(OWN)], waivers=str(waivers), as_of=AS_OF)
    assert [(w.location.line, w.message) for w in report.warnings] == [
        (3, "waiver for unit `xf_co-02` matches no declaration checked; did you mean `XF-CO-02`?"),
        (4, "2 waivers are for units not checked in this run, and not applied: `XF-CO-98`, `XF-CO-99`"),
    ]
