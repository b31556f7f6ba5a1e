"""Data-driven tests of ``pkcheck.analyses.diff.compare``: one folder per case under ``tests/data/diff``.

Each case folder has ``old.yaml`` and ``new.yaml`` (two versions of a standard), optionally a
``lib/`` folder of parent standards (the search path of both) and an ``against/`` folder of
declarations (``--against``), and ``expect.yaml``:

- ``changes``: every field change, exactly: ``{requirement, field, old, new, direction}``, and
  optionally ``line`` (of its location), ``path`` (the location's file name, default
  ``new.yaml``) and ``note`` (a substring of the note, or a list of substrings found in that
  order). Two changes of one requirement and field differ by direction. ``note_fr`` is the
  note in French (``--lang fr``), as ``note``.
- ``relaxed``: whether ``--fail-on-relaxation`` fails (removed, relaxed or possibly relaxed).
- ``added``: ``{requirement, line}``; ``removed``: ``{requirement, reason, line}`` (``line`` of
  NEW's ``removes`` entry, null when NEW gives none), optionally ``old_path`` (the name of the
  file that defines it in OLD, default ``old.yaml``). Both are exact lists; absent means none.
- ``parameters``: exact list of ``{name, old, new, used_by}`` (a scheduled one's value is its
  entries, ``[{from: "2021-01-01", value: 0.08}, ...]``), optionally ``line``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pkcheck import api, i18n
from pkcheck.analyses.diff import StandardDiff

CASES = Path(__file__).resolve().parents[1] / "data" / "diff"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expect.yaml").is_file())
CHANGE_KEYS = ("requirement", "field", "old", "new", "direction")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _diff(case: Path) -> StandardDiff:
    lib, against = case / "lib", case / "against"
    return api.diff(
        str(case / "old.yaml"),
        str(case / "new.yaml"),
        standards_path=[str(lib)] if lib.is_dir() else [],
        against=[str(against)] if against.is_dir() else [],
    )


def _in_order(parts: str | list[str], text: str) -> bool:
    """Whether each part is in ``text``, one after the other."""
    position = 0
    for part in [parts] if isinstance(parts, str) else parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_every_rule_has_a_case() -> None:
    assert len(CASE_NAMES) >= 8, CASE_NAMES


@pytest.mark.parametrize("name", CASE_NAMES)
def test_diff_case(name: str) -> None:
    case = CASES / name
    expect = YAML(typ="safe", pure=True).load((case / "expect.yaml").read_text(encoding="utf-8")) or {}
    diff = _diff(case)
    actual = {(c.requirement, x.field, x.direction.value): x for c in diff.changed for x in c.changes}
    assert len(actual) == sum(len(c.changes) for c in diff.changed), "a requirement, field and direction appear twice"
    wanted = expect.get("changes") or []
    got = sorted(repr((key[0], x.field, _plain(x.old), _plain(x.new), key[2])) for key, x in actual.items())
    assert got == sorted(repr(tuple(w[k] for k in CHANGE_KEYS)) for w in wanted), "\n".join(got)
    for w in wanted:
        change = actual[(w["requirement"], w["field"], w["direction"])]
        assert change.location.path.endswith(w.get("path", "new.yaml")), change
        if "line" in w:
            assert change.location.line == w["line"], change
        if "note" in w:
            assert _in_order(w["note"], change.note), change
    french = [w for w in wanted if "note_fr" in w]
    if french:
        i18n.use("fr")
        in_french = {(c.requirement, x.field, x.direction.value): x for c in _diff(case).changed for x in c.changes}
        for w in french:
            change = in_french[(w["requirement"], w["field"], w["direction"])]
            assert _in_order(w["note_fr"], change.note), change
    if "relaxed" in expect:
        assert diff.relaxed is expect["relaxed"]
    _check_added_removed(diff, expect)
    _check_parameters(diff, expect)


def _check_added_removed(diff: StandardDiff, expect: dict[str, Any]) -> None:
    assert [a.requirement for a in diff.added] == [a["requirement"] for a in expect.get("added") or []]
    for added, wanted in zip(diff.added, expect.get("added") or [], strict=True):
        assert added.location.path.endswith("new.yaml") and added.location.line == wanted["line"], added
    assert [r.requirement for r in diff.removed] == [r["requirement"] for r in expect.get("removed") or []]
    for removed, wanted in zip(diff.removed, expect.get("removed") or [], strict=True):
        assert removed.reason == wanted["reason"], removed
        assert (removed.location.line if removed.location else None) == wanted["line"], removed
        assert Path(removed.old_location.path).name == wanted.get("old_path", "old.yaml"), removed


def _check_parameters(diff: StandardDiff, expect: dict[str, Any]) -> None:
    actual = [
        {"name": p.name, "old": _plain(p.old), "new": _plain(p.new), "used_by": list(p.used_by)}
        for p in diff.parameters
    ]
    wanted = expect.get("parameters") or []
    assert actual == [{k: w[k] for k in ("name", "old", "new", "used_by")} for w in wanted]
    for parameter, w in zip(diff.parameters, wanted, strict=True):
        if "line" in w:
            assert parameter.location is not None and parameter.location.line == w["line"], parameter
