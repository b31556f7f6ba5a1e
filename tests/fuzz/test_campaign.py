"""The campaign (``campaign.py``): hostile and extreme inputs through ``check``, ``gaps``, ``diff``
and ``lint`` in every format, each output read back with its real parser.

The corpus (``tests/data/fuzz/``: one minimal input per class of failure the campaign has
found) is replayed first, each through the commands it broke; then a few generated worlds per
command. The quick run tries the same worlds every time and shows a failure as found, without
shrinking it; ``tests/fuzz/README.md`` gives the long run, which shrinks.
"""

from __future__ import annotations

import os

import pytest
from campaign import COMMANDS, assert_kept
from hostile import worlds
from hypothesis import Phase, given, settings
from mutations import REPO
from world import World, load_corpus

CORPUS = load_corpus(REPO / "tests" / "data" / "fuzz")
LONG = os.environ.get("PKCHECK_HYPOTHESIS") == "fuzz"
CAMPAIGN = settings() if LONG else settings(max_examples=4, derandomize=True, phases=(Phase.explicit, Phase.generate))


def _read(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def _example_world() -> World:
    """Three example declarations, a standard in two versions from the diff tests, and the
    example waivers: ordinary input, of which every output must pass every reader."""
    names = ("xa-inf-01-ready.yaml", "xb-inf-02-conditional.yaml", "xe-inf-05-high-threat-ready.json")
    return World(
        declarations={name: _read(f"examples/{name}") for name in names},
        old_standard=_read("tests/data/diff/minimums/old.yaml"),
        new_standard=_read("tests/data/diff/minimums/new.yaml"),
        waivers=_read("examples/waivers.yaml"),
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_campaign_readers_accept_ordinary_reports(command: str) -> None:
    """No false alarm: the reports of the examples break no promise the campaign checks."""
    assert_kept(COMMANDS[command](_example_world()))


def test_campaign_corpus_is_found() -> None:
    assert len(CORPUS) >= 10
    assert all(world.what and set(world.commands) <= set(COMMANDS) for _, world in CORPUS)


@pytest.mark.parametrize(
    ("command", "world"),
    [pytest.param(command, world, id=f"{name[:-5]}-{command}") for name, world in CORPUS for command in world.commands],
)
def test_campaign_corpus(command: str, world: World) -> None:
    """Each stored input, through the commands it broke: now every promise holds."""
    assert_kept(COMMANDS[command](world))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@CAMPAIGN
@given(worlds())
def test_campaign(command: str, world: World) -> None:
    """Generated worlds through each command: every promise holds."""
    assert_kept(COMMANDS[command](world))
