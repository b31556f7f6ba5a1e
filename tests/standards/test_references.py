"""The shipped standards cite sources users can rely on: no reference, and no address in the
documentation, points at a document-sharing site, where anyone uploads copies of documents."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent.parent
SITES = REPO / "tests" / "data" / "document-sharing-sites.txt"
STANDARDS = sorted(
    path for path in (REPO / "standards").glob("*.yaml") if "pkcheck: standard/v1" in path.read_text("utf-8")
)
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
ADDRESS = re.compile(r"https?://[^\s\"'<>)\]]+")


def sharing_sites() -> list[str]:
    lines = SITES.read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def on_sharing_site(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == site or host.endswith("." + site) for site in sharing_sites())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://it.scribd.com/document/234373756/COE-Manual-2011", True),
        ("https://online.flipbuilder.com/cwao/qryt/files/basic-html/page18.html", True),
        ("https://dokumen.tips/amp/document/casualty-evacuation.html", True),
        ("https://www.yumpu.com/en/document/view/8938509/x/119", True),
        ("https://peacekeeping.un.org/en/action-peacekeeping", False),
        ("https://notscribd.com/x", False),
    ],
)
def test_a_document_sharing_site_is_recognised_by_its_domain(url: str, expected: bool) -> None:
    assert on_sharing_site(url) is expected


@pytest.mark.parametrize("path", STANDARDS, ids=lambda path: path.name)
def test_no_reference_of_a_shipped_standard_is_on_a_document_sharing_site(path: Path) -> None:
    references = YAML(typ="safe").load(path.read_text("utf-8")).get("references") or {}
    assert references, f"{path.name} cites no source"
    shared = {key: ref["url"] for key, ref in references.items() if ref.get("url") and on_sharing_site(ref["url"])}
    assert shared == {}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_no_address_in_the_documentation_is_on_a_document_sharing_site(path: Path) -> None:
    shared = [url for url in ADDRESS.findall(path.read_text("utf-8")) if on_sharing_site(url)]
    assert shared == []
