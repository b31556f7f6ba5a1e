"""docs/check-kinds.md is the check modules' docstrings, so the reference never drifts from the
code. Regenerate it with ``PKCHECK_UPDATE_GOLDEN=1 python -m pytest tests/docs``."""

from __future__ import annotations

import os
from pathlib import Path

from pkcheck.checks import KINDS
from pkcheck.checks.kind import Kind

DOC = Path(__file__).resolve().parents[2] / "docs" / "check-kinds.md"

INTRO = """# Check kinds

A requirement's `check` names one kind and its settings. This page is generated from the
documentation of each check kind in `pkcheck/checks/` (`pkcheck explain ID` describes one
requirement's check in plain words). Thresholds are numbers or expressions over parameters and
declaration paths; see [the standard format](formats.md#standard) and
[writing standards](authoring-standards.md).
"""


def render() -> str:
    sections = [INTRO]
    for kind in KINDS:
        summary, _, body = KINDS[kind].doc.strip().partition("\n\n")
        title = summary.split(":", 1)[1].strip() if ":" in summary else summary
        sections.append(f"## `{kind}`\n\n{title[:1].upper()}{title[1:]}\n\n{body.strip()}\n{_based(KINDS[kind])}")
    return "\n".join(sections)


def _based(kind: Kind) -> str:
    """The settings a standard gives a basis for (``basis:`` of a requirement), as the kind says."""
    if not kind.based():
        return ""
    names = ", ".join(f"`{name}`" for name in kind.based())
    return f"\nThresholds, each of which takes a basis (`basis:` of the requirement): {names}.\n"


def test_check_kinds_page_is_the_docstrings() -> None:
    if os.environ.get("PKCHECK_UPDATE_GOLDEN"):
        DOC.write_text(render(), encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == render()


def test_every_check_kind_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"## `{kind}`" in text
        assert "PASS:" in KINDS[kind].doc and "FAIL:" in KINDS[kind].doc, (
            f"{kind}: give a passing and a failing example"
        )
