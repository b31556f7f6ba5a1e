"""The machine formats in French: their messages are French, their ids, codes, keys, ISO dates
and plain numbers are those of the English report, byte for byte where nothing is a message."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import mou_reports

AS_OF = "2026-11-26"
RUN = (*mou_reports.TWO_UNITS, "--as-of", AS_OF)
NBSP = "\u00a0"


def _both(cli: Any, output_format: str) -> tuple[str, str]:
    english = cli("check", *RUN, "-f", output_format)
    french = cli("--lang", "fr", "check", *RUN, "-f", output_format)
    assert english.exit_code == french.exit_code == 1
    return english.stdout, french.stdout


def _keys_and_codes(value: Any, text_keys: frozenset[str]) -> Any:
    """``value`` with the texts under ``text_keys`` left out: what no language changes."""
    if isinstance(value, dict):
        return {k: _keys_and_codes(v, text_keys) for k, v in value.items() if k not in text_keys}
    if isinstance(value, list):
        return [_keys_and_codes(v, text_keys) for v in value]
    return value


def test_sarif_messages_are_french_and_the_rest_is_not(cli: Any) -> None:
    english, french = (json.loads(text) for text in _both(cli, "sarif"))
    # Texts people read: messages, and what a standard's French gives (a rule's name is made of
    # its requirement's title, a basis's illustrative text, an MOU item's title).
    texts = frozenset({"text", "justification", "name", "illustrative", "title"})
    assert _keys_and_codes(french, texts) == _keys_and_codes(english, texts)
    rules = {rule["id"]: rule for rule in french["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["MOU:B"]["shortDescription"]["text"].startswith(f"Annexe B du mémorandum d'accord{NBSP}:")
    assert rules["MOU:C"]["fullDescription"]["text"].startswith("Chaque catégorie de soutien autonome")
    results = french["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert waived and all("(approuvée par " in r["suppressions"][0]["justification"] for r in waived)
    assert all(", expire le 2027-06-30)" in r["suppressions"][0]["justification"] for r in waived)  # ISO date
    assert all(r["message"]["text"].startswith(f"{r['properties']['unit']}{NBSP}: ") for r in results)
    assert any("(voir [" in r["message"]["text"] for r in results)


def test_junit_names_stay_and_messages_are_french(cli: Any) -> None:
    english, french = (ET.fromstring(text) for text in _both(cli, "junit"))
    # A test case is named by its requirement's id, then its title in the report's language.
    assert [str(case.get("name")).split(" ")[0] for case in french.iter("testcase")] == [
        str(case.get("name")).split(" ")[0] for case in english.iter("testcase")
    ]
    assert any("Véhicules blindés de transport de troupes" in str(c.get("name")) for c in french.iter("testcase"))
    assert [f.get("type") for f in french.iter("failure")] == [f.get("type") for f in english.iter("failure")]
    properties = {p.get("name"): p.get("value") for p in french.iter("property")}
    assert properties["as_of"] == AS_OF
    assert "mou" in properties
    assert ", en vigueur le 2026-" in str(properties["mou"])  # an attribute keeps its ISO date
    texts = "\n".join(f.text or "" for f in french.iter("failure"))
    assert f"{NBSP}: requis " in texts and ", déclaré " in texts and ", manque " in texts
    assert "Ligne " in texts  # the MOU line's summary, its columns named in French


def test_github_annotations_keep_their_commands(cli: Any) -> None:
    english, french = (text.splitlines() for text in _both(cli, "github"))
    assert len(english) == len(french)
    for en, fr in zip(english[:-1], french[:-1], strict=True):
        # the command and its properties, but the title, which names the requirement in words
        assert re.sub(r",title=.*", "", en.split("::")[1]) == re.sub(r",title=.*", "", fr.split("::")[1])
    assert french[-1] == (
        f"pkcheck{NBSP}: 2 déclarations{NBSP}: 0 prête, 1 prête sous conditions, 1 non prête, 0 invalide"
    )


def test_json_keys_and_codes_are_the_same(cli: Any) -> None:
    english, french = (json.loads(text) for text in _both(cli, "json"))
    assert french["lang"] == "fr" and english["lang"] == "en"
    assert french["as_of"] == english["as_of"] == AS_OF
    assert [r["verdict"] for r in french["results"]] == [r["verdict"] for r in english["results"]]
    statuses = [[f["status"] for f in r["findings"]] for r in french["results"]]
    assert statuses == [[f["status"] for f in r["findings"]] for r in english["results"]]
