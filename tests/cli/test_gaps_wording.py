"""The gaps register reads as words: every line has a title, and amounts and counts agree in
number ("1 unit", "2 units", "1 surgery/day", "1 finding") in its text and Markdown."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pkcheck.measures import counted, measured, singular

RUN = ("examples/", "--waivers", "examples/waivers.yaml", "--as-of", "2026-11-26")
PLURAL_OF_ONE = re.compile(r"(?<![\d.])1 (units|items|days|minutes|beds|surgeries/day|findings|lines|declarations)\b")
ONE_AND_TWO = [
    ("units", "1 unit", "2 units"),
    ("items", "1 item", "2 items"),
    ("surgeries/day", "1 surgery/day", "2 surgeries/day"),
    ("personnel", "1 personnel", "2 personnel"),
    ("days", "1 day", "2 days"),
]


@pytest.mark.parametrize(("measure", "one", "two"), ONE_AND_TWO)
def test_an_amount_of_one_is_in_the_singular(measure: str, one: str, two: str) -> None:
    assert (measured(1, measure), measured(2, measure), measured(1.5, measure)) == (one, two, f"1.5 {measure}")


def test_counts_agree_in_number() -> None:
    assert (counted(0, "findings"), counted(1, "findings"), counted(1, "invalid declarations")) == (
        "0 findings",
        "1 finding",
        "1 invalid declaration",
    )
    assert singular("class") == "class"  # a word ending in ss is no plural


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_plural_follows_one(cli: Any, fmt: str) -> None:
    out = cli("gaps", *RUN, "-f", fmt).stdout
    assert not PLURAL_OF_ONE.findall(out)
    assert "(s)" not in out
    assert re.search(r"\b1 unit\b", out) and re.search(r"\b1 item\b", out) and re.search(r"\b1 finding\b", out)


def test_every_line_has_a_title(cli: Any) -> None:
    """A line of a value no vocabulary titles (a path such as `personnel.women`) is titled by
    its requirement, in every format."""
    lines = cli("gaps", *RUN, "-f", "json").json()["lines"]
    untitled = [line["what"] for line in lines if not line["title"]]
    assert not untitled
    by_what = {line["what"]: line["title"] for line in lines}
    assert by_what["supply_days"] == "Sixty days of medical supplies and consumables"
    text = cli("gaps", *RUN).stdout
    assert "Sixty days of medical supplies and consumables" in text and "(supply_days)" in text


def test_a_country_no_unit_has_is_warned_about(cli: Any) -> None:
    run = cli("gaps", *RUN, "--country", "xc", "--country", "zz", "-f", "json")
    assert run.exit_code == 0
    assert run.json()["filters"]["countries"] == ["XC", "ZZ"]
    assert run.stderr.startswith(
        "pkcheck: warning: --country ZZ: no unit of this country in the declarations (countries: XA, XB, XC,"
    )
    assert len(run.stderr.splitlines()) == 1  # XC, given in lower case, is a country of the declarations


def test_a_country_in_any_case_keeps_the_same_lines(cli: Any) -> None:
    upper = cli("gaps", *RUN, "--country", "XC", "-f", "json")
    lower = cli("gaps", *RUN, "--country", "xc", "-f", "json")
    assert upper.json()["lines"] and lower.json()["lines"] == upper.json()["lines"]
    assert lower.stderr == ""
