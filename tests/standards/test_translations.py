"""Standards and vocabularies in French: texts given inline (``{en: ..., fr: ...}``) or in a
companion file beside them (``<stem>.fr.yaml``, ``pkcheck: translation/v1``), checked against
what they translate, inherited by child standards, and shown in the language in use.

The lint cases are data: each folder of ``tests/data/translations`` is linted with ``--strict``
from inside it, and what it reports must be its ``expected.txt``, line for line.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkcheck import i18n
from pkcheck.cli import app
from pkcheck.library import translations
from pkcheck.library.standards import Library
from pkcheck.load.inputs import expand
from pkcheck.localized import Translated, localized

DATA = Path(__file__).resolve().parent.parent / "data" / "translations"
REPO = Path(__file__).resolve().parent.parent.parent
CASES = sorted(p.name for p in DATA.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_lint_reports_each_case_as_expected(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / case)
    result = CliRunner().invoke(app, ["lint", "--strict", "."])
    *lines, _summary = result.stdout.splitlines()
    expected = (DATA / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines == expected
    assert result.exit_code == (2 if expected else 0)


def _effective(folder: str, standard_id: str, lang: str = "fr") -> dict[str, dict[str, str | None]]:
    """Each requirement's texts, and the standard's, as a run in ``lang`` shows them."""
    i18n.use(lang)
    library = Library([str(DATA / folder)])
    assert library.errors == []
    effective = library.effective(standard_id)
    shown: dict[str, dict[str, str | None]] = {
        item.requirement.id: {
            "title": localized(item.requirement.title),
            "rationale": localized(item.requirement.rationale),
            "remediation": localized(item.requirement.remediation),
            **{f"basis.{k}": localized(b.illustrative) for k, b in item.requirement.basis.items()},
        }
        for item in effective.requirements
    }
    shown[""] = {
        "title": effective.info().title,
        **{f"references.{k}": localized(r.title) for k, r in effective.references.items()},
        **{f"basis.{k}": localized(b.illustrative) for k, b in effective.basis.items()},
    }
    return shown


def test_a_child_inherits_its_parents_translations_and_gives_its_own() -> None:
    shown = _effective("good", "tr-child")
    assert shown[""] == {
        "title": "Une norme enfant",
        "references.manual": "Un manuel",
        "references.orders": "Ordres de la mission",
        "basis.apc": "une valeur provisoire",
    }
    # Overridden title: the child's French; the texts the override leaves: the parent's French.
    assert shown["TRB-EQP-001"] == {
        "title": "Véhicules blindés, en plus grand nombre",
        "rationale": "Ils protègent.",
        "remediation": "En apporter davantage.",
    }
    # An override of the check and its basis: the texts inherited in French, the new basis the child's.
    assert shown["TRB-EQP-002"] == {
        "title": "Ambulances",
        "rationale": "Elles évacuent.",
        "remediation": "En apporter une.",
        "basis.quantity": "deux est une valeur provisoire",
    }
    assert shown["TRB-EQP-003"]["basis.quantity"] == "un groupe est une valeur provisoire"
    # Inline French and the companion's, on one requirement.
    assert shown["TRC-EQP-001"] == {
        "title": "Véhicules de dépannage",
        "rationale": "Ils dépannent.",
        "remediation": "En apporter un.",
        "basis.quantity": "une valeur provisoire",
    }


def test_the_parent_reads_in_french_with_its_inline_title() -> None:
    assert _effective("good", "tr-base")[""]["title"] == "Une norme parente, avec son français"


def test_a_text_without_french_falls_back_to_english() -> None:
    shown = _effective("fallback", "tr-child")
    # The child changes the title and gives no French for it: English, not the parent's French.
    assert shown["TRB-EQP-001"]["title"] == "Armoured carriers, more of them"
    assert shown["TRB-EQP-001"]["rationale"] == "Ils protègent."
    # The parent's companion leaves out a remediation.
    assert shown["TRB-EQP-002"]["remediation"] == "Bring one."
    assert shown["TRB-EQP-002"]["title"] == "Ambulances"


def test_in_english_every_text_is_the_english_and_no_companion_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("an English run read a companion of translations")

    monkeypatch.setattr(translations, "read", refuse)
    shown = _effective("good", "tr-child", lang="en")
    assert shown["TRB-EQP-001"]["title"] == "Armoured carriers, more of them"
    assert shown["TRB-EQP-002"]["rationale"] == "They evacuate."
    assert shown["TRC-EQP-001"]["title"] == "Recovery vehicles"  # inline French, English run
    assert shown[""]["title"] == "A child standard"
    assert all(type(text) is str for texts in shown.values() for text in texts.values() if text is not None)


def test_a_translated_text_is_its_english_everywhere_else() -> None:
    text = Translated("Ambulances", {"fr": "Ambulances sanitaires"})
    assert text == "Ambulances" and str(text) == "Ambulances" and json.dumps(text) == '"Ambulances"'
    copy = pickle.loads(pickle.dumps(text))  # worker processes receive it whole
    assert isinstance(copy, Translated) and copy.translations == {"fr": "Ambulances sanitaires"}
    i18n.use("fr")
    assert localized(text) == "Ambulances sanitaires" and type(localized(text)) is str


def test_a_companion_is_not_a_standard_nor_a_declaration(tmp_path: Path) -> None:
    """Found in a folder of standards or of declarations, a companion is passed over."""
    for name in ("base.yaml", "base.fr.yaml"):
        (tmp_path / name).write_text((DATA / "good" / name).read_text(encoding="utf-8"), encoding="utf-8")
    declaration = tmp_path / "unit.yaml"
    declaration.write_text("pkcheck: declaration/v1\n", encoding="utf-8")
    assert expand([str(tmp_path)]) == [str(declaration)]
    library = Library([str(tmp_path)], languages=("fr",))
    assert (library.errors, sorted(library.standards)) == ([], ["tr-base"])
    assert library.translation_files == [str(tmp_path / "base.fr.yaml")]


def test_a_broken_companion_is_an_error_of_a_french_run_only(tmp_path: Path) -> None:
    for name in ("base.yaml", "base.fr.yaml"):
        (tmp_path / name).write_text((DATA / "unknown-key" / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert Library([str(tmp_path)], languages=()).errors == []
    errors = Library([str(tmp_path)], languages=("fr",)).errors
    assert [(e.location.line, e.location.column) for e in errors] == [(4, 1), (8, 5), (9, 13)]


def _check_json(*arguments: str) -> dict:
    result = CliRunner().invoke(app, ["--lang", "fr", "check", *arguments, "--as-of", "2026-11-26", "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_check_in_french_shows_the_fpu_standard_in_french() -> None:
    report = _check_json(str(REPO / "examples" / "xf-fpu-01-ready.yaml"))
    (result,) = report["results"]
    assert result["standard"]["title"] == "Unité de police constituée, norme générique de déploiement des Nations Unies"
    findings = {f["requirement"]: f for f in result["findings"]}
    assert findings["FPU-PER-002"]["title"] == "Capacité opérationnelle minimale de 120 policiers"
    assert findings["FPU-PER-002"]["remediation"].startswith("Compléter les sous-unités tactiques")
    basis = {b["threshold"]: b for b in findings["FPU-EQP-001"]["basis"]}
    assert basis["quantity"]["illustrative"] == "fixé par l'annexe B du mémorandum d'accord pour le déploiement"
    # Inherited from the core standard, translated by its own companion.
    assert (
        findings["CORE-TRN-001"]["title"]
        == "Core Pre-deployment Training Materials (CPTM) suivis par l'ensemble du personnel"
    )
    assert findings["FPU-TRN-001"]["references"][0]["title"].startswith(
        "UN Peacekeeping Pre-deployment Training Standards"
    )
    assert "1re édition" in findings["FPU-TRN-001"]["references"][0]["title"]


def test_check_in_french_shows_an_infantry_battalion_in_french() -> None:
    result = CliRunner().invoke(
        app, ["--lang", "fr", "check", str(REPO / "examples" / "xc-inf-03-not-ready.yaml"), "--as-of", "2026-11-26"]
    )
    assert result.exit_code == 1, result.output
    text = " ".join(result.stdout.split())
    assert "Bataillon d'infanterie (infantry-battalion)" in text
    assert "État de préparation opérationnelle certifié par le pays contributeur (ORAPI)" in text
    assert "Certificat de préparation opérationnelle" in text  # a vocabulary title, in a message
    assert "Operational readiness certified" not in text


def test_check_in_english_is_unchanged_by_the_companions() -> None:
    result = CliRunner().invoke(
        app, ["check", str(REPO / "examples" / "xc-inf-03-not-ready.yaml"), "--as-of", "2026-11-26"]
    )
    text = " ".join(result.stdout.split())
    assert "Operational readiness certified by the contributing country (ORAPI)" in text
    assert "préparation" not in text


def test_explain_in_french_shows_the_rationale_and_references_in_french() -> None:
    result = CliRunner().invoke(app, ["--lang", "fr", "explain", "FPU-EQP-001"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "FPU-EQP-001 Véhicules blindés de transport de troupes, déclarés et en état de fonctionnement" in text
    assert "Mobilité protégée pour les opérations de maintien de l'ordre" in text
    assert "Annoncer des véhicules blindés de transport de troupes supplémentaires" in text
    assert "Plan d'action pour la mise en œuvre du rapport Improving Security of United Nations Peacekeepers" in text


def _schema_errors(kind: str, path: Path) -> list[str]:
    import jsonschema
    from ruamel.yaml import YAML

    from pkcheck.schemas import schema

    data = json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))
    return [error.message for error in jsonschema.Draft202012Validator(schema(kind)).iter_errors(data)]


def test_the_schemas_accept_what_the_loader_accepts() -> None:
    """Inline French in a standard, and a companion file, pass their JSON Schemas."""
    assert _schema_errors("standard", DATA / "good" / "child.yaml") == []
    assert _schema_errors("standard", DATA / "good" / "base.yaml") == []
    assert _schema_errors("translation", DATA / "good" / "child.fr.yaml") == []
    assert _schema_errors("translation", DATA / "vocabulary" / "words.fr.yaml") == []


def test_the_schemas_refuse_what_the_loader_refuses() -> None:
    assert _schema_errors("standard", DATA / "inline-bad-key" / "solo.yaml") != []
    assert _schema_errors("translation", DATA / "unknown-key" / "base.fr.yaml") != []
    assert _schema_errors("translation", DATA / "wrong-lang" / "base.fr.yaml") != []
