"""A large standards folder of a run with several processes has its MOUs read in worker
processes (``Library._read_ahead``): the library is the same as one read file by file, errors
and their order included, whatever the files are and whatever happens to a worker."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from pkcheck import api, parallel
from pkcheck.formats.json_report import render
from pkcheck.library import standards
from pkcheck.library.standards import Library, search_path, shipped_folder

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="worker processes are forked")

MOUS = Path("tests/data/mou")
AS_OF = "2026-11-26"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """MOUs of every sort beside a standard, a vocabulary, a report pkcheck wrote, a file that
    is not YAML and a companion of translations."""
    for path in [*sorted(MOUS.glob("*.yaml")), *sorted((MOUS / "bad").glob("*.yaml")), MOUS / "mou-xf.json"]:
        if path.name not in {"cases.yaml", "expected.yaml"}:
            shutil.copy(path, tmp_path / f"{path.parent.name}-{path.name}")
    shutil.copy(MOUS / "search" / "mou-xb-inf-02.yaml", tmp_path / "search-mou-xb-inf-02.yaml")
    standard = (shipped_folder() / "un-level-1-hospital.yaml").read_text(encoding="utf-8")
    (tmp_path / "local-hospital.yaml").write_text(
        standard.replace("id: un-level-1-hospital", "id: local-hospital", 1), encoding="utf-8"
    )
    (tmp_path / "report.json").write_text(json.dumps({"pkcheck": "report/v1"}), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("pkcheck: mou/v1\nid: [\n", encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"\x00\xff\xfe garbage")
    (tmp_path / "unknown-kind.yaml").write_text("pkcheck: mou/v9\nid: x\n", encoding="utf-8")
    return tmp_path


def _state(library: Library) -> dict[str, Any]:
    """What a library read from its folders holds, as comparable values."""
    return {
        "mous": [
            (type(m).__name__, m.path, getattr(m, "mou_id", None), tuple(getattr(m, "units", ()))) for m in library.mous
        ],
        "by_unit": {unit: [m.path for m in found] for unit, found in library._mous_by_unit.items()},
        "errors": [(str(e.location), e.message, e.level) for e in library.errors],
        "standards": {sid: loaded.document.path for sid, loaded in library.standards.items()},
        "vocabularies": len(library.vocabularies),
        "translations": library.translation_files,
        "kept": [getattr(m, "kept", None) for m in library.mous],
    }


def test_the_folder_is_large_enough_to_be_read_ahead(folder: Path) -> None:
    files = [path for path in folder.iterdir() if not path.name.startswith(".")]
    assert len(files) >= 20


@pytest.mark.parametrize("jobs", [2, 3])
def test_read_ahead_gives_the_library_read_file_by_file(
    folder: Path, jobs: int, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("marks")
    one_by_one = _state(Library(search_path([str(folder)]), jobs=1))
    marks = tmp_path / "marks"
    marks.mkdir()
    original = standards._mou_read_ahead

    def marked(limits: Any, path: str) -> Any:
        (marks / f"{os.getpid()}-{Path(path).name}").touch()  # which process read which file
        return original(limits, path)

    monkeypatch.setattr(standards, "READ_IN_WORKERS_FROM", 2)
    monkeypatch.setattr(standards, "_mou_read_ahead", marked)
    ahead = _state(Library(search_path([str(folder)]), jobs=jobs))
    assert ahead == one_by_one
    assert one_by_one["errors"], "the folder holds broken files"
    assert len(one_by_one["mous"]) >= 10
    readers = {mark.name.partition("-")[0] for mark in marks.iterdir()}
    read = {mark.name.partition("-")[2] for mark in marks.iterdir()}
    assert read >= {path.name for path in folder.iterdir()}  # the shipped folder's files too
    assert str(os.getpid()) not in readers  # every file was read in a worker process
    assert len(readers) >= 2


def test_a_small_folder_or_one_process_reads_here(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: Any) -> Any:
        raise AssertionError("no worker processes for this library")

    monkeypatch.setattr(parallel, "run_in_workers", refused)
    Library(search_path([str(folder)]), jobs=2)  # fewer files than READ_IN_WORKERS_FROM
    monkeypatch.setattr(standards, "READ_IN_WORKERS_FROM", 2)
    Library(search_path([str(folder)]), jobs=1)


def test_a_worker_that_dies_costs_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed on a file: the file is read here, and the library is the same."""
    one_by_one = _state(Library(search_path([str(folder)]), jobs=1))
    original = standards._mou_read_ahead

    def dying(limits: Any, path: str) -> Any:
        if path.endswith("two-units.yaml"):
            os._exit(9)
        return original(limits, path)

    monkeypatch.setattr(standards, "READ_IN_WORKERS_FROM", 2)
    monkeypatch.setattr(standards, "_mou_read_ahead", dying)
    assert _state(Library(search_path([str(folder)]), jobs=2)) == one_by_one


def test_a_portfolio_checked_with_mous_read_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the API: the same report, byte for byte, with the search path's MOUs read ahead."""
    search = tmp_path / "search"
    search.mkdir()
    for path in sorted(MOUS.glob("*.yaml")):
        if "\npkcheck: mou/v1\n" in "\n" + path.read_text(encoding="utf-8"):
            shutil.copy(path, search / path.name)
    shutil.copy(MOUS / "search" / "mou-xb-inf-02.yaml", search / "mou-xb-inf-02.yaml")
    paths = ["examples/"]
    serial = render(api.check(paths, standards_path=[str(search)], as_of=AS_OF, jobs=1))
    monkeypatch.setattr(standards, "READ_IN_WORKERS_FROM", 2)
    parallel_report = render(api.check(paths, standards_path=[str(search)], as_of=AS_OF, jobs=2))
    assert parallel_report == serial
    assert '"mou": {' in serial  # some unit was verified against an MOU of the search path
