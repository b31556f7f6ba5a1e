"""The shipped standards parsed ahead (``pkcheck.load.parsed``): the index is up to date, holds
exactly what parsing gives, positions included, and is used only for the very bytes it was
made from, under limits at least the defaults."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pkcheck.library.standards import Library, shipped_folder
from pkcheck.load import parsed, yamlio
from pkcheck.load.limits import DEFAULT_LIMITS, Limits
from pkcheck.load.locate import locate

SHIPPED = sorted(parsed._indexed_files(shipped_folder()))


@pytest.fixture
def fresh_index() -> Iterator[None]:
    parsed._index.cache_clear()
    yield
    parsed._index.cache_clear()


def _entries() -> dict[str, Any]:
    index: dict[str, Any] = json.loads(parsed.INDEX.read_text(encoding="utf-8"))
    files: dict[str, Any] = index["files"]
    return files


def test_the_index_is_up_to_date() -> None:
    """Changing a shipped standard means writing the index again: `python -m pkcheck.load.parsed`."""
    assert parsed.INDEX.read_text(encoding="utf-8") == parsed.build(shipped_folder())


def test_every_standard_and_vocabulary_is_indexed_and_no_companion() -> None:
    names = set(_entries())
    assert names == {path.name for path in SHIPPED}
    assert "vocabulary.yaml" in names and "un-infantry-battalion.yaml" in names
    assert not any(".fr." in name for name in names)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_the_index_holds_what_parsing_gives(path: Path) -> None:
    """Data and every position (keys, values, items) alike: a finding located through the index
    points where one located through the parser does."""
    raw, (data, warnings) = yamlio.read_parsed(str(path), DEFAULT_LIMITS)
    known = parsed.known(yamlio.digest(raw), DEFAULT_LIMITS)
    assert known is not None
    again, known_warnings = known
    assert again == data
    assert parsed.encode(again) == parsed.encode(data)  # positions too: dict equality ignores them
    assert known_warnings == warnings


def test_decode_undoes_encode_with_positions() -> None:
    _raw, (data, _warnings) = yamlio.read_parsed(str(shipped_folder() / "un-level-1-hospital.yaml"), DEFAULT_LIMITS)
    decoded = parsed.decode(parsed.encode(data))
    assert decoded == data
    requirement = ("requirements", 2, "check", "settings")
    assert locate("f", decoded, requirement) == locate("f", data, requirement)
    assert decoded["requirements"][2].key_positions == data["requirements"][2].key_positions


def test_a_copy_under_another_name_reads_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.yaml"
    shutil.copyfile(shipped_folder() / "un-infantry-battalion.yaml", copy)
    document, _digest = yamlio.load_digested(str(copy))
    assert document.path == str(copy)
    assert parsed.encode(document.data) == _entries()["un-infantry-battalion.yaml"]["data"]


def test_a_changed_file_is_parsed(tmp_path: Path) -> None:
    """One byte differs: the index does not apply, and the file's own data is read."""
    text = (shipped_folder() / "un-infantry-battalion.yaml").read_text(encoding="utf-8")
    version = Library([str(shipped_folder())]).standards["un-infantry-battalion"].model.version
    changed = tmp_path / "un-infantry-battalion.yaml"
    changed.write_text(text.replace(f"\nversion: {version}\n", f"\nversion: {version}-local\n", 1), encoding="utf-8")
    assert changed.read_bytes() != (shipped_folder() / "un-infantry-battalion.yaml").read_bytes()
    document, digest = yamlio.load_digested(str(changed))
    assert parsed.known(digest, DEFAULT_LIMITS) is None
    assert document.data["version"] == f"{version}-local"


@pytest.mark.parametrize(
    "limits",
    [Limits(max_nodes=100), Limits(max_depth=3), Limits(max_line_length=10)],
    ids=["nodes", "depth", "line length"],
)
def test_tighter_limits_parse_the_file_and_refuse_it(limits: Limits) -> None:
    """A run with a limit tighter than the defaults gets the error the parser gives, not the
    data parsed under the defaults."""
    path = shipped_folder() / "un-infantry-battalion.yaml"
    assert parsed.known(yamlio.digest(path.read_bytes()), limits) is None
    library = Library([str(shipped_folder())], limits)
    assert library.errors
    assert "un-infantry-battalion" not in library.standards


def test_larger_limits_still_use_the_index() -> None:
    larger = Limits(max_nodes=10**6, max_depth=500, max_line_length=10**7, max_bytes=10**9)
    path = shipped_folder() / "vocabulary.yaml"
    assert parsed.known(yamlio.digest(path.read_bytes()), larger) is not None


@pytest.mark.usefixtures("fresh_index")
@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"format": 999, "files": {}}',
        b"[]",
        b'{"format": 1, "files": []}',
        b'{"format": 1, "files": {"a.yaml": {"digest": 1, "data": [], "warnings": []}}}',
        b'{"format": 1, "files": {"a.yaml": {"digest": "00", "data": [0, 0, 0], "warnings": [1]}}}',
    ],
)
def test_a_missing_or_unreadable_index_costs_only_time(
    content: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "parsed.json"
    if content:
        index.write_bytes(content)
    monkeypatch.setattr(parsed, "INDEX", index)
    path = shipped_folder() / "un-level-2-hospital.yaml"
    assert parsed.known(yamlio.digest(path.read_bytes()), DEFAULT_LIMITS) is None
    library = Library([str(shipped_folder())])
    assert not library.errors
    assert "un-level-2-hospital" in library.standards


def test_the_check_command_says_when_the_index_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    current = parsed.INDEX.read_text(encoding="utf-8")
    stale = tmp_path / "parsed.json"
    stale.write_text(current.replace('"format":1', '"format":0', 1), encoding="utf-8")
    monkeypatch.setattr(parsed, "INDEX", stale)
    assert parsed.main(["--check"]) == 1
    assert "out of date: run `python -m pkcheck.load.parsed`" in capsys.readouterr().err
    assert parsed.main([]) == 0
    assert parsed.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == current
