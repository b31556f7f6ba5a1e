"""A run keeps each value its results hold alike once (``SharedValues``): packed results name
it instead of holding a copy, and read back equal, also after crossing to another process."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
from dataclasses import fields
from pathlib import Path

import pytest

from pkcheck import api, report
from pkcheck.engine import RunCache, check_file
from pkcheck.report import BasisInfo, Finding, Packed, PackedFindings, ReferenceInfo, SharedValues


def _text(words: str) -> str:
    return "".join(words)  # an equal string, another object


REMEDIATION = "Train every platoon in the course before deployment, and record it by person."
REFERENCES = (ReferenceInfo("un-manual", "United Nations manual", "https://example.org/manual"),)


def test_an_equal_value_is_kept_once_as_the_first_object() -> None:
    shared = SharedValues()
    first = shared.keep(REMEDIATION)
    again = _text(list(REMEDIATION))
    assert again is not first
    assert shared.keep(again) is first
    assert shared.keep((ReferenceInfo("un-manual", "United Nations manual", "https://example.org/manual"),)) is (
        shared.keep(REFERENCES)
    )
    assert shared.keep({"a": "title"}) == {"a": "title"}
    assert shared.keep({"a": "title"}) is shared.keep({"a": "title"})
    assert len(shared) == 3


def test_values_that_pickle_apart_are_kept_apart() -> None:
    shared = SharedValues()
    assert type(shared.keep((1,))[0]) is int
    assert type(shared.keep((1.0,))[0]) is float
    assert shared.keep(BasisInfo("quantity")) is not shared.keep(BasisInfo("quantity", parameter="p"))
    assert len(shared) == 4


def _items(shared: SharedValues) -> list[tuple[str, tuple[ReferenceInfo, ...], int]]:
    return [(shared.keep(_text(list(REMEDIATION))), shared.keep(REFERENCES), number) for number in range(20)]


def test_packed_with_the_store_names_its_values_and_reads_back_equal() -> None:
    shared = SharedValues()
    items = _items(shared)
    packed, alone = Packed(items, shared), Packed(items)
    assert packed == tuple(items) == alone
    assert len(packed._packed) < len(alone._packed) - len(REMEDIATION)  # the text is named, not held
    unpacked = packed.unpack()
    assert unpacked[0][0] is unpacked[19][0] is items[0][0]  # the one object kept


def test_sent_to_another_process_it_brings_the_values_it_names() -> None:
    shared = SharedValues()
    items = _items(shared)
    sent = pickle.dumps(Packed(items, shared))
    token = shared.token
    del shared
    gc.collect()
    # Where no store of that token lives, as in the process a worker sends its results to.
    assert report._STORES.get(token) is None
    copy = pickle.loads(sent)
    other = pickle.loads(sent)
    assert copy == tuple(items) == other
    assert copy._shared is other._shared and copy._shared is not None
    assert copy._shared.token == token and len(copy._shared) == 2
    # Both read the one object kept there.
    assert copy.unpack()[0][1] is other.unpack()[5][1]
    # And sent on again, still equal.
    assert pickle.loads(pickle.dumps(copy)) == tuple(items)


def test_a_store_adopts_only_the_values_it_lacks() -> None:
    shared = SharedValues()
    first = pickle.dumps(Packed(_items(shared), shared))
    later = shared.keep(_text(list("a value first kept after the first results were sent")))
    second = pickle.dumps(Packed([(later, shared.keep(REFERENCES), 1)], shared))
    del shared
    gc.collect()
    one, two = pickle.loads(first), pickle.loads(second)
    assert one._shared is two._shared and one._shared is not None and len(one._shared) == 3
    assert two.unpack()[0][1] is one.unpack()[0][1]  # the one held already, not a second copy
    assert two == ((later, REFERENCES, 1),) and one == tuple(_items(SharedValues()))


def _delivered(shared: SharedValues, value: object) -> bytes:
    with shared.delivering():
        return pickle.dumps(value)


def test_delivering_sends_each_value_once_and_reads_back_equal_in_order() -> None:
    """What a worker sends the process that reads all it sends, in order: the first result
    carries the values, the next ones only name them."""
    shared = SharedValues()
    items = _items(shared)
    first, second = _delivered(shared, Packed(items, shared)), _delivered(shared, Packed(items, shared))
    assert len(second) < len(first) - len(REMEDIATION)  # the text went with the first only
    assert pickle.dumps(Packed(items, shared)) == first  # outside ``delivering``, all go every time
    del shared
    gc.collect()
    one, two = pickle.loads(first), pickle.loads(second)
    assert one == two == tuple(items)
    assert two.unpack()[3][0] is one.unpack()[0][0]


def test_a_value_sent_before_but_not_received_is_an_unpickling_error() -> None:
    shared = SharedValues()
    items = _items(shared)
    _first = _delivered(shared, Packed(items, shared))  # never read
    second = _delivered(shared, Packed(items, shared))
    del shared
    gc.collect()
    with pytest.raises(pickle.UnpicklingError, match="was sent before but not received"):
        pickle.loads(second)


class _Unpicklable:
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("cannot be pickled")


def test_a_pickling_that_fails_sends_nothing_once_and_for_all() -> None:
    """Its values do not count as sent: the result sent instead (its file's error) names none,
    so the next result carries them."""
    shared = SharedValues()
    items = _items(shared)
    with pytest.raises(TypeError, match="cannot be pickled"):
        _delivered(shared, (Packed(items, shared), _Unpicklable()))
    again = _delivered(shared, Packed(items, shared))
    del shared
    gc.collect()
    assert pickle.loads(again) == tuple(items)


def test_a_store_used_in_a_forked_process_takes_a_token_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    shared = SharedValues()
    shared.keep(REMEDIATION)
    before = shared.token
    monkeypatch.setattr(report.os, "getpid", lambda: -1)
    assert shared.keep(REMEDIATION) == REMEDIATION  # already kept: nothing new numbered
    assert shared.token == before
    shared.keep("a value first kept in the forked process")
    assert shared.token != before
    assert report._STORES[shared.token] is shared


def test_a_number_no_store_keeps_is_an_unpickling_error() -> None:
    shared = SharedValues()
    with pytest.raises(pickle.UnpicklingError, match="no value 7 kept"):
        shared.value(7)


def test_a_value_kept_by_key_is_found_by_it_without_its_content() -> None:
    shared = SharedValues()
    first = shared.keep({"apc": "Armoured personnel carrier"}, ("titles", "apc", "Armoured personnel carrier"))
    again = shared.keep({"apc": "Armoured personnel carrier"}, ("titles", "apc", "Armoured personnel carrier"))
    assert again is first
    # Found by content too, and a key given later finds the same object.
    assert shared.keep({"apc": "Armoured personnel carrier"}) is first
    assert shared.keep({"apc": "Armoured personnel carrier"}, ("other", "apc")) is first
    assert shared.keep({}, ("titles", "apc", None)) == {}
    assert len(shared) == 2


def test_a_batchs_findings_name_every_value_kept_they_hold() -> None:
    # Findings are packed field by field: every field that holds a kept value (itself, or as
    # an element of a tuple) must be one that packing looks in, or the value is copied.
    mous = sorted(str(p) for p in Path("examples/mous").glob("*.yaml"))
    settings = api.settings(as_of=dt.date(2026, 11, 26), mous=mous)
    cache = RunCache()
    kept = cache.shared.key_of
    holding = set()
    for path in sorted(str(p) for p in Path("examples").glob("x*.yaml")):
        result = check_file(path, settings, cache)
        packed = result.packed(cache.shared).findings
        assert isinstance(packed, PackedFindings)
        for before, after in zip(result.findings, packed, strict=True):
            assert after == before
            for field in fields(Finding):
                value, read = getattr(before, field.name), getattr(after, field.name)
                pairs = [(value, read)] + (list(zip(value, read, strict=True)) if type(value) is tuple else [])
                shared = [(one, other) for one, other in pairs if kept(one) is not None]
                if shared:
                    holding.add(field.name)
                assert all(one is other for one, other in shared), field.name  # the one object kept
    assert {"title", "references", "remediation", "titles", "coe_categories", "basis"} <= holding
    assert holding <= set(report._KEPT_FIELDS[Finding])
