"""The search path keeps of each MOU only what choosing it needs (``IndexedMou``); the one
chosen for a unit is read again when the unit is checked. A file that changed in between gives
that unit a located error, never a verification against an MOU other than the one chosen."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pkcheck import api
from pkcheck.diagnostics import InputError
from pkcheck.engine import check_file
from pkcheck.library.mous import BrokenMou, IndexedMou, LoadedMou, kept_for_runs, read_mou
from pkcheck.library.standards import Library, search_path
from pkcheck.load.limits import DEFAULT_LIMITS
from pkcheck.load.yamlio import digest, load, load_digested
from pkcheck.report import Verdict

MOU = Path("examples/mous/mou-xa-inf-01.yaml")
DECLARATION = "examples/xa-inf-01-ready.yaml"
AS_OF = dt.date(2026, 11, 26)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(MOU, tmp_path / MOU.name)
    return tmp_path


def test_the_library_keeps_no_model_and_reads_the_same_mou_again(folder: Path) -> None:
    library = Library(search_path([str(folder)]))
    (indexed,) = library.mous
    assert isinstance(indexed, IndexedMou)
    assert library.mous_covering("XA-INF-01") == [indexed]
    whole = read_mou(load(str(folder / MOU.name)))
    assert (indexed.mou_id, indexed.effective, indexed.units) == ("mou-xa-inf-01", dt.date(2026, 10, 1), ("XA-INF-01",))
    assert indexed.location("id") == whole.location("id")
    assert indexed.location("effective") == whole.location("effective")
    again = indexed.read()
    assert isinstance(again, LoadedMou) and again.model == whole.model
    assert again.line_location(0) == whole.line_location(0)


def test_a_unit_is_verified_as_with_the_mou_given(folder: Path) -> None:
    found = check_file(DECLARATION, api.settings([str(folder)], as_of=AS_OF))
    given = check_file(DECLARATION, api.settings(as_of=AS_OF, mous=[str(folder / MOU.name)]))
    assert found.mou is not None and found.mou.lines and found.verdict is Verdict.READY
    assert found == given


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: mou-xa-inf-01", "id: mou-xa-inf-09"),
        ("effective: 2026-10-01", "effective: 2026-10-02"),
        ("units: [XA-INF-01]", "units: [XA-INF-01, XA-INF-02]"),
    ],
)
def test_a_file_changed_after_indexing_makes_its_unit_invalid(folder: Path, old: str, new: str) -> None:
    settings = api.settings([str(folder)], as_of=AS_OF)
    path = folder / MOU.name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = check_file(DECLARATION, settings)
    assert result.verdict is Verdict.INVALID and result.mou is None
    (error,) = result.errors
    assert error.location.path == str(path) and error.location.line == 9
    assert "changed while the run read it" in error.message


def test_a_file_broken_after_indexing_gives_its_own_located_errors(folder: Path) -> None:
    settings = api.settings([str(folder)], as_of=AS_OF)
    path = folder / MOU.name
    path.write_text(path.read_text(encoding="utf-8").replace("effective: 2026-10-01", "effective: soon"), "utf-8")
    result = check_file(DECLARATION, settings)
    broken = api.settings(as_of=AS_OF, mous=[str(path)]).mous[0]
    assert isinstance(broken, BrokenMou)
    assert result.verdict is Verdict.INVALID and result.errors == broken.errors


def test_a_file_removed_after_indexing_is_a_located_error(folder: Path) -> None:
    settings = api.settings([str(folder)], as_of=AS_OF)
    (folder / MOU.name).unlink()
    result = check_file(DECLARATION, settings)
    assert result.verdict is Verdict.INVALID
    assert result.errors and result.errors[0].location.path == str(folder / MOU.name)


def test_the_first_read_takes_the_mou_kept_from_the_same_bytes_and_a_later_one_the_file(folder: Path) -> None:
    path = folder / MOU.name
    library = Library(search_path([str(folder)]))
    (indexed,) = library.mous
    assert isinstance(indexed, IndexedMou)
    assert indexed.digest == digest(path.read_bytes()) and len(indexed.kept) == 1
    whole = kept_for_runs(read_mou(load(str(path))))
    first = indexed.read()
    assert indexed.kept == []  # taken: the memory it held is freed as units are checked
    second = indexed.read()  # from the file, as without a kept copy
    for again in (first, second):
        assert isinstance(again, LoadedMou) and again.model == whole.model and again.places == whole.places
        assert again.path == whole.path
        assert [again.line_location(i) for i in range(len(again.model.major_equipment))] == [
            whole.line_location(i) for i in range(len(whole.model.major_equipment))
        ]


def test_an_mou_indexed_without_a_digest_keeps_no_copy(folder: Path) -> None:
    loaded = read_mou(load(str(folder / MOU.name)))
    indexed = IndexedMou.of(loaded, DEFAULT_LIMITS)
    assert indexed.digest == b"" and indexed.kept == []
    assert indexed.read().model == loaded.model


def test_a_file_changed_after_indexing_but_for_its_choice_is_verified_as_it_is_now(folder: Path) -> None:
    # The same id, effective date and units: the unit is verified against the file as it now
    # is, as when the search path kept nothing of it, never against the copy kept.
    settings = api.settings([str(folder)], as_of=AS_OF)
    path = folder / MOU.name
    path.write_text(path.read_text(encoding="utf-8").replace("quantity: 20", "quantity: 400"), encoding="utf-8")
    result = check_file(DECLARATION, settings)
    assert result.mou is not None and result.mou.lines[0].quantity == 400
    assert result.verdict is not Verdict.READY
    fresh = check_file(DECLARATION, api.settings([str(folder)], as_of=AS_OF))
    assert result == fresh


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "- a list\n",
        "a single value\n",
        "pkcheck: mou/v1\nid: [unclosed\n",
        "pkcheck: mou/v1\nid: a\nid: b\n",
        "pkcheck: mou/v1\n\tid: tab\n",
        b"pkcheck: mou/v1\nid: \xff\n",
    ],
)
def test_load_digested_reads_as_load_does(tmp_path: Path, text: str | bytes) -> None:
    path = tmp_path / "mou.yaml"
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    path.write_bytes(raw)
    try:
        expected = load(str(path))
    except InputError as exc:
        with pytest.raises(InputError) as raised:
            load_digested(str(path))
        assert raised.value.diagnostics == exc.diagnostics
    else:
        document, summed = load_digested(str(path))
        assert document == expected and summed == digest(raw)


def test_load_digested_reads_a_valid_mou_as_load_does() -> None:
    document, summed = load_digested(str(MOU))
    assert document == load(str(MOU)) and summed == digest(MOU.read_bytes())
    assert digest(MOU.read_bytes() + b"\n") != summed
