"""Text from files is data: hostile files and file names through every format of every command.

``tests/data/hostile/`` (see its README) holds a standard, declarations, a waivers file and a
test suite whose free text carries terminal escape sequences, controls, bidi characters, line
breaks followed by GitHub workflow commands, markup, HTML, formula starts and more; its
``file-names.json`` the hostile names (some not UTF-8) under which they are copied here. Each
output is read back with its real parser and searched for what a terminal or a CI runner would
obey: a raw control, bidi or surrogate character (a line feed is allowed, and in CSV a carriage
return before it), and a line a GitHub Actions runner takes for a workflow command (``::`` at
its start after white space, ``##[`` anywhere), other than pkcheck's own in ``--format
github``. No test here enables colour, except those calling the terminal formatters directly,
which allow the colour sequences they draw and nothing else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes

import jsonschema
import lxml.html
import pytest
from lxml import etree
from markdown_it import MarkdownIt

from pkcheck import api
from pkcheck.analyses.gaps import build
from pkcheck.analyses.suites import run_suites
from pkcheck.escapes import shown
from pkcheck.formats import diff_text, gaps_text, suite_text, text
from pkcheck.load.limits import DEFAULT_LIMITS
from pkcheck.load.yamlio import load

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = DATA / "hostile"
NAMES = json.loads((HOSTILE / "file-names.json").read_text(encoding="utf-8"))
STANDARDS = NAMES["standards"]  # a copy of standards/ under a hostile name
AS_OF = "2026-11-26"
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
LINES = re.compile(r"\r\n|\r|\n")  # a runner splits lines at each
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
# The summary line is pkcheck's own in either language (French sets a no-break space before `:`).
GITHUB_LINE = re.compile(
    r"::(error|warning|notice) file=[^,:]*,line=[0-9]+,col=[0-9]+,title=[^,:]*::.*|pkcheck\u00a0?: .*"
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9]")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")  # where GitHub and markdown-it split a table row


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile files, and copies of them under the hostile names."""
    root = tmp_path_factory.mktemp("hostile") / "tree"
    shutil.copytree(HOSTILE, root)
    declarations = root / "declarations"
    for name in NAMES["declarations"]:
        (declarations / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(declarations / "unit.yaml", declarations / name)
    shutil.copy(declarations / "broken.yaml", declarations / NAMES["broken"])
    shutil.copy(root / "waivers.yaml", root / NAMES["waivers"])
    shutil.copy(root / "mou.yaml", root / NAMES["mou"])
    shutil.copytree(root / "standards", root / NAMES["standards"])
    return root


@pytest.fixture
def inside(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the copied tree, so that reports name its files by relative paths."""
    monkeypatch.chdir(tree)
    return tree


def _safe(name: str, output: str, allowed: str = "\n") -> None:
    """No raw control, bidi or surrogate character other than ``allowed``; no line a CI runner
    would obey."""
    raw = [(m.start(), m.group()) for m in RAW.finditer(output) if m.group() not in allowed]
    assert not raw, f"{name}: raw {raw[0][1]!r} at {raw[0][0]}: {output[max(raw[0][0] - 60, 0) : raw[0][0] + 20]!r}"
    commands = [line for line in LINES.split(output) if line.lstrip().startswith("::") or "##[" in line]
    assert not commands, f"{name}: a workflow command: {commands[0][:200]!r}"


def _run(cli: Any, *args: str) -> Any:
    run = cli(*args, fresh=True)
    _safe(f"{args[0]} (stderr)", run.stderr)
    assert run.exit_code in (0, 1, 2), run.stderr
    return run


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # strict: every report is UTF-8


@pytest.mark.parametrize("mou", [False, True], ids=["standard", "with-mou"])
def test_check_writes_every_format_safely(cli: Any, inside: Path, mou: bool) -> None:
    """Also with an MOU whose reference and file name are hostile: its verification table,
    findings and related locations in every format."""
    formats = ("json", "sarif", "junit", "markdown", "github", "html")
    files = {name: inside / f"report.{name}" for name in formats}
    run = _run(
        cli,
        "check",
        "declarations",
        "--standards-path",
        STANDARDS,
        "--waivers",
        NAMES["waivers"],
        *(("--mou", NAMES["mou"]) if mou else ()),
        "--as-of",
        AS_OF,
        "-f",
        "text",
        "-f",
        ",".join(f"{name}={path.name}" for name, path in files.items()),
    )
    assert run.exit_code == 2  # the broken declarations
    _safe("check text", run.stdout)
    # The error under its file's row, wrapped after its location.
    assert "broken-\\x1b]8;;https:evil.example\\x1b\\\\n::warning::x\\xfe.yaml:7:3: unknown\n" in run.stdout
    outputs = {name: _read(path) for name, path in files.items()}
    for name, output in outputs.items():
        if name != "github":
            _safe(f"check {name}", output)
    _check_json(outputs["json"])
    _check_sarif(outputs["sarif"], inside)
    _check_junit(outputs["junit"])
    _check_markdown("check markdown", outputs["markdown"])
    _check_github(outputs["github"])
    _check_html(outputs["html"])
    if mou:
        _check_mou(outputs)
        one = ("check", f"declarations/{NAMES['declarations'][0]}", "--standards-path", STANDARDS)
        details = _run(cli, *one, "--mou", NAMES["mou"], "--as-of", AS_OF, "--details").stdout
        _safe("check text, one unit", details)
        assert "MOU hostile-mou, effective 2026-10-01: =cmd|' /C calc'!A0 MOU <script>" in details


def _check_mou(outputs: dict[str, str]) -> None:
    """The MOU's verification is in each format, its reference escaped for the format."""
    reference = load(str(HOSTILE / "mou.yaml")).data["reference"]
    shown_reference = shown(reference)
    report = json.loads(outputs["json"])
    verified = [r for r in report["results"] if r.get("mou")]
    assert len(verified) == 4 and all(r["mou"]["reference"] == reference for r in verified)  # the unit, thrice copied
    sarif = json.loads(outputs["sarif"])
    results = sarif["runs"][0]["results"]
    lines = [r for r in results if r["ruleId"] == "MOU:B"]
    # `C-002` is an Annex B line, whatever its finding's id looks like.
    assert {r["properties"]["requirement"] for r in lines} == {"MOU:B-001", "MOU:C-002"}
    assert {r["properties"]["requirement"] for r in results if r["ruleId"] == "MOU:C"} == {"MOU:C-hostile-laundry"}
    assert all(r["properties"]["mou"]["reference"] == reference for r in lines)
    for result in lines:
        (related,) = result["relatedLocations"]
        assert unquote_to_bytes(related["physicalLocation"]["artifactLocation"]["uri"]) == os.fsencode(NAMES["mou"])
        assert result["message"]["text"].endswith(f"(see [{related['message']['text']}](1))")
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    assert [p.get("value") for p in document.iter("property") if p.get("name") == "mou"] == [
        f"MOU hostile-mou, effective 2026-10-01: {shown_reference} ({shown(NAMES['mou'])})"
    ] * 4
    classes = {case.get("classname") for case in document.iter("testcase") if case.get("name").startswith("MOU:")}
    assert classes == {"HOS-UNIT-01 MOU hostile-mou"}
    assert outputs["markdown"].count("### MOU verification") == 4
    assert "=cmd\\|' /C calc'!A0 MOU \\<script\\>" in outputs["markdown"]
    assert outputs["github"].count("(MOU `hostile-mou` Annex B line C-002: mou-") == 4
    page = lxml.html.document_fromstring(outputs["html"])
    headings = [h for h in page.iter("h3") if h.text_content() == "MOU verification"]
    assert len(headings) == 4
    assert shown_reference in headings[0].getnext().text_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | pipe" in outputs["html"]


def _check_json(output: str) -> None:
    report = json.loads(output)
    schema = json.loads(
        Path(__file__)
        .resolve()
        .parents[2]
        .joinpath("pkcheck", "schemas", "report.schema.json")
        .read_text(encoding="utf-8")
    )
    jsonschema.validate(report, schema)
    # Text from files is kept as written: JSON escapes what needs escaping.
    name = load(str(HOSTILE / "declarations" / "unit.yaml")).data["unit"]["name"]
    assert name in {r["declaration"]["unit"].get("name") for r in report["results"] if r["declaration"]["unit"]}
    # A byte of a file name that is not UTF-8 is written as the text \xff.
    assert "declarations/decl-\\xff\\x9b;=1+1.yaml" in {r["declaration"]["path"] for r in report["results"]}


def _check_sarif(output: str, root: Path) -> None:
    sarif = json.loads(output)
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)
    (run,) = sarif["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file://" + quote(str(root)) + "/"}}
    artifacts = [location["physicalLocation"]["artifactLocation"] for location in _sarif_locations(run)]
    assert artifacts
    for artifact in artifacts:
        assert artifact["uriBaseId"] == "%SRCROOT%"  # every file is under the working directory
        segments = unquote_to_bytes(artifact["uri"]).split(b"/")
        assert b".." not in segments and b"." not in segments
        assert (
            root / os.fsdecode(unquote_to_bytes(artifact["uri"]))
        ).is_file()  # the URI names the file, byte for byte
    assert any("decl-%FF%9B%3B%3D1%2B1.yaml" in artifact["uri"] for artifact in artifacts)


def _sarif_locations(run: dict[str, Any]) -> list[dict[str, Any]]:
    found = [location for result in run["results"] for location in result["locations"]]
    found += [s["location"] for result in run["results"] for s in result.get("suppressions", [])]
    found += [location for result in run["results"] for location in result.get("relatedLocations", [])]
    found += [
        location for i in run["invocations"] for n in i["toolExecutionNotifications"] for location in n["locations"]
    ]
    return found


def _check_junit(output: str) -> None:
    document = etree.fromstring(output.encode("utf-8"))
    etree.XMLSchema(etree.parse(str(DATA / "schemas" / "junit-10.xsd"))).assertValid(document)
    assert len(document.findall("testsuite")) == 6


def _check_markdown(name: str, output: str) -> None:
    """No HTML from files (pkcheck's own ``<br>`` only), no image or link, no @mention outside
    code, and every table row as wide as its header (no pipe or line break split a cell)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(output)
    inline = [child for token in tokens if token.type == "inline" for child in token.children or []]
    html = [t.content for t in (*tokens, *inline) if t.type in ("html_inline", "html_block") and t.content != "<br>"]
    assert not html, f"{name}: raw HTML {html[0]!r}"
    assert not [t for t in inline if t.type in ("image", "link_open")], f"{name}: an image or a link"
    mentions = [t.content for t in inline if t.type == "text" and MENTION.search(t.content)]
    assert not mentions, f"{name}: an @mention in {mentions[0]!r}"
    assert any(token.type == "table_open" for token in tokens)
    # The parsers even out a row's cells to its header's; count the pipes that split them.
    table: list[int] = []
    for line in [*output.split("\n"), ""]:
        if line.startswith("|"):
            table.append(len(UNESCAPED_PIPE.findall(line)))
        elif table:
            assert len(set(table)) == 1, f"{name}: rows of {sorted(set(table))} cells"
            table = []


def _check_github(output: str) -> None:
    """Every line is one of pkcheck's own: an annotation whose properties hold no `:` or `,` and
    whose message holds no line break, or the summary line."""
    lines = output.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert GITHUB_LINE.fullmatch(line), f"not an annotation of pkcheck's: {line[:200]!r}"
        assert not RAW.search(line)
    assert sum(line.startswith("::error") for line in lines) > 10


def _check_html(output: str) -> None:
    """Only pkcheck's own elements, no event handler attribute, nothing from files as markup."""
    page = lxml.html.document_fromstring(output)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "strong",
        "div",
        "span",
        "a",
        "section",
        "nav",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "br",
        "wbr",
        "svg",
        "text",
        "rect",
        "line",  # the axis of a progress chart
        "i",
    }
    for element in page.iter():
        assert element.tag in allowed, f"element <{element.tag}>"
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        href = element.get("href")
        assert (
            href is None or href.startswith("#u-") or href in {"#units", "#gaps", "#warnings", "#countries"}
        )  # the page's parts


def test_gaps_writes_every_format_safely(cli: Any, inside: Path) -> None:
    files = {name: inside / f"register.{name}" for name in ("json", "csv", "markdown")}
    run = _run(
        cli,
        "gaps",
        "declarations",
        "--standards-path",
        STANDARDS,
        "--waivers",
        NAMES["waivers"],
        "--as-of",
        AS_OF,
        "-f",
        "text",
        "-f",
        ",".join(f"{name}={path.name}" for name, path in files.items()),
    )
    assert run.exit_code == 2
    _safe("gaps text", run.stdout)
    outputs = {name: _read(path) for name, path in files.items()}
    _safe("gaps json", outputs["json"])
    _safe("gaps markdown", outputs["markdown"])
    _safe("gaps csv", outputs["csv"].replace("\r\n", "\n"))
    register = json.loads(outputs["json"])
    assert register["lines"] and register["invalid"]
    _check_markdown("gaps markdown", outputs["markdown"])
    _check_csv(outputs["csv"], len(register["lines"]))


# A report's file name as hostile as the declarations' (``/`` aside: it names a file here).
REPORT_NAME = (
    "report-{date}-\x1b]0;pwned\x07\x1b[2J\n::error file=x::pwned\r##[add-mask]x ;=1+1;,@SUM(1) | `t` <b>\u202e.json"
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_progress_writes_every_format_safely(cli: Any, inside: Path, lang: str) -> None:
    """Two dated reports of the hostile declarations, under hostile names: their unit ids,
    titles and paths go through every format of ``pkcheck progress``, in either language."""
    reports = []
    for date in ("2026-06-01", AS_OF):
        report = REPORT_NAME.format(date=date)
        run = _run(
            cli, "check", "declarations", "--standards-path", STANDARDS, "--as-of", date, "-f", "json", "-o", report
        )
        assert run.exit_code == 2  # the broken declaration
        reports.append(report)
    files = {name: inside / f"progress.{name}" for name in ("json", "csv", "markdown", "html")}
    targets = ",".join(f"{name}={path.name}" for name, path in files.items())
    run = _run(cli, "--lang", lang, "progress", *reports, "-f", "text", "-f", targets)
    assert run.exit_code == 0
    _safe("progress text", run.stdout)
    outputs = {name: _read(path) for name, path in files.items()}
    for name in ("json", "markdown", "html"):
        _safe(f"progress {name}", outputs[name])
    _safe("progress csv", outputs["csv"].replace("\r\n", "\n"))
    progress = json.loads(outputs["json"])
    assert progress["units"] and all(a["report"] in reports for a in progress["assessments"])
    jsonschema.validate(
        progress, json.loads((Path(__file__).parents[2] / "pkcheck/schemas/progress.schema.json").read_text("utf-8"))
    )
    _check_markdown("progress markdown", outputs["markdown"])
    _check_html(outputs["html"])
    rows = list(csv.reader(io.StringIO(outputs["csv"], newline="")))
    assert {len(row) for row in rows} == {len(rows[0])} and len(rows) == 1 + 2 * len(progress["units"])
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(outputs["csv"], newline=""), delimiter=delimiter):
            assert not [cell for cell in row if cell.startswith(FORMULA)], row


def _check_csv(output: str, lines: int) -> None:
    """Every row as wide as the header; no cell a spreadsheet would read as a formula, whether
    it splits at commas or (as in semicolon locales) at semicolons; numbers stay numbers."""
    rows = list(csv.reader(io.StringIO(output, newline="")))
    header = rows[0]
    assert len(rows) > lines and {len(row) for row in rows} == {len(header)}
    numeric = {header.index(name) for name in ("line_total", "line_units", "short")}
    for row in rows[1:]:
        for index, cell in enumerate(row):
            if index in numeric and cell:
                float(cell)
            else:
                assert not cell.startswith(FORMULA), f"a formula: {cell[:80]!r}"
    for row in csv.reader(io.StringIO(output, newline=""), delimiter=";"):
        assert not [cell for cell in row if cell.startswith(FORMULA)], row
    assert "decls/x;'=1+1;.yaml" in output


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_diff_writes_every_format_safely(cli: Any, inside: Path, output_format: str) -> None:
    new = f"{STANDARDS}/hostile.yaml"
    run = _run(cli, "diff", "diff/old.yaml", new, "--against", "declarations", "--as-of", AS_OF, "-f", output_format)
    assert run.exit_code == 2  # the broken declarations
    _safe(f"diff {output_format}", run.stdout)
    if output_format == "json":
        diff = json.loads(run.stdout)
        assert diff["removed"] and diff["changed"] and diff["against"]["invalid"]
    elif output_format == "markdown":
        _check_markdown("diff markdown", run.stdout)


def test_lint_prints_every_diagnostic_safely(cli: Any, inside: Path) -> None:
    run = _run(
        cli,
        "lint",
        STANDARDS,
        "declarations",
        "lint",
        NAMES["waivers"],
        "diff",
        "suites",
        "--standards-path",
        STANDARDS,
    )
    assert run.exit_code == 2
    _safe("lint", run.stdout)
    assert "unknown reference key" in run.stdout and "unknown key" in run.stdout


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_test_suites_report_safely(cli: Any, inside: Path, output_format: str) -> None:
    run = _run(cli, "test", "suites", "--standards-path", STANDARDS, "-f", output_format)
    assert run.exit_code == 2
    _safe(f"test {output_format}", run.stdout)
    if output_format == "json":
        assert [case["outcome"] for case in json.loads(run.stdout)["suites"][0]["cases"]] == ["fail", "error"]


@pytest.mark.parametrize("requirement", ["HOS-TRN-001", "HOS-EQP-001"])
def test_explain_and_list_show_standards_safely(cli: Any, inside: Path, requirement: str) -> None:
    explained = _run(cli, "explain", requirement, "--standards-path", STANDARDS)
    assert explained.exit_code == 0
    _safe("explain", explained.stdout)
    listed = _run(cli, "list", "--standards-path", STANDARDS)
    _safe("list", listed.stdout)
    assert "hostile-std" in listed.stdout


def test_init_names_its_file_safely(cli: Any, inside: Path) -> None:
    target = "template-\x1b]0;x\x07\n::error::y \udcff.yaml"
    run = _run(
        cli,
        "init",
        "hostile-unit",
        "--mission",
        "hostile-mission",
        "--standards-path",
        STANDARDS,
        "-o",
        target,
        "--as-of",
        AS_OF,
    )
    assert run.exit_code == 0 and "\\x1b]0;x\\x07\\n::error::y \\xff.yaml" in run.stderr
    header = [line for line in _read(inside / target).splitlines() if line.startswith("#")]
    _safe("init header", "\n".join(header))


def test_unreadable_paths_are_named_safely(cli: Any, inside: Path) -> None:
    """A file that does not exist: its name in the diagnostic, and in a usage error."""
    missing = "missing-\x1b[2J\n::error::z \udcff.yaml"
    run = _run(cli, "check", missing, "--standards-path", STANDARDS)
    assert run.exit_code == 2
    _safe("check of a missing file", run.stdout)
    run = _run(cli, "test", "suites", "--standards-path", missing)
    assert run.exit_code == 2 and "\\x1b[2J\\n::error::z \\xff.yaml" in run.stderr


def test_terminal_formats_in_colour_draw_only_colour(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With colour (never on in the command-line tests), the only escape sequences are the
    colours the formatters draw; text from files is still shown escaped."""
    monkeypatch.chdir(tree)
    day = dt.date.fromisoformat(AS_OF)
    report = api.check(["declarations"], standards_path=[STANDARDS], waivers=NAMES["waivers"], as_of=day)
    diff = api.diff("diff/old.yaml", f"{STANDARDS}/hostile.yaml", against=["declarations"], as_of=day)
    suites = run_suites([str(tree / "suites" / "hostile.test.yaml")], [STANDARDS], "0", DEFAULT_LIMITS)
    drawn = {
        "check text": text.render(report, color=True),
        "check text, details": text.render(report, color=True, details=True, verbose=True),
        "gaps text": gaps_text.render(build(report), color=True),
        "diff text": diff_text.render(diff, color=True),
        "test text": suite_text.render(suites, color=True),
    }
    for name, output in drawn.items():
        assert COLOUR.search(output), name
        _safe(name, COLOUR.sub("", output))


@pytest.mark.parametrize("mou", [False, True], ids=["standard", "with-mou"])
def test_french_reports_show_hostile_text_as_safely(cli: Any, inside: Path, mou: bool) -> None:
    """The same hostile files in French: French words around the text move where lines wrap,
    and every format must still show it inert."""
    formats = ("json", "sarif", "junit", "markdown", "github", "html")
    files = {name: inside / f"report-fr.{name}" for name in formats}
    common = ("--standards-path", STANDARDS, "--waivers", NAMES["waivers"], "--as-of", AS_OF)
    run = _run(
        cli,
        "--lang",
        "fr",
        "check",
        "declarations",
        *common,
        *(("--mou", NAMES["mou"]) if mou else ()),
        "--details",
        "-f",
        "text",
        "-f",
        ",".join(f"{name}={path.name}" for name, path in files.items()),
    )
    assert run.exit_code == 2
    _safe("check text (fr)", run.stdout)
    outputs = {name: _read(path) for name, path in files.items()}
    for name, output in outputs.items():
        if name != "github":
            _safe(f"check {name} (fr)", output)
    _check_json(outputs["json"])
    _check_sarif(outputs["sarif"], inside)
    _check_junit(outputs["junit"])
    _check_markdown("check markdown (fr)", outputs["markdown"])
    _check_github(outputs["github"])
    _check_html(outputs["html"])
    gaps = _run(cli, "--lang", "fr", "gaps", "declarations", *common, "-f", "markdown")
    _safe("gaps markdown (fr)", gaps.stdout)
    for requirement in ("HOS-TRN-001", "HOS-EQP-001"):
        _safe("explain (fr)", _run(cli, "--lang", "fr", "explain", requirement, "--standards-path", STANDARDS).stdout)
    _safe("list (fr)", _run(cli, "--lang", "fr", "list", "--standards-path", STANDARDS).stdout)
