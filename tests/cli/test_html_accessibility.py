"""``--format html`` for people who read it with assistive technology, in greyscale or with
weak colour vision: a small checker of the page as written.

- headings: one ``h1``, first, and no level skipped on the way down;
- data tables: a name (``aria-label`` or ``<caption>``), column headers (``<th scope>``), and
  as many cells in each row as there are headers;
- contrast: every text colour of the stylesheet on the backgrounds it is drawn on is at least
  4.5:1 (WCAG 2's relative luminance), badges included;
- colour is never the only signal: each verdict and severity drawn in colour says its word,
  and each bar segment names its count and status.

The pages checked: the examples folder (every verdict and severity, the gaps register), one
ready unit, units verified against their MOUs (their verification tables), a file that
cannot be checked, and the progress of the shipped example's units (``pkcheck progress``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
PAGES = {
    "examples": ("examples/", "--waivers", "examples/waivers.yaml"),
    "ready unit": ("examples/xa-inf-01-ready.yaml",),
    "units with MOUs": (
        "examples/xb-inf-02-conditional.yaml",
        "examples/xf-fpu-01-ready.yaml",
        *("--mou", "examples/mous/mou-xb-inf-02.yaml", "--mou", "examples/mous/mou-xf-fpu-01.yaml"),
    ),
}
VOID = frozenset({"br", "wbr", "meta", "img", "input", "link", "hr"})
VERDICTS = {"ready": "ready", "conditional": "conditional", "not-ready": "not ready", "invalid": "invalid"}
SEVERITIES = ("critical", "major", "minor", "advisory")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # its own text and its descendants', in order

    def iter(self) -> list[Element]:
        return [self, *(e for child in self.children for e in child.iter())]

    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if any(e.tag == tag for e in self._open[1:]):
            while self._open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)


def _tree(page: str) -> Element:
    parser = _Tree()
    parser.feed(page)
    parser.close()
    return parser.root


@pytest.fixture
def pages(cli: Any, tmp_path: Path) -> dict[str, str]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pkcheck: declaration/v1\nunit: {id: X}\n", encoding="utf-8")
    runs = PAGES | {"invalid file": (str(broken),)}
    found = {name: cli("check", *args, "--as-of", AS_OF, "-f", "html").stdout for name, args in runs.items()}
    # The page of `pkcheck progress` is held to the same rules: the shipped example's reports.
    reports = sorted(str(p.relative_to(Path.cwd())) for p in Path("examples/progress").resolve().glob("*.json"))
    found["progress"] = cli("progress", *reports, "-f", "html").stdout
    return found


def test_headings_are_in_order(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        levels = [int(e.tag[1]) for e in _tree(page).iter() if re.fullmatch(r"h[1-6]", e.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, name
        skipped = [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1]
        assert skipped == [], name


def test_data_tables_are_named_and_have_column_headers(pages: dict[str, str]) -> None:
    tables = [(name, e) for name, page in pages.items() for e in _tree(page).iter() if e.tag == "table"]
    assert len(tables) >= 3  # open findings, the register, the requirements without evidence
    for name, table in tables:
        named = table.attrs.get("aria-label") or any(e.tag == "caption" and e.words() for e in table.iter())
        assert named, name
        headers = [e for e in table.iter() if e.tag == "th"]
        assert headers and all(h.attrs.get("scope") in {"col", "row"} for h in headers), name
        rows = [e for e in table.iter() if e.tag == "tr"][1:]
        assert all(len([c for c in row.children if c.tag == "td"]) == len(headers) for row in rows), name


def _rules(page: str, media: str = "screen") -> dict[str, dict[str, str]]:
    """The stylesheet's declarations by selector, one selector of a list at a time, on screen or
    in print (where the print stylesheet's rules, read after the others, take their place)."""
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)  # type: ignore[union-attr]
    screen, _, printed = style.partition("@media print{")
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", screen + printed if media == "print" else screen):
        declarations = dict(d.split(":", 1) for d in body.split(";") if ":" in d)
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(declarations)
    return rules


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a ``#rgb`` or ``#rrggbb`` colour."""
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_does() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # the well-known just-too-light grey


@pytest.mark.parametrize("media", ["screen", "print"])
def test_text_colours_contrast_with_their_backgrounds(pages: dict[str, str], media: str) -> None:
    """Body text, the muted text (``.meta``, ``.small``) and the verdicts' colours (a section's
    heading writes its verdict in it) on the page and on cards, sections and tables; header
    cells; the white words of verdict and severity badges on their colours."""
    rules = _rules(pages["examples"], media)
    verdicts = [rules[f".v-{verdict}"]["--v"] for verdict in VERDICTS]
    surfaces = [rules["body"]["background"], rules["section.unit"]["background"], rules["table"]["background"]]
    texts = [rules["body"]["color"], rules[".meta"]["color"], rules[".small"]["color"], *verdicts]
    pairs = [(text, surface) for text in texts for surface in surfaces]
    pairs.append((rules["body"]["color"], rules["th"]["background"]))
    pairs += [(rules[".card .verdict"]["color"], verdict) for verdict in verdicts]
    pairs += [(rules[".sev"]["color"], rules[f".s-{severity}"]["background"]) for severity in SEVERITIES]
    assert {"#1f2328", "#fff"} <= {colour for pair in pairs for colour in pair}
    low = [(text, surface, round(contrast(text, surface), 2)) for text, surface in pairs]
    assert [pair for pair in low if pair[2] < 4.5] == []


def test_colour_is_never_the_only_signal(pages: dict[str, str]) -> None:
    """What is coloured by verdict or severity also says it in words; each bar segment names
    its status and count (the bars' colours differ in lightness too: met, open, waived)."""
    seen: set[str] = set()
    for page in pages.values():
        for element in _tree(page).iter():
            classes = element.classes()
            for verdict, word in VERDICTS.items():
                if f"v-{verdict}" in classes:
                    seen.add(verdict)
                    assert re.search(rf"(^|\s){word}(\s|$)", element.words()), (verdict, element.words()[:80])
            for severity in SEVERITIES:
                if f"s-{severity}" in classes:
                    seen.add(severity)
                    assert element.words() == severity
            if element.tag == "rect":
                # a category's bar segment, or a severity's part of a bar of a progress chart
                said = r"\w+: \d+ (met|open|waived)|\d{4}-\d{2}-\d{2}: (critical|major|minor|advisory): \d+"
                assert re.fullmatch(said, element.words()), element.attrs
    assert seen == set(VERDICTS) | set(SEVERITIES)
    rules = _rules(pages["examples"])
    segments = re.findall(r'fill="(#[0-9a-f]{6})"', pages["examples"])
    lightness = sorted({round(_luminance(colour), 2) for colour in segments})
    assert len(lightness) == 3 and min(b / a for a, b in itertools.pairwise(lightness)) > 1.5
    assert rules[".legend i"]["border"]  # the light swatch stands out from the page
