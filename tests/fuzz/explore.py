"""A long campaign that keeps going after the first failure: one minimal input per class of failure.

    python tests/fuzz/explore.py check gaps --examples 2000 --minutes 20 --save tests/data/fuzz

For each command, worlds (``hostile.py``) are generated and run (``campaign.py``). A class of
failure (a ``Violation.kind``: command, format and the promise broken) not seen before makes
Hypothesis shrink that input to a minimal one, which is printed and, with ``--save``, written
to the corpus as ``<kind>.json``; then the search goes on for the classes not seen yet, round
after round, until a round of ``--examples`` inputs finds nothing new or the time is up.
The test suite's campaign (``test_campaign.py``) stops at the first failure instead.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from campaign import COMMANDS
from hostile import worlds
from world import World, load_corpus


class Found(AssertionError):
    """A class of failure not seen before; a subclass per class, so that Hypothesis shrinks and
    reports each one on its own."""


_CLASSES: dict[str, type[Found]] = {}


def _found(kind: str) -> Found:
    if kind not in _CLASSES:
        _CLASSES[kind] = type(f"Found{len(_CLASSES)}", (Found,), {})
    return _CLASSES[kind](kind)


CALLS = [0]  # worlds run, shrinking included


def explore(command: str, examples: int, known: set[str], round_seed: int) -> dict[str, World]:
    """The classes of failure of one round not in ``known``, each with its minimal world."""
    minimal: dict[str, World] = {}

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        report_multiple_bugs=True,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
    )
    @seed(round_seed)
    @given(worlds())
    def search(world: World) -> None:
        CALLS[0] += 1
        new = sorted({violation.kind for violation in COMMANDS[command](world)} - known)
        if new:
            minimal[new[0]] = world  # the last call for a class is Hypothesis's replay of its minimal input
            raise _found(new[0])

    with contextlib.suppress(Found, BaseExceptionGroup):
        search()
    return minimal


def slug(kind: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")[:80]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commands", nargs="+", choices=sorted(COMMANDS))
    parser.add_argument("--examples", type=int, default=1000, help="inputs per round (default 1000)")
    parser.add_argument(
        "--minutes",
        type=float,
        default=20,
        help="stop starting rounds after this long, all commands together (default 20)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--save", type=Path, help="write each minimal input to this folder (classes already there are not looked for)"
    )
    options = parser.parse_args()
    stop = time.monotonic() + options.minutes * 60
    for command in options.commands:
        known = {world.what for _, world in load_corpus(options.save)} if options.save else set()
        for round_number in range(1000):
            if time.monotonic() > stop:
                break
            new = explore(command, options.examples, known, options.seed * 1000 + round_number)
            if not new:
                break
            for kind, world in sorted(new.items()):
                known.add(kind)
                print(f"== {kind}\n{world.to_json()}", flush=True)
                if options.save:
                    options.save.mkdir(parents=True, exist_ok=True)
                    kept = World(**{**world.__dict__, "what": kind, "commands": (command,)})
                    (options.save / f"{slug(kind)}.json").write_text(kept.to_json(), encoding="utf-8")
        print(f"-- {command}: {len(known)} classes of failure, {CALLS[0]} worlds run", flush=True)


if __name__ == "__main__":
    main()
