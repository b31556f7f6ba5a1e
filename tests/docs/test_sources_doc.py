"""docs/sources.md lists where every number of the shipped standards comes from, read from their
`basis:` entries, so the page never drifts from the standards. Regenerate it with
``PKCHECK_UPDATE_GOLDEN=1 python -m pytest tests/docs``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pkcheck.library.schedules import schedule_text
from pkcheck.library.standards import EffectiveStandard, Library, LoadedStandard, shipped_folder
from pkcheck.models.standard import Basis

DOC = Path(__file__).resolve().parents[2] / "docs" / "sources.md"

INTRO = """# Where the shipped standards' numbers come from

Every parameter and every threshold of the standards shipped with pkcheck gives its basis
(`basis:` in the standard, see [formats](formats.md#standard)): a source with where in it, or
*illustrative*, a placeholder with what decides it in practice. This page is generated from the
standards by a test, so it lists what they say. Reports mark a required amount set by an
illustrative threshold `(illustrative)`; `pkcheck explain ID` gives a requirement's bases.

A number from a source is only as good as the source: references marked "secondary" in their
title summarise a UN document that could not be read in full. A threshold written as an
expression over parameters takes the bases of its parameters and is listed with them.
"""

Row = tuple[str, str, Basis]  # what (parameter or requirement and threshold), its value, its basis


def rows(loaded: LoadedStandard, effective: EffectiveStandard) -> Iterator[Row]:
    """The bases the standard's own file gives: its parameters', then its requirements'."""
    for name, basis in loaded.model.basis.items():
        schedule = effective.schedules.get(name)
        shown = schedule_text(schedule) if schedule else _shown(effective.parameters.get(name))
        yield f"parameter `{name}`", shown, basis
    sid = loaded.model.id
    for item in effective.requirements:
        if item.defined_in != sid and item.changed_by[-1:] != (sid,):
            continue
        settings = item.requirement.check.settings
        for key, basis in item.requirement.basis.items():
            yield f"`{item.requirement.id}` `{key}`", _shown(getattr(settings, key)), basis


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if value is None:
        return "-"
    if hasattr(value, "denominator"):  # a parameter, kept as a fraction
        return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    library = Library([str(shipped_folder())])
    sections = [INTRO]
    counted = {"source": 0, "illustrative": 0}
    for sid in sorted(library.standards):
        loaded, effective = library.standards[sid], library.effective(sid)
        found = list(rows(loaded, effective))
        sourced = [row for row in found if row[2].reference is not None]
        placeholders = [row for row in found if row[2].illustrative is not None]
        counted["source"] += len(sourced)
        counted["illustrative"] += len(placeholders)
        lines = [f"## `{sid}` {loaded.model.version}", "", f"{_cell(loaded.model.title)}."]
        if not found:
            lines += ["", "No numbers of its own."]
        if sourced:
            lines += [
                "",
                "From a source:",
                "",
                "| Number | Value | Source | Where in it |",
                "| --- | --- | --- | --- |",
            ]
            for what, value, basis in sourced:
                title = effective.references[str(basis.reference)].title
                lines.append(
                    f"| {what} | {_cell(value)} | `{basis.reference}`: {_cell(title)} | {_cell(str(basis.locator))} |"
                )
        if placeholders:
            lines += ["", "Illustrative:", "", "| Number | Value | What decides it |", "| --- | --- | --- |"]
            lines += [
                f"| {what} | {_cell(value)} | {_cell(str(basis.illustrative))} |" for what, value, basis in placeholders
            ]
        sections.append("\n".join(lines) + "\n")
    total = f"In all: {counted['source']} from a source, {counted['illustrative']} illustrative.\n"
    return "\n".join([sections[0], total, *sections[1:]])


def test_sources_page_is_the_standards_bases() -> None:
    rendered = render()  # composing every shipped standard once
    if os.environ.get("PKCHECK_UPDATE_GOLDEN"):
        DOC.write_text(rendered, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == rendered


def test_every_shipped_number_is_listed() -> None:
    """Each parameter a shipped standard sets and each threshold it gives a basis for is a row."""
    text = DOC.read_text(encoding="utf-8")
    library = Library([str(shipped_folder())])
    for sid, loaded in library.standards.items():
        for name in loaded.model.parameters:
            assert f"parameter `{name}`" in text, (sid, name)
        for requirement in loaded.model.requirements:
            for key in requirement.basis:
                assert f"`{requirement.id}` `{key}`" in text, (sid, requirement.id, key)
