"""Units verified against their MOUs (``pkcheck: mou/v1``) through the command line.

The cases are data: ``tests/data/mou/cases.yaml`` (runs and what each unit's JSON result must
hold) and ``tests/data/mou/bad/expected.yaml`` (each bad MOU's located error). Also here:
determinism, the text report's verification table, the schema and lint of MOUs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import mou_reports
import pytest
from ruamel.yaml import YAML

from pkcheck.schemas import schema

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "mou"
BAD = DATA / "bad"
AS_OF = "2026-11-26"
EXAMPLE_MOUS = sorted((REPO / "examples" / "mous").glob("*.yaml"))


def _yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


CASES = _yaml(DATA / "cases.yaml")
BAD_CASES = {str(name): dict(entry) for name, entry in _yaml(BAD / "expected.yaml").items()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _diagnostic(entry: dict[str, Any]) -> str:
    location = entry["location"]
    return f"{location['path']}:{location['line']}:{location['column']}: {entry['message']}"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(cli: Any, case: dict[str, Any]) -> None:
    run = cli("check", *case["args"], "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == case["exit"], run.stderr
    results = {result["declaration"]["unit"]["id"]: result for result in run.json()["results"]}
    for unit, expected in case["units"].items():
        result = results[unit]
        findings = {finding["requirement"]: finding for finding in result["findings"]}
        if "verdict" in expected:
            assert result["verdict"] == expected["verdict"]
        if "mou" in expected:
            applied = result.get("mou")
            shown = None if applied is None else [applied["id"], applied["effective"]]
            wanted = expected["mou"] and [expected["mou"][0], str(expected["mou"][1])]
            assert shown == wanted
        for requirement, status in expected.get("findings", {}).items():
            assert findings[requirement]["status"] == status, findings[requirement]["message"]
        for requirement, gaps in expected.get("gaps", {}).items():
            found = [
                [g["criterion"], g["required"], g["declared"], g["shortfall"]] for g in findings[requirement]["gaps"]
            ]
            assert found == gaps
        lines = {line["line"]: line for line in (result.get("mou") or {}).get("lines", [])}
        for line_id, *numbers in expected.get("lines", []):
            line = lines[line_id]
            keys = ("quantity", "present", "serviceable", "required_serviceable", "shortfall", "status")
            assert [line[key] for key in keys] == numbers, line_id
        for key in ("warnings", "errors"):
            reported = [_diagnostic(entry) for entry in result[key]]
            for text in expected.get(key, []):
                assert text in reported, f"{text}\nnot in\n" + "\n".join(reported)


def test_every_bad_mou_has_an_expectation() -> None:
    assert {p.name for p in BAD.iterdir() if p.name != "expected.yaml"} == set(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_a_bad_mou_is_located_and_the_other_units_are_checked(cli: Any, name: str) -> None:
    expected = BAD_CASES[name]
    path = f"tests/data/mou/bad/{name}"
    args = ("check", "examples/xa-inf-01-ready.yaml", "examples/xf-fpu-01-ready.yaml", "--mou", path)
    located = f"{path}:{expected['line']}:{expected['column']}: {expected['message']}"
    text = cli(*args, "--as-of", AS_OF)
    assert text.exit_code == 2
    assert "Traceback" not in text.stdout + text.stderr
    assert _flat(located) in _flat(text.stdout + text.stderr)
    if not expected.get("others_checked", True):
        return
    results = {r["declaration"]["unit"]["id"]: r for r in cli(*args, "--as-of", AS_OF, "-f", "json").json()["results"]}
    assert results["XA-INF-01"]["verdict"] == "invalid"
    assert located in [_diagnostic(e) for e in results["XA-INF-01"]["errors"]]
    assert results["XF-FPU-01"]["verdict"] == "ready"  # the batch keeps the other unit's result


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_lint_locates_a_bad_mou(cli: Any, name: str) -> None:
    expected = BAD_CASES[name]
    path = f"tests/data/mou/bad/{name}"
    run = cli("lint", path)
    assert run.exit_code == 2
    assert f"{path}:{expected['line']}:{expected['column']}: {expected['message']}" in run.stdout


def test_lint_warns_about_an_unknown_code_of_an_mou(cli: Any) -> None:
    run = cli("lint", "--strict", "tests/data/mou/leases-and-codes.yaml")
    assert run.exit_code == 2
    assert "leases-and-codes.yaml:14:11: " in run.stdout and "did you mean `apc-wheeled-class-i`?" in run.stdout


def test_lint_knows_the_lines_a_waiver_names(cli: Any) -> None:
    """A waiver of an MOU line is known to lint when the MOU is linted with it."""
    quiet = cli("lint", "tests/data/mou/waivers.yaml", "examples/mous/")
    assert quiet.exit_code == 0, quiet.stdout
    assert "0 warning(s)" in quiet.stdout
    alone = cli("lint", "tests/data/mou/waivers.yaml")
    assert "waiver for `MOU:B-003`, which no MOU linted or in the search path has" in alone.stdout


@pytest.mark.parametrize("path", EXAMPLE_MOUS, ids=lambda p: p.name)
def test_the_example_mous_validate_against_the_schema(path: Path) -> None:
    data = json.loads(json.dumps(_yaml(path), default=str))
    validator = jsonschema.Draft202012Validator(
        schema("mou"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(data)] == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../pkcheck/schemas/mou.schema.json"


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    validator = jsonschema.Draft202012Validator(schema("mou"))
    for name in ("unknown-key.yaml", "wrong-lease.yaml", "negative-quantity.yaml", "no-units.yaml"):
        data = json.loads(json.dumps(_yaml(BAD / name), default=str))
        assert list(validator.iter_errors(data)), name


MOU_RUN = (
    "check",
    "examples/xb-inf-02-conditional.yaml",
    "examples/xc-inf-03-not-ready.yaml",
    "examples/xf-fpu-01-ready.yaml",
    "--mou",
    "examples/mous/mou-xb-inf-02.yaml",
    "--mou",
    "examples/mous/mou-xc-inf-03.yaml",
    "--mou",
    "examples/mous/mou-xf-fpu-01.yaml",
    "--waivers",
    "tests/data/mou/waivers.yaml",
    "--as-of",
    AS_OF,
)


@pytest.mark.parametrize("output", ["json", "text", "sarif", "junit", "markdown", "github", "html"])
def test_the_same_inputs_give_the_same_bytes(cli: Any, output: str) -> None:
    """Twice, and in two worker processes: the same report to the byte."""
    runs = [
        cli(*MOU_RUN, "-f", output, "--details", fresh=True),
        cli(*MOU_RUN, "-f", output, "--details", fresh=True),
        cli(*MOU_RUN, "-f", output, "--details", "--jobs", "2", fresh=True),
    ]
    assert runs[0].stdout_bytes == runs[1].stdout_bytes == runs[2].stdout_bytes


def test_the_json_report_with_mous_validates_against_its_schema(cli: Any) -> None:
    report = cli(*MOU_RUN, "-f", "json").json()
    validator = jsonschema.Draft202012Validator(
        schema("report"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(report)] == []
    (xc,) = [r for r in report["results"] if r["declaration"]["unit"]["id"] == "XC-INF-03"]
    (line,) = [f for f in xc["findings"] if f["requirement"] == "MOU:B-001"]
    assert line["check"] == "mou"
    assert line["related"] == [
        {
            "note": "MOU `mou-xc-inf-03` Annex B line B-001",
            "location": {"path": "examples/mous/mou-xc-inf-03.yaml", "line": 15, "column": 5},
        }
    ]
    assert line["location"]["path"] == "examples/xc-inf-03-not-ready.yaml"


def test_a_report_without_mous_has_no_mou_keys(cli: Any) -> None:
    """The report of a run without MOUs is as it was: no `mou` or `related` key."""
    text = cli("check", "examples/xb-inf-02-conditional.yaml", "--as-of", AS_OF, "-f", "json").stdout
    assert '"mou"' not in text and '"related"' not in text


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_verification_table_fits_the_width(cli: Any, columns: int) -> None:
    run = cli(*MOU_RUN, "--details", env={"COLUMNS": str(columns)})
    assert "MOU mou-xc-inf-03, effective 2026-10-01" in _flat(run.stdout)
    for line in run.stdout.splitlines():
        assert len(line) <= columns or len(line.split()) == 1, line
    # Every line of each table, whole: its id and numbers on one line.
    assert any(line.split()[:2] == ["B-001", "25"] or line.split()[:1] == ["B-001"] for line in run.stdout.splitlines())


SEARCHED = ("--standards-path", "tests/data/mou/search", "--as-of", AS_OF)


@pytest.mark.parametrize(
    "args",
    [
        *(
            ("check", "examples/xb-inf-02-conditional.yaml", "-f", f)
            for f in ("sarif", "junit", "markdown", "github", "html")
        ),
        *(("gaps", "examples/xb-inf-02-conditional.yaml", "-f", f) for f in ("text", "json", "csv", "markdown")),
        ("diff", "un-infantry-battalion", "tests/data/diff/width/un-infantry-battalion.yaml", "--against", "examples/"),
    ],
    ids=lambda args: "-".join(a for a in args if not a.startswith(("examples", "tests", "-")))[:40],
)
def test_every_command_that_checks_takes_an_mou_of_the_search_path(cli: Any, args: tuple[str, ...]) -> None:
    """An MOU found in the search path applies in every command that checks units; none of
    them stumbles on its findings (which have no check kind of a standard)."""
    run = cli(*args, *SEARCHED)
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    assert "internal error" not in run.stdout + run.stderr
    if args[0] == "check":
        assert "B-003" in run.stdout  # `MOU%3AB-003` in a GitHub annotation


def test_the_python_api_takes_mous() -> None:
    import pkcheck

    report = pkcheck.check(
        Path("examples/xb-inf-02-conditional.yaml"), mous=Path("examples/mous/mou-xb-inf-02.yaml"), as_of=AS_OF
    )
    (result,) = report.results
    assert result.mou is not None and result.mou.id == "mou-xb-inf-02"
    assert [line.line for line in result.mou.lines] == ["B-001", "B-002", "B-003", "B-004"]
    with pytest.raises(TypeError, match="mous must be a path or a list of paths"):
        pkcheck.check("examples/", mous=5)  # type: ignore[arg-type]


def test_markdown_shows_each_units_verification(cli: Any) -> None:
    """After each unit's findings, ready or not: the MOU applied, the table and the totals, the
    same numbers as the JSON report."""
    report = cli(*MOU_RUN, "-f", "json").json()
    markdown = cli(*MOU_RUN, "-f", "markdown").stdout
    sections = {s.split(" ", 1)[0]: s for s in markdown.split("\n## ")[1:]}
    for result in report["results"]:
        unit, mou = result["declaration"]["unit"]["id"], result["mou"]
        section = sections[unit]
        verification = section.split("\n### MOU verification\n", 1)[1]
        assert f"MOU {mou['id']}, effective {mou['effective']}: {mou['reference']} (`{mou['path']}`)." in verification
        tables = [
            [[cell.strip() for cell in row.strip("|").split("|")] for row in block.splitlines()[2:]]
            for block in verification.split("\n\n")
            if block.startswith("| ")
        ]
        assert tables == list(mou_reports.expected(mou))
    assert "## XF-FPU-01 (1st Formed Police Unit): ready" in markdown  # a ready unit has its section too
