"""``--format html`` in French: the page says ``lang="fr"``, its title and every label are
French, and headless Chromium draws it as it draws the English page (``test_html_report.py``,
whose harness this reuses): nothing off screen at 1024 and 1400 pixels, the ``(illustratif)``
mark whole in its cell, bar labels that fit, and printed on A4 a unit a page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_html_report import (
    A4,
    CHROMIUM,
    FOLDER,
    MEASURE,
    MOUS,
    SCREENS,
    _chromium,
    _parse,
    _pdf,
    _visible,
    needs_chromium,
)

FRENCH_MARK = "(illustratif)"
# The English harness looks for the English mark; here the same measures find the French one,
# ... and the column headers wider than their column (French headers are longer than English ones).
HEADERS = """
    m.headers = [];
    d.querySelectorAll("th").forEach(function (th) {
      if (th.scrollWidth > th.clientWidth + 0.5) m.headers.push(th.textContent);
    });
    out.push(m);"""
MEASURE_FR = (
    MEASURE.replace('"(illustrative)"', json.dumps(FRENCH_MARK))
    .replace("at + 14", f"at + {len(FRENCH_MARK)}")
    .replace("\n    out.push(m);", HEADERS, 1)
)
VERDICTS = {"ready": "prête", "conditional": "prête sous conditions", "not-ready": "non prête", "invalid": "invalide"}


def _page(cli: Any, *args: str) -> str:
    return str(cli("--lang", "fr", "check", *args, "-f", "html").stdout)


@pytest.fixture
def french(cli: Any) -> tuple[str, dict[str, Any]]:
    """The French page and the JSON report of the examples folder, with waivers."""
    return _page(cli, *FOLDER), cli("check", *FOLDER, "-f", "json").json()


def test_the_page_is_french(french: tuple[str, dict[str, Any]]) -> None:
    page, data = french
    assert '<html lang="fr">' in page
    assert "<title>Rapport d'état de préparation au déploiement, à la date du 26 novembre 2026</title>" in page
    text = _visible(_parse(page))
    for heading in ("Unités", "Conformité par catégorie", "Registre des lacunes", "Femmes par pays"):
        assert heading in text
    for result in data["results"]:
        unit = result["declaration"]["unit"]
        assert f"{unit['id']} {unit['name']} {VERDICTS[result['verdict']]} Pays {unit['country']}" in text
    for english in ("As of", "Gaps register", "Compliance by category", "Open findings of", "Units concerned"):
        assert english not in page, english


def test_the_english_page_says_it_is_english(cli: Any) -> None:
    assert '<html lang="en">' in cli("check", *FOLDER, "-f", "html").stdout


@needs_chromium
def test_chromium_renders_the_french_page(french: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "rapport.html"
    path.write_text(french[0], encoding="utf-8")
    dom = _chromium(tmp_path, path, "--dump-dom").stdout
    text = _visible(_parse(dom))
    assert "À la date du 26 novembre 2026" in text
    assert "Registre des lacunes" in text


@pytest.fixture
def measured(cli: Any, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The French pages of the examples folder and of units verified against their MOUs, at
    each screen width, measured in one Chromium run."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs it)")
    scratch = tmp_path_factory.mktemp("layout-fr")
    pages = {"examples": _page(cli, *FOLDER), "MOUs": _page(cli, *MOUS)}
    frames = "".join(
        f'<iframe data-name="{html.escape(name)}" data-screen="{screen}" width="{screen}" height="700" '
        f'style="border:0;display:block" srcdoc="{html.escape(page, quote=True)}"></iframe>'
        for name, page in pages.items()
        for screen in SCREENS
    )
    harness = scratch / "harness.html"
    harness.write_text(f"<!DOCTYPE html><html><body>{frames}<script>{MEASURE_FR}</script></body></html>", "utf-8")
    dom = _chromium(scratch, harness, "--window-size=1500,900", "--dump-dom").stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    return list(json.loads(html.unescape(found.group(1))))


def test_the_french_pages_fit_the_screen(measured: list[dict[str, Any]]) -> None:
    """Nothing off screen, bar labels inside their room, the French mark whole in its cell."""
    assert len(measured) == 2 * len(SCREENS)
    for page in measured:
        where = (page["name"], page["screen"])
        assert page["scrollWidth"] <= page["clientWidth"], where
        assert page["offscreen"] == [], where
        assert page["clipped"] == [], where
        assert page["headers"] == [], where
        assert all(total == rows for total, rows in page["lists"]), where
        assert all(rects == 1 and fits for rects, fits, _table in page["marks"]), where
    assert any(page["marks"] for page in measured)  # the French mark was found, and measured


@needs_chromium
def test_the_french_page_prints_on_a4_a_unit_a_page(french: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    page, data = french
    path, pdf = tmp_path / "rapport.html", tmp_path / "rapport.pdf"
    path.write_text(page, encoding="utf-8")
    _chromium(tmp_path, path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    sizes, dests, links = _pdf(pdf.read_bytes())
    assert all(abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5 for width, height in sizes), set(sizes)
    sections = re.findall(r'<section class="unit" id="(u-[^"]+)">', page)
    assert len(sections) == len(data["results"])
    starts = [dests[section] for section in sections] + [dests["gaps"]]
    assert starts[0][0] >= 1
    assert [index for index, _top in starts] == sorted({index for index, _top in starts})
    assert all(top > A4[1] - 30 for _page, top in starts)
    assert links == len(sections)
