"""Markdown and GitHub annotations, and several formats from one run.

Both review formats must say what the JSON report says (the same open findings, at the same
lines), survive hostile text (a pipe in a table cell, a comma or colon in an annotation
property), and never mix into one another when several are written at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
FOLDER = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF)
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")
LEVEL = {"critical": "error", "major": "error", "minor": "warning", "advisory": "notice"}


def _open_findings(cli: Any, *args: str) -> list[tuple[str, dict[str, Any]]]:
    report = cli("check", *args, "-f", "json").json()
    return [
        (r["declaration"]["unit"]["id"], f)
        for r in report["results"]
        for f in r["findings"]
        if f["status"] in ("shortfall", "no-evidence")
    ]


def _verdict_counts(cli: Any) -> str:
    verdicts = [r["verdict"] for r in cli("check", *FOLDER, "-f", "json").json()["results"]]
    counts = ", ".join(
        f"{verdicts.count(v)} {v.replace('-', ' ')}" for v in ("ready", "conditional", "not-ready", "invalid")
    )
    return f"{len(verdicts)} declaration(s): {counts}"


def test_github_annotates_every_open_finding_at_its_line(cli: Any) -> None:
    run = cli("check", *FOLDER, "-f", "github")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    commands = [COMMAND.match(line) for line in lines[:-1]]
    assert all(commands), [line for line, m in zip(lines[:-1], commands, strict=True) if not m]
    expected = _open_findings(cli, *FOLDER)
    assert len(commands) == len(expected)
    for match, (unit, finding) in zip(commands, expected, strict=True):
        level, path, line, column, title, _ = match.groups()  # type: ignore[union-attr]
        assert level == LEVEL[finding["severity"]]
        assert (path, int(line), int(column)) == (
            finding["location"]["path"],
            finding["location"]["line"],
            finding["location"]["column"],
        )
        assert title.startswith(f"{unit} {finding['requirement']} ({finding['severity']})")
    assert lines[-1] == f"pkcheck: {_verdict_counts(cli)}"


def test_github_escapes_what_would_break_a_command(cli: Any, tmp_path: Path) -> None:
    """A title with `,` `:` `%` cannot end a property early; a message cannot start a new command."""
    standard = tmp_path / "std.yaml"
    standard.write_text(
        "pkcheck: standard/v1\nid: esc\nversion: 1.0.0\ntitle: t\nunit_types: [infantry-battalion]\n"
        "requirements:\n  - id: ESC-001\n    title: 'Water, fuel: 100% stocked'\n    category: sustainment\n"
        "    severity: major\n    check: {value: {path: sustainment.water_days, min: 99}}\n",
        encoding="utf-8",
    )
    run = cli("check", "examples/xa-inf-01-ready.yaml", "-s", str(standard), "--as-of", AS_OF, "-f", "github")
    line = run.stdout.splitlines()[0]
    assert ",title=XA-INF-01 ESC-001 (major)%3A Water%2C fuel%3A 100%25 stocked::" in line
    assert COMMAND.match(line)


def test_github_reports_input_errors_as_error_commands(cli: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pkcheck: declaration/v1\nunit: [1, 2]\n", encoding="utf-8")
    run = cli("check", str(broken), "--as-of", AS_OF, "-f", "github")
    assert run.exit_code == 2
    assert run.stdout.startswith(f"::error file={broken},line=2,col=1,title=pkcheck::`unit`")


def test_markdown_lists_each_unit_and_each_open_finding(cli: Any) -> None:
    text = cli("check", *FOLDER, "-f", "markdown").stdout
    assert text.startswith("# Deployment readiness report\n")
    summary = [line for line in text.splitlines() if line.startswith("| `X")]
    results = cli("check", *FOLDER, "-f", "json").json()["results"]
    assert [row.split(" | ")[0] for row in summary] == [f"| `{r['declaration']['unit']['id']}`" for r in results]
    labels = {"ready": "ready", "conditional": "**conditional**", "not-ready": "**not ready**"}
    assert [row.split(" | ")[4] for row in summary] == [labels[r["verdict"]] for r in results]
    assert f"declaration(s): {_verdict_counts(cli).split(': ', 1)[1]}." in text
    for unit, finding in _open_findings(cli, *FOLDER):
        where = f"| `{finding['location']['path']}:{finding['location']['line']}` |"
        rows = [
            line
            for line in text.splitlines()
            if line.startswith(f"| {finding['severity']} | {finding['requirement']} ") and line.endswith(where)
        ]
        assert len(rows) == 1, (unit, finding["requirement"])
    assert "Waived:" in text


def test_markdown_escapes_pipes_in_cells(cli: Any, tmp_path: Path) -> None:
    source = Path("examples/xc-inf-03-not-ready.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text(source.replace("name: 3rd Infantry Battalion", "name: 3rd | Battalion"), encoding="utf-8")
    text = cli("check", str(unit), "--as-of", AS_OF, "-f", "markdown").stdout
    assert "## XC-INF-03 (3rd \\| Battalion): **not ready**" in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table_rows if row.startswith(("| critical", "| major"))}
    assert widths == {8}


def test_several_formats_in_one_run_match_single_runs(cli: Any, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    run = cli("check", *FOLDER, "-f", "text", "-f", f"sarif={sarif},junit={junit}")
    assert run.exit_code == 1
    assert run.stdout_bytes == cli("check", *FOLDER).stdout_bytes
    assert sarif.read_bytes() == cli("check", *FOLDER, "-f", "sarif").stdout_bytes
    assert junit.read_bytes() == cli("check", *FOLDER, "-f", "junit").stdout_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif", "out.xml"]


def test_output_option_takes_the_format_without_a_file(cli: Any, tmp_path: Path) -> None:
    report, markdown = tmp_path / "report.json", tmp_path / "report.md"
    run = cli("check", *FOLDER, "-f", f"json,markdown={markdown}", "-o", str(report))
    assert run.stdout == ""
    assert report.read_bytes() == cli("check", *FOLDER, "-f", "json").stdout_bytes
    assert markdown.read_text(encoding="utf-8").startswith("# Deployment readiness report")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "json,sarif"), "only one format can go to standard output"),
        (("-f", "pdf"), "--format: unknown format `pdf`; choose from text, json, sarif, junit, markdown, github"),
        (("-f", "json=a.out", "-f", "sarif=a.out"), "--format: a.out is named for more than one format"),
        (
            ("-f", "json=a.out,sarif=./a.out"),
            "--format: a.out and ./a.out are one file, named for more than one format",
        ),
        (("-f", "json=a.out", "-o", "b.out"), "--output names one file"),
        (("-f", "json,sarif", "-o", "b.out"), "--output names one file"),
    ],
)
def test_format_requests_that_cannot_be_met_are_usage_errors(cli: Any, args: tuple[str, ...], message: str) -> None:
    run = cli("check", "examples/", *args)
    assert run.exit_code == 2
    assert message in run.stderr
    assert not Path("a.out").exists() and not Path("b.out").exists()


def test_one_file_named_through_a_link_is_still_one_file(cli: Any, tmp_path: Path) -> None:
    """Written twice, the file would hold only the format written last."""
    report, link = tmp_path / "report.json", tmp_path / "latest.json"
    link.symlink_to(report.name)  # a link to a file not written yet
    run = cli("check", *FOLDER, "-f", f"json={report},sarif={link}")
    assert run.exit_code == 2
    assert f"--format: {report} and {link} are one file, named for more than one format" in run.stderr
    report.write_text("old\n", encoding="utf-8")
    assert cli("check", *FOLDER, "-f", f"json={link}", "-f", f"sarif={tmp_path}/./report.json").exit_code == 2
    assert report.read_text(encoding="utf-8") == "old\n"


def test_every_format_has_a_formatter_module() -> None:
    import importlib

    from pkcheck.formats import DiffFormat, GapsFormat, OutputFormat, SuiteFormat

    for family in (OutputFormat, GapsFormat, DiffFormat, SuiteFormat):
        for member in family:
            assert callable(importlib.import_module(f"pkcheck.formats.{member.module}").render), member
