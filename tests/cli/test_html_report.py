"""``--format html``: a self-contained page that says what the JSON report says.

The page is read back as a browser would show it (its visible text, without styles), and
compared with the JSON report of the same run: every unit's verdict, each category's bar, each
open finding in its unit's table, and the gaps register's sums. It must fetch nothing (no
script, no external source or link, a Content-Security-Policy that forbids it) and escape what
comes from input files. The last tests render it in headless Chromium (Debian's ``chromium``,
which ``.ci/run`` installs): the rendered page's text, and a screenshot of the size asked.
"""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
FOLDER = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", AS_OF)
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


class _Page(HTMLParser):
    """The visible text of a page, per element id, and every tag with its attributes."""

    HIDDEN = frozenset({"style", "script", "title", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.sections: dict[str, list[str]] = defaultdict(list)
        self._stack: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"br", "meta", "img", "input", "link"}:
            self._stack.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in self.HIDDEN for tag, _ in self._stack):
            return
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
    return " ".join(" ".join(chunks).split())


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
            assert section == "", f"{unit_id} is ready with nothing waived: no details section"
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
    portfolio = page.split("<h2>Units</h2>")[0]
    labels = re.findall(r">(\w+)</text><rect.*?>(\d+)/(\d+) met</text>", portfolio)
    assert {c: (int(m), int(t)) for c, m, t in labels} == {c: (met[c], counted[c]) for c in counted}
    # Segment widths add up to the bar: met, open and waived are all drawn.
    for bar in re.findall(r"</text>((?:<rect[^>]*>.*?</rect>)+)<text", portfolio):
        widths = [int(w) for w in re.findall(r'width="(\d+)"', bar)]
        assert 368 <= sum(widths) <= 372, bar  # 370 wide, give or take rounding


def test_the_gaps_register_is_the_one_pkcheck_gaps_builds(cli: Any, report: tuple[str, dict[str, Any]]) -> None:
    """One register: every line of ``pkcheck gaps`` of the same inputs, in its order, with its
    total, units and requirements; then the requirements without evidence."""
    page, _ = report
    register = page.split("<h2>Gaps register</h2>")[1].split("<h2>")[0]
    expected = cli("gaps", *FOLDER, "-f", "json").json()
    assert expected["lines"] and expected["evidence_missing"]
    lines_table, evidence_table = register.split("<h3>Evidence missing (not counted above)</h3>")
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", lines_table)]
    assert len(rows) == len(expected["lines"])
    for cells, line in zip(rows, expected["lines"], strict=True):
        label = f"{line['title']} ({line['what']})" if line["title"] else line["what"]
        assert _text(cells[0]) == line["severity"]
        assert cells[1] == line["category"]
        assert _text(cells[2]).startswith(label), (cells[2], label)
        assert cells[3] == f"{line['total']:g} {line['measure']}"
        shares = [f"{u['unit']} ({u['country']}) {u['short']:g}" for u in line["units"]]
        assert [_text(c) for c in cells[4].split("<br>")] == shares
        assert cells[5] == ", ".join(line["requirements"])
    evidence = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr><td>.*?</tr>", evidence_table)]
    assert [re.search(r"<strong>(.*?)</strong>", c[1]).group(1) for c in evidence] == [  # type: ignore[union-attr]
        e["requirement"] for e in expected["evidence_missing"]
    ]
    assert [int(c[2]) for c in evidence] == [len(e["units"]) for e in expected["evidence_missing"]]


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
