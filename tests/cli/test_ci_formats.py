"""SARIF and JUnit XML: real reports validate against the official schemas, and say what the
JSON report says (the same findings, statuses and locations) in each format's terms; so do
GitHub annotations of units verified against their MOUs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import mou_reports
import pytest
from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
AS_OF = "2026-11-26"
FOLDER = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF)
LEVELS = {"critical": "error", "major": "error", "minor": "warning", "advisory": "note"}


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def _json_findings(cli: Any, *args: str) -> list[tuple[str, dict[str, Any]]]:
    report = cli("check", *args, "-f", "json").json()
    return [(r["declaration"]["unit"]["id"], f) for r in report["results"] for f in r["findings"]]


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "pkcheck: declaration/v1\nunit:\n  id: XQ-1\n  country: XQ\n  type: infantry-battalion\n  strength: 3\n",
        encoding="utf-8",
    )
    return path


def test_sarif_validates_and_has_one_result_per_finding_not_met(cli: Any, sarif_validator: Any) -> None:
    run = cli("check", *FOLDER, "-f", "sarif")
    sarif = run.json()
    sarif_validator.validate(sarif)
    (sarif_run,) = sarif["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    expected = [(unit, f) for unit, f in _json_findings(cli, *FOLDER) if f["status"] != "met"]
    results = sarif_run["results"]
    assert len(results) == len(expected) > 0
    for result, (unit, finding) in zip(results, expected, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["requirement"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (
            finding["location"]["line"],
            finding["location"]["column"],
        )
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == finding["location"]["path"]
        assert result["properties"]["status"] == finding["status"]
        assert result["message"]["text"] == f"{unit}: {finding['message']}"
        if finding["status"] == "not-applicable":
            assert (result["kind"], result["level"]) == ("notApplicable", "none")
        else:
            assert (result["kind"], result["level"]) == ("fail", LEVELS[finding["severity"]])
        assert ("suppressions" in result) == (finding["status"] == "waived")


def test_sarif_has_one_rule_per_requirement_with_help_and_reference(cli: Any) -> None:
    sarif = cli("check", *FOLDER, "-f", "sarif").json()
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids))
    assert set(ids) == {f["requirement"] for _, f in _json_findings(cli, *FOLDER)}
    by_id = {rule["id"]: rule for rule in rules}
    equipment = by_id["INF-EQP-001"]
    assert equipment["shortDescription"]["text"] == "Armoured personnel carriers, declared and serviceable"
    assert equipment["help"]["text"].strip()
    assert equipment["helpUri"].startswith("http")
    assert equipment["defaultConfiguration"]["level"] == "error"


def test_waived_findings_are_accepted_suppressions_with_the_reason(cli: Any) -> None:
    sarif = cli("check", *FOLDER, "-f", "sarif").json()
    waived = [r for r in sarif["runs"][0]["results"] if r["properties"]["status"] == "waived"]
    assert waived
    for result in waived:
        (suppression,) = result["suppressions"]
        assert suppression["status"] == "accepted"
        assert suppression["kind"] == "external"
        assert "approved by" in suppression["justification"]
        assert suppression["location"]["physicalLocation"]["artifactLocation"]["uri"] == "examples/waivers.yaml"


def test_fingerprints_are_stable_when_lines_move(cli: Any, tmp_path: Path) -> None:
    """Inserting lines above changes regions but not fingerprints, which name unit and requirement."""
    source = Path("examples/xc-inf-03-not-ready.yaml")
    moved = tmp_path / source.name
    moved.write_text("# a new comment\n# and another\n" + source.read_text(encoding="utf-8"), encoding="utf-8")

    def prints(path: str) -> dict[str, tuple[str, int]]:
        results = cli("check", path, "--as-of", AS_OF, "-f", "sarif").json()["runs"][0]["results"]
        return {
            r["ruleId"]: (
                next(iter(r["partialFingerprints"].values())),
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before, after = prints(str(source)), prints(str(moved))
    assert before.keys() == after.keys()
    for rule in before:
        assert before[rule][0] == after[rule][0]
        assert after[rule][1] == (1 if before[rule][1] == 1 else before[rule][1] + 2)  # line 1: nothing to point at
    assert any(line > 1 for _, line in before.values())
    assert len({p for p, _ in before.values()}) == len(before)


def test_sarif_reports_an_invalid_declaration_as_an_input_error(cli: Any, sarif_validator: Any, tmp_path: Path) -> None:
    path = _broken(tmp_path)
    run = cli("check", str(path), "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF, "-f", "sarif")
    assert run.exit_code == 2
    sarif = run.json()
    sarif_validator.validate(sarif)
    errors = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PKCHECK-INPUT"]
    assert len(errors) == 1
    assert "strength" in errors[0]["message"]["text"]
    assert errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert errors[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_junit_validates_with_one_suite_per_declaration_and_one_case_per_requirement(
    cli: Any, junit_schema: Any
) -> None:
    run = cli("check", *FOLDER, "-f", "junit")
    document = etree.fromstring(run.stdout_bytes)
    junit_schema.assertValid(document)
    report = cli("check", *FOLDER, "-f", "json").json()
    suites = document.findall("testsuite")
    assert [s.get("name") for s in suites] == [r["declaration"]["unit"]["id"] for r in report["results"]]
    for suite, result in zip(suites, report["results"], strict=True):
        cases = suite.findall("testcase")
        assert [c.get("name").split(" ", 1)[0] for c in cases] == [f["requirement"] for f in result["findings"]]
        assert {c.get("classname") for c in cases} == {result["declaration"]["unit"]["id"]}
        for case, finding in zip(cases, result["findings"], strict=True):
            kinds = [child.tag for child in case]
            expected = {
                "shortfall": ["failure"],
                "no-evidence": ["failure"],
                "waived": ["skipped"],
                "not-applicable": ["skipped"],
                "met": [],
            }
            assert kinds == expected[finding["status"]]
        failing = sum(1 for f in result["findings"] if f["status"] in ("shortfall", "no-evidence"))
        assert suite.get("failures") == str(failing)
        assert suite.get("tests") == str(len(result["findings"]))
    assert document.get("failures") == str(sum(int(s.get("failures")) for s in suites))


def test_junit_failure_carries_the_gap_and_location(cli: Any) -> None:
    run = cli("check", "examples/xb-inf-02-conditional.yaml", "--as-of", AS_OF, "-f", "junit")
    document = etree.fromstring(run.stdout_bytes)
    failures = {
        c.get("name").split(" ", 1)[0]: c.find("failure")
        for c in document.iter("testcase")
        if c.find("failure") is not None
    }
    failure = failures["INF-EQP-003"]
    assert failure.get("type") == "major shortfall"
    assert "examples/xb-inf-02-conditional.yaml:" in failure.text
    assert "serviceable: required 9, declared 7, short 2 items" in failure.text


def test_junit_reports_an_invalid_declaration_as_an_error(cli: Any, junit_schema: Any, tmp_path: Path) -> None:
    path = _broken(tmp_path)
    run = cli("check", str(path), "--as-of", AS_OF, "-f", "junit")
    assert run.exit_code == 2
    document = etree.fromstring(run.stdout_bytes)
    junit_schema.assertValid(document)
    (suite,) = document.findall("testsuite")
    assert (suite.get("errors"), suite.get("tests")) == ("1", "1")
    error = suite.find("testcase/error")
    assert f"{path}:6:3" in error.text


def test_sarif_locates_files_by_normalised_uris(
    cli: Any, sarif_validator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the working directory: a relative URI against %SRCROOT%, whatever `.` and `..` the
    path was given with; elsewhere an absolute file URI without `..` (SARIF validators refuse
    both segments). A backslash in a POSIX name is a character, percent-encoded."""
    source = Path("examples/xc-inf-03-not-ready.yaml").resolve()
    decls, work = tmp_path / "decls", tmp_path / "work"
    decls.mkdir()
    work.mkdir()
    name = "x c\\d.yaml" if os.name == "posix" else "x c.yaml"
    shutil.copy(source, decls / name)
    monkeypatch.chdir(work)
    outside = cli("check", "../decls", "--as-of", AS_OF, "-f", "sarif", fresh=True).json()
    monkeypatch.chdir(tmp_path)
    inside = cli("check", "./decls/../decls", "--as-of", AS_OF, "-f", "sarif", fresh=True).json()
    encoded = quote(name)
    for sarif, root, artifact in (
        (outside, work, {"uri": decls.as_uri() + "/" + encoded}),
        (inside, tmp_path, {"uri": "decls/" + encoded, "uriBaseId": "%SRCROOT%"}),
    ):
        sarif_validator.validate(sarif)
        (run,) = sarif["runs"]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.as_uri() + "/"}}
        locations = {
            json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
            for r in run["results"]
        }
        assert locations == {json.dumps(artifact, sort_keys=True)}
    assert "%5C" in encoded or os.name != "posix"


@pytest.mark.skipif(os.name != "posix", reason="a working directory can be removed while in use")
def test_a_working_directory_that_is_gone_is_no_internal_error(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run from a folder removed meanwhile (a CI job's cleaned workspace) checks files named by
    absolute paths as any run does: SARIF locates them by absolute URIs, with no %SRCROOT%,
    and a report that cannot be written there is the usage error it is, exit 2."""
    source = Path("examples/xc-inf-03-not-ready.yaml").resolve()
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    run = cli("check", str(source), "--as-of", AS_OF, "-f", "sarif", "-f", "json=report.json", fresh=True)
    assert (run.exit_code, run.stderr) == (2, "pkcheck: error: cannot write report.json: No such file or directory\n")
    (sarif_run,) = run.json()["runs"]
    assert "originalUriBaseIds" not in sarif_run
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_run["results"]} == {
        source.as_uri()
    }


@pytest.mark.skipif(os.name != "posix", reason="the root of a POSIX file system")
def test_sarif_from_the_root_directory_maps_srcroot_to_file_root(
    cli: Any, sarif_validator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run in `/` (a container's usual working directory): %SRCROOT% is `file:///`, as any
    other directory's URI ends with its one slash, and the files are relative to it."""
    source = Path("examples/xc-inf-03-not-ready.yaml").resolve()
    monkeypatch.chdir("/")
    sarif = cli("check", str(source), "--as-of", AS_OF, "-f", "sarif", fresh=True).json()
    sarif_validator.validate(sarif)
    (run,) = sarif["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///"}}
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": quote(str(source).lstrip("/")), "uriBaseId": "%SRCROOT%"}


def test_junit_failure_lists_codes_as_a_reader_writes_them(cli: Any) -> None:
    """A list of codes reads `[a, b]` and an absent amount `-`, never as Python prints them."""
    run = cli("check", "examples/xc-inf-03-not-ready.yaml", "--as-of", AS_OF, "-f", "junit")
    text = "\n".join(f.text or "" for f in etree.fromstring(run.stdout_bytes).iter("failure"))
    assert "capabilities: required [" in text or "includes: required [" in text
    assert "('" not in text and "None" not in text


MOUS = (*mou_reports.TWO_UNITS, "--as-of", AS_OF)


def _mou_json(cli: Any) -> dict[str, Any]:
    return cli("check", *MOUS, "-f", "json").json()  # type: ignore[no-any-return]


def test_sarif_has_a_rule_per_kind_of_mou_line_and_a_result_per_line_not_met(cli: Any, sarif_validator: Any) -> None:
    sarif = cli("check", *MOUS, "-f", "sarif").json()
    sarif_validator.validate(sarif)
    (run,) = sarif["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert not [rule for rule in rules if rule.startswith("MOU:") and rule not in ("MOU:B", "MOU:C")]
    assert rules["MOU:B"]["name"] == "MouMajorEquipmentLine" and "Annex B" in rules["MOU:B"]["shortDescription"]["text"]
    assert rules["MOU:C"]["name"] == "MouSelfSustainmentCategory"
    assert all(
        rules[kind]["help"]["text"].strip() and rules[kind]["properties"]["check"] == "mou"
        for kind in rules
        if kind.startswith("MOU:")
    )
    report = _mou_json(cli)
    expected = [
        (result, finding)
        for result in report["results"]
        for finding in result["findings"]
        if finding["check"] == "mou" and finding["status"] != "met"
    ]
    found = [r for r in run["results"] if r["ruleId"].startswith("MOU:")]
    assert [r["properties"]["requirement"] for r in found] == [f["requirement"] for _, f in expected]
    assert {r["properties"]["status"] for r in found} >= {"shortfall", "waived"}
    for sarif_result, (result, finding) in zip(found, expected, strict=True):
        assert run["tool"]["driver"]["rules"][sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"]
        kind = "MOU:C" if finding["message_id"].startswith("mou.category.") else "MOU:B"
        assert sarif_result["ruleId"] == kind
        assert ("suppressions" in sarif_result) == (finding["status"] == "waived")
        # Located in the declaration, with the MOU line as the related location the message links.
        region = sarif_result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (
            finding["location"]["line"],
            finding["location"]["column"],
        )
        (related,) = sarif_result["relatedLocations"]
        (expected_related,) = finding["related"]
        assert related["id"] == 1 and related["message"]["text"] == expected_related["note"]
        assert related["physicalLocation"]["artifactLocation"]["uri"] == expected_related["location"]["path"]
        assert related["physicalLocation"]["region"] == {
            "startLine": expected_related["location"]["line"],
            "startColumn": expected_related["location"]["column"],
        }
        unit = result["declaration"]["unit"]["id"]
        assert sarif_result["message"]["text"] == f"{unit}: {finding['message']} (see [{expected_related['note']}](1))"
        details = sarif_result["properties"]["mou"]
        assert details["id"] == result["mou"]["id"] and details["reference"] == result["mou"]["reference"]
        if kind == "MOU:B":
            (line,) = [line for line in result["mou"]["lines"] if f"MOU:{line['line']}" == finding["requirement"]]
            for key in (
                "line",
                "item",
                "quantity",
                "present",
                "serviceable",
                "required_serviceable",
                "shortfall",
                "lease",
            ):
                assert details[key] == line[key], key
        else:
            assert f"MOU:C-{details['category']}" == finding["requirement"] and details["provider"] == "contributor"
    # A requirement the MOU makes not applicable links the Annex C line too.
    (outside,) = [r for r in run["results"] if r["ruleId"] == "INF-EQP-007" and r["properties"]["unit"] == "XB-INF-02"]
    assert outside["kind"] == "notApplicable"
    assert (
        outside["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "examples/mous/mou-xb-inf-02.yaml"
    )


def test_junit_has_a_case_per_mou_line_together_under_the_unit(cli: Any, junit_schema: Any) -> None:
    document = etree.fromstring(cli("check", *MOUS, "-f", "junit").stdout_bytes)
    junit_schema.assertValid(document)
    report = _mou_json(cli)
    for suite, result in zip(document.findall("testsuite"), report["results"], strict=True):
        unit, mou = result["declaration"]["unit"]["id"], result["mou"]
        (applied,) = [p.get("value") for p in suite.iter("property") if p.get("name") == "mou"]
        assert applied == f"MOU {mou['id']}, effective {mou['effective']}: {mou['reference']} ({mou['path']})"
        cases = {c.get("name").split(" ", 1)[0]: c for c in suite.findall("testcase")}
        findings = [f for f in result["findings"] if f["check"] == "mou"]
        assert [name for name in cases if name.startswith("MOU:")] == [f["requirement"] for f in findings]
        for finding in findings:
            case = cases[finding["requirement"]]
            assert case.get("classname") == f"{unit} MOU {mou['id']}"
            kinds = [child.tag for child in case]
            assert (
                kinds
                == {"shortfall": ["failure"], "no-evidence": ["failure"], "waived": ["skipped"], "met": []}[
                    finding["status"]
                ]
            )
        for line in mou["lines"]:
            failure = cases[f"MOU:{line['line']}"].find("failure")
            if failure is None:
                continue
            (finding,) = [f for f in findings if f["requirement"] == f"MOU:{line['line']}"]
            (related,) = finding["related"]
            assert (
                f"Line {line['line']}, Item {line['item']}, MOU {line['quantity']}, Present {line['present']}, "
                f"Serviceable {line['serviceable']}/{line['required_serviceable']}, Short {line['shortfall']}, "
                f"Lease {line['lease']}"
            ) in failure.text
            where = related["location"]
            assert f"{related['note']}: {where['path']}:{where['line']}:{where['column']}" in failure.text
    xc = {c.get("name").split(" ", 1)[0]: c for c in document.findall("testsuite")[1].findall("testcase")}
    assert xc["MOU:B-001"].find("failure").get("type") == "critical shortfall"
    assert "15 serviceable of 23 required" in xc["MOU:B-001"].find("failure").get("message")


def test_github_annotations_of_mou_lines_are_at_the_declaration_and_name_the_line(cli: Any) -> None:
    lines = cli("check", *MOUS, "-f", "github").stdout.splitlines()
    report = _mou_json(cli)
    for result in report["results"]:
        unit = result["declaration"]["unit"]["id"]
        for finding in result["findings"]:
            if finding["check"] != "mou" or finding["status"] not in ("shortfall", "no-evidence"):
                continue
            location, (related,) = finding["location"], finding["related"]
            (line,) = [line for line in lines if f"title={unit} {finding['requirement'].replace(':', '%3A')} " in line]
            assert f"file={location['path']},line={location['line']},col={location['column']}," in line
            where = related["location"]
            assert f"({related['note']}: {where['path']}:{where['line']}:{where['column']})" in line
    assert not [line for line in lines if "MOU%3AB-003" in line]  # waived
