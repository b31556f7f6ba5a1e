"""An MOU of the search path keeps only its model and the places a check run reports
(``kept_for_runs``): every one of them is where the whole document puts it, and the library
finds the MOUs of a unit through an index built as they are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkcheck.library.mous import LoadedMou, code_warnings, kept_for_runs, read_mou, source_of
from pkcheck.library.standards import Library, search_path
from pkcheck.load.yamlio import load

FILES = sorted(Path("tests/data/mou").rglob("*.*"))
MOUS = [str(p) for p in FILES if p.suffix in (".yaml", ".json") and "mou/v1" in p.read_text(encoding="utf-8")]


def readable(path: str) -> bool:
    return isinstance(source_of(load(path)), LoadedMou)


@pytest.mark.parametrize("path", [p for p in MOUS if readable(p)])
def test_kept_places_are_the_documents(path: str) -> None:
    whole = read_mou(load(path))
    kept = kept_for_runs(whole)
    assert isinstance(kept, LoadedMou) and kept.places is not None and kept.document.data is None
    assert kept.model == whole.model and kept.path == whole.path
    for key in ("id", "effective", "mission"):
        if getattr(whole.model, key) is not None:
            assert kept.location(key) == whole.location(key)
    for index in range(len(whole.model.major_equipment)):
        assert kept.line_location(index) == whole.line_location(index)
    for category in whole.model.self_sustainment:
        assert kept.category_location(category) == whole.category_location(category)
    library = Library(search_path([]))
    assert code_warnings(kept, library.codes) == code_warnings(whole, library.codes)


def test_codes_no_vocabulary_knows_are_warned_at_the_same_places() -> None:
    whole = read_mou(load("tests/data/mou/leases-and-codes.yaml"))
    kept = kept_for_runs(whole)
    assert isinstance(kept, LoadedMou)
    warnings = code_warnings(kept, Library(search_path([])).codes)
    assert warnings and warnings == code_warnings(whole, Library(search_path([])).codes)


def test_the_library_keeps_the_places_and_indexes_by_unit() -> None:
    library = Library(search_path(["tests/data/mou/search"]))
    assert library.mous
    for source in library.mous:
        if isinstance(source, LoadedMou):
            assert source.places is not None
        for unit in source.units if not isinstance(source, LoadedMou) else source.model.units:
            assert source in library.mous_covering(unit)
    assert library.mous_covering("NO-SUCH-UNIT") == []
