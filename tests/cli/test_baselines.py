"""``pkcheck check --baseline``: each finding against an earlier report of the same units, in every
format, and ``--fail-on-new``. The pairs of runs and what the second says of the first are in
``tests/cases/baselines.yaml``; the bad baselines are below."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from pkcheck.analyses.baseline import amount
from pkcheck.i18n import use
from pkcheck.words import baseline_state

REPO = Path(__file__).parents[2]
CASES = YAML(typ="safe", pure=True).load((REPO / "tests" / "cases" / "baselines.yaml").read_text("utf-8"))["cases"]
XB = "examples/xb-inf-02-conditional.yaml"
SARIF_SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"


def _baseline(cli: Any, tmp_path: Path, *args: str, name: str = "before.json") -> str:
    path = tmp_path / name
    run = cli("check", *args, "-f", f"json={path}")
    assert run.exit_code in (0, 1), run.stderr
    return str(path)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_finding_against_the_baseline(cli: Any, tmp_path: Path, case: dict[str, Any]) -> None:
    before = _baseline(cli, tmp_path, *case["before"])
    run = cli("check", *case["after"], "--baseline", before, "-f", "json")
    assert run.exit_code in (0, 1), run.stderr
    report = run.json()
    assert report["baseline"]["counts"] == case["counts"]
    assert report["baseline"]["path"] == before
    results = {r["declaration"]["unit"]["id"]: r for r in report["results"]}
    for unit, (was, now) in case.get("verdicts", {}).items():
        assert (results[unit]["baseline"]["verdict_before"], results[unit]["verdict"]) == (was, now)
    for unit, states in case.get("states", {}).items():
        found = {f["requirement"]: f["baseline"] for f in results[unit]["findings"]}
        assert {requirement: found[requirement] for requirement in states} == states
    for unit, requirements in case.get("closed", {}).items():
        listed = {c["requirement"] for c in results[unit]["baseline"]["closed"]}
        assert set(requirements) <= listed
    gone = {g["unit"]: len(g["open"]) for g in report["baseline"]["gone"]}
    assert gone == case.get("gone", {})
    # The counts are the states of the findings of the units this run checks: a gone unit's
    # open findings are listed with it, not counted as closed.
    states = [f["baseline"] for r in report["results"] for f in r["findings"] if f["baseline"]]
    for state in ("new", "worsened", "improved", "unchanged"):
        assert states.count(state) == case["counts"][state]
    closed = sum(len(r["baseline"]["closed"]) for r in report["results"])
    assert closed == case["counts"]["closed"]
    schema = json.loads((REPO / "pkcheck" / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(report, schema)


def test_units_are_matched_by_id_not_by_file(cli: Any, tmp_path: Path) -> None:
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-12-01")
    renamed = tmp_path / "renamed.yaml"
    shutil.copy(REPO / XB, renamed)
    report = cli("check", str(renamed), "--as-of", "2026-12-01", "--baseline", before, "-f", "json").json()
    assert report["baseline"]["counts"] == {"new": 0, "worsened": 0, "improved": 0, "unchanged": 4, "closed": 0}


@pytest.mark.parametrize(
    ("fmt", "texts"),
    [
        (
            "text",
            [
                "    since the baseline: improved\n",
                "  Verdict since the baseline: not ready -> conditional.\n",
                "  7 findings closed since the baseline:\n",
                "0 new, 0 worsened, 1 improved, 3 unchanged, 7 closed.\n",
                "Note: the baseline is as of 2026-01-01 and this run as of 2026-12-01.\n",
            ],
        ),
        (
            "markdown",
            [
                "<br>*since the baseline: improved*",
                "Verdict since the baseline: not ready -\\> conditional.",
                "- CORE-TRN-001 Core Pre-deployment Training Materials (CPTM) completed by all personnel: critical, was shortfall",
                "0 new, 0 worsened, 1 improved, 3 unchanged, 7 closed.",
            ],
        ),
        (
            "html",
            [
                '<br><em class="small">since the baseline: improved</em></td>',
                "<p>Verdict since the baseline: not ready -&gt; conditional.</p>",
                "<p>7 findings closed since the baseline:</p><ul>",
                "0 new, 0 worsened, 1 improved, 3 unchanged, 7 closed.</p>",
            ],
        ),
        (
            "github",
            [
                "(since the baseline: improved)\n",
                "(since the baseline: unchanged)\n",
                "\nSince the baseline ",
                "0 new, 0 worsened, 1 improved, 3 unchanged, 7 closed.\n",
            ],
        ),
    ],
)
def test_the_human_formats_show_the_states(cli: Any, tmp_path: Path, fmt: str, texts: list[str]) -> None:
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-01-01")
    run = cli("check", XB, "--as-of", "2026-12-01", "--baseline", before, "-f", fmt)
    for text in texts:
        assert text in run.stdout, text
    assert "pkcheck: warning: the baseline is as of 2026-01-01 and this run as of 2026-12-01" in run.stderr


def test_a_baseline_path_cannot_reach_the_log_as_a_command(cli: Any, tmp_path: Path) -> None:
    # The GitHub format's baseline line is a plain log line: a path with a line break and a
    # workflow command in it is shown escaped, never obeyed.
    folder = tmp_path / "x\n::error file=a::forged"
    folder.mkdir()
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-01-01", name="before.json")
    hostile = folder / "before.json"
    Path(before).rename(hostile)
    run = cli("check", XB, "--as-of", "2026-12-01", "--baseline", str(hostile), "-f", "github")
    assert run.exit_code == 1, run.stderr
    commands = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert commands and not any("forged" in line for line in commands)
    assert "x\\n" in run.stdout.splitlines()[-1]


def test_without_a_baseline_nothing_is_said_of_one(cli: Any) -> None:
    for fmt in ("text", "markdown", "html", "json", "sarif", "github"):
        output = cli("check", XB, "--as-of", "2026-12-01", "-f", fmt).stdout
        assert "since the baseline" not in output.lower()
        assert '"baseline' not in output


def test_sarif_baseline_states_are_valid_sarif(cli: Any, tmp_path: Path) -> None:
    before = _baseline(cli, tmp_path, XB, "examples/xc-inf-03-not-ready.yaml", "--as-of", "2026-01-01")
    run = cli("check", XB, "--as-of", "2026-12-01", "--baseline", before, "-f", "sarif")
    sarif = run.json()
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    results = sarif["runs"][0]["results"]
    states = {(r["properties"]["unit"], r["ruleId"]): r["baselineState"] for r in results}
    assert all("baselineState" in r for r in results)
    assert states[("XB-INF-02", "CORE-TRN-002")] == "updated"  # improved
    assert states[("XB-INF-02", "INF-EQP-003")] == "unchanged"
    assert states[("XB-INF-02", "CORE-TRN-001")] == "absent"  # met now: no result but an absent one
    assert states[("XC-INF-03", "CORE-TRN-001")] == "absent"  # a unit gone
    absent = [r for r in results if r["baselineState"] == "absent"]
    assert all(r["kind"] == "pass" and r["level"] == "none" for r in absent)
    assert sarif["runs"][0]["properties"]["baseline"]["as_of"] == "2026-01-01"


def test_sarif_new_results(cli: Any, tmp_path: Path) -> None:
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-12-01")
    run = cli("check", XB, "--as-of", "2026-01-01", "--baseline", before, "-f", "sarif")
    states = {r["ruleId"]: r["baselineState"] for r in run.json()["runs"][0]["results"]}
    assert states["CORE-TRN-001"] == "new"
    assert states["CORE-TRN-002"] == "updated"  # worsened


def test_junit_names_the_baseline(cli: Any, tmp_path: Path) -> None:
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-01-01")
    xml = cli("check", XB, "--as-of", "2026-12-01", "--baseline", before, "-f", "junit").stdout
    assert f'<property name="baseline" value="{before} 2026-01-01" />' in xml
    assert '<property name="verdict_before" value="not-ready" />' in xml


def test_fail_on_new_exits_1_only_for_new_or_worsened(cli: Any, tmp_path: Path) -> None:
    january = _baseline(cli, tmp_path, XB, "--as-of", "2026-01-01", name="january.json")
    december = _baseline(cli, tmp_path, XB, "--as-of", "2026-12-01", name="december.json")
    # December's report has open major findings (exit 1 as ever), none new or worse since January.
    assert cli("check", XB, "--as-of", "2026-12-01", "--baseline", january).exit_code == 1
    assert cli("check", XB, "--as-of", "2026-12-01", "--baseline", january, "--fail-on-new").exit_code == 0
    # January against December: new and worsened findings, critical ones among them.
    assert cli("check", XB, "--as-of", "2026-01-01", "--baseline", december, "--fail-on-new").exit_code == 1
    run = cli("check", XB, "--as-of", "2026-01-01", "--baseline", december, "--fail-on-new", "--fail-on", "never")
    assert run.exit_code == 0
    # Same run again: nothing new.
    assert cli("check", XB, "--as-of", "2026-12-01", "--baseline", december, "--fail-on-new").exit_code == 0


def test_fail_on_new_needs_a_baseline(cli: Any) -> None:
    run = cli("check", XB, "--fail-on-new")
    assert run.exit_code == 2
    assert run.stderr == "pkcheck: error: --fail-on-new needs --baseline FILE: new findings are new since a baseline\n"


def test_another_version_is_accepted_with_a_note(cli: Any, tmp_path: Path) -> None:
    before = Path(_baseline(cli, tmp_path, XB, "--as-of", "2026-12-01"))
    data = json.loads(before.read_text("utf-8"))
    data["tool"]["version"] = "0.0.9"
    data["future_key"] = {"added": "by a later version"}
    before.write_text(json.dumps(data), "utf-8")
    run = cli("check", XB, "--as-of", "2026-12-01", "--baseline", str(before), "-f", "json")
    assert run.exit_code == 1
    note = "the baseline was written by pkcheck 0.0.9 and this run by pkcheck "
    assert run.stderr.startswith("pkcheck: warning: " + note)
    assert run.json()["baseline"]["notes"][0].startswith(note)
    assert run.json()["baseline"]["tool"]["version"] == "0.0.9"


REPORT_HEAD = '{\n  "pkcheck": "report/v1",\n  "tool": {"name": "pkcheck", "version": "0.1.0"},\n'
BAD = [
    ("yaml", "pkcheck: report/v1\nresults: []\n", "1:1: not JSON from here on"),
    ("malformed", '{"pkcheck": "report/v1",\n  "results": [}\n', "2:15: not JSON from here on"),
    ("empty", "", "1:1: not JSON from here on"),
    ("a-list", "[]\n", "1:1: the top level is not an object"),
    (
        "another-kind",
        '{\n  "pkcheck": "gaps/v1"\n}\n',
        '2:3: this is not a `report/v1` report (`pkcheck`: "gaps/v1")',
    ),
    ("no-kind", '{\n  "results": []\n}\n', "1:1: this is not a `report/v1` report (`pkcheck`: null)"),
    ("missing-key", REPORT_HEAD + '  "as_of": "2026-01-01"\n}\n', "1:1: `(top level)`: missing required key `results`"),
    (
        "wrong-type",
        REPORT_HEAD + '  "as_of": "2026-01-01",\n  "results": [{"declaration": {"path": "a", "unit": null},\n'
        '    "verdict": "ready", "findings": "none"}]\n}\n',
        "6:25: `results[0].findings`: must be a list",
    ),
    (
        "duplicate-key",
        REPORT_HEAD + '  "as_of": "2026-01-01",\n  "results": [],\n  "as_of": "2026-06-01"\n}\n',
        "6:3: duplicate key `as_of` (first defined at line 4)",
    ),
    ("bad-date", REPORT_HEAD + '  "as_of": "soon",\n  "results": []\n}\n', "4:3: `as_of`: must be a real date"),
]


@pytest.mark.parametrize(("name", "content", "said"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_baseline_is_a_located_error(cli: Any, tmp_path: Path, name: str, content: str, said: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(content, "utf-8")
    run = cli("check", XB, "--baseline", str(path))
    assert run.exit_code == 2
    assert f"{path}:{said}" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_binary_and_huge_baselines_meet_the_input_limits(cli: Any, tmp_path: Path) -> None:
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{"pkcheck": \x00}')
    run = cli("check", XB, "--baseline", str(binary))
    assert run.exit_code == 2 and f"{binary}:1:13: binary file" in run.stderr
    big = Path(_baseline(cli, tmp_path, XB, "--as-of", "2026-12-01"))
    run = cli("check", XB, "--baseline", str(big), "--max-file-size", "1000")
    assert run.exit_code == 2 and str(big) in run.stderr and "Traceback" not in run.stderr
    missing = tmp_path / "missing.json"
    run = cli("check", XB, "--baseline", str(missing))
    assert run.exit_code == 2 and str(missing) in run.stderr


def test_a_deeply_nested_baseline_is_refused(cli: Any, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    run = cli("check", XB, "--baseline", str(deep))
    assert run.exit_code == 2 and "Traceback" not in run.stderr, run.stderr


def test_the_shortfall_amount() -> None:
    """Numbers by absolute value, lists by length, a text as 1, nothing as 0, added up."""
    assert amount([60, 2.5, ("a", "b"), "missing", None]) == 65.5
    assert amount([]) == 0


def test_the_states_in_french() -> None:
    use("fr")
    assert [baseline_state(s) for s in ("new", "unchanged", "improved", "worsened", "closed")] == [
        "nouveau",
        "inchangé",
        "amélioré",
        "aggravé",
        "clos",
    ]


def test_the_french_report(cli: Any, tmp_path: Path) -> None:
    before = _baseline(cli, tmp_path, XB, "--as-of", "2026-01-01")
    run = cli("check", XB, "--as-of", "2026-12-01", "--baseline", before, "--lang", "fr")
    stdout = re.sub(r"\n +", " ", run.stdout)  # lines wrapped joined again
    assert "depuis le rapport antérieur\u00a0: amélioré" in run.stdout
    assert "0 nouveau, 0 aggravé, 1 amélioré, 3 inchangés, 7 clos." in stdout
    assert "Verdict depuis le rapport antérieur\u00a0: non prête -> prête sous conditions." in stdout
    assert "7 constats clos depuis le rapport antérieur\u00a0:" in stdout
    assert "critique\u00a0; statut antérieur\u00a0: insuffisance" in stdout
    # A closed finding's title is this run's, in French, though the baseline is in English.
    assert "Core Pre-deployment Training Materials (CPTM) completed by all personnel" not in stdout
    assert "CORE-CND-001 Formation à la prévention de l'exploitation et des atteintes sexuelles" in stdout
