"""Every finding message template has a French translation with the same placeholders, and the
words put into templates are French too."""

from __future__ import annotations

import string
from typing import Any

import pytest

from pkcheck import checks, i18n
from pkcheck.catalog import read
from pkcheck.i18n import _
from pkcheck.messages import TEMPLATES, fill, joined

NBSP = "\u00a0"
FRENCH_CATALOG = read("fr")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


ALL_TEMPLATES = sorted(
    {
        **dict(TEMPLATES.items()),
        **{
            f"{kind}.{name}": text
            for kind, kind_object in checks.KINDS.items()
            for name, text in kind_object.messages.items()
        },
    }.items()
)


@pytest.mark.parametrize(("message_id", "english"), ALL_TEMPLATES, ids=[m for m, _ in ALL_TEMPLATES])
def test_every_template_has_a_french_translation_with_the_same_placeholders(message_id: str, english: str) -> None:
    translated = FRENCH_CATALOG.get(english)
    assert translated is not None and translated.string, f"{message_id} has no French translation"
    i18n.use("fr")
    french = _(english)
    assert french == translated.string  # the compiled catalog is the .po
    assert _placeholders(french) == _placeholders(english), message_id


def test_checks_find_every_template() -> None:
    for message_id, english in ALL_TEMPLATES:
        assert checks.template(message_id) == english


def test_lists_are_joined_with_et_in_french_and_as_before_in_english() -> None:
    assert fill("{items}", {"items": ["a", "b", "c"]}) == "a, b, c"
    assert fill("{items}", {"items": []}) == "none"
    i18n.use("fr")
    assert fill("{items}", {"items": ["a", "b", "c"]}) == "a, b et c"
    assert fill("{items}", {"items": ["a"]}) == "a"
    assert fill("{items}", {"items": []}) == "aucun"
    assert joined(["x", "y"]) == "x et y"


def test_numbers_percentages_and_dates_are_written_for_french_readers() -> None:
    values: dict[str, Any] = {"count": 1234, "ratio": "90%", "day": "2026-12-01", "share": 0.125, "line": 1234}
    text = "{count} {ratio} {day} {share} {line}"
    assert fill(text, values) == "1234 90% 2026-12-01 0.125 1234"
    i18n.use("fr")
    assert fill(text, values) == f"1\u202f234 90{NBSP}% 1 décembre 2026 0,125 1234"


def test_the_lease_and_who_keeps_the_items_serviceable_are_french() -> None:
    i18n.use("fr")
    values = {
        "present": 10,
        "quantity": 12,
        "item": "APC (apc)",
        "serviceable": 9,
        "required_serviceable": 11,
        "ratio": "90%",
        "shortfall": 2,
        "lease": _("wet"),
        "maintainer": _("the contributor"),
    }
    said = fill(_(TEMPLATES["mou.line.shortfall"]), values)
    assert said == (
        f"APC (apc){NBSP}: quantité déclarée 10 sur 12, dont 9 en état de fonctionnement pour 11 requis (90{NBSP}% "
        f"de la quantité du mémorandum d'accord){NBSP}: il en manque 2 en état de fonctionnement{NBSP}; location avec "
        f"services{NBSP}: le pays contributeur les maintient en état de fonctionnement"
    )
    assert _("dry") == "sans services"
    assert _("the UN") == "l'ONU"


def test_a_schema_that_cannot_be_applied_is_said_in_french() -> None:
    """A schema check's `not-checkable` outcome, met only with a value nested beyond Python's
    limits, has its French message."""
    i18n.use("fr")
    said = fill(
        _(checks.template("schema.not-checkable")),
        {"part": "`x-mission`", "reason": _("the value is nested too deeply to be checked against the schema")},
    )
    assert said == (
        f"impossible de vérifier `x-mission` au regard de son schéma{NBSP}: la valeur est trop imbriquée pour "
        "être vérifiée au regard du schéma"
    )
