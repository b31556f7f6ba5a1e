"""`pkcheck test`: standard test suites (`pkcheck: test/v1`), their outcomes, coverage and exit codes.

The suites, a small standard (`mini-signals`) and its declarations are in tests/data/suites/:
`standards/` is a standards folder whose `tests/` holds a suite that passes and covers everything,
`cases/` holds suites that fail or leave gaps, `errors/` broken ones (see errors/expected.yaml).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck.library import standards

REPO = Path(__file__).resolve().parents[2]
DATA = "tests/data/suites"
STANDARDS = f"{DATA}/standards"
PASSING = f"{STANDARDS}/tests/mini.test.yaml"
FAILING = f"{DATA}/cases/failing.test.yaml"
PARTIAL = f"{DATA}/cases/partial.test.yaml"
ERRORS = YAML(typ="safe").load((REPO / DATA / "errors" / "expected.yaml").read_text(encoding="utf-8"))


def _test(cli: Any, *args: str) -> Any:
    return cli("test", "--standards-path", STANDARDS, *args)


def _json(cli: Any, *args: str) -> dict[str, Any]:
    return _test(cli, *args, "--format", "json").json()


def _outcomes(report: dict[str, Any]) -> dict[str, list[str]]:
    return {suite["path"]: [case["outcome"] for case in suite["cases"]] for suite in report["suites"]}


def test_default_runs_the_suites_in_the_tests_folder_of_the_search_path(cli: Any) -> None:
    """With no PATH, the suites under `tests/` of each search-path folder run (declarations beside
    them are not taken for suites); a passing suite with full coverage exits 0."""
    run = _test(cli)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = _json(cli)
    shipped = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "standards" / "tests").glob("*.test.yaml"))
    paths = [Path(suite["path"]).resolve().relative_to(REPO).as_posix() for suite in report["suites"]]
    assert paths == [PASSING, *shipped]  # the given folder first, the shipped standards last
    assert _outcomes(report)[report["suites"][0]["path"]] == ["pass"] * 4
    assert "Coverage: every requirement and category is exercised as met and as failing" in run.stdout
    assert _test(cli, "--require-coverage").exit_code == 0


def test_folder_is_searched_recursively_for_suites_only(cli: Any) -> None:
    """A folder PATH finds `test/v1` files at any depth and skips declarations and waivers."""
    report = _json(cli, DATA)
    paths = [suite["path"] for suite in report["suites"]]
    assert PASSING in paths and FAILING in paths
    assert all(path.endswith(".test.yaml") for path in paths)
    assert not any("/mini/" in path for path in paths)


def test_failing_case_shows_expected_against_actual(cli: Any) -> None:
    """A failing case is marked FAIL, with a row per mismatch: the verdict first, then requirements
    in the standard's order; matching expectations are not listed. Exit 1."""
    run = _test(cli, FAILING)
    assert run.exit_code == 1
    rows = [line.split() for line in run.stdout.splitlines()]
    start = rows.index(["FAIL", "expects", "the", "carriers", "to", "be", "enough"])
    assert rows[start + 1] == ["Requirement", "Expected", "Actual"]
    assert list(rows[start + 3 : start + 6]) == [
        ["verdict", "conditional", "not-ready"],
        ["MINI-TRN-001", "no-evidence", "met"],
        ["MINI-EQP-001", "met", "shortfall"],
    ]
    assert ["PASS", "a", "complete", "company", "is", "ready"] in rows
    assert run.stdout.splitlines()[-1].startswith("1 suite(s), 2 case(s): 1 passed, 1 failed, 0 error(s)")


def test_failing_case_in_json(cli: Any) -> None:
    """The JSON report lists each mismatch; `others: shortfall` matched the two requirements not named."""
    (suite,) = _json(cli, FAILING)["suites"]
    case = suite["cases"][1]
    assert case["outcome"] == "fail" and case["verdict"] == "not-ready"
    assert case["mismatches"] == [
        {"subject": "verdict", "expected": "conditional", "actual": "not-ready"},
        {"subject": "MINI-TRN-001", "expected": "no-evidence", "actual": "met"},
        {"subject": "MINI-EQP-001", "expected": "met", "actual": "shortfall"},
    ]
    assert suite["standard"] == {"id": "mini-signals", "version": "1.2.0", "path": f"{STANDARDS}/mini.yaml"}


def test_coverage_lists_what_no_case_exercises(cli: Any) -> None:
    """Requirements never expected met or failing, and categories lacking an all-met or a failing
    case, are listed; they fail the run only with --require-coverage."""
    report = _json(cli, PARTIAL)
    assert report["suites"][0]["coverage"] == {
        "complete": False,
        "never_met": ["MINI-EQP-001", "MINI-EQP-002"],
        "never_failing": ["MINI-TRN-001", "MINI-EQP-002", "MINI-TRN-002"],
        "categories_never_met": ["equipment"],
        "categories_never_failing": ["training"],
    }
    run = _test(cli, PARTIAL)
    assert run.exit_code == 0
    assert "  Coverage: not exercised as failing: MINI-TRN-001, MINI-EQP-002, MINI-TRN-002" in run.stdout.splitlines()
    assert "  Coverage: categories without a case where one fails: training" in run.stdout.splitlines()
    assert run.stdout.splitlines()[-1].endswith("; coverage gaps in 1 suite(s)")
    assert _test(cli, PARTIAL, "--require-coverage").exit_code == 1


def _suite_file(tmp_path: Path, case: str, suite_as_of: str = "as_of: 2026-11-26\n") -> str:
    """A one-case suite in tmp_path, using the declarations of the passing suite."""
    mini = REPO / STANDARDS / "tests" / "mini"
    text = f"pkcheck: test/v1\nstandard: mini-signals\n{suite_as_of}cases:\n  - name: the case\n" + case.replace(
        "MINI/", f"{mini}/"
    )
    path = tmp_path / "one.test.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("case", "mismatches"),
    [
        pytest.param("    declaration: MINI/ready.yaml\n    others: met\n", [], id="others-met"),
        pytest.param(
            "    declaration: MINI/ready.yaml\n    others: waived\n    statuses: {MINI-EQP-002: met}\n",
            [("MINI-TRN-001", "waived", "met"), ("MINI-EQP-001", "waived", "met"), ("MINI-TRN-002", "waived", "met")],
            id="others-applies-only-to-the-rest",
        ),
        pytest.param(
            "    declaration: MINI/ready.yaml\n    statuses: {MINI-TRN-001: shortfall}\n",
            [("MINI-TRN-001", "shortfall", "met")],
            id="without-others-only-named-are-compared",
        ),
        pytest.param(
            "    declaration: MINI/ready.yaml\n    as_of: 2027-01-15\n    verdict: conditional\n    statuses: {MINI-TRN-001: shortfall}\n",
            [],
            id="case-as-of-overrides-the-suite",
        ),
        pytest.param(
            "    declaration: MINI/ready.yaml\n    verdict: conditional\n    statuses: {MINI-TRN-001: shortfall}\n",
            [("verdict", "conditional", "ready"), ("MINI-TRN-001", "shortfall", "met")],
            id="suite-as-of",
        ),
        pytest.param(
            "    declaration: MINI/no-apcs.yaml\n    waivers: MINI/waivers.yaml\n    statuses: {MINI-EQP-002: waived}\n",
            [],
            id="case-waivers",
        ),
        pytest.param(
            "    declaration: MINI/no-apcs.yaml\n    statuses: {MINI-EQP-002: waived}\n",
            [("MINI-EQP-002", "waived", "shortfall")],
            id="no-waivers",
        ),
    ],
)
def test_expectations(cli: Any, tmp_path: Path, case: str, mismatches: list[tuple[str, str, str]]) -> None:
    """`statuses`, `others`, per-case `as_of` and `waivers` decide what is compared, and with what."""
    path = _suite_file(tmp_path, case)
    run = _test(cli, path, "--format", "json")
    (result,) = run.json()["suites"][0]["cases"]
    assert [(m["subject"], m["expected"], m["actual"]) for m in result["mismatches"]] == mismatches
    assert run.exit_code == (1 if mismatches else 0)


def test_standard_named_by_file_and_suite_waivers(cli: Any) -> None:
    """`standard:` may be a file relative to the suite, and suite-level `waivers` apply to every case."""
    report = _json(cli, f"{DATA}/cases/standard-file.test.yaml")
    assert _outcomes(report) == {f"{DATA}/cases/standard-file.test.yaml": ["pass"]}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_broken_suites_are_located_errors(cli: Any, name: str) -> None:
    """Each broken suite, declaration, waivers file or standard is reported with file:line:column,
    exits 2, and does not stop the suite's other cases."""
    expected = ERRORS[name]
    path = f"{DATA}/errors/{name}"
    run = _test(cli, path)
    assert run.exit_code == 2
    assert "Traceback" not in run.stdout + run.stderr
    # The error wraps under itself, its location whole at the start of a line.
    assert expected["error"] in " ".join(run.stdout.split()), run.stdout
    where = expected["error"].split(": ", 1)[0]
    assert any(line.strip().startswith(f"{where}: ") for line in run.stdout.splitlines()), run.stdout
    assert _outcomes(_json(cli, path)) == {path: expected["outcomes"]}


def test_every_error_suite_has_an_expectation() -> None:
    """Each broken suite in tests/data/suites/errors is listed in expected.yaml."""
    assert sorted(p.name for p in (REPO / DATA / "errors").glob("*.test.yaml")) == sorted(ERRORS)


def test_an_error_outranks_a_failure(cli: Any) -> None:
    """A failing suite run with a broken one exits 2; both are reported."""
    run = _test(cli, FAILING, f"{DATA}/errors/missing-declaration.test.yaml")
    assert run.exit_code == 2
    assert "FAIL  expects the carriers to be enough" in run.stdout
    assert run.stdout.splitlines()[-1].startswith("2 suite(s), 4 case(s): 2 passed, 1 failed, 1 error(s)")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        pytest.param(
            "tests/data/inputs",
            "no test suites (`pkcheck: test/v1` files) found in: tests/data/inputs",
            id="folder-without-suites",
        ),
    ],
)
def test_no_suites_in_the_paths_given_is_a_usage_error(cli: Any, path: str, message: str) -> None:
    """Explicit PATHs that hold no suite are a usage error (exit 2): a CI job must not pass by
    testing nothing."""
    run = _test(cli, path)
    assert run.exit_code == 2
    assert f"pkcheck: error: {message}" in run.stderr


def test_a_missing_suite_file_is_a_located_error(cli: Any) -> None:
    run = _test(cli, f"{DATA}/no-such.test.yaml")
    assert run.exit_code == 2
    assert f"{DATA}/no-such.test.yaml:1:1:" in run.stdout


def test_no_suites_in_the_search_path_is_a_note(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no PATH and no `tests/` folder anywhere in the search path, there is nothing to run:
    exit 0 with a note (a search path of standards without suites is not a failure)."""
    monkeypatch.setattr(standards, "shipped_folder", lambda: tmp_path / "shipped")
    run = cli("test", "--standards-path", str(tmp_path), env={"PKCHECK_STANDARDS_PATH": ""})
    assert run.exit_code == 0
    assert run.stderr == "pkcheck: no test suites found in the tests/ folders of the standards search path\n"


def test_shipped_suites_pass(cli: Any) -> None:
    """`pkcheck test` with no PATH runs the suites of the shipped standards: one per shipped
    standard, every case passes, and coverage is complete."""
    run = cli("test", "--require-coverage")
    assert run.exit_code == 0, run.stdout + run.stderr
    report = cli("test", "--format", "json").json()
    tested = sorted(suite["standard"]["id"] for suite in report["suites"])
    shipped = sorted(
        p.stem for p in (REPO / "standards").glob("*.yaml") if "pkcheck: standard/v1" in p.read_text(encoding="utf-8")
    )
    assert tested == shipped
    assert report["summary"]["fail"] == report["summary"]["error"] == 0


def test_json_output_to_a_file(cli: Any, tmp_path: Path) -> None:
    """`-o FILE` writes the same JSON as standard output would show."""
    target = tmp_path / "suites.json"
    run = _test(cli, FAILING, "--format", "json", "-o", str(target))
    assert run.exit_code == 1 and run.stdout == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == _json(cli, FAILING)
    assert written["pkcheck"] == "test-report/v1"
    assert written["summary"] == {"suites": 1, "cases": 2, "pass": 1, "fail": 1, "error": 0, "coverage_gaps": 1}


def test_output_is_deterministic(cli: Any) -> None:
    first = _test(cli, DATA, "--format", "json").stdout
    assert cli("test", "--standards-path", STANDARDS, DATA, "--format", "json", fresh=True).stdout == first


def test_lint_validates_suites_without_running_them(cli: Any) -> None:
    """`pkcheck lint` finds every problem that would stop a suite or case from running (all but a
    declaration's own errors, which it reports as the declaration's), and passes good suites."""
    good = cli("lint", "--standards-path", STANDARDS, STANDARDS, f"{DATA}/cases")
    assert good.exit_code == 0, good.stdout + good.stderr
    bad = cli("lint", "--standards-path", STANDARDS, f"{DATA}/errors")
    assert bad.exit_code == 2
    for name, expected in ERRORS.items():
        assert any(line.startswith(expected["error"]) for line in bad.stdout.splitlines()), name


def test_a_suite_that_cannot_run_claims_no_coverage(cli: Any) -> None:
    """The totals line names the suite that could not run and says nothing of its coverage."""
    run = _test(cli, f"{DATA}/errors/unknown-standard.test.yaml")
    assert run.exit_code == 2
    last = run.stdout.splitlines()[-1]
    assert last.endswith("; 1 suite(s) could not run")
    assert "coverage" not in last


def test_a_failing_case_too_wide_for_its_table_lists_each_requirement(cli: Any) -> None:
    """Narrower than the table of mismatches, each requirement is a block: nothing is cut."""
    run = cli("test", f"{DATA}/cases/failing.test.yaml", "--standards-path", f"{DATA}/standards", env={"COLUMNS": "40"})
    assert run.exit_code == 1
    words = " ".join(run.stdout.split())
    assert "Requirement" not in run.stdout
    for subject, expected, actual in [
        ("verdict", "conditional", "not-ready"),
        ("MINI-TRN-001", "no-evidence", "met"),
        ("MINI-EQP-001", "met", "shortfall"),
    ]:
        assert f"{subject} expected {expected}, actual {actual}" in words
    block = run.stdout[run.stdout.index("  FAIL") : run.stdout.index("  Coverage")].splitlines()
    assert all(len(line) <= 40 for line in block), block
