"""``--format html``: a self-contained page that says what the JSON report says.

The page is read back as a browser would show it (its visible text, without styles), and
compared with the JSON report of the same run: every unit's verdict, each category's bar, each
open finding in its unit's table, and the gaps register's sums. It must fetch nothing (no
script, no external source or link, a Content-Security-Policy that forbids it) and escape what
comes from input files. The last tests render it in headless Chromium (Debian's ``chromium``,
which ``.ci/run`` installs; they skip without it): the rendered page's text, a screenshot of the
size asked; the layout at 1024 and 1400 pixels of the examples' pages, 40 units and a unit with
four-digit counts (nothing off screen, table columns and bar labels that fit, lists one entry a
line); and the page printed to PDF (A4, a unit a page).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import re
import shutil
import struct
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.html
import mou_reports
import pytest

import pkcheck
from pkcheck.formats import amounts
from pkcheck.measures import singular

AS_OF = "2026-11-26"
FOLDER = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF)
# Units verified against their MOUs: lines short and waived, a ready unit.
MOUS = (
    "examples/xb-inf-02-conditional.yaml",
    "examples/xc-inf-03-not-ready.yaml",
    "examples/xf-fpu-01-ready.yaml",
    *("--mou", "examples/mous/mou-xb-inf-02.yaml", "--mou", "examples/mous/mou-xc-inf-03.yaml"),
    *("--mou", "examples/mous/mou-xf-fpu-01.yaml", "--waivers", "tests/data/mou/waivers.yaml", "--as-of", AS_OF),
)
VERDICT_TEXT = {"ready": "ready", "conditional": "conditional", "not-ready": "not ready", "invalid": "invalid"}
OPEN = ("shortfall", "no-evidence")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


GLUE = "\x00"  # marks text that goes on from the chunk before it


class _Page(HTMLParser):
    """The visible text of a page, per element id, and every tag with its attributes."""

    HIDDEN = frozenset({"style", "script", "title", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.sections: dict[str, list[str]] = defaultdict(list)
        self._stack: list[tuple[str, str | None]] = []
        self._glued = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._glued = tag == "wbr"
        if tag not in {"br", "meta", "img", "input", "link", "wbr"}:
            self._stack.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in self.HIDDEN for tag, _ in self._stack):
            return
        if self._glued:  # a line may break here, but the text goes on: no space
            data, self._glued = GLUE + data, False
        self.text.append(data)
        for _, ident in self._stack:
            if ident:
                self.sections[ident].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _visible(parsed: _Page, section: str | None = None) -> str:
    chunks = parsed.text if section is None else parsed.sections[section]
    return " ".join(" ".join(chunks).replace(" " + GLUE, "").split())


@pytest.fixture
def report(cli: Any) -> tuple[str, dict[str, Any]]:
    """The HTML page and the JSON report of the examples folder, with waivers."""
    page = cli("check", *FOLDER, "-f", "html")
    assert page.exit_code == 1
    return page.stdout, cli("check", *FOLDER, "-f", "json").json()


def _unit_section(parsed: _Page, unit_id: str) -> str:
    return _visible(parsed, "u-" + re.sub(r"[^\w-]", "_", unit_id))


def test_every_unit_has_a_card_with_its_verdict_and_standard(report: tuple[str, dict[str, Any]]) -> None:
    page, data = report
    text = _visible(_parse(page))
    assert f"As of {AS_OF}" in text
    assert f"pkcheck {data['tool']['version']}" in text
    for result in data["results"]:
        unit, standard = result["declaration"]["unit"], result["standard"]
        card = re.search(
            rf"{re.escape(unit['id'])} {re.escape(unit['name'])} (\S+(?: ready)?) Country {unit['country']}", text
        )
        assert card, unit["id"]
        assert card.group(1) == VERDICT_TEXT[result["verdict"]]
        assert f"Standard {standard['id']} {standard['version']}" in text


def test_open_findings_are_in_their_units_table(report: tuple[str, dict[str, Any]]) -> None:
    page, data = report
    parsed = _parse(page)
    for result in data["results"]:
        unit_id = result["declaration"]["unit"]["id"]
        section = _unit_section(parsed, unit_id)
        opened = [f for f in result["findings"] if f["status"] in OPEN]
        waived = [f for f in result["findings"] if f["status"] == "waived"]
        if not (opened or waived):
            assert section.endswith("No open findings; nothing waived."), f"{unit_id}: its section says so"
            continue
        for finding in opened:
            where = f"{finding['location']['path']}:{finding['location']['line']}"
            row = f"{finding['severity']} {finding['requirement']} {finding['title']} {' '.join(finding['message'].split())}"
            assert row in section, (unit_id, finding["requirement"])
            assert where in section
        for finding in waived:
            assert f"{finding['requirement']} {finding['title']}: {finding['waiver']['reason']}" in section
        # Most severe first, as in the other review formats.
        order = [
            m.group(1) for m in re.finditer(r"\b(critical|major|minor|advisory) [A-Z0-9]+-[A-Z]+-\d{3}\b", section)
        ]
        ranks = ["critical", "major", "minor", "advisory"]
        assert order == sorted(order, key=ranks.index)
        assert len(order) == len(opened)


def test_category_bars_count_what_the_json_counts(report: tuple[str, dict[str, Any]]) -> None:
    page, data = report
    met: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    for result in data["results"]:
        for finding in result["findings"]:
            if finding["status"] != "not-applicable":
                counted[finding["category"]] += 1
                met[finding["category"]] += finding["status"] == "met"
    portfolio = page.split('<h2 id="units">Units</h2>')[0]
    labels = re.findall(r">(\w+)</text><rect.*?>(\d+)/(\d+) met</text>", portfolio)
    assert {c: (int(m), int(t)) for c, m, t in labels} == {c: (met[c], counted[c]) for c in counted}
    # Segments follow each other and add up to the same bar in every category: met, open and
    # waived are all drawn, and no bar is longer than another.
    ends = set()
    for bar in re.findall(r"</text>((?:<rect[^>]*>.*?</rect>)+)<text", portfolio):
        spans = [(int(x), int(w)) for x, w in re.findall(r'<rect x="(\d+)" y="\d+" width="(\d+)"', bar)]
        assert all(x + w == after for (x, w), (after, _) in itertools.pairwise(spans)), bar
        ends.add((spans[0][0], spans[-1][0] + spans[-1][1]))
    ((start, end),) = ends
    assert end - start >= 300


def test_the_gaps_register_is_the_one_pkcheck_gaps_builds(cli: Any, report: tuple[str, dict[str, Any]]) -> None:
    """One register: every line of ``pkcheck gaps`` of the same inputs, in its order, with its
    total (marked where the JSON says it is illustrative), units and requirements; then the
    requirements without evidence."""
    page, _ = report
    register = page.split("<h2>Gaps register</h2>")[1].split("<h2>")[0]
    expected = cli("gaps", *FOLDER, "-f", "json").json()
    assert expected["lines"] and expected["evidence_missing"]
    lines_table, evidence_table = register.split("<h3>Evidence missing (not counted above)</h3>")
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", lines_table)]
    assert len(rows) == len(expected["lines"])
    assert any(cells[3] == "1 unit" for cells in rows)  # one certificate short: never "1 units"
    for cells, line in zip(rows, expected["lines"], strict=True):
        label = f"{line['title']} ({line['what']})" if line["title"] else line["what"]
        assert _text(cells[0]) == line["severity"]
        assert cells[1] == line["category"]
        assert _text(cells[2]).startswith(label), (cells[2], label)
        mark = " (illustrative)" if line["illustrative"] else ""
        measure = singular(line["measure"]) if line["total"] == 1 else line["measure"]
        assert cells[3] == f"{line['total']:g} {measure}{mark}"
        shares = [f"{u['unit']} ({u['country']}) {u['short']:g}" for u in line["units"]]
        assert [_text(c) for c in cells[4].split("<br>")] == shares
        assert cells[5] == ", ".join(line["requirements"])
    evidence = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", evidence_table)]
    assert [re.search(r"<strong>(.*?)</strong>", c[1]).group(1) for c in evidence] == [  # type: ignore[union-attr]
        e["requirement"] for e in expected["evidence_missing"]
    ]
    assert [int(c[2]) for c in evidence] == [len(e["units"]) for e in expected["evidence_missing"]]
    # both kinds of line are there, and what the mark means is said once, under the lines
    assert {line["illustrative"] for line in expected["lines"]} == {True, False}
    assert lines_table.count(html.escape(amounts.LEGEND)) == 1


def _text(cell: str) -> str:
    """A cell's visible text, tags removed and entities read."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())


def test_the_page_fetches_nothing(report: tuple[str, dict[str, Any]]) -> None:
    page, _ = report
    parsed = _parse(page)
    assert not re.search(r"https?://", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert tag not in {"link", "img", "iframe", "object", "embed"}, tag
        assert (attrs.get("href") or "#").startswith("#"), attrs
    (policy,) = [
        a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None and "default-src 'none'" in policy


def test_the_page_is_the_same_from_run_to_run(cli: Any) -> None:
    first = cli("check", *FOLDER, "-f", "html", fresh=True).stdout_bytes
    assert first == cli("check", *FOLDER, "-f", "html", fresh=True).stdout_bytes


def test_text_from_input_files_is_escaped(cli: Any, tmp_path: Path) -> None:
    source = Path("examples/xb-inf-02-conditional.yaml").read_text(encoding="utf-8")
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    declaration = tmp_path / "hostile.yaml"
    declaration.write_text(source.replace("name: 2nd Infantry Battalion", f"name: '{hostile}'", 1), encoding="utf-8")
    assert hostile in declaration.read_text(encoding="utf-8")
    page = cli("check", str(declaration), "--as-of", AS_OF, "-f", "html").stdout
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert hostile in _visible(_parse(page))


def test_a_single_unit_page_has_its_card_and_register(cli: Any) -> None:
    page = cli("check", "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF, "-f", "html").stdout
    text = _visible(_parse(page))
    assert "XA-INF-01 1st Mechanized Infantry Battalion ready" in text
    assert "Gaps register No open findings." in text
    assert "1 unit(s): 1 ready, 0 conditional, 0 not ready, 0 invalid" in text


needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (.ci/run installs it)"
)


def _chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    return run


@needs_chromium
def test_chromium_renders_the_page(report: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    page, data = report
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    dom = _chromium(tmp_path, path, "--dump-dom").stdout
    text = _visible(_parse(dom))
    assert f"As of {AS_OF}" in text
    for result in data["results"]:
        unit = result["declaration"]["unit"]
        assert f"{unit['id']} {unit['name']} {VERDICT_TEXT[result['verdict']]} Country" in text
    assert "CORE-SUS-001" in _visible(_parse(dom), "u-XC-INF-03")
    assert "Gaps register" in text


@needs_chromium
def test_chromium_takes_a_screenshot_of_the_size_asked(report: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(report[0], encoding="utf-8")
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, path, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 20_000  # a blank page is a few kilobytes


def test_the_readme_shows_a_screenshot_of_the_examples() -> None:
    """The committed screenshot is a 1280x2000 PNG of the page, small enough to keep in git.

    Regenerate it with the command the README gives, then
    ``chromium --headless --no-sandbox --hide-scrollbars --window-size=1280,2000
    --screenshot=docs/images/report.png file://$PWD/readiness.html``."""
    readme = Path("README.md").read_text(encoding="utf-8")
    assert "](docs/images/report.png)" in readme
    assert "-f html -o readiness.html" in readme
    data = Path("docs/images/report.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert 20_000 < len(data) < 500_000


def test_an_invalid_declaration_gets_a_card_and_its_located_errors(cli: Any, tmp_path: Path) -> None:
    declaration = tmp_path / "bad.yaml"
    declaration.write_text("pkcheck: declaration/v1\nunit: {id: '<i>'}\n", encoding="utf-8")
    run = cli("check", str(declaration), "--as-of", AS_OF, "-f", "html")
    assert run.exit_code == 2
    text = _visible(_parse(run.stdout))
    assert f"{declaration} invalid Country" in text
    assert f"{declaration}:2:1: `unit`: missing required key `country`" in text
    assert "<i>" not in run.stdout


# The layout as Chromium draws it. One harness page holds every page measured, each in an
# iframe of the width of a screen (its vertical scroll bar included, as in a window); a script
# of the harness measures them once loaded and writes the results into the harness, which
# ``--dump-dom`` prints. The pages keep their Content-Security-Policy: the script is not theirs.
SCREENS = (1024, 1400)
MEASURE = """
window.addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("iframe").forEach(function (frame) {
    var d = frame.contentDocument, root = d.documentElement, width = root.clientWidth;
    var m = {name: frame.dataset.name, screen: +frame.dataset.screen, scrollWidth: root.scrollWidth,
             clientWidth: width, offscreen: [], finding: [], lists: [], clipped: [], marks: []};
    d.querySelectorAll("body *").forEach(function (e) {
      if (e.getBoundingClientRect().right > width + 0.5) m.offscreen.push(e.tagName + " " + e.textContent.slice(0, 60));
    });
    d.querySelectorAll("table.findings").forEach(function (table) {
      m.finding.push([table.querySelectorAll("th")[2].getBoundingClientRect().width, table.getBoundingClientRect().width]);
    });
    d.querySelectorAll("td ul").forEach(function (list) {
      var tops = {};
      list.querySelectorAll("li").forEach(function (item) { tops[Math.round(item.getBoundingClientRect().top)] = 1; });
      m.lists.push([list.children.length, Object.keys(tops).length]);
    });
    d.querySelectorAll("td.n").forEach(function (cell) {
      var walk = d.createTreeWalker(cell, NodeFilter.SHOW_TEXT), text;
      while ((text = walk.nextNode())) {
        var at = text.data.indexOf("(illustrative)");
        if (at < 0) continue;
        var range = d.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + 14);
        m.marks.push([range.getClientRects().length, cell.scrollWidth <= cell.clientWidth, cell.closest("table").className]);
      }
    });
    d.querySelectorAll("svg").forEach(function (svg) {
      var right = svg.viewBox.baseVal.width;
      svg.querySelectorAll("text").forEach(function (text) {
        var box = text.getBBox(), next = text.nextElementSibling;
        var limit = next && next.tagName === "rect" ? next.x.baseVal.value : right;
        if (box.x < 0 || box.x + box.width > limit) m.clipped.push(text.textContent);
      });
    });
    out.push(m);
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
"""
_MEASURED: dict[str, list[dict[str, Any]]] = {}


def _portfolio_of_40(folder: Path) -> list[str]:
    """Forty declarations: the YAML examples over and over, each copy under a unit id of its own."""
    examples = sorted(Path("examples").glob("x*.yaml"))
    folder.mkdir()
    for number in range(40):
        source = examples[number % len(examples)].read_text(encoding="utf-8")
        unit_id = re.search(r"^  id: (\S+)$", source, re.MULTILINE).group(1)  # type: ignore[union-attr]
        copy = source.replace(f"  id: {unit_id}\n", f"  id: {unit_id}-COPY-{number:02d}\n", 1)
        (folder / f"{number:02d}-{examples[number % len(examples)].name}").write_text(copy, encoding="utf-8")
    return [str(folder), "--as-of", AS_OF]


def _large_unit_page() -> str:
    """A unit with four-digit counts in every bar: the met findings of an example, 250 times."""
    report = pkcheck.check(["examples/xc-inf-03-not-ready.yaml"], as_of=AS_OF)
    (result,) = report.results
    met = [f for f in result.findings if f.status.value == "met"]
    large = dataclasses.replace(result, findings=(*result.findings, *met * 250))
    return pkcheck.render(dataclasses.replace(report, results=(large,)), "html")


def _pages(cli: Any, scratch: Path) -> dict[str, str]:
    """Every page measured: the examples folder, each example alone, 40 units, a large unit,
    units verified against their MOUs."""
    runs = {"examples": FOLDER, "portfolio of 40": _portfolio_of_40(scratch / "forty"), "MOUs": MOUS}
    runs |= {path.name: (str(path), "--as-of", AS_OF) for path in sorted(Path("examples").glob("x*.*"))}
    pages = {name: cli("check", *args, "-f", "html").stdout for name, args in runs.items()}
    return pages | {"large unit": _large_unit_page()}


@pytest.fixture
def measured(cli: Any, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Each page at each screen width, measured in one Chromium run for the whole module."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs it)")
    if "all" not in _MEASURED:
        scratch = tmp_path_factory.mktemp("layout")
        frames = "".join(
            f'<iframe data-name="{html.escape(name)}" data-screen="{screen}" width="{screen}" height="700" '
            f'style="border:0;display:block" srcdoc="{html.escape(page, quote=True)}"></iframe>'
            for name, page in _pages(cli, scratch).items()
            for screen in SCREENS
        )
        harness = scratch / "harness.html"
        harness.write_text(f"<!DOCTYPE html><html><body>{frames}<script>{MEASURE}</script></body></html>", "utf-8")
        dom = _chromium(scratch, harness, "--window-size=1500,900", "--dump-dom").stdout
        found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
        assert found, dom[-2000:]
        _MEASURED["all"] = json.loads(html.unescape(found.group(1)))
    return _MEASURED["all"]


def test_no_page_scrolls_sideways_at_1024_or_1400_pixels(measured: list[dict[str, Any]]) -> None:
    assert len(measured) == (len(list(Path("examples").glob("x*.*"))) + 4) * len(SCREENS)
    for page in measured:
        where = (page["name"], page["screen"])
        assert page["scrollWidth"] <= page["clientWidth"], where
        assert page["offscreen"] == [], where  # the Where column included


def test_the_finding_column_keeps_a_quarter_of_its_table(measured: list[dict[str, Any]]) -> None:
    """However long the other cells, the findings' own words keep room for a line of several words."""
    tables = [(page["name"], page["screen"], f, t) for page in measured for f, t in page["finding"]]
    assert tables
    for name, screen, finding, table in tables:
        assert finding >= 0.25 * table and finding >= 200, (name, screen, finding, table)


def test_missing_entries_are_listed_one_a_line(measured: list[dict[str, Any]]) -> None:
    lists = [(items, lines) for page in measured for items, lines in page["lists"]]
    assert any(items >= 3 for items, _ in lists)  # the examples name several missing capabilities
    assert all(items == lines for items, lines in lists), lists


def test_bar_labels_fit_four_digit_counts(measured: list[dict[str, Any]]) -> None:
    """No text of a bar chart runs into its bar or past the chart's edge: the category names,
    nor the counts, up to ``1004/1007 met``."""
    (large,) = [page for page in measured if page["name"] == "large unit" and page["screen"] == 1024]
    assert large["clipped"] == []
    for page in measured:
        assert page["clipped"] == [], (page["name"], page["screen"])


def test_the_illustrative_mark_is_never_broken_or_cut(measured: list[dict[str, Any]]) -> None:
    """A required amount's "(illustrative)", and a register total's, stays one word on one line
    inside its cell."""
    marks = [mark for page in measured for mark in page["marks"]]
    # the examples have illustrative thresholds, so both tables have marks
    assert {table for _, _, table in marks} == {"findings", "register"}
    assert all(mark[:2] == [1, True] for mark in marks), [m for m in marks if m[:2] != [1, True]][:5]


def test_the_large_unit_has_four_digit_counts() -> None:
    assert re.search(r">\d{4}/\d{4} met</text>", _large_unit_page())


def test_unit_cards_are_in_the_text_reports_order(cli: Any) -> None:
    """Worst first, as the text report lists them: the page's cards and sections follow its rows."""
    text = cli("check", *FOLDER).stdout
    ids = [r["declaration"]["unit"]["id"] for r in cli("check", *FOLDER, "-f", "json").json()["results"]]
    in_text = sorted(ids, key=lambda unit_id: re.search(rf"\b{re.escape(unit_id)}\b", text).start())  # type: ignore[union-attr]
    assert in_text != ids  # the files' order is not the worst-first order
    page = cli("check", *FOLDER, "-f", "html").stdout
    cards = re.findall(r'<h3><a href="#u-[^"]+">([^<]+)</a></h3>', page)
    sections = re.findall(r'<section class="unit" id="u-([^"]+)">', page)
    assert cards == in_text
    assert sections == [re.sub(r"[^\w-]", "_", unit_id) for unit_id in in_text]


A4 = (595.28, 841.89)  # points


def _pdf(data: bytes) -> tuple[list[tuple[float, float]], dict[str, tuple[int, float]], int]:
    """What a PDF of Chromium's says of its layout, read without a PDF library: each page's size
    in points, in page order; the page (from 0) and height of each named destination (an element
    id a link points to); and how many links it has."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.DOTALL)}
    (catalog,) = [body for body in objects.values() if b"/Type /Catalog" in body]

    def ref(body: bytes, key: bytes) -> int:
        return int(re.search(rb"/" + key + rb" (\d+) 0 R", body).group(1))  # type: ignore[union-attr]

    def leaves(number: int) -> list[int]:
        body = objects[number]
        if b"/Type /Pages" not in body:
            return [number]
        kids = re.search(rb"/Kids \[([^\]]*)\]", body).group(1)  # type: ignore[union-attr]
        return [leaf for kid in re.findall(rb"(\d+) 0 R", kids) for leaf in leaves(int(kid))]

    pages = leaves(ref(catalog, b"Pages"))
    sizes = []
    for number in pages:
        box = re.search(rb"/MediaBox \[([\d.\s]+)\]", objects[number]).group(1).split()  # type: ignore[union-attr]
        sizes.append((float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
    dests = {
        name.decode(): (pages.index(int(page)), float(y))
        for name, page, y in re.findall(
            rb"/([\w-]+) \[(\d+) 0 R /XYZ [\d.]+ ([\d.]+) 0\]", objects[ref(catalog, b"Dests")]
        )
    }
    return sizes, dests, len(re.findall(rb"/Subtype /Link\b", data))


@needs_chromium
def test_the_page_prints_on_a4_a_unit_a_page(report: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    """Printed (to PDF), the summary comes first, then each unit's section from the top of a page
    of its own, then the gaps register on a new page; pages are A4; the links to the page's parts
    are not printed (the cards' links to their units are the only links)."""
    page, data = report
    path, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    path.write_text(page, encoding="utf-8")
    _chromium(tmp_path, path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    sizes, dests, links = _pdf(pdf.read_bytes())
    assert all(abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5 for width, height in sizes), set(sizes)
    sections = re.findall(r'<section class="unit" id="(u-[^"]+)">', page)
    assert len(sections) == len(data["results"])
    starts = [dests[section] for section in sections] + [dests["gaps"]]
    summary = starts[0][0]
    assert summary >= 1
    assert [index for index, _ in starts] == sorted({index for index, _ in starts})  # each on a later page
    assert all(top > A4[1] - 30 for _, top in starts)  # at the top of the page
    assert len(sizes) >= summary + len(sections) + 1
    assert links == len(sections)


def test_the_print_stylesheet_keeps_rows_whole_and_leaves_navigation_out(report: tuple[str, dict[str, Any]]) -> None:
    style = re.search(r"<style>(.*?)</style>", report[0], re.DOTALL).group(1)  # type: ignore[union-attr]
    assert "@page{size:A4;" in style
    printed = style.split("@media print{", 1)[1]
    for rule in ("tr,li{break-inside:avoid}", "nav{display:none}", "section.unit,section.register{break-before:page;"):
        assert rule in printed, rule
    assert ".print-only{display:none}" in style.split("@media print{", 1)[0] and ".print-only{display:block;" in printed
    # Each unit's page repeats what its card says, its bars included.
    parsed = _parse(report[0])
    for result in report[1]["results"]:
        unit, standard = result["declaration"]["unit"], result["standard"]
        section = _unit_section(parsed, unit["id"])
        assert f"Country {unit['country']}" in section and f"Standard {standard['id']} {standard['version']}" in section
        assert re.search(r"training \d+/\d+ met", section), unit["id"]


@needs_chromium
def test_a_ready_unit_prints_on_two_pages(cli: Any, tmp_path: Path) -> None:
    """The summary, then the unit's page, which the one line of an empty gaps register follows."""
    path, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    path.write_text(cli("check", "examples/xa-inf-01-ready.yaml", "--as-of", AS_OF, "-f", "html").stdout, "utf-8")
    _chromium(tmp_path, path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    sizes, dests, _ = _pdf(pdf.read_bytes())
    assert len(sizes) == 2
    assert dests["u-XA-INF-01"][0] == 1


def test_each_card_names_its_file(report: tuple[str, dict[str, Any]]) -> None:
    """Two units of one id are told apart by their file."""
    page, data = report
    text = _visible(_parse(page))
    for result in data["results"]:
        assert re.search(
            rf"{re.escape(result['standard']['version'])} File {re.escape(result['declaration']['path'])} Open:", text
        )


def test_an_invalid_declaration_with_a_readable_unit_keeps_it(cli: Any) -> None:
    text = _visible(_parse(cli("check", "tests/data/portfolio/bad-total.yaml", "--as-of", AS_OF, "-f", "html").stdout))
    assert "XV-INF-11 Test Battalion invalid Country XV" in text


def test_two_units_of_one_id_link_to_sections_of_their_own(cli: Any, tmp_path: Path) -> None:
    """Two files of one unit, and an id that is the same once made safe for an attribute: each
    card links to its own section, and no two sections share an id."""
    source = Path("examples/xa-inf-01-ready.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(source, encoding="utf-8")
    for name, unit_id in (("c.yaml", "XA.INF-01"), ("d.yaml", "XA_INF-01")):
        (tmp_path / name).write_text(source.replace("  id: XA-INF-01\n", f"  id: {unit_id}\n", 1), encoding="utf-8")
    page = cli("check", str(tmp_path), "--as-of", AS_OF, "-f", "html").stdout
    links = re.findall(r'<h3><a href="#([^"]+)">([^<]+)</a></h3>', page)
    sections = re.findall(r'<section class="unit" id="([^"]+)">', page)
    assert [anchor for anchor, _ in links] == sections  # each card, in order, to its own section
    assert sorted(sections) == ["u-XA-INF-01", "u-XA-INF-01-2", "u-XA_INF-01", "u-XA_INF-01-2"]


def test_each_unit_section_names_its_file_once(report: tuple[str, dict[str, Any]]) -> None:
    """A unit's section (its printed page) repeats the card's facts, but says its file once."""
    page, data = report
    sections = re.findall(r'<section class="unit".*?</section>', page, re.DOTALL)
    assert len(sections) == len(data["results"])
    for section in sections:
        assert len(re.findall(r">File ", section)) == 1, section[:300]


def test_each_units_mou_verification_is_in_its_section(cli: Any) -> None:
    """After its findings, each unit's section (ready or not) says which MOU applied and has its
    lines and totals, the numbers of the JSON report; an MOU line's finding gives the line's
    place in the MOU beside its own."""
    page = lxml.html.document_fromstring(cli("check", *MOUS, "-f", "html").stdout)
    report = cli("check", *MOUS, "-f", "json").json()
    for result in report["results"]:
        unit, mou = result["declaration"]["unit"]["id"], result["mou"]
        (section,) = page.xpath(f'//section[@id="u-{unit}"]')
        (heading,) = [h for h in section.iter("h3") if h.text_content() == "MOU verification"]
        applied = f"MOU {mou['id']}, effective {mou['effective']}: {mou['reference']} ({mou['path']})"
        assert heading.getnext().text_content() == applied
        tables = [
            [
                [cell.text_content() for cell in row.iter("td")]
                for row in section.xpath(f'.//table[@class="{kind}"]/tbody/tr')
            ]
            for kind in ("mou-lines", "mou-totals")
        ]
        assert tables == list(mou_reports.expected(mou)), unit
        for finding in result["findings"]:
            if finding["check"] == "mou" and finding["status"] in OPEN:
                (row,) = [
                    r
                    for r in section.xpath('.//table[@class="findings"]/tbody/tr')
                    if finding["requirement"] in r.text_content()
                ]
                related = finding["related"][0]["location"]
                assert f"MOU line {related['path']}:{related['line']}" in " ".join(row[-1].text_content().split())


# The printed page's width: A4 less the stylesheet's @page margins, in CSS pixels.
PRINTED_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
PRINT_MEASURE = """
window.addEventListener("load", function () {
  var d = document.querySelector("iframe").contentDocument;
  var css = d.querySelector("style").textContent, at = css.indexOf("@media print{");
  var printed = d.createElement("style");  // the print rules, as a printer applies them
  printed.textContent = css.slice(at + 13, css.lastIndexOf("}")) + "html{overflow:hidden}";
  d.head.appendChild(printed);
  var width = d.documentElement.clientWidth, m = {width: width, tables: [], overflowing: []};
  d.querySelectorAll("table.mou-lines, table.mou-totals").forEach(function (table) {
    m.tables.push([table.className, table.getBoundingClientRect().right]);
    table.querySelectorAll("th, td").forEach(function (cell) {
      if (cell.scrollWidth > cell.clientWidth) m.overflowing.push(cell.textContent);
    });
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(m);
  document.body.appendChild(pre);
});
"""


@needs_chromium
def test_the_mou_verification_fits_the_printed_page(cli: Any, tmp_path: Path) -> None:
    """Laid out with the print rules at the width of an A4 page less its margins, every MOU
    table is within the page and no cell's text runs out of its cell; printed, each unit's
    section (its MOU verification with it) starts a page of its own."""
    page = cli("check", *MOUS, "-f", "html").stdout
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert "@page{size:A4;margin:14mm 12mm}" in style  # the margins PRINTED_WIDTH leaves out
    frame = f'<iframe width="{PRINTED_WIDTH}" height="900" style="border:0;display:block" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    harness = tmp_path / "harness.html"
    harness.write_text(
        f"<!DOCTYPE html><html><body style='margin:0'>{frame}<script>{PRINT_MEASURE}</script></body></html>", "utf-8"
    )
    dom = _chromium(tmp_path, harness, "--window-size=1200,1000", "--dump-dom").stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["width"] == PRINTED_WIDTH
    assert len(measured["tables"]) == 6  # the lines and totals of three units
    assert all(right <= PRINTED_WIDTH + 0.5 for _, right in measured["tables"]), measured["tables"]
    assert measured["overflowing"] == []
    path, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    path.write_text(page, encoding="utf-8")
    _chromium(tmp_path, path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    sizes, dests, _ = _pdf(pdf.read_bytes())
    assert all(abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5 for width, height in sizes)
    starts = [dests[f"u-{r['declaration']['unit']['id']}"] for r in cli("check", *MOUS, "-f", "json").json()["results"]]
    assert all(top > A4[1] - 30 for _, top in starts)


def test_women_by_country_is_the_json_reports_with_numbers_aligned(report: tuple[str, dict[str, Any]]) -> None:
    """The table of each country's share of women holds the JSON report's lines, in order: the
    country and target as text, the counts and the share in right-aligned number cells."""
    page, data = report
    table = page.split('<table class="parity"')[1].split("</table>")[0]
    rows = [re.findall(r"<td([^>]*)>(.*?)</td>", row) for row in re.findall(r"<tr><td.*?</tr>", table)]
    expected = data["women_by_country"]
    assert expected and len(rows) == len(expected)
    for cells, line in zip(rows, expected, strict=True):
        assert [_text(text) for _, text in cells[:1]] == [line["country"]]
        assert _text(cells[1][1]) == f"{line['target'] * 100:g} % from {line['target_from']}"
        numbers = [_text(text) for _, text in cells[2:]]
        assert numbers == [
            str(line["units"]),
            str(line["personnel"]),
            str(line["women"]),
            f"{line['share'] * 100:.1f} %",
            str(line["short"]),
        ]
        assert [attributes for attributes, _ in cells] == ["", ""] + [' class="n"'] * 5
