"""The shipped standards and vocabulary in French: every companion of translations is valid, and
every text of every shipped standard and of the vocabulary is translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkcheck.enums import FileKind
from pkcheck.library.linttranslations import standard_texts, untranslated, vocabulary_texts
from pkcheck.library.standards import Library, shipped_folder
from pkcheck.library.translations import apply_to_vocabulary, companion_of, read
from pkcheck.load.validate import validate
from pkcheck.load.yamlio import load
from pkcheck.models.vocabulary import Vocabulary

SHIPPED = shipped_folder()
STANDARDS = sorted(p.stem for p in SHIPPED.glob("*.yaml") if not p.stem.endswith(".fr") and p.stem != "vocabulary")


@pytest.fixture(scope="module")
def library() -> Library:
    return Library([str(SHIPPED)], languages=("fr",))


def test_every_companion_is_valid(library: Library) -> None:
    assert library.errors == []
    for loaded in library.standards.values():
        library.effective(loaded.model.id)  # a companion's unknown ids are found when composing
    companions = sorted(Path(p).name for p in library.translation_files)
    assert companions == sorted(f"{stem}.fr.yaml" for stem in [*STANDARDS, "vocabulary"])


@pytest.mark.parametrize("stem", STANDARDS)
def test_every_text_of_a_shipped_standard_is_in_french(library: Library, stem: str) -> None:
    (loaded,) = [s for s in library.standards.values() if Path(s.document.path).stem == stem]
    assert loaded.translation is not None, f"no companion {stem}.fr.yaml"
    missing = list(untranslated(loaded.document, list(standard_texts(loaded.model)), has_companion=True))
    assert [str(d) for d in missing] == []


def test_every_title_of_the_shipped_vocabulary_is_in_french() -> None:
    path = str(SHIPPED / "vocabulary.yaml")
    document = load(path)
    vocabulary = validate(document, Vocabulary, FileKind.VOCABULARY)
    companion = companion_of(path, "fr")
    assert companion is not None
    vocabulary = apply_to_vocabulary(vocabulary, read(companion, Library([]).limits, vocabulary.id))
    assert [str(d) for d in untranslated(document, list(vocabulary_texts(vocabulary)), has_companion=True)] == []
