"""The French catalog is complete and compiled: every message of the code translated, with the
same placeholders, and the ``.mo`` the package reads made from the ``.po`` in the repository."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pkcheck import catalog


def test_the_french_catalog_has_no_problem() -> None:
    found = list(catalog.problems("fr"))
    assert found == [], "run python -m pkcheck.catalog, then translate:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("{count} of {total}", ["count", "total"]),
        ("no placeholder", []),
        ("{{literal}} {x}", ["x"]),
        ("{x:>3} {y!r}", ["x", "y"]),
        ("unbalanced {", ["<unbalanced braces>"]),
    ],
)
def test_placeholders_are_read_as_str_format_reads_them(text: str, names: list[str]) -> None:
    assert catalog.placeholders(text) == names


def test_a_translation_with_other_placeholders_is_a_problem() -> None:
    from babel.messages.catalog import Message

    found = list(
        catalog._message_problems(catalog.po_path("fr"), Message("{count} of {total}", "{compte} sur {total}"))
    )
    assert found and "placeholders differ" in found[0]
    untranslated = list(catalog._message_problems(catalog.po_path("fr"), Message("{count} of {total}", "")))
    assert untranslated and "not translated" in untranslated[0]


def test_the_catalog_of_a_message_new_in_the_code_is_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalog.extracted

    def with_a_new_message() -> object:
        template = real()
        template.add("a message nobody translated yet", None, [("pkcheck/new.py", 1)])
        return template

    monkeypatch.setattr(catalog, "extracted", with_a_new_message)
    assert any("not in the catalog: 'a message nobody translated yet'" in line for line in catalog.problems("fr"))


def test_french_help_when_asked_for() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "pkcheck", "--lang", "fr", "--help"], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0
    assert "au regard des normes de déploiement" in shown.stdout


def test_an_unknown_language_is_a_usage_error() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "pkcheck", "check", "--lang", "de", "x.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (shown.returncode, shown.stderr) == (
        2,
        "pkcheck: error: invalid value for --lang: 'de' is not one of 'en', 'fr'\n",
    )
