"""``pkcheck match --format html``: one self-contained page, like the check report's (no script,
nothing fetched, a Content-Security-Policy that forbids it), that says what the JSON of the same
run says, escapes what comes from the offers file, and, rendered in headless Chromium (skipped
without it), fits screens of 1024 and 1400 pixels without scrolling sideways."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest

EXAMPLES = (
    "examples/",
    "--offers",
    "examples/offers.yaml",
    "--waivers",
    "examples/waivers.yaml",
    "--as-of",
    "2026-11-26",
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking")
MEASURE = """
window.addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("iframe").forEach(function (frame) {
    var d = frame.contentDocument, root = d.documentElement, width = root.clientWidth, off = [];
    d.querySelectorAll("body *").forEach(function (e) {
      if (e.getBoundingClientRect().right > width + 0.5) off.push(e.tagName + " " + e.textContent.slice(0, 60));
    });
    out.push({screen: +frame.dataset.screen, scrollWidth: root.scrollWidth, clientWidth: width, offscreen: off,
              text: d.body.innerText});
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
"""


def test_the_page_says_what_the_json_says(cli: Any) -> None:
    page = cli("match", *EXAMPLES, "-f", "html").stdout
    data = json.loads(cli("match", *EXAMPLES, "-f", "json").stdout)
    assert "<script" not in page and "url(" not in page and "Content-Security-Policy" in page
    tree = lxml.html.fromstring(page)
    rows = tree.xpath('//table[@class="allocations"]/tbody/tr')
    assert [r.xpath("td[1]")[0].text_content() for r in rows] == [a["offer"] for a in data["allocations"]]
    unused = tree.xpath('//table[@class="unused"]/tbody/tr/td[1]')
    assert [cell.text_content() for cell in unused] == data["unused"]
    unmet = tree.xpath('//table[@class="unmet"]/tbody/tr')
    assert len(unmet) == sum(1 for g in data["gaps"] if g["remaining"] > 0)


def test_text_from_the_offers_file_is_escaped(cli: Any, tmp_path: Path) -> None:
    offers = tmp_path / "offers.json"
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    document = {
        "pkcheck": "offers/v1",
        "equipment": [{"id": "E1", "partner": hostile, "item": "generator", "quantity": 1, "available": "2027-01-01"}],
    }
    offers.write_text(json.dumps(document), encoding="utf-8")
    page = cli("match", "examples/xa-inf-01-ready.yaml", "--offers", str(offers), "-f", "html").stdout
    assert "<script" not in page and "<b>" not in page
    assert html.escape(hostile) in page


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (.ci/run installs it)")
def test_chromium_renders_it_without_sideways_scrolling(cli: Any, tmp_path: Path) -> None:
    page = cli("match", *EXAMPLES, "-f", "html").stdout
    frames = "".join(
        f'<iframe data-screen="{screen}" width="{screen}" height="700" style="border:0;display:block" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        for screen in (1024, 1400)
    )
    harness = tmp_path / "harness.html"
    harness.write_text(f"<!DOCTYPE html><html><body>{frames}<script>{MEASURE}</script></body></html>", "utf-8")
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1500,900", "--dump-dom"]
    run = subprocess.run([*command, harness.as_uri()], capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.DOTALL)
    assert found, run.stdout[-2000:]
    measured = json.loads(html.unescape(found.group(1)))
    assert [m["screen"] for m in measured] == [1024, 1400]
    for m in measured:
        assert m["scrollWidth"] <= m["clientWidth"], m["screen"]
        assert m["offscreen"] == [], m["screen"]
        assert "Offers matched to gaps" in m["text"] and "XL-SEATS-CPTM" in m["text"]
        assert "Offers left unused" in m["text"]
