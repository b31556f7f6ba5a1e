"""A file is named as a user sees it: relative to the working directory where it lies under it."""

from __future__ import annotations

from pkcheck.diagnostics import seen_from


def test_a_file_under_the_root_is_named_relatively() -> None:
    assert seen_from("/repo/standards/core.yaml", "/repo") == "standards/core.yaml"


def test_a_file_elsewhere_or_relative_or_without_root_is_named_as_given() -> None:
    assert seen_from("/site/pkcheck/standards/core.yaml", "/repo") == "/site/pkcheck/standards/core.yaml"
    assert seen_from("standards/core.yaml", "/repo") == "standards/core.yaml"
    assert seen_from("/repo/standards/core.yaml", None) == "/repo/standards/core.yaml"
